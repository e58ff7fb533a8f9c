"""Typed, immutable models of the Council document. No I/O, no MkDocs."""

from __future__ import annotations

import functools
from dataclasses import Field, dataclass, field, fields, is_dataclass
from typing import Any

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
# a place the texts name ("third countries"): declared beside the actors (its
# terms, its source) but never addressed, named or counted as an actor; the
# actors page lists it apart, with these fields (no other: no page would show it)
PLACE = "place"
PLACE_FIELDS = ("id", "name", "kind", "description", "terms", "source")
EVENT_KINDS = ("event", "deadline")
ACTOR_STATUSES = ("existing", "proposed")  # as at the document's date: a body, or one it plans
# Why an edition changed a passage (``editions.yaml``): an error corrected, the
# Council's own text of a passage added, an official name, a new feature of the site
CHANGE_KINDS = ("correction", "new_official_text", "names", "new_feature")

# Whose words a field's texts are: the Council's document, or this edition's
# own (a description, a name it chose, an address). Every field holding texts
# says which; the readers (``council: [en]`` only on the Council's), the
# document's texts (``views``), ``make check``'s count and the open data follow.
COUNCIL = "council"
EDITION = "edition"


def declare(
    texts: str | None = None,
    published: str | None = None,
    left_out: str | None = None,
    inline: str | None = None,
) -> dict[str, str]:
    """What the code reading the models needs to know of a model field, as
    its ``metadata`` (``field(metadata=declare(…))``): ``texts``, whose texts it
    holds (``COUNCIL`` or ``EDITION``); in the open data (``opendata``),
    ``published``: its published type when its type hint does not say it
    ("id", "url", "partial date"…, or "string" for a text published without
    its markup); ``left_out``: why it is not published; ``inline``: its
    object's fields are published in place of it, named with this prefix."""
    meta = {"texts": texts, "published": published, "left_out": left_out, "inline": inline}
    return {k: v for k, v in meta.items() if v is not None}


def texts_of(field_: Field) -> str | None:
    """Whose texts ``field_`` holds (``COUNCIL``, ``EDITION``), None if it holds none."""
    return field_.metadata.get("texts")


def declared_texts(value: Any, whose: str) -> list[Text]:
    """The texts in ``value`` (a model, or a tuple of them) held by fields
    declared ``whose`` (``COUNCIL``, ``EDITION``), in the fields' order."""
    found: list[Text] = []
    for item in value if isinstance(value, tuple) else (value,):
        if not is_dataclass(item):
            continue
        for field_ in fields(item):
            held, texts = getattr(item, field_.name), texts_of(field_)
            if texts is None:
                found += declared_texts(held, whose)
            elif texts == whose:
                found += _texts(held)
    return found


def _texts(value: Any) -> list[Text]:
    """The texts of a field holding texts: one, none, a tuple or a mapping of them."""
    if isinstance(value, Text):
        return [value]
    if isinstance(value, (tuple, dict)):
        items = value.values() if isinstance(value, dict) else value
        return [t for item in items for t in _texts(item)]
    return []  # None, or an interface string's plural forms


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
    url: str = field(metadata=declare(published="url"))


@dataclass(frozen=True)
class Labels:
    """The cover page's labels of the record's fields ("Origine", "Objet"…)."""

    origin: Text = field(metadata=declare(texts=COUNCIL))
    origin_date: Text = field(metadata=declare(texts=COUNCIL))
    recipients: Text = field(metadata=declare(texts=COUNCIL))
    previous_document: Text = field(metadata=declare(texts=COUNCIL))
    subject: Text = field(metadata=declare(texts=COUNCIL))


@dataclass(frozen=True)
class Record:
    number: str
    date: str = field(metadata=declare(published="date"))
    # the place alone (for citations): the edition's, the cover page prints only the dateline
    place: Text = field(metadata=declare(texts=EDITION, published="string"))
    dateline: Text = field(
        metadata=declare(texts=COUNCIL, left_out="the cover page's wording of place and date")
    )
    original_language: Text = field(
        metadata=declare(texts=COUNCIL, left_out="the cover page's wording")
    )
    session: int
    approval_date: str = field(metadata=declare(left_out="the same as date"))
    codes: tuple[str, ...]
    previous_document: str
    type: Text = field(metadata=declare(texts=COUNCIL, published="string"))
    origin: Text = field(metadata=declare(texts=COUNCIL, published="string"))
    origin_date: Text = field(
        metadata=declare(texts=COUNCIL, left_out="the cover page's wording of the date")
    )
    recipients: Text = field(metadata=declare(texts=COUNCIL, left_out="the cover page's wording"))
    subject: Text = field(metadata=declare(texts=COUNCIL, published="string"))
    subject_note: Text = field(metadata=declare(texts=COUNCIL, left_out="the cover page's wording"))
    labels: Labels = field(metadata=declare(left_out="the cover page's labels"))
    # the Council's PDF of the document, and its entry in the Council's public register:
    # addresses per language, which the edition gives
    official: Text = field(metadata=declare(texts=EDITION, published="url"))
    register: Text = field(metadata=declare(texts=EDITION, published="url"))


@dataclass(frozen=True)
class Block:
    """A paragraph (``text``) or a bulleted list (``items``)."""

    text: Text | None = field(default=None, metadata=declare(texts=COUNCIL))
    items: tuple[Text, ...] = field(default=(), metadata=declare(texts=COUNCIL))
    # the edition's note on the block, shown apart from the document's text
    note: Text | None = field(default=None, metadata=declare(texts=EDITION, published="string"))


@dataclass(frozen=True)
class Action:
    id: str = field(metadata=declare(published="action id"))
    text: Text = field(metadata=declare(texts=COUNCIL))
    actors: tuple[str, ...] = field(metadata=declare(published="id"))
    mentions: tuple[str, ...] = field(metadata=declare(published="id"))

    @property
    def anchor(self) -> str:
        return "action-" + self.id.replace(".", "-")

    @property
    def measure(self) -> int:
        """The number of the measure the action belongs to."""
        return int(self.id.partition(".")[0])


@dataclass(frozen=True)
class Measure:
    number: int = field(metadata=declare(published="positive integer"))
    section: str = field(metadata=declare(left_out="given by the section that holds the measure"))
    title: Text = field(metadata=declare(texts=COUNCIL))
    annex_title: Text | None = field(metadata=declare(texts=COUNCIL))
    actions_lead_in: Text | None = field(
        metadata=declare(texts=COUNCIL, left_out="in the YAML (measure 10 only)")
    )
    actions: tuple[Action, ...]
    annex: tuple[Block, ...]


@dataclass(frozen=True)
class Section:
    id: str = field(metadata=declare(published="roman numeral"))
    summary_page: int = field(metadata=declare(left_out="a page number of the PDF"))
    title: Text = field(metadata=declare(texts=COUNCIL))
    measures: tuple[Measure, ...]


@dataclass(frozen=True)
class Package:
    title: Text = field(metadata=declare(texts=COUNCIL))
    introduction: tuple[Text, ...] = field(metadata=declare(texts=COUNCIL))


@dataclass(frozen=True)
class Annex:
    title: Text = field(metadata=declare(texts=COUNCIL, left_out="in the YAML"))
    introduction: tuple[Block, ...]


@dataclass(frozen=True)
class Footnote:
    number: int = field(metadata=declare(published="positive integer"))
    text: Text = field(metadata=declare(texts=COUNCIL))
    anchor: str  # the id of the block or action holding its mark


@dataclass(frozen=True, kw_only=True)
class GlossaryEntry:
    id: str = field(metadata=declare(published="id"))
    short: Text = field(metadata=declare(texts=EDITION, published="string"))
    long: Text = field(metadata=declare(texts=EDITION, published="string"))
    explanation: Text = field(metadata=declare(texts=EDITION, published="string"))
    in_document_list: bool = False
    actor: str | None = field(default=None, metadata=declare(published="id"))
    source: Reference
    variants: dict[str, tuple[str, ...]] = field(
        default_factory=dict,
        metadata=declare(left_out="spellings for the checks and links, in the YAML"),
    )


@dataclass(frozen=True)
class NotAcronym:
    token: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class Actor:
    id: str = field(metadata=declare(published="id"))
    name: Text = field(metadata=declare(texts=EDITION, published="string"))
    kind: str
    parent: str | None = field(default=None, metadata=declare(published="id"))
    glossary: str | None = field(default=None, metadata=declare(published="id"))
    description: Text = field(metadata=declare(texts=EDITION, published="string"))
    terms: dict[str, tuple[str, ...]] = field(
        metadata=declare(left_out="spellings for the checks and links, in the YAML")
    )
    source: Reference
    status: str = field(default="existing", metadata=declare(published="actor status"))


@dataclass(frozen=True)
class Event:
    id: str = field(metadata=declare(published="id"))
    date: str = field(metadata=declare(published="partial date"))
    kind: str = field(metadata=declare(published="event kind"))
    measure: int | None = field(metadata=declare(published="positive integer"))
    text: Text = field(metadata=declare(texts=EDITION, published="string"))
    # the document gives no date, only that the event had happened by its own
    # date: ``date`` is then the document's, shown "as at" it
    as_at: bool = False


@dataclass(frozen=True)
class Change:
    """One change an edition made: why (``CHANGE_KINDS``), what, and the
    passages it touched (``passage`` ids: measure-4, action-4-2, footnote-3,
    actor-europol, glossary-oli)."""

    kind: str = field(metadata=declare(published="change kind"))
    text: Text = field(metadata=declare(texts=EDITION, published="string"))
    passages: tuple[str, ...] = field(metadata=declare(published="passage"))


@dataclass(frozen=True)
class EditionEntry:
    """One edition of the site: its version ("1.0"), date and changes."""

    version: str = field(metadata=declare(published="edition version"))
    date: str = field(metadata=declare(published="date"))
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Licences:
    """Under what terms the texts may be reused: the Council's (its reuse
    policy) and the edition's own texts and translations (the maintainers')."""

    council: Reference
    edition: Reference


@dataclass(frozen=True)
class Document:
    languages: tuple[str, ...] = field(metadata=declare(left_out="one file per language"))
    record: Record
    cover_text: Text = field(
        metadata=declare(texts=COUNCIL, left_out="part of the cover page, in the YAML")
    )
    package: Package = field(metadata=declare(inline=""))
    sections: tuple[Section, ...]
    annex: Annex = field(metadata=declare(inline="annex_"))
    footnotes: tuple[Footnote, ...]
    acronym_list_title: Text = field(metadata=declare(texts=COUNCIL, left_out="in the YAML"))
    acronym_list: tuple[str, ...] = field(
        metadata=declare(left_out="given per entry as glossary[].in_document_list")
    )
    glossary: tuple[GlossaryEntry, ...]
    not_acronyms: tuple[NotAcronym, ...] = field(
        metadata=declare(left_out="a check of the data, not content")
    )
    actors: tuple[Actor, ...]
    events: tuple[Event, ...]
    # the editions, oldest first (``editions.yaml``): the last is this one
    editions: tuple[EditionEntry, ...]
    licence: Licences  # the reuse terms of the Council's texts and of the edition's
    interface: dict[str, Text | Plural] = field(
        default_factory=dict,
        metadata=declare(texts=EDITION, left_out="the site's interface, not the document"),
    )

    # Lookups derived from the fields, computed once (the document is immutable).
    @functools.cached_property
    def measures(self) -> tuple[Measure, ...]:
        return tuple(m for s in self.sections for m in s.measures)

    @functools.cached_property
    def actions(self) -> tuple[Action, ...]:
        return tuple(a for m in self.measures for a in m.actions)

    @functools.cached_property
    def bodies(self) -> tuple[Actor, ...]:
        """The actors that are not places (``PLACE``): those pages list and count."""
        return tuple(a for a in self.actors if a.kind != PLACE)

    @functools.cached_property
    def _actors_by_id(self) -> dict[str, Actor]:
        return {a.id: a for a in self.actors}

    @functools.cached_property
    def _glossary_by_id(self) -> dict[str, GlossaryEntry]:
        return {g.id: g for g in self.glossary}

    @functools.cached_property
    def _sections_by_id(self) -> dict[str, Section]:
        return {s.id: s for s in self.sections}

    @property
    def edition(self) -> EditionEntry:
        """This edition: the newest of ``editions``."""
        return self.editions[-1]

    def actor(self, actor_id: str) -> Actor:
        return self._actors_by_id[actor_id]

    def glossary_entry(self, entry_id: str) -> GlossaryEntry:
        return self._glossary_by_id[entry_id]

    def section(self, section_id: str) -> Section:
        return self._sections_by_id[section_id]
