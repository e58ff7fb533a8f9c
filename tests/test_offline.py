"""The offline edition: its search index and its reproducible zip."""

from __future__ import annotations

import json
import zipfile

from generator.offline import fold, index_script, search_entries, write_zip

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


def test_fold_drops_case_and_accents():
    assert fold("États Membres, renforcé") == "etats membres, renforce"


def test_zip_is_reproducible(tmp_path):
    site = tmp_path / "site"
    (site / "b").mkdir(parents=True)
    (site / "index.html").write_text("home")
    (site / "b" / "page.html").write_text("page")
    first = write_zip(site, tmp_path / "1.zip").read_bytes()
    (site / "index.html").touch()
    second = write_zip(site, tmp_path / "2.zip").read_bytes()
    assert first == second
    names = zipfile.ZipFile(tmp_path / "1.zip").namelist()
    assert names == ["15250-18/b/page.html", "15250-18/index.html"]


def test_file_urls_point_at_index_pages():
    from generator.offline import file_url

    assert file_url("../measure-5/") == "../measure-5/index.html"
    assert file_url("glossary/#emsc") == "glossary/index.html#emsc"
    assert file_url("../search/?q=x") == "../search/index.html?q=x"
    assert file_url("..") == "../index.html"
    for unchanged in ("x.css", "#fn:2", "http://a/b/", "/en/", "", "mailto:x@y.z"):
        assert file_url(unchanged) == unchanged


def test_offline_copy_rewrites_links_and_adds_the_index(tmp_path):
    from generator.offline import offline_copy

    site = tmp_path / "site"
    (site / "pagefind").mkdir(parents=True)
    (site / "index.html").write_text(
        '<html lang="en"><body><div data-pagefind-body><a href="package/">x</a></div></body></html>'
    )
    copy = offline_copy(site, tmp_path / "copy")
    assert 'href="package/index.html"' in (copy / "index.html").read_text()
    assert not (copy / "pagefind").exists()
    assert (copy / "assets" / "offline-search.js").is_file()
