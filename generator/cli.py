"""Command line: ``python -m generator check``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from . import DEFAULT_LANGUAGES, DataErrors, load_document
from .fidelity import missing_sentences
from .models import Document
from .plaintext import document_lines

SOURCE = Path("source") / "15250-18.fr.txt"
SOURCE_LANGUAGE = "fr"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: its custom tags (!ENV…) read as null."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def configured_languages(mkdocs_yml: Path) -> tuple[str, ...]:
    """The languages the site builds, from the i18n plugin entry of ``mkdocs.yml``."""
    config = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            languages = plugin["i18n"].get("languages") or []
            built = [lang for lang in languages if lang.get("build", True)]
            # the default language is the source: it comes first
            built.sort(key=lambda lang: not lang.get("default", False))
            return tuple(lang["locale"] for lang in built)
    return DEFAULT_LANGUAGES


def summary(doc: Document) -> str:
    counts = [
        (len(doc.sections), "sections"),
        (len(doc.measures), "measures"),
        (len(doc.actions), "actions"),
        (len(doc.footnotes), "footnotes"),
        (len(doc.glossary), "glossary entries"),
        (len(doc.actors), "actors"),
        (len(doc.events), "events"),
    ]
    figures = ", ".join(f"{n} {label}" for n, label in counts)
    return f"OK: {figures} in {len(doc.languages)} languages ({', '.join(doc.languages)})"


def fidelity_report(doc: Document, source: Path) -> list[str]:
    """One error line per source sentence missing from the source-language data."""
    missing = missing_sentences(
        source.read_text(encoding="utf-8"), document_lines(doc, SOURCE_LANGUAGE)
    )
    return [
        f"{source}:{m.line}:1: sentence missing from the French data: {m.sentence!r}"
        for m in missing
    ]


def check(data_dir: Path, languages: tuple[str, ...]) -> int:
    try:
        doc = load_document(data_dir, languages)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    source = data_dir / SOURCE
    if source.exists() and SOURCE_LANGUAGE in languages:
        errors = fidelity_report(doc, source)
        if errors:
            print("\n".join(errors), file=sys.stderr)
            print(f"{len(errors)} source sentences missing", file=sys.stderr)
            return 1
    print(summary(doc))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator")
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="validate data/*.yaml and report every error")
    check_cmd.add_argument("--data", type=Path, default=Path("data"), help="data folder")
    check_cmd.add_argument(
        "--languages",
        help="comma-separated language codes every text must have "
        "(default: the languages of mkdocs.yml beside the data folder)",
    )
    args = parser.parse_args(argv)
    if args.languages:
        languages = tuple(code.strip() for code in args.languages.split(",") if code.strip())
    elif (config := args.data.resolve().parent / "mkdocs.yml").is_file():
        languages = configured_languages(config)
    else:
        languages = DEFAULT_LANGUAGES
    return check(args.data, languages)
