"""Open data: JSON per language, valid against its JSON Schema."""

from __future__ import annotations

import json

import jsonschema
import pytest
from conftest import DATA

from generator import load_document
from generator.opendata import JSON_SCHEMA, document_json, open_data_files, schema_fields


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
    assert fields["sections[].measures[].actions[].id"] == "string"
    assert fields["footnotes[].number"] == "integer"
