"""Facts of the built pages, read from their HTML (no browser): what every
page of a language says, the footnotes without scripts, the downloads."""

from __future__ import annotations

import pytest
from browser import UI
from sitebuild import Node, html_pages, resolve, tree
from visit import document, prefix, wrong_strings

from generator import pages

FOOTNOTE_2 = {"fr": "Par exemple, l'EASO", "en": "For example, EASO"}


def own_language(node: Node, language: str) -> str:
    """The markup's text and attribute values, without the parts in another
    language (a column of the side-by-side pages, the language switcher)."""
    if node.attrs.get("lang", language)[:2] != language:
        return ""
    parts = [" ".join(node.attrs.values())]
    for child in node.children:
        parts.append(child if isinstance(child, str) else own_language(child, language))
    return " ".join(parts)


def page(site, language: str, kind: str, key: object = None):
    path = pages.served(pages.page_path(kind, key))
    return tree(site / (prefix(language) + path) / "index.html")


@pytest.mark.parametrize("language", document().languages)
def test_no_page_shows_an_interface_string_of_the_other_language(real_site, language):
    pages_of_language = [
        p
        for p in html_pages(real_site)
        if (html := tree(p).find("html")) is not None and html.attrs.get("lang") == language
    ]
    assert len(pages_of_language) > 50
    found = []
    for path in pages_of_language:
        text = own_language(tree(path).find("html"), language)
        found += [
            (path.relative_to(real_site).as_posix(), s) for s in wrong_strings(text, language)
        ]
    assert found == []


def test_footnotes_are_listed_and_linked_without_scripts(real_site):
    note = page(real_site, "fr", "measure", 2).find("li", id="fn:2")
    assert note is not None and note.text().strip().startswith(FOOTNOTE_2["fr"])
    assert note.attrs.get("value") == "2"
    ref = page(real_site, "fr", "measure", 2).find("sup", id="fnref:2").find("a")
    assert ref.attrs["href"] == "#fn:2"


@pytest.mark.parametrize("language", document().languages)
def test_the_search_page_is_titled_and_its_heading_holds_no_form(real_site, language):
    heading = page(real_site, language, "search").find("h1")
    assert heading.text().strip() == UI["search"][language]
    assert not [n for n in heading.iter() if n.tag in ("input", "form")]


@pytest.mark.parametrize("language", document().languages)
def test_open_data_downloads_exist(real_site, language):
    path = real_site / prefix(language) / pages.served(pages.page_path("open-data")) / "index.html"
    links = [a.attrs["href"] for a in tree(path).iter() if a.tag == "a" and "download" in a.attrs]
    assert len(links) >= 3
    missing = [href for href in links if resolve(real_site, path, href)[0] is None]
    assert missing == []
