"""What each kind of page's template is given besides the page's own helpers:
one function per kind of ``pages.KINDS``, each returning a typed context."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypedDict

from markupsafe import Markup

from . import editions, opendata, pictures, study, views
from .models import PLACE, Action, Actor, Document, EditionEntry, Measure, Section, Text

if TYPE_CHECKING:
    from .render import PageText


# A page kind's context: (its page's helpers, the document, the page's key,
# the views the pages share) -> what its template is given.
Context = Callable[["PageText", Document, Any, views.Views], Any]


def nothing(t: PageText, doc: Document, key: Any, v: views.Views) -> dict[str, Any]:
    return {}


class MeasureContext(TypedDict):
    measure: Measure
    section: Section
    previous: Measure | None
    next: Measure | None
    related: list[tuple[int, int]]
    texts: list[Text]


def measure(t: PageText, doc: Document, number: int, v: views.Views) -> MeasureContext:
    measures = doc.measures
    i = number - 1
    return {
        "measure": measures[i],
        "section": doc.section(measures[i].section),
        "previous": measures[i - 1] if i else None,
        "next": measures[i + 1] if i + 1 < len(measures) else None,
        "related": v.related[number],
        "texts": views.measure_texts(measures[i]),
    }


class SideBySideContext(TypedDict):
    measure: Measure | None
    previous: Measure | None
    next: Measure | None
    rows: list[views.SideBySideRow]
    columns: dict[str, PageText]
    cells: list[tuple[str, PageText]]
    texts: list[Text]


def side_by_side(
    t: PageText, doc: Document, number: int | None, v: views.Views
) -> SideBySideContext:
    one = None if number is None else doc.measures[number - 1]
    columns = {lang: t.column(lang) for lang in doc.languages}
    return {
        "measure": one,
        "previous": doc.measures[number - 2] if number and number > 1 else None,
        "next": doc.measures[number] if number and number < len(doc.measures) else None,
        "rows": views.side_by_side_rows(doc, one),
        "columns": columns,
        "cells": list(columns.items()),
        "texts": views.document_texts(doc) if one is None else views.measure_texts(one),
    }


class StudyContext(TypedDict):
    questions: list[study.Question]
    cards: list[dict[str, Any]]  # every card: id, kind, front, back, source, section, measure
    anki: str  # the docs path of the cards' Anki file
    storage: str
    source_url: Callable[[str], str]
    place: Callable[[study.Question], dict[str, str]]
    other_places: list[str]  # the sections of questions outside the measures
    action_of: Callable[[study.Question], Action | None]  # the action a question shows


def study_page(t: PageText, doc: Document, key: None, v: views.Views) -> StudyContext:
    questions = study.quiz_questions(doc, t.language, annex_named=v.annex_named)
    places = [study_place(q) for q in questions]
    actions = {a.anchor: a for a in doc.actions}

    def source_url(source: str) -> str:
        target, _, fragment = source.partition("#")
        return t.url(target, fragment)

    cards = [
        {**dataclasses.asdict(c), "source": source_url(c.source)}
        for c in study.flashcards(doc, t.language)
    ]
    return {
        "questions": questions,
        "cards": cards,
        "anki": f"{opendata.FOLDER}/{opendata.anki_name(t.language)}",
        "storage": f"study-15250-18-{t.language}",
        "source_url": source_url,
        "place": study_place,
        "other_places": list(dict.fromkeys(p["section"] for p in places if not p["measure"])),
        "action_of": lambda q: actions.get(q.source.partition("#")[2]),
    }


# -- where a question's passage is: the study round's scopes and summary -------
def study_place(question: study.Question) -> dict[str, str]:
    """The section and measure a round chooses a question by: a question
    outside the measures (an acronym's) has its page's name as its section."""
    if question.measure is not None:
        return {"section": question.section, "measure": str(question.measure)}
    path = question.source.partition("#")[0].removesuffix(".md").split("/")[1:]
    return {"section": path[0], "measure": ""}


class OpenDataContext(TypedDict):
    downloads: dict
    fields: list[tuple[str, str]]


def open_data(t: PageText, doc: Document, key: None, v: views.Views) -> OpenDataContext:
    return {"downloads": opendata.downloads(doc), "fields": opendata.schema_fields()}


class ActorsContext(TypedDict):
    groups: list[tuple[str, list[Actor]]]
    counts: dict[str, int]
    places: list[Actor]  # the places the document names (not actors): listed apart


def actors(t: PageText, doc: Document, key: None, v: views.Views) -> ActorsContext:
    return {
        "groups": views.actor_groups(doc),
        "counts": views.action_counts(doc),
        "places": [a for a in doc.actors if a.kind == PLACE],
    }


class ActorContext(TypedDict):
    actor: Actor
    links: views.ActorLinks


def actor(t: PageText, doc: Document, key: str, v: views.Views) -> ActorContext:
    return {"actor": doc.actor(key), "links": v.actor_links[key]}


class GlossaryContext(TypedDict):
    usage: dict[str, list[int]]


def glossary(t: PageText, doc: Document, key: None, v: views.Views) -> GlossaryContext:
    return {"usage": v.glossary_usage(t.language)}


class TablesContext(TypedDict):
    matrix: list[views.MatrixRow]
    groups: list[tuple[str, list[Actor]]]
    involved: Callable[..., tuple[str, ...]]


def tables(t: PageText, doc: Document, key: None, v: views.Views) -> TablesContext:
    return {"matrix": v.matrix, "groups": views.actor_groups(doc), "involved": views.involved}


class WhoDoesWhatContext(TypedDict):
    heat: pictures.HeatMaps
    groups: list[tuple[str, list[Actor]]]


def who_does_what(t: PageText, doc: Document, key: None, v: views.Views) -> WhoDoesWhatContext:
    return {"heat": pictures.heat_maps(doc, t.language), "groups": views.actor_groups(doc)}


class TimelineContext(TypedDict):
    years: list[pictures.TimelineYear]


def timeline(t: PageText, doc: Document, key: None, v: views.Views) -> TimelineContext:
    return {"years": pictures.timeline_years(doc)}


class OverviewContext(TypedDict):
    key_actors: list[tuple[Actor, int]]
    main_actors: Callable[[Measure], str]


def overview(t: PageText, doc: Document, key: None, v: views.Views) -> OverviewContext:
    return {
        "key_actors": views.key_actors(doc),
        "main_actors": lambda m: views.main_actors(doc, m, t.language),
    }


class HistoryContext(TypedDict):
    editions: list[EditionEntry]
    passage: Callable[[str], editions.Passage]
    passage_name: Callable[[editions.Passage], Markup]
    anchor: Callable[[EditionEntry], str]
    tag: Callable[[str], str]
    archive: Callable[[str], str | None]
    downloads: dict


def history(t: PageText, doc: Document, key: None, v: views.Views) -> HistoryContext:
    def passage_name(p: editions.Passage) -> Markup:
        """A passage's name: its number, or the actor's name, the acronym."""
        if p.label == "actor":
            return t.label(doc.actor(p.name).name)
        if p.label == "glossary":
            return t.label(doc.glossary_entry(p.name).short)
        return Markup(p.name)  # a number: 4, 4.2

    def archive(version: str) -> str | None:
        """An earlier edition's offline zip, if it is kept (``make archive``)."""
        name = editions.archive_name(version)
        return f"{editions.ARCHIVE_FOLDER}/{name}" if name in t.site.edition.archived else None

    return {
        "editions": editions.newest_first(doc),
        "passage": lambda ident: editions.passage(doc, ident),
        "passage_name": passage_name,
        "anchor": editions.anchor,
        "tag": lambda version: editions.TAG.format(version=version),
        "archive": archive,
        "downloads": opendata.downloads(doc),
    }
