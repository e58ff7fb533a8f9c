"""Views of the document for the pages: pure functions of the ``Document``.

``Views`` holds the indexes several pages share (computed once per rendering
of the site, not kept on the immutable document).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

from .markup import plain
from .models import (
    ACTOR_KINDS,
    COUNCIL,
    Action,
    Actor,
    Block,
    Document,
    GlossaryEntry,
    Measure,
    Section,
    Text,
    declared_texts,
)
from .naming import finders, named_in
from .terms import TermFinder


def involved(action: Action) -> tuple[str, ...]:
    """The actors an action addresses or names, each once."""
    return tuple(dict.fromkeys((*action.actors, *action.mentions)))


def action_counts(doc: Document) -> dict[str, int]:
    """Actor id -> number of actions that address or name it."""
    counts = dict.fromkeys((a.id for a in doc.actors), 0)
    for action in doc.actions:
        for actor_id in involved(action):
            counts[actor_id] += 1
    return counts


def actor_groups(doc: Document) -> list[tuple[str, list[Actor]]]:
    """Actors grouped by kind, in the order of ``ACTOR_KINDS``; empty kinds left out."""
    groups = [(kind, [a for a in doc.actors if a.kind == kind]) for kind in ACTOR_KINDS]
    return [(kind, actors) for kind, actors in groups if actors]


# -- who does what -------------------------------------------------------------
@dataclass(frozen=True)
class MatrixRow:
    """One actor's involvement: ``(measure number, actions)`` pairs, only the
    measures that involve it, in document order."""

    actor: Actor
    measures: tuple[tuple[int, int], ...]
    sections: dict[int, str]  # measure number -> section id

    @property
    def total(self) -> int:
        return sum(count for _, count in self.measures)

    def in_section(self, section_id: str) -> tuple[tuple[int, int], ...]:
        return tuple(mc for mc in self.measures if self.sections[mc[0]] == section_id)


def actor_matrix(doc: Document) -> list[MatrixRow]:
    """Actors x measures: how many actions of each measure involve each actor.

    Actors no action involves are left out; rows follow the kinds' order, then
    the most involved first.
    """
    sections = {m.number: m.section for m in doc.measures}
    counts: dict[str, Counter] = {}
    for measure in doc.measures:
        for action in measure.actions:
            for actor_id in involved(action):
                counts.setdefault(actor_id, Counter())[measure.number] += 1
    rows = [
        MatrixRow(actor, tuple(counts[actor.id].items()), sections)
        for actor in doc.actors
        if actor.id in counts
    ]
    return sorted(rows, key=lambda r: (ACTOR_KINDS.index(r.actor.kind), -r.total, r.actor.id))


def _ranked(scores: dict[str, tuple[int, int]], count: int) -> list[str]:
    """Actor ids ranked by (actions addressing them, other actions naming
    them): every addressee, most addressed first; then, up to ``count`` in all,
    the most named, each group of equal scores kept or left out whole (ties are
    never cut by name); at least the first group. Within a group, the order of
    ``scores``."""
    ranked = sorted((a for a in scores if any(scores[a])), key=lambda a: scores[a], reverse=True)
    kept = [a for a in ranked if scores[a][0]]
    groups: dict[tuple[int, int], list[str]] = {}
    for actor_id in ranked[len(kept) :]:
        groups.setdefault(scores[actor_id], []).append(actor_id)
    for group in groups.values():
        if kept and len(kept) + len(group) > count:
            break
        kept += group
    return kept


def _scores(doc: Document, actions: Iterable[Action]) -> dict[str, tuple[int, int]]:
    """Actor id -> (actions addressing it, other actions naming it), in the
    order of actors.yaml."""
    addressed, named = Counter[str](), Counter[str]()
    for action in actions:
        addressed.update(set(action.actors))
        named.update(set(action.mentions) - set(action.actors))
    return {a.id: (addressed[a.id], named[a.id]) for a in doc.bodies}


def key_actors(doc: Document, count: int = 8) -> list[tuple[Actor, int]]:
    """The actors the most actions involve (address or name), with their number
    of actions: the first ``count`` and every one tied with the last (ties are
    never cut by name), in the order of actors.yaml within a tie."""
    per_actor = action_counts(doc)
    ranked = sorted((a for a in doc.bodies if per_actor[a.id]), key=lambda a: -per_actor[a.id])
    last = per_actor[ranked[min(count, len(ranked)) - 1].id] if ranked else 0
    return [(a, per_actor[a.id]) for a in ranked if per_actor[a.id] >= last]


def main_actors(doc: Document, measure: Measure, language: str, count: int = 3) -> str:
    """The names of a measure's main actors: those its actions address most,
    then those they name most (ties kept)."""
    ranked = _ranked(_scores(doc, measure.actions), count)
    return ", ".join(plain(doc.actor(a).name.get(language)) for a in ranked) or "—"


# -- timeline ------------------------------------------------------------------
def timeline(doc: Document) -> list:
    """Events in date order (a year before its months, a month before its days)."""
    return sorted(doc.events, key=lambda e: (e.date, e.id))


# -- measures ------------------------------------------------------------------
def related_measures(doc: Document) -> dict[int, list[tuple[int, int]]]:
    """Measure -> up to 5 other measures sharing the most actors: (number, shared)."""
    actors = {m.number: {a for action in m.actions for a in involved(action)} for m in doc.measures}
    related = {}
    for number, own in actors.items():
        shared = {other: len(own & theirs) for other, theirs in actors.items() if other != number}
        ranked = sorted(((n, c) for n, c in shared.items() if c), key=lambda nc: (-nc[1], nc[0]))
        related[number] = ranked[:5]
    return related


def annex_texts(measure: Measure) -> list[Text]:
    return [b.text for b in measure.annex if b.text] + [i for b in measure.annex for i in b.items]


def annex_named(doc: Document) -> dict[int, set[str]]:
    """Measure number -> the ids of the bodies its annex names
    (``naming.named_in``: its texts and their footnotes, in any language)."""
    notes = {f.number: f.text for f in doc.footnotes}
    by_language = finders(doc.actors, doc.languages)
    return {m.number: named_in(annex_texts(m), notes, by_language) for m in doc.measures}


def measure_texts(measure: Measure) -> list[Text]:
    """Every text of a measure: titles, actions, annex (all the Council's)."""
    return declared_texts(measure, COUNCIL)


def document_texts(doc: Document) -> list[Text]:
    """Every text of the document itself: those its model declares the
    Council's (``models.COUNCIL``), not the edition's own."""
    return declared_texts(doc, COUNCIL)


def provenance(texts: list[Text], language: str, source: str) -> str:
    """Where the ``language`` texts of a page come from (one of
    ``interface.PROVENANCES``): "source" (the Council's version the edition
    reproduces), "council" (the Council's own text in that language),
    "edition" (this edition's translation), "mixed"."""
    if language == source:
        return "source"
    council = {language in t.council for t in texts if not t.invariant}  # names: no translation
    return "mixed" if len(council) > 1 else "edition" if False in council else "council"


class SideBySideRow(NamedTuple):
    kind: str  # heading, title, paragraph, item, action, note (the edition's) or acronyms
    text: Text | str | None  # a text of the document, or an interface string's key
    label: str | int | None = None  # a section's or measure's number, an action's id
    anchor: str = ""  # a heading's or an action's: the full text's, or the measure page's
    level: int = 0  # a heading's
    action: Action | None = None  # an action's row: the action (its report link)


def _blocks(blocks: Iterable[Block]) -> list[SideBySideRow]:
    rows = []
    for block in blocks:
        if block.text:
            rows.append(SideBySideRow("paragraph", block.text))
        else:
            rows += [SideBySideRow("item", item) for item in block.items]
        if block.note:  # the edition's, apart from the document's text
            rows.append(SideBySideRow("note", block.note))
    return rows


def _measure_rows(measure: Measure, anchor: str, level: int) -> list[SideBySideRow]:
    rows = [SideBySideRow("heading", measure.title, measure.number, anchor, level)]
    if measure.actions_lead_in:
        rows.append(SideBySideRow("paragraph", measure.actions_lead_in))
    return rows + [
        SideBySideRow("action", a.text, a.id, a.anchor, action=a) for a in measure.actions
    ]


def _annex_rows(measure: Measure) -> list[SideBySideRow]:
    title = measure.annex_title or measure.title
    heading = SideBySideRow("heading", title, measure.number, f"annex-{measure.number}", 4)
    return [heading, *_blocks(measure.annex)]


def _part_rows(
    doc: Document,
    part: int,
    heading: str,
    title: Text,
    opening: list[SideBySideRow],
    measure_rows: Callable[[Measure], list[SideBySideRow]],
) -> list[SideBySideRow]:
    """A part of the full text: its ``heading`` (an interface string), the
    document's title and opening rows, then each section and its measures."""
    rows = [
        SideBySideRow("heading", heading, None, f"part-{part}", 2),
        SideBySideRow("title", title),
        *opening,
    ]
    for section in doc.sections:
        anchor = section_anchor(part, section)
        rows.append(SideBySideRow("heading", section.title, section.id, anchor, 3))
        for measure in section.measures:
            rows += measure_rows(measure)
    return rows


def side_by_side_rows(doc: Document, measure: Measure | None = None) -> list[SideBySideRow]:
    """The aligned rows of a side-by-side page, in reading order: of one
    ``measure`` (anchors as on its page), or of the whole document in the order
    and with the headings and anchors of the full text."""
    if measure is not None:
        heading = measure.annex_title or "annex"
        rows = _measure_rows(measure, f"measure-{measure.number}", 2)
        return rows + [SideBySideRow("heading", heading, None, "annex", 3), *_blocks(measure.annex)]
    introduction = [SideBySideRow("paragraph", p) for p in doc.package.introduction]
    measures = lambda m: _measure_rows(m, f"measure-{m.number}", 4)  # noqa: E731
    annex = _blocks(doc.annex.introduction)
    return [
        *_part_rows(doc, 1, "part_measures", doc.package.title, introduction, measures),
        *_part_rows(doc, 2, "part_annex", doc.annex.title, annex, _annex_rows),
        SideBySideRow("heading", doc.acronym_list_title, None, "acronyms", 2),
        SideBySideRow("acronyms", None),
    ]


def section_anchor(part: int, section: Section) -> str:
    """The full text's anchor of a section's heading in part 1 or 2."""
    return f"part-{part}-section-{section.id.lower()}"


# -- actors and glossary -------------------------------------------------------
@dataclass(frozen=True)
class ActorLinks:
    parent: Actor | None
    children: tuple[Actor, ...]
    addressed: tuple[Action, ...]
    named: tuple[Action, ...]
    annex_measures: tuple[Measure, ...]


def glossary_names(glossary: tuple[GlossaryEntry, ...], language: str) -> dict[str, GlossaryEntry]:
    """Every name of the glossary entries in ``language`` (short form and variants)."""
    names: dict[str, GlossaryEntry] = {}
    for entry in glossary:
        for name in (entry.short.get(language), *entry.variants.get(language, ())):
            names.setdefault(name, entry)
    return names


class Views:
    """The views several pages share, computed once for a rendering of the site."""

    def __init__(self, doc: Document):
        self.doc = doc

    @functools.cached_property
    def related(self) -> dict[int, list[tuple[int, int]]]:
        return related_measures(self.doc)

    @functools.cached_property
    def matrix(self) -> list[MatrixRow]:
        return actor_matrix(self.doc)

    @functools.cached_property
    def actor_links(self) -> dict[str, ActorLinks]:
        """What each actor page links to."""
        doc = self.doc
        addressed: dict[str, list] = {a.id: [] for a in doc.actors}
        named: dict[str, list] = {a.id: [] for a in doc.actors}
        children: dict[str, list] = {a.id: [] for a in doc.actors}
        for action in doc.actions:
            for actor_id in dict.fromkeys(action.actors):
                addressed[actor_id].append(action)
            for actor_id in dict.fromkeys(action.mentions):
                if actor_id not in action.actors:
                    named[actor_id].append(action)
        for actor in doc.actors:
            if actor.parent:
                children[actor.parent].append(actor)
        annex = self.annex_mentions
        return {
            a.id: ActorLinks(
                parent=doc.actor(a.parent) if a.parent else None,
                children=tuple(children[a.id]),
                addressed=tuple(addressed[a.id]),
                named=tuple(named[a.id]),
                annex_measures=tuple(m for m in doc.measures if m.number in annex[a.id]),
            )
            for a in doc.actors
        }

    @functools.cached_property
    def annex_named(self) -> dict[int, set[str]]:
        return annex_named(self.doc)

    @functools.cached_property
    def annex_mentions(self) -> dict[str, set[int]]:
        """Actor id -> the measures whose annex names it (``annex_named``)."""
        found: dict[str, set[int]] = {a.id: set() for a in self.doc.actors}
        for number, named in self.annex_named.items():
            for actor_id in named:
                found[actor_id].add(number)
        return found

    @functools.cache  # noqa: B019 - one Views per rendering: nothing outlives it
    def glossary_usage(self, language: str) -> dict[str, list[int]]:
        """Glossary id -> the measures whose text uses the acronym (title,
        actions, annex), found as the pages link them."""
        names = glossary_names(self.doc.glossary, language)
        finder = TermFinder(names)
        usage: dict[str, list[int]] = {g.id: [] for g in self.doc.glossary}
        for measure in self.doc.measures:
            texts = [measure.title, *(a.text for a in measure.actions), *annex_texts(measure)]
            found = finder.findall("\n".join(t.get(language) for t in texts))
            for entry_id in dict.fromkeys(names[name].id for name in found):
                usage[entry_id].append(measure.number)
        return usage
