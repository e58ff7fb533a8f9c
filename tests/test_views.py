"""Data views behind the tools: matrix, timeline, quiz, flashcards, overview."""

from __future__ import annotations

from conftest import DATA, MINI, edit

from generator import load_document
from generator.study import acronym_cards as flashcards
from generator.study import quiz_questions
from generator.views import (
    Views,
    actor_matrix,
    involved,
    key_actors,
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
    assert len([t for t in texts if not t.invariant]) == 173
    assert doc.actors[0].description not in texts and doc.footnotes[0].text in texts
    # the record's place alone is the edition's (the cover page prints the dateline)
    assert doc.record.place not in texts and doc.record.dateline in texts


# -- the pictures: heat map and timeline ---------------------------------------
def test_heat_steps_are_one_per_count_up_to_five_then_runs_without_holes():
    from generator.pictures import HeatStep, heat_steps

    assert heat_steps([]) == heat_steps([0, 0]) == ()
    assert heat_steps([3, 3, 0]) == (HeatStep(3, 3, 3),)  # one count: the middle colour
    assert heat_steps([0, 1, 2, 1]) == (HeatStep(1, 1, 1), HeatStep(2, 2, 5))
    assert [(s.low, s.high, s.level) for s in heat_steps(range(1, 7))] == [
        (1, 1, 1),
        (2, 2, 2),
        (3, 3, 3),
        (4, 4, 4),
        (5, 6, 5),
    ]
    steps = heat_steps([1, 2, 3, 5, 8, 13, 1, 1])  # the rare high counts share steps
    assert [(s.low, s.high) for s in steps] == [(1, 1), (2, 2), (3, 3), (4, 5), (6, 13)]
    four = heat_steps([1, 2, 3, 4])
    assert [s.level for s in four] == [1, 2, 4, 5]  # the lightest and the darkest always


def test_heat_maps_of_the_small_document():
    from generator.pictures import heat_maps

    heat = heat_maps(load_document(MINI), "en")
    by_section, by_measure = heat.maps
    assert (by_section.by, by_measure.by) == ("section", "measure")
    assert [c.key for c in by_section.columns] == ["I"]
    assert [(c.key, c.section) for c in by_measure.columns] == [("1", "I"), ("2", "I")]
    assert [(r.actor.id, r.counts) for r in by_measure.rows] == [
        ("member-states", (2, 0)),  # the most involved first
        ("emsc", (1, 0)),
    ]
    assert by_section.totals == (3,) and by_measure.totals == (3, 0) and by_measure.total == 3
    assert [heat.level(n) for n in (0, 1, 2)] == [0, 1, 5]


def test_heat_maps_of_the_real_document_agree_with_the_matrix():
    from generator.pictures import heat_maps, sort_key

    doc = load_document(DATA)
    heat = heat_maps(doc, "fr")
    matrix = {row.actor.id: row for row in actor_matrix(doc)}
    for heat_map in heat.maps:
        assert {r.actor.id: r.total for r in heat_map.rows} == {
            i: r.total for i, r in matrix.items()
        }
        keys = [(-r.total, sort_key(r.actor.name.get("fr"))) for r in heat_map.rows]
        assert keys == sorted(keys)
    by_section, by_measure = heat.maps
    europol = next(r for r in by_section.rows if r.actor.id == "europol")
    assert europol.counts == (6, 5, 0, 2)
    counts = {n for m in heat.maps for r in m.rows for n in r.counts if n}
    assert heat.steps[0].low == min(counts) and heat.steps[-1].high == max(counts)
    assert all(heat.level(n) for n in counts)
    assert sort_key("Estonie") < sort_key("États") < sort_key("Europol")


def test_events_are_placed_beside_the_approval_whatever_their_precision():
    from generator.pictures import AFTER, AT, BEFORE, date_span, placed

    assert date_span("2016-02")[1].day == 29 and date_span("2019")[1].isoformat() == "2019-12-31"
    day = "2018-12-06"
    assert [placed(d, day) for d in ("2018-11-30", "2018-12", "2018", day, "2018-12-07")] == [
        BEFORE,
        AT,
        AT,
        AT,
        AFTER,
    ]


def test_timeline_years_with_their_gaps_and_the_reference():
    from generator.pictures import timeline_years

    years = timeline_years(load_document(DATA))
    assert [y.year for y in years] == [2004, 2011, 2015, 2016, 2017, 2018, 2019, 2021]
    assert [y.gap for y in years if y.gap] == [(2005, 2010), (2012, 2014), (2020, 2020)]
    moments = [m for y in years for m in y.moments]
    assert [m.event.id for m in moments if m.reference] == ["council-approval"]
    assert [m.event.date for m in moments] == sorted(m.event.date for m in moments)
    assert {m.place for m in moments if m.event.date >= "2019"} == {"after"}
    mini = timeline_years(load_document(MINI))
    assert [(y.year, y.gap, [m.place for m in y.moments]) for y in mini] == [
        (2018, None, ["at", "at"]),  # the approval, an event as at the document
        (2019, None, ["after"]),
    ]
