"""Data folder -> generated files, in one process or two."""

from __future__ import annotations

import gc

import pytest
from conftest import MINI, edit

from generator import DataErrors, load_document
from generator.render import render_site
from generator.site import generate_site
from generator.validate import FILES


def _sources(folder):
    return {f"{name}.yaml": (folder / f"{name}.yaml").read_text(encoding="utf-8") for name in FILES}


@pytest.mark.parametrize("directory_urls", [True, False])
def test_two_processes_give_the_files_of_one(directory_urls):
    expected = render_site(load_document(MINI), ("fr", "en"), directory_urls, _sources(MINI))
    for workers in (1, 2):
        site = generate_site(MINI, ("fr", "en"), directory_urls, workers=workers)
        assert site.files == expected
        assert site.sources == _sources(MINI)
        assert site.document.languages == ("fr", "en")


@pytest.mark.parametrize("workers", [1, 2])
def test_bad_data_raises_every_error_in_either_mode(mini, workers):
    edit(mini, "measures.yaml", "actors: [emsc]", "actors: [emcs]")  # a whole-document check
    edit(mini, "glossary.yaml", "id: ue", "id: emsc")
    with pytest.raises(DataErrors) as raised:
        generate_site(mini, ("fr", "en"), workers=workers)
    messages = [e.message for e in raised.value.errors]
    assert "unknown actor id 'emcs'" in messages
    assert "duplicate glossary id 'emsc'" in messages


def test_freeze_moves_the_document_out_of_the_collectors_reach():
    gc.unfreeze()
    try:
        generate_site(MINI, ("fr", "en"), freeze=False)
        assert gc.get_freeze_count() == 0
        generate_site(MINI, ("fr", "en"), freeze=True)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
