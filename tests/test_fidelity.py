"""The French the data produces, in the document's order, equals the source
text both ways; each difference is named at its data place, listed first."""

from __future__ import annotations

import shutil

import pytest
from conftest import DATA, edit

from generator import DataErrors, load_document
from generator.errors import FIDELITY
from generator.fidelity import source_path, source_words

SOURCE = source_path("fr")


def fidelity_errors(folder):
    """The fidelity errors of ``folder``: there are some, listed first,
    each pointing at the data file to correct, never at the source."""
    with pytest.raises(DataErrors) as raised:
        load_document(folder)
    errors = raised.value.errors
    found = [e for e in errors if e.stage == FIDELITY]
    assert found, raised.value.report()
    assert errors[: len(found)] == found, "fidelity errors come first"
    for error in found:
        assert SOURCE not in error.file and SOURCE not in error.hint, "the data is to correct"
        assert error.file in error.hint
    return found


def at(errors, line, path):
    """The error at data line ``line`` and key path ``path``."""
    matches = [e for e in errors if (e.line, e.path) == (line, path)]
    assert matches, "\n".join(str(e) for e in errors)
    return matches[0]


@pytest.fixture
def real(tmp_path):
    """A writable copy of the real data folder."""
    return shutil.copytree(DATA, tmp_path / "data")


def test_the_real_data_is_the_source_text():
    load_document(DATA)  # no DataErrors: not one difference


def test_the_mini_data_is_its_source_text(mini):
    load_document(mini)


# (file, text, replacement, key path of the error, what the message quotes or names)
CHANGES = {
    "words added to a title": (
        "measures.yaml",
        '{fr: "Renforcer l\'EMSC"',
        '{fr: "Renforcer nettement l\'EMSC"',
        "sections[0].measures[0].title.fr",
        "[nettement]",
    ),
    "a sentence added": (
        "measures.yaml",
        'est prioritaire."',
        'est prioritaire. Il agit."',
        "sections[0].measures[0].annex[0].text.fr",
        "[Il agit.]",
    ),
    "one of two identical texts changed": (
        "document.yaml",
        'title: {fr: "Un paquet", en: "A package"}',
        'title: {fr: "Un colis", en: "A package"}',
        "annex.title.fr",
        "[colis]",
    ),
    "bold removed": (
        "measures.yaml",
        '{fr: "**EMSC:** agir',
        '{fr: "EMSC: agir',
        "sections[0].measures[0].actions[0].text.fr",
        "[**EMSC:**]",
    ),
    "a footnote mark moved": (
        "measures.yaml",
        "alimenter l'UE[^2]",
        "alimenter[^2] l'UE",
        "sections[0].measures[0].actions[1].text.fr",
        "alimenter²",
    ),
    "a cover code changed": (
        "document.yaml",
        'codes: ["JAI 1"]',
        'codes: ["JAI 2"]',
        "record.codes[0]",
        "[2**]",
    ),
    "an accent written as a combining character": (
        "measures.yaml",
        "alimenter l'UE",
        "alime\u0301nter l'UE",
        "sections[0].measures[0].actions[1].text.fr",
        "U+0301 COMBINING ACUTE ACCENT",
    ),
    "a curly apostrophe": (
        "measures.yaml",
        "alimenter l'UE",
        "alimenter l\u2019UE",
        "sections[0].measures[0].actions[1].text.fr",
        "U+2019 RIGHT SINGLE QUOTATION MARK where the source has U+0027 APOSTROPHE",
    ),
    "a no-break space": (
        "measures.yaml",
        '{fr: "Agir vite"',
        '{fr: "Agir\u00a0vite"',
        "sections[0].measures[1].actions[0].text.fr",
        "U+00A0 NO-BREAK SPACE where the source has U+0020 SPACE",
    ),
}


@pytest.mark.parametrize(("name", "old", "new", "path", "quoted"), CHANGES.values(), ids=CHANGES)
def test_a_change_of_the_french_is_refused_at_its_place(mini, name, old, new, path, quoted):
    line = edit(mini, name, old, new)
    error = at(fidelity_errors(mini), line, path)
    assert error.file.endswith(name) and error.column > 1
    assert f"{SOURCE}:" in error.message and quoted in error.message


def test_a_moved_sentence_is_missing_at_one_place_and_added_at_the_other(mini):
    sentence = " Le renforcement des enquêtes est prioritaire."
    lacks = edit(mini, "measures.yaml", f"d'Europol.{sentence}", "d'Europol.")
    adds = edit(
        mini, "document.yaml", '{fr: "Le Conseil agit."', f'{{fr: "Le Conseil agit.{sentence}"'
    )
    errors = fidelity_errors(mini)
    assert "lacks" in at(errors, lacks, "sections[0].measures[0].annex[0].text.fr").message
    assert "has words" in at(errors, adds, "package.introduction[0].fr").message


def test_two_swapped_actions_are_refused(mini):
    path = mini / "measures.yaml"
    text = path.read_text(encoding="utf-8")
    first = (
        '{fr: "**EMSC:** agir avec les États membres", en: "**EMSC:** act with the Member States"}'
    )
    second = (
        '{fr: "**États membres:** alimenter l\'UE[^2]", en: "**Member States:** feed the EU[^2]"}'
    )
    assert first in text and second in text
    path.write_text(text.replace(first, "@").replace(second, first).replace("@", second))
    errors = fidelity_errors(mini)
    assert any(e.path.startswith("sections[0].measures[0].actions[") for e in errors)


def test_an_invented_measure_is_refused(mini):
    measure = """
      - number: 3
        title: {fr: "Inventer", en: "Inventing"}
        actions:
          - id: "3.1"
            text: {fr: "Agir encore", en: "Act again"}
        annex:
          - text: {fr: "Rien.", en: "Nothing."}
"""
    path = mini / "measures.yaml"
    path.write_text(path.read_text(encoding="utf-8") + measure, encoding="utf-8")
    errors = fidelity_errors(mini)
    assert any(e.path == "sections[0].measures[2].number" for e in errors)
    assert any("[3. Inventer]" in e.message for e in errors)


def test_a_changed_meeting_number_is_refused(mini):
    line = edit(mini, "document.yaml", "session: 1", "session: 2")
    (error,) = fidelity_errors(mini)
    assert (error.line, error.path) == (line, "record.session")
    assert "'2'" in error.message and "cover_text" in error.message


def test_a_changed_date_is_refused(mini):
    old, new = '  date: "2018-12-06"\n  place', '  date: "2018-12-07"\n  place'
    line = edit(mini, "document.yaml", old, new)
    (error,) = fidelity_errors(mini)
    assert (error.line, error.path) == (line, "record.date")


def test_a_reordered_acronym_list_is_refused(real):
    line = edit(real, "document.yaml", "entries: [afic, jad,", "entries: [jad, afic,")
    errors = fidelity_errors(real)
    assert at(errors, line, "acronym_list.entries[0]").file.endswith("document.yaml")


def test_an_edited_word_comes_before_the_errors_it_causes(mini):
    edit(mini, "measures.yaml", '{fr: "Renforcer l\'EMSC"', '{fr: "Renforcer l\'EMSCX"')
    with pytest.raises(DataErrors) as raised:
        load_document(mini)
    first, *others = raised.value.errors
    assert first.stage == FIDELITY and "[l'EMSCX]" in first.message
    assert any("'EMSCX' looks like an acronym" in e.message for e in others)


def test_the_layout_of_the_extraction_is_folded():
    """Line wrapping, blank lines and page-foot footnotes do not count."""
    body, notes = source_words("Un\n\ntexte ¹ suivi\n¹ Une note.\n\nde la 3661^e session.\n")
    words = ["Un", "texte", "¹", "suivi", "de", "la", "3661^{e}", "session."]
    assert [w.text for w in body] == words
    assert [(w.text, w.line) for w in notes] == [("¹", 4), ("Une", 4), ("note.", 4)]


def test_lines_the_extraction_gives_out_of_order_are_read_in_order_only_where_they_follow():
    heading = (
        "IV. Optimiser les synergies avec l'action extérieure de l'Union"
        " dans les régions et pays tiers prioritaires"
    )
    title = "11. Renforcer les liens avec les missions et opérations PSDC"
    body, _ = source_words(f"{title}\n\n³ Note.\n\n{heading}\n")
    assert [w.text for w in body][:2] == ["IV.", "Optimiser"]
    body, _ = source_words(f"{title}\nAutre.\n{heading}\n")
    assert [w.text for w in body][:2] == ["11.", "Renforcer"]


def test_loading_fails_without_the_source_text(mini):
    (mini / "source" / "15250-18.fr.txt").unlink()
    with pytest.raises(DataErrors) as raised:
        load_document(mini)
    (error,) = raised.value.errors
    assert error.message == "missing file" and "fidelity check" in error.hint
