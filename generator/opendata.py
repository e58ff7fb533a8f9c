"""The open data: the document as JSON per language, its JSON Schema, and the
YAML files it is made from, with one place for their names.

The published ``SHAPE`` follows from the models (their fields, type hints
and declarations, ``models.declared``): ``document_json`` follows it and
``JSON_SCHEMA`` is made from it (closed: no property it does not describe).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import operator
from collections.abc import Callable
from typing import Any, get_args, get_origin, get_type_hints

from . import addresses
from .load import FILES
from .markup import plain
from .models import (
    ACTOR_STATUSES,
    CHANGE_KINDS,
    COUNCIL,
    EDITION,
    EVENT_KINDS,
    Block,
    Document,
    Text,
    texts_of,
)

FOLDER = f"{addresses.FOLDER}/data"  # in the docs folder, and in each language's folder of the site
SCHEMA_NAME = "15250-18.schema.json"
OFFLINE_NAME = "15250-18-offline.zip"
YAML_FOLDER = "yaml"


def json_name(language: str) -> str:
    return f"15250-18-{language}.json"


def anki_name(language: str) -> str:
    """The study cards of ``language`` as Anki imports them (``study.anki_text``)."""
    return f"15250-18-cards-{language}.txt"


def downloads(doc: Document, yaml_names: tuple[str, ...] = ()) -> dict:
    """The names of the files offered for download, in the data folder."""
    return {
        "json": {lang: json_name(lang) for lang in doc.languages},
        "anki": {lang: anki_name(lang) for lang in doc.languages},
        "schema": SCHEMA_NAME,
        "offline": OFFLINE_NAME,
        "yaml": [f"{YAML_FOLDER}/{name}.yaml" for name in yaml_names or FILES],
    }


# Whose a published text is, in its language: the Council's own (the source
# language, or a text marked ``council``), this edition's unofficial
# translation of a Council text, or a text the edition wrote (a description…)
PROVENANCE = {
    "council": "the Council's text in this language (official)",
    "translation": "this edition's translation of the Council's text (unofficial)",
    "edition": "a text written by this edition (not the Council's)",
}
_TYPES: dict[str, dict[str, Any]] = {
    "string": {"type": "string"},
    "url": {"type": "string", "format": "uri", "pattern": "^https://"},
    "boolean": {"type": "boolean"},
    "integer": {"type": "integer"},
    "positive integer": {"type": "integer", "minimum": 1},
    "date": {"type": "string", "format": "date"},
    "partial date": {"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}){0,2}$"},
    "language": {"type": "string", "pattern": "^[a-z]{2,3}$"},
    "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
    "roman numeral": {"type": "string", "pattern": "^[IVX]+$"},
    "action id": {"type": "string", "pattern": "^[0-9]+\\.[0-9]+$"},
    "event kind": {"enum": list(EVENT_KINDS)},
    "actor status": {"enum": list(ACTOR_STATUSES)},
    "change kind": {"enum": list(CHANGE_KINDS)},
    "edition version": {"type": "string", "pattern": "^[0-9]+(\\.[0-9]+)*$"},
    "passage": {
        "type": "string",
        "pattern": "^(measure|action|footnote|actor|glossary)-[a-z0-9]+(-[a-z0-9]+)*$",
    },
    "address": {"type": "string", "format": "uri", "pattern": "^https?://"},
    "provenance": {"enum": list(PROVENANCE)},
    "text": {"$ref": "#/$defs/text"},
    "block": {"$ref": "#/$defs/block"},
}
# text: with inline markup (**bold**, [^N], ^sup^) and without, and whose it is;
# block: one or the other
_DEFS = {
    "text": {"text": "string", "plain": "string", "provenance": "provenance"},
    "block": [{"paragraph": "text"}, {"list": ["text"]}],
}


# The published shape, from which the JSON Schema is made: a type name (see
# ``_TYPES``; "?" after it: or null), [a list of it], or {an object: its fields}.
# It follows the models: each field of ``Document`` and of the models it holds,
# in their order, but those ``left_out``; a field's type is its type hint's
# (``_HINTS``) unless it declares its ``published`` one (``models.declared``).
_HINTS: dict[Any, str] = {
    str: "string", int: "integer", bool: "boolean", Text: "text", Block: "block"
}  # fmt: skip


def _through(outer: Callable[[Any], Any], inner: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``inner`` of ``outer`` of a value."""
    return lambda value: inner(outer(value))


@functools.cache
def _published(model: type) -> tuple[tuple[str, Callable[[Any], Any], Any, str | None], ...]:
    """The published fields of ``model``: (name, their value in an instance,
    shape, whose texts they hold)."""
    hints = get_type_hints(model)
    found: list[tuple[str, Callable[[Any], Any], Any, str | None]] = []
    for field in dataclasses.fields(model):
        if "left_out" in field.metadata:
            continue
        get = operator.attrgetter(field.name)
        if (prefix := field.metadata.get("inline")) is not None:  # its fields in its place
            found += [
                (prefix + name, _through(get, inner), shape, whose)
                for name, inner, shape, whose in _published(hints[field.name])
            ]
        else:
            shape = _shape(hints[field.name], field.metadata.get("published"))
            found.append((field.name, get, shape, field.metadata.get("texts")))
    return tuple(found)


def _shape(hint: Any, published: str | None = None) -> Any:
    """The published shape of a field of type ``hint`` (``published``: its declared type)."""
    args = [a for a in get_args(hint) if a is not type(None)]
    if get_origin(hint) is tuple:  # tuple[X, ...]
        return [_shape(args[0], published)]
    if len(args) < len(get_args(hint)):  # X | None
        if not isinstance(shape := _shape(args[0], published), str):
            raise TypeError(f"{hint}: only a value, not a list or an object, is published or null")
        return shape + "?"
    if published and published not in _TYPES:
        raise TypeError(f"published type '{published}' is none of {', '.join(_TYPES)}")
    if hint in _HINTS or published:
        return published or _HINTS[hint]
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return {name: shape for name, _, shape, _ in _published(hint)}
    raise TypeError(f"{hint}: declare how it is published, or why it is left out (models.declare)")


# What a JSON file says of itself besides the document: its schema and its own
# address, its language, the edition's version, and whether this language's
# texts are the Council's official version (the source language) or not
_ABOUT = {
    "$schema": "address",
    "$id": "address",
    "language": "language",
    "version": "edition version",
    "official": "boolean",
}


def published_shape(model: type = Document) -> dict:
    """The published shape of a document of type ``model`` (its JSON file's)."""
    return {**_ABOUT, **_shape(model)}


SHAPE = published_shape()


def _schema(shape: Any) -> dict[str, Any]:
    if isinstance(shape, str):
        base = _TYPES[shape.rstrip("?")]
        return {"oneOf": [base, {"type": "null"}]} if shape.endswith("?") else base
    if isinstance(shape, list):
        return {"type": "array", "items": _schema(shape[0])}
    return {
        "type": "object",
        "required": list(shape),
        "additionalProperties": False,  # closed: nothing it does not describe
        "properties": {name: _schema(field) for name, field in shape.items()},
    }


# Whose a field's texts are, said in the schema (a "string" text has no
# provenance of its own: its field's declaration says it)
_WHOSE = {
    COUNCIL: "The Council's text: official in the document's source language and in a "
    "language it is marked the Council's own; otherwise this edition's unofficial "
    "translation (a text object says which in its provenance).",
    EDITION: "A text this edition wrote, in every language: not the Council's.",
}


def _described(schema: dict[str, Any], model: type) -> dict[str, Any]:
    """``schema`` (of ``model``'s published shape) with, on each field that
    holds texts, a description of whose they are."""
    hints = get_type_hints(model)
    properties = schema.get("properties", {})
    for name, _, _, whose in _published(model):
        if name not in properties:
            continue
        if whose in _WHOSE:
            properties[name] = {**properties[name], "description": _WHOSE[whose]}  # a copy
        held = [a for a in get_args(hints.get(name)) if a is not type(None)] or [hints.get(name)]
        model_held = held[0] not in _HINTS and dataclasses.is_dataclass(held[0])
        if isinstance(held[0], type) and model_held:  # a model, or a list of it
            inner = properties[name]
            _described(inner.get("items", inner), held[0])
    return schema


def address(site_url: str, name: str) -> str:
    """The absolute address of the published data file ``name``."""
    return f"{site_url.rstrip('/')}/{FOLDER}/{name}"


def json_schema(shape: dict = SHAPE, site_url: str = "http://localhost:8000/") -> dict:
    """The JSON Schema of the published ``shape``, published at ``site_url``."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": address(site_url, SCHEMA_NAME),
        "title": "Council document 15250/18 in one language",
        "$defs": {
            "text": _schema(_DEFS["text"]),
            "block": {"oneOf": [_schema(option) for option in _DEFS["block"]]},
        },
        **_described(_schema(shape), Document),
    }


JSON_SCHEMA = json_schema()


def document_json(doc: Document, language: str, site_url: str = "http://localhost:8000/") -> dict:
    """Everything the site shows, in one language, in the published ``SHAPE``
    (texts keep their inline markup beside their plain text, and say whose
    they are; a "string" text is plain), published at ``site_url``."""
    about = {
        "$schema": address(site_url, SCHEMA_NAME),
        "$id": address(site_url, json_name(language)),
        "language": language,
        "version": doc.edition.version,
        "official": language == doc.languages[0],
    }
    return {**about, **_value(doc, SHAPE, language, None, doc.languages[0])}


def provenance(text: Text, whose: str | None, language: str, source: str) -> str:
    """Whose ``text`` is in ``language`` (a key of ``PROVENANCE``), held by a
    field declared ``whose``; ``source``: the document's source language."""
    if whose != COUNCIL:
        return EDITION
    official = text.invariant or language == source or language in text.council
    return COUNCIL if official else "translation"


_BLOCK_TEXTS = texts_of(dataclasses.fields(Block)[0])  # a paragraph's, a list's: the same


def _value(value: Any, shape: Any, language: str, whose: str | None, source: str) -> Any:
    if isinstance(shape, list):
        return [_value(item, shape[0], language, whose, source) for item in value]
    if isinstance(shape, dict):  # a model
        return {
            name: _value(get(value), inner, language, texts, source)
            for name, get, inner, texts in _published(value.__class__)
        }
    if isinstance(value, Text):
        raw = value.get(language)
        if not shape.startswith("text"):
            return plain(raw)
        return {
            "text": raw,
            "plain": plain(raw),
            "provenance": provenance(value, whose, language, source),
        }
    if isinstance(value, Block):  # its texts are whose its fields say
        text, whose = value.text, _BLOCK_TEXTS
        return (
            {"paragraph": _value(text, "text", language, whose, source)}
            if text
            else {"list": _value(value.items, ["text"], language, whose, source)}
        )
    return value


def open_data_files(
    doc: Document, yaml_texts: dict[str, str], site_url: str = "http://localhost:8000/"
) -> dict[str, str]:
    """Downloadable files by name: JSON per language, the schema, and the YAML
    sources (``yaml_texts``: file name -> text), published at ``site_url``."""
    files = {
        json_name(lang): json_text(document_json(doc, lang, site_url)) + "\n"
        for lang in doc.languages
    }
    files[SCHEMA_NAME] = json.dumps(json_schema(SHAPE, site_url), indent=1) + "\n"
    files.update({f"{YAML_FOLDER}/{name}": text for name, text in sorted(yaml_texts.items())})
    return files


def json_text(
    value: object, expanded: frozenset[str] = frozenset({"measures"}), indent: str = ""
) -> str:
    """JSON indented as ``json.dumps(indent=1)``, except that each item of a
    list is on one line (a footnote, an actor, a measure: one record per line,
    easy to read and to diff) unless it holds one of the ``expanded`` keys (a
    section, whose measures get a line each)."""
    if not value or not isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    inner = indent + " "
    if isinstance(value, dict):
        items = [
            f"{inner}{json.dumps(key, ensure_ascii=False)}: {json_text(item, expanded, inner)}"
            for key, item in value.items()
        ]
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    items = [
        inner
        + (
            json_text(item, expanded, inner)
            if isinstance(item, dict) and not expanded.isdisjoint(item)
            else json.dumps(item, ensure_ascii=False)
        )
        for item in value
    ]
    return "[\n" + ",\n".join(items) + f"\n{indent}]"


def schema_fields(shape: dict = SHAPE, path: str = "") -> list[tuple[str, str]]:
    """(path, type) of every field of the published shape, for readers."""
    out = []
    for name, field in shape.items():
        if name == "$schema":
            continue
        where, kind = f"{path}.{name}" if path else name, field
        while isinstance(kind, list):
            out.append((where, "list"))
            where, kind = where + "[]", kind[0]
        if isinstance(kind, dict):
            out += [(where, "object"), *schema_fields(kind, where)]
        else:
            out.append((where, kind.replace("?", " | null")))
    return out
