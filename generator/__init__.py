"""Load, validate and render the Council document 15250/18.

Public API: ``load_document`` (YAML files -> validated ``Document``), or its
steps ``read_sources`` and ``parse_document`` (itself ``parse_sources`` and
``document_of``),
``DataError``/``DataErrors`` and the models in ``generator.models``.
"""

from __future__ import annotations

import contextlib
import gc
from pathlib import Path

from .errors import DataError, DataErrors
from .load import Source, YamlFile, read_source
from .models import Document
from .validate import FILES, build_document

DEFAULT_LANGUAGES = ("fr", "en")

__all__ = [
    "DEFAULT_LANGUAGES",
    "DataError",
    "DataErrors",
    "Document",
    "Source",
    "document_of",
    "load_document",
    "parse_document",
    "parse_sources",
    "read_sources",
]


def load_document(data_dir: Path, languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> Document:
    """Read ``data_dir/*.yaml`` and return the ``Document``, or raise ``DataErrors``."""
    return parse_document(read_sources(data_dir), languages)


def read_sources(data_dir: Path) -> dict[str, Source]:
    """The text of every data file (``FILES``), by name."""
    data_dir = Path(data_dir)
    return {
        name: read_source(data_dir / f"{name}.yaml", _display(data_dir / f"{name}.yaml"))
        for name in FILES
    }


def parse_document(
    sources: dict[str, Source],
    languages: tuple[str, ...] = DEFAULT_LANGUAGES,
    checks: bool = True,
) -> Document:
    """The ``Document`` of the data files read by ``read_sources``, or raise
    ``DataErrors`` (``checks``: see ``validate.build_document``)."""
    return document_of(parse_sources(sources), sources, languages, checks)


def parse_sources(
    sources: dict[str, Source], names=None, positions: bool = True
) -> dict[str, YamlFile]:
    """The parsed data files (``names`` only, if given); ``positions=False``
    keeps no line numbers, which ``document_of`` finds again if needed."""
    with _collector_paused():  # millions of new objects, no garbage: skip the scans
        return {name: sources[name].parse(positions) for name in names or sources}


def document_of(
    files: dict[str, YamlFile],
    sources: dict[str, Source],
    languages: tuple[str, ...] = DEFAULT_LANGUAGES,
    checks: bool = True,
) -> Document:
    """``build_document`` of ``files`` (of ``sources``, in their order). If the
    data has errors and some files were parsed without positions, they are all
    parsed again with them, so that every error names its line."""
    files = {name: files[name] for name in sources}
    with _collector_paused():
        try:
            return build_document(files, languages, checks)
        except DataErrors:
            if all(file.positioned for file in files.values()):
                raise
    return parse_document(sources, languages, checks)


@contextlib.contextmanager
def _collector_paused():
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
