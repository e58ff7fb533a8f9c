from pathlib import Path

import pytest

from generator.load import format_path, parse_yaml


def test_keeps_positions_of_keys_and_items():
    f = parse_yaml("a:\n  b:\n    - x\n    - y\n", "f.yaml")
    assert f.data == {"a": {"b": ["x", "y"]}}
    assert f.position(("a", "b")) == (2, 3)
    assert f.position(("a", "b", 1)) == (4, 7)
    assert f.position(("a", "b", 1, "missing")) == (4, 7)


def test_dates_stay_strings():
    assert parse_yaml("d: 2018-12-06\n", "f.yaml").data == {"d": "2018-12-06"}


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
    assert error.line == 2 and "tabs" in error.hint


def test_syntax_error_names_line_without_traceback():
    (error,) = parse_yaml("a: [1, 2\nb: 3\n", "f.yaml").errors
    assert error.file == "f.yaml" and error.line >= 1
    assert error.message.startswith("YAML syntax error")


def test_unsafe_tags_are_rejected():
    f = parse_yaml("a: !!python/object/apply:os.system ['echo hi']\n", "f.yaml")
    assert f.errors and "unsupported" in f.errors[0].message


def test_format_path():
    assert (
        format_path(("sections", 0, "measures", 2, "title", "en"))
        == "sections[0].measures[2].title.en"
    )


def test_merge_keys_and_complex_keys_are_errors_not_crashes():
    f = parse_yaml("a: &x {b: 1}\nc:\n  <<: *x\n  ? [1]\n  : 2\n", "f.yaml")
    assert [e.message for e in f.errors] == ["keys must be plain names"] * 2
    assert [e.line for e in f.errors] == [3, 4]


UNUSUAL = [
    "a: 1\nb: 2\na: 3\n",  # duplicate key
    "x:\n  - t: {fr: a, fr: b}\n",
    "a:\n\tb: 1\n",  # tab
    "a: [1, 2\nb: 3\n",  # syntax error
    "a: !!python/object/apply:os.system ['echo hi']\n",
    "a: &x {b: 1}\nc:\n  <<: *x\n  ? [1]\n  : 2\n",  # merge key, complex key
    "a: !custom 1\n",
    "a: !!int x\n",  # a tag the value does not fit
    "a: !!bool x\n",
    "a: !!map x\n",
]
PLAIN = ["", "a: 1\n", "d: 2018-12-06\nl: [1, 2.5, true, null, x]\n", "a: &x [1]\nb: *x\n"]


@pytest.mark.parametrize("text", UNUSUAL + PLAIN)
def test_without_positions_the_same_data_and_errors(text):
    with_positions = parse_yaml(text, "f.yaml")
    without = parse_yaml(text, "f.yaml", positions=False)
    assert (without.data, without.errors) == (with_positions.data, with_positions.errors)
    # plain data skips the positions; anything unusual is parsed with them
    assert without.positioned is bool(with_positions.errors) and (text in UNUSUAL) is bool(
        with_positions.errors
    )


def test_the_data_files_parse_the_same_without_positions():
    for path in sorted((Path(__file__).parent.parent / "data").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert parse_yaml(text, path.name, positions=False).data == parse_yaml(text, path.name).data


@pytest.mark.parametrize("tag", ["int", "float", "bool", "map", "seq"])
def test_a_value_that_does_not_fit_its_tag_is_an_error_not_a_crash(tag):
    for positions in (True, False):
        parsed = parse_yaml(f"a:\n  b: !!{tag} x\n", "f.yaml", positions)
        (error,) = parsed.errors
        assert (error.line, error.path, error.message) == (2, "a.b", f"'x' is not a valid {tag}")
        assert parsed.data == {"a": {"b": None}}
