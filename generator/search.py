"""The search index of a built site, by Pagefind's own command line
(``python -m pagefind --site SITE``, from the pinned ``pagefind[bin]``):
one index per language of the pages' ``<html lang>``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

OUTPUT = "pagefind"  # the index's folder in the site
_ENTRY = "pagefind-entry.json"


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message holds what it printed."""


def command(site: Path) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", OUTPUT]


def start_index(site: Path, quiet: bool = False) -> subprocess.Popen:
    """Start indexing ``site``; Pagefind runs in its own process meanwhile."""
    output = subprocess.DEVNULL if quiet else subprocess.PIPE
    return subprocess.Popen(command(site), stdout=output, stderr=output, text=True)


def finish_index(process: subprocess.Popen, site: Path) -> Path:
    """Wait for ``start_index``'s process; return the index's folder."""
    out, errors = process.communicate()
    if process.returncode != 0:
        raise SearchIndexError(((errors or "") + (out or "")).strip()[-3000:] or "no message")
    return sort_entry(site / OUTPUT)


def build_index(site: Path) -> Path:
    """Index ``site``; return the index's folder."""
    return finish_index(start_index(site), site)


def sort_entry(index: Path) -> Path:
    """Pagefind lists the languages of its entry file in no fixed order: sort
    them, so that two builds of the same pages are byte for byte the same."""
    entry = index / _ENTRY
    if entry.is_file():
        data = json.loads(entry.read_text(encoding="utf-8"))
        entry.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
    return index
