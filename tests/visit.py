"""One visit of each page: a page of every kind of the registry
(``generator.pages.KINDS``), in each language of the document, on each device
of ``browser.DEVICES``, loaded once; every per-page probe runs during that
visit and gives its findings (an empty list: nothing found).

A new page kind is visited, and probed, with no edit here: the visits follow
from the registry. The probes of each device:

- every device: console errors, failed responses and requests to other hosts
  (``watch``), no interface string of the other language (``language``), the
  header's site name (``header``), no form or result inside the heading (``heading``);
- every device: axe-core, every WCAG 2.2 A/AA rule and best practice, in one
  colour scheme (``axe-light`` or ``axe-dark``: the dark one reached by the
  reader's toggle, without reloading); on the desktop, with a footnote popover
  shown. The schemes alternate (``scheme_of``): in the first language the
  desktop is light and the phone dark, in the next the reverse; so each page
  kind is checked in both schemes in each language, on each device in both
  schemes, and every rule runs in every (language, device) visit;
- every device: controls of 24 x 24 px at least (``targets``) whose
  padding does not make lines uneven (``lines``);
- phone (320 px, touch: the layout of every width up to 480 px, and a 1280 px
  desktop at 400 % zoom): nothing moves once the scripts run
  (``layout-shift``); no sideways scrolling, header controls in sight, names
  not broken inside a word (``reflow``, WCAG 1.4.10);
- desktop: the printed page names the document, its address and the date and
  leaves the site's chrome out; footnotes are printed (``print``).
"""

from __future__ import annotations

import functools
import re
from datetime import date

from babel.dates import format_date
from browser import AXE, DEVICES, NUMBER, UI, WCAG22_PRACTICE, PageWatch, goto, run_axe
from conftest import DATA

from generator import addresses, load_document, pages

# What a page shows only in a given state: the search page shows its results
# for a query.
STATE = {"search": "?q=frontex"}
# The pages of the site that no page kind makes (the publishing step's).
EXTRA = {"404": "404.html"}

PROBES = {
    "watch": ("desktop", "phone"),
    "language": ("desktop", "phone"),
    "header": ("desktop", "phone"),
    "heading": ("desktop", "phone"),
    "axe-light": ("desktop", "phone"),  # the visits in the light scheme (scheme_of)
    "axe-dark": ("desktop", "phone"),  # the others, in the dark scheme
    "targets": ("desktop", "phone"),
    "lines": ("desktop", "phone"),
    "layout-shift": ("phone",),
    "reflow": ("phone",),
    "print": ("desktop",),
}


@functools.cache
def document():
    return load_document(DATA)


def prefix(language: str) -> str:
    """The language's folder in the site: the first language at the root."""
    return "" if language == document().languages[0] else f"{language}/"


def pages_to_visit() -> dict[str, str]:
    """Page kind -> the address (from the site's root, without the language's
    folder) of its first page, in the state that shows its content."""
    doc = document()
    found = {}
    for kind in pages.KINDS:
        _, path = kind.pages(doc)[0]
        found[kind.name] = addresses.served(path) + STATE.get(kind.name, "")
    return found | EXTRA


def visits() -> list[tuple[str, str, str]]:
    """(kind, language, device) of every visit."""
    return [
        (kind, language, device)
        for kind in pages_to_visit()
        for language in document().languages
        for device in DEVICES
    ]


def probe_name(kind: str, language: str, device: str, probe: str) -> str:
    return f"{kind}-{language}-{device}-{probe}"


def visit_of(nodeid: str) -> str | None:
    """The visit (its tests' common part) of a test of test_every_page.py."""
    name = nodeid.partition("test_every_page.py::test_page[")[2].removesuffix("]")
    probe = next((p for p in sorted(PROBES, key=len, reverse=True) if name.endswith("-" + p)), "")
    return name[: -len(probe) - 1] if name and probe else None


SCHEMES = ("default", "slate")  # Material's light and dark schemes


def scheme_of(language: str, device: str) -> str:
    """The colour scheme of a visit's axe-core run: alternating by language
    and by device (light on the first language's desktop, dark on its phone,
    the reverse in the next language)."""
    turn = document().languages.index(language) + list(DEVICES).index(device)
    return SCHEMES[turn % len(SCHEMES)]


def probes_of(language: str, device: str) -> list[str]:
    """The probes of a visit."""
    axe = "axe-light" if scheme_of(language, device) == "default" else "axe-dark"
    return [
        probe
        for probe, devices in PROBES.items()
        if device in devices and (not probe.startswith("axe-") or probe == axe)
    ]


def probe_ids() -> list[tuple[str, str, str, str]]:
    """(kind, language, device, probe) of every check a visit makes."""
    return [(*v, probe) for v in visits() for probe in probes_of(v[1], v[2])]


# -- the probes -----------------------------------------------------------------
# The theme's strings of the other language, which a page in a language may not show.
WRONG = {
    "fr": ["Permanent link", "Jump back", "Made with", "Back to reference", "Search"],
    "en": ["Lien permanent", "Revenir", "Rechercher", "Table des matières"],
}

SMALL_TARGETS = (
    ".md-content a.footnote-ref, .md-content a.footnote-backref, .md-content a.gl,"
    " .md-content abbr[title], .md-content a.chip, table.matrix td a,"
    " nav.az a, .md-header .md-header__button, .md-header .site-search__button"
)
SMALL = """els => els.filter(e => e.getClientRects().length)
    .map(e => [e.className || e.tagName, e.textContent.trim(),
               e.getBoundingClientRect().width, e.getBoundingClientRect().height])
    .filter(([, , w, h]) => w < 23.95 || h < 23.95)"""
UNEVEN = """els => els.filter(e => e.getClientRects().length).map(p => {
    const line = parseFloat(getComputedStyle(p).lineHeight);
    const height = p.getBoundingClientRect().height;
    return [p.textContent.slice(0, 40), height / line];
  }).filter(([, lines]) => Math.abs(lines - Math.round(lines)) > 0.05)"""

CUT = """els => els.filter(e => e.getClientRects().length)
    .filter(e => { const r = e.getBoundingClientRect();
                   return r.left < 0 || r.right > innerWidth; })
    .map(e => e.className)"""
# The visible elements too narrow for their longest word (which the browser
# then breaks in the middle).
SPLIT_WORDS = """els => els.filter(e => e.getClientRects().length).filter(e => {
    const style = getComputedStyle(e);
    const measure = document.createElement('canvas').getContext('2d');
    measure.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    // a line may end after a hyphen ("Haut-|Commissariat"), not inside a word
    const words = e.textContent.split(/\\s+|(?<=-)/);
    const longest = Math.max(...words.map(w => measure.measureText(w).width));
    const room = e.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return longest > room + 1; }).map(e => e.textContent.trim())"""

# The layout shifts so far (those without a recent input), once the observer
# has been given the buffered ones (a task, then two frames).
LAYOUT_SHIFT = """() => new Promise(done => {
    let total = 0;
    new PerformanceObserver(list => list.getEntries().forEach(e => {
        if (!e.hadRecentInput) total += e.value; }))
        .observe({type: 'layout-shift', buffered: true});
    setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(() => done(total)))); })"""

CHROME = (
    ".md-header",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-footer",
    "nav.az",
    ".tool-filters",
    ".md-top",
    # on-screen-only links and controls: the language menu, tool links, copy
    # link and cite, where-am-I and start-here navigation, forms
    ".md-select",
    ".md-content .tool-links",
    ".md-content .cite-kit",
    ".md-content .breadcrumb",
    ".md-content nav.start",
    ".md-content form",
)
SCHEME = "document.body.getAttribute('data-md-color-scheme')"


# The page's markup without the parts in another language (a column of the
# side-by-side pages, the language switcher's names).
OWN_LANGUAGE = """lang => { const copy = document.documentElement.cloneNode(true);
    copy.querySelectorAll('[lang]').forEach(e => e.lang.startsWith(lang) || e.remove());
    return copy.outerHTML; }"""


def wrong_strings(html: str, language: str) -> list[str]:
    """The other language's strings in ``html``, as words (not "URLSearchParams")."""
    return [text for text in WRONG[language] if re.search(rf"(?<!\w){text}(?!\w)", html)]


def language_probe(page, language: str) -> list:
    return wrong_strings(page.evaluate(OWN_LANGUAGE, language), language)


def header_probe(page, language: str, device: str) -> list:
    """The site's full name on a desktop; its short name and number, whole, on a phone."""
    found = []
    full, short = ".md-header .site-title--full", ".md-header .site-title--short"
    name, number = ".md-header .site-title__name", ".md-header .site-title__number"
    if device == "desktop":
        if not page.is_visible(full) or NUMBER not in page.inner_text(full):
            found.append("full name not shown")
        if page.is_visible(short):
            found.append("short name shown")
        return found
    if not (page.is_visible(name) and page.is_visible(number)):
        return ["short name or number not shown"]
    if page.inner_text(name) != UI["header_short"][language]:
        found.append(("name", page.inner_text(name)))
    if NUMBER not in page.inner_text(number):
        found.append(("number", page.inner_text(number)))
    for part in (name, number):
        if not page.eval_on_selector(part, "e => e.scrollWidth <= e.clientWidth"):
            found.append(("cut", part))
    if page.is_visible(full):
        found.append("full name shown")
    return found


def heading_probe(page) -> list:
    """The page's heading holds no form or search result; an id is used once."""
    found = page.eval_on_selector_all(
        "h1 input, h1 form, h1 .pagefind-ui, h1 .pagefind-ui__result",
        "els => els.map(e => e.outerHTML.slice(0, 80))",
    )
    if page.evaluate("document.querySelectorAll('[id=search]').length") > 1:
        found.append("two elements with the id 'search'")
    return found


def reflow_probe(page) -> list:
    """WCAG 1.4.10: at 320 px wide tables scroll in their own region, never the page."""
    found: list = []
    width, inner = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    if width > inner:
        found.append(("page wider than the screen", width))
    if cut := page.eval_on_selector_all(
        ".md-header .md-header__button, .md-header .site-search__button", CUT
    ):
        found.append(("header controls cut off", cut))
    if split := page.eval_on_selector_all(".md-content a.chip", SPLIT_WORDS):
        found.append(("names broken in the middle of a word", split))
    return found


def axe_probe(page, language: str, device: str) -> list:
    """Every WCAG 2.2 A/AA rule and best practice, in the visit's colour scheme
    (the dark one reached by the reader's toggle: the page as it is)."""
    scheme = scheme_of(language, device)
    if scheme == "slate":
        page.click(f".md-header label[title='{UI['palette_to_dark'][language]}']")
    if page.evaluate(SCHEME) != scheme:
        return [f"not in the {scheme} scheme"]
    if device == "desktop" and page.locator("a.footnote-ref").count():
        page.locator("a.footnote-ref").first.hover()  # with a popover shown
        page.wait_for_selector(".md-tooltip2--active", timeout=3000)
    found = run_axe(page, WCAG22_PRACTICE)
    page.mouse.move(0, 0)
    return found


def plain_words(text: str) -> str:
    """``text`` with any space as a space and any apostrophe as ``'``."""
    return re.sub(r"\s+", " ", text.replace("\u2019", "'")).strip()


def print_probe(page, language: str) -> list:
    """The printed page: the edition's title, version and date (the footer's
    edition text); a line with the document's number, the page's address and
    the date; none of the site's chrome nor on-screen-only links; the footnotes."""
    found: list = []
    footer = page.locator(".md-footer .edition-line")
    edition = footer.inner_text().split(" · ")[0].strip() if footer.count() else ""
    page.emulate_media(media="print")
    printed = page.locator(".print-edition")
    shown = printed.inner_text() if printed.count() and printed.is_visible() else ""
    title = UI["site_name"][language].format(number=NUMBER)
    if not (edition and edition in shown and plain_words(title) in plain_words(shown)):
        found.append(("print edition", shown, edition))
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    line = page.locator(".print-line")
    text = line.inner_text() if line.count() and line.is_visible() else ""
    pattern = UI["date_first_day" if date.today().day == 1 else "date_day"][language]
    today = format_date(date.today(), pattern, locale=language)
    if not (NUMBER in text and page.url in text):
        found.append(("print line", text))
    if not text.endswith(UI["print_date"][language].format(date=today)):
        found.append(("print date", text))
    found += [c for c in CHROME if page.locator(c).filter(visible=True).count()]
    notes = page.locator(".md-content .footnote")
    if notes.count() and not notes.first.is_visible():
        found.append("footnotes not printed")
    page.emulate_media(media="screen")
    if line.count() and line.is_visible():
        found.append("print line on screen")
    if printed.count() and printed.is_visible():
        found.append("print edition on screen")
    return found


class Visitor:
    """Visits pages, one Chromium page per device (axe-core preloaded), and
    keeps each visit's findings by probe (or the error that stopped it)."""

    def __init__(self, browser, base: str):
        self.browser = browser
        self.base = base
        self.tabs: dict[str, object] = {}
        self.done: dict[tuple[str, str, str], dict | Exception] = {}
        self.contexts: list = []

    def tab(self, device: str):
        if device not in self.tabs:
            context = self.browser.new_context(**DEVICES[device], color_scheme="light")
            context.add_init_script(path=str(AXE))
            self.contexts.append(context)
            self.tabs[device] = context.new_page()
        return self.tabs[device]

    def findings(self, kind: str, language: str, device: str) -> dict:
        key = (kind, language, device)
        if key not in self.done:
            try:
                self.done[key] = self.visit(*key)
            except Exception as error:  # every probe of the visit reports it
                self.done[key] = error
        found = self.done[key]
        if isinstance(found, Exception):
            raise found
        return found

    def visit(self, kind: str, language: str, device: str) -> dict:
        page = self.tab(device)
        watch = PageWatch(page, self.base)
        try:
            goto(page, self.base + prefix(language) + pages_to_visit()[kind])
            found = self.probe(page, language, device)
        finally:
            watch.detach()
            page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        found["watch"] = watch.errors + [("another host", u) for u in watch.foreign]
        return found

    def probe(self, page, language: str, device: str) -> dict:
        found: dict = {}
        on = set(probes_of(language, device))
        if "layout-shift" in on:  # first: the shifts while the page was loading
            shift = round(page.evaluate(LAYOUT_SHIFT), 3)
            found["layout-shift"] = [shift] if shift >= 0.1 else []
        found["language"] = language_probe(page, language)
        found["header"] = header_probe(page, language, device)
        found["heading"] = heading_probe(page)
        if "reflow" in on:
            found["reflow"] = reflow_probe(page)
        if "targets" in on:
            found["targets"] = page.eval_on_selector_all(SMALL_TARGETS, SMALL)
            found["lines"] = page.eval_on_selector_all(
                ".md-content p:has(a.gl, a.footnote-ref):not(:has(.chip, .quiz__mark))", UNEVEN
            )
        if "print" in on:
            found["print"] = print_probe(page, language)
        axe = next(probe for probe in on if probe.startswith("axe-"))
        found[axe] = axe_probe(page, language, device)  # last: it may turn the page dark
        return found

    def close(self) -> None:
        for context in self.contexts:
            context.close()
