"""The editions of the site (``data/editions.yaml``): what a change's passage
ids name, where each passage stands (its page and anchor), and which pages an
edition's changes touched (their "last updated"). No I/O, no MkDocs."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from . import opendata, pages
from .models import Document, EditionEntry

# A passage id: a measure, an action, a footnote, an actor or a glossary entry
PASSAGE = re.compile(r"^(measure|action|footnote|actor|glossary)-([a-z0-9]+(?:-[a-z0-9]+)*)$")
# the tag of the commit each edition was published from (git tag edition-1.0)
TAG = "edition-{version}"
# An earlier edition's offline zip, kept in the docs folder (``make archive``,
# committed), which MkDocs publishes as it is: the history page links it.
ARCHIVE_FOLDER = "editions"


def archive_name(version: str) -> str:
    """The file name of edition ``version``'s offline zip in ``ARCHIVE_FOLDER``."""
    return opendata.OFFLINE_NAME.replace(".zip", f"-{version}.zip")


@dataclass(frozen=True)
class Passage:
    """Where a passage stands: its page (kind, key), its anchor on that page,
    the pages that show it, and its label's interface key and number."""

    kind: str
    key: object
    fragment: str
    shown_on: tuple[str, ...]  # page paths
    label: str  # interface string key: "measure", "action", "footnote"…
    name: str  # "4", "4.2", "3", an actor or glossary id


def passage_ids(
    measures: Iterable[tuple[int, Iterable[str]]],
    footnotes: Iterable[int],
    actors: Iterable[str],
    glossary: Iterable[str],
) -> set[str]:
    """Every passage id a change may name: ``measures``' (number, action ids),
    the footnotes' numbers, the actor and glossary ids."""
    ids = {f"footnote-{n}" for n in footnotes}
    ids |= {f"actor-{a}" for a in actors} | {f"glossary-{g}" for g in glossary}
    for number, actions in measures:
        ids |= {f"measure-{number}"} | {"action-" + a.replace(".", "-") for a in actions}
    return ids


def document_ids(doc: Document) -> set[str]:
    """``passage_ids`` of ``doc``."""
    measures = [(m.number, [a.id for a in m.actions]) for m in doc.measures]
    notes = [f.number for f in doc.footnotes]
    return passage_ids(measures, notes, [a.id for a in doc.actors], [g.id for g in doc.glossary])


def _measure_pages(number: int) -> tuple[str, ...]:
    """The pages that show a measure's texts."""
    return (
        pages.page_path("measure", number),
        pages.page_path("side-by-side-measure", number),
        pages.page_path("full-text"),
        pages.page_path("side-by-side"),
    )


def passage(doc: Document, ident: str) -> Passage:
    """Where the passage ``ident`` (one of ``document_ids``) stands."""
    found = PASSAGE.match(ident)
    assert found, ident
    what, rest = found.groups()
    if what in ("measure", "action"):
        number = int(rest.split("-")[0])
        fragment, name = ("", rest) if what == "measure" else (ident, rest.replace("-", "."))
        return Passage("measure", number, fragment, _measure_pages(number), what, name)
    if what == "footnote":
        note = doc.footnotes[int(rest) - 1]
        # a footnote's mark stands in a measure (action-4-2, measure-4-annex-1) or elsewhere
        held = re.match(r"^(?:action|measure)-(\d+)", note.anchor)
        shown = _measure_pages(int(held[1])) if held else _measure_pages(0)[2:]
        return Passage("full-text", None, f"fn:{rest}", shown, what, rest)
    if what == "actor":
        return Passage("actor", rest, "", (pages.page_path("actor", rest),), what, rest)
    return Passage("glossary", None, rest, (pages.page_path("glossary"),), "glossary", rest)


def last_updated(doc: Document) -> dict[str, EditionEntry]:
    """Page path -> the newest edition whose changes name a passage it shows."""
    found: dict[str, EditionEntry] = {}
    for edition in doc.editions:  # oldest first: a later edition replaces an earlier one
        for change in edition.changes:
            for ident in change.passages:
                for path in passage(doc, ident).shown_on:
                    found[path] = edition
    return found


def newest_first(doc: Document) -> list[EditionEntry]:
    return list(reversed(doc.editions))


def anchor(edition: EditionEntry) -> str:
    """The anchor of an edition on the history page: edition-1-0."""
    return "edition-" + edition.version.replace(".", "-")


def version_key(version: str) -> tuple[int, ...]:
    """ "1.10" -> (1, 10): versions compare number by number."""
    return tuple(int(part) for part in version.split("."))
