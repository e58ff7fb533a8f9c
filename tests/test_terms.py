"""The one term matcher, as the pages, "Used in", annex mentions and the checks use it."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from generator.terms import TermFinder, singular, word_set


@pytest.mark.parametrize(
    ("terms", "text", "found"),
    [
        (["EU"], "EU, EU-LISA, eu-EU, EUs", ["EU", "EU"]),  # whole words, not in compounds
        (["EU", "EU NAVFOR"], "EU NAVFOR MED and EU", ["EU NAVFOR", "EU"]),  # the longest first
        (["ILO"], "ILOs, ILOss, the ILO", ["ILO", "ILO"]),  # the plural of an acronym
        (["PCCC", "PCC"], "PCCCs and PCCs", ["PCCC", "PCC"]),
        (["Europol"], "Europols and Europol's", ["Europol"]),  # no plural for a word
        (["États membres"], "les États membres, États", ["États membres"]),
    ],
)
def test_terms_found_as_the_pages_link_them(terms, text, found):
    assert TermFinder(terms).findall(text) == found


def test_found_places_include_the_plural_s():
    (found,) = TermFinder(["FIU"]).finditer("the FIUs act")
    assert (found.start, found.end, found.term) == (4, 8, "FIU")


def test_singular_only_of_acronyms():
    assert singular("COPs") == "COP" and singular("Etats") is None and singular("s") is None


def test_a_term_must_begin_with_a_word_character():
    with pytest.raises(ValueError, match="letter or a digit"):
        TermFinder(["«EU"])


WORDS = st.sampled_from(
    ["EU", "Europol", "eu", "LISA", "d'Europol", "EMSC", "3", "-", " ", "'", "s"]
)


@given(st.lists(WORDS, max_size=12), st.lists(st.lists(WORDS, min_size=1, max_size=3), max_size=6))
@example(["EU", "s"], [["EU"], ["EU", "s", "-"]])  # a plural that begins a longer term
def test_the_matcher_follows_its_rule(text_words, term_words):
    """The rule, as one regular expression: whole words, longest first, left to
    right, a plural s after a final capital."""
    text = "".join(text_words)
    terms = {t for t in ("".join(w) for w in term_words) if re.match(r"\w", t)}
    names = sorted(terms, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")((?<=[A-Z])s)?(?![\w-])"
    )
    expected = [m[1] for m in pattern.finditer(text)] if names else []
    assert TermFinder(terms).findall(text) == expected


@given(st.lists(WORDS, max_size=12), st.lists(st.lists(WORDS, min_size=1, max_size=3), max_size=6))
def test_a_text_without_a_terms_first_word_holds_none(text_words, term_words):
    """The shortcut of a finder run on many texts (the study's wrong options):
    a text none of whose words is one a term begins with (or its plural) has
    no term to find."""
    text = "".join(text_words)
    finder = TermFinder({t for t in ("".join(w) for w in term_words) if re.match(r"\w", t)})
    if finder.findall(text):
        assert finder.first_words & word_set(text)


def test_a_plural_is_a_first_word():
    assert TermFinder(["ILO"]).first_words & word_set("the ILOs")
