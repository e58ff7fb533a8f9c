"""The open data: the document as JSON per language, its JSON Schema, and the
YAML files it is made from, with one place for their names.

The schema is closed (no property it does not describe) and every field of
the models is either published or listed in ``NOT_PUBLISHED``; a test holds
the three together: models, ``document_json`` and ``JSON_SCHEMA``.
"""

from __future__ import annotations

import json

from .load import FILES
from .markup import plain
from .models import Block, Document, Text

FOLDER = "package/data"  # in the docs folder, and in every language's folder of the site
SCHEMA_NAME = "15250-18.schema.json"
OFFLINE_NAME = "15250-18-offline.zip"
YAML_FOLDER = "yaml"

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
        "$schema": SCHEMA_NAME,
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


def _object(properties: dict, optional: tuple[str, ...] = ()) -> dict:
    """A closed object: every property required unless ``optional``."""
    required = [name for name in properties if name not in optional]
    return {
        "type": "object",
        "required": required,
        "additionalProperties": False,
        "properties": properties,
    }


def _array(items: dict) -> dict:
    return {"type": "array", "items": items}


def _nullable(schema: dict) -> dict:
    return {"oneOf": [schema, {"type": "null"}]}


_STRING = {"type": "string"}
_ID = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}
_TEXT = {"$ref": "#/$defs/text"}
_BLOCK = {"$ref": "#/$defs/block"}

JSON_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": SCHEMA_NAME,
    "title": "Council document 15250/18 in one language",
    "$defs": {
        "text": _object(
            {
                "text": {
                    "type": "string",
                    "description": "with inline markup: **bold**, [^N], ^sup^",
                },
                "plain": {"type": "string", "description": "without markup"},
            }
        ),
        "block": {
            "oneOf": [
                _object({"paragraph": _TEXT}),
                _object({"list": _array(_TEXT)}),
            ]
        },
    },
    **_object(
        {
            "$schema": _STRING,
            "language": {"type": "string", "pattern": "^[a-z]{2,3}$"},
            "record": _object(
                {
                    "number": _STRING,
                    "date": {"type": "string", "format": "date"},
                    "place": _STRING,
                    "session": {"type": "integer"},
                    "codes": _array(_STRING),
                    "previous_document": _STRING,
                    "type": _STRING,
                    "origin": _STRING,
                    "subject": _STRING,
                }
            ),
            "title": _TEXT,
            "introduction": _array(_TEXT),
            "sections": _array(
                _object(
                    {
                        "id": {"type": "string", "pattern": "^[IVX]+$"},
                        "title": _TEXT,
                        "measures": _array(
                            _object(
                                {
                                    "number": {"type": "integer", "minimum": 1},
                                    "title": _TEXT,
                                    "annex_title": _nullable(_TEXT),
                                    "actions": _array(
                                        _object(
                                            {
                                                "id": {
                                                    "type": "string",
                                                    "pattern": "^[0-9]+\\.[0-9]+$",
                                                },
                                                "text": _TEXT,
                                                "actors": _array(_ID),
                                                "mentions": _array(_ID),
                                            }
                                        )
                                    ),
                                    "annex": _array(_BLOCK),
                                }
                            )
                        ),
                    }
                )
            ),
            "annex_introduction": _array(_BLOCK),
            "footnotes": _array(
                _object(
                    {
                        "number": {"type": "integer"},
                        "text": _TEXT,
                        "anchor": {
                            "type": "string",
                            "description": "id of the block holding the mark",
                        },
                    }
                )
            ),
            "glossary": _array(
                _object(
                    {
                        "id": _ID,
                        "short": _STRING,
                        "long": _STRING,
                        "explanation": _STRING,
                        "in_document_list": {"type": "boolean"},
                        "actor": _nullable(_ID),
                    }
                )
            ),
            "actors": _array(
                _object(
                    {
                        "id": _ID,
                        "name": _STRING,
                        "kind": _STRING,
                        "parent": _nullable(_ID),
                        "glossary": _nullable(_ID),
                        "description": _STRING,
                    }
                )
            ),
            "events": _array(
                _object(
                    {
                        "id": _ID,
                        "date": {"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}){0,2}$"},
                        "kind": {"enum": ["event", "deadline"]},
                        "measure": _nullable({"type": "integer", "minimum": 1}),
                        "text": _STRING,
                    }
                )
            ),
        }
    ),
}


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


def schema_fields(schema: dict = JSON_SCHEMA) -> list[tuple[str, str]]:
    """(path, type) of every field the schema describes, in a readable form."""
    defs = schema.get("$defs", {})
    out: list[tuple[str, str]] = []

    def kind_of(node: dict) -> str:
        if "$ref" in node:
            return node["$ref"].rsplit("/", 1)[-1]
        if "oneOf" in node:
            return " | ".join(kind_of(option) for option in node["oneOf"])
        return "enum" if "enum" in node else node.get("type", "object")

    def walk(node: dict, path: str) -> None:
        out.append((path, kind_of(node)))
        if "$ref" in node:
            node = defs[node["$ref"].rsplit("/", 1)[-1]]
        for name, child in node.get("properties", {}).items():
            walk(child, f"{path}.{name}")
        if node.get("type") == "array":
            walk(node["items"], path + "[]")

    for name, child in schema["properties"].items():
        if name != "$schema":
            walk(child, name)
    return out
