"""Data views for the reader and trainee tools: pure functions of the document."""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass

from .markup import plain
from .models import ACTOR_KINDS, Action, Actor, Document


# -- who does what -------------------------------------------------------------
@dataclass(frozen=True)
class MatrixRow:
    """One actor's involvement: ``(measure number, actions)`` pairs, only the
    measures that involve it, in document order (a sparse row: the table grows
    with the involvements, not with actors x measures)."""

    actor: Actor
    measures: tuple[tuple[int, int], ...]
    sections: dict[int, str]  # measure number -> section id

    @property
    def total(self) -> int:
        return sum(count for _, count in self.measures)

    def in_section(self, section_id: str) -> tuple[tuple[int, int], ...]:
        return tuple(mc for mc in self.measures if self.sections[mc[0]] == section_id)


def involved(action: Action) -> tuple[str, ...]:
    """The actors an action addresses or names, each once."""
    return tuple(dict.fromkeys((*action.actors, *action.mentions)))


def actor_matrix(doc: Document) -> list[MatrixRow]:
    """Actors x measures: how many actions of each measure involve each actor.

    Actors no action involves are left out; rows follow the kinds' order, then
    the most involved first.
    """
    sections = {m.number: m.section for m in doc.measures}
    counts: dict[str, dict[int, int]] = {}
    for measure in doc.measures:
        for action in measure.actions:
            for actor_id in involved(action):
                row = counts.setdefault(actor_id, {})
                row[measure.number] = row.get(measure.number, 0) + 1
    rows = [
        MatrixRow(actor, tuple(counts[actor.id].items()), sections)
        for actor in doc.actors
        if actor.id in counts
    ]
    return sorted(rows, key=lambda r: (ACTOR_KINDS.index(r.actor.kind), -r.total, r.actor.id))


def action_counts(doc: Document) -> dict[str, int]:
    """Actor id -> number of actions that address or name it."""
    counts = dict.fromkeys((a.id for a in doc.actors), 0)
    for action in doc.actions:
        for actor_id in involved(action):
            counts[actor_id] += 1
    return counts


# -- timeline ------------------------------------------------------------------
def timeline(doc: Document) -> list:
    """Events in date order (a year before its months, a month before its days)."""
    return sorted(doc.events, key=lambda e: (e.date, e.id))


def format_date(date: str, months: list[str]) -> str:
    """'2018-10-18' -> '18 October 2018' with the given month names."""
    parts = date.split("-")
    if len(parts) == 1:
        return parts[0]
    month = months[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


# -- study mode ----------------------------------------------------------------
@dataclass(frozen=True)
class Question:
    id: str
    kind: str  # measure-of-action, actor-of-action, acronym-meaning
    prompt: str
    choices: tuple[str, ...]
    answer: int  # index into choices
    source: str  # page path of the passage, with its anchor


@dataclass(frozen=True)
class _Pool:
    """Sorted distinct answers, to draw wrong choices from without rescanning them."""

    names: tuple[str, ...]

    @classmethod
    def of(cls, names) -> _Pool:
        return cls(tuple(sorted(set(names))))

    @functools.cached_property
    def index(self) -> dict[str, int]:
        return {name: i for i, name in enumerate(self.names)}

    def sample(self, rng: random.Random, exclude: set[str], count: int) -> list[str]:
        """As ``rng.sample([n for n in names if n not in exclude], count)``, in O(count)."""
        skipped = sorted(self.index[n] for n in exclude if n in self.index)
        size = len(self.names) - len(skipped)
        picks = []
        for i in rng.sample(range(size), min(count, size)):
            for s in skipped:
                i += s <= i
            picks.append(self.names[i])
        return picks


def _choices(rng: random.Random, right: str, pool: _Pool, exclude: set[str], count: int = 4):
    wrong = pool.sample(rng, exclude | {right}, count - 1)
    choices = [right, *wrong]
    rng.shuffle(choices)
    return tuple(choices), choices.index(right)


def quiz_questions(doc: Document, language: str, seed: int = 15250) -> list[Question]:
    """Questions generated from the data; the same seed gives the same quiz."""
    rng = random.Random(seed)
    questions = []
    titles = {m.number: f"{m.number}. {plain(m.title.get(language))}" for m in doc.measures}
    title_pool = _Pool.of(titles.values())
    names = {a.id: plain(a.name.get(language)) for a in doc.actors}
    addressees = _Pool.of(names[x] for y in doc.actions for x in y.actors)
    for measure in doc.measures:
        for action in measure.actions:
            text = plain(action.text.get(language))
            source = f"package/measure-{measure.number}.md#{action.anchor}"
            choices, answer = _choices(rng, titles[measure.number], title_pool, set())
            questions.append(
                Question(f"m-{action.id}", "measure-of-action", text, choices, answer, source)
            )
            if action.actors:
                right = names[action.actors[0]]
                own = {names[a] for a in action.actors}
                choices, answer = _choices(rng, right, addressees, own)
                questions.append(
                    Question(f"a-{action.id}", "actor-of-action", text, choices, answer, source)
                )
    longs = {g.id: plain(g.long.get(language)) for g in doc.glossary}
    long_pool = _Pool.of(longs.values())
    for entry in doc.glossary:
        choices, answer = _choices(rng, longs[entry.id], long_pool, set())
        source = f"package/glossary.md#{entry.id}"
        prompt = plain(entry.short.get(language))
        questions.append(
            Question(f"g-{entry.id}", "acronym-meaning", prompt, choices, answer, source)
        )
    return questions


def flashcards(doc: Document, language: str) -> list[dict]:
    """Acronym cards in one language: short form, long form, other language's forms."""
    others = [lang for lang in doc.languages if lang != language]
    return [
        {
            "id": entry.id,
            "short": plain(entry.short.get(language)),
            "long": plain(entry.long.get(language)),
            "other": [
                {"lang": o, "short": plain(entry.short.get(o)), "long": plain(entry.long.get(o))}
                for o in others
            ],
        }
        for entry in sorted(doc.glossary, key=lambda g: plain(g.short.get(language)).lower())
    ]


# -- learning path -------------------------------------------------------------
def key_actors(doc: Document, count: int = 8) -> list[tuple[Actor, int]]:
    """The actors most actions involve, with their number of actions."""
    per_actor = action_counts(doc)
    counts = [(a, per_actor[a.id]) for a in doc.actors]
    ranked = sorted((p for p in counts if p[1]), key=lambda p: (-p[1], p[0].id))
    return ranked[:count]
