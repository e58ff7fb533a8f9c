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
