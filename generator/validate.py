"""Validate parsed YAML files and build the typed ``Document``.

Every problem is collected (never the first only) as a ``DataError`` that names
the file, line, column and key path; ``DataErrors`` is raised at the end.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from typing import Any

from . import markup
from .errors import DataError, DataErrors
from .load import Path_, YamlFile
from .models import (
    ACTOR_KINDS,
    EVENT_KINDS,
    Action,
    Actor,
    Anchor,
    Annex,
    Block,
    Document,
    Event,
    Footnote,
    GlossaryEntry,
    Labels,
    Measure,
    NotAcronym,
    Package,
    Record,
    Section,
    Text,
)

FILES = ("document", "measures", "footnotes", "glossary", "actors", "events", "interface")
INVARIANT = "invariant"
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ROMAN = re.compile(r"^(?:I|II|III|IV|V|VI|VII|VIII|IX|X)$")
_ACTION_ID = re.compile(r"^(\d+)\.(\d+)$")
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@dataclass
class _TextUse:
    """Where a text stands, for the checks that need the whole document."""

    file: YamlFile
    path: Path_
    text: Text
    place: str | None
    measure: int | None
    acronyms: bool


class _Checker:
    def __init__(self, files: dict[str, YamlFile], languages: tuple[str, ...]):
        self.files = files
        self.languages = languages
        self.errors: list[DataError] = [e for f in files.values() for e in f.errors]
        self.uses: list[_TextUse] = []
        self.file: YamlFile = next(iter(files.values()))

    # -- reporting -------------------------------------------------------
    def err(self, path: Path_, message: str, hint: str = "", file: YamlFile | None = None):
        self.errors.append((file or self.file).error(path, message, hint))

    # -- shapes ----------------------------------------------------------
    def mapping(self, value: Any, path: Path_, required: tuple, optional: tuple = ()):
        if not isinstance(value, dict):
            self.err(
                path,
                f"expected a mapping with keys {', '.join(required)}, got {_kind(value)}",
                "write one 'key: value' per line, indented under this one",
            )
            return None
        allowed = required + optional
        for key in value:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"did you mean '{close[0]}'?" if close else f"allowed: {', '.join(allowed)}"
                self.err(path + (key,), f"unknown field '{key}'", hint)
        missing = [k for k in required if k not in value]
        for key in missing:
            self.err(path, f"missing field '{key}'", f"add '{key}:' to this entry")
        return None if missing else value

    def sequence(self, value: Any, path: Path_) -> list:
        if not isinstance(value, list):
            self.err(
                path,
                f"expected a list, got {_kind(value)}",
                "write [a, b] or one '- item' per line",
            )
            return []
        return value

    def string(self, value: Any, path: Path_) -> str | None:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.err(
                path,
                f"expected a text value, got {_kind(value)}",
                "write the text in double quotes",
            )
            return None
        if not str(value).strip():
            self.err(path, "empty value", "write the text, or remove the field if it is optional")
            return None
        return str(value)

    def integer(self, value: Any, path: Path_) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.err(
                path, f"expected a whole number, got {_kind(value)}", "write digits only, unquoted"
            )
            return None
        return value

    def ident(self, value: Any, path: Path_, pattern: re.Pattern = _ID) -> str | None:
        text = self.string(value, path)
        if text is not None and not pattern.match(text):
            self.err(path, f"invalid id '{text}'", "use lower-case words joined by hyphens")
            return None
        return text

    def ids(self, value: Any, path: Path_) -> tuple[str, ...]:
        out = []
        for i, item in enumerate(self.sequence(value, path)):
            ident = self.ident(item, path + (i,))
            if ident:
                out.append(ident)
        return tuple(out)

    def date(self, value: Any, path: Path_) -> str | None:
        text = self.string(value, path)
        if text is None:
            return None
        if _DATE.match(text):
            parts = [int(p) for p in text.split("-")] + [1, 1]
            try:
                dt.date(*parts[:3])
                return text
            except ValueError:
                pass
        self.err(path, f"invalid date '{text}'", "write YYYY, YYYY-MM or YYYY-MM-DD, quoted")
        return None

    def text(
        self,
        value: Any,
        path: Path_,
        place: str | None = None,
        measure: int | None = None,
        acronyms: bool = True,
    ) -> Text | None:
        if not isinstance(value, dict):
            hint = f"write one key per language ({', '.join(self.languages)}) or '{INVARIANT}'"
            self.err(path, f"expected a text per language, got {_kind(value)}", hint)
            return None
        if INVARIANT in value:
            return self._invariant_text(value, path, place, measure, acronyms)
        values: dict[str, str] = {}
        for key in value:
            if key not in self.languages:
                hint = f"languages are {', '.join(self.languages)}"
                self.err(path + (key,), f"unknown language '{key}'", hint)
        for lang in self.languages:
            if lang not in value:
                self.err(
                    path,
                    f"missing {_language_name(lang)} text '{lang}'",
                    f"add '{lang}: \"…\"' beside the other languages",
                )
                continue
            text = self.string(value[lang], path + (lang,))
            if text is not None:
                values[lang] = text
        first = self.languages[0]  # the source language
        for lang in self.languages[1:]:
            if first in values and values.get(lang) == values[first]:
                self.err(
                    path + (lang,),
                    f"the '{lang}' text is a copy of the '{first}' text",
                    f"translate it, or write '{INVARIANT}:' if it is the same in every language",
                )
        # A partial text still serves the whole-document checks; its gaps are errors.
        return self._use(Text(values), path, place, measure, acronyms) if values else None

    def _invariant_text(self, value, path, place, measure, acronyms) -> Text | None:
        extra = [k for k in value if k != INVARIANT]
        if extra:
            self.err(
                path + (extra[0],),
                f"'{INVARIANT}' excludes per-language texts",
                f"keep either '{INVARIANT}:' or one key per language",
            )
            return None
        text = self.string(value[INVARIANT], path + (INVARIANT,))
        if text is None:
            return None
        return self._use(Text({INVARIANT: text}, invariant=True), path, place, measure, acronyms)

    def _use(self, text: Text, path, place, measure, acronyms) -> Text:
        for raw in text.values.values():
            for problem in markup.markup_problems(raw):
                self.err(path, problem, "see the inline markup table in data/README.md")
        self.uses.append(_TextUse(self.file, path, text, place, measure, acronyms))
        return text

    def texts(self, value, path, place_prefix: str | None = None) -> tuple[Text, ...]:
        out = []
        for i, item in enumerate(self.sequence(value, path)):
            place = f"{place_prefix}-{i + 1}" if place_prefix else None
            text = self.text(item, path + (i,), place)
            if text:
                out.append(text)
        return tuple(out)

    def optional_text(self, data: dict, key: str, path: Path_, **kw) -> Text | None:
        return self.text(data[key], path + (key,), **kw) if key in data else None

    def blocks(self, value, path, place_prefix: str, measure: int | None = None):
        out = []
        for i, item in enumerate(self.sequence(value, path)):
            item_path, place = path + (i,), f"{place_prefix}-{i + 1}"
            if isinstance(item, dict) and "items" in item:
                data = self.mapping(item, item_path, ("items",))
                if data is None:
                    continue
                items = []
                for j, entry in enumerate(self.sequence(data["items"], item_path + ("items",))):
                    t = self.text(entry, item_path + ("items", j), f"{place}-{j + 1}", measure)
                    if t:
                        items.append(t)
                out.append(Block(items=tuple(items)))
                continue
            data = self.mapping(item, item_path, ("text",))
            if data is not None:
                text = self.text(data["text"], item_path + ("text",), place, measure)
                if text:
                    out.append(Block(text=text))
        return tuple(out)

    def top(self, name: str, required: tuple, optional: tuple = ()) -> dict | None:
        """The top-level mapping of file ``name``; silent if it could not be parsed."""
        self.file = self.files[name]
        if self.file.data is None and self.file.errors:
            return None
        return self.mapping(self.file.data, (), required, optional)


def build_document(
    files: dict[str, YamlFile], languages: tuple[str, ...], checks: bool = True
) -> Document:
    """Validate the parsed files and return the ``Document``, or raise ``DataErrors``.

    ``checks=False`` skips the whole-document checks (references, acronyms,
    actor terms), which change nothing in the document: for a second process
    building the same data that another one checks.
    """
    check = _Checker(files, languages)
    glossary, not_acronyms = _glossary(check)
    parts = {
        "document": _document(check),
        "sections": _sections(check),
        "footnote_texts": _footnote_texts(check),
        "actors": _actors(check),
        "events": _events(check),
        "interface": _interface(check),
    }
    if checks:
        _check_references(check, glossary, parts)
        _check_acronyms(check, glossary, not_acronyms)
    footnotes = _footnotes(check, parts["footnote_texts"])
    if checks:
        _check_terms(check, parts["actors"])
    if check.errors:
        raise DataErrors(check.errors)
    doc = parts["document"]
    listed = set(doc["acronym_list"])
    return Document(
        languages=languages,
        record=doc["record"],
        cover_text=doc["cover_text"],
        package=doc["package"],
        sections=parts["sections"],
        annex=doc["annex"],
        footnotes=footnotes,
        acronym_list_title=doc["acronym_list_title"],
        acronym_list=doc["acronym_list"],
        glossary=tuple(_replace_listed(g, listed) for g in glossary),
        not_acronyms=not_acronyms,
        actors=parts["actors"],
        events=parts["events"],
        interface=parts["interface"],
    )


# -- document.yaml ------------------------------------------------------------
def _document(check: _Checker) -> dict:
    data = check.top(
        "document",
        ("record", "cover_text", "package", "annex", "acronym_list"),
    )
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
            check.blocks(annex["introduction"], ("annex", "introduction"), "annex-introduction"),
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


def _record(check: _Checker, value) -> Record | None:
    path = ("record",)
    fields = ("number", "date", "codes", "previous_document", "session", "approval_date", "labels")
    data = check.mapping(value, path, fields + _RECORD_TEXTS)
    if data is None:
        return None
    texts = {k: check.text(data[k], path + (k,), acronyms=False) for k in _RECORD_TEXTS}
    labels = check.mapping(data["labels"], path + ("labels",), _LABELS)
    label_texts = {}
    if labels:
        label_texts = {
            k: check.text(labels[k], path + ("labels", k), acronyms=False) for k in _LABELS
        }
    codes = tuple(
        check.string(c, path + ("codes", i))
        for i, c in enumerate(check.sequence(data["codes"], path + ("codes",)))
    )
    if not labels:
        return None
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
def _sections(check: _Checker) -> tuple[Section, ...]:
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
            check.err(
                path + ("id",),
                f"duplicate section id '{section_id}'",
                "section ids are I, II, III…",
            )
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


def _measure(check: _Checker, value, path: Path_, section_id, expected: int) -> Measure | None:
    data = check.mapping(
        value,
        path,
        ("number", "title", "actions", "annex"),
        ("annex_title", "actions_lead_in"),
    )
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
        action = _action(check, a, path + ("actions", k), number, k + 1)
        if action:
            actions.append(action)
    return Measure(
        number=number,
        section=section_id,
        title=check.text(data["title"], path + ("title",)),
        annex_title=check.optional_text(data, "annex_title", path),
        actions_lead_in=check.optional_text(data, "actions_lead_in", path),
        actions=tuple(actions),
        annex=check.blocks(data["annex"], path + ("annex",), f"measure-{number}-annex", number),
    )


def _action(check: _Checker, value, path: Path_, measure: int | None, position: int):
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
def _footnote_texts(check: _Checker) -> dict[int, tuple[Text, Path_]]:
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
            check.err(
                path + ("number",), f"duplicate footnote number {number}", "renumber the footnotes"
            )
        elif number != i + 1:
            check.err(
                path + ("number",),
                f"footnote number {number} breaks the sequence: expected {i + 1}",
                "footnotes are numbered 1, 2, 3… without gaps, in order",
            )
        result[number] = (text, path)
    return result


def _footnotes(check: _Checker, texts: dict[int, tuple[Text, Path_]]) -> tuple[Footnote, ...]:
    marks: dict[tuple[str, int], list[_TextUse]] = defaultdict(list)
    for use in check.uses:
        for lang in use.text.languages(check.languages):
            for number in markup.footnote_marks(use.text.get(lang)):
                if use.place is None:
                    check.err(
                        use.path,
                        "footnote marks belong in body texts only",
                        "remove the [^N] mark from this field",
                        file=use.file,
                    )
                elif number not in texts:
                    check.err(
                        use.path,
                        f"mark of unknown footnote {number}",
                        "add it to footnotes.yaml, or fix the number",
                        file=use.file,
                    )
                else:
                    marks[(lang, number)].append(use)
    footnotes = []
    file = check.files["footnotes"]
    for number, (text, path) in sorted(texts.items()):
        uses = {}
        for lang in check.languages:
            found = marks.get((lang, number), [])
            if not found:
                check.err(
                    path,
                    f"footnote {number} is never marked in the '{lang}' texts",
                    f"write [^{number}] where its superscript stands in the text",
                    file=file,
                )
            for extra in found[1:]:
                check.err(
                    extra.path,
                    f"footnote {number} is marked twice in '{lang}'",
                    f"first mark: {extra.file.error(found[0].path, '').path}",
                    file=extra.file,
                )
            if found:
                uses[lang] = found[0]
        places = {u.place for u in uses.values()}
        if len(places) > 1:
            check.err(
                path,
                f"footnote {number} is marked in different places per language: "
                f"{', '.join(sorted(places))}",
                "put the mark in the same paragraph or action in every language",
                file=file,
            )
        if len(uses) == len(check.languages) and len(places) == 1:
            first = next(iter(uses.values()))
            anchor = Anchor(
                place=first.place,
                measure=first.measure,
                words_before={
                    lang: markup.words_before(u.text.get(lang), number) for lang, u in uses.items()
                },
            )
            footnotes.append(Footnote(number, text, anchor))
    return tuple(footnotes)


# -- glossary.yaml ------------------------------------------------------------
def _glossary(check: _Checker) -> tuple[tuple[GlossaryEntry, ...], tuple[NotAcronym, ...]]:
    data = check.top("glossary", ("entries",), ("not_acronyms",))
    if data is None:
        return (), ()
    entries = []
    for i, value in enumerate(check.sequence(data["entries"], ("entries",))):
        path = ("entries", i)
        item = check.mapping(
            value, path, ("id", "short", "long", "explanation"), ("actor", "variants")
        )
        if item is None:
            continue
        variants = _variants(check, item.get("variants", {}), path + ("variants",))
        entries.append(
            GlossaryEntry(
                id=check.ident(item["id"], path + ("id",)),
                short=check.text(item["short"], path + ("short",), acronyms=False),
                long=check.text(item["long"], path + ("long",)),
                explanation=check.text(item["explanation"], path + ("explanation",)),
                actor=check.ident(item["actor"], path + ("actor",)) if "actor" in item else None,
                variants=variants,
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


def _variants(check: _Checker, value, path: Path_) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        check.err(
            path,
            f"expected a list of spellings per language, got {_kind(value)}",
            "write e.g. {fr: [a], en: [b]}",
        )
        return {}
    out = {}
    for lang, items in value.items():
        if lang not in check.languages:
            check.err(
                path + (lang,),
                f"unknown language '{lang}'",
                f"languages are {', '.join(check.languages)}",
            )
            continue
        seq = check.sequence(items, path + (lang,))
        out[lang] = tuple(s for j, v in enumerate(seq) if (s := check.string(v, path + (lang, j))))
    return out


# -- actors.yaml --------------------------------------------------------------
def _actors(check: _Checker) -> tuple[Actor, ...]:
    data = check.top("actors", ("actors",))
    if data is None:
        return ()
    actors = []
    for i, value in enumerate(check.sequence(data["actors"], ("actors",))):
        path = ("actors", i)
        item = check.mapping(
            value, path, ("id", "name", "kind", "description", "terms"), ("parent", "glossary")
        )
        if item is None:
            continue
        kind = check.string(item["kind"], path + ("kind",))
        if kind is not None and kind not in ACTOR_KINDS:
            check.err(
                path + ("kind",), f"unknown actor kind '{kind}'", f"one of {', '.join(ACTOR_KINDS)}"
            )
        terms = _variants(check, item["terms"], path + ("terms",))
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
def _events(check: _Checker) -> tuple[Event, ...]:
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
def _interface(check: _Checker) -> dict[str, Text]:
    data = check.top("interface", ("strings",))
    if data is None or not isinstance(data["strings"], dict):
        if data is not None:
            check.err(
                ("strings",),
                "expected a mapping of interface strings",
                "write 'key: {fr: …, en: …}'",
            )
        return {}
    strings = {}
    for key, value in data["strings"].items():
        text = check.text(value, ("strings", key), acronyms=False)
        if text is None:
            continue
        strings[key] = text
        for lang in text.languages(check.languages):
            if markup.footnote_marks(text.get(lang)):
                path = ("strings", key) + (() if text.invariant else (lang,))
                check.err(
                    path, "footnote mark in an interface string", "footnotes belong in data texts"
                )
    return strings


# -- whole-document checks ----------------------------------------------------
def _duplicates(check: _Checker, name: str, ids: list[str], label: str, field: str) -> set[str]:
    seen: set[str] = set()
    for i, ident in enumerate(ids):
        if ident in seen:
            check.err(
                (field, i, "id"),
                f"duplicate {label} id '{ident}'",
                "ids must be unique: rename one",
                file=check.files[name],
            )
        seen.add(ident)
    return seen


_ACTOR = ("actor", "actors.yaml")
_GLOSSARY = ("glossary entry", "glossary.yaml")


def _check_references(check: _Checker, glossary, parts) -> None:
    actor_ids = _duplicates(check, "actors", [a.id for a in parts["actors"]], "actor", "actors")
    glossary_ids = _duplicates(check, "glossary", [g.id for g in glossary], "glossary", "entries")
    _duplicates(check, "events", [e.id for e in parts["events"]], "event", "events")
    action_ids = [a.id for s in parts["sections"] for m in s.measures for a in m.actions]
    if len(set(action_ids)) != len(action_ids):
        check.err(
            ("sections",),
            "duplicate action ids",
            "action ids are N.k",
            file=check.files["measures"],
        )

    def ref(file, path, value, known, what, where):
        if value is not None and value not in known:
            names = sorted(k for k in known if isinstance(k, str))  # a bad id is None
            close = difflib.get_close_matches(value, names, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"define it in {where}"
            check.err(path, f"unknown {what} id '{value}'", hint, file=check.files[file])

    for i, s in enumerate(parts["sections"]):
        for j, m in enumerate(s.measures):
            for k, a in enumerate(m.actions):
                base = ("sections", i, "measures", j, "actions", k)
                for key in ("actors", "mentions"):
                    for n, actor in enumerate(getattr(a, key)):
                        ref("measures", base + (key, n), actor, actor_ids, *_ACTOR)
    for i, a in enumerate(parts["actors"]):
        ref("actors", ("actors", i, "parent"), a.parent, actor_ids, *_ACTOR)
        ref("actors", ("actors", i, "glossary"), a.glossary, glossary_ids, *_GLOSSARY)
    for i, g in enumerate(glossary):
        ref("glossary", ("entries", i, "actor"), g.actor, actor_ids, *_ACTOR)
    numbers = {m.number for s in parts["sections"] for m in s.measures}
    for i, e in enumerate(parts["events"]):
        if e.measure is not None and e.measure not in numbers:
            check.err(
                ("events", i, "measure"),
                f"unknown measure {e.measure}",
                f"measures are numbered 1 to {len(numbers)}, or null for the whole package",
                file=check.files["events"],
            )
    for i, entry in enumerate(parts["document"].get("acronym_list", ())):
        path = ("acronym_list", "entries", i)
        ref("document", path, entry, glossary_ids, *_GLOSSARY)


def _check_acronyms(check: _Checker, glossary, not_acronyms) -> None:
    known: dict[str, set[str]] = {lang: {n.token for n in not_acronyms} for lang in check.languages}
    for entry in glossary:
        for lang in check.languages:
            if entry.short is not None and entry.short.has(lang):
                known[lang].add(entry.short.get(lang))
            known[lang].update(entry.variants.get(lang, ()))
    finders = {lang: markup.AcronymCheck(names) for lang, names in known.items()}
    uses = [use for use in check.uses if use.acronyms]
    # one pass over all the texts of a language; text by text only if it finds one
    suspect = {
        lang
        for lang, finder in finders.items()
        if finder.undefined_in(u.text.get(lang) for u in uses if u.text.has(lang))
    }
    for use in uses if suspect else ():
        for lang in use.text.languages(check.languages):
            if lang not in suspect:
                continue
            for token in dict.fromkeys(finders[lang].undefined(use.text.get(lang))):
                check.err(
                    use.path + (() if use.text.invariant else (lang,)),
                    f"'{token}' looks like an acronym the glossary does not define in '{lang}'",
                    "add a glossary entry (or a variant), or list it under not_acronyms",
                    file=use.file,
                )


def _check_terms(check: _Checker, actors: tuple[Actor, ...]) -> None:
    document_files = {check.files[n].name for n in ("document", "measures", "footnotes")}
    uses = [u for u in check.uses if u.file.name in document_files]
    body = {
        lang: "\n".join(markup.plain(u.text.get(lang)) for u in uses if u.text.has(lang))
        for lang in check.languages
    }
    file = check.files["actors"]
    terms = {lang: [t for a in actors for t in a.terms.get(lang, ())] for lang in body}
    occurs = {lang: _Occurrences(text, terms[lang]) for lang, text in body.items()}
    for i, actor in enumerate(actors):
        for lang, terms in actor.terms.items():
            for j, term in enumerate(terms):
                if not occurs[lang](term):
                    check.err(
                        ("actors", i, "terms", lang, j),
                        f"term '{term}' never occurs in the '{lang}' document text",
                        "terms must be spelt exactly as in the text",
                        file=file,
                    )


class _Occurrences:
    """``term in text`` for many ``terms``, in time linear in the text and the
    terms: each term is first looked for where its words stand together in the
    text, only where its rarest word stands, until it is found; a term found
    nowhere there (it may begin or end inside a longer word) is looked for in
    the whole text."""

    _WORD = re.compile(r"\w+")

    def __init__(self, text: str, terms):
        self.text = text
        self.found: set[str] = set()
        by_words: dict[tuple[str, ...], set[str]] = defaultdict(set)  # not found yet
        for term in terms:
            if words := tuple(self._WORD.findall(term)):
                by_words[words].add(term)
        words, starts = markup.words_and_starts(text)
        anchors = self._anchors(by_words, Counter(words))
        for j in itertools.compress(itertools.count(), map(anchors.__contains__, words)):
            anchor = anchors[words[j]]
            for offset, length in list(anchor):
                key = tuple(words[j - offset : j - offset + length]) if j >= offset else ()
                if not by_words.get(key):
                    continue
                start = starts[j - offset]
                here = {term for term in by_words[key] if text.startswith(term, start)}
                self.found |= here
                by_words[key] -= here
                if not by_words[key]:  # all its terms found: stop looking for them
                    anchor[offset, length] -= 1
                    if not anchor[offset, length]:
                        del anchor[offset, length]
            if not anchor:
                del anchors[words[j]]

    @staticmethod
    def _anchors(keys, frequency: Counter) -> dict[str, Counter]:
        """The rarest word of each key (the words of terms) -> (its offset in
        the key, the key's length) -> how many keys are not all found yet."""
        anchors: dict[str, Counter] = defaultdict(Counter)
        for key in keys:
            offset = min(range(len(key)), key=lambda j: frequency[key[j]])
            anchors[key[offset]][offset, len(key)] += 1
        return anchors

    def __call__(self, term: str) -> bool:
        return term in self.found or term in self.text


def _replace_listed(entry: GlossaryEntry, listed: set[str]) -> GlossaryEntry:
    return replace(entry, in_document_list=entry.id in listed)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "a text", bool: "true/false"}.get(
        type(value), f"a {type(value).__name__}"
    )


def _language_name(lang: str) -> str:
    return {"fr": "French", "en": "English"}.get(lang, lang)
