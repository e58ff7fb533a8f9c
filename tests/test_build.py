"""Build a small bilingual site with MkDocs and check what it produced."""

from __future__ import annotations

import os
import re
import signal
from pathlib import Path

import pytest
from conftest import MINI
from sitebuild import (
    BUILD_LOG,
    html_pages,
    is_external,
    make_project,
    mkdocs,
    parse,
    resolve,
    shared_build,
    tree,
)

from generator import load_document
from generator.folder import LOCK, MANIFEST, lock_path

LANGUAGE_ROOTS = {"fr": "", "en": "en/"}
PAGES = [
    "index.html",
    "package/measure-1/index.html",
    "package/measure-2/index.html",
    "package/actors/index.html",
    "package/actors/emsc/index.html",
    "package/actors/member-states/index.html",
    "package/glossary/index.html",
    "package/full-text/index.html",
    "about/index.html",
    "edit/index.html",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return shared_build(tmp_path_factory, "mini", MINI)


@pytest.mark.parametrize("language", sorted(LANGUAGE_ROOTS))
def test_every_page_exists_in_both_languages(site, language):
    for page in PAGES:
        path = site / LANGUAGE_ROOTS[language] / page
        assert path.is_file(), path
        assert f'<html lang="{language}"' in path.read_text(encoding="utf-8"), path


def test_generated_pages_stay_in_their_folder(site):
    generated = site.parent / "docs" / "package"
    names = sorted(p.relative_to(generated).as_posix() for p in generated.rglob("*.md"))
    assert "measure-1.fr.md" in names and "measure-1.en.md" in names
    assert all(re.search(r"\.(fr|en)\.md$", n) for n in names)
    assert (generated / MANIFEST).read_text().split() == sorted(
        p.relative_to(generated).as_posix()
        for p in generated.rglob("*")
        if p.is_file() and p.name not in (MANIFEST, LOCK)
    )


def test_every_internal_link_and_anchor_resolves(site):
    broken = []
    for page in html_pages(site):
        for _tag, _attribute, ref in parse(page).refs:
            if is_external(ref) or ref.startswith(("mailto:", "data:", "javascript:")):
                continue
            target, fragment = resolve(site, page, ref)
            if target is None:
                broken.append(f"{page.relative_to(site)}: {ref}")
            elif fragment and target.suffix == ".html" and fragment not in parse(target).ids:
                broken.append(f"{page.relative_to(site)}: {ref} (no anchor)")
    assert not broken, "\n".join(broken[:30])


def test_no_resource_from_a_third_party_host(site):
    found = []
    for page in html_pages(site):
        for tag, attribute, ref in parse(page).refs:
            if tag != "a" and is_external(ref):
                found.append(f"{page.relative_to(site)}: <{tag} {attribute}={ref}>")
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(([^)]+)\)|@import\s+['\"]([^'\"]+)", css.read_text()):
            ref = "".join(url).strip("'\"")
            if is_external(ref):
                found.append(f"{css.relative_to(site)}: {ref}")
    assert not found, "\n".join(found)


def test_measure_page_content(site):
    html = (site / "en/package/measure-1/index.html").read_text(encoding="utf-8")
    assert 'id="action-1-1"' in html and 'id="action-1-2"' in html
    assert 'href="../actors/emsc/"' in html
    assert (
        '<a class="gl" href="../glossary/#emsc" title="European Migrant Smuggling Centre">EMSC</a>'
        in html
    )
    assert 'id="fn:2"' in html and 'href="#fn:2"' in html


def test_every_page_leads_to_every_measure_by_section(site):
    """The sidebar (on a phone, the menu) lists the measures under their
    sections on every page of both languages."""
    doc = load_document(MINI)
    for page in html_pages(site):
        html = page.read_text(encoding="utf-8")
        sidebar = html.split("md-sidebar--primary", 1)[1].split("md-sidebar--secondary", 1)[0]
        # each measure's link: "N. Title" to measure-N/ (or "./" on its own page)
        links = re.findall(
            r'href="([^"#]*)"[^>]*>\s*<span class="md-ellipsis">\s*(\d+)\. ', sidebar
        )
        found = [n for href, n in links if href.endswith(f"measure-{n}/") or href == "./"]
        assert found == [str(m.number) for m in doc.measures], page
        for section in doc.sections:
            assert re.search(rf">\s*{section.id}\. ", sidebar), (page, section.id)


def test_build_is_strict_and_quiet(site):
    project = site.parent  # the shared build's, which kept what the build said
    said = (project / BUILD_LOG).read_text(encoding="utf-8")
    assert "Documentation built" in said and "WARNING" not in said, said
    beside = sorted(p.name for p in project.iterdir() if p.name.startswith("."))
    assert beside == [".site.lock"]  # nothing left beside but the lock (removing it would race)


@pytest.mark.parametrize(("folder", "language"), [("", "fr"), ("en/", "en")])
def test_one_404_page_per_language(site, folder, language):
    html = (site / folder / "404.html").read_text(encoding="utf-8")
    assert f'<html lang="{language}"' in html
    title = {"fr": "Page introuvable", "en": "Page not found"}[language]
    assert f"<h1>{title}</h1>" in html
    assert f'href="/{folder}package/glossary/"' in html  # absolute: works at any depth


def language_links(html: str) -> dict[str, str]:
    return dict(
        (lang, href)
        for href, lang in re.findall(
            r'<a href="([^"]*)" hreflang="(\w+)" class="md-select__link"', html
        )
    )


@pytest.mark.parametrize(
    ("page", "links"),
    [
        ("index.html", {"fr": ".", "en": "en/"}),  # relative: a sub-path, file:// too
        ("en/index.html", {"fr": "..", "en": "."}),
        ("package/measure-2/index.html", {"fr": "./", "en": "../../en/package/measure-2/"}),
        ("404.html", {"fr": "/", "en": "/en/"}),  # absolute: served at any depth
        ("en/404.html", {"fr": "/", "en": "/en/"}),  # not the last page built's
    ],
)
def test_the_language_switch_leads_to_the_same_page_in_the_other_language(site, page, links):
    html = (site / page).read_text(encoding="utf-8")
    found = {lang: href.rstrip("/") or "/" for lang, href in language_links(html).items()}
    assert found == {lang: href.rstrip("/") or "/" for lang, href in links.items()}


SEARCH_TYPES = {
    "index.html": "home",
    "package/measure-2/index.html": "measure",
    "package/actors/index.html": "actor",
    "package/actors/emsc/index.html": "actor",
    "package/glossary/index.html": "glossary",
    "package/full-text/index.html": "full_text",
    "package/explorer/index.html": "search_type_tool",
    "about/index.html": "search_type_about",
    "package/side-by-side/measure-2/index.html": None,  # repeats the measure: not searched
    "package/search/index.html": None,
}


@pytest.mark.parametrize("language", sorted(LANGUAGE_ROOTS))
def test_search_says_what_kind_of_page_each_is(site, language):
    interface = load_document(MINI).interface
    for page, key in SEARCH_TYPES.items():
        html = (site / LANGUAGE_ROOTS[language] / page).read_text(encoding="utf-8")
        found = re.findall(r'data-pagefind-meta="type:([^"]*)"', html)
        expected = [interface[key].get(language)] if key else []
        assert found == expected, page
        assert ("data-pagefind-body" in html) == bool(key), page


def test_hreflang_alternates_and_sitemap(site):
    html = (site / "package/measure-1/index.html").read_text(encoding="utf-8")
    assert re.search(
        r'<link rel="alternate" href="[^"]*/en/package/measure-1/" hreflang="en"', html
    )
    assert re.search(r'<link rel="alternate" href="[^"]*/package/measure-1/" hreflang="fr"', html)
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>http://localhost:8000/package/measure-1/</loc>" in sitemap
    assert "<loc>http://localhost:8000/en/package/measure-1/</loc>" in sitemap


def test_search_index_per_language(site):
    meta = sorted(p.name.split("_")[0] for p in (site / "pagefind").glob("pagefind.*.pf_meta"))
    assert meta == ["pagefind.en", "pagefind.fr"]


def test_what_search_leaves_out_says_so_as_pagefind_reads_it(site):
    """``data-pagefind-ignore`` with a value Pagefind knows (Markdown writes a bare
    attribute as ``data-pagefind-ignore="data-pagefind-ignore"``: Pagefind warns,
    once per element, and guesses)."""
    values = {
        value
        for page in html_pages(site)
        for value in re.findall(r'data-pagefind-ignore(?:="([^"]*)")?', page.read_text("utf-8"))
    }
    assert values and values <= {"all", "index"}, values


def test_a_missing_translation_fails_the_build(tmp_path):
    project = make_project(tmp_path / "p", MINI)
    (project / "docs" / "about.en.md").unlink()
    result = mkdocs(project, "build")
    assert result.returncode != 0
    line = "docs/about.en.md:1:1: missing: every hand-written page exists in every language"
    assert line in result.stderr  # one line with the path, as check says it


def test_the_glossary_says_where_each_acronym_is_used_as_the_measure_pages_link_it(site):
    """ "Used in" and the links come from the same term matcher, plurals included."""
    for folder in ("", "en/"):
        glossary = (site / folder / "package/glossary/index.html").read_text(encoding="utf-8")
        used_in: dict[str, set[str]] = {}
        for entry_id, body in re.findall(r'<dt id="([^"]+)">(.*?)</dd>', glossary, re.S):
            used_in[entry_id] = set(re.findall(r'href="../measure-(\d+)/"', body))
        linked: dict[str, set[str]] = {entry: set() for entry in used_in}
        for page in (site / folder / "package").glob("measure-*/index.html"):
            number = page.parent.name.removeprefix("measure-")
            html = page.read_text(encoding="utf-8")
            content = html.split('<h2 id="related"', 1)[
                0
            ]  # other measures' titles are not this one's text
            for entry in re.findall(r'class="gl" href="../glossary/#([^"]+)"', content):
                linked[entry].add(number)
        assert used_in == linked


# -- side by side: the full text's anchors and contents, prev/next -------------
STRUCTURE = re.compile(
    r"^(part-\d(-section-[ivx]+)?|measure-\d+|action-\d+-\d+|annex-\d+|acronyms)$"
)


@pytest.mark.parametrize("folder", sorted(LANGUAGE_ROOTS.values()))
def test_the_side_by_side_full_text_has_the_full_texts_anchors_and_contents(site, folder):
    def anchors(page: str) -> list[str]:
        html = (site / folder / "package" / page / "index.html").read_text(encoding="utf-8")
        return [i for i in re.findall(r'\sid="([^"]+)"', html) if STRUCTURE.match(i)]

    assert anchors("full-text") and anchors("side-by-side/full-text") == anchors("full-text")
    html = (site / folder / "package/side-by-side/full-text/index.html").read_text(encoding="utf-8")
    contents = html.split("md-sidebar--secondary", 1)[1].split('class="md-content"', 1)[0]
    listed = re.findall(r'href="#([^"]+)"', contents)
    headings = [i for i in anchors("full-text") if not i.startswith("action-")]
    assert [i for i in listed if STRUCTURE.match(i)] == headings


def test_a_measure_links_to_its_rows_side_by_side_and_they_lead_on(site):
    doc = load_document(MINI)
    last = len(doc.measures)
    for number in range(1, last + 1):
        html = (site / f"en/package/measure-{number}/index.html").read_text(encoding="utf-8")
        assert f'href="../side-by-side/full-text/#measure-{number}"' in html
        assert f'href="../side-by-side/measure-{number}/"' in html
        side = (site / f"en/package/side-by-side/measure-{number}/index.html").read_text(
            encoding="utf-8"
        )
        assert f'href="../full-text/#measure-{number}"' in side
        pager = re.findall(r'rel="(prev|next)" href="\.\./measure-(\d+)/"', side)
        expected = [("prev", str(number - 1))] * (number > 1) + [("next", str(number + 1))] * (
            number < last
        )
        assert pager == expected


def test_a_page_has_the_same_anchors_in_both_languages(real_site):
    """The language switch keeps the #anchor: every heading below the title
    has the same id in French and in English (hand-written pages included)."""

    def anchors(page: Path) -> set[str]:
        return set(re.findall(r'<h[2-6][^>]*\sid="([^"]+)"', page.read_text(encoding="utf-8")))

    pairs = [
        (page, real_site / "en" / page.relative_to(real_site))
        for page in real_site.rglob("index.html")
        if page.relative_to(real_site).parts[0] != "en"
    ]
    differ = {
        str(fr.relative_to(real_site)): sorted(anchors(fr) ^ anchors(en))[:4]
        for fr, en in pairs
        if anchors(fr) != anchors(en)
    }
    assert len(pairs) > 80 and differ == {}


@pytest.mark.parametrize("language", sorted(LANGUAGE_ROOTS))
def test_the_side_by_side_text_has_every_anchor_of_the_full_text(real_site, language):
    """A link into the full text (#action-4-2, #fn:3, #footnotes) works on the
    side-by-side page too: the language switch and readers can swap them."""

    def ids(path: str) -> set[str]:
        page = real_site / LANGUAGE_ROOTS[language] / path / "index.html"
        body = page.read_text(encoding="utf-8").split('<div class="md-content"', 1)[1]
        return set(re.findall(r'\sid="([^"]+)"', body))

    full, side = ids("package/full-text"), ids("package/side-by-side/full-text")
    headings = {"texte-integral", "full-text"}  # the page's own title
    assert {"footnotes", "fn:3", "fnref:3"} <= full
    assert full - side - headings == set()


def test_every_heat_step_a_page_uses_is_styled(real_site):
    """A step of the who-does-what scale that no stylesheet of the site styles
    would show as a blank cell (a sixth step added to the scale, say)."""
    used = {
        int(level)
        for page in html_pages(real_site)
        for level in re.findall(r'class="[^"]*\bheat--(\d+)\b', page.read_text(encoding="utf-8"))
    }
    styles = "".join(
        p.read_text(encoding="utf-8")
        for p in real_site.rglob("*.css")
        if "assets/stylesheets" not in p.as_posix()  # the theme's own
    )
    styled = {int(n) for n in re.findall(r"\.heat--(\d+)\b", styles)}
    assert used and used <= styled, sorted(used - styled)


# -- the build's steps, without MkDocs (generator/build.py) --------------------
def test_a_build_for_publishing_needs_its_address():
    from generator.build import BuildError, check_publishing

    for local in ("http://localhost:8000/", "http://127.0.0.1/", ""):
        with pytest.raises(BuildError, match="Set SITE_URL"):
            check_publishing(local, publishing=True)
    check_publishing("http://localhost:8000/", publishing=False)
    check_publishing("https://owner.github.io/repo/", publishing=True, report_url="mailto:a@b.eu")
    with pytest.raises(BuildError, match="Set REPORT_URL"):  # reports to nobody
        check_publishing("https://owner.github.io/repo/", publishing=True)


def test_a_refusal_stops_a_build_but_a_preview_keeps_its_last_good_pages(capsys):
    from generator import generated
    from generator.build import Build, BuildError
    from generator.theme import Version

    with pytest.raises(BuildError, match="broken"):
        Build("build", False, Version("", "")).refuse("broken")
    preview = Build("serve", True, Version("", ""))
    with pytest.raises(BuildError):  # nothing to serve yet
        preview.refuse("broken")
    doc = load_document(MINI)
    rendering = generated.incremental.Rendering(doc, (), {})
    preview.generated = generated.Generated(doc, {}, generated.folder.SyncReport(), rendering)
    preview.refuse("broken again")
    assert "broken again" in capsys.readouterr().err


def test_a_preview_holds_the_generated_pages_until_mkdocs_has_read_them(tmp_path, monkeypatch):
    """The reverse of test_atomic.py's preview waiting for a build: a build
    (here, another holder of the lock) waits while a preview writes, then
    reads, its generation; a preview's rebuild that failed before its end does
    not lock out the next one."""
    from test_serve import free_port

    from generator import publish
    from generator.build import Build, Settings

    monkeypatch.setenv(publish.LOCK_WAIT_VARIABLE, "0.2")
    monkeypatch.setattr(publish, "start_index", lambda built, quiet: None)
    project = make_project(tmp_path / "p", MINI)
    served = tmp_path / "served"
    served.mkdir()
    settings = Settings(
        project / "mkdocs.yml",
        project / "docs",
        served,
        ("fr", "en"),
        "http://localhost:8000/",
        dev_addr=("127.0.0.1", free_port()),
    )
    generated = project / "docs" / "package"
    build = publish.Lock(generated, lock_path(generated))
    preview = Build("serve", True, say=lambda line: None)
    for _ in range(2):  # the first rebuild stopped before its end (no finish)
        preview.start(settings)
        assert (generated / "measure-1.fr.md").is_file()
        with pytest.raises(publish.PublishError, match=f"by the preview of pid {os.getpid()}"):
            build.acquire(wait=0)
    preview.finish(served, 0, False)
    build.acquire(wait=0)  # once MkDocs has read the pages
    build.release()


def test_a_build_told_to_hang_up_stops_as_one_interrupted():
    """SIGTERM and SIGHUP (the terminal closed): the build's ``KeyboardInterrupt``,
    whose exit removes the unfinished site (test_atomic.py: SIGINT and SIGTERM)."""
    from generator.build import stop_on_signals

    for stop in (signal.SIGTERM, signal.SIGHUP):
        before = signal.getsignal(stop)
        try:
            stop_on_signals()
            with pytest.raises(KeyboardInterrupt, match=f"stopped by signal {int(stop)}"):
                os.kill(os.getpid(), stop)
        finally:
            signal.signal(stop, before)


@pytest.mark.parametrize("language", sorted(LANGUAGE_ROOTS))
def test_outside_git_the_edition_is_the_newest_of_the_data(site, language):
    """The site is built in a copy of the project without .git (as from a
    downloaded archive): its footer, its history page and the pages the
    newest edition changed name the data's newest edition, not a commit."""
    doc = load_document(MINI)
    newest, first = doc.editions[-1], doc.editions[0]
    root = site / LANGUAGE_ROOTS[language]
    footer = tree(root / "package/glossary/index.html").find(class_="edition-line").text()
    assert f" {newest.version} " in footer and "2026" in footer, footer
    history = tree(root / "package/history/index.html")
    headings = [h.attrs.get("id") for h in history.find_all("h2")]
    assert headings == ["edition-1-1", "edition-1-0"]  # newest first, each its anchor
    assert f" {newest.version} " in history.find("h2").text()
    updated = {
        page: tree(root / page / "index.html").find(class_="last-updated")
        for page in ("package/measure-1", "package/measure-2", "package/actors/member-states")
    }
    assert updated["package/actors/member-states"] is None  # no change names it
    assert f" {newest.version} " in updated["package/measure-1"].text()
    assert f" {first.version} " in updated["package/measure-2"].text()  # changed by 1.0 only
    assert updated["package/measure-1"].find("a").attrs["href"].endswith("#edition-1-1")


def test_every_error_the_generator_raises_has_one_base():
    """A caller (the adapter, the CLI) catches ``EditionError`` to say a
    maintainer's error in one line; anything else is a bug. Every exception
    class of every module of the generator derives from it."""
    import importlib
    import inspect

    from conftest import ROOT

    from generator import EditionError

    found = []
    for path in sorted((ROOT / "generator").glob("[!_]*.py")):  # not __main__: it runs
        module = importlib.import_module(f"generator.{path.stem}")
        found += [
            c
            for _, c in inspect.getmembers(module, inspect.isclass)
            if issubclass(c, Exception) and c.__module__ == module.__name__
        ]
    assert len(found) >= 5
    assert [c.__name__ for c in found if not issubclass(c, EditionError)] == []
