"""Command line: ``python -m generator check`` (what ``make check`` runs)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel import Locale, UnknownLocaleError

from . import DataErrors, addresses, folder, generated, load_document, project, publish
from .errors import READING, EditionError
from .fields import language_name
from .models import Document
from .project import configured_languages
from .views import document_texts


def summary(doc: Document) -> str:
    counts = [
        (len(doc.sections), "sections"),
        (len(doc.measures), "measures"),
        (len(doc.actions), "actions"),
        (len(doc.footnotes), "footnotes"),
        (len(doc.glossary), "glossary entries"),
        (len(doc.bodies), "actors"),
        (len(doc.events), "events"),
    ]
    figures = ", ".join(f"{n} {label}" for n, label in counts)
    lines = [f"OK: {figures} in {len(doc.languages)} languages ({', '.join(doc.languages)})"]
    texts = [t for t in document_texts(doc) if not t.invariant]
    for language in doc.languages[1:]:
        council = sum(language in t.council for t in texts)
        lines.append(
            f"{language}: {council} of {len(texts)} document texts are the Council's own "
            f"{language_name(language)} text, {len(texts) - council} this edition's translation"
        )
    newest = doc.edition
    lines.append(
        f"this edition: {newest.version} of {newest.date} ({len(doc.editions)} in editions.yaml)"
    )
    return "\n".join(lines)


def check(data_dir: Path, languages: tuple[str, ...], config: Path | None = None) -> int:
    """Report every data error (file:line:column: key.path: message), causes
    first, and every problem of the project ``config`` (its mkdocs.yml): the
    hand-written pages of each language, each language's settings."""
    errors = project.problems(config, languages) if config is not None else []
    if any(e.stage == READING for e in errors):  # mkdocs.yml cannot say the languages, pages…
        print(DataErrors(errors).report(), file=sys.stderr)
        return 1
    try:
        doc = load_document(data_dir, languages)
    except DataErrors as exc:
        errors += exc.errors
    else:  # the generated pages known: what the hand-written pages' links lead to
        if config is not None:
            errors += project.link_targets(config, languages, generated.Pages(doc))
    if errors:
        print(DataErrors(errors).report(), file=sys.stderr)
        return 1
    if config is not None:  # the generated folder holds only what the build may replace
        try:
            folder.check(
                project.read_config(config).docs / addresses.FOLDER, generated.file_names(doc)
            )
        except folder.FolderError as exc:
            print(exc, file=sys.stderr)
            return 1
    print(summary(doc))
    return 0


def check_config(config: Path) -> int:
    """``mkdocs.yml`` alone (what ``make build``, ``serve`` and ``publish`` run
    before MkDocs reads it: MkDocs stops on a value of the wrong type without
    its place, or with a traceback): readable, each value of a type its key allows."""
    read = project.read_config(config)
    errors = [read.problem] if read.problem is not None else read.shape_errors()
    if errors:
        print(DataErrors(errors).report(), file=sys.stderr)
        return 1
    return 0


def archive(data_dir: Path, site: Path) -> int:
    """``make archive``: this edition's offline zip kept for later editions."""
    try:
        doc = load_document(data_dir)
        docs = data_dir.resolve().parent / "docs"
        kept = publish.archive_offline(site, docs, doc.edition.version)
    except EditionError as exc:
        print(exc.report() if isinstance(exc, DataErrors) else exc, file=sys.stderr)
        return 1
    print(f"kept {kept}: commit it; the history page of the next edition links it")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator")
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser(
        "check",
        help="validate data/*.yaml, and the mkdocs.yml and hand-written pages (docs/) beside "
        "the data folder, and report every error",
    )
    check_cmd.add_argument("--data", type=Path, default=Path("data"), help="data folder")
    check_cmd.add_argument(
        "--languages",
        help="comma-separated language codes every text must have "
        "(default: the languages of mkdocs.yml beside the data folder)",
    )
    config_cmd = commands.add_parser(
        "check-config",
        help="check mkdocs.yml alone: each value the generator, the MkDocs adapter and the "
        "theme read is of a type its key allows (make build, serve and publish run it first)",
    )
    config_cmd.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="mkdocs.yml")
    archive_cmd = commands.add_parser(
        "archive",
        help="keep the built site's offline zip in docs/editions/ under this edition's version "
        "(after `make build`; commit it: later editions' history pages link it)",
    )
    archive_cmd.add_argument("--data", type=Path, default=Path("data"), help="data folder")
    archive_cmd.add_argument("--site", type=Path, default=Path("site"), help="the built site")
    args = parser.parse_args(argv)
    if args.command == "archive":
        return archive(args.data, args.site)
    if args.command == "check-config":
        return check_config(args.config)
    config = args.data.resolve().parent / "mkdocs.yml"
    if args.languages is not None:
        languages = tuple(code.strip() for code in args.languages.split(",") if code.strip())
        if not languages:
            parser.error("--languages: give at least one language code, e.g. fr,en")
        if len(set(languages)) < len(languages):
            parser.error(f"--languages: a language is given twice in {args.languages!r}")
        for code in languages:
            try:
                Locale.parse(code)
            except (ValueError, UnknownLocaleError):
                parser.error(f"--languages: {code!r} is not a language code (e.g. fr, en)")
    elif config.is_file():
        languages = configured_languages(config)
    else:
        parser.error(f"no {config}: give the languages with --languages fr,en")
    return check(args.data, languages, config if config.is_file() else None)
