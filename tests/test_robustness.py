"""Arbitrary edits of valid data give DataErrors, never another exception."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from conftest import MINI
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator import DataErrors, load_document

NAMES = sorted(p.name for p in MINI.glob("*.yaml"))
PIECES = st.sampled_from(
    [
        "",
        " ",
        "\t",
        ":",
        "- ",
        "{",
        "}",
        "[",
        "]",
        "'",
        '"',
        "[^1]",
        "**",
        "^",
        "null",
        "1",
        "fr:",
        "en:",
        "invariant:",
        "id:",
        "\n",
        "  ",
        "EMSC",
        "XYZW",
        "&a",
        "*a",
        "!!str",
        "<<: ",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(NAMES),
    position=st.floats(min_value=0, max_value=1),
    cut=st.integers(min_value=0, max_value=40),
    insert=st.lists(PIECES, max_size=4).map("".join),
)
# found by this test: an actor id broken by a space, then referenced (None in the ids)
@example(name="actors.yaml", position=0.578125, cut=0, insert=" ")
def test_mutated_data_never_crashes(name, position, cut, insert):
    folder = Path(tempfile.mkdtemp()) / "data"
    try:
        shutil.copytree(MINI, folder)
        path = folder / name
        text = path.read_text(encoding="utf-8")
        at = int(position * len(text))
        path.write_text(text[:at] + insert + text[at + cut :], encoding="utf-8")
        try:
            load_document(folder)
        except DataErrors as exc:
            assert exc.errors and all(e.line >= 1 for e in exc.errors)
    finally:
        shutil.rmtree(folder.parent)
