"""Data folder -> generated folder, in one process or two."""

from __future__ import annotations

import gc
import shutil

import pytest
from conftest import MINI, edit

from generator import DataErrors, load_document
from generator.render import render_site
from generator.site import generate_site
from generator.validate import FILES


def _sources(folder):
    return {f"{name}.yaml": (folder / f"{name}.yaml").read_text(encoding="utf-8") for name in FILES}


def _contents(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in folder.rglob("*")
        if p.is_file()
    }


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize("workers", [1, 2])
def test_one_or_two_processes_write_the_rendered_files(tmp_path, directory_urls, workers):
    expected = render_site(load_document(MINI), ("fr", "en"), directory_urls, _sources(MINI))
    folder = tmp_path / "package"
    (folder / "old").mkdir(parents=True)
    (folder / "old" / "stale.fr.md").write_text("from an earlier build")

    site = generate_site(MINI, ("fr", "en"), folder, directory_urls, workers=workers)
    assert _contents(folder) == expected
    assert site.report.written == sorted(expected) and site.report.unchanged == 0
    assert site.report.removed == ["old/stale.fr.md"] and not (folder / "old").exists()
    assert site.document.languages == ("fr", "en")

    again = generate_site(MINI, ("fr", "en"), folder, directory_urls, workers=workers)
    assert again.report.written == [] and again.report.unchanged == len(expected)


@pytest.mark.parametrize("workers", [1, 2])
def test_an_edit_rewrites_only_the_files_it_changes(tmp_path, mini, workers):
    folder = tmp_path / "package"
    generate_site(mini, ("fr", "en"), folder, workers=workers)
    edit(mini, "measures.yaml", 'en: "Act fast"', 'en: "Act very fast"')
    report = generate_site(mini, ("fr", "en"), folder, workers=workers).report
    # French pages change only where they show the English text too (side by side)
    french = [p for p in report.written if ".fr." in p and not p.startswith("side-by-side/")]
    assert french == [] and "side-by-side/measure-2.fr.md" in report.written
    assert "measure-2.en.md" in report.written and "data/yaml/measures.yaml" in report.written


@pytest.mark.parametrize("workers", [1, 2])
def test_bad_data_raises_every_error_and_writes_nothing(tmp_path, mini, workers):
    folder = tmp_path / "package"
    generate_site(mini, ("fr", "en"), folder, workers=workers)
    before = _contents(folder)
    edit(mini, "measures.yaml", "actors: [emsc]", "actors: [emcs]")  # a whole-document check
    edit(mini, "glossary.yaml", "id: ue", "id: emsc")
    edit(mini, "measures.yaml", 'en: "Act fast"', 'en: "Act very fast"')
    with pytest.raises(DataErrors) as raised:
        generate_site(mini, ("fr", "en"), folder, workers=workers)
    messages = [e.message for e in raised.value.errors]
    assert "unknown actor id 'emcs'" in messages
    assert "duplicate glossary id 'emsc'" in messages
    assert _contents(folder) == before
    with pytest.raises(DataErrors) as loaded:  # one process, with positions all along
        load_document(mini)
    assert raised.value.errors == loaded.value.errors  # the same lines and columns
    assert {e.line for e in raised.value.errors} != {1}


def test_freeze_moves_the_document_out_of_the_collectors_reach(tmp_path):
    gc.unfreeze()
    try:
        generate_site(MINI, ("fr", "en"), tmp_path / "a", freeze=False)
        assert gc.get_freeze_count() == 0
        generate_site(MINI, ("fr", "en"), tmp_path / "b", freeze=True)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    shutil.rmtree(tmp_path / "a")


def test_a_failure_in_the_forked_process_is_raised_and_nothing_is_written(tmp_path, monkeypatch):
    import os

    import generator.site as site

    parent = os.getpid()
    render = site.language_files

    def fails_in_the_fork(*args, **kwargs):
        if os.getpid() != parent:
            raise ValueError("boom in the fork")
        return render(*args, **kwargs)

    monkeypatch.setattr(site, "language_files", fails_in_the_fork)
    folder = tmp_path / "package"
    with pytest.raises(RuntimeError, match="boom in the fork"):
        generate_site(MINI, ("fr", "en"), folder, workers=2)
    assert not folder.exists()


def test_a_forked_process_that_dies_is_an_error(tmp_path, monkeypatch):
    import os

    import generator.site as site

    parent = os.getpid()
    render = site.language_files

    def dies_in_the_fork(*args, **kwargs):
        if os.getpid() != parent:
            os._exit(3)
        return render(*args, **kwargs)

    monkeypatch.setattr(site, "language_files", dies_in_the_fork)
    with pytest.raises(RuntimeError, match="stopped"):
        generate_site(MINI, ("fr", "en"), tmp_path / "package", workers=2)
