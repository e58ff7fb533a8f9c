"""The Council document 15250/18 as validated data, rendered as pages.

The flow, one module a step: ``load`` (the data folder's YAML files, with the
place of every value) -> ``validate`` (with ``fields`` and ``checks``: a typed
``models.Document``, or every ``DataError`` at once) -> ``views`` -> ``render``
(each kind of page of ``pages.KINDS`` through its template) -> ``write`` (the
generated folder, only what changed). ``generated.generate`` runs them all; the MkDocs
adapter is ``mkdocs_hook.py``.

Public API: ``load_document``, ``DataError``/``DataErrors``, the models;
``EditionError``, the base of every error the generator raises.
"""

from __future__ import annotations

from pathlib import Path

from . import pages
from .errors import READING, DataError, DataErrors, EditionError
from .fidelity import source_path
from .interface import Usage, python_usage, template_usage
from .load import FILES, Source, read_folder, read_source
from .models import Document
from .project import CONFIG, config_beside, theme_usage
from .render import TEMPLATES
from .validate import build_document

DEFAULT_LANGUAGES = ("fr", "en")

__all__ = [
    "DEFAULT_LANGUAGES",
    "DataError",
    "DataErrors",
    "Document",
    "EditionError",
    "load_document",
    "read_data",
]


def read_data(data_dir: Path, languages: tuple[str, ...]) -> tuple[dict[str, Source], Source]:
    """The data files and the source text of ``data_dir``, as read from disk;
    raise ``DataErrors`` if one cannot be read or there is an unknown file."""
    if not languages:
        raise DataErrors([DataError("mkdocs.yml", 1, 1, "", "no language to build", "", READING)])
    data_dir = Path(data_dir)
    sources, unknown = read_folder(data_dir, FILES)
    problems = unknown + [s.problem for s in sources.values() if s.problem]
    if problems:
        raise DataErrors(problems)
    return sources, read_source(data_dir / source_path(languages[0]))


def load_document(data_dir: Path, languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> Document:
    """Read, check and build the document of ``data_dir``, or raise
    ``DataErrors``: the strings the page templates, the Python code, the
    theme and ``mkdocs.yml`` use must exist (and no other), and the source
    text must stand in the source language's texts."""
    sources, source = read_data(data_dir, languages)
    return parse_document(sources, source, languages, config_beside(data_dir))


def parse_document(
    sources: dict[str, Source],
    source: Source,
    languages: tuple[str, ...],
    config: Path = CONFIG,
) -> Document:
    """``load_document`` of texts already read (``config``: the project's mkdocs.yml)."""
    files = {name: s.parse() for name, s in sources.items()}
    reading = [e for f in files.values() for e in f.errors if e.stage == READING]
    if reading:
        raise DataErrors(reading)
    return build_document(files, languages, source, interface_usage(config))


def interface_usage(config: Path = CONFIG) -> list[Usage]:
    """Every use of an interface string: by the page templates, the
    generator's Python code, the page registry (navigation and search
    labels), the theme's templates and ``config`` (the palette toggles)."""
    registry = [
        Usage(key, "generator/pages.py", frozenset(names))
        for key, names in pages.interface_keys().items()
    ]
    code = list(python_usage(Path(__file__).parent).uses)
    return template_usage([TEMPLATES]) + code + registry + theme_usage(config)
