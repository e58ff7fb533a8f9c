"""What a preview renders again after an edit: the pages of a measure that
the edit cannot have changed are taken from the last rendering.

A page of one measure (its page, its side-by-side page: the kinds marked
``PageKind.one_measure``) shows the other measures only by their outline:
their numbers, sections and titles, and the actors their actions address or
name (the pager, "related measures"); never their texts (the actions' and
the annex's). So the rule, whose every input is compared, never guessed:
when the last rendering had the same settings (URL form, edition, the
templates' sources) and the document's outline (the whole document without
those texts) is the same, a measure equal to its last version keeps its last
pages; any other edit (a title, an actor, a footnote, an interface string…)
renders every page. The pages of the whole document (the full text, the
study page, the explorer…) and the actors' pages show the texts of every
measure: they are always rendered.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .models import Document, Measure, Text

_LEFT_OUT = Text({}, invariant=True)  # a measure's text in its outline


@dataclass(frozen=True)
class Rendering:
    """A rendering of the site, which a preview keeps for the next one."""

    document: Document
    settings: Hashable  # what else the pages were rendered from (``render.Site.settings``)
    files: dict[str, str]  # every file of the generated folder (``render.Site.files``)


def sources(folders: Iterable[str | Path]) -> str:
    """A digest of every file in ``folders`` (the templates), by name and content."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                digest.update(f"{path.relative_to(folder)}\0".encode() + path.read_bytes())
    return digest.hexdigest()


def outline(doc: Document) -> Document:
    """``doc`` without the texts of its measures' actions and annexes: what a
    page of one measure may show of the others."""
    sections = tuple(
        dataclasses.replace(section, measures=tuple(_outline(m) for m in section.measures))
        for section in doc.sections
    )
    return dataclasses.replace(doc, sections=sections)


def _outline(measure: Measure) -> Measure:
    actions = tuple(dataclasses.replace(a, text=_LEFT_OUT) for a in measure.actions)
    return dataclasses.replace(measure, actions=actions, annex=())


def kept_measures(last: Rendering | None, doc: Document, settings: Hashable) -> frozenset[int]:
    """The numbers of the measures whose pages ``last`` holds as ``doc`` and
    ``settings`` would render them: none unless the settings and the outline
    are the same; then each measure equal to its last version."""
    if last is None or last.settings != settings or outline(last.document) != outline(doc):
        return frozenset()
    pairs = zip(doc.measures, last.document.measures, strict=True)  # the same outline
    return frozenset(measure.number for measure, was in pairs if measure == was)
