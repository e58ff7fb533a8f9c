import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import markup


def test_footnote_marks_in_order():
    assert markup.footnote_marks("a[^2] b[^10] c") == [2, 10]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("**open only", "unbalanced bold"),
        ("mark [^x]", "malformed footnote mark"),
        ("3661^e session", "unbalanced superscript"),
    ],
)
def test_markup_problems(text, problem):
    assert any(problem in found for found in markup.markup_problems(text))


def test_well_formed_markup_has_no_problem():
    assert markup.markup_problems("**a** b[^3] 1^er^ c") == []


def test_plain_removes_markup_and_folds_spaces():
    assert markup.plain("**a**  b[^3] 1^er^\n c") == "a b 1er c"


def test_words_before_mark():
    assert markup.words_before("un deux trois quatre[^4] cinq", 4, count=2) == "trois quatre"
    assert markup.words_before("rien", 4) == ""


@pytest.mark.parametrize(
    ("token", "expected"),
    [("JLT-MS", True), ("eu-LISA", True), ("PeDRA", True), ("Pays-Bas", False), ("Europol", False)],
)
def test_acronym_like(token, expected):
    assert markup.acronym_like(token) is expected


def test_undefined_acronyms():
    known = {"OLI", "EU NAVFOR", "JIT", "COM"}
    text = "Les OLI, EU NAVFOR, JITs, COM(2018), EMAST/EMIST et Haut-Commissariat"
    assert markup.undefined_acronyms(text, known) == ["EMAST", "EMIST"]


def test_longer_word_does_not_match_known_acronym():
    assert markup.undefined_acronyms("EMSCX", {"EMSC"}) == ["EMSCX"]


def test_compound_of_known_acronyms_is_known():
    assert markup.undefined_acronyms("PSDC-JAI et JLT-MS", {"PSDC", "JAI", "JLT"}) == ["JLT-MS"]


WORDS = st.sampled_from(["EU", "Europol", "eu", "LISA", "d'Europol", "EMSC", "3", "-", " ", "'"])


@given(st.lists(WORDS, max_size=12), st.lists(st.lists(WORDS, min_size=1, max_size=3), max_size=6))
def test_term_finder_agrees_with_the_alternation_pattern(text_words, term_words):
    from generator.markup import TermFinder

    text = "".join(text_words)
    terms = {"".join(words) for words in term_words if re.match(r"\w", "".join(words))}
    names = sorted(terms, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])")
    expected = [m[1] for m in pattern.finditer(text)] if names else []
    assert TermFinder(terms).findall(text) == expected


ACRONYM_WORDS = st.sampled_from(
    [
        "EU",
        "NAVFOR",
        "EMSC",
        "OLIs",
        "Pays",
        "eu-LISA",
        "ÉTAT",
        "é",
        "-",
        " ",
        "\n",
        "**",
        "[^1]",
        "x",
    ]
)


@given(st.lists(st.lists(ACRONYM_WORDS, max_size=8).map("".join), max_size=5))
def test_undefined_in_finds_what_undefined_finds_text_by_text(texts):
    check = markup.AcronymCheck({"EU NAVFOR", "OLI", "EU"})
    expected = {token for text in texts for token in check.undefined(text)}
    assert check.undefined_in(texts) == expected


@given(st.text(alphabet="ab é'-_1 \n", max_size=30))
def test_words_and_starts_are_the_word_matches(text):
    matches = list(re.finditer(r"\w+", text))
    expected = ([m[0] for m in matches], [m.start() for m in matches])
    assert markup.words_and_starts(text) == expected
