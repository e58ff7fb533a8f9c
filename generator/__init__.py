"""Load, validate and render the Council document 15250/18.

Public API: ``load_document`` (YAML files -> validated ``Document``),
``DataError``/``DataErrors`` and the models in ``generator.models``.
"""

from __future__ import annotations

import contextlib
import gc
from pathlib import Path

from .errors import DataError, DataErrors
from .load import read_yaml
from .models import Document
from .validate import FILES, build_document

DEFAULT_LANGUAGES = ("fr", "en")

__all__ = ["DEFAULT_LANGUAGES", "DataError", "DataErrors", "Document", "load_document"]


def load_document(data_dir: Path, languages: tuple[str, ...] = DEFAULT_LANGUAGES) -> Document:
    """Read ``data_dir/*.yaml`` and return the ``Document``, or raise ``DataErrors``."""
    data_dir = Path(data_dir)
    with _collector_paused():  # millions of new objects, no garbage: skip the scans
        files = {
            name: read_yaml(data_dir / f"{name}.yaml", _display(data_dir / f"{name}.yaml"))
            for name in FILES
        }
        return build_document(files, languages)


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
