"""The offline edition: its search index and its reproducible zip."""

from __future__ import annotations

import json
import posixpath
import re
import zipfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from generator.offline import build_offline, index_script, search_entries

PAGE = """<html lang="{lang}"><head><title>{title}</title></head><body>
<nav>Navigation</nav><div data-pagefind-body><h1>{title}</h1><p>{text}</p>
<script>var hidden = 1;</script></div></body></html>"""


def test_search_entries_per_language_from_the_indexed_body():
    pages = {
        "package/measure-1.html": PAGE.format(lang="fr", title="Mesure 1", text="États membres"),
        "en/package/measure-1.html": PAGE.format(
            lang="en", title="Measure 1", text="Member States"
        ),
        "package/search.html": "<html lang='fr'><body><p>no indexed body</p></body></html>",
    }
    entries = search_entries(pages)
    assert sorted(entries) == ["en", "fr"]
    (fr,) = entries["fr"]
    assert fr == {
        "url": "package/measure-1.html",
        "title": "Mesure 1",
        "text": "Mesure 1 États membres",
    }


def test_index_script_is_a_plain_script_that_cannot_close_its_tag():
    script = index_script({"fr": [{"url": "a.html", "title": "</script>", "text": ""}]})
    assert script.startswith("window.EDITION_SEARCH = ") and "</script>" not in script
    assert json.loads(script.removeprefix("window.EDITION_SEARCH = ").rstrip(";\n"))


def _site(tmp_path) -> Path:
    site = tmp_path / "site"
    (site / "b").mkdir(parents=True)
    (site / "index.html").write_text(PAGE.format(lang="en", title="Home", text="home"))
    (site / "b" / "index.html").write_text(PAGE.format(lang="en", title="B", text="page"))
    return site


def test_zip_is_reproducible(tmp_path):
    site = _site(tmp_path)
    zips = []
    for run in ("1", "2"):
        zips.append(build_offline(site, tmp_path / f"{run}.zip").read_bytes())
        (site / "index.html").touch()
    assert zips[0] == zips[1]
    names = zipfile.ZipFile(tmp_path / "1.zip").namelist()
    assert names == [
        "15250-18/b/index.html",
        "15250-18/index.html",
        "15250-18/assets/offline-search.js",
    ]


def test_file_urls_point_at_index_pages():
    from generator.offline import file_url

    assert file_url("../measure-5/") == "../measure-5/index.html"
    assert file_url("glossary/#emsc") == "glossary/index.html#emsc"
    assert file_url("../search/?q=x") == "../search/index.html?q=x"
    assert file_url("..") == "../index.html"
    assert file_url("../..") == "../../index.html"
    assert file_url("../../#top") == "../../index.html#top"
    assert file_url("./") == "./index.html"
    for unchanged in ("x.css", "#fn:2", "http://a/b/", "/en/", "", "mailto:x@y.z"):
        assert file_url(unchanged) == unchanged


def test_offline_edition_rewrites_links_leaves_out_and_adds_the_index(tmp_path):
    site = tmp_path / "site"
    (site / "pagefind").mkdir(parents=True)
    (site / "pagefind" / "pagefind.js").write_text("x")
    (site / "sitemap.xml").write_text("<urlset/>")
    (site / "package" / "data").mkdir(parents=True)
    (site / "package" / "data" / "old.zip").write_bytes(b"PK")
    (site / "style.css").write_text("a{}")
    (site / "style.css.map").write_text("{}")
    (site / ".generated").write_text("index.html\n")
    (site / "assets" / "javascripts" / "lunr").mkdir(parents=True)
    (site / "assets" / "javascripts" / "lunr" / "tinyseg.js").write_text("x")
    (site / "index.html").write_text(
        '<html lang="en"><body><div data-pagefind-body><a href="package/">x</a></div></body></html>'
    )
    archive = zipfile.ZipFile(build_offline(site, tmp_path / "o.zip"))
    names = sorted(n.removeprefix("15250-18/") for n in archive.namelist())
    assert names == ["assets/offline-search.js", "index.html", "style.css"]
    assert b'href="package/index.html"' in archive.read("15250-18/index.html")
    assert b'"url": "index.html"' in archive.read("15250-18/assets/offline-search.js")


def test_only_attributes_after_a_space_are_links():
    from generator.offline import file_links

    html = '<a href="x/">1</a><a\nhref="y/">2</a><img src="../"><b data-href="z/" title="q/">'
    assert file_links(html) == (
        '<a href="x/index.html">1</a><a\nhref="y/index.html">2</a><img src="../index.html">'
        '<b data-href="z/" title="q/">'
    )


_PIECES = ["<script>a<b>", "</script>", "<SCRIPT x>", "</SCRIPT >", "<style>", "</style>"]
_PIECES += ["<p>", "</p>", "&amp;", "&eacute;", "&#38;", " ", "\n", "\u00a0", "word", "É"]


@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_visible_text_matches_the_reference_extraction(html):
    from html import unescape

    from generator.offline import _HIDDEN, _TAG, _text

    reference = re.sub(r"\s+", " ", unescape(_TAG.sub(" ", _HIDDEN.sub(" ", html)))).strip()
    assert _text(html) == reference


def test_every_link_of_the_real_offline_edition_opens_a_file(real_site):
    """From file://, a link to a folder shows a listing and one from the disk's
    root leaves the edition: every link of every page (404 pages aside: no
    server, no 404) opens a file of the zip."""
    import posixpath
    from urllib.parse import unquote, urlsplit

    from generator.offline import _URL_ATTRIBUTE
    from generator.opendata import FOLDER, OFFLINE_NAME

    archive = zipfile.ZipFile(real_site / FOLDER / OFFLINE_NAME)
    names = set(archive.namelist())
    broken = set()
    for name in sorted(n for n in names if n.endswith(".html") and not n.endswith("404.html")):
        html = archive.read(name).decode("utf-8")
        for match in _URL_ATTRIBUTE.finditer(html):
            link = match[1]
            if not html[match.start() - 1].isspace() or re.match(r"^([a-z]+:|#|$)", link):
                continue
            path = unquote(urlsplit(link).path)
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), path))
            if target.endswith(OFFLINE_NAME):  # the zip does not hold itself
                continue
            if link.startswith("/") or target not in names:
                broken.add((name, link))
    assert len(names) > 100 and not broken, sorted(broken)[:20]


# -- the offline search's stems: stem.js's, the one stemmer --------------------
ASSETS = Path(__file__).resolve().parent.parent / "overrides" / "assets"
# search.js run in Node with no page (both of its parts return at once), then
# the stem its offline search gives each word, beside stem.js's own
_STEMS = """
const vm = require("vm"), fs = require("fs");
globalThis.window = globalThis;
globalThis.location = { search: "", protocol: "file:" };
globalThis.document = { getElementById: () => null, querySelector: () => null };
for (const name of ["stem.js", "search.js"]) vm.runInThisContext(fs.readFileSync(process.argv[1] + "/" + name, "utf8"));
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const out = {};
for (const lang in input) {
  const offline = stemmer(lang);
  out[lang] = input[lang].map(w => [offline(w), EditionStem.stem(w, lang)]);
}
process.stdout.write(JSON.stringify(out));
"""


def test_the_offline_search_stems_words_with_stem_js_only():
    """The offline search (search.js, from file://) has no ending-stripper of
    its own: its stems are stem.js's (Snowball, as the site search's), words
    where a rough stripper and Snowball differ included, and stem.js is loaded
    before it on every page."""
    import subprocess

    import yaml

    script = (ASSETS / "search.js").read_text(encoding="utf-8")
    # no list of endings cut off a word's end, no letters sliced off it
    assert not re.search(r"/\([^/\n]*\|[^/\n]*\)\$/", script), "search.js strips endings itself"
    assert ".slice(0, -" not in script
    assert "EditionStem.stem" in script
    words = {
        "fr": ["renforce", "renforcement", "etats", "reseaux", "organisations", "prevoyaient"],
        "en": ["networks", "referrals", "smuggling", "frontex", "states", "deadlines"],
    }
    run = subprocess.run(
        ["node", "-e", _STEMS, str(ASSETS)],
        input=json.dumps(words),
        capture_output=True,
        text=True,
        check=True,
    )
    pairs = json.loads(run.stdout)
    assert all(offline == snowball for lang in pairs for offline, snowball in pairs[lang]), pairs
    config = yaml.load(
        (ASSETS.parent.parent / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader
    )
    scripts = [s for s in config["extra_javascript"] if isinstance(s, str)]
    assert scripts.index("assets/stem.js") < scripts.index("assets/search.js"), scripts


def test_the_real_offline_edition_loads_stem_js_before_its_search(real_site):
    """Every page of the zip that runs the search script has stem.js, loaded first."""
    from generator.opendata import FOLDER, OFFLINE_NAME

    archive = zipfile.ZipFile(real_site / FOLDER / OFFLINE_NAME)
    names = set(archive.namelist())
    pages = [n for n in sorted(names) if n.endswith("search/index.html")]
    assert pages
    for name in pages:
        html = archive.read(name).decode("utf-8")
        sources = re.findall(r'<script src="([^"]*assets/(?:stem|search)\.js)', html)
        assert [s.rsplit("/", 1)[1] for s in sources] == ["stem.js", "search.js"], (name, sources)
        base = name.rsplit("/", 1)[0]
        assert posixpath.normpath(posixpath.join(base, sources[0])) in names
