"""`python -m generator check`: a summary, or every error with its place, never a traceback."""

from __future__ import annotations

import shutil

import pytest
from conftest import DATA, MINI, edit

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
@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the site's sources with the fixture data, as the working folder."""
    from sitebuild import make_project

    monkeypatch.chdir(tmp_path)
    return make_project(tmp_path / "p", MINI)


def _errors(project, capsys) -> list[str]:
    assert check(project / "data") == 1
    return capsys.readouterr().err.splitlines()[:-1]


def test_check_reads_the_hand_written_pages_beside_the_data(project, capsys):
    (project / "docs" / "about.en.md").unlink()
    (project / "docs" / "notes.md").write_text("Notes\n", encoding="utf-8")
    (project / "docs" / "edit.en.md").write_text('--8<-- "package/glossary.fr.md"\n')
    assert _errors(project, capsys) == [
        "p/docs/about.en.md:1:1: missing: every hand-written page exists in every language "
        "(hint: write it in English, like about.fr.md)",
        "p/docs/edit.en.md:1:1: includes package/glossary.fr.md, a page of 'fr', in a page of 'en' "
        "(hint: include package/glossary.en.md)",
        "p/docs/notes.md:1:1: no language suffix in notes.md "
        "(hint: name it <name>.<language>.md, one per language (fr, en))",
    ]


def test_a_snippet_must_name_a_file_that_will_be_there(project, capsys):
    (project / "docs" / "edit.fr.md").write_text('--8<-- "package/glosary.fr.md"\n')
    (project / "docs" / "edit.en.md").write_text('\n--8<-- "parts/note.md"\n')
    assert _errors(project, capsys) == [
        "p/docs/edit.en.md:2:1: includes parts/note.md, which is not a file of docs/ "
        "(hint: fix the path)",
        "p/docs/edit.fr.md:1:1: includes package/glosary.fr.md, which is not a page the "
        "generator writes (hint: name a generated page, e.g. package/glosary.fr.md)",
    ]


def test_the_palette_toggles_name_interface_strings(project, capsys):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    line = text[: text.index("name: palette_to_dark")].count("\n") + 1
    text = text.replace("name: palette_to_dark", "name: palette_dark")
    config.write_text(text.replace("        name: palette_to_light\n", ""), encoding="utf-8")
    errors = _errors(project, capsys)
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
    assert _errors(project, capsys) == [
        f"p/mkdocs.yml:{line}:12: theme.palette: a list or a mapping (key: value) here, not "
        "the number 5 (hint: e.g. palette: [{scheme: default, toggle: {…}}])"
    ]


def test_a_link_of_a_hand_written_page_must_lead_somewhere(project, capsys):
    (project / "docs" / "edit.en.md").write_text(
        "[a](about.md) [g](package/glossary.md#emsc) [m](package/measure-2.md) [w](https://x.eu)\n"
        "[t](#edit) [d](package/data/15250-18-en.json) [s](assets/edition.css)\n"
        "[lost](package/glosary.md) [fr](about.fr.md) [out](../docs/about.md)\n\n"
        "[ref]: nowhere.md\n"
        "```\n[in code](not-followed.md)\n```\n`[inline](code.md)`\n# Edit\n",
        encoding="utf-8",
    )
    (project / "docs" / "assets").mkdir()
    (project / "docs" / "assets" / "edition.css").write_text("")
    assert _errors(project, capsys) == [
        "p/docs/edit.en.md:3:8: links to package/glosary.md, which is not a page of the site "
        "nor a file of docs/ (hint: fix the link)",
        "p/docs/edit.en.md:3:33: links to about.fr.md, a page of 'fr', from a page of 'en' "
        "(hint: link to about.md, which leads to the page in this page's language)",
        "p/docs/edit.en.md:3:52: links to ../docs/about.md, which is not a page of the site "
        "nor a file of docs/ (hint: fix the link)",
        "p/docs/edit.en.md:5:8: links to nowhere.md, which is not a page of the site nor a "
        "file of docs/ (hint: fix the link)",
    ]


# Anchors as MkDocs' strict build finds them (tests/test_maintainers.py: it
# agrees, and the build refuses what check refuses): a heading's (the toc
# extension's slug of mkdocs.yml, or its { #id }), a generated page's (actions,
# footnotes, glossary entries), the page's own, the home page's included body.
GOOD_ANCHORS = (
    "# Edit the data\n\n"
    "[a](about.md#source) [b](#edit-the-data) [c](package/measure-1.md#action-1-1)\n"
    "[d](package/glossary.md#emsc) [e](about.en.md#licence) [f](index.md#start-here)\n"
    "[g](package/measure-1.md#fn:2) [h](package/measure-1.en.md#actions)\n"
)


def test_an_anchor_a_hand_written_page_links_to_is_on_that_page(project, capsys):
    (project / "docs" / "edit.en.md").write_text(
        GOOD_ANCHORS + "[h](package/measure-1.md#action-9-9) [i](about.md#no-such-heading)\n"
        "[j](#nowhere) [k](package/measure-9.md) [l](index.md#start)\n",
        encoding="utf-8",
    )
    assert _errors(project, capsys) == [
        "p/docs/edit.en.md:6:5: links to package/measure-1.md#action-9-9, but "
        "package/measure-1.en.md has no anchor 'action-9-9' (hint: the nearest there is "
        "'#action-1-2')",
        "p/docs/edit.en.md:6:42: links to about.md#no-such-heading, but about.en.md has no "
        "anchor 'no-such-heading' (hint: the nearest there is '#source')",
        "p/docs/edit.en.md:7:5: links to #nowhere, but edit.en.md has no anchor 'nowhere' "
        "(hint: the nearest there is '#edit-the-data')",
        "p/docs/edit.en.md:7:19: links to package/measure-9.md, a page the generator does not "
        "write (hint: did you mean package/measure-2.md?)",
        "p/docs/edit.en.md:7:45: links to index.md#start, but index.en.md has no anchor "
        "'start' (hint: the nearest there is '#start-here')",
    ]


def test_the_slugs_of_headings_are_the_toc_extension_s_of_mkdocs_yml(project, capsys):
    """Its options as MkDocs reads them, a Python function named by a tag too."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    slug = "      permalink: false\n      slugify: !!python/name:markdown.extensions.toc.slugify_unicode\n"
    config.write_text(text.replace("      permalink: false\n", slug), encoding="utf-8")
    (project / "docs" / "edit.fr.md").write_text(
        "# Modifier les données\n\n[a](#modifier-les-données) [b](#modifier-les-donnees)\n",
        encoding="utf-8",
    )
    assert _errors(project, capsys) == [
        "p/docs/edit.fr.md:3:32: links to #modifier-les-donnees, but edit.fr.md has no anchor "
        "'modifier-les-donnees' (hint: the nearest there is '#modifier-les-données')",
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
