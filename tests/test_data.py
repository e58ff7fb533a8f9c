"""The real document: structure, counts, anchors, references and translations."""

from __future__ import annotations

import dataclasses
import re
from functools import cache

import pytest
from conftest import DATA

from generator import load_document
from generator.models import Text


@cache
def doc():
    return load_document(DATA)


def all_texts(obj, path="doc"):
    """Every ``Text`` reachable from ``obj``, with a readable path."""
    if isinstance(obj, Text):
        yield path, obj
    elif dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            yield from all_texts(getattr(obj, f.name), f"{path}.{f.name}")
    elif isinstance(obj, (tuple, list)):
        for i, item in enumerate(obj):
            yield from all_texts(item, f"{path}[{i}]")


def test_sections_and_measures():
    assert [s.id for s in doc().sections] == ["I", "II", "III", "IV"]
    assert [m.number for m in doc().measures] == list(range(1, 14))
    assert [[m.number for m in s.measures] for s in doc().sections] == [
        [1, 2, 3],
        [4, 5, 6, 7, 8, 9],
        [10],
        [11, 12, 13],
    ]


def test_42_actions_split_as_in_the_source():
    assert [len(m.actions) for m in doc().measures] == [4, 3, 4, 5, 3, 1, 3, 4, 2, 4, 4, 1, 4]
    assert len(doc().actions) == 42
    for m in doc().measures:
        assert [a.id for a in m.actions] == [
            f"{m.number}.{k}" for k in range(1, len(m.actions) + 1)
        ]


def test_annex_titles_where_they_differ():
    assert [m.number for m in doc().measures if m.annex_title] == [4, 10, 13]
    assert [m.number for m in doc().measures if m.actions_lead_in] == [10]
    assert all(m.annex for m in doc().measures), "every measure has an annex explanation"


def test_page_break_artefacts_are_undone():
    m11 = doc().measures[10]
    assert m11.number == 11 and m11.section == "IV"
    assert "ATALANTA" in m11.actions[0].text["fr"]
    assert "SIENA" in m11.actions[2].text["fr"]
    m3 = doc().measures[2]
    assert "EMAST/EMIST" in m3.actions[2].text["fr"] and "PeDRA" in m3.actions[3].text["fr"]


def test_bold_key_phrases_are_kept():
    bold = [a for a in doc().actions if "**" in a.text["fr"]]
    assert len(bold) >= 38
    assert all(("**" in a.text["en"]) == ("**" in a.text["fr"]) for a in doc().actions)


EXPECTED_ANCHORS = {
    1: "package-title",
    2: "action-2-1",
    3: "action-9-2",
    4: "action-13-3",
    5: "action-13-4",
    6: "annex-introduction-",
    7: "annex-introduction-",
    8: "measure-1-annex-",
    9: "measure-3-annex-",
    10: "measure-3-annex-",
    11: "measure-3-annex-",
    12: "measure-3-annex-",
    13: "measure-4-annex-",
    14: "measure-11-annex-",
    15: "measure-11-annex-",
    16: "measure-13-annex-",
    17: "measure-13-annex-",
}


def test_17_footnotes_at_their_original_anchors():
    footnotes = doc().footnotes
    assert [f.number for f in footnotes] == list(range(1, 18))
    for f in footnotes:
        assert f.anchor.startswith(EXPECTED_ANCHORS[f.number]), f.number
    texts = "\n".join(a.text.get("fr") for a in doc().actions)
    assert "approche progressive[^2]" in texts
    assert "ONUUDC" in footnotes[2].text["fr"]


def test_every_text_has_french_and_english_and_they_differ():
    texts = list(all_texts(doc()))
    assert len(texts) > 400
    for path, text in texts:
        if text.invariant:
            continue
        assert text["fr"].strip() and text["en"].strip(), path
        assert text["fr"] != text["en"], path


def test_invariant_names_are_marked_not_guessed():
    assert doc().actor("europol").name.invariant
    assert not doc().actor("member-states").name.invariant


def test_footnote_marks_agree_between_languages():
    for path, text in all_texts(doc()):
        if not text.invariant:
            marks = [re.findall(r"\[\^\d+\]", text[lang]) for lang in ("fr", "en")]
            assert marks[0] == marks[1], path


LANGUAGE_PAIRS = {
    "oli": ("OLI", "ILO"),
    "ece": ("ECE", "JIT"),
    "psdc": ("PSDC", "CSDP"),
    "crf": ("CRF", "FIU"),
    "cpi": ("CPI", "ICC"),
    "aesm": ("AESM", "EMSA"),
    "csue": ("CSUE", "SatCen"),
    "oim": ("OIM", "IOM"),
    "hcr": ("HCR", "UNHCR"),
    "onudc": ("ONUDC", "UNODC"),
    "seae": ("SEAE", "EEAS"),
    "jai": ("JAI", "JHA"),
    "ccpd": ("CCPD", "PCCC"),
}


@pytest.mark.parametrize("entry_id", sorted(LANGUAGE_PAIRS))
def test_acronyms_differ_by_language(entry_id):
    entry = doc().glossary_entry(entry_id)
    assert (entry.short["fr"], entry.short["en"]) == LANGUAGE_PAIRS[entry_id]


def test_the_document_list_of_19_acronyms():
    listed = [g.short["fr"] for g in doc().glossary if g.in_document_list]
    assert sorted(listed) == sorted(
        [
            "AFIC",
            "JAD",
            "AESM",
            "CCP",
            "CIC",
            "CPI",
            "CRF",
            "ECE",
            "EMAST",
            "EMPACT",
            "EMSC",
            "J-CAT",
            "JLT",
            "MAOC-N",
            "OLI",
            "OSCE",
            "PeDRA",
            "PSDC",
            "SIENA",
        ]
    )
    assert len(doc().glossary) >= 40


REQUIRED_ACTORS = {
    "europol": "eu_agency",
    "emsc": "eu_body",
    "frontex": "eu_agency",
    "eurojust": "eu_agency",
    "easo": "eu_agency",
    "cepol": "eu_agency",
    "eu-lisa": "eu_agency",
    "commission": "eu_institution",
    "council": "eu_institution",
    "member-states": "member_states",
    "third-countries": "place",
    "interpol": "international_organisation",
    "unodc": "international_organisation",
    "iom": "international_organisation",
    "eunavfor-med-sophia": "csdp_mission",
    "eunavfor-atalanta": "csdp_mission",
    "eubam-libya": "csdp_mission",
    "eucap-sahel-mali": "csdp_mission",
    "eucap-sahel-niger": "csdp_mission",
    "eutm-mali": "csdp_mission",
    "online-service-providers": "private_sector",
    "immigration-liaison-officers": "network",
}


def test_actors_kinds_and_parents():
    actors = {a.id: a for a in doc().actors}
    for actor_id, kind in REQUIRED_ACTORS.items():
        assert actors[actor_id].kind == kind, actor_id
    assert actors["emsc"].parent == "europol"
    assert actors["afripol"].parent == "african-union"
    assert actors["emsc"].glossary == "emsc" and actors["eeas"].glossary == "seae"
    assert len(actors) >= 40


def test_actions_name_their_actors():
    # 4.3 ("make optimal use of EMPACT funds") and 4.4 (third countries: a place)
    # are the bullets naming no actor
    assert [a.id for a in doc().actions if not (a.actors or a.mentions)] == ["4.3", "4.4"]
    used = {x for a in doc().actions for x in (*a.actors, *a.mentions)}
    assert {"europol", "emsc", "frontex", "eurojust", "member-states", "eu-iru"} <= used


def test_actions_addressed_to_their_labelled_actors():
    actions = {a.id: a for a in doc().actions}
    assert "emsc" in actions["1.2"].actors
    assert "member-states" in actions["1.3"].actors
    assert {"europol", "frontex", "easo"} <= set(actions["3.1"].actors)
    assert {"frontex", "cepol"} <= set(actions["9.1"].actors)
    assert "eurojust" in actions["8.4"].actors


REQUIRED_EVENTS = {
    ("2018-10-18", None),
    ("2016-02", None),
    ("2018-02-01", None),
    ("2018-03", 11),
    ("2018-06", 1),
    ("2018-11-19", 11),
    ("2018-12-06", None),
}


def test_dated_events():
    events = doc().events
    assert {(e.date, e.measure) for e in events} >= REQUIRED_EVENTS
    assert [e.date for e in events] == sorted(e.date for e in events)
    deadline = [e for e in events if e.kind == "deadline" and e.date.startswith("2019")]
    assert deadline and deadline[0].measure == 4


def test_record():
    r = doc().record
    assert (r.number, r.date, r.session, r.previous_document) == (
        "15250/18",
        "2018-12-06",
        3661,
        "14576/1/18 REV 1",
    )
    assert r.codes[0] == "COSI 313" and r.codes[-1] == "CFSP/PESC 1161" and len(r.codes) == 11
    assert r.original_language["fr"] == "OR. en"
