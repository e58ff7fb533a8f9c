"""The document as JSON per language, with a JSON Schema describing it."""

from __future__ import annotations

import json

from .markup import plain
from .models import Block, Document, Text

SCHEMA_ID = "15250-18.schema.json"


def _text(text: Text | None, language: str) -> dict | None:
    if text is None:
        return None
    raw = text.get(language)
    return {"text": raw, "plain": plain(raw)}


def _blocks(blocks: tuple[Block, ...], language: str) -> list[dict]:
    return [
        {"paragraph": _text(b.text, language)}
        if b.text
        else {"list": [_text(i, language) for i in b.items]}
        for b in blocks
    ]


def document_json(doc: Document, language: str) -> dict:
    """Everything the site shows, in one language; texts keep their inline markup."""
    r = doc.record
    return {
        "$schema": SCHEMA_ID,
        "language": language,
        "record": {
            "number": r.number,
            "date": r.date,
            "place": plain(r.place.get(language)),
            "session": r.session,
            "codes": list(r.codes),
            "previous_document": r.previous_document,
            "type": plain(r.type.get(language)),
            "origin": plain(r.origin.get(language)),
            "subject": plain(r.subject.get(language)),
        },
        "title": _text(doc.package.title, language),
        "introduction": [_text(p, language) for p in doc.package.introduction],
        "sections": [
            {
                "id": s.id,
                "title": _text(s.title, language),
                "measures": [
                    {
                        "number": m.number,
                        "title": _text(m.title, language),
                        "annex_title": _text(m.annex_title, language),
                        "actions": [
                            {
                                "id": a.id,
                                "text": _text(a.text, language),
                                "actors": list(a.actors),
                                "mentions": list(a.mentions),
                            }
                            for a in m.actions
                        ],
                        "annex": _blocks(m.annex, language),
                    }
                    for m in s.measures
                ],
            }
            for s in doc.sections
        ],
        "annex_introduction": _blocks(doc.annex.introduction, language),
        "footnotes": [
            {"number": f.number, "text": _text(f.text, language), "anchor": f.anchor.place}
            for f in doc.footnotes
        ],
        "glossary": [
            {
                "id": g.id,
                "short": plain(g.short.get(language)),
                "long": plain(g.long.get(language)),
                "explanation": plain(g.explanation.get(language)),
                "in_document_list": g.in_document_list,
                "actor": g.actor,
            }
            for g in doc.glossary
        ],
        "actors": [
            {
                "id": a.id,
                "name": plain(a.name.get(language)),
                "kind": a.kind,
                "parent": a.parent,
                "glossary": a.glossary,
                "description": plain(a.description.get(language)),
            }
            for a in doc.actors
        ],
        "events": [
            {
                "id": e.id,
                "date": e.date,
                "kind": e.kind,
                "measure": e.measure,
                "text": plain(e.text.get(language)),
            }
            for e in doc.events
        ],
    }


_TEXT = {
    "type": "object",
    "required": ["text", "plain"],
    "properties": {
        "text": {"type": "string", "description": "with inline markup: **bold**, [^N], ^sup^"},
        "plain": {"type": "string", "description": "without markup"},
    },
}
_OPTIONAL_TEXT = {"oneOf": [{"$ref": "#/$defs/text"}, {"type": "null"}]}
_BLOCK = {
    "type": "object",
    "oneOf": [
        {"required": ["paragraph"], "properties": {"paragraph": {"$ref": "#/$defs/text"}}},
        {
            "required": ["list"],
            "properties": {"list": {"type": "array", "items": {"$ref": "#/$defs/text"}}},
        },
    ],
}
_ID = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}


def _object(required: list[str], properties: dict) -> dict:
    return {"type": "object", "required": required, "properties": properties}


JSON_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": SCHEMA_ID,
    "title": "Council document 15250/18 in one language",
    "type": "object",
    "required": [
        "language",
        "record",
        "title",
        "sections",
        "footnotes",
        "glossary",
        "actors",
        "events",
    ],
    "$defs": {"text": _TEXT, "block": _BLOCK},
    "properties": {
        "$schema": {"type": "string"},
        "language": {"type": "string", "pattern": "^[a-z]{2}$"},
        "record": _object(
            ["number", "date", "session", "codes"],
            {
                "number": {"type": "string"},
                "date": {"type": "string", "format": "date"},
                "place": {"type": "string"},
                "session": {"type": "integer"},
                "codes": {"type": "array", "items": {"type": "string"}},
                "previous_document": {"type": "string"},
                "type": {"type": "string"},
                "origin": {"type": "string"},
                "subject": {"type": "string"},
            },
        ),
        "title": {"$ref": "#/$defs/text"},
        "introduction": {"type": "array", "items": {"$ref": "#/$defs/text"}},
        "sections": {
            "type": "array",
            "items": _object(
                ["id", "title", "measures"],
                {
                    "id": {"type": "string", "pattern": "^[IVX]+$"},
                    "title": {"$ref": "#/$defs/text"},
                    "measures": {
                        "type": "array",
                        "items": _object(
                            ["number", "title", "actions", "annex"],
                            {
                                "number": {"type": "integer", "minimum": 1},
                                "title": {"$ref": "#/$defs/text"},
                                "annex_title": _OPTIONAL_TEXT,
                                "actions": {
                                    "type": "array",
                                    "items": _object(
                                        ["id", "text", "actors", "mentions"],
                                        {
                                            "id": {
                                                "type": "string",
                                                "pattern": "^[0-9]+\\.[0-9]+$",
                                            },
                                            "text": {"$ref": "#/$defs/text"},
                                            "actors": {"type": "array", "items": _ID},
                                            "mentions": {"type": "array", "items": _ID},
                                        },
                                    ),
                                },
                                "annex": {"type": "array", "items": {"$ref": "#/$defs/block"}},
                            },
                        ),
                    },
                },
            ),
        },
        "annex_introduction": {"type": "array", "items": {"$ref": "#/$defs/block"}},
        "footnotes": {
            "type": "array",
            "items": _object(
                ["number", "text", "anchor"],
                {
                    "number": {"type": "integer"},
                    "text": {"$ref": "#/$defs/text"},
                    "anchor": {"type": "string", "description": "id of the block holding the mark"},
                },
            ),
        },
        "glossary": {
            "type": "array",
            "items": _object(["id", "short", "long", "explanation"], {"id": _ID}),
        },
        "actors": {
            "type": "array",
            "items": _object(["id", "name", "kind", "description"], {"id": _ID}),
        },
        "events": {
            "type": "array",
            "items": _object(
                ["id", "date", "kind", "text"],
                {"id": _ID, "date": {"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}){0,2}$"}},
            ),
        },
    },
}


def open_data_files(doc: Document, yaml_files: dict[str, str]) -> dict[str, str]:
    """Downloadable files: JSON per language, the schema, and the YAML sources."""
    files = {
        f"15250-18-{lang}.json": json_text(document_json(doc, lang)) + "\n"
        for lang in doc.languages
    }
    files[SCHEMA_ID] = json.dumps(JSON_SCHEMA, indent=1) + "\n"
    files.update({f"yaml/{name}": text for name, text in sorted(yaml_files.items())})
    return files


def json_text(
    value: object, expanded: frozenset[str] = frozenset({"measures"}), indent: str = ""
) -> str:
    """JSON indented as ``json.dumps(indent=1)``, but each item of a list on one
    line (a footnote, an actor, a measure: one record per line, easy to read and
    diff) unless it holds one of the ``expanded`` keys (a section, whose measures
    get a line each). The lines are written by json's C encoder (any ``indent``
    makes ``json.dumps`` use its pure-Python one, 2-3 times slower)."""
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


def schema_fields(schema: dict = JSON_SCHEMA) -> list[tuple[str, str]]:
    """(path, type) of every field the schema describes, in a readable form."""
    defs = schema.get("$defs", {})
    out: list[tuple[str, str]] = []

    def walk(node: dict, path: str) -> None:
        if "$ref" in node:
            node = defs[node["$ref"].rsplit("/", 1)[-1]]
        if "oneOf" in node and "type" not in node:
            kinds = [o.get("type") or o.get("$ref", "").rsplit("/", 1)[-1] for o in node["oneOf"]]
            out.append((path, " | ".join(k for k in kinds if k)))
            return
        kind = node.get("type", "object")
        out.append((path, kind))
        for name, child in node.get("properties", {}).items():
            if name != "$schema":
                walk(child, f"{path}.{name}" if path else name)
        if kind == "array" and "items" in node:
            walk(node["items"], path + "[]")

    for name, child in schema["properties"].items():
        if name != "$schema":
            walk(child, name)
    return out
