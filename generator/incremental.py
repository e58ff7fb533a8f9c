"""What a preview renders again after an edit: the pages the edit cannot
have changed are taken from the last rendering.

Each kind of page says what it shows of the measures' texts (the actions'
and the annexes': ``pages.PageKind.texts``); of the rest of the document, it
may show anything, which is its outline: the whole document but those
texts. So the rule, whose every input is compared, never guessed: if the
last rendering had the same settings (URL form, edition, the templates'
sources) and the same outline, it keeps

- a page of the "outline" (the home page, who does what, the timeline…);
- a page of one "measure" (its page, its side-by-side page) whose measure
  is equal to its last version;
- a page of one "actor" that no action of an edited measure addresses or
  names, and that no edited measure's annex names (before or after);

any other edit (a title, an actor, a footnote, an interface string…)
renders every page, and the pages of "all" the texts (the full text, the
study page, the explorer…) are always rendered.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import naming, views
from .models import Document, Measure, Text
from .pages import PageKind

_LEFT_OUT = Text({}, invariant=True)  # a measure's text in its outline


@dataclass(frozen=True)
class Rendering:
    """A rendering of the site, which a preview keeps for the next one."""

    document: Document
    settings: Hashable  # what else the pages were rendered from (``render.Site.settings``)
    files: dict[str, str]  # every file of the generated folder (``render.Site.files``)


@dataclass(frozen=True)
class Kept:
    """What a rendering keeps of the last one (``kept``)."""

    outline: bool = False  # the same settings and outline: else nothing is kept
    measures: frozenset[int] = frozenset()  # the measures equal to their last version
    actors: frozenset[str] = frozenset()  # the actors no edited measure involves

    def page(self, kind: PageKind, key: Any) -> bool:
        """Whether the last rendering's page of ``kind`` and ``key`` is kept."""
        if not self.outline:
            return False
        if kind.texts == "measure":
            return key in self.measures
        if kind.texts == "actor":
            return key in self.actors
        return kind.texts == "outline"


def sources(folders: Iterable[str | Path]) -> str:
    """A digest of every file in ``folders`` (the templates), by name and content."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                digest.update(f"{path.relative_to(folder)}\0".encode() + path.read_bytes())
    return digest.hexdigest()


def outline(doc: Document) -> Document:
    """``doc`` without the texts of its measures' actions and annexes."""
    sections = tuple(
        dataclasses.replace(section, measures=tuple(_outline(m) for m in section.measures))
        for section in doc.sections
    )
    return dataclasses.replace(doc, sections=sections)


def _outline(measure: Measure) -> Measure:
    actions = tuple(dataclasses.replace(a, text=_LEFT_OUT) for a in measure.actions)
    return dataclasses.replace(measure, actions=actions, annex=())


def kept(last: Rendering | None, doc: Document, settings: Hashable) -> Kept:
    """What of ``last`` is as ``doc`` and ``settings`` would render it."""
    if last is None or last.settings != settings or outline(last.document) != outline(doc):
        return Kept()
    pairs = zip(doc.measures, last.document.measures, strict=True)  # the same outline
    edited = [version for measure, was in pairs if measure != was for version in (measure, was)]
    notes = {f.number: f.text for f in doc.footnotes}
    finders = naming.finders(doc.actors, doc.languages)
    involved = {a for m in edited for action in m.actions for a in views.involved(action)}
    named = {a for m in edited for a in naming.named_in(views.annex_texts(m), notes, finders)}
    return Kept(
        outline=True,
        measures=frozenset(m.number for m in doc.measures) - {m.number for m in edited},
        actors=frozenset(a.id for a in doc.actors) - involved - named,
    )
