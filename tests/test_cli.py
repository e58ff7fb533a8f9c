"""`python -m generator check`: a summary, or every error with its place, never a traceback."""

from __future__ import annotations

import shutil

import pytest
from conftest import DATA, edit

from generator.cli import configured_languages, main


def check(data, *args):
    return main(["check", "--data", str(data), *args])


def test_check_prints_a_summary(mini, capsys):
    assert check(mini, "--languages", "fr,en") == 0
    out = capsys.readouterr().out
    assert out.startswith("OK: 1 sections, 2 measures, 3 actions, 2 footnotes")


def test_check_reports_all_errors_and_fails(mini, capsys):
    edit(mini, "measures.yaml", "actors: [emsc]", "actors: [ghost]")
    edit(mini, "events.yaml", 'date: "2019"', 'date: "soon"')
    assert check(mini, "--languages", "fr,en") == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3 and err[-1] == "2 data errors found"
    assert "invalid date 'soon'" in err[0] and "unknown actor id 'ghost'" in err[1]  # cause first


def test_check_reports_a_changed_word_at_its_data_place_beside_the_source_line(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    line = edit(data, "footnotes.yaml", "Doc. 9345/15.", "Doc. 9345/16.")
    assert check(data, "--languages", "fr,en") == 1
    (error, summary) = capsys.readouterr().err.splitlines()
    source = (DATA / "source" / "15250-18.fr.txt").read_text(encoding="utf-8").splitlines()
    source_line = next(i for i, text in enumerate(source, 1) if "9345/15" in text)
    assert f"footnotes.yaml:{line}:" in error and "footnotes[5].text.invariant:" in error
    assert f"differs from {data / 'source' / '15250-18.fr.txt'}:{source_line}" in error
    assert "[9345/15.]" in error and "[9345/16.]" in error and summary == "1 data error found"


def test_check_on_the_real_data_with_the_languages_of_mkdocs_yml(capsys):
    assert check(DATA) == 0
    assert "4 sections, 13 measures, 42 actions, 17 footnotes" in capsys.readouterr().out


def test_the_languages_come_from_mkdocs_yml_default_first():
    assert configured_languages(DATA.parent / "mkdocs.yml") == ("fr", "en")


@pytest.mark.parametrize(
    ("languages", "message"),
    [
        ("", "give at least one language code"),
        (" , ", "give at least one language code"),
        ("fr,xx", "'xx' is not a language code"),
        ("fr,<script>", "'<script>' is not a language code"),
        ("fr,fr", "a language is given twice"),
    ],
)
def test_a_wrong_language_list_is_a_usage_error_not_a_traceback(mini, capsys, languages, message):
    with pytest.raises(SystemExit) as exited:
        check(mini, "--languages", languages)
    assert exited.value.code == 2
    assert f"--languages: {message}" in capsys.readouterr().err


def test_check_says_how_many_translated_texts_are_the_council_s_own(mini, capsys):
    edit(mini, "measures.yaml", 'en: "Act fast"}', 'en: "Act fast", council: [en]}')
    assert check(mini, "--languages", "fr,en") == 0
    assert "en: 1 of " in capsys.readouterr().out
