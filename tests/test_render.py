"""The pure render step: golden pages for the small fixture, escaping, URLs, front matter."""

from __future__ import annotations

import json
import os
import posixpath
import re
from pathlib import Path

import pytest
import yaml
from conftest import MINI, edit
from hypothesis import given
from hypothesis import strategies as st

from generator import load_document
from generator.models import Text
from generator.render import Edition, PageText, Site, Urls, relative_path, render_pages, render_site

GOLDEN = Path(__file__).parent / "golden" / "mini"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"  # regenerate, then review the diff


@pytest.mark.parametrize("language", ["fr", "en"])
def test_pages_match_the_golden_files(language):
    pages = render_pages(load_document(MINI), language)
    folder = GOLDEN / language
    if UPDATE:
        for path, text in pages.items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_text(text, encoding="utf-8")
    expected = {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in folder.rglob("*.md")
    }
    assert sorted(pages) == sorted(expected)
    for path, text in pages.items():
        assert text == expected[path], path


def test_the_generated_folder_holds_every_language_and_the_open_data():
    files = render_site(load_document(MINI), True, {"measures.yaml": "sections: []\n"})
    assert "measure-1.fr.md" in files and "measure-1.en.md" in files and "index.en.md" in files
    assert "side-by-side/measure-2.fr.md" in files and "actors/emsc.en.md" in files
    assert {"data/15250-18-fr.json", "data/15250-18.schema.json", "data/yaml/measures.yaml"} <= set(
        files
    )


def test_rendering_is_pure_and_deterministic():
    doc = load_document(MINI)
    assert render_pages(doc, "fr") == render_pages(doc, "fr")


@pytest.mark.parametrize(
    ("directory_urls", "page", "target", "expected"),
    [
        (True, "package/measure-1.md", "package/actors/emsc.md", "../actors/emsc/"),
        (True, "package/measure-1.md", "index.md", "../../"),
        (True, "index.md", "package/glossary.md", "package/glossary/"),
        (True, "package/measure-1.md", "package/measure-1.md", "./"),
        (False, "package/measure-1.md", "package/actors/emsc.md", "actors/emsc.html"),
        (False, "package/actors/emsc.md", "index.md", "../../index.html"),
    ],
)
def test_relative_urls(directory_urls, page, target, expected):
    urls = Urls(directory_urls)
    assert urls.relative(target, urls.base(page)) == expected


@given(
    st.lists(st.sampled_from(["a", "b", "package", "x.md"]), max_size=4),
    st.lists(st.sampled_from(["a", "b", "package", "x.md"]), max_size=4),
)
def test_relative_path_agrees_with_posixpath(target, base):
    target_path, base_path = "/".join(target) or ".", "/".join(base) or "."
    assert relative_path(target_path, base_path) == posixpath.relpath(target_path, base_path)


def page_text(doc, language, page):
    return PageText(Site(doc), language, page)


def test_data_text_cannot_inject_markup(mini):
    edit(
        mini,
        "measures.yaml",
        "Act fast",
        "<script>alert(1)</script> [x](javascript:alert(1)) *em* `c`",
    )
    page = render_pages(load_document(mini), "en")["package/measure-2.md"]
    assert "<script>" not in page and "](javascript:" not in page
    assert "&lt;script&gt;" in page and "&#42;em&#42;" in page and "&#96;c&#96;" in page


@pytest.mark.parametrize("name", ['Back\\slash "quoted" ---\n: colon', "<b>x</b> & {{ y }}"])
def test_front_matter_is_yaml_that_keeps_the_title_whole_and_escaped(mini, name):
    edit(mini, "actors.yaml", '"European Migrant Smuggling Centre"', json.dumps(name))
    page = render_pages(load_document(mini), "en")["package/actors/emsc.md"]
    head, _, body = page.removeprefix("---\n").partition("---\n")
    from html import unescape

    assert unescape(yaml.safe_load(head)["title"]) == " ".join(name.split())
    assert "<b>" not in head and body.lstrip().startswith('<p class="breadcrumb">')


def test_acronyms_are_whole_words_only():
    t = page_text(load_document(MINI), "en", "package/measure-1.md")
    html = t(Text({"en": "EMSC, EMSCX, XEMSC, EMSC-based, the EU's, EMSCs"}))
    assert html.count('class="gl"') == 2  # each acronym linked once on a page
    assert '>EMSC</a>, EMSCX, XEMSC, EMSC-based, the <a class="gl"' in html
    assert '<abbr title="European Migrant Smuggling Centre">EMSCs</abbr>' in html  # one plural rule


def test_inside_links_acronyms_get_a_tooltip_not_a_link():
    t = page_text(load_document(MINI), "fr", "index.md")
    assert str(t.label(Text({"fr": "Renforcer l'EMSC[^1]"}))) == (
        'Renforcer l&#39;<abbr title="Centre européen chargé de lutter contre le trafic de migrants">EMSC</abbr>'
    )
    assert t.footnotes == []


@pytest.mark.parametrize("directory_urls", [True, False])
def test_acronyms_on_the_glossary_page_link_without_a_tooltip(directory_urls):
    pages = render_pages(load_document(MINI), "en", directory_urls)
    glossary, measure = pages["package/glossary.md"], pages["package/measure-1.md"]
    assert '<a class="gl" href=' in glossary and 'class="gl" href="' in measure
    assert 'title="European Migrant Smuggling Centre">EMSC</a>' in measure
    assert not re.search(r'<a class="gl"[^>]*title=', glossary)


def test_a_text_shared_by_pages_gets_each_page_s_urls_and_footnotes():
    site = Site(load_document(MINI))
    text = Text({"en": "The EMSC[^1] and the EMSC[^1]; **EMSC**"})
    shallow = PageText(site, "en", "package/measure-1.md")
    deep = PageText(site, "en", "package/actors/europol.md")
    first, again, other = str(shallow(text)), str(shallow(text)), str(deep(text))
    # each page links the acronym once (its first occurrence), then explains it
    assert first.count('href="../glossary/#') == 1 and other.count('href="../../glossary/#') == 1
    assert first.count("<abbr title=") == 2 and again.count("<abbr title=") == 3
    assert 'id="fnref:1"' in first and 'id="fnref2:1"' in first
    assert 'id="fnref:1"' not in again and 'id="fnref2:1"' in again
    assert 'id="fnref:1"' in other  # the other page's own notes
    assert shallow.footnotes == [1, 1, 1, 1] and deep.footnotes == [1, 1]


def test_a_text_that_writes_where_the_glossary_url_goes_keeps_it_as_text():
    # each text is rendered once, then given each page depth's glossary URL
    site = Site(load_document(MINI))
    text = Text({"en": "EMSC &glossary; &amp;glossary;"})
    for page in ("package/measure-1.md", "package/actors/europol.md", "package/glossary.md"):
        link = PageText(site, "en", page).link("glossary")
        first = str(PageText(site, "en", page)(text))  # a page's first EMSC: a link
        label = str(PageText(site, "en", page).label(text))
        assert first.startswith(f'<a class="gl" href="{link}#'), first
        assert first.endswith("</a> &amp;glossary; &amp;amp;glossary;"), first
        assert label.startswith("<abbr ") and label.endswith(
            "</abbr> &amp;glossary; &amp;amp;glossary;"
        )


def test_a_link_to_a_family_of_pages_needs_its_key():
    t = page_text(load_document(MINI), "en", "package/measure-1.md")
    assert t.link("side-by-side-measure", 2) == "../side-by-side/measure-2/"
    with pytest.raises(ValueError):
        t.link("side-by-side", 2)
    with pytest.raises(ValueError):
        t.link("measure")


@pytest.mark.parametrize(
    ("marked", "language", "badge"),
    [
        (0, "fr", "provenance--source"),
        (0, "en", "provenance--edition"),
        (1, "en", "provenance--mixed"),
        (2, "en", "provenance--council"),
    ],
)
def test_a_measure_page_says_where_its_texts_come_from(mini, marked, language, badge):
    texts = [
        'en: "Acting"}',
        'en: "as follows:"}',
        'en: "Act fast"}',
        'en: "Acting together"}',
        'en: "first point;"}',
        'en: "second point."}',
    ]
    for old in texts[: marked * len(texts) // 2 + (marked == 1)]:
        edit(mini, "measures.yaml", old, old[:-1] + ", council: [en]}")
    page = render_pages(load_document(mini), language)["package/measure-2.md"]
    assert f'class="provenance {badge}"' in page
    assert ('class="council-mark"' in page) == (language == "en" and marked > 0)


def test_citations_name_the_document_the_measure_the_action_the_address_and_the_edition():
    from generator.render import Edition

    doc = load_document(MINI)
    site = Site(doc, True, Edition("https://example.org/edition/"))
    t = PageText(site, "en", "package/measure-1.md")
    assert t.cite(doc.measures[0], doc.actions[1])["text"] == (
        "Council of the European Union, ‘A package, measure 1, action 1.2’, doc. 1/18, "
        "6 December 2018; English: this edition's unofficial translation (interactive "
        "bilingual edition, version 1.1 of 7 December 2026), "
        "https://example.org/edition/en/package/measure-1/#action-1-2."
    )
    fr = PageText(site, "fr", "package/measure-1.md")
    assert fr.cite(doc.measures[0])["text"] == (
        "Conseil de l'Union européenne, «\u00a0Un paquet, mesure 1\u00a0», doc. 1/18, "
        "6 décembre 2018\u202f; édition interactive bilingue, version 1.1 du "
        "7 décembre 2026, https://example.org/edition/package/measure-1/."
    )


def test_the_page_templates_are_never_taken_from_a_cache_on_disk():
    """Jinja's bytecode cache is keyed by a template's source only: a template
    compiled by an earlier version of the environment (before ``finalize``
    escaped every printed value) was reused as it was, and printed data
    unescaped, while the golden files, built with a cold cache, passed."""
    from generator import render

    assert render.environment().bytecode_cache is None
    assert render._ENVIRONMENT.bytecode_cache is None


@pytest.mark.parametrize(("language", "up"), [("fr", "../../"), ("en", "../../../")])
def test_the_history_links_an_earlier_edition_s_zip_where_one_is_kept(language, up):
    """An earlier edition is reopened from its offline zip kept in
    docs/editions/ (``make archive``); without one, the page names its tag."""
    doc = load_document(MINI)
    older, newest = doc.editions[0].version, doc.editions[-1].version
    zip_name = f"15250-18-offline-{older}.zip"
    bare = Site(doc).pages(language)["package/history.md"]
    assert zip_name not in bare and f"<code>edition-{older}</code>" in bare
    kept = Edition(archived=frozenset({zip_name, "15250-18-offline-0.1.zip"}))
    page = Site(doc, True, kept).pages(language)["package/history.md"]
    assert f'<a href="{up}editions/{zip_name}" download>' in page
    assert f"<code>edition-{older}</code>" not in page
    assert f"offline-{newest}.zip" not in page  # the newest: the site's own zip
