"""Data folder -> generated folder, the languages in parallel processes.

``generate_site`` reads the YAML files once, then forks one process; both
load the document and share out the rendering (each language's pages, the
side-by-side pages, the open data), while this one also runs the whole-document
checks. The fork comes *before* the document is loaded, on purpose: a process
forked after loading shares the document copy-on-write, and each reference
count it touches copies a memory page (at 10x the data, rendering was 50 %
slower in both processes). Once the data is known to be valid, each process
writes its own files, so no page crosses between them.
"""

from __future__ import annotations

import gc
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import DataErrors, parse_document, read_sources
from .load import Source
from .models import Document
from .render import data_files, language_files, render_site
from .write import SyncReport, prune, sync_folder, write_files

__all__ = ["GeneratedSite", "generate_site", "source_texts"]


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

    ``workers`` > 1 shares the rendering with a forked process (same files).
    ``freeze`` hands the document to the garbage collector's permanent
    generation (``gc.freeze``): it is never scanned again, nor freed, so use it
    only when the document lives as long as the process (a one-off build).
    """
    sources = read_sources(data_dir)
    texts = source_texts(sources)
    if workers < 2 or len(languages) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        doc = _parse(sources, languages, freeze)
        files = render_site(doc, languages, directory_urls, texts)
        return GeneratedSite(doc, sync_folder(folder, files))
    context = multiprocessing.get_context("fork")
    tasks = _tasks(languages)
    _inherited.update(sources=sources, texts=texts, tasks=tasks, next=context.Value("i", 0))
    try:
        with ProcessPoolExecutor(1, mp_context=context) as pool:
            ready = pool.submit(_render_part, languages, directory_urls)
            try:
                doc = _parse(sources, languages, freeze)  # runs the checks
            except DataErrors:  # nothing is written; the other process's work is dropped
                _take_all_tasks()  # the other process stops after its current one
                raise
            files = _render_tasks(doc, directory_urls, texts)
            other_files = ready.result()  # all rendered: now both may write
            written = pool.submit(_write_part, folder)
            report = write_files(folder, files)
            report.add(written.result())
    finally:
        _inherited.clear()
    report.removed = prune(folder, set(files) | other_files)
    return GeneratedSite(doc, report)


def source_texts(sources: dict[str, Source]) -> dict[str, str]:
    """The YAML texts the open data republishes, by file name."""
    return {f"{name}.yaml": s.text for name, s in sources.items() if s.text is not None}


# The work, shared out as it goes: each process takes the next task when it is
# free (the one that validates the data starts later).
def _tasks(languages: tuple[str, ...]) -> list[tuple[str, str | None]]:
    """(part, language): every language's main pages, then the side-by-side
    pages (all languages in one task: they share their columns), then the data."""
    return [("main", lang) for lang in languages] + [("side-by-side", None), ("data", None)]


def _render_tasks(doc: Document, directory_urls: bool, texts: dict[str, str]) -> dict[str, str]:
    files: dict[str, str] = {}
    tasks, counter = _inherited["tasks"], _inherited["next"]
    while (index := _take(counter)) < len(tasks):
        part, language = tasks[index]
        if part == "data":
            files.update(data_files(doc, texts))
        elif part == "side-by-side":
            for lang in doc.languages:
                files.update(language_files(doc, lang, directory_urls, part="side-by-side"))
        else:
            files.update(language_files(doc, language, directory_urls, part="main"))
    return files


def _take(counter) -> int:
    with counter.get_lock():
        counter.value += 1
        return counter.value - 1


def _take_all_tasks() -> None:
    counter = _inherited["next"]
    with counter.get_lock():
        counter.value = len(_inherited["tasks"])


_inherited: dict[str, object] = {}  # what the forked process gets without pickling
_rendered: dict[str, str] = {}  # in the forked process: its files, until written


def _parse(
    sources: dict[str, Source], languages: tuple[str, ...], freeze: bool, checks: bool = True
) -> Document:
    doc = parse_document(sources, languages, checks)
    if freeze:
        gc.freeze()
    return doc


def _render_part(languages: tuple[str, ...], directory_urls: bool) -> set[str]:
    """In the forked process: its share of the tasks, kept until ``_write_part``;
    returns their paths. The first process runs the whole-document checks."""
    doc = _parse(_inherited["sources"], languages, freeze=True, checks=False)  # ends after
    _rendered.update(_render_tasks(doc, directory_urls, _inherited["texts"]))
    return set(_rendered)


def _write_part(folder: Path) -> SyncReport:
    return write_files(folder, _rendered)
