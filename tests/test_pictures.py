"""The two pictures of the site, in headless Chromium, in both languages: the
who-does-what heat map (numbers and colours by step, the legend's ranges, cell
links to the explorer, the view and filters in the address, sticky headers in
its own scroll region, reflow at 320 px, axe in both schemes) and the
timeline (date order, deadlines in words and in shape, the reference point,
links, reflow at 320 px, print; axe in both schemes: test_every_page.py)."""

from __future__ import annotations

import functools
import re

import pytest
from browser import COLOURS, LANGUAGES, UI, WCAG22, goto, run_axe, settle, url, visible
from conftest import DATA

from generator import load_document, pictures
from generator.markup import plain
from generator.pictures import heat_maps, timeline_years

HEAT = "package/who-does-what/"
TIMELINE = "package/timeline/"
SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})  # French typography's spaces


@functools.cache
def document():
    return load_document(DATA)


def said(text: str) -> str:
    return " ".join(text.translate(SPACES).split())


def plural(key: str, language: str, n: int, **values) -> str:
    """An interface string with its plural form for ``n`` (one: 0 and 1 in
    French, 1 in English), filled."""
    forms = UI[key][language]
    one = n in (0, 1) if language == "fr" else n == 1
    return said(forms["one" if one else "other"].format(n=n, **values))


def to_dark(page, language: str) -> None:
    """The reader's toggle in the header."""
    page.click(f".md-header label[title='{UI['palette_to_dark'][language]}']")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"


# -- the heat map ---------------------------------------------------------------
def table(page, view: str) -> dict[str, list[tuple[str, str]]]:
    """The rows shown of a view: actor id -> [(number, background)] per column shown."""
    rows = page.eval_on_selector_all(
        f"[data-heat={view}] tbody tr:not([hidden])",
        """rows => rows.map(r => [r.querySelector('th a').getAttribute('href'),
             [...r.cells].slice(1, -1).filter(c => !c.hidden)
               .map(c => [c.textContent, getComputedStyle(c).backgroundColor])])""",
    )
    return {href.rstrip("/").rsplit("/", 1)[1]: cells for href, cells in rows}


def legend(page) -> list[tuple[str, str]]:
    return page.eval_on_selector_all(
        ".heat-legend .heat-swatch",
        "els => els.map(e => [e.textContent, getComputedStyle(e).backgroundColor])",
    )


def check_colours(page, view: str, language: str) -> None:
    """Every cell's number is the data's and its colour is the legend's for the
    step that holds it; the steps' colours all differ; the legend's ranges
    follow each other from the lowest count found to the highest."""
    heat = heat_maps(document(), language)
    expected = {r.actor.id: r.counts for r in next(m for m in heat.maps if m.by == view).rows}
    shown = table(page, view)
    assert {a: [int(n or 0) for n, _ in cells] for a, cells in shown.items()} == {
        a: list(counts) for a, counts in expected.items()
    }
    swatches = legend(page)
    assert said(swatches[0][0]) == UI["heat_none"][language]
    ranges = [tuple(map(int, text.split("–"))) for text, _ in swatches[1:]]
    ranges = [(r[0], r[-1]) for r in ranges]
    counts = {n for m in heat.maps for r in m.rows for n in r.counts if n}
    assert len(ranges) == min(5, len(counts))
    assert ranges[0][0] == min(counts) and ranges[-1][1] == max(counts)
    assert all(low == high + 1 for (_, high), (low, _) in zip(ranges, ranges[1:], strict=False))
    assert all(any(low <= n <= high for n in counts) for low, high in ranges)  # none empty
    colours = [colour for _, colour in swatches]
    assert len(set(colours)) == len(colours), colours  # one colour per step, and none
    for cells in shown.values():
        for number, colour in cells:
            if not number:
                assert colour == colours[0] == "rgba(0, 0, 0, 0)"  # the page shows through
                continue
            step = next(i for i, (low, high) in enumerate(ranges) if low <= int(number) <= high)
            assert colour == colours[step + 1], (number, colour)


def follow(page, view: str, language: str, least: int = 1) -> None:
    """Follow the first cell link of ``view`` that counts ``least`` actions or
    more: its name says it in words, and the explorer shows exactly that
    actor's actions in that section or measure."""
    heat = next(m for m in heat_maps(document(), language).maps if m.by == view)
    row, column, n = next(
        (row, column, n)
        for row in heat.rows
        for column, n in zip(heat.columns, row.counts, strict=True)
        if n >= least
    )
    name = plain(row.actor.name.get(language))
    key = "heat_cell_" + view
    expected = plural(key, language, n, actor=name, **{view: column.key})
    link = page.locator(f"[data-heat={view}] a[href$='actor={row.actor.id}&{view}={column.key}']")
    assert said(link.get_attribute("aria-label")) == expected
    assert link.inner_text() == str(n)
    link.click()
    page.wait_for_url(re.compile(r"/explorer/\?"))
    settle(page)
    shown = page.eval_on_selector_all(
        "ol.explorer > li:not([hidden])",
        "els => els.map(e => [e.dataset.actors.split(' '), e.dataset.section, e.dataset.measure])",
    )
    assert len(shown) == n
    place = 1 if view == "section" else 2
    assert all(row.actor.id in item[0] and item[place] == column.key for item in shown)
    assert page.inner_text(".explorer-count").startswith(f"{n} ")


@pytest.mark.parametrize("language", LANGUAGES)
def test_heat_map_cells_carry_numbers_colours_by_step_and_links(open_page, served_site, language):
    page = open_page()
    goto(page, url(served_site, language, HEAT))
    assert page.is_visible("[data-heat=section]") and page.is_hidden("[data-heat=measure]")
    check_colours(page, "section", language)
    follow(page, "section", language)
    page.go_back()
    page.check("[data-matrix-filters] input[name=by][value=measure]")
    check_colours(page, "measure", language)
    follow(page, "measure", language, least=3)
    page.go_back()
    page.check("[data-matrix-filters] input[name=by][value=section]")
    to_dark(page, language)  # the same steps, in the dark scheme's colours
    check_colours(page, "section", language)


@pytest.mark.parametrize("language", ["en"])  # the same in every language
def test_heat_map_shows_the_view_the_address_asks_for_before_the_tools_script(
    browser, served_site, language
):
    """From the first paint: the table by measure, and its radio button checked
    (tools.js held back, as on a slow connection)."""
    context = browser.new_context()
    context.route("**/assets/tools.js", lambda route: route.abort())
    page = context.new_page()
    page.goto(url(served_site, language, HEAT + "?by=measure"))
    assert page.is_checked("[data-matrix-filters] input[name=by][value=measure]")
    assert page.is_visible("[data-heat=measure]") and page.is_hidden("[data-heat=section]")
    context.close()


@pytest.mark.parametrize("language", ["fr"])  # the same in every language
def test_heat_map_view_and_filters_survive_a_reload(open_page, served_site, language):
    page = open_page("phone")
    goto(page, url(served_site, language, HEAT + "?by=measure&kind=csdp_mission&section=IV"))
    form = "[data-matrix-filters]"
    assert page.is_checked(f"{form} input[name=by][value=measure]")
    assert page.is_visible("[data-heat=measure]") and page.is_hidden("[data-heat=section]")
    heads = "[data-heat={}] thead th[data-section] > [aria-hidden]"
    assert visible(page, heads.format("measure")) == ["11", "12", "13"]
    heat = heat_maps(document(), language)
    by_measure = next(m for m in heat.maps if m.by == "measure")
    keep = [i for i, c in enumerate(by_measure.columns) if c.section == "IV"]
    rows = {
        r.actor.id: [r.counts[i] for i in keep]
        for r in by_measure.rows
        if r.actor.kind == "csdp_mission" and any(r.counts[i] for i in keep)
    }
    shown = table(page, "measure")
    assert {a: [int(n or 0) for n, _ in cells] for a, cells in shown.items()} == rows
    # the totals follow what is shown
    sums = [sum(counts[i] for counts in rows.values()) for i in range(len(keep))]
    foot = visible(page, "[data-heat=measure] tfoot td")
    assert foot == [str(s) for s in sums] + [str(sum(sums))]
    totals = visible(page, "[data-heat=measure] tbody tr:not([hidden]) td:last-child")
    assert totals == [str(sum(counts)) for counts in rows.values()]
    assert said(page.inner_text(".matrix-count")) == plural("actors_shown", language, len(rows))
    # the default view is left out of the address; the filters stay
    page.check(f"{form} input[name=by][value=section]")
    assert page.url.endswith(f"{HEAT}?kind=csdp_mission&section=IV")
    page.reload()
    settle(page)
    assert page.is_visible("[data-heat=section]") and page.is_hidden("[data-heat=measure]")
    assert visible(page, heads.format("section")) == ["IV"]
    assert set(table(page, "section")) == set(rows)
    page.check(f"{form} input[name=by][value=measure]")
    assert "by=measure" in page.url
    page.reload()
    settle(page)
    assert page.is_checked(f"{form} input[name=by][value=measure]")
    assert page.is_visible("[data-heat=measure]")


STICKY = """region => {
  const box = e => e.getBoundingClientRect();
  const rows = region.querySelectorAll('tbody tr');
  const row = rows[Math.floor(rows.length / 2)];
  const corner = region.querySelector('thead th');
  // a column header fully in sight, right of the actors' column
  const head = [...region.querySelectorAll('thead th')].slice(1).find(h =>
      box(h).left >= box(corner).right && box(h).right <= box(region).right);
  const h = box(head);
  // the topmost element of the table there (the theme's own buttons aside)
  const hit = document.elementsFromPoint(h.left + h.width / 2, h.top + h.height / 2)
      .find(e => region.contains(e));
  return {region: box(region).toJSON(), head: h.toJSON(), corner: box(corner).toJSON(),
          onTop: Boolean(hit) && head.contains(hit),
          actor: box(row.cells[0]).toJSON(), cell: box(row.cells[2]).toJSON(),
          scroll: [region.scrollTop, region.scrollLeft],
          room: [region.scrollHeight - region.clientHeight, region.scrollWidth - region.clientWidth]};
}"""


@pytest.mark.parametrize(
    ("device", "language"),
    [("desktop", "en"), ("phone", "fr")],
)
def test_heat_map_headers_stick_in_its_own_scroll_region(open_page, served_site, device, language):
    page = open_page(device)
    goto(page, url(served_site, language, HEAT + "?by=measure"))
    region = page.locator("[data-heat=measure]")
    assert region.get_attribute("role") == "region" and region.get_attribute("tabindex") == "0"
    label = page.inner_text(f"#{region.get_attribute('aria-labelledby')}")
    assert said(label) == said(UI["heat_caption_measure"][language])
    header = page.eval_on_selector(".md-header", "e => e.getBoundingClientRect().height")
    # the page brings the region just under the theme's sticky header: all of it shows
    region.evaluate(f"r => window.scrollBy(0, r.getBoundingClientRect().top - {header})")
    before = region.evaluate(STICKY)
    assert before["region"]["bottom"] <= page.evaluate("innerHeight") + 1
    assert before["room"][0] > 200, "the region scrolls down"
    if device != "desktop":
        assert before["room"][1] > 50, "the region scrolls sideways"
    region.focus()  # by keyboard too
    page.keyboard.press("PageDown")
    page.wait_for_timeout(300)
    assert region.evaluate("r => r.scrollTop") > 0
    region.evaluate("r => { r.scrollTop = 300; r.scrollLeft = 120; }")
    page.wait_for_timeout(100)
    after = region.evaluate(STICKY)
    top, left = after["region"]["top"], after["region"]["left"]
    assert after["scroll"][0] == 300
    assert 0 <= after["head"]["top"] - top <= 2, "the header row stays at the top"
    assert 0 <= after["corner"]["top"] - top <= 2 and 0 <= after["corner"]["left"] - left <= 2
    assert after["onTop"], "the header row is not covered by the rows"
    assert after["cell"]["top"] < before["cell"]["top"] - 250  # the rows did move
    if device != "desktop":
        assert after["scroll"][1] == 120
        assert 0 <= after["actor"]["left"] - left <= 2, "the actors' column stays at the left"
        assert after["cell"]["left"] < before["cell"]["left"] - 100
    for view in ("measure", "section"):  # the page itself never scrolls sideways
        page.check(f"[data-matrix-filters] input[name=by][value={view}]")
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), view


# The view by measure (the page's visits in tests/visit.py axe its first view in
# each language): its colours and structure are the same in every language.
@pytest.mark.parametrize("language", ["en"])
def test_heat_map_by_measure_has_no_wcag22_violation_in_either_scheme(
    open_page, served_site, language
):
    page = open_page()
    goto(page, url(served_site, language, HEAT + "?by=measure"))
    found = {"light": run_axe(page, WCAG22)}
    to_dark(page, language)
    found["dark"] = run_axe(page, WCAG22, COLOURS)
    assert found == {"light": [], "dark": []}


# -- the timeline ---------------------------------------------------------------
EVENTS = """els => els.map(e => {
  const dot = getComputedStyle(e.querySelector('.timeline__dot'));
  return {date: e.querySelector('.timeline__when time').getAttribute('datetime'),
          when: e.querySelector('.timeline__when').textContent,
          reference: e.classList.contains('timeline__event--reference'),
          href: new URL(e.querySelector('.timeline__link a').href).pathname,
          shape: [dot.borderRadius, dot.transform !== 'none', dot.width],
          line: getComputedStyle(e, '::before').borderLeftStyle};
})"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_timeline_draws_the_events_in_order_around_the_approval(open_page, served_site, language):
    page = open_page("phone")
    goto(page, url(served_site, language, TIMELINE))
    doc = document()
    years = timeline_years(doc)
    moments = [m for y in years for m in y.moments]
    shown = page.eval_on_selector_all("ol.timeline .timeline__event", EVENTS)
    assert [e["date"] for e in shown] == [m.event.date for m in moments]
    assert [e["date"] for e in shown] == sorted(e["date"] for e in shown)
    years_shown = visible(page, "ol.timeline > li > .timeline__year-label")
    assert years_shown == [str(y.year) for y in years]
    gaps = [
        said(UI["timeline_gap"][language].format(years=f"{a}–{b}" if a != b else a))
        for a, b in (y.gap for y in years if y.gap)
    ]
    assert [said(g) for g in visible(page, "ol.timeline > li.timeline__gap")] == gaps
    deadline, reference = UI["deadline"][language], said(UI["timeline_reference"][language])
    shapes = {}
    for moment, event in zip(moments, shown, strict=True):
        kind = "reference" if moment.reference else moment.event.kind
        assert (deadline in event["when"]) == (moment.event.kind == "deadline")  # in words
        assert (reference in said(event["when"])) == moment.reference
        shapes.setdefault(kind, set()).add(tuple(event["shape"]))
        after = moment.place == "after"
        assert event["line"] == ("dashed" if after else "solid"), moment.event.id
        measure = moment.event.measure
        home = "/" if language == "fr" else "/en/"
        assert event["href"] == (f"{home}package/measure-{measure}/" if measure else home)
    assert [e["date"] for e in shown if e["reference"]] == [doc.record.approval_date]
    assert all(len(found) == 1 for found in shapes.values())  # one shape per kind
    assert len({found.pop() for found in shapes.values()}) == 3  # and three shapes
    focusable = page.evaluate(
        """[...document.querySelectorAll('.timeline-key *, ol.timeline *')]
             .filter(e => e.tabIndex >= 0).map(e => e.tagName)"""
    )
    assert focusable and set(focusable) == {"A"}  # the links only
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    page.emulate_media(media="print")  # the axis and its marks are printed
    dot = page.locator(".timeline__event--reference .timeline__dot")
    assert dot.is_visible()
    assert dot.evaluate("e => getComputedStyle(e.closest('ol')).printColorAdjust") == "exact"
    page.emulate_media(media="screen")
    link = page.locator(".timeline__link a[href*=measure-]").first
    target = link.get_attribute("href")
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith(target.removeprefix("..")), (page.url, target)


@pytest.mark.parametrize("scheme", sorted(pictures.HEAT_COLOURS))
def test_every_step_of_the_scale_is_readable_in_each_scheme(scheme):
    steps = pictures.HEAT_COLOURS[scheme]
    assert len(steps) == pictures.LEVELS
    for level, (background, text) in enumerate(steps, start=1):
        ratio = pictures.contrast(background, text)
        assert ratio >= 4.5, f"{scheme} step {level}: {text} on {background} is {ratio:.2f}:1"


def test_contrast_is_wcags_ratio():
    assert round(pictures.contrast("#000000", "#ffffff"), 2) == 21.0
    assert round(pictures.contrast("#777777", "#ffffff"), 2) == 4.48
    assert pictures.contrast("#1a3a6e", "#1a3a6e") == 1.0


def test_the_stylesheet_gives_every_step_its_colours_in_every_scheme():
    css = pictures.heat_css()
    blocks = re.findall(r'\[data-md-color-scheme="([^"]+)"\] \{([^}]*)\}', css)
    assert sorted(scheme for scheme, _ in blocks) == sorted(pictures.HEAT_COLOURS)
    for scheme, body in blocks:
        found = dict(re.findall(r"--(heat-\d+(?:-text)?): (#[0-9a-f]{6});", body))
        expected = {}
        for level, (background, text) in enumerate(pictures.HEAT_COLOURS[scheme], start=1):
            expected |= {f"heat-{level}": background, f"heat-{level}-text": text}
        assert found == expected, scheme
    classes = re.findall(
        r"\.heat--(\d+) \{ background: var\(--heat-\1\); color: var\(--heat-\1-text\); \}", css
    )
    assert [int(n) for n in classes] == list(range(1, pictures.LEVELS + 1))
