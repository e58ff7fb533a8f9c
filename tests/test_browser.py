"""What a person sees, in headless Chromium: tooltips, switcher, search, axe-core."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser import AXE, CHROMIUM, CHROMIUM_ARGS, PageWatch, run_axe, serve
from conftest import DATA
from playwright.sync_api import sync_playwright
from sitebuild import build, make_project

PAGES = [
    "",
    "package/measure-1/",
    "package/actors/emsc/",
    "package/glossary/",
    "package/full-text/",
]
FOOTNOTE_2 = {"fr": "Par exemple, l'EASO", "en": "For example, EASO"}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(make_project(tmp_path_factory.mktemp("browser-site"), DATA))


@pytest.fixture(scope="module")
def base(site):
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, base):
    context = browser.new_context(has_touch=True)
    page = context.new_page()
    page.watch = PageWatch(page, base)
    yield page
    assert page.watch.errors == [], "console errors or failed requests"
    assert page.watch.foreign == [], "requests to another host"
    context.close()


def tooltip_text(page) -> str:
    page.wait_for_selector(".md-tooltip2--active", timeout=3000)
    return page.inner_text(".md-tooltip2--active")


def test_footnote_popover_on_hover(page, base):
    page.goto(base + "en/package/measure-2/")
    page.hover("a.footnote-ref")
    assert tooltip_text(page).startswith(FOOTNOTE_2["en"])


def test_footnote_popover_on_keyboard_focus(page, base):
    page.goto(base + "package/measure-2/")
    page.focus("a.footnote-ref")
    assert tooltip_text(page).startswith(FOOTNOTE_2["fr"])


def test_footnote_popover_on_tap(page, base):
    page.goto(base + "package/measure-2/")
    page.tap("a.footnote-ref")
    assert tooltip_text(page).startswith(FOOTNOTE_2["fr"])


def test_footnotes_are_listed_without_javascript(browser, base):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "package/measure-2/")
    assert page.inner_text("#fn\\:2").startswith(FOOTNOTE_2["fr"])
    assert page.get_attribute("#fn\\:2", "value") == "2"
    assert page.get_attribute("sup#fnref\\:2 a", "href") == "#fn:2"
    context.close()


@pytest.mark.parametrize(
    ("path", "expansion"),
    [
        ("package/measure-1/", "Centre européen chargé de lutter contre le trafic de migrants"),
        ("en/package/measure-1/", "European Migrant Smuggling Centre"),
    ],
)
def test_acronym_shows_its_expansion_in_the_page_language(page, base, path, expansion):
    page.goto(base + path)
    page.hover("a.gl >> text=EMSC")
    assert tooltip_text(page) == expansion


def test_acronym_expansion_on_focus(page, base):
    page.goto(base + "en/package/measure-1/")
    page.focus("a.gl >> text=EMSC")
    assert tooltip_text(page) == "European Migrant Smuggling Centre"


def test_acronym_expansion_on_tap(page, base):
    page.goto(base + "en/package/measure-11/")
    page.tap(".md-content a.gl >> text=CSDP")
    assert tooltip_text(page) == "Common Security and Defence Policy"


def test_language_switcher_keeps_the_page(page, base):
    page.goto(base + "package/measure-2/")
    page.click(".md-header .md-select button, .md-header .md-select .md-header__button")
    page.click(".md-select__link[hreflang=en]")
    page.wait_for_load_state()
    assert page.url == base + "en/package/measure-2/"
    assert page.get_attribute("html", "lang") == "en"
    page.click(".md-header .md-select button, .md-header .md-select .md-header__button")
    page.click(".md-select__link[hreflang=fr]")
    page.wait_for_load_state()
    assert page.url == base + "package/measure-2/"


def search(page, url: str) -> list[str]:
    page.goto(url)
    page.wait_for_selector(".pagefind-ui__result-link", timeout=5000)
    return page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.href)")


@pytest.mark.parametrize(
    ("query", "expected"),
    [("etats membres", "actors/member-states/"), ("renforcé", "measure-1/")],
)
def test_french_search_finds_french_pages_only(page, base, query, expected):
    hits = search(page, f"{base}package/search/?q={query}")
    assert any(h.endswith(expected) for h in hits), hits
    assert not any("/en/" in h for h in hits), hits


@pytest.mark.parametrize(
    ("query", "expected"),
    [("member states", "actors/member-states/"), ("investigated", "measure-1/")],
)
def test_english_search_finds_english_pages_only(page, base, query, expected):
    hits = search(page, f"{base}en/package/search/?q={query}")
    assert any(h.endswith(expected) for h in hits), hits
    assert all("/en/" in h for h in hits), hits


def test_header_search_form_goes_to_the_search_page(page, base):
    page.goto(base + "en/package/glossary/")
    page.fill("#site-search-q", "europol")
    page.press("#site-search-q", "Enter")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=5000)
    assert page.url.startswith(base + "en/package/search/?q=europol")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_interface_string_of_the_other_language(page, base, language):
    wrong = {
        "fr": ["Permanent link", "Jump back", "Made with", "Back to reference", "Search"],
        "en": ["Lien permanent", "Revenir", "Rechercher", "Table des matières"],
    }[language]
    prefix = "" if language == "fr" else "en/"
    for path in PAGES:
        page.goto(base + prefix + path)
        html = page.content()
        for text in wrong:
            assert text not in html, (path, text)


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_wcag_violation(page, base, language, path):
    assert AXE.exists(), "run `npm ci` to install axe-core"
    page.goto(base + ("" if language == "fr" else "en/") + path)
    page.hover("a.footnote-ref") if page.query_selector("a.footnote-ref") else None
    assert run_axe(page) == []


def test_site_works_under_a_sub_path(browser, site):
    with serve(site, sub_path="edition") as url:
        context = browser.new_context()
        page = context.new_page()
        watch = PageWatch(page, url)
        page.goto(url + "package/measure-1/")
        page.click("a.pager__next")
        assert page.url == url + "package/measure-2/"
        assert re.search(
            r"rgb\(", page.eval_on_selector("header", "e => getComputedStyle(e).backgroundColor")
        )
        assert watch.errors == [] and watch.foreign == []
        context.close()
