from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).parent / "fixtures" / "mini"
DATA = ROOT / "data"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the small valid fixture document."""
    target = tmp_path / "data"
    shutil.copytree(MINI, target)
    return target


def edit(folder: Path, name: str, old: str, new: str) -> int:
    """Replace ``old`` (which must occur once) in ``folder/name``; return its 1-based line."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {name}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return line
