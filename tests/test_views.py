"""Data views behind the tools: matrix, timeline, quiz, flashcards, overview."""

from __future__ import annotations

from conftest import DATA, MINI, edit

from generator import load_document
from generator.views import (
    Views,
    actor_matrix,
    flashcards,
    involved,
    key_actors,
    quiz_questions,
    related_measures,
    timeline,
)


def test_matrix_counts_actions_per_actor_and_measure():
    rows = {r.actor.id: r for r in actor_matrix(load_document(MINI))}
    assert rows["emsc"].measures == ((1, 1),)
    assert rows["member-states"].measures == ((1, 2),)
    assert rows["member-states"].total == 2
    assert rows["member-states"].in_section("I") == ((1, 2),)
    assert rows["member-states"].in_section("II") == ()


def test_matrix_of_the_real_document():
    doc = load_document(DATA)
    rows = {r.actor.id: r for r in actor_matrix(doc)}
    assert dict(rows["eu-iru"].measures)[10] == 4  # measure 10's four bullets
    assert all(count for row in rows.values() for _, count in row.measures)  # sparse
    numbers = [number for number, _ in rows["europol"].measures]
    assert numbers == sorted(numbers)
    assert {number for number, _ in rows["europol"].in_section("IV")} <= {11, 12, 13}
    total = sum(len(involved(a)) for a in doc.actions)
    assert sum(r.total for r in rows.values()) == total


def test_involved_lists_each_actor_once():
    doc = load_document(MINI)
    assert involved(doc.actions[0]) == ("emsc", "member-states")


def test_timeline_is_in_date_order():
    events = timeline(load_document(DATA))
    assert [e.date for e in events] == sorted(e.date for e in events)
    assert events[0].date == "2004-02-19"


def test_quiz_questions_have_one_right_answer_among_distinct_choices():
    doc = load_document(DATA)
    questions = quiz_questions(doc, "en")
    kinds = {q.kind for q in questions}
    assert kinds == {"measure-of-action", "actor-of-action", "acronym-meaning"}
    assert len([q for q in questions if q.kind == "measure-of-action"]) == 42
    for q in questions:
        assert len(set(q.choices)) == len(q.choices) >= 2
        assert 0 <= q.answer < len(q.choices)


def test_quiz_answers_match_the_data():
    doc = load_document(DATA)
    by_id = {q.id: q for q in quiz_questions(doc, "fr")}
    q = by_id["m-4.2"]
    assert q.choices[q.answer].startswith("4. ")
    q = by_id["a-1.2"]
    assert q.choices[q.answer] == "Centre européen chargé de lutter contre le trafic de migrants"
    assert q.source == "package/measure-1.md#action-1-2"
    q = by_id["g-oli"]
    assert (q.prompt, q.choices[q.answer]) == ("OLI", 'Officiers de liaison "Immigration"')


def test_quiz_is_reproducible_with_a_seed():
    doc = load_document(DATA)
    assert quiz_questions(doc, "en", seed=1) == quiz_questions(doc, "en", seed=1)
    assert quiz_questions(doc, "en", seed=1) != quiz_questions(doc, "en", seed=2)


def test_flashcards_carry_the_other_language():
    cards = {c["id"]: c for c in flashcards(load_document(DATA), "fr")}
    assert cards["ece"]["short"] == "ECE"
    assert cards["ece"]["other"] == [
        {"lang": "en", "short": "JIT", "long": cards["ece"]["other"][0]["long"]}
    ]


def test_key_actors_are_the_most_involved():
    ranked = key_actors(load_document(DATA))
    assert ranked[0][0].id == "europol"
    assert [n for _, n in ranked] == sorted((n for _, n in ranked), reverse=True)


def test_related_measures_share_actors(mini):
    assert related_measures(load_document(mini)) == {1: [], 2: []}  # 2.1 names no actor
    edit(
        mini,
        "measures.yaml",
        '{fr: "Agir vite", en: "Act fast"}',
        '{fr: "Agir vite", en: "Act fast"}\n            actors: [emsc]',
    )
    assert related_measures(load_document(mini)) == {1: [(2, 1)], 2: [(1, 1)]}


def test_actor_pages_link_to_what_names_the_actor():
    links = Views(load_document(DATA)).actor_links
    assert [a.id for a in links["emsc"].addressed][:1] == ["1.2"]
    assert links["emsc"].parent.id == "europol"
    assert "emsc" in [c.id for c in links["europol"].children]
    assert all(
        a.id not in {x.id for x in links["europol"].addressed} for a in links["europol"].named
    )


def test_glossary_usage_counts_plurals_as_the_pages_link_them():
    usage = Views(load_document(DATA)).glossary_usage("en")
    assert usage["crf"] == [7] and usage["ccpd"] == [13]  # "FIUs", "PCCCs"


def test_provenance_of_a_page_s_texts():
    from generator.models import Text
    from generator.views import provenance

    ours, council, name = (
        Text({"fr": "a", "en": "b"}),
        Text({"fr": "a", "en": "b"}, council=("en",)),
        Text({"invariant": "Europol"}, invariant=True),
    )
    assert provenance([ours, council], "fr", "fr") == "source"
    assert provenance([ours, name], "en", "fr") == "edition"
    assert provenance([council, name], "en", "fr") == "council"
    assert provenance([ours, council], "en", "fr") == "mixed"


def test_every_text_of_the_document_and_no_other():
    from generator.views import document_texts

    doc = load_document(DATA)
    texts = document_texts(doc)
    assert len([t for t in texts if not t.invariant]) == 174
    assert doc.actors[0].description not in texts and doc.footnotes[0].text in texts
