"""Open data: JSON per language, valid against its JSON Schema."""

from __future__ import annotations

import dataclasses
import json

import jsonschema
import pytest
from conftest import DATA
from hypothesis import given
from hypothesis import strategies as st

from generator import load_document
from generator.models import (
    Action,
    Actor,
    Document,
    Event,
    Footnote,
    GlossaryEntry,
    Measure,
    Record,
    Section,
)
from generator.opendata import (
    JSON_SCHEMA,
    document_json,
    json_text,
    open_data_files,
    schema_fields,
)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_document_json_is_valid_against_the_schema(language):
    data = document_json(load_document(DATA), language)
    jsonschema.validate(data, JSON_SCHEMA)
    actions = [a for s in data["sections"] for m in s["measures"] for a in m["actions"]]
    assert len(actions) == 42 and len(data["footnotes"]) == 17
    assert data["language"] == language


def test_schema_rejects_a_broken_document():
    data = document_json(load_document(DATA), "en")
    data["sections"][0]["measures"][0]["actions"][0]["id"] = "one"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, JSON_SCHEMA)


def test_texts_keep_markup_and_give_plain_text():
    data = document_json(load_document(DATA), "fr")
    action = data["sections"][0]["measures"][1]["actions"][0]
    assert "[^2]" in action["text"]["text"] and "[^2]" not in action["text"]["plain"]


def test_open_data_files():
    files = open_data_files(load_document(DATA), {"measures.yaml": "sections: []\n"})
    assert sorted(files) == [
        "15250-18-en.json",
        "15250-18-fr.json",
        "15250-18.schema.json",
        "yaml/measures.yaml",
    ]
    assert json.loads(files["15250-18-en.json"])["language"] == "en"


def test_schema_fields_document_every_level():
    fields = dict(schema_fields())
    assert fields["sections[].measures[].actions[].id"] == "action id"
    assert fields["footnotes[].number"] == "positive integer"
    assert fields["actors[].parent"] == "id | null"


def test_the_schema_is_closed_so_the_json_has_nothing_it_does_not_describe():
    data = document_json(load_document(DATA), "en")
    data["actors"][0]["undescribed"] = "x"
    with pytest.raises(jsonschema.ValidationError, match="undescribed"):
        jsonschema.validate(data, JSON_SCHEMA)


# Model fields the JSON leaves out, and why.
NOT_PUBLISHED = {
    "Document.languages": "one file per language",
    "Document.cover_text": "part of the document's cover page, in the YAML",
    "Document.acronym_list_title": "in the YAML",
    "Document.acronym_list": "given per entry as glossary[].in_document_list",
    "Document.not_acronyms": "a check of the data, not content",
    "Document.interface": "the site's interface, not the document",
    "Document.annex": "its introduction is annex_introduction; its title is in the YAML",
    "Document.package": "its title and introduction are title and introduction",
    "Record.dateline": "the cover page's wording of place and date",
    "Record.original_language": "the cover page's wording",
    "Record.origin_date": "the cover page's wording of the date",
    "Record.recipients": "the cover page's wording",
    "Record.subject_note": "the cover page's wording",
    "Record.approval_date": "the same as date",
    "Record.labels": "the cover page's labels",
    "Measure.section": "given by the section that holds the measure",
    "Measure.actions_lead_in": "in the YAML (measure 10 only)",
    "GlossaryEntry.variants": "spellings for the checks and links, in the YAML",
    "Actor.terms": "spellings for the checks and links, in the YAML",
    "Section.summary_page": "a page number of the PDF",
}


# Which object of the JSON each model is published as (a JSON path of the schema).
PUBLISHED_AS = {
    Document: "",
    Record: "record",
    Section: "sections[]",
    Measure: "sections[].measures[]",
    Action: "sections[].measures[].actions[]",
    Footnote: "footnotes[]",
    GlossaryEntry: "glossary[]",
    Actor: "actors[]",
    Event: "events[]",
}


@pytest.mark.parametrize("model", PUBLISHED_AS, ids=lambda m: m.__name__)
def test_every_field_of_the_models_is_published_or_said_not_to_be(model):
    fields = {path for path, _ in schema_fields()}
    prefix = PUBLISHED_AS[model]
    for field in dataclasses.fields(model):
        path = f"{prefix}.{field.name}" if prefix else field.name
        name = f"{model.__name__}.{field.name}"
        assert (path in fields) != (name in NOT_PUBLISHED), (
            f"{name}: publish it ({path} in the schema and document_json) or list it in NOT_PUBLISHED"
        )


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


@given(JSON_VALUES)
def test_json_text_is_json_with_one_line_per_list_item(value):
    assert json.loads(json_text(value)) == value
    lines = json_text(value, expanded=frozenset()).split("\n")
    if isinstance(value, list) and value:
        assert lines[1:-1] == [" " + json.dumps(v, ensure_ascii=False) + "," for v in value][
            :-1
        ] + [" " + json.dumps(value[-1], ensure_ascii=False)]


@given(st.dictionaries(st.text(), st.none() | st.text() | st.dictionaries(st.text(), st.text())))
def test_json_text_without_lists_is_json_dumps_with_indent_1(value):
    assert json_text(value) == json.dumps(value, ensure_ascii=False, indent=1)


def test_open_data_json_has_one_record_per_line():
    text = open_data_files(load_document(DATA), {})["15250-18-fr.json"]
    lines = {line.rstrip(",") for line in text.splitlines()}
    data = json.loads(text)
    assert '   "measures": [' in lines  # a section is indented, its measures a line each
    for measure in data["sections"][0]["measures"]:
        assert "    " + json.dumps(measure, ensure_ascii=False) in lines
    for footnote in data["footnotes"]:
        assert "  " + json.dumps(footnote, ensure_ascii=False) in lines
