"""What a person sees, in headless Chromium: tooltips, switcher, search, axe-core."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser import PageWatch, run_axe, serve
from sitebuild import tree

PAGES = [
    "",
    "package/measure-1/",
    "package/actors/emsc/",
    "package/glossary/",
    "package/full-text/",
]
FOOTNOTE_2 = {"fr": "Par exemple, l'EASO", "en": "For example, EASO"}


@pytest.fixture(scope="module")
def site(real_site) -> Path:
    return real_site


@pytest.fixture
def page(open_page):
    return open_page("desktop", has_touch=True)


def tooltip_text(page) -> str:
    """The footnote popover shown (the theme's)."""
    page.wait_for_selector(".md-tooltip2--active", timeout=3000)
    return page.inner_text(".md-tooltip2--active")


def term_tip_text(page) -> str:
    """The acronym tooltip shown (edition.js)."""
    page.wait_for_selector(".term-tip:not([hidden])", timeout=3000)
    return page.inner_text(".term-tip")


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
    assert term_tip_text(page) == expansion


def test_acronym_expansion_on_focus(page, base):
    page.goto(base + "en/package/measure-1/")
    page.focus("a.gl >> text=EMSC")
    assert term_tip_text(page) == "European Migrant Smuggling Centre"


def test_acronym_expansion_on_tap(page, base):
    page.goto(base + "en/package/measure-11/")
    page.tap(".md-content a.gl >> text=CSDP")
    assert term_tip_text(page) == "Common Security and Defence Policy"


def test_acronym_tooltip_is_described_hoverable_and_dismissible(page, base):
    # WCAG 1.4.13: the pointer can move onto it, Escape dismisses it (a page
    # with several acronyms: each is linked once)
    page.goto(base + "en/package/measure-2/")
    term = page.locator(".md-content a.gl >> text=EMSC").first
    term.hover()
    assert term_tip_text(page) == "European Migrant Smuggling Centre"
    assert term.get_attribute("aria-describedby") == "term-tip"
    assert term.get_attribute("title") is None  # no second, native tooltip
    assert run_axe(page) == []  # shown, it passes WCAG 2.1 AA too
    page.hover(".term-tip")
    page.wait_for_timeout(600)
    assert page.is_visible(".term-tip")
    page.keyboard.press("Escape")
    assert page.is_hidden(".term-tip")
    assert term.get_attribute("title") == "European Migrant Smuggling Centre"
    assert term.get_attribute("aria-describedby") is None
    page.mouse.move(0, 0)
    # (not by [title]: the described term's title is taken off while it is shown)
    first, second = (page.locator(".md-content a.gl").nth(i) for i in (0, 1))
    expansion = second.get_attribute("title")
    first.focus()
    second.focus()  # the focus moves on: one tooltip, the new term's
    assert term_tip_text(page) == expansion
    assert page.locator(".md-content [aria-describedby=term-tip]").count() == 1
    assert first.get_attribute("title") and first.get_attribute("aria-describedby") is None


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
    """The results' links, once every shown result has loaded."""
    page.goto(url)
    page.wait_for_selector(".pagefind-ui__result-link", timeout=5000)
    page.wait_for_function("() => !document.querySelector('.pagefind-ui__loading')", timeout=5000)
    # without the words a result carries for the page's highlighter (?pagefind-highlight=)
    return page.eval_on_selector_all(
        ".pagefind-ui__result-link", "els => els.map(e => e.origin + e.pathname + e.hash)"
    )


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


def visible(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(
        selector, "els => els.filter(e => e.offsetParent !== null).map(e => e.textContent.trim())"
    )


def test_matrix_filters_change_the_visible_cells(page, base):
    page.goto(base + "en/package/who-does-what/")
    all_rows = len(visible(page, "table.matrix tbody tr"))
    page.select_option("[data-matrix-filters] select[name=kind]", "csdp_mission")
    kinds = page.eval_on_selector_all(
        "table.matrix tbody tr", "els => els.filter(e => !e.hidden).map(e => e.dataset.kind)"
    )
    assert kinds and set(kinds) == {"csdp_mission"} and len(kinds) < all_rows
    page.check("[data-matrix-filters] input[name=by][value=measure]")
    page.select_option("[data-matrix-filters] select[name=section]", "IV")
    shown = "table.matrix thead th[data-section] > [aria-hidden]"
    assert visible(page, shown) == ["11", "12", "13"]
    links = page.eval_on_selector_all(
        "table.matrix tbody tr:not([hidden]) td a",
        "els => els.filter(e => e.offsetParent !== null).map(e => e.getAttribute('href'))",
    )
    assert links and {re.search(r"measure=(\d+)", link)[1] for link in links} <= {"11", "12", "13"}


def test_explorer_filters_and_keeps_them_in_the_url(page, base):
    page.goto(base + "en/package/explorer/?actor=frontex")
    shown = visible(page, "ol.explorer > li .action__id")
    assert shown and all(
        page.get_attribute(f"ol.explorer li:has(a:text-is('{i}'))", "data-actors").count("frontex")
        for i in shown
    )
    page.select_option("[data-explorer-filters] select[name=section]", "II")
    assert page.url.endswith("?actor=frontex&section=II")
    in_section = visible(page, "ol.explorer > li .action__id")
    assert in_section and all(4 <= int(i.split(".")[0]) <= 9 for i in in_section)
    page.fill("[data-explorer-filters] input[name=q]", "Western  Balkans")
    narrowed = visible(page, "ol.explorer > li .action__id")
    assert narrowed == ["4.5"]
    assert page.inner_text(".explorer-count") == "1 action shown"
    page.reload()
    assert visible(page, "ol.explorer > li .action__id") == ["4.5"]


def test_side_by_side_columns_align(site):
    side = tree(site / "package" / "side-by-side" / "measure-4" / "index.html")
    rows = [
        r
        for r in side.find_all(class_="sbs__row")
        if "sbs__row--head" not in r.attrs["class"].split()
    ]
    cells = [[c for c in r.children if not isinstance(c, str)] for r in rows]
    assert len(rows) > 10
    assert all(
        [(c.attrs.get("lang"), bool(c.text().strip())) for c in row] == [("fr", True), ("en", True)]
        for row in cells
    )
    assert cells[1][0].text().strip().startswith("4.1") and cells[1][1].text().strip().startswith(
        "4.1"
    )
    heads = side.find(class_="sbs__row--head").find_all(class_="sbs__cell")
    assert [h.text() for h in heads] == [
        "Français\u00a0: version du Conseil",
        "English\u00a0: traduction de cette édition",
    ]


def test_flashcards_reveal_and_reverse(page, base):
    page.goto(base + "package/study/")
    front = page.inner_text(".flashcards__front")
    assert not page.is_visible(".flashcards__back")
    page.click("[data-flashcards] [data-action=reveal]")
    assert page.is_visible(".flashcards__back")
    page.check("[data-flashcards] [data-action=reverse]")
    assert page.inner_text(".flashcards__front") != front


def test_offline_edition_works_from_file_urls(browser, offline_root):
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("request", lambda r: not r.url.startswith("file:") and errors.append(r.url))
    page.goto(offline_root + "package/measure-2/index.html")
    page.click("a.pager__next")
    assert page.url == offline_root + "package/measure-3/index.html"
    page.hover(".md-content a.gl")
    assert term_tip_text(page)
    page.click(".md-header .md-select button, .md-header .md-select .md-header__button")
    page.click(".md-select__link[hreflang=en]")
    assert page.url == offline_root + "en/package/measure-3/index.html"
    page.goto(offline_root + "package/search/index.html?q=etats%20membres")
    page.wait_for_selector(".offline-search__result a")
    hits = page.eval_on_selector_all(".offline-search__result a", "els => els.map(e => e.href)")
    assert offline_root + "package/actors/member-states/index.html" in [
        h.split("?")[0] for h in hits
    ]
    assert not any("/en/" in h for h in hits)
    # the page a result opens highlights the words (the edition's highlighter: file://)
    page.click(".offline-search__result a")
    page.wait_for_selector(".md-content mark.hit", timeout=3000)
    marked = page.eval_on_selector_all(".md-content mark.hit", "els => els.map(e => e.textContent)")
    words = [m.lower().replace("é", "e") for m in marked]
    assert words and all(w.startswith(("etat", "membre")) for w in words), marked
    assert errors == []
    context.close()


def test_tools_degrade_to_readable_content_without_javascript(browser, base):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "en/package/study/")
    assert page.is_visible(".study-static") and not page.is_visible("[data-quiz]")
    assert not page.is_visible("[data-flashcards]")
    assert len(page.query_selector_all(".study-static details")) > 40
    page.goto(base + "en/package/explorer/")
    assert len(page.query_selector_all("ol.explorer > li")) == 42
    page.goto(base + "en/package/who-does-what/")
    assert not page.is_visible("[data-matrix-filters]")
    for view in ("section", "measure"):  # both tables, each with its links
        assert page.is_visible(f"[data-heat={view}] table.matrix")
        assert page.locator(f"[data-heat={view}] td a").count() > 40
    context.close()
