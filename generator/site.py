"""Data folder -> generated folder, the languages in parallel processes.

``generate_site`` reads the YAML files once, then forks one process that
parses and renders the other languages (and the open data) and writes them,
while this process validates and renders the first language. The fork comes
*before* the document is loaded, on purpose: a process forked after loading
shares the document copy-on-write, and each reference count it touches copies
a memory page (at 10x the data, rendering was 50 % slower in both processes).
Each process writes its own files, so no page crosses between them.
"""

from __future__ import annotations

import gc
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import parse_document, read_sources
from .load import Source
from .models import Document
from .render import data_files, language_files, render_site
from .write import SyncReport, prune, sync_folder, write_files

__all__ = ["GeneratedSite", "generate_site"]


@dataclass(frozen=True)
class GeneratedSite:
    document: Document
    report: SyncReport  # what changed in the generated folder


def generate_site(
    data_dir: Path,
    languages: tuple[str, ...],
    folder: Path,
    directory_urls: bool = True,
    workers: int = 1,
    freeze: bool = False,
) -> GeneratedSite:
    """Load, validate and render ``data_dir`` into ``folder`` (as ``render_site``
    names the files, written only when changed: ``write.sync_folder``); raise
    ``DataErrors`` on bad data, before anything is written.

    ``workers`` > 1 renders the other languages in a forked process (same
    files). ``freeze`` hands the document to the garbage collector's permanent
    generation (``gc.freeze``): it is never scanned again, nor freed, so use it
    only when the document lives as long as the process (a one-off build).
    """
    sources = read_sources(data_dir)
    texts = {f"{name}.yaml": s.text for name, s in sources.items() if s.text is not None}
    first, *others = languages
    if workers < 2 or not others or "fork" not in multiprocessing.get_all_start_methods():
        doc = _parse(sources, languages, freeze)
        files = render_site(doc, languages, directory_urls, texts)
        return GeneratedSite(doc, sync_folder(folder, files))
    _inherited.update(sources=sources, texts=texts)  # the child gets them by fork
    try:
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
            ready = pool.submit(_other_part, languages, directory_urls)
            doc = _parse(sources, languages, freeze)  # bad data: the child fails alike
            files = language_files(doc, first, directory_urls, part="main")
            other_files = ready.result()  # rendered: now both may write
            written = pool.submit(_write_other_part, folder)
            report = write_files(folder, files)
            report.add(written.result())
    finally:
        _inherited.clear()
    report.removed = prune(folder, set(files) | other_files)
    return GeneratedSite(doc, report)


_inherited: dict[str, object] = {}  # what the forked process gets without pickling
_rendered: dict[str, str] = {}  # in the forked process: its files, until written


def _parse(
    sources: dict[str, Source], languages: tuple[str, ...], freeze: bool, checks: bool = True
) -> Document:
    doc = parse_document(sources, languages, checks)
    if freeze:
        gc.freeze()
    return doc


def _other_part(languages: tuple[str, ...], directory_urls: bool) -> set[str]:
    """In the forked process: the other languages, the first one's side-by-side
    pages (their texts are rendered here for the other languages' pages anyway)
    and the open data. Kept here until ``_write_other_part``; returns their paths."""
    # this process ends after: freeze; the first process runs the checks
    doc = _parse(_inherited["sources"], languages, freeze=True, checks=False)
    for language in languages[1:]:
        _rendered.update(language_files(doc, language, directory_urls))
    _rendered.update(language_files(doc, languages[0], directory_urls, part="side-by-side"))
    _rendered.update(data_files(doc, _inherited["texts"]))
    return set(_rendered)


def _write_other_part(folder: Path) -> SyncReport:
    return write_files(folder, _rendered)
