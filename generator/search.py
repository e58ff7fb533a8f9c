"""The search index of a built site, by Pagefind's own command line
(``python -m pagefind --site SITE``, from the pinned ``pagefind[bin]``):
one index per language of the pages' ``<html lang>``. ``check_index`` checks
that an index covers every page that has something to find."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from generator.errors import EditionError
from generator.offline import search_entries

OUTPUT = "pagefind"  # the index's folder in the site
_ENTRY = "pagefind-entry.json"


class SearchIndexError(EditionError):
    """Pagefind failed, or its index is missing or incomplete."""


def command(site: Path) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", OUTPUT]


def build_index(site: Path) -> Path:
    """Index ``site``; return the index's folder."""
    done = subprocess.run(command(site), capture_output=True, text=True)
    if done.returncode != 0:
        raise SearchIndexError((done.stderr + done.stdout).strip()[-3000:] or "no message")
    check_index(site)
    return site / OUTPUT


def indexed_pages(site: Path) -> dict[str, int]:
    """{language: number of pages} of the pages that have a search body with text."""
    pages = {
        path.relative_to(site).as_posix(): path.read_text(encoding="utf-8")
        for path in site.rglob("*.html")
        if OUTPUT not in path.relative_to(site).parts[:1]
    }
    return {lang.lower(): len(found) for lang, found in search_entries(pages).items()}


def check_index(site: Path, expected: dict[str, int] | None = None) -> None:
    """Raise ``SearchIndexError`` unless ``site``'s index covers every page
    that has a search body, in each language (``expected``: ``indexed_pages``,
    counted while Pagefind works), then sort its entry file. Refused: a
    Pagefind that exits without error but wrote nothing, or an index another
    process removed part of."""
    index = site / OUTPUT
    entry = index / _ENTRY
    if not entry.is_file():
        raise SearchIndexError(f"the search index is missing: no {entry} (Pagefind wrote nothing)")
    try:
        languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
        indexed = {lang: (info["page_count"], info["hash"]) for lang, info in languages.items()}
    except (ValueError, KeyError, TypeError, AttributeError):
        raise SearchIndexError(f"the search index is broken: {entry} is not Pagefind's") from None
    expected = indexed_pages(site) if expected is None else expected
    for lang, count in sorted(expected.items()):
        found, digest = indexed.get(lang, (0, ""))
        if found < count or not (index / f"pagefind.{digest}.pf_meta").is_file():
            raise SearchIndexError(
                f"the search index is incomplete: {count} '{lang}' pages to find, "
                f"{found if digest else 'no index'} in {entry}"
            )
    fragments = len(list((index / "fragment").glob("*.pf_fragment")))
    if fragments < sum(expected.values()):
        raise SearchIndexError(
            f"the search index is incomplete: {sum(expected.values())} pages to find, "
            f"{fragments} in {index / 'fragment'}"
        )
    sort_entry(index)


def sort_entry(index: Path) -> Path:
    """Pagefind lists the languages of its entry file in no fixed order: sort
    them, so that two builds of the same pages are byte for byte the same."""
    entry = index / _ENTRY
    if entry.is_file():
        data = json.loads(entry.read_text(encoding="utf-8"))
        entry.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
    return index
