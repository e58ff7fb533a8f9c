"""Typed, immutable models of the Council document. No I/O, no MkDocs."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

ACTOR_KINDS = (
    "eu_institution",
    "eu_agency",
    "eu_body",
    "csdp_mission",
    "international_organisation",
    "member_states",
    "partner_country",
    "network",
    "private_sector",
)
EVENT_KINDS = ("event", "deadline")


@dataclass(frozen=True)
class Text:
    """One text in every language; ``invariant`` when it is the same in all.
    ``council``: the languages (besides the document's source language,
    always the Council's) whose text is the Council's own language version,
    not this edition's translation."""

    values: dict[str, str]
    invariant: bool = False
    council: tuple[str, ...] = ()

    def get(self, language: str) -> str:
        if self.invariant:
            return next(iter(self.values.values()))
        return self.values[language]

    def __getitem__(self, language: str) -> str:
        return self.get(language)

    def has(self, language: str) -> bool:
        return self.invariant or language in self.values

    def languages(self, candidates: tuple[str, ...]) -> tuple[str, ...]:
        """The ``candidates`` this text has a value for."""
        return tuple(lang for lang in candidates if self.has(lang))


@dataclass(frozen=True)
class Plural:
    """An interface string whose words depend on a number: per language, one
    text per plural category of that language (``one``, ``other``…, as CLDR
    names them)."""

    forms: dict[str, dict[str, str]]

    def get(self, language: str) -> dict[str, str]:
        return self.forms[language]


@dataclass(frozen=True)
class Reference:
    """Where an official name comes from: a founding act, an official site…"""

    title: str
    url: str


@dataclass(frozen=True)
class Labels:
    origin: Text
    origin_date: Text
    recipients: Text
    previous_document: Text
    subject: Text


@dataclass(frozen=True)
class Record:
    number: str
    date: str
    place: Text
    dateline: Text
    original_language: Text
    codes: tuple[str, ...]
    type: Text
    origin: Text
    origin_date: Text
    recipients: Text
    previous_document: str
    subject: Text
    subject_note: Text
    session: int
    approval_date: str
    labels: Labels
    official: Text  # the Council's PDF of the document, per language (URLs)
    register: Text  # the document's entry in the Council's public register (URLs)


@dataclass(frozen=True)
class Block:
    """A paragraph (``text``) or a bulleted list (``items``)."""

    text: Text | None = None
    items: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Action:
    id: str
    text: Text
    actors: tuple[str, ...]
    mentions: tuple[str, ...]

    @property
    def anchor(self) -> str:
        return "action-" + self.id.replace(".", "-")

    @property
    def measure(self) -> int:
        """The number of the measure the action belongs to."""
        return int(self.id.partition(".")[0])


@dataclass(frozen=True)
class Measure:
    number: int
    section: str
    title: Text
    annex_title: Text | None
    actions_lead_in: Text | None
    actions: tuple[Action, ...]
    annex: tuple[Block, ...]


@dataclass(frozen=True)
class Section:
    id: str
    summary_page: int
    title: Text
    measures: tuple[Measure, ...]


@dataclass(frozen=True)
class Package:
    title: Text
    introduction: tuple[Text, ...]


@dataclass(frozen=True)
class Annex:
    title: Text
    introduction: tuple[Block, ...]


@dataclass(frozen=True)
class Footnote:
    number: int
    text: Text
    anchor: str  # the id of the block or action holding its mark


@dataclass(frozen=True)
class GlossaryEntry:
    id: str
    short: Text
    long: Text
    explanation: Text
    source: Reference | None = None
    actor: str | None = None
    variants: dict[str, tuple[str, ...]] = field(default_factory=dict)
    in_document_list: bool = False


@dataclass(frozen=True)
class NotAcronym:
    token: str
    reason: str


@dataclass(frozen=True)
class Actor:
    id: str
    name: Text
    kind: str
    description: Text
    terms: dict[str, tuple[str, ...]]
    source: Reference | None = None
    parent: str | None = None
    glossary: str | None = None


@dataclass(frozen=True)
class Event:
    id: str
    date: str
    kind: str
    measure: int | None
    text: Text


@dataclass(frozen=True)
class Document:
    languages: tuple[str, ...]
    record: Record
    cover_text: Text
    package: Package
    sections: tuple[Section, ...]
    annex: Annex
    footnotes: tuple[Footnote, ...]
    acronym_list_title: Text
    acronym_list: tuple[str, ...]
    glossary: tuple[GlossaryEntry, ...]
    not_acronyms: tuple[NotAcronym, ...]
    actors: tuple[Actor, ...]
    events: tuple[Event, ...]
    interface: dict[str, Text | Plural] = field(default_factory=dict)

    # Lookups derived from the fields, computed once (the document is immutable).
    @functools.cached_property
    def measures(self) -> tuple[Measure, ...]:
        return tuple(m for s in self.sections for m in s.measures)

    @functools.cached_property
    def actions(self) -> tuple[Action, ...]:
        return tuple(a for m in self.measures for a in m.actions)

    @functools.cached_property
    def _actors_by_id(self) -> dict[str, Actor]:
        return {a.id: a for a in self.actors}

    @functools.cached_property
    def _glossary_by_id(self) -> dict[str, GlossaryEntry]:
        return {g.id: g for g in self.glossary}

    @functools.cached_property
    def _sections_by_id(self) -> dict[str, Section]:
        return {s.id: s for s in self.sections}

    def actor(self, actor_id: str) -> Actor:
        return self._actors_by_id[actor_id]

    def glossary_entry(self, entry_id: str) -> GlossaryEntry:
        return self._glossary_by_id[entry_id]

    def section(self, section_id: str) -> Section:
        return self._sections_by_id[section_id]
