"""Reading YAML: positions, and every way a file can be unusable named at its place."""

from __future__ import annotations

import os

import pytest

from generator.errors import READING
from generator.load import (
    MAX_BYTES,
    MAX_DEPTH,
    format_path,
    parse_yaml,
    read_folder,
    read_source,
)


def test_keeps_positions_of_keys_and_items():
    f = parse_yaml("a:\n  b:\n    - x\n    - y\n", "f.yaml")
    assert f.data == {"a": {"b": ["x", "y"]}}
    assert f.position(("a", "b")) == (2, 3)
    assert f.position(("a", "b", 1)) == (4, 7)
    assert f.position(("a", "b", 1, "missing")) == (4, 7)


@pytest.mark.parametrize(
    ("value", "data", "reads_as"),
    [
        ("1.10", 1.1, "a number"),
        ("12:30", 750, "a number"),  # YAML 1.1 reads it in base 60
        ("0x1F", 31, "a number"),
        ("no", False, "true/false"),
        ("2018-12-06", "2018-12-06", "a date"),
        ("~", None, "nothing (null)"),
    ],
)
def test_unquoted_values_read_as_something_else_are_recorded_as_written(value, data, reads_as):
    f = parse_yaml(f"a: {value}\nb: '{value}'\n", "f.yaml")
    assert f.data == {"a": data, "b": value}
    assert f.unquoted == {("a",): (value, reads_as)}


def test_duplicate_key_is_an_error_with_both_lines():
    f = parse_yaml("a: 1\nb: 2\na: 3\n", "f.yaml")
    (error,) = f.errors
    assert (error.file, error.line, error.path) == ("f.yaml", 3, "a")
    assert "duplicate key 'a'" in error.message and "line 1" in error.message


def test_nested_duplicate_key():
    f = parse_yaml("x:\n  - t: {fr: a, fr: b}\n", "f.yaml")
    (error,) = f.errors
    assert error.path == "x[0].t.fr" and error.line == 2


def test_tab_indentation_gets_a_hint():
    (error,) = parse_yaml("a:\n\tb: 1\n", "f.yaml").errors
    assert error.line == 2 and "tabs" in error.hint and error.stage == READING


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('a: "x\nb: y\nc: z\n', 1),
        ('a:\n  b: "ok \\" quoted"\n  c: "left open\n  d: "x"\n  e: "y"\n', 3),  # block
        ('a: {b: "ok", c: "left open, d: "x"}\n', 1),  # flow
    ],
)
def test_an_unclosed_quote_is_one_error_at_its_line(text, line):
    (error,) = parse_yaml(text, "f.yaml").errors
    assert error.message.startswith("YAML syntax error") and error.line == line, error


@pytest.mark.parametrize(
    "tagged",
    [
        "!!python/object/apply:os.system ['echo hi']",
        "!!binary aGVsbG8=",
        '!!str "x"',
        "!!int x",
        "!!map {c: d}",
        "!local x",
    ],
)
def test_a_tag_is_the_one_error_named_at_its_line(tagged):
    parsed = parse_yaml(f"a:\n  b: {tagged}\n", "f.yaml")
    (error,) = parsed.errors
    assert (error.line, error.column, error.stage) == (2, 6, READING)
    assert error.message.startswith("YAML tags are not allowed"), error.message


def test_format_path():
    path = ("sections", 0, "measures", 2, "title", "en")
    assert format_path(path) == "sections[0].measures[2].title.en"


def test_merge_keys_and_complex_keys_are_errors_not_crashes():
    f = parse_yaml("c:\n  <<: {b: 1}\n  ? [1]\n  : 2\n", "f.yaml")
    assert [e.message for e in f.errors] == ["keys must be plain names"] * 2
    assert [e.line for e in f.errors] == [2, 3]


def test_an_alias_bomb_is_refused_before_anything_is_expanded():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{b}: &{b} [*{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}]\n"
        for a, b in zip("abcdefgh", "bcdefghi", strict=True)
    )
    (error,) = parse_yaml(bomb, "f.yaml").errors
    assert (error.line, error.column, error.stage) == (1, 4, READING)
    assert "anchors and aliases" in error.message


def test_nesting_deeper_than_the_limit_is_an_error_not_a_recursion_error():
    text = "a: " + "[" * 600 + "]" * 600 + "\n"
    (error,) = parse_yaml(text, "f.yaml").errors
    assert f"more than {MAX_DEPTH} levels" in error.message and error.line == 1
    parse_yaml("a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH, "f.yaml")  # the limit itself is fine


def test_a_nul_byte_is_named_at_its_line_and_column(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a: 1\nb: x\x00y\n")
    error = read_source(path).problem
    assert (error.line, error.column) == (2, 5) and "U+0000" in error.message


@pytest.mark.parametrize("mark", ["\u2028", "\u2029", "\x85", "\r"])
def test_a_line_break_only_yaml_counts_is_named_at_its_line(tmp_path, mark):
    path = tmp_path / "f.yaml"
    path.write_text(f'a: "1"\r\nb: "x{mark}y"\nc: 3\n', encoding="utf-8", newline="")
    error = read_source(path).problem
    assert (error.line, error.column) == (2, 6) and f"U+{ord(mark):04X}" in error.message


def test_invalid_utf8_is_named_at_its_line_and_column(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_bytes("a: é\nbb: \xff\n".encode("latin-1"))
    error = read_source(path).problem
    assert (error.line, error.column) == (1, 4) and "invalid UTF-8" in error.message


def test_a_file_too_large_is_refused_without_being_read(tmp_path):
    path = tmp_path / "f.yaml"
    with open(path, "wb") as out:
        out.truncate(MAX_BYTES + 1)
    assert "too large" in read_source(path).problem.message


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, "missing file"),
        (lambda p: p.mkdir(), "not a file"),
        (lambda p: os.symlink(p.parent / "gone.yaml", p), "broken symbolic link"),
    ],
)
def test_a_path_that_is_not_a_readable_file_is_named(tmp_path, make, message):
    path = tmp_path / "measures.yaml"
    make(path)
    error = read_source(path, "data/measures.yaml").problem
    assert (error.file, error.line, error.stage) == ("data/measures.yaml", 1, READING)
    assert error.message == message


def test_an_unreadable_file_is_named(tmp_path, monkeypatch):
    path = tmp_path / "f.yaml"
    path.write_text("a: 1\n")

    def refused(self):  # what reading a file without permission raises (root could read it)
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(type(path), "read_bytes", refused)
    assert read_source(path).problem.message == "cannot read the file: Permission denied"


def test_unknown_files_in_the_data_folder_are_named(tmp_path):
    for name in ("measures.yaml", "measure.yaml", "README.md", ".hidden"):
        (tmp_path / name).write_text("a: 1\n")
    (tmp_path / "source").mkdir()
    sources, unknown = read_folder(tmp_path, ("measures", "actors"))
    assert [e.file.rsplit("/", 1)[-1] for e in unknown] == ["measure.yaml"]
    assert sources["actors"].problem.message == "missing file"


def test_a_value_yaml_reads_as_something_else_than_text_is_an_error():
    parsed = parse_yaml("a:\n  b: =\n", "f.yaml")
    (error,) = parsed.errors
    assert (error.line, error.path) == (2, "a.b") and "not a plain value" in error.message
