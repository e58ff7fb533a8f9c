"""Build the typed ``Document`` from the parsed data files, file by file.

Each ``_<file>`` function reads one file through a ``fields.Checker`` (every
problem recorded with its file, line and key path): an entry is read field by
field, each field by the reader its table names. ``checks`` then looks
across the files; ``DataErrors`` is raised with everything found.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from types import SimpleNamespace
from typing import Any, cast

from . import checks, editions, editions_file, fidelity
from .errors import DOCUMENT, DataErrors
from .fields import INVARIANT, Checker, Reader
from .load import Path_, Source, YamlFile
from .models import (
    ACTOR_KINDS,
    ACTOR_STATUSES,
    EVENT_KINDS,
    PLACE,
    PLACE_FIELDS,
    Action,
    Actor,
    Annex,
    Block,
    Document,
    Event,
    Footnote,
    GlossaryEntry,
    Labels,
    Licences,
    Measure,
    NotAcronym,
    Package,
    Plural,
    Record,
    Reference,
    Section,
    Text,
)

_ROMAN = re.compile(r"^(?:I|II|III|IV|V|VI|VII|VIII|IX|X)$")
_ACTION_ID = re.compile(r"^(\d+)\.(\d+)$")
TEXT_FILES = ("document", "measures", "footnotes", "glossary")  # the document's text comes from


def build_document(
    files: dict[str, YamlFile],
    languages: tuple[str, ...],
    source: Source | None = None,
    templates: checks.Templates | None = None,
) -> Document:
    """Validate the parsed ``files`` and return the ``Document``, or raise
    ``DataErrors``. ``source`` is the text of the source language that the
    document must contain verbatim; ``templates`` are those whose interface
    strings and placeholders must exist (see ``checks``)."""
    check = Checker(files, languages)
    glossary, not_acronyms = _glossary(check)
    document, sections, notes = _document(check), _sections(check), _footnotes(check)
    record = document.get("record")
    date = record.date if isinstance(record, Record) else None
    actors, events, interface = _actors(check), _events(check, date), _interface(check)
    releases, licence = editions_file.read(check)
    checks.references(check, document, sections, glossary, actors, events)
    checks.acronyms(check, glossary, not_acronyms)
    checks.actor_terms(check, actors)
    checks.mentions(check, sections, {n: t for n, (t, _) in notes.items() if t}, actors)
    checks.interface_strings(check, interface, templates)
    footnotes = checks.footnotes(check, notes)
    measures = tuple(m for s in sections for m in s.measures)
    # the fields of a Document that the pages' keys read, before the Document
    # can be built (pages.collisions is typed for a whole Document)
    bodies = tuple(a for a in actors if a.kind != PLACE)
    site = SimpleNamespace(
        actors=actors, bodies=bodies, measures=measures, glossary=glossary, languages=languages
    )
    checks.page_addresses(check, cast(Document, site), interface)
    ids = editions.passage_ids(
        [(m.number, [a.id for a in m.actions]) for m in measures],
        notes,
        [a.id for a in actors],
        [g.id for g in glossary],
    )
    editions_file.check_passages(check, releases, ids)
    if not _readable(check, TEXT_FILES):
        raise DataErrors(check.errors)  # the document is incomplete: no fidelity to check
    listed = set(document["acronym_list"]["entries"])
    anchors = {f.number: f.anchor for f in footnotes}
    doc = Document(
        languages=languages,
        record=document["record"],
        cover_text=document["cover_text"],
        package=document["package"],
        sections=sections,
        annex=document["annex"],
        # all of them (the same when there is no error), for the fidelity check
        footnotes=tuple(Footnote(n, t, anchors.get(n, "")) for n, (t, _) in sorted(notes.items())),
        acronym_list_title=document["acronym_list"]["title"],
        acronym_list=document["acronym_list"]["entries"],
        glossary=tuple(replace(g, in_document_list=g.id in listed) for g in glossary),
        not_acronyms=not_acronyms,
        actors=actors,
        events=events,
        editions=tuple(release for release, _ in releases),
        licence=licence or Licences(Reference("", ""), Reference("", "")),  # an error is raised
        interface=interface,
    )
    # checked once the texts are read, before the errors they may cause are raised
    errors = check.errors + (fidelity.check(doc, source, files) if source is not None else [])
    if errors:
        raise DataErrors(errors)
    return doc


def _readable(check: Checker, names: tuple[str, ...]) -> bool:
    """Whether the files ``names`` were read without an error of their fields."""
    read = {check.files[n].name for n in names}
    return not any(e.stage < DOCUMENT and e.file in read for e in check.errors)


def _blocks(
    check: Checker, value: Any, path: Path_, place: str, measure: int | None = None
) -> tuple[Block, ...]:
    """Paragraphs (``text:``) and lists (``items:``); ``place``: their anchors' prefix."""
    out = []
    for i, item in enumerate(check.sequence(value, path)):
        here = f"{place}-{i + 1}"
        fields: dict[str, Reader]
        if isinstance(item, dict) and "items" in item:
            fields = {"items": functools.partial(check.texts, place_prefix=here, measure=measure)}
        else:
            fields = {"text": functools.partial(check.text, place=here, measure=measure)}
        optional = {"note": check.text}  # the edition's note, never inside the text
        if data := check.read(item, path + (i,), fields, optional, model=Block):
            out.append(Block(**data))
    return tuple(out)


# -- document.yaml ------------------------------------------------------------
def _document(check: Checker) -> dict:
    def text(place: str | None = None, acronyms: bool = True) -> Reader:
        return lambda v, p: check.text(v, p, place, acronyms=acronyms)

    cover = text(acronyms=False)
    labels: dict[str, Reader] = {
        k: cover for k in ("origin", "origin_date", "recipients", "previous_document", "subject")
    }
    record: dict[str, Reader] = {
        **dict.fromkeys(("number", "previous_document"), check.string),
        **dict.fromkeys(("date", "approval_date"), check.date),
        "session": check.integer,
        "codes": lambda v, p: tuple(
            check.string(c, p + (i,)) for i, c in enumerate(check.sequence(v, p))
        ),
        "labels": lambda v, p: (d := check.read(v, p, labels, model=Labels)) and Labels(**d),
        "official": check.urls,
        "register": check.urls,
        **{k: cover for k in ("place", "dateline", "original_language", "type", "origin")},
        **{k: cover for k in ("origin_date", "recipients", "subject", "subject_note")},
    }
    package: dict[str, Reader] = {
        "title": text("package-title"),
        "introduction": lambda v, p: check.texts(v, p, "introduction"),
    }
    annex: dict[str, Reader] = {
        "title": text("annex-title"),
        "introduction": lambda v, p: _blocks(check, v, p, "annex-introduction"),
    }
    acronym_list = {"title": text(), "entries": check.ids}  # Document.acronym_list_title, …
    acronym_names = {"title": "acronym_list_title", "entries": "acronym_list"}
    fields = {
        "record": lambda v, p: (d := check.read(v, p, record, model=Record)) and Record(**d),
        "cover_text": text(),
        "package": lambda v, p: (d := check.read(v, p, package, model=Package)) and Package(**d),
        "annex": lambda v, p: (d := check.read(v, p, annex, model=Annex)) and Annex(**d),
        "acronym_list": lambda v, p: check.read(
            v, p, acronym_list, model=Document, names=acronym_names
        ),
    }
    check.use("document")
    return check.read(check.file.data, (), fields, model=Document) or {}


# -- measures.yaml ------------------------------------------------------------
def _sections(check: Checker) -> tuple[Section, ...]:
    if not (data := check.top("measures", ("sections",))):
        return ()
    sections, seen, count = [], set(), 0
    for i, value in enumerate(check.sequence(data["sections"], ("sections",))):
        path = ("sections", i)
        fields: dict[str, Reader] = {
            "id": lambda v, p: check.ident(v, p, _ROMAN),
            "summary_page": check.integer,
            "title": check.text,
            "measures": check.sequence,
        }
        if not (section := check.read(value, path, fields, model=Section)):
            continue
        if section["id"] in seen:
            check.err(path + ("id",), f"duplicate section id '{section['id']}'", "I, II, III…")
        seen.add(section["id"])
        measures = []
        for j, item in enumerate(section["measures"]):
            count += 1
            if measure := _measure(check, item, path + ("measures", j), section["id"], count):
                measures.append(measure)
        sections.append(Section(**{**section, "measures": tuple(measures)}))
    return tuple(sections)


def _measure(
    check: Checker, value: Any, path: Path_, section: str, expected: int
) -> Measure | None:
    def actions(v: Any, p: Path_) -> tuple[Action, ...]:
        read = (
            _action(check, a, p + (k,), expected, k + 1) for k, a in enumerate(check.sequence(v, p))
        )
        return tuple(a for a in read if a)

    fields: dict[str, Reader] = {
        "number": check.integer,
        "title": check.text,
        "actions": actions,
        "annex": lambda v, p: _blocks(check, v, p, f"measure-{expected}-annex", expected),
    }
    optional = {"annex_title": check.text, "actions_lead_in": check.text}
    if not (data := check.read(value, path, fields, optional, model=Measure)):
        return None
    if data["number"] is not None and data["number"] != expected:
        message = f"measure number {data['number']} out of order: expected {expected}"
        check.err(path + ("number",), message, "measures are numbered 1, 2, 3… across all sections")
    return Measure(section=section, **{"annex_title": None, "actions_lead_in": None, **data})


def _action(
    check: Checker, value: Any, path: Path_, measure: int | None, position: int
) -> Action | None:
    expected = f"{measure}.{position}"
    place = "action-" + expected.replace(".", "-")
    fields = {"id": check.string, "text": lambda v, p: check.text(v, p, place, measure)}
    optional = {"actors": check.ids, "mentions": check.ids}
    if not (data := check.read(value, path, fields, optional, model=Action)):
        return None
    if data["id"] is not None and data["id"] != expected:
        problem = (
            "does not belong to this measure"
            if _ACTION_ID.match(data["id"])
            else "is not of the form N.k"
        )
        check.err(path + ("id",), f"action id '{data['id']}' {problem}", f"expected '{expected}'")
    return Action(**{"actors": (), "mentions": (), **data, "id": data["id"] or expected})


# -- footnotes.yaml -----------------------------------------------------------
def _footnotes(check: Checker) -> dict[int, tuple[Text, Path_]]:
    """Footnote number -> (text, path): numbered 1, 2, 3… in order."""

    def note(check: Checker, value: Any, path: Path_) -> tuple[Path_, dict[str, Any]] | None:
        fields: dict[str, Reader] = {"number": check.integer, "text": check.text}
        data = check.read(value, path, fields, model=Footnote)
        return (path, data) if data and data["number"] is not None else None

    result: dict[int, tuple[Text, Path_]] = {}
    for path, data in check.entries("footnotes", "footnotes", note):
        number = data["number"]
        if number in result:
            check.err(path + ("number",), f"duplicate footnote number {number}", "renumber them")
        elif number != (expected := int(path[1]) + 1):
            message = f"footnote number {number} breaks the sequence: expected {expected}"
            check.err(path + ("number",), message, "footnotes are numbered 1, 2, 3… without gaps")
        result[number] = (data["text"], path)
    return result


# -- glossary.yaml ------------------------------------------------------------
def _glossary(check: Checker) -> tuple[tuple[GlossaryEntry, ...], tuple[NotAcronym, ...]]:
    def entry(check: Checker, value: Any, path: Path_) -> GlossaryEntry | None:
        def short(value: Any, path: Path_) -> Text | None:  # found in the texts, as the terms
            text = check.text(value, path, acronyms=False)
            if text is not None:
                for lang, word in text.values.items():
                    check.term(word, path + ((INVARIANT,) if text.invariant else (lang,)))
            return text

        fields: dict[str, Reader] = {
            "id": check.ident,
            "short": short,
            "long": check.text,
            "source": check.reference,
            "explanation": check.text,
        }
        optional: dict[str, Reader] = {"actor": check.ident, "variants": check.spellings}
        data = check.read(value, path, fields, optional, model=GlossaryEntry)
        return GlossaryEntry(**data) if data else None

    entries = check.entries("glossary", "entries", entry, ("not_acronyms",))
    data = check.file.data if isinstance(check.file.data, dict) else {}
    tokens = check.sequence(data.get("not_acronyms", []), ("not_acronyms",))
    fields = {"token": check.string, "reason": check.string}
    read = (check.read(v, ("not_acronyms", i), fields) for i, v in enumerate(tokens))
    return tuple(entries), tuple(NotAcronym(**d) for d in read if d)


# -- actors.yaml --------------------------------------------------------------
def _actors(check: Checker) -> tuple[Actor, ...]:
    return tuple(check.entries("actors", "actors", _actor))


def _actor(check: Checker, value: Any, path: Path_) -> Actor | None:
    fields: dict[str, Reader] = {
        "id": check.ident,
        "name": check.text,
        "kind": lambda v, p: check.choice(v, p, (*ACTOR_KINDS, PLACE), "actor kind"),
        "description": check.text,
        "terms": check.spellings,
        "source": check.reference,
    }
    optional: dict[str, Reader] = {
        "parent": check.ident,
        "glossary": check.ident,
        "status": lambda v, p: check.choice(v, p, ACTOR_STATUSES, "actor status"),
    }
    if not (data := check.read(value, path, fields, optional, model=Actor)):
        return None
    for key in optional if data["kind"] == PLACE else ():
        if key in value and key not in PLACE_FIELDS:
            message = f"a place (kind: place) has no {key}: no page would show it"
            hint = "remove it: the actors page lists a place with its name, description and source"
            check.err(path + (key,), message, hint)
    for lang in check.languages:
        if not data["terms"].get(lang):
            hint = f"add the words that name it in the '{lang}' text"
            check.err(path + ("terms",), f"no '{lang}' term names this actor", hint)
    return Actor(**data)


# -- events.yaml --------------------------------------------------------------
def _events(check: Checker, date: str | None) -> tuple[Event, ...]:
    """The events; ``date``: the document's, that of an event dated ``as_at`` it."""

    def event(check: Checker, value: Any, path: Path_) -> Event | None:
        fields: dict[str, Reader] = {
            "id": check.ident,
            "date": check.date,
            "kind": lambda v, p: check.choice(v, p, EVENT_KINDS, "event kind"),
            "measure": lambda v, p: None if v is None else check.integer(v, p),
            "text": check.text,
        }
        optional = {"as_at": lambda v, p: check.choice(v, p, ("document",), "as_at")}
        data = check.read(value, path, fields, optional, model=Event)
        if not data:
            return None
        as_at = data.pop("as_at", None) is not None
        if as_at and data["date"] is not None and data["date"] != date:
            message = f"an event dated as at the document has the date '{data['date']}'"
            check.err(path + ("date",), message, f"write the document's date, '{date}'")
        return Event(**data, as_at=as_at)

    return tuple(check.entries("events", "events", event))


# -- interface.yaml -----------------------------------------------------------
def _interface(check: Checker) -> dict[str, Text | Plural]:
    data = check.top("interface", ("strings",))
    if data is None:
        return {}
    if not isinstance(data["strings"], dict):
        hint = "write 'key: {fr: …, en: …}'"
        check.err(("strings",), "expected a mapping of interface strings", hint)
        return {}

    def strings(value: dict, path: Path_) -> dict:
        read = ((key, check.plural_or_text(v, path + (key,))) for key, v in value.items())
        return {key: text for key, text in read if text is not None}

    return check.read_field(strings, data["strings"], ("strings",), Document, "interface")
