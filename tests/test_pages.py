"""The page registry: paths, navigation, addresses and the 404 page follow from one entry per kind."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import DATA, MINI

from generator import load_document, pages
from generator.interface import InterfaceText


def test_every_generated_kind_has_its_template_and_paths():
    doc = load_document(MINI)
    for kind in pages.GENERATED:
        assert (pages.TEMPLATES_DIR / kind.template).is_file(), kind.name
        for key, path in kind.pages(doc):
            assert path.endswith(".md") and (key is None) == (kind.keys is None)


def test_a_family_needs_a_key_and_a_single_page_refuses_one():
    assert pages.page_path("measure", 3) == "package/measure-3.md"
    with pytest.raises(ValueError):
        pages.page_path("measure")
    with pytest.raises(ValueError):
        pages.page_path("glossary", 1)


def test_the_navigation_is_labelled_from_the_interface_strings_in_each_language():
    doc = load_document(DATA)
    for language in ("fr", "en"):
        ui = InterfaceText(doc.interface, language)
        nav = pages.navigation(ui.plain, doc, lambda text, lang=language: text.get(lang))
        labels = [next(iter(entry)) for entry in nav]
        assert labels[0] == ui.plain("home") and ui.plain("tools") in labels
        tools = next(entry[ui.plain("tools")] for entry in nav if ui.plain("tools") in entry)
        assert {ui.plain("explorer"): "package/explorer.md"} in tools


def test_the_navigation_lists_every_measure_by_section_after_the_home_page():
    doc = load_document(MINI)
    nav = pages.navigation(lambda key: f"<{key}>", doc, lambda text: text.get("en"))
    assert list(nav[1]) == ["<measures>"]
    assert nav[1]["<measures>"] == [
        {
            f"{s.id}. {s.title.get('en')}": [
                {f"{m.number}. {m.title.get('en')}": f"package/measure-{m.number}.md"}
                for m in s.measures
            ]
        }
        for s in doc.sections
    ]
    assert pages.nav_paths(nav) >= {f"package/measure-{m.number}.md" for m in doc.measures}
    assert "package/actors/" not in str(nav)  # the actors are one page away, not listed


def test_addresses_of_pages_made_from_data_ids_must_not_collide():
    doc = load_document(MINI)
    assert pages.collisions(doc) == []
    clash = replace(doc, actors=(replace(doc.actors[0], id="index"),))
    ((kind, key, other),) = pages.collisions(clash)
    assert (kind.name, key, other) == ("actor", "index", "package/actors.md")


def test_the_404_page_offers_the_marked_pages_and_the_other_languages():
    doc = load_document(MINI)
    page = pages.not_found_page(
        lambda lang: InterfaceText(doc.interface, lang), "en", {"fr": "", "en": "en/"}, doc
    )
    # every language's block, the page's own first (a static host serves one
    # 404 page for every address: a script keeps the address's language)
    assert [block["locale"] for block in page["pages"]] == ["en", "fr"]
    english, french = page["pages"]
    assert [link["path"] for link in english["links"]] == [
        "en/",
        "en/package/glossary/",
        "en/package/full-text/",
    ]
    assert english["search"]["path"] == "en/package/search/"
    assert [m["path"] for m in french["measures"]] == [
        f"package/measure-{m.number}/" for m in doc.measures
    ]
    assert french["others"] == [
        {"locale": "en", "folder": "en/", "label": "Page not found: English version of the site"}
    ]
