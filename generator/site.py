"""Data folder -> every generated file, the languages in parallel processes.

``generate_site`` reads the YAML files once, then forks one process that
parses, validates and renders the other languages (and the open data) while
this process does the same for the first language. The fork comes *before*
the document is loaded, on purpose: a process forked after loading shares the
document copy-on-write, and each reference count it touches copies a memory
page (at 10x the data, rendering was 50 % slower in both processes).
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
from .render import data_files, language_files

__all__ = ["GeneratedSite", "generate_site"]


@dataclass(frozen=True)
class GeneratedSite:
    document: Document
    files: dict[str, str]  # relative to the generated folder, as ``render_site``
    sources: dict[str, str]  # the YAML texts the files come from, by file name


def generate_site(
    data_dir: Path,
    languages: tuple[str, ...],
    directory_urls: bool = True,
    workers: int = 1,
    freeze: bool = False,
) -> GeneratedSite:
    """Load, validate and render ``data_dir``; raise ``DataErrors`` on bad data.

    ``workers`` > 1 renders the other languages in a forked process (same
    output). ``freeze`` hands the document to the garbage collector's permanent
    generation (``gc.freeze``): it is never scanned again, nor freed, so use it
    only when the document lives as long as the process (a one-off build).
    """
    sources = read_sources(data_dir)
    texts = {f"{name}.yaml": s.text for name, s in sources.items() if s.text is not None}
    first, *others = languages
    if workers < 2 or not others or "fork" not in multiprocessing.get_all_start_methods():
        doc = _parse(sources, languages, freeze)
        files = {**_pages(doc, languages, directory_urls), **data_files(doc, texts)}
        return GeneratedSite(doc, files, texts)
    _inherited.update(sources=sources, texts=texts)  # the child gets them by fork
    try:
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
            other_files = pool.submit(_other_languages, languages, directory_urls)
            doc = _parse(sources, languages, freeze)  # bad data: the child fails alike
            files = language_files(doc, first, directory_urls, part="main")
            files.update(other_files.result())
    finally:
        _inherited.clear()
    return GeneratedSite(doc, files, texts)


_inherited: dict[str, object] = {}


def _parse(
    sources: dict[str, Source], languages: tuple[str, ...], freeze: bool, checks: bool = True
) -> Document:
    doc = parse_document(sources, languages, checks)
    if freeze:
        gc.freeze()
    return doc


def _pages(doc: Document, languages, directory_urls: bool) -> dict[str, str]:
    files: dict[str, str] = {}
    for language in languages:
        files.update(language_files(doc, language, directory_urls))
    return files


def _other_languages(languages: tuple[str, ...], directory_urls: bool) -> dict[str, str]:
    """In the forked process: the other languages, the first one's side-by-side
    pages (their texts are rendered here for the other languages' pages anyway)
    and the open data."""
    # this process ends after: freeze; the first process runs the checks
    doc = _parse(_inherited["sources"], languages, freeze=True, checks=False)
    files = _pages(doc, languages[1:], directory_urls)
    files.update(language_files(doc, languages[0], directory_urls, part="side-by-side"))
    files.update(data_files(doc, _inherited["texts"]))
    return files
