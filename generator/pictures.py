"""What the two pictures of the site show: the who-does-what heat map and the
timeline. Pure functions of the ``Document``, like ``views``; the templates
draw them (``who-does-what.md.j2``, ``timeline.md.j2``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .markup import plain
from .models import Actor, Document, Event, Text
from .views import actor_matrix, timeline

# -- who does what: a heat map -------------------------------------------------
# The scale's colours, lightest step first: (background, text) of each step in
# the light ("default") and dark ("slate") scheme, from the page's colour to the
# edition's blue in light, to light blue in dark (the highest step stands out
# most). The number of steps and the site's stylesheet (``heat_css``) follow.
HEAT_COLOURS: dict[str, tuple[tuple[str, str], ...]] = {
    "default": (
        ("#e4ecf7", "#1a3a6e"),
        ("#bfd1ec", "#10264a"),
        ("#86a7d8", "#10264a"),
        ("#3d66a8", "#ffffff"),
        ("#1a3a6e", "#ffffff"),
    ),
    "slate": (
        ("#28344a", "#e3e6ec"),
        ("#304d7c", "#ffffff"),
        ("#4a70ad", "#ffffff"),
        ("#8fb2e8", "#10192b"),
        ("#c6dbff", "#10192b"),
    ),
}
LEVELS = len(HEAT_COLOURS["default"])
HEAT_CSS = "heat.css"  # in the generated folder (mkdocs.yml: extra_css)
HEAT_BY = ("section", "measure")  # the views of the map, the first one shown by default


@dataclass(frozen=True)
class HeatStep:
    """A step of the map's scale: the counts from ``low`` to ``high``, in the
    colour ``level`` (1, the lightest, to ``LEVELS``)."""

    low: int
    high: int
    level: int


def heat_steps(counts: Iterable[int], levels: int = LEVELS) -> tuple[HeatStep, ...]:
    """The scale of the cells' ``counts`` (empty cells aside): one step per
    count found when there are at most ``levels``; otherwise the counts found,
    in order, in ``levels`` runs of as many counts each, the longer runs at the
    top (where counts are few and far between). The steps follow each other
    without holes; their colours spread from the lightest to the darkest."""
    found = sorted({n for n in counts if n > 0})
    size = min(levels, len(found))
    if not size:
        return ()
    each, longer = divmod(len(found), size)
    steps, start, low = [], 0, found[0]
    for i in range(size):
        start += each + (i >= size - longer)
        high = found[start - 1]
        level = 1 + round(i * (levels - 1) / (size - 1)) if size > 1 else (levels + 1) // 2
        steps.append(HeatStep(low, high, level))
        low = high + 1
    return tuple(steps)


def heat_css() -> str:
    """The stylesheet of the scale: each step's colours per scheme, and a class
    per step (``heat--1`` …) that the map's cells and legend take."""
    lines = ["/* Made by the generator from pictures.HEAT_COLOURS: edit them there. */"]
    for scheme, steps in HEAT_COLOURS.items():
        selector = f'[data-md-color-scheme="{scheme}"]'
        lines.append(f":root,\n{selector} {{" if scheme == "default" else f"{selector} {{")
        for level, (background, text) in enumerate(steps, start=1):
            lines += [f"  --heat-{level}: {background};", f"  --heat-{level}-text: {text};"]
        lines.append("}")
    for level in range(1, LEVELS + 1):
        colours = f"background: var(--heat-{level}); color: var(--heat-{level}-text);"
        lines.append(f".md-typeset .heat--{level} {{ {colours} }}")
    return "\n".join(lines) + "\n"


def contrast(first: str, second: str) -> float:
    """The WCAG 2 contrast ratio of two ``#rrggbb`` colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@dataclass(frozen=True)
class HeatColumn:
    key: str  # the section's id, or the measure's number
    section: str  # the section it belongs to (what the section filter keeps)
    title: Text


@dataclass(frozen=True)
class HeatRow:
    actor: Actor
    counts: tuple[int, ...]  # actions per column; 0 for none

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class HeatMap:
    """Actors x sections, or actors x measures: the actions that address or
    name each actor, counted per column."""

    by: str  # one of HEAT_BY
    columns: tuple[HeatColumn, ...]
    rows: tuple[HeatRow, ...]

    @property
    def totals(self) -> tuple[int, ...]:
        return tuple(sum(row.counts[i] for row in self.rows) for i in range(len(self.columns)))

    @property
    def total(self) -> int:
        return sum(row.total for row in self.rows)


@dataclass(frozen=True)
class HeatMaps:
    """Both views of the map, with one scale for both (a colour says the
    same count in either)."""

    maps: tuple[HeatMap, ...]
    steps: tuple[HeatStep, ...]

    def level(self, count: int) -> int:
        """The colour of a cell: 0 (none) for an empty one."""
        return next((s.level for s in self.steps if count <= s.high), 0) if count else 0


def sort_key(text: str) -> tuple[str, str]:
    """``text`` as a dictionary orders it: letters first, without case or
    accents ("Estonie" < "États" < "Europol"), then accents."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)), decomposed


def heat_maps(doc: Document, language: str) -> HeatMaps:
    """The heat map by section and by measure. Rows: the actors that actions
    involve, the most involved first, then by name in ``language`` (the kind
    of actor is a filter of the page, not an order)."""
    matrix = actor_matrix(doc)
    by_measure = {row.actor.id: dict(row.measures) for row in matrix}
    sections = tuple(HeatColumn(s.id, s.id, s.title) for s in doc.sections)
    measures = tuple(HeatColumn(str(m.number), m.section, m.title) for m in doc.measures)

    def counts(actor: Actor, by: str) -> tuple[int, ...]:
        per_measure = by_measure[actor.id]
        if by == "measure":
            return tuple(per_measure.get(m.number, 0) for m in doc.measures)
        return tuple(sum(per_measure.get(m.number, 0) for m in s.measures) for s in doc.sections)

    actors = sorted(
        (row.actor for row in matrix),
        key=lambda a: (-sum(by_measure[a.id].values()), sort_key(plain(a.name.get(language)))),
    )
    maps = tuple(
        HeatMap(by, columns, tuple(HeatRow(a, counts(a, by)) for a in actors))
        for by, columns in zip(HEAT_BY, (sections, measures), strict=True)
    )
    every = [n for heat_map in maps for row in heat_map.rows for n in row.counts]
    return HeatMaps(maps, heat_steps(every))


# -- timeline ------------------------------------------------------------------
BEFORE, AT, AFTER = "before", "at", "after"  # an event's place beside the reference date


def date_span(date: str) -> tuple[dt.date, dt.date]:
    """The first and last days of a date written as a year, a month or a day."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    if len(parts) == 2:
        year, month = parts
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, 1), dt.date(year, month, last)
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def placed(date: str, reference: str) -> str:
    """BEFORE or AFTER the ``reference`` day, or AT it (a day, a month or a
    year that holds it)."""
    first, last = date_span(date)
    day = date_span(reference)[0]
    return BEFORE if last < day else AFTER if first > day else AT


@dataclass(frozen=True)
class Moment:
    event: Event
    place: str  # BEFORE, AT or AFTER the reference date
    reference: bool = False  # the event of the reference day itself


@dataclass(frozen=True)
class TimelineYear:
    year: int
    moments: tuple[Moment, ...]
    gap: tuple[int, int] | None  # the years without an event just before this one


def timeline_years(doc: Document) -> list[TimelineYear]:
    """The events in date order, by year, each placed beside the date the
    Council approved the package; the runs of years without events between
    them are gaps (drawn short)."""
    reference = doc.record.approval_date
    years: dict[int, list[Moment]] = {}
    for event in timeline(doc):
        # an event dated as at the document is not the reference day's own event
        here = event.date == reference and not event.as_at
        moment = Moment(event, placed(event.date, reference), here)
        years.setdefault(int(event.date[:4]), []).append(moment)
    out: list[TimelineYear] = []
    previous: int | None = None
    for year, moments in years.items():
        gap: tuple[int, int] | None = (
            (previous + 1, year - 1) if previous is not None and year - previous > 1 else None
        )
        out.append(TimelineYear(year, tuple(moments), gap))
        previous = year
    return out
