"""Which bodies a text names: the one rule behind actions' mentions and the
annexes' "named" actors (their terms found by the term matcher, ``terms``)."""

from __future__ import annotations

from collections.abc import Sequence

from . import markup
from .models import PLACE, Action, Actor, Text
from .terms import TermFinder

Finders = dict[str, "ActorFinder"]  # one per language


class ActorFinder:
    """The actors whose terms are found in a text of one language."""

    def __init__(self, actors: Sequence[Actor], language: str):
        self._owners: dict[str, list[str]] = {}
        for actor in actors:
            if actor.kind != PLACE:
                for term in actor.terms.get(language, ()):
                    self._owners.setdefault(term, []).append(actor.id)
        self._finder = TermFinder(self._owners)

    def named(self, text: str) -> set[str]:
        return {a for term in self._finder.findall(text) for a in self._owners[term]}


def named_in(texts: Sequence[Text], notes: dict[int, Text], finders: Finders) -> set[str]:
    """The ids of the bodies ``texts`` name: found by the term matcher in the
    texts or in a footnote marked in them (one rule for every footnote), in
    any language; places are not bodies."""
    found: set[str] = set()
    for lang, finder in finders.items():
        for text in texts:
            if not text or not text.has(lang):
                continue  # a missing text is an error of its own
            marks = markup.footnote_marks(text.get(lang))
            read = [text.get(lang)]
            read += [notes[n].get(lang) for n in marks if n in notes and notes[n].has(lang)]
            found |= finder.named(markup.plain("\n".join(read)))
    return found


def named_by(action: Action, notes: dict[int, Text], finders: Finders) -> set[str]:
    """The bodies an action names (``named_in`` its text)."""
    return named_in([action.text], notes, finders)


def finders(actors: Sequence[Actor], languages: Sequence[str]) -> Finders:
    return {lang: ActorFinder(actors, lang) for lang in languages}
