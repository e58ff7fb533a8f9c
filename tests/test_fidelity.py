"""Every sentence of the French source stands verbatim in the French data."""

from __future__ import annotations

import re

import pytest
from conftest import DATA, edit

from generator import DataErrors, load_document
from generator.fidelity import missing_sentences, normalise, source_path, source_sentences
from generator.plaintext import document_lines

SOURCE = DATA / source_path("fr")


def test_normalise_drops_marks_bullets_and_superscripts():
    assert normalise("- ◆ **Renforcer** la  capacité²³ du 1^{er} au 3661^e") == (
        "Renforcer la capacité du 1er au 3661e"
    )


def test_source_sentences_are_numbered_by_line():
    assert source_sentences("\nUn. Deux: trois\n") == [(2, "Un."), (2, "Deux:"), (2, "trois")]


def test_missing_sentences_reports_the_line():
    source = "Un texte.\n\n⁴ Une note perdue.\n"
    (missing,) = missing_sentences(source, ["Un **texte**."])
    assert (missing.line, missing.sentence) == (3, "Une note perdue.")


def test_a_reworded_sentence_is_missing():
    assert missing_sentences("Les États membres agissent.", ["Les Etats membres agissent."])


def test_every_source_sentence_is_in_the_french_data():
    missing = missing_sentences(
        SOURCE.read_text(encoding="utf-8"), document_lines(load_document(DATA), "fr")
    )
    assert not missing, "\n".join(f"line {m.line}: {m.sentence}" for m in missing)


def test_the_french_data_adds_no_sentence_to_the_source():
    doc = load_document(DATA)
    source = normalise(SOURCE.read_text(encoding="utf-8").replace("\n", " "))
    # footnote lines are rendered "N text"; the source writes the number as a superscript
    lines = [
        re.sub(r"^\d+ ", "", normalise(line).removeprefix("- "))
        for line in document_lines(doc, "fr")
    ]
    extra = [line for line in lines if line not in source]
    assert not extra, extra


def test_loading_fails_on_a_changed_french_sentence(mini):
    edit(mini, "measures.yaml", "Agir vite", "Agir très vite")
    with pytest.raises(DataErrors) as raised:
        load_document(mini)
    (error,) = raised.value.errors
    assert error.file.endswith("source/15250-18.fr.txt") and error.line == 23
    assert "sentence missing from the data: 'Agir vite'" in error.message


def test_loading_fails_without_the_source_text(mini):
    (mini / "source" / "15250-18.fr.txt").unlink()
    with pytest.raises(DataErrors) as raised:
        load_document(mini)
    (error,) = raised.value.errors
    assert error.message == "missing file" and "fidelity check" in error.hint
