"""The study mode's questions and cards: each rule of data/README.md ("Study
questions and cards") checked on every question and card generated from the
real data, in every language; and the cards' Anki file, read as Anki reads it."""

from __future__ import annotations

import csv
import functools
import io
import re

import pytest
from conftest import DATA

from generator import load_document, naming, opendata, study
from generator.generated import file_names
from generator.markup import plain
from generator.models import Document
from generator.views import annex_texts

DOC = load_document(DATA)


@functools.cache
def questions_of(language: str) -> list[study.Question]:
    return study.quiz_questions(DOC, language)


def action_of(doc: Document, question_id: str):
    """The action a measure or "who" question (``m-4.2``, ``a-4.2``) is about."""
    return next(a for a in doc.actions if a.id == question_id[2:])


def answer_actor(doc: Document, q, language: str):
    return next(a for a in doc.actors if plain(a.name.get(language)) == q.choices[q.answer])


# -- the rules: each returns what breaks it in one question (empty: kept) -----------
def leaks(doc: Document, q, language: str) -> list[str]:
    """1. The prompt never names its answer: the measure's title, the
    acronym's long form, the addressee's name, terms, acronym or glossary words."""
    answer = q.choices[q.answer]
    words = {answer.split(". ", 1)[-1]} if q.kind == "measure-of-action" else {answer}
    if q.kind == "actor-of-action":
        words |= study.actor_words(doc, answer_actor(doc, q, language), language)
    return [w for w in words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", q.prompt, re.I)]


def fragment_alone(doc: Document, q, language: str) -> list[str]:
    """2. A fragment is shown after its lead-in: the prompt starts a sentence,
    and an action of a measure with a lead-in shows that lead-in."""
    if q.kind == "acronym-meaning":  # an acronym as written (eu-LISA)
        return []
    out = [] if q.prompt[:1] == q.prompt[:1].upper() else ["starts in lower case"]
    measure = doc.measures[action_of(doc, q.id).measure - 1]
    lead = measure.actions_lead_in
    if lead is not None and plain(lead.get(language)) not in q.prompt:
        out.append("no lead-in")
    return out


def unfair_options(doc: Document, q, language: str) -> list[str]:
    """3. No wrong option of a "who" question is the answer's parent or part,
    nor a body its measure addresses or names, in its actions or its annex
    (nor one of their parents or parts)."""
    if q.kind != "actor-of-action":
        return []
    measure = doc.measures[action_of(doc, q.id).measure - 1]
    by_name = {plain(a.name.get(language)): a for a in doc.actors}
    finders = naming.finders(doc.actors, doc.languages)
    notes = {f.number: f.text for f in doc.footnotes}
    named = set(naming.named_in(annex_texts(measure), notes, finders))
    named |= {x for a in measure.actions for x in (*a.actors, *a.mentions)}
    barred: set[str] = set()
    for actor_id in named:
        barred |= study.family(doc, actor_id)
    return [
        choice
        for i, choice in enumerate(q.choices)
        if i != q.answer and by_name[choice].id in barred
    ]


def unstated_addressee(doc: Document, q, language: str) -> list[str]:
    """4. A "who" question only where the text opens with its addressees
    ("Eurojust: continue…"): the document itself says who."""
    if q.kind != "actor-of-action":
        return []
    text = plain(action_of(doc, q.id).text.get(language))
    lead, colon, _ = text.partition(":")
    answer = answer_actor(doc, q, language)
    named = [w for w in study.actor_words(doc, answer, language) if w in lead]
    return [] if colon and named else [text[:40]]


def planned_addressee(doc: Document, q, language: str) -> list[str]:
    """4. No "who" question whose answer is a body the text only plans."""
    if q.kind == "actor-of-action" and answer_actor(doc, q, language).status == "proposed":
        return [q.choices[q.answer]]
    return []


def bare_pronoun(doc: Document, q, language: str) -> list[str]:
    """5. No prompt opens with a pronoun whose noun it does not show."""
    return [q.prompt.split()[0]] if study.starts_with_pronoun(q.prompt, language) else []


def foreign_options(doc: Document, q, language: str) -> list[str]:
    """6. Options in the question's language: in a language the document was
    not drafted in, no long form that exists in the source language only."""
    if language == study.source_language(doc):
        return []
    untranslated = {plain(g.long.get(language)) for g in doc.glossary if g.long.invariant}
    return [c for c in q.choices if c in untranslated]


RULES = [
    leaks,
    fragment_alone,
    unfair_options,
    unstated_addressee,
    planned_addressee,
    bare_pronoun,
    foreign_options,
]


@pytest.mark.parametrize("language", DOC.languages)
@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.__name__)
def test_every_question_keeps_the_rule(rule, language):
    questions = questions_of(language)
    broken = {q.id: found for q in questions if (found := rule(DOC, q, language))}
    assert not broken, f"{rule.__doc__.split(':')[0]}: {broken}"


def shared_answers(cards: list[study.Card]) -> dict[str, list[str]]:
    """7. One answer per card: no two cards with the same front, nor two cards
    of one kind with the same back (a card read either way has one answer)."""
    seen: dict[tuple[str, str, str], list[str]] = {}
    for card in cards:
        seen.setdefault(("any", "front", card.front), []).append(card.id)
        seen.setdefault((card.kind, "back", card.back), []).append(card.id)
    return {f"{k[0]} {k[1]}: {k[2][:40]}": ids for k, ids in seen.items() if len(ids) > 1}


@pytest.mark.parametrize("language", DOC.languages)
def test_every_card_is_in_its_deck_s_language(language):
    """6. A long form of the source language only is no card of another
    language, nor another language's form on a card."""
    untranslated = {plain(g.long.get(language)) for g in DOC.glossary if g.long.invariant}
    own = language == study.source_language(DOC)
    for card in study.flashcards(DOC, language):
        if card.kind != "acronym":
            continue
        back = card.back.split("\n")
        assert own or back[0] not in untranslated, card.id
        assert not any(u in line for line in back[1:] for u in untranslated), card.id


@pytest.mark.parametrize("language", DOC.languages)
def test_every_card_has_one_answer(language):
    cards = study.flashcards(DOC, language)
    assert not shared_answers(cards)
    acronyms = study.acronym_cards(DOC, language)
    assert len({c["long"] for c in acronyms}) == len(acronyms)


@pytest.mark.parametrize("language", DOC.languages)
def test_questions_are_well_formed_and_cover_the_document(language):
    questions = study.quiz_questions(DOC, language)
    assert len([q for q in questions if q.kind == "measure-of-action"]) == len(DOC.actions)
    for q in questions:
        assert len(set(q.choices)) == len(q.choices) >= 3, q.id
        assert 0 <= q.answer < len(q.choices)
        if q.kind != "acronym-meaning":
            action = action_of(DOC, q.id)
            assert (q.measure, q.section) == (
                action.measure,
                DOC.measures[action.measure - 1].section,
            )
    assert study.quiz_questions(DOC, language, seed=1) == study.quiz_questions(
        DOC, language, seed=1
    )


@pytest.mark.parametrize("language", DOC.languages)
def test_cards_go_beyond_acronyms(language):
    cards = study.flashcards(DOC, language)
    kinds = {c.kind for c in cards}
    assert kinds == {"acronym", "measure", "action", "actor"}
    assert len([c for c in cards if c.kind == "measure"]) == len(DOC.measures)
    assert len([c for c in cards if c.kind == "action"]) == len(DOC.actions)
    addressed = {x for a in DOC.actions for x in a.actors}
    actor_cards = {c.id.removeprefix("actor-") for c in cards if c.kind == "actor"}
    planned = {a.id for a in DOC.actors if a.status == "proposed"}
    assert actor_cards == addressed - planned
    for card in cards:
        assert card.front and card.back and card.source.startswith("package/"), card.id
        assert "#" in card.source or card.kind in ("measure", "actor"), card.id


def test_the_addressee_is_left_out_of_its_prompt():
    by_id = {q.id: q for q in study.quiz_questions(DOC, "en")}
    assert by_id["a-8.4"].prompt.startswith("Continue to facilitate")
    assert by_id["a-3.1"].prompt.startswith("At strategic level, […]: cooperate")
    assert "a-5.1" not in by_id  # the task force is only planned
    assert by_id["m-5.2"].prompt.startswith("This task force will be integrated")
    assert "for the following purposes: increase" in by_id["m-10.1"].prompt


# -- the Anki file ----------------------------------------------------------------
def read_anki(text: str) -> tuple[dict[str, str], list[dict[str, str]]]:
    """The file's headers and its notes, read as Anki reads a text file: "#key:value"
    lines first, then records separated by the header's separator, quoted fields."""
    lines = text.split("\n")
    headers = {}
    while lines and lines[0].startswith("#"):
        key, _, value = lines.pop(0)[1:].partition(":")
        headers[key] = value
    assert headers["separator"] == "tab"
    columns = headers["columns"].split("\t")
    rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter="\t"))
    return headers, [dict(zip(columns, row, strict=True)) for row in rows]


@pytest.fixture(scope="module")
def anki_files() -> dict[str, str]:
    return {lang: study.anki_text(DOC, lang, "https://example.org/") for lang in DOC.languages}


def test_the_anki_files_are_published_beside_the_open_data():
    names = file_names(DOC)
    data = opendata.FOLDER.removeprefix("package/")
    assert {f"{data}/{opendata.anki_name(lang)}" for lang in DOC.languages} <= names


@pytest.mark.parametrize("language", DOC.languages)
def test_the_anki_file_reads_as_anki_reads_it(anki_files, language):
    headers, notes = read_anki(anki_files[language])
    assert headers["html"] in ("true", "false") and headers["deck"]
    columns = headers["columns"].split("\t")
    assert columns[int(headers["tags column"]) - 1] == "Tags"
    assert columns[int(headers["guid column"]) - 1] == "GUID"
    assert len(notes) > len(DOC.glossary) > 40
    assert len(notes) == len(study.flashcards(DOC, language))
    backs: dict[str, str] = {}
    for note in notes:
        assert note["Front"] and note["Back"] and note["Tags"], note
        assert '<a href="http' in note["Back"]
        assert backs.setdefault(note["Front"], note["Back"]) == note["Back"], note["Front"]
    assert len({n["GUID"] for n in notes}) == len(notes)


def test_anki_fields_are_escaped():
    card = study.Card("x", "actor", 'A "quoted"\tfront', "a <b> & c\nsecond line", "p.md", "", None)
    text = study.anki_rows(
        [card], lambda source: "https://example.org/" + source, "see", "doc", "en"
    )
    [row] = list(csv.reader(io.StringIO(text), delimiter="\t"))
    assert row[1] == 'A "quoted"\tfront'
    assert row[2].startswith("a &lt;b&gt; &amp; c<br>second line<br><a href=")
