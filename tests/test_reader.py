"""What a reader does, in headless Chromium on a desktop (1280 x 800), a phone
(320 px wide, touch: also a desktop at 400 % zoom): the header on scrolling,
popovers, tools, search, the menu, light and dark schemes. A behaviour of the
scripts that is the same in every language is tested in one (the languages
and devices alternate); what every page must pass on every device (axe,
reflow, tap targets, print…) is in test_every_page.py."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from browser import (
    LANGUAGES,
    PREFIX,
    UI,
    goto,
    settle,
    url,
    visible,
)
from conftest import DATA
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from sitebuild import L10N, header_words, tree


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def word_starts(text: str, prefix: str) -> bool:
    """Whether a word of ``text`` starts with ``prefix`` (case and accents aside)."""
    return any(w.startswith(fold(prefix)) for w in re.findall(r"[^\W_]+", fold(text)))


@pytest.fixture(scope="module")
def site(real_site) -> Path:
    return real_site


# -- 3. the header -------------------------------------------------------------
@pytest.mark.parametrize(("device", "language"), [("phone", "en")])
def test_phone_header_names_the_site_and_stays_on_top(open_page, base, language, device):
    page = open_page(device)
    goto(page, url(base, language, "package/full-text/"))
    name, number = ".md-header .site-title__name", ".md-header .site-title__number"
    assert page.is_visible(name) and page.is_visible(number)
    assert page.inner_text(name) == UI["header_short"][language]
    assert "15250/18" in page.inner_text(number)
    for part in (name, number):
        assert page.eval_on_selector(part, "e => e.scrollWidth <= e.clientWidth"), part
    assert not page.is_visible(".md-header .site-title--full")
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(300)
    assert page.evaluate("scrollY") > 1000
    top = page.eval_on_selector(".md-header", "e => e.getBoundingClientRect().top")
    assert top == 0 and page.is_visible(".md-header [for=__drawer]")
    settle(page)  # the theme swaps the title for the page's once scrolled: not here
    shown = page.eval_on_selector(
        name, "e => getComputedStyle(e.closest('.md-header__topic')).opacity"
    )
    assert page.evaluate("document.querySelector('.md-header__title--active') !== null")
    assert shown == "1", "the site's name is kept once the page scrolls"


# -- 4. footnote popovers ------------------------------------------------------
def active_popover(page) -> bool:
    return page.evaluate(
        """() => [...document.querySelectorAll('.md-tooltip2')].some(t => {
             const s = getComputedStyle(t);
             return t.classList.contains('md-tooltip2--active') && s.display !== 'none'
               && s.visibility !== 'hidden' && parseFloat(s.opacity) > 0; })"""
    )


@pytest.mark.parametrize("language", ["en"])  # the same in every language
def test_footnote_popover_closes_on_escape(open_page, base, language):
    # WCAG 1.4.13: dismissible without moving the focus or the pointer
    page = open_page()
    goto(page, url(base, language, "package/measure-2/"))
    ref = page.locator("a.footnote-ref").first
    ref.focus()
    page.wait_for_selector(".md-tooltip2--active", timeout=3000)
    page.keyboard.press("Escape")
    assert not active_popover(page)
    assert page.evaluate("document.activeElement.classList.contains('footnote-ref')")
    page.keyboard.press("Shift+Tab")
    page.wait_for_timeout(500)
    ref.focus()  # the focus comes back: the popover too
    page.wait_for_timeout(500)
    assert active_popover(page)
    page.keyboard.press("Escape")
    ref.blur()
    page.mouse.move(0, 0)
    page.wait_for_timeout(500)
    ref.hover()
    page.wait_for_timeout(500)
    assert active_popover(page)
    page.keyboard.press("Escape")  # while the pointer stays on the mark
    assert not active_popover(page)


@pytest.mark.parametrize("language", ["fr"])  # the same in every language
def test_footnote_popover_links_are_reached_by_tab_and_it_closes_on_the_second_tap(
    open_page, base, language
):
    """The popover's links come after its mark in the Tab order (the theme
    puts the popover at the end of the page), and Tab leads out again; on a
    phone, the second tap on a mark jumps to the note and closes the popover."""
    page = open_page()
    goto(page, url(base, language, "package/measure-2/"))
    # a note with links (the notes' acronyms are linked earlier on the page:
    # none has one today), as the generator writes them
    note = page.eval_on_selector(
        ".footnote li",
        """li => { li.querySelector('p').insertAdjacentHTML('beforeend',
                     ' <a class="gl" href="../glossary/#ue">UE</a>'
                     + ' <a class="gl" href="../glossary/#emsc">EMSC</a>');
                   return li.id; }""",
    )
    ref = page.locator(f"a.footnote-ref[href='#{note}']").first
    ref.focus()
    page.wait_for_selector(".md-tooltip2--active", timeout=3000)
    count = page.eval_on_selector(".md-tooltip2--active", "t => t.querySelectorAll('a').length")
    inside = "!!document.activeElement.closest('.md-tooltip2')"
    for _ in range(count):
        page.keyboard.press("Tab")
        page.wait_for_timeout(300)  # the theme hides a popover 250 ms after it loses hover
        assert page.evaluate(inside) and active_popover(page)
    page.keyboard.press("Shift+Tab")
    page.wait_for_timeout(300)
    page.keyboard.press("Escape")  # from inside: closed, the focus back on its mark
    assert not active_popover(page)
    assert page.evaluate("document.activeElement.classList.contains('footnote-ref')")
    page.keyboard.press("Shift+Tab")
    ref.focus()
    page.wait_for_timeout(300)
    page.keyboard.press("Tab")  # in, to the last link, then out: after the mark
    for _ in range(count):
        page.keyboard.press("Tab")
    page.wait_for_timeout(400)
    assert not page.evaluate(inside) and not active_popover(page)
    phone = open_page("phone")
    goto(phone, url(base, language, "package/measure-2/"))
    mark = phone.locator(f"a.footnote-ref[href='#{note}']").first
    mark.tap()
    phone.wait_for_selector(".md-tooltip2--active", timeout=3000)
    mark.tap()
    phone.wait_for_timeout(600)
    assert phone.url.endswith(f"#{note}") and not active_popover(phone)


@pytest.mark.parametrize("language", ["fr"])  # the same in every language
def test_footnote_back_links_are_seen_on_touch_and_not_printed(open_page, base, language):
    page = open_page("phone")
    goto(page, url(base, language, "package/measure-2/"))
    back = page.locator(".footnote a.footnote-backref").first
    back.scroll_into_view_if_needed()
    assert back.evaluate("e => getComputedStyle(e).opacity") == "1"
    assert back.is_visible()
    target = back.get_attribute("href")
    back.tap()
    page.wait_for_timeout(300)
    assert page.url.endswith(target)
    page.emulate_media(media="print")
    assert not back.is_visible()


# -- 6. explorer keyword filter ------------------------------------------------
EXPLORER_WORDS = {"fr": ["formation", "reseaux", "RÉSEAUX passeurs"], "en": ["network", "train"]}


@pytest.mark.parametrize("language", LANGUAGES)
def test_explorer_keyword_matches_word_starts_and_highlights_them(open_page, base, language):
    page = open_page()
    goto(page, url(base, language, "package/explorer/"))
    items = "ol.explorer > li"
    original = page.inner_html("ol.explorer")
    terms = page.locator(f"{items} a.gl").count()
    for query in EXPLORER_WORDS[language]:
        page.fill("[data-explorer-filters] input[name=q]", query)
        shown = page.eval_on_selector_all(
            items,
            """els => els.map(e => {
                 const copy = e.cloneNode(true);
                 copy.querySelectorAll('.action__id, .footnote-ref').forEach(x => x.remove());
                 return [!e.hidden, copy.textContent, [...e.querySelectorAll('mark')].map(m => m.textContent)];
               })""",
        )
        hits = [(text, marks) for on, text, marks in shown if on]
        assert hits, query
        words = query.split()
        # a word is highlighted when its stem starts with a query word's (an
        # action may also be found by its measure's or section's title)
        stems = page.evaluate(
            "([q, marks]) => [EditionStem.stems(q, document.documentElement.lang),"
            " marks.map(m => EditionStem.stem(m, document.documentElement.lang))]",
            [query, [m for _, marks in hits for m in marks]],
        )
        assert stems[1] and all(any(m.startswith(q) for q in stems[0]) for m in stems[1]), query
        for on, text, _ in shown:  # the others lack one of them
            if not on:
                assert not all(word_starts(text, w) for w in words), (query, text)
        count = page.inner_text(".explorer-count")
        assert re.match(rf"{len(hits)}\b", count), count
        assert parse_qs(urlsplit(page.url).query)["q"] == [query]
        assert page.locator(f"{items} a.gl").count() == terms  # the acronyms' links are kept
    if language == "fr":
        page.fill("[data-explorer-filters] input[name=q]", "formation")
        assert len(visible(page, f"{items}:not([hidden]) .action__id")) < 13  # not "information"
    page.reload()
    page.wait_for_timeout(100)
    assert page.locator(f"{items}:not([hidden]) mark").count() > 0  # from the address
    page.fill("[data-explorer-filters] input[name=q]", "")
    assert page.locator(f"{items} mark").count() == 0
    assert page.inner_html("ol.explorer") == original


# -- 7. who does what ----------------------------------------------------------
@pytest.mark.parametrize("device", ["phone"])
def test_matrix_cells_keep_each_count_on_one_line_and_say_it(open_page, base, device):
    # each cell: its number on one line, its name in words holding that number
    page = open_page(device)
    goto(page, url(base, "fr", "package/who-does-what/"))
    for view in ("section", "measure"):
        page.check(f"[data-matrix-filters] input[name=by][value={view}]")
        cells = page.eval_on_selector_all(
            f"[data-heat={view}] table.matrix td a",
            """els => els.map(a => [a.textContent, a.getAttribute('aria-label'),
                                    a.getClientRects().length, a.getBoundingClientRect().height])""",
        )
        assert cells, view
        broken = [(n, name) for n, name, lines, height in cells if lines > 1 or height > 30]
        assert broken == []
        unsaid = [(n, name) for n, name, *_ in cells if not re.search(rf"\b{n} actions?$", name)]
        assert unsaid == []
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), view


def headers(page) -> list[str]:
    """The column headers shown, by their visible number (sections or measures)."""
    return visible(page, "table.matrix thead th[data-section] > [aria-hidden]")


@pytest.mark.parametrize("language", ["en"])  # the same in every language
def test_matrix_filters_live_in_the_address(open_page, base, language):
    page = open_page()
    goto(page, url(base, language, "package/who-does-what/?kind=csdp_mission&section=IV"))
    form = "[data-matrix-filters]"
    assert page.input_value(f"{form} select[name=kind]") == "csdp_mission"
    assert page.input_value(f"{form} select[name=section]") == "IV"
    kinds = page.eval_on_selector_all(
        "table.matrix tbody tr:not([hidden])", "els => els.map(e => e.dataset.kind)"
    )
    assert kinds and set(kinds) == {"csdp_mission"}
    assert headers(page) == ["IV"]
    page.select_option(f"{form} select[name=kind]", "")
    assert page.url.endswith("/who-does-what/?section=IV")
    page.select_option(f"{form} select[name=section]", "II")
    page.reload()
    assert page.input_value(f"{form} select[name=section]") == "II"
    assert headers(page) == ["II"]


# -- 8. the language switch ----------------------------------------------------
def switch_language(page, language: str) -> None:
    page.click(".md-header .md-select .md-header__button")
    page.click(f".md-select__link[hreflang={language}]")
    page.wait_for_load_state()


def test_language_switch_keeps_the_anchor_and_the_filters(open_page, base):
    page = open_page()
    goto(page, url(base, "fr", "package/measure-2/#action-2-3"))
    switch_language(page, "en")
    assert page.url == url(base, "en", "package/measure-2/#action-2-3")
    goto(page, url(base, "en", "package/explorer/?actor=frontex"))
    page.select_option("[data-explorer-filters] select[name=section]", "II")
    page.fill("[data-explorer-filters] input[name=q]", "the")
    shown = visible(page, "ol.explorer > li:not([hidden]) .action__id")
    switch_language(page, "fr")
    assert page.url == url(base, "fr", "package/explorer/?actor=frontex&section=II&q=the")
    assert page.input_value("[data-explorer-filters] input[name=q]") == "the"
    goto(page, url(base, "fr", "package/glossary/"))
    page.click("nav.az a >> nth=2")  # the address changes: #anchor
    anchor = page.evaluate("location.hash")
    assert anchor
    switch_language(page, "en")
    assert page.url == url(base, "en", "package/glossary/" + anchor)
    assert shown  # (the English filter had results to carry over)


# -- 9. the Tools section ------------------------------------------------------
@pytest.mark.parametrize(("device", "language"), [("desktop", "fr"), ("phone", "en")])
def test_tools_section_opens_in_place(open_page, base, language, device):
    page = open_page(device)
    goto(page, url(base, language, "package/measure-2/"))
    if device == "phone":
        page.click(".md-header label[for=__drawer]")
        settle(page)
    tools = re.compile(rf"^\s*{re.escape(UI['tools'][language])}\s*$")
    section = page.locator(".md-nav--primary .md-nav__link [role=button]", has_text=tools)
    child = page.locator(".md-nav--primary a.md-nav__link[href$='who-does-what/']")
    reveal_in_menu(page, section)
    assert section.get_attribute("aria-expanded") == "false"
    assert not on_screen(child)
    section.click()
    settle(page)
    assert page.url == url(base, language, "package/measure-2/")
    assert comes_on_screen(child) and section.get_attribute("aria-expanded") == "true"
    if device == "desktop":  # and by keyboard
        section.focus()
        page.keyboard.press("Enter")
        settle(page)
        assert comes_on_screen(child, shown=False)
        assert section.get_attribute("aria-expanded") == "false"
        page.keyboard.press("Space")
        assert comes_on_screen(child)


# -- find your way: start here, key figures, every measure from every page ----
START = [
    "overview",
    "who-does-what",
    "explorer",
    "full-text",
    "side-by-side/full-text",
    "timeline",
    "study",
]
FIGURES = ["#measures", "#measures", "explorer/", "actors/", "glossary/", "full-text/#footnotes"]


@pytest.mark.parametrize(("device", "language"), [("desktop", "en"), ("phone", "fr")])
def test_home_starts_the_reader_off_and_its_figures_are_links(open_page, base, language, device):
    page = open_page(device)
    goto(page, url(base, language, ""))
    band = page.locator("nav.start")
    assert band.get_attribute("aria-labelledby") and band.is_visible()
    assert band.locator("h2").inner_text() == UI["start_here"][language]
    links = band.locator("a")
    hrefs = [urlsplit(links.nth(i).evaluate("a => a.href")).path for i in range(links.count())]
    assert hrefs == [urlsplit(url(base, language, f"package/{p}/")).path for p in START]
    boxes = [links.nth(i).bounding_box() for i in range(links.count())]
    assert all(b["height"] >= 24 and b["width"] >= 24 for b in boxes)
    names = [links.nth(i).locator(".start__name").inner_text() for i in range(links.count())]
    assert names[:3] == [
        UI["overview"][language],
        UI["who_does_what"][language],
        UI["explorer"][language],
    ]
    figures = page.locator("ul.figures a")
    targets = [figures.nth(i).get_attribute("href") for i in range(figures.count())]
    assert [t.removeprefix("package/") for t in targets] == FIGURES
    figures.nth(3).click()  # the actors
    assert page.url == url(base, language, "package/actors/")


def reveal_in_menu(page, target) -> None:
    """Bring a menu entry into view: the desktop sidebar scrolled to it; on a
    phone, back up the sliding panels (by their title) until it shows."""
    if page.viewport_size["width"] > 1000:  # the sidebar scrolls to the current page
        target.evaluate("e => e.scrollIntoView({block: 'center'})")
    for _ in range(3):
        if on_screen(target):
            return
        titles = page.locator(".md-nav--primary .md-nav__title[for]")
        back = next(titles.nth(i) for i in range(titles.count()) if on_screen(titles.nth(i)))
        back.click()
        settle(page)
    raise AssertionError(f"{target} not reached in the menu")


def open_in_menu(page, text: str) -> None:
    """Open the menu's section labelled ``text`` (if it is not open)."""
    target = page.locator(".md-nav--primary .md-nav__link [role=button]", has_text=text).first
    reveal_in_menu(page, target)
    if target.get_attribute("aria-expanded") != "true":
        target.click()
        settle(page)


@pytest.mark.parametrize("language", ["fr"])  # the same in every language
def test_the_phone_menu_opens_at_its_top_level(open_page, base, language):
    """From a measure, the study page in three taps: the menu, Tools, Study
    (the menu opened at the measure's section: five)."""
    page = open_page("phone")
    goto(page, url(base, language, "package/measure-2/"))
    page.click(".md-header label[for=__drawer]")
    settle(page)

    def exactly(text: str) -> re.Pattern:
        return re.compile(rf"^\s*{re.escape(text)}\s*$")

    tools = page.locator(
        ".md-nav--primary .md-nav__link [role=button]", has_text=exactly(UI["tools"][language])
    )
    assert comes_on_screen(tools.first), "the top level is shown"
    tools.first.tap()
    settle(page)
    study = page.locator(
        ".md-nav--primary a.md-nav__link", has_text=exactly(UI["study"][language])
    ).first
    assert comes_on_screen(study)
    study.tap()
    page.wait_for_url(url(base, language, "package/study/"), timeout=5000)


@pytest.mark.parametrize(("device", "language"), [("desktop", "fr"), ("phone", "en")])
def test_any_measure_is_reached_through_the_menu_from_any_page(open_page, base, language, device):
    """From measure 8 (section II) to measure 3 (section I), and from the about
    page: the menu lists the measures by section."""
    sections = yaml.safe_load((DATA / "measures.yaml").read_text(encoding="utf-8"))["sections"]
    for path in ("package/measure-8/", "about/"):
        page = open_page(device)
        goto(page, url(base, language, path))
        if device == "phone":
            page.click(".md-header label[for=__drawer]")
            settle(page)
        open_in_menu(page, UI["measures"][language])  # the phone's opens at the top level
        open_in_menu(page, f"{sections[0]['id']}. ")
        link = page.locator(".md-nav--primary a.md-nav__link[href$='measure-3/']")
        assert comes_on_screen(link), path
        link.click()
        assert page.url == url(base, language, "package/measure-3/")
        assert page.inner_text("h1").startswith("3. ")


@pytest.mark.parametrize("language", ["en"])  # the same in every language
def test_side_by_side_measures_lead_on_and_into_the_full_text(open_page, base, language):
    page = open_page("phone")
    goto(page, url(base, language, "package/side-by-side/measure-4/"))
    page.click("a[rel=next]")
    assert page.url == url(base, language, "package/side-by-side/measure-5/")
    page.click("a[rel=prev]")
    assert page.url == url(base, language, "package/side-by-side/measure-4/")
    goto(page, url(base, language, "package/measure-4/"))
    page.click(f"ul.tool-links a:has-text('{UI['in_the_full_text'][language]}')")
    assert page.url == url(base, language, "package/side-by-side/full-text/#measure-4")
    heading = page.locator("#measure-4")
    top = heading.bounding_box()["y"]
    header = page.locator(".md-header").bounding_box()
    assert header["y"] + header["height"] <= top < 300  # in view, below the sticky header
    switch_language(page, "fr" if language == "en" else "en")
    assert page.url.endswith("package/side-by-side/full-text/#measure-4")
    assert 0 <= page.locator("#measure-4").bounding_box()["y"] < 300


ON_SCREEN = """e => { const r = e.getBoundingClientRect();
    if (!r.width || !r.height) return false;
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return Boolean(hit) && (hit === e || e.contains(hit)); }"""


def on_screen(locator) -> bool:
    """Whether the element is what a pointer at its centre would reach (shown,
    on screen, not under something else)."""
    return locator.evaluate(ON_SCREEN)


def comes_on_screen(locator, shown: bool = True) -> bool:
    """Whether the element is (or is not, if not ``shown``) on screen within
    3 s: a menu section opens or closes by an animation."""
    try:
        locator.page.wait_for_function(
            f"([e, shown]) => ({ON_SCREEN})(e) === shown",
            arg=[locator.element_handle(), shown],
            timeout=3000,
        )
    except PlaywrightTimeout:
        return False
    return True


# -- 10. light and dark --------------------------------------------------------
@pytest.mark.parametrize("language", ["fr"])  # the same in every language
def test_scheme_follows_the_system_and_the_toggle(open_page, base, language):
    page = open_page(scheme="dark")
    goto(page, url(base, language, "package/measure-2/"))
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "slate"
    toggle = page.locator(f".md-header label[title='{UI['palette_to_light'][language]}']")
    assert toggle.is_visible()
    toggle.click()
    assert page.evaluate(scheme) == "default"
    page.reload()
    assert page.evaluate(scheme) == "default"  # the reader's choice is kept
    light = open_page(scheme="light")
    goto(light, url(base, language, ""))
    assert light.evaluate(scheme) == "default"
    assert light.is_visible(f".md-header label[title='{UI['palette_to_dark'][language]}']")


# The contrast of an element's text on its own (opaque) background, as WCAG
# computes it.
CONTRAST = """e => {
    const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
    const lum = c => c.map(v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
    const style = getComputedStyle(e);
    const [high, low] = [lum(rgb(style.color)), lum(rgb(style.backgroundColor))].sort((a, b) => b - a);
    return (high + 0.05) / (low + 0.05);
}"""


@pytest.mark.parametrize(("scheme", "language"), [("light", "en"), ("dark", "fr")])
def test_buttons_stay_readable_when_hovered_or_focused(open_page, base, language, scheme):
    """The states axe does not see: a button under the pointer, or focused (as
    it stays after a tap), takes the accent colour; its text keeps 4.5:1."""
    page = open_page(scheme=scheme)
    low, seen = [], 0
    for kind in ("study", "measure"):
        goto(
            page,
            url(base, language, f"package/{kind}/" if kind == "study" else "package/measure-2/"),
        )
        if kind == "measure":
            page.locator(".cite-kit summary").first.click()  # its "copy" button
        # the colours each state ends with, without waiting for their transitions
        page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
        buttons = page.locator(".md-typeset .md-button:visible")
        for i in range(buttons.count()):
            button = buttons.nth(i)
            for state in ("hover", "focus"):
                button.hover() if state == "hover" else button.focus()
                ratio = button.evaluate(CONTRAST)
                if ratio < 4.5:
                    low.append((kind, button.inner_text(), state, round(ratio, 2)))
                page.mouse.move(0, 0)
                button.evaluate("e => e.blur()")
            seen += 1
    assert seen >= 6 and low == []


# -- 11. study -----------------------------------------------------------------
def said(page, text: str) -> None:
    """``text`` is in the quiz's polite live region (announced)."""
    page.wait_for_function(
        "t => document.querySelector('.quiz__live').textContent.includes(t)", arg=text
    )


def current(page, bank: dict) -> dict:
    """The bank's entry of the question on screen, by its legend."""
    legend = " ".join(page.inner_text(".quiz__slot legend").split())
    return bank[legend]


@pytest.mark.parametrize("language", ["en"])  # the same in every language
def test_a_round_of_a_measure_ends_with_a_summary_and_boxes_are_kept(open_page, base, language):
    page = open_page()
    goto(page, url(base, language, "package/study/"))
    page.evaluate("localStorage.clear()")
    page.reload()
    bank = {
        " ".join(q["legend"].split()): q
        for q in page.eval_on_selector_all(
            ".quiz__bank > li",
            """items => items.map(li => ({legend: li.querySelector('legend').textContent,
                prompt: li.querySelector('.quiz__prompt').textContent,
                answer: Number(li.dataset.answer), source: li.dataset.source,
                section: li.dataset.section, measure: li.dataset.measure,
                choices: [...li.querySelectorAll('label')].map(l => l.textContent.trim())}))""",
        )
    }
    # the measure with the fewest questions (two at least): a short round
    sizes = {}
    for q in bank.values():
        if q["measure"]:
            sizes[q["measure"]] = sizes.get(q["measure"], 0) + 1
    measure = min((n, m) for m, n in sizes.items() if n >= 2)[1]
    total = sizes[measure]
    section = next(q["section"] for q in bank.values() if q["measure"] == measure)
    section_name = page.inner_text(f"select[name=scope] option[value='section:{section}']")
    page.select_option("select[name=scope]", f"measure:{measure}")
    page.select_option("select[name=size]", "0")
    page.click(".quiz__setup button[type=submit]")
    count = UI["question_count"][language]
    assert page.inner_text(".quiz__question-count") == count.format(n=1, total=total)
    # the prompt is in the radio group's name; the new question is announced
    first = current(page, bank)
    assert page.get_by_role("group", name=first["prompt"].strip()).count() == 1
    said(page, first["prompt"].strip())
    # "Check" with nothing chosen says so, on the page and aloud
    page.click(".quiz__form button[type=submit]")
    assert page.inner_text(".quiz__feedback").strip() == UI["check_nothing"][language]
    said(page, UI["check_nothing"][language])
    # the first answered wrong, by keyboard; the marks and feedback survive a reload
    wrong = 0 if first["answer"] else 1
    page.locator(".quiz__slot input").first.focus()
    page.keyboard.press("Space" if wrong == 0 else "ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    feedback = page.inner_text(".quiz__feedback")
    assert first["choices"][first["answer"]] in feedback
    said(page, feedback.split(UI["see_source"][language])[0].strip())
    page.reload()
    assert current(page, bank) == first
    assert page.inner_text(".quiz__feedback") == feedback
    assert page.locator(".quiz__slot input").nth(wrong).is_checked()
    labels = page.locator(".quiz__slot .quiz__choice")
    assert UI["quiz_mark_wrong"][language] in labels.nth(wrong).inner_text()
    assert UI["quiz_mark_right"][language] in labels.nth(first["answer"]).inner_text()
    # the others right, up to the summary (never back to question 1)
    for n in range(2, total + 1):
        page.click(".quiz__form [data-action=next]")
        assert page.inner_text(".quiz__question-count") == count.format(n=n, total=total)
        page.locator(".quiz__slot input").nth(current(page, bank)["answer"]).check()
        page.click(".quiz__form button[type=submit]")
    assert page.inner_text(".quiz__form [data-action=next]") == UI["round_see_summary"][language]
    page.click(".quiz__form [data-action=next]")
    assert page.is_hidden(".quiz__form") and page.is_visible(".quiz__summary")
    said(page, UI["summary_title"][language])
    assert page.evaluate("document.activeElement.id") == "quiz-summary-title"
    score = UI["score"][language].format(right=total - 1, total=total)
    assert page.inner_text(".quiz__summary-score") == score
    row = page.locator(".quiz__sections tbody tr")
    assert row.count() == 1
    assert row.locator("th").inner_text() == section_name
    assert row.locator("td").inner_text() == UI["section_score"][language].format(
        right=total - 1, total=total
    )
    missed = page.locator(".quiz__wrong > li")
    assert missed.count() == 1 and first["prompt"].strip() in missed.inner_text()
    right = UI["right_answer"][language].format(answer=first["choices"][first["answer"]])
    assert right in missed.inner_text()
    assert missed.locator("a").get_attribute("href") == first["source"]
    progress = UI["study_progress"][language]
    boxes = {"seen": total, "total": len(bank), "known": 0}
    assert page.inner_text(".quiz__progress") == progress.format(review=1, **boxes)
    # retry the wrong one: a round of one, right this time
    page.click(".quiz__summary [data-action=retry]")
    assert page.inner_text(".quiz__question-count") == count.format(n=1, total=1)
    assert current(page, bank) == first
    page.locator(".quiz__slot input").nth(first["answer"]).check()
    page.click(".quiz__form button[type=submit]")
    page.click(".quiz__form [data-action=next]")
    assert page.inner_text(".quiz__summary-score") == UI["score"][language].format(right=1, total=1)
    assert page.is_hidden(".quiz__summary [data-action=retry]")
    # the boxes are kept over a reload (the missed one went to box 1, then up)
    page.reload()
    assert page.inner_text(".quiz__progress") == progress.format(review=0, **boxes)
    assert page.is_visible(".quiz__summary")
    # reset: nothing kept
    page.click("[data-action=reset-progress]")
    said(page, UI["progress_reset"][language])
    assert page.inner_text(".quiz__progress") == progress.format(
        seen=0, total=len(bank), review=0, known=0
    )
    assert page.is_hidden(".quiz__summary") and page.is_hidden(".quiz__form")
    page.reload()
    assert page.inner_text(".quiz__progress") == progress.format(
        seen=0, total=len(bank), review=0, known=0
    )


@pytest.mark.parametrize("language", ["en"])  # the same in every language
def test_flashcards_go_back_as_well(open_page, base, language):
    page = open_page()
    goto(page, url(base, language, "package/study/"))
    first = page.inner_text(".flashcards__front")
    page.click("[data-flashcards] [data-action=next]")
    page.click("[data-flashcards] [data-action=next]")
    page.click("[data-flashcards] [data-action=previous]")
    page.click("[data-flashcards] [data-action=previous]")
    assert page.inner_text(".flashcards__front") == first
    page.click("[data-flashcards] [data-action=previous]")  # to the last card
    total = len(json.loads(page.inner_text("#study-data"))["cards"])
    card = UI["card_count"][language].format(n=total, total=total)
    box = UI["card_box"][language]
    assert page.inner_text(".flashcards__count") == f"{card} ({box.format(box=1, boxes=5)})"
    live = ".flashcards__live"
    front = page.inner_text(".flashcards__front")
    page.wait_for_function(
        "([s, t]) => document.querySelector(s).textContent.endsWith(t)", arg=[live, front]
    )
    # the answer shown is announced; "I knew it" puts the card up a box and goes on
    page.click("[data-flashcards] [data-action=reveal]")
    back = page.inner_text(".flashcards__back")
    page.wait_for_function(
        "([s, t]) => document.querySelector(s).textContent === t", arg=[live, back]
    )
    page.click("[data-flashcards] [data-action=known]")
    assert page.inner_text(".flashcards__front") == first and page.is_hidden(".flashcards__back")
    page.reload()  # the boxes are kept
    page.click("[data-flashcards] [data-action=previous]")
    assert page.inner_text(".flashcards__count") == f"{card} ({box.format(box=2, boxes=5)})"
    page.click("[data-flashcards] [data-action=reveal]")
    page.click("[data-flashcards] [data-action=unknown]")
    page.click("[data-flashcards] [data-action=previous]")
    assert page.inner_text(".flashcards__count") == f"{card} ({box.format(box=1, boxes=5)})"


# -- 12. glossary --------------------------------------------------------------
GLOSSARY_QUERIES = {
    "fr": ["europeen", "FRONTEX", "agence eur"],
    "en": ["europe", "EMS", "agency eur"],
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_glossary_has_an_a_to_z_index_and_a_filter(open_page, base, language):
    page = open_page()
    goto(page, url(base, language, "package/glossary/"))
    shorts = visible(page, "dl.glossary dt .glossary__short")
    assert len(shorts) == 42
    assert shorts == sorted(shorts, key=str.casefold)
    firsts = {s[0].upper() for s in shorts}
    letters = visible(page, "nav.az a")
    assert letters == sorted(firsts)
    for link in page.locator("nav.az a").all():
        target = page.locator(f"dt{link.get_attribute('href')}")
        assert target.locator(".glossary__short").inner_text()[0].upper() == link.inner_text()
    assert all(
        letter not in firsts for letter in visible(page, "nav.az span")
    )  # letters without entries: not links
    field = page.get_by_role("searchbox", name=UI["glossary_filter"][language])
    for query in GLOSSARY_QUERIES[language]:
        field.focus()
        page.keyboard.press("Control+A")
        page.keyboard.type(query)
        shown = page.eval_on_selector_all(
            "dl.glossary > .glossary__entry:not([hidden])",
            "els => els.map(e => e.querySelector('dt').textContent + ' '"
            " + (e.querySelector('.glossary__other [lang]') || {}).textContent)",
        )
        assert shown, query
        for text in shown:
            assert all(word_starts(text, w) for w in query.split()), (query, text)
        assert page.locator("dl.glossary > .glossary__entry:not([hidden]) mark").count()
        status = page.inner_text(".glossary-filter__count")
        assert status.startswith(f"{len(shown)} "), status
        assert parse_qs(urlsplit(page.url).query)["q"] == [query]  # in the address
    page.reload()  # the address keeps the filter
    assert page.input_value(".glossary-filter input") == query
    assert len(visible(page, "dl.glossary dt")) == len(shown)
    field.focus()
    page.keyboard.press("Escape")  # a search field is cleared with Escape
    assert len(visible(page, "dl.glossary dt")) == 42
    assert "q=" not in page.url


def test_glossary_and_explorer_show_everything_without_javascript(browser, base):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url(base, "en", "package/glossary/"))
    assert len(visible(page, "dl.glossary dt")) == 42
    assert not page.is_visible(".glossary-filter")
    assert page.locator("nav.az a").count() > 10
    page.goto(url(base, "en", "package/explorer/"))  # no filters that cannot work
    assert page.locator("ol.explorer > li").count() == 42
    assert not page.is_visible("[data-explorer-filters]")
    context.close()


# -- 13. search ----------------------------------------------------------------
def results(page) -> list[tuple[str, str]]:
    """The results shown, once each has its text (Pagefind fills them in as
    their text arrives, in any order): (address, kind) each."""
    page.wait_for_function(
        """() => {
            const items = [...document.querySelectorAll('.pagefind-ui__result')];
            return items.length && items.every(i => i.querySelector('.result-type'));
        }""",
        timeout=5000,
    )
    return page.eval_on_selector_all(
        ".pagefind-ui__result",
        """els => els.map(e => [(u => u.pathname + u.hash)(
                                   new URL(e.querySelector('.pagefind-ui__result-link').href)),
                               (e.querySelector('.result-type') || {}).textContent])""",
    )


@pytest.mark.parametrize(("language", "query"), [("fr", "smuggling"), ("en", "trafic")])
def test_search_stays_in_the_page_language(open_page, base, language, query):
    page = open_page()
    page.goto(url(base, language, f"package/search/?q={query}"))
    # the list comes once the search is done (while it runs, only a message)
    page.wait_for_selector(".pagefind-ui__results", state="attached", timeout=5000)
    found = page.eval_on_selector_all(".pagefind-ui__result", "els => els.map(e => e.innerText)")
    assert found == [], "a word of the other language finds nothing"


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_results_say_their_kind_and_put_the_page_about_it_first(open_page, base, language):
    page = open_page()
    page.goto(url(base, language, "package/search/?q=frontex"))
    found = results(page)
    kinds = {
        UI[key][language]
        for key in (
            "measure",
            "actor",
            "glossary",
            "search_type_tool",
            "full_text",
            "search_type_about",
            "home",
        )
    }
    assert all(kind in kinds for _, kind in found), found
    assert found[0] == [f"/{PREFIX[language]}package/actors/frontex/", UI["actor"][language]]
    top = [href for href, _ in found[:5]]
    assert len(set(top)) == len(top)
    repeats = [kind for _, kind in found[:5] if kind != UI["actor"][language]]
    assert all(kind == UI["measure"][language] for kind in repeats), found  # no copies on top


@pytest.mark.parametrize("language", ["en"])  # the same in every language
def test_search_field_is_named_keeps_the_address_and_leads_to_the_results(
    browser, served_site, language
):
    """Enter, pressed before the results are in, goes to the first result, not
    to whichever result's text arrived first (the first one's is held back);
    the address follows what is typed."""
    context = browser.new_context()
    page = context.new_page()
    held = []

    def hold_the_first(route):
        if held:
            route.continue_()
        else:
            held.append(route)

    # one search, from the address: its first result's text is the first asked for
    page.route("**/pagefind/fragment/*", hold_the_first)
    page.goto(url(served_site, language, "package/search/?q=europol"))
    field = page.get_by_role("textbox", name=UI["search_label"][language])
    field.wait_for(timeout=5000)
    field.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=5000)  # the later ones
    page.wait_for_timeout(300)
    assert page.evaluate("document.activeElement.tagName") == "INPUT"
    assert held, "the first result's text was not held back"
    held[0].continue_()
    page.wait_for_function(
        "document.activeElement.matches('.pagefind-ui__result-link')", timeout=5000
    )
    first = page.eval_on_selector(
        ".pagefind-ui__result .pagefind-ui__result-link", "e => e.getAttribute('href')"
    )
    assert page.evaluate("document.activeElement.getAttribute('href')") == first
    assert urlsplit(first).path.endswith("/actors/europol/")
    field.fill("")
    field.focus()
    page.keyboard.type("frontex")
    page.wait_for_function("location.search === '?q=frontex'", timeout=5000)
    status = page.locator(".site-search-page + [role=status]")
    page.wait_for_function(
        "s => document.querySelector(s).textContent.toLowerCase().includes('frontex')",
        arg=".site-search-page + [role=status]",
        timeout=5000,
    )
    assert "frontex" in status.inner_text().lower()
    context.close()


@pytest.mark.parametrize("language", ["fr"])  # the same in every language
def test_phone_search_button_opens_the_search_page_ready_to_type(open_page, base, language):
    page = open_page("phone")
    goto(page, url(base, language, "package/measure-2/"))
    page.click(".md-header .site-search__button")
    page.wait_for_selector(".pagefind-ui__search-input", timeout=5000)
    page.wait_for_timeout(200)
    assert page.evaluate("document.activeElement.classList.contains('pagefind-ui__search-input')")


# -- 14. offline search --------------------------------------------------------
OFFLINE_QUERIES = {
    "fr": ("etats membres", "États membres", "1 résultat", "résultats"),
    "en": ("member states", "Member States", "1 result", "results"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_offline_search_puts_the_page_about_a_name_first_and_matches_no_other_word(
    browser, offline_root, language
):
    context = browser.new_context()
    page = context.new_page()
    search = offline_root + PREFIX[language] + "package/search/index.html"
    for name in ("Frontex", "Europol", "EMSC"):
        page.goto(f"{search}?q={name.lower()}")
        page.wait_for_selector(".offline-search__result a")
        first = page.get_attribute(".offline-search__result a", "href")
        assert urlsplit(first).path.endswith(f"/actors/{name.lower()}/index.html"), (name, first)
        marks = {fold(m) for m in visible(page, ".offline-search__result p mark")}
        assert marks and all(m.startswith(name.lower()) for m in marks), (name, marks)
    word, forms = {
        "fr": ("renforce", {"renforcement", "renforcer"}),
        "en": ("networks", {"network", "networks"}),
    }[language]
    page.fill(".offline-search input", word)  # a stem: the forms of the word
    assert forms <= {fold(m) for m in visible(page, ".offline-search__result p mark")}
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_offline_search_counts_ranks_and_shows_excerpts(browser, offline_root, language):
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("request", lambda r: not r.url.startswith("file:") and errors.append(r.url))
    query, title, one, many = OFFLINE_QUERIES[language]
    search = offline_root + PREFIX[language] + "package/search/index.html"
    page.goto(f"{search}?q={query}")
    page.wait_for_selector(".offline-search__result a")
    titles = page.eval_on_selector_all(
        ".offline-search__result a", "els => els.map(e => e.textContent)"
    )
    count = page.inner_text(".offline-search__count")
    assert count == f"{len(titles)} {many}"
    assert titles[0] == title  # the page whose title holds the words, first
    titled = [all(word_starts(t, w) for w in query.split()) for t in titles]
    assert titled == sorted(titled, reverse=True)  # title matches before the others
    excerpts = page.locator(".offline-search__result p")
    assert excerpts.count() == len(titles)
    assert all(
        fold(m).startswith(("etat", "membre", "member", "state"))
        for m in visible(page, ".offline-search__result p mark")
    )
    assert page.locator(".offline-search__result p mark").count() >= len(titles)
    page.fill(".offline-search input", "zzzz")
    assert page.inner_text(".offline-search__count") == UI["search_results_none"][language]
    # a query with a single result: the singular
    singles = {"fr": "Échéances", "en": "Deadline"}  # the timeline page only (by stems too)
    page.fill(".offline-search input", singles[language])
    assert page.locator(".offline-search__result").count() == 1, visible(
        page, ".offline-search__result a"
    )
    assert page.inner_text(".offline-search__count") == one
    assert errors == []
    context.close()


# -- the 404 page where a static host serves the root one for every address ---
def test_a_static_host_s_404_speaks_the_address_s_language(browser, real_site):
    """GitHub Pages serves the root (default language's) 404 page at /en/…:
    it shows the English block alone (one heading), its header in English,
    marks English in the language menu, and its search box, logo and
    measures lead into the English site."""
    from browser import StaticHostHandler, serve

    language = "en"
    with serve(real_site, handler_class=StaticHostHandler) as served:
        context = browser.new_context()
        page = context.new_page()
        response = page.goto(url(served, language, "package/no-such-page/"))
        assert response.status == 404
        assert page.evaluate("document.documentElement.lang") == language
        heading = page.locator(".md-content h1")
        assert heading.count() == 1 and heading.inner_text() == UI["not_found_title"][language]
        assert page.title().startswith(UI["not_found_title"][language])
        current = page.locator(".md-select__link[aria-current]")
        assert current.count() == 1 and current.get_attribute("hreflang") == language
        # the header too speaks English: every word it marks, as the English pages say it
        shown = page.evaluate(
            """markers => {
              const found = {};
              const header = document.querySelector(".md-header");
              for (const [marker, attribute] of Object.entries(markers))
                header.querySelectorAll("[" + marker + "]").forEach(e => {
                  const value = attribute ? e.getAttribute(attribute) : e.textContent;
                  (found[e.getAttribute(marker)] ||= []).push(value.trim().split(/\\s+/).join(" "));
                });
              return [found, header.closest("[lang]").lang];
            }""",
            L10N,
        )
        english = header_words(tree(real_site / PREFIX[language] / "404.html"))
        assert {k: set(v) for k, v in shown[0].items()} == english and shown[1] == language
        logo = urlsplit(page.locator(".md-header .md-logo").evaluate("a => a.href")).path
        assert logo == f"/{PREFIX[language]}"
        measures = page.locator(".not-found__measures a")
        first = urlsplit(measures.first.evaluate("a => a.href")).path
        assert measures.count() == 13 and first == f"/{PREFIX[language]}package/measure-1/"
        field = page.get_by_role("searchbox", name=UI["search_label"][language])
        field.fill("frontex")
        field.press("Enter")
        page.wait_for_url("**/package/search/?q=frontex", timeout=5000)
        assert urlsplit(page.url).path == f"/{PREFIX[language]}package/search/"
        context.close()


@pytest.mark.parametrize("language", ["en"])  # the same in every language
def test_a_search_result_opens_its_page_with_the_words_highlighted(open_page, base, language):
    """Pagefind's results carry the words (?pagefind-highlight=), which
    Pagefind's own highlighter, from the site's bundle, marks on the page."""
    page = open_page()
    goto(page, url(base, language, "package/search/?q=frontex"))
    link = page.locator(".pagefind-ui__result-link").first
    href = link.get_attribute("href")
    assert parse_qs(urlsplit(href).query).get("pagefind-highlight") == ["frontex"], href
    link.click()
    page.wait_for_selector("mark.pagefind-highlight", timeout=5000)
    marks = page.eval_on_selector_all(
        "mark.pagefind-highlight",
        "els => els.map(e => [e.textContent, !!e.closest('[data-pagefind-body]')])",
    )
    assert marks and all(fold(text) == "frontex" and inside for text, inside in marks), marks
    background = page.eval_on_selector(
        "mark.pagefind-highlight", "e => getComputedStyle(e).backgroundColor"
    )
    assert (
        background != "rgb(255, 255, 0)"
    )  # the edition's colours (light and dark), not Pagefind's
