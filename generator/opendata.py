"""The open data: the document as JSON per language, its JSON Schema, and the
YAML files it is made from, with one place for their names.

The published ``SHAPE`` is declared once: ``document_json`` follows it and
``JSON_SCHEMA`` is made from it (closed: no property it does not describe);
a test holds it to the models (every field published, or said why not).
"""

from __future__ import annotations

import json
from typing import Any, TypeAlias

from .load import FILES
from .markup import plain
from .models import Block, Document, Text

FOLDER = "package/data"  # in the docs folder, and in every language's folder of the site
SCHEMA_NAME = "15250-18.schema.json"
OFFLINE_NAME = "15250-18-offline.zip"
YAML_FOLDER = "yaml"


def json_name(language: str) -> str:
    return f"15250-18-{language}.json"


def downloads(doc: Document, yaml_names: tuple[str, ...] = ()) -> dict:
    """The names of the files offered for download, in the data folder."""
    return {
        "json": {lang: json_name(lang) for lang in doc.languages},
        "schema": SCHEMA_NAME,
        "offline": OFFLINE_NAME,
        "yaml": [f"{YAML_FOLDER}/{name}.yaml" for name in yaml_names or FILES],
    }


# The published shape, from which the JSON Schema is made: a type name (see
# ``_TYPES``; "?" after it: or null), [a list of it], or {an object: its fields}.
Shape: TypeAlias = "str | list[Shape] | dict[str, Shape]"
SHAPE: dict[str, Shape] = {
    "$schema": "string",
    "language": "language",
    "record": {
        "number": "string", "date": "date", "place": "string", "session": "integer",
        "codes": ["string"], "previous_document": "string", "type": "string",
        "origin": "string", "subject": "string", "official": "url", "register": "url",
    },
    "title": "text",
    "introduction": ["text"],
    "sections": [{
        "id": "roman numeral",
        "title": "text",
        "measures": [{
            "number": "positive integer",
            "title": "text",
            "annex_title": "text?",
            "actions": [{"id": "action id", "text": "text", "actors": ["id"], "mentions": ["id"]}],
            "annex": ["block"],
        }],
    }],
    "annex_introduction": ["block"],
    "footnotes": [{"number": "positive integer", "text": "text", "anchor": "string"}],
    "glossary": [{
        "id": "id", "short": "string", "long": "string", "explanation": "string",
        "in_document_list": "boolean", "actor": "id?", "source": {"title": "string", "url": "url"},
    }],
    "actors": [{
        "id": "id", "name": "string", "kind": "string", "parent": "id?", "glossary": "id?",
        "description": "string", "source": {"title": "string", "url": "url"},
    }],
    "events": [{
        "id": "id", "date": "partial date", "kind": "event kind", "measure": "positive integer?",
        "text": "string",
    }],
}  # fmt: skip
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
    "event kind": {"enum": ["event", "deadline"]},
    "text": {"$ref": "#/$defs/text"},
    "block": {"$ref": "#/$defs/block"},
}
# text: with inline markup (**bold**, [^N], ^sup^) and without; block: one or the other
_DEFS: dict[str, Shape] = {
    "text": {"text": "string", "plain": "string"},
    "block": [{"paragraph": "text"}, {"list": ["text"]}],
}


def _schema(shape: Shape) -> dict[str, Any]:
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


JSON_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": SCHEMA_NAME,
    "title": "Council document 15250/18 in one language",
    "$defs": {
        "text": _schema(_DEFS["text"]),
        "block": {"oneOf": [_schema(option) for option in _DEFS["block"]]},
    },
    **_schema(SHAPE),
}


def document_json(doc: Document, language: str) -> dict[str, object]:
    """Everything the site shows, in one language, in the published ``SHAPE``:
    each field is the model's field of that name (texts keep their inline
    markup beside their plain text; a "string" text is plain)."""
    top = {
        "$schema": SCHEMA_NAME,
        "language": language,
        "title": doc.package.title,
        "introduction": doc.package.introduction,
        "annex_introduction": doc.annex.introduction,
    }
    return {
        name: _value(top.get(name, getattr(doc, name, None)), field, language)
        for name, field in SHAPE.items()
    }


def _value(value: Any, shape: Shape, language: str) -> object:
    """``value`` (a field of the document's models) in the published ``shape``."""
    if isinstance(shape, list):
        return [_value(item, shape[0], language) for item in value]
    if isinstance(shape, dict):
        return {
            name: _value(getattr(value, name), field, language) for name, field in shape.items()
        }
    if isinstance(value, Text):
        raw = value.get(language)
        return {"text": raw, "plain": plain(raw)} if shape.startswith("text") else plain(raw)
    if isinstance(value, Block):
        text = value.text
        return (
            {"paragraph": _value(text, "text", language)}
            if text
            else {"list": _value(value.items, ["text"], language)}
        )
    return value


def open_data_files(doc: Document, yaml_texts: dict[str, str]) -> dict[str, str]:
    """Downloadable files by name: JSON per language, the schema, and the YAML
    sources (``yaml_texts``: file name -> text)."""
    files = {json_name(lang): json_text(document_json(doc, lang)) + "\n" for lang in doc.languages}
    files[SCHEMA_NAME] = json.dumps(JSON_SCHEMA, indent=1) + "\n"
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


def schema_fields(shape: dict[str, Shape] = SHAPE, path: str = "") -> list[tuple[str, str]]:
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
