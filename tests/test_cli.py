"""`python -m generator check`: a summary, or every error with its place, never a traceback."""

from __future__ import annotations

import shutil

import pytest
from conftest import DATA, MINI, check_errors, edit

from generator import load_document
from generator.cli import configured_languages, main


def check(data, *args):
    return main(["check", "--data", str(data), *args])


def test_check_prints_a_summary(mini, capsys):
    assert check(mini, "--languages", "fr,en") == 0
    out = capsys.readouterr().out
    assert out.startswith("OK: 1 sections, 2 measures, 3 actions, 2 footnotes")
    assert "this edition: 1.1 of 2026-12-07 (2 in editions.yaml)" in out  # the newest


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


# -- the project around the data: mkdocs.yml and the hand-written pages --------
def test_the_palette_toggles_name_interface_strings(project, capsys):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    line = text[: text.index("name: palette_to_dark")].count("\n") + 1
    text = text.replace("name: palette_to_dark", "name: palette_dark")
    config.write_text(text.replace("        name: palette_to_light\n", ""), encoding="utf-8")
    errors = check_errors(project, capsys)
    assert any(
        e.endswith(
            "strings: missing interface string 'palette_dark' "
            f"(used by mkdocs.yml:{line}) (hint: add it, with a text per language)"
        )
        for e in errors
    ), errors
    assert any(
        e.startswith("p/mkdocs.yml:")
        and "theme.palette[1].toggle: a palette toggle without a name" in e
        for e in errors
    ), errors


def test_a_palette_that_is_no_list_is_no_traceback(project, capsys):
    """``palette: 5`` (MkDocs refuses it): one line at its place, and no
    unused strings said of the toggles it no longer names (test_config.py:
    every key's wrong type)."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start, end = text.index("  palette:\n"), text.index("\nextra:")
    config.write_text(text[:start] + "  palette: 5\n" + text[end:], encoding="utf-8")
    line = text[:start].count("\n") + 1
    assert check_errors(project, capsys) == [
        f"p/mkdocs.yml:{line}:12: theme.palette: a list or a mapping (key: value) here, not "
        "the number 5 (hint: e.g. palette: [{scheme: default, toggle: {…}}])"
    ]


def test_check_refuses_a_file_in_the_generated_folder_as_the_build_does(project, capsys):
    generated = project / "docs" / "package"
    generated.mkdir()
    (generated / "notes.fr.md").write_text("mine\n", encoding="utf-8")
    (generated / "glossary.fr.md").write_text("about to be written\n", encoding="utf-8")
    assert check(project / "data") == 1
    err = capsys.readouterr().err
    assert "holds files the generator did not write" in err and "notes.fr.md" in err
    assert "glossary.fr.md" not in err  # a file of its own: the build replaces it


def test_archive_keeps_the_built_zip_under_the_edition_s_version(tmp_path):
    """``make archive``: the built site's offline zip, kept in docs/editions/
    under the data's newest version; without a built site, one line."""
    shutil.copytree(MINI, tmp_path / "data")
    site = tmp_path / "site"
    args = ["archive", "--data", str(tmp_path / "data"), "--site", str(site)]
    assert main(args) == 1  # nothing built yet
    built = site / "package" / "data" / "15250-18-offline.zip"
    built.parent.mkdir(parents=True)
    built.write_bytes(b"PK zip")
    assert main(args) == 0
    version = load_document(MINI).edition.version
    kept = tmp_path / "docs" / "editions" / f"15250-18-offline-{version}.zip"
    assert kept.read_bytes() == b"PK zip"
