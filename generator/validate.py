"""Build the typed ``Document`` from the parsed data files, file by file.

Each ``_<file>`` function reads one file through a ``fields.Checker`` (every
problem recorded with its file, line and key path); ``checks`` then looks
across the files; ``DataErrors`` is raised with everything found.
"""

from __future__ import annotations

import re
from dataclasses import replace
from types import SimpleNamespace

from . import checks
from .errors import DataErrors
from .fields import Checker
from .load import Path_, Source, YamlFile
from .models import (
    ACTOR_KINDS,
    EVENT_KINDS,
    Action,
    Actor,
    Annex,
    Block,
    Document,
    Event,
    GlossaryEntry,
    Labels,
    Measure,
    NotAcronym,
    Package,
    Record,
    Section,
    Text,
)

_ROMAN = re.compile(r"^(?:I|II|III|IV|V|VI|VII|VIII|IX|X)$")
_ACTION_ID = re.compile(r"^(\d+)\.(\d+)$")


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
    document = _document(check)
    sections = _sections(check)
    footnote_texts = _footnote_texts(check)
    actors = _actors(check)
    events = _events(check)
    interface = _interface(check)
    checks.references(check, document, sections, glossary, actors, events)
    checks.acronyms(check, glossary, not_acronyms)
    checks.actor_terms(check, actors)
    checks.interface_strings(check, interface, templates)
    footnotes = checks.footnotes(check, footnote_texts)
    measures = tuple(m for s in sections for m in s.measures)
    site = SimpleNamespace(
        actors=actors,
        measures=measures,
        glossary=glossary,
        interface=interface,
        languages=languages,
    )
    checks.page_addresses(check, site)
    if check.errors:
        raise DataErrors(check.errors)
    listed = set(document["acronym_list"])
    doc = Document(
        languages=languages,
        record=document["record"],
        cover_text=document["cover_text"],
        package=document["package"],
        sections=sections,
        annex=document["annex"],
        footnotes=footnotes,
        acronym_list_title=document["acronym_list_title"],
        acronym_list=document["acronym_list"],
        glossary=tuple(replace(g, in_document_list=g.id in listed) for g in glossary),
        not_acronyms=not_acronyms,
        actors=actors,
        events=events,
        interface=interface,
    )
    if errors := checks.fidelity(doc, source):
        raise DataErrors(errors)
    return doc


def _blocks(check: Checker, value, path: Path_, place_prefix: str, measure: int | None = None):
    """Paragraphs (``text:``) and lists (``items:``)."""
    out = []
    for i, item in enumerate(check.sequence(value, path)):
        item_path, place = path + (i,), f"{place_prefix}-{i + 1}"
        if isinstance(item, dict) and "items" in item:
            data = check.mapping(item, item_path, ("items",))
            if data is None:
                continue
            items = []
            for j, entry in enumerate(check.sequence(data["items"], item_path + ("items",))):
                text = check.text(entry, item_path + ("items", j), f"{place}-{j + 1}", measure)
                if text:
                    items.append(text)
            out.append(Block(items=tuple(items)))
            continue
        data = check.mapping(item, item_path, ("text",))
        if data is not None and (
            text := check.text(data["text"], item_path + ("text",), place, measure)
        ):
            out.append(Block(text=text))
    return tuple(out)


# -- document.yaml ------------------------------------------------------------
def _document(check: Checker) -> dict:
    data = check.top("document", ("record", "cover_text", "package", "annex", "acronym_list"))
    if data is None:
        return {}
    package = check.mapping(data["package"], ("package",), ("title", "introduction"))
    annex = check.mapping(data["annex"], ("annex",), ("title", "introduction"))
    acronyms = check.mapping(data["acronym_list"], ("acronym_list",), ("title", "entries"))
    result = {
        "record": _record(check, data["record"]),
        "cover_text": check.text(data["cover_text"], ("cover_text",)),
    }
    if package:
        result["package"] = Package(
            check.text(package["title"], ("package", "title"), "package-title"),
            check.texts(package["introduction"], ("package", "introduction"), "introduction"),
        )
    if annex:
        result["annex"] = Annex(
            check.text(annex["title"], ("annex", "title"), "annex-title"),
            _blocks(check, annex["introduction"], ("annex", "introduction"), "annex-introduction"),
        )
    if acronyms:
        result["acronym_list_title"] = check.text(acronyms["title"], ("acronym_list", "title"))
        result["acronym_list"] = check.ids(acronyms["entries"], ("acronym_list", "entries"))
    return result


_RECORD_TEXTS = (
    "place",
    "dateline",
    "original_language",
    "type",
    "origin",
    "origin_date",
    "recipients",
    "subject",
    "subject_note",
)
_LABELS = ("origin", "origin_date", "recipients", "previous_document", "subject")


def _record(check: Checker, value) -> Record | None:
    path = ("record",)
    fields = ("number", "date", "codes", "previous_document", "session", "approval_date", "labels")
    data = check.mapping(value, path, fields + _RECORD_TEXTS)
    if data is None:
        return None
    texts = {k: check.text(data[k], path + (k,), acronyms=False) for k in _RECORD_TEXTS}
    labels = check.mapping(data["labels"], path + ("labels",), _LABELS)
    codes = tuple(
        check.string(c, path + ("codes", i))
        for i, c in enumerate(check.sequence(data["codes"], path + ("codes",)))
    )
    if not labels:
        return None
    label_texts = {k: check.text(labels[k], path + ("labels", k), acronyms=False) for k in _LABELS}
    return Record(
        number=check.string(data["number"], path + ("number",)),
        date=check.date(data["date"], path + ("date",)),
        codes=codes,
        previous_document=check.string(data["previous_document"], path + ("previous_document",)),
        session=check.integer(data["session"], path + ("session",)),
        approval_date=check.date(data["approval_date"], path + ("approval_date",)),
        labels=Labels(**label_texts),
        **texts,
    )


# -- measures.yaml ------------------------------------------------------------
def _sections(check: Checker) -> tuple[Section, ...]:
    data = check.top("measures", ("sections",))
    if data is None:
        return ()
    sections, seen_ids, expected_number = [], set(), 1
    for i, value in enumerate(check.sequence(data["sections"], ("sections",))):
        path = ("sections", i)
        section = check.mapping(value, path, ("id", "summary_page", "title", "measures"))
        if section is None:
            continue
        section_id = check.ident(section["id"], path + ("id",), _ROMAN)
        if section_id in seen_ids:
            hint = "section ids are I, II, III…"
            check.err(path + ("id",), f"duplicate section id '{section_id}'", hint)
        seen_ids.add(section_id)
        measures = []
        for j, m in enumerate(check.sequence(section["measures"], path + ("measures",))):
            measure = _measure(check, m, path + ("measures", j), section_id, expected_number)
            expected_number += 1
            if measure:
                measures.append(measure)
        sections.append(
            Section(
                id=section_id,
                summary_page=check.integer(section["summary_page"], path + ("summary_page",)),
                title=check.text(section["title"], path + ("title",)),
                measures=tuple(measures),
            )
        )
    return tuple(sections)


def _measure(check: Checker, value, path: Path_, section_id, expected: int) -> Measure | None:
    required, optional = ("number", "title", "actions", "annex"), ("annex_title", "actions_lead_in")
    data = check.mapping(value, path, required, optional)
    if data is None:
        return None
    number = check.integer(data["number"], path + ("number",))
    if number is not None and number != expected:
        check.err(
            path + ("number",),
            f"measure number {number} out of order: expected {expected}",
            "measures are numbered 1, 2, 3… across all sections",
        )
    actions = []
    for k, a in enumerate(check.sequence(data["actions"], path + ("actions",))):
        if action := _action(check, a, path + ("actions", k), number, k + 1):
            actions.append(action)
    return Measure(
        number=number,
        section=section_id,
        title=check.text(data["title"], path + ("title",)),
        annex_title=check.optional_text(data, "annex_title", path),
        actions_lead_in=check.optional_text(data, "actions_lead_in", path),
        actions=tuple(actions),
        annex=_blocks(check, data["annex"], path + ("annex",), f"measure-{number}-annex", number),
    )


def _action(check: Checker, value, path: Path_, measure: int | None, position: int):
    data = check.mapping(value, path, ("id", "text"), ("actors", "mentions"))
    if data is None:
        return None
    action_id = check.string(data["id"], path + ("id",))
    expected = f"{measure}.{position}"
    if action_id is not None and action_id != expected:
        match = _ACTION_ID.match(action_id)
        problem = "does not belong to this measure" if match else "is not of the form N.k"
        check.err(path + ("id",), f"action id '{action_id}' {problem}", f"expected '{expected}'")
    anchor = "action-" + expected.replace(".", "-")
    return Action(
        id=action_id or expected,
        text=check.text(data["text"], path + ("text",), anchor, measure),
        actors=check.ids(data.get("actors", []), path + ("actors",)),
        mentions=check.ids(data.get("mentions", []), path + ("mentions",)),
    )


# -- footnotes.yaml -----------------------------------------------------------
def _footnote_texts(check: Checker) -> dict[int, tuple[Text, Path_]]:
    data = check.top("footnotes", ("footnotes",))
    if data is None:
        return {}
    result: dict[int, tuple[Text, Path_]] = {}
    for i, value in enumerate(check.sequence(data["footnotes"], ("footnotes",))):
        path = ("footnotes", i)
        item = check.mapping(value, path, ("number", "text"))
        if item is None:
            continue
        number = check.integer(item["number"], path + ("number",))
        text = check.text(item["text"], path + ("text",))
        if number is None:
            continue
        if number in result:
            check.err(path + ("number",), f"duplicate footnote number {number}", "renumber them")
        elif number != i + 1:
            check.err(
                path + ("number",),
                f"footnote number {number} breaks the sequence: expected {i + 1}",
                "footnotes are numbered 1, 2, 3… without gaps, in order",
            )
        result[number] = (text, path)
    return result


# -- glossary.yaml ------------------------------------------------------------
def _glossary(check: Checker) -> tuple[tuple[GlossaryEntry, ...], tuple[NotAcronym, ...]]:
    data = check.top("glossary", ("entries",), ("not_acronyms",))
    if data is None:
        return (), ()
    entries = []
    for i, value in enumerate(check.sequence(data["entries"], ("entries",))):
        path = ("entries", i)
        required, optional = ("id", "short", "long", "explanation"), ("actor", "variants")
        item = check.mapping(value, path, required, optional)
        if item is None:
            continue
        entries.append(
            GlossaryEntry(
                id=check.ident(item["id"], path + ("id",)),
                short=check.text(item["short"], path + ("short",), acronyms=False),
                long=check.text(item["long"], path + ("long",)),
                explanation=check.text(item["explanation"], path + ("explanation",)),
                actor=check.ident(item["actor"], path + ("actor",)) if "actor" in item else None,
                variants=check.spellings(item.get("variants", {}), path + ("variants",)),
            )
        )
    not_acronyms = []
    for i, value in enumerate(check.sequence(data.get("not_acronyms", []), ("not_acronyms",))):
        path = ("not_acronyms", i)
        item = check.mapping(value, path, ("token", "reason"))
        if item is not None:
            token = check.string(item["token"], path + ("token",))
            reason = check.string(item["reason"], path + ("reason",))
            not_acronyms.append(NotAcronym(token, reason))
    return tuple(entries), tuple(not_acronyms)


# -- actors.yaml --------------------------------------------------------------
def _actors(check: Checker) -> tuple[Actor, ...]:
    data = check.top("actors", ("actors",))
    if data is None:
        return ()
    actors = []
    for i, value in enumerate(check.sequence(data["actors"], ("actors",))):
        path = ("actors", i)
        required = ("id", "name", "kind", "description", "terms")
        item = check.mapping(value, path, required, ("parent", "glossary"))
        if item is None:
            continue
        kind = check.string(item["kind"], path + ("kind",))
        if kind is not None and kind not in ACTOR_KINDS:
            hint = f"one of {', '.join(ACTOR_KINDS)}"
            check.err(path + ("kind",), f"unknown actor kind '{kind}'", hint)
        terms = check.spellings(item["terms"], path + ("terms",))
        for lang in check.languages:
            if not terms.get(lang):
                check.err(
                    path + ("terms",),
                    f"no '{lang}' term names this actor",
                    f"add the words that name it in the '{lang}' text",
                )
        actors.append(
            Actor(
                id=check.ident(item["id"], path + ("id",)),
                name=check.text(item["name"], path + ("name",)),
                kind=kind,
                description=check.text(item["description"], path + ("description",)),
                terms=terms,
                parent=check.ident(item["parent"], path + ("parent",))
                if "parent" in item
                else None,
                glossary=check.ident(item["glossary"], path + ("glossary",))
                if "glossary" in item
                else None,
            )
        )
    return tuple(actors)


# -- events.yaml --------------------------------------------------------------
def _events(check: Checker) -> tuple[Event, ...]:
    data = check.top("events", ("events",))
    if data is None:
        return ()
    events = []
    for i, value in enumerate(check.sequence(data["events"], ("events",))):
        path = ("events", i)
        item = check.mapping(value, path, ("id", "date", "kind", "measure", "text"))
        if item is None:
            continue
        kind = check.string(item["kind"], path + ("kind",))
        if kind is not None and kind not in EVENT_KINDS:
            check.err(path + ("kind",), f"unknown event kind '{kind}'", "event or deadline")
        measure = item["measure"]
        if measure is not None:
            measure = check.integer(measure, path + ("measure",))
        events.append(
            Event(
                id=check.ident(item["id"], path + ("id",)),
                date=check.date(item["date"], path + ("date",)),
                kind=kind,
                measure=measure,
                text=check.text(item["text"], path + ("text",)),
            )
        )
    return tuple(events)


# -- interface.yaml -----------------------------------------------------------
def _interface(check: Checker) -> dict:
    data = check.top("interface", ("strings",))
    if data is None:
        return {}
    if not isinstance(data["strings"], dict):
        hint = "write 'key: {fr: …, en: …}'"
        check.err(("strings",), "expected a mapping of interface strings", hint)
        return {}
    strings = {}
    for key, value in data["strings"].items():
        if (text := check.plural_or_text(value, ("strings", key))) is not None:
            strings[key] = text
    return strings
