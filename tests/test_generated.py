"""The generated folder in one call: load, validate, render every page of every language, the
open data and the stylesheet, write what changed."""

from __future__ import annotations

import pytest
from conftest import DATA, MINI, edit

from generator import DataErrors, load_document
from generator.folder import FolderError
from generator.generated import generate
from generator.load import FILES
from generator.render import render_site


def _yaml(folder):
    return {f"{name}.yaml": (folder / f"{name}.yaml").read_text(encoding="utf-8") for name in FILES}


def _contents(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in folder.rglob("*")
        if p.is_file()
    }


@pytest.mark.parametrize("directory_urls", [True, False])
def test_the_generated_folder_holds_the_rendered_files(tmp_path, directory_urls):
    expected = render_site(load_document(MINI), directory_urls, _yaml(MINI))
    folder = tmp_path / "package"
    site = generate(MINI, ("fr", "en"), folder, directory_urls)
    contents = _contents(folder)
    assert contents.pop(".generated").split() == sorted(expected)
    assert contents == expected
    assert site.report.written == sorted(expected) and site.report.unchanged == 0
    assert site.document.languages == ("fr", "en") and site.yaml_texts == _yaml(MINI)

    again = generate(MINI, ("fr", "en"), folder, directory_urls)
    assert again.report.written == [] and again.report.unchanged == len(expected)


def test_an_edit_rewrites_only_the_files_it_changes(tmp_path, mini):
    folder = tmp_path / "package"
    generate(mini, ("fr", "en"), folder)
    edit(mini, "measures.yaml", 'en: "Act fast"', 'en: "Act very fast"')
    report = generate(mini, ("fr", "en"), folder).report
    # French pages change only where they show the English text too (side by side)
    french = [p for p in report.written if ".fr." in p and not p.startswith("side-by-side/")]
    assert french == [] and "side-by-side/measure-2.fr.md" in report.written
    assert "measure-2.en.md" in report.written and "data/yaml/measures.yaml" in report.written
    assert "measure-1.en.md" not in report.written


def test_bad_data_raises_every_error_and_writes_nothing(tmp_path, mini):
    folder = tmp_path / "package"
    generate(mini, ("fr", "en"), folder)
    before = _contents(folder)
    edit(mini, "measures.yaml", "actors: [emsc]", "actors: [emcs]")
    edit(mini, "glossary.yaml", "id: ue", "id: emsc")
    edit(mini, "measures.yaml", 'en: "Act fast"', 'en: "Act very fast"')
    with pytest.raises(DataErrors) as raised:
        generate(mini, ("fr", "en"), folder)
    messages = [e.message for e in raised.value.errors]
    assert "unknown actor id 'emcs'" in messages and "duplicate glossary id 'emsc'" in messages
    assert _contents(folder) == before


def test_a_hand_written_page_in_the_generated_folder_stops_the_generation(tmp_path):
    folder = tmp_path / "package"
    generate(MINI, ("fr", "en"), folder)
    (folder / "notes.fr.md").write_text("my notes")
    with pytest.raises(FolderError, match="notes.fr.md"):
        generate(MINI, ("fr", "en"), folder)
    assert (folder / "notes.fr.md").read_text() == "my notes"


@pytest.mark.parametrize("data", [MINI, DATA])
def test_the_names_check_expects_are_the_files_the_build_writes(data):
    from generator.generated import file_names

    doc = load_document(data)
    assert file_names(doc) == set(render_site(doc, True, {f"{n}.yaml": "" for n in FILES}))
