"""Read ``data/editions.yaml``: the editions of the site, oldest first, with
what each changed (``Change``: its kind, its text, the passages it names),
and the licences of the Council's text and of the edition's. Part of
``validate``: every problem recorded by the ``fields.Checker``."""

from __future__ import annotations

import difflib
import re
from typing import Any

from . import editions
from .fields import Checker, Reader
from .load import Path_
from .models import CHANGE_KINDS, Change, EditionEntry, Licences

__all__ = ["check_passages", "read"]

_VERSION = re.compile(r"^[0-9]+(?:\.[0-9]+)*$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_VERSION_HINT = 'write numbers joined by dots, quoted: "1.1"'
_DAY_HINT = "an edition's date is a day: YYYY-MM-DD, quoted"


def read(check: Checker) -> tuple[list[tuple[EditionEntry, Path_]], Licences | None]:
    """The editions, oldest first, with their paths; and the licences."""

    def change(value: Any, path: Path_) -> Change | None:
        fields: dict[str, Reader] = {
            "kind": lambda v, p: check.choice(v, p, CHANGE_KINDS, "change kind"),
            "text": lambda v, p: check.text(v, p, acronyms=False),
        }
        data = check.read(value, path, fields, {"passages": check.sequence}, model=Change)
        if not data:
            return None
        found = (
            check.string(v, path + ("passages", i)) for i, v in enumerate(data.get("passages", []))
        )
        return Change(**{**data, "passages": tuple(p for p in found if p)})

    def entry(check: Checker, value: Any, path: Path_) -> tuple[EditionEntry, Path_] | None:
        def changes(v: Any, p: Path_) -> tuple[Change, ...]:
            read = (change(c, p + (i,)) for i, c in enumerate(check.sequence(v, p)))
            return tuple(c for c in read if c)

        fields: dict[str, Reader] = {
            "version": _matching(check, check.string, _VERSION, "invalid version", _VERSION_HINT),
            "date": _matching(check, check.date, _DAY, "incomplete date", _DAY_HINT),
            "changes": changes,
        }
        data = check.read(value, path, fields, model=EditionEntry)
        return (EditionEntry(**data), path) if data else None

    releases = check.entries("editions", "editions", entry, ("licence",))
    data = check.file.data if isinstance(check.file.data, dict) else {}
    if data.get("editions") == []:
        check.err(("editions",), "no edition", "list this edition: version, date, changes")
    terms = {"council": check.reference, "edition": check.reference}
    licence = check.read(data.get("licence"), ("licence",), terms, model=Licences)
    _order(check, releases)
    return releases, (Licences(**licence) if licence and all(licence.values()) else None)


def _matching(
    check: Checker, read: Reader, pattern: re.Pattern[str], problem: str, hint: str
) -> Reader:
    """``read``, then the text refused unless ``pattern`` matches it."""

    def reader(value: Any, path: Path_) -> str | None:
        text = read(value, path)
        if text is not None and not pattern.match(text):
            check.err(path, f"{problem} '{text}'", hint)
            return None
        return text

    return reader


def _order(check: Checker, releases: list[tuple[EditionEntry, Path_]]) -> None:
    """Versions unique and growing, dates not going back, oldest first."""
    for (before, _), (after, path) in zip(releases, releases[1:], strict=False):
        if None in (before.version, after.version, before.date, after.date):
            continue
        if editions.version_key(after.version) <= editions.version_key(before.version):
            problem = "repeats" if after.version == before.version else "is not after"
            message = f"version '{after.version}' {problem} the version above ('{before.version}')"
            check.err(
                path + ("version",),
                message,
                "list the editions oldest first, each with a new version",
            )
        elif after.date < before.date:
            message = (
                f"date {after.date} is before the date of version {before.version} ({before.date})"
            )
            check.err(path + ("date",), message, "list the editions oldest first")


def check_passages(
    check: Checker, releases: list[tuple[EditionEntry, Path_]], ids: set[str]
) -> None:
    """Every passage a change names exists."""
    check.use("editions")
    for release, path in releases:
        for i, change in enumerate(release.changes):
            for j, ident in enumerate(change.passages):
                if ident not in ids:
                    close = difflib.get_close_matches(ident, sorted(ids), n=1)
                    hint = (
                        f"did you mean '{close[0]}'?"
                        if close
                        else ("measure-N, action-N-K, footnote-N, actor-ID or glossary-ID")
                    )
                    where = path + ("changes", i, "passages", j)
                    check.err(where, f"unknown passage '{ident}'", hint)
