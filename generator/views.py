"""Data views for the reader and trainee tools: pure functions of the document."""

from __future__ import annotations

import random
from dataclasses import dataclass

from .markup import plain
from .models import ACTOR_KINDS, Action, Actor, Document


# -- who does what -------------------------------------------------------------
@dataclass(frozen=True)
class MatrixRow:
    actor: Actor
    counts: tuple[int, ...]  # actions per measure, in measure order

    @property
    def total(self) -> int:
        return sum(self.counts)


def involved(action: Action) -> tuple[str, ...]:
    """The actors an action addresses or names, each once."""
    return tuple(dict.fromkeys((*action.actors, *action.mentions)))


def actor_matrix(doc: Document) -> list[MatrixRow]:
    """Actors x measures: how many actions of each measure involve each actor.

    Actors no action involves are left out; rows follow the kinds' order, then
    the most involved first.
    """
    rows = []
    for actor in doc.actors:
        counts = tuple(
            sum(actor.id in involved(a) for a in measure.actions) for measure in doc.measures
        )
        if any(counts):
            rows.append(MatrixRow(actor, counts))
    return sorted(rows, key=lambda r: (ACTOR_KINDS.index(r.actor.kind), -r.total, r.actor.id))


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


def _choices(rng: random.Random, right: str, pool: list[str], count: int = 4):
    wrong = rng.sample(sorted({p for p in pool if p != right}), min(count - 1, len(set(pool)) - 1))
    choices = [right, *wrong]
    rng.shuffle(choices)
    return tuple(choices), choices.index(right)


def quiz_questions(doc: Document, language: str, seed: int = 15250) -> list[Question]:
    """Questions generated from the data; the same seed gives the same quiz."""
    rng = random.Random(seed)
    questions = []
    titles = {m.number: f"{m.number}. {plain(m.title.get(language))}" for m in doc.measures}
    for measure in doc.measures:
        for action in measure.actions:
            text = plain(action.text.get(language))
            source = f"package/measure-{measure.number}.md#{action.anchor}"
            choices, answer = _choices(rng, titles[measure.number], list(titles.values()))
            questions.append(
                Question(f"m-{action.id}", "measure-of-action", text, choices, answer, source)
            )
            if action.actors:
                names = {a.id: plain(a.name.get(language)) for a in doc.actors}
                right = names[action.actors[0]]
                pool = [names[a] for a in sorted({x for y in doc.actions for x in y.actors})]
                pool = [p for p in pool if p not in {names[a] for a in action.actors}] + [right]
                choices, answer = _choices(rng, right, pool)
                questions.append(
                    Question(f"a-{action.id}", "actor-of-action", text, choices, answer, source)
                )
    longs = {g.id: plain(g.long.get(language)) for g in doc.glossary}
    for entry in doc.glossary:
        choices, answer = _choices(rng, longs[entry.id], list(longs.values()))
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
    counts = [(a, sum(a.id in involved(x) for x in doc.actions)) for a in doc.actors]
    ranked = sorted((p for p in counts if p[1]), key=lambda p: (-p[1], p[0].id))
    return ranked[:count]
