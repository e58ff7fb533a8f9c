"""Every sentence of the French source stands verbatim in the French data."""

from __future__ import annotations

import re

from conftest import DATA

from generator import load_document
from generator.cli import SOURCE
from generator.fidelity import missing_sentences, normalise, source_sentences
from generator.plaintext import document_lines


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
    doc = load_document(DATA)
    source = (DATA / SOURCE).read_text(encoding="utf-8")
    missing = missing_sentences(source, document_lines(doc, "fr"))
    assert not missing, "\n".join(f"line {m.line}: {m.sentence}" for m in missing)


def test_the_french_data_adds_no_sentence_to_the_source():
    doc = load_document(DATA)
    source = normalise((DATA / SOURCE).read_text(encoding="utf-8").replace("\n", " "))
    # footnote lines are rendered "N text"; the source writes the number as a superscript
    lines = [
        re.sub(r"^\d+ ", "", normalise(line).removeprefix("- "))
        for line in document_lines(doc, "fr")
    ]
    extra = [line for line in lines if line not in source]
    assert not extra, extra
