"""Open data: JSON per language, valid against its JSON Schema."""

from __future__ import annotations

import dataclasses
import json
import typing

import jsonschema
import pytest
from conftest import DATA
from hypothesis import given
from hypothesis import strategies as st

from generator import load_document
from generator.models import (
    COUNCIL,
    EDITION,
    Block,
    Document,
    Event,
    Text,
    declare,
    declared_texts,
)
from generator.opendata import (
    JSON_SCHEMA,
    document_json,
    json_schema,
    json_text,
    open_data_files,
    provenance,
    published_shape,
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


def _held(hint) -> list[type]:
    """The models a field of type ``hint`` holds (itself, in a tuple, optional…)."""
    if dataclasses.is_dataclass(hint):
        return [hint]
    return [model for arg in typing.get_args(hint) for model in _held(arg)]


def _published_models(model: type = Document) -> list[type]:
    """``model`` and the models its published fields hold, from the type hints."""
    hints = typing.get_type_hints(model)
    found = [model]
    for field in dataclasses.fields(model):
        if "left_out" not in field.metadata:
            found += [m for inner in _held(hints[field.name]) for m in _published_models(inner)]
    return list(dict.fromkeys(found))


@pytest.mark.parametrize("model", _published_models(), ids=lambda m: m.__name__)
def test_every_field_of_the_models_is_published_or_says_why_not(model):
    names = {path.rsplit(".", 1)[-1].removesuffix("[]") for path, _ in schema_fields()}
    for field in dataclasses.fields(model):
        name, metadata = f"{model.__name__}.{field.name}", field.metadata
        if "left_out" in metadata:
            assert metadata["left_out"].strip(), f"{name}: say why it is left out"
        elif "inline" not in metadata and model not in (Text, Block):  # the schema's $defs
            assert any(n.endswith(field.name) for n in names), f"{name}: not in the schema"


@dataclasses.dataclass(frozen=True)
class PlacedEvent(Event):
    """An event with a new optional field, declared as a model's field is."""

    place: Text | None = dataclasses.field(
        default=None, metadata=declare(texts=EDITION, published="string")
    )


@dataclasses.dataclass(frozen=True)
class DocumentWithPlaces(Document):
    events: tuple[PlacedEvent, ...]


def test_a_new_optional_field_of_a_model_is_published_and_in_the_schema():
    doc = load_document(DATA)
    place = Text({"fr": "Bruxelles", "en": "Brussels"})
    events = tuple(
        PlacedEvent(**vars(e), place=place if i == 0 else None) for i, e in enumerate(doc.events)
    )
    fields = {f.name: getattr(doc, f.name) for f in dataclasses.fields(doc)}
    placed = DocumentWithPlaces(**{**fields, "events": events})
    shape = published_shape(DocumentWithPlaces)
    assert ("events[].place", "string | null") in schema_fields(shape)
    assert ("events[].place", "string | null") not in schema_fields()
    data = document_json(placed, "en")
    assert [e["place"] for e in data["events"][:2]] == ["Brussels", None]
    jsonschema.validate(data, json_schema(shape))
    with pytest.raises(jsonschema.ValidationError, match="place"):
        jsonschema.validate(data, JSON_SCHEMA)  # closed: the field is new


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


@dataclasses.dataclass(frozen=True)
class TaggedEvent(Event):
    tags: dict[str, str] = dataclasses.field(default_factory=dict)  # not declared


@dataclasses.dataclass(frozen=True)
class DocumentWithTags(Document):
    events: tuple[TaggedEvent, ...]


def test_a_field_the_json_cannot_hold_as_it_is_must_say_how_or_why_it_is_left_out():
    with pytest.raises(TypeError, match="declare how it is published, or why it is left out"):
        published_shape(DocumentWithTags)


# -- what the open data says of itself: address, version, licences, provenance --
def _texts(value, found=None) -> list[dict]:
    """Every published text object ({text, plain, …}) in ``value``."""
    found = [] if found is None else found
    if isinstance(value, dict):
        if "plain" in value:
            found.append(value)
        else:
            for item in value.values():
                _texts(item, found)
    elif isinstance(value, list):
        for item in value:
            _texts(item, found)
    return found


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_open_data_names_its_address_edition_and_licences(language):
    doc = load_document(DATA)
    files = open_data_files(doc, {}, "https://example.org/edition/")
    data = json.loads(files[f"15250-18-{language}.json"])
    schema = json.loads(files["15250-18.schema.json"])
    assert data["$id"] == f"https://example.org/edition/package/data/15250-18-{language}.json"
    assert (
        data["$schema"]
        == schema["$id"]
        == ("https://example.org/edition/package/data/15250-18.schema.json")
    )
    assert data["version"] == doc.editions[-1].version == data["editions"][-1]["version"]
    assert data["official"] == (language == "fr")  # the English is this edition's translation
    licence = data["licence"]
    assert "2017/1842" in licence["council"]["title"]  # the Council's reuse decision
    assert licence["council"]["url"].startswith("https://eur-lex.europa.eu/")
    assert licence["edition"]["url"].startswith("https://")
    jsonschema.validate(data, schema)


def test_each_text_says_whose_it_is():
    """The Council's French is official; the English of a Council text is this
    edition's translation unless marked as the Council's own English."""
    doc = load_document(DATA)
    fr, en = _texts(document_json(doc, "fr")), _texts(document_json(doc, "en"))
    assert fr and len(fr) == len(en)
    assert {t["provenance"] for t in fr} == {"council"}
    # the same in every language (a reference: "Doc. 9345/15."), or marked the Council's English
    marked = any(t.invariant or "en" in t.council for t in declared_texts(doc, COUNCIL))
    assert {t["provenance"] for t in en} == {"translation"} | ({"council"} if marked else set())


def test_a_text_marked_as_the_councils_is_official_in_that_language():
    council = Text({"fr": "a", "en": "b"}, council=("en",))
    assert provenance(council, COUNCIL, "en", "fr") == "council"
    assert provenance(Text({"fr": "a", "en": "b"}), COUNCIL, "en", "fr") == "translation"
    assert provenance(Text({"fr": "a", "en": "b"}), EDITION, "fr", "fr") == "edition"


def test_the_schema_says_whose_texts_each_field_holds_as_the_models_declare():
    properties = JSON_SCHEMA["properties"]
    record = properties["record"]["properties"]
    actor = properties["actors"]["items"]["properties"]
    assert "Council's text" in record["subject"]["description"]  # declared COUNCIL
    assert "this edition wrote" in record["place"]["description"]  # declared EDITION
    assert "this edition wrote" in actor["description"]["description"]
    assert "description" not in record["number"]  # no text


LEGAL_CODE_SHA256 = "9ba9550ad48438d0836ddab3da480b3b69ffa0aac7b7878b5a0039e7ab429411"


def test_the_licence_the_edition_names_is_the_one_in_license():
    """LICENSE is the legal code of the licence the edition names for its own
    texts and data: its title (first line, and its "Creative Commons … Public
    License") is the one the open data (editions.yaml's licence.edition, in
    every language's JSON) and each language's about page name."""
    import hashlib

    from conftest import ROOT

    from generator import opendata

    data = (ROOT / "LICENSE").read_bytes()
    # byte for byte the plain-text legal code Creative Commons publishes
    # (creativecommons.org/licenses/by/4.0/legalcode.txt), its final blank line too
    assert hashlib.sha256(data).hexdigest() == LEGAL_CODE_SHA256
    text = data.decode("utf-8")
    title = text.splitlines()[0].strip()  # "Attribution 4.0 International"
    name = f"Creative Commons {title}"
    assert title and f"{name} Public License" in text
    doc = load_document(DATA)
    for language in doc.languages:
        published = json.loads(opendata.json_text(opendata.document_json(doc, language)))
        assert published["licence"]["edition"]["title"].startswith(name), language
        about = (ROOT / "docs" / f"about.{language}.md").read_text(encoding="utf-8")
        assert name in " ".join(about.split()), language
