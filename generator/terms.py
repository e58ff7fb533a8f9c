"""The one term matcher: glossary links, "Used in", annex mentions and actor terms.

A term is found as a whole: not inside a longer word, nor as part of a
hyphenated compound ("EU" is not found in "EU-LISA"); where several terms
start at the same place, the longest wins; found terms do not overlap. One
plural rule: a term that ends in a capital letter (an acronym) is also found
with a plural ``s`` ("ILOs", "PCCCs").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

_WORD = re.compile(r"\w+")


class Found(NamedTuple):
    start: int
    end: int  # after the plural s, if any
    term: str  # the term as given, without the plural s


def takes_plural_s(term: str) -> bool:
    """Whether ``term`` may also stand with a plural s (an acronym: ILO -> ILOs)."""
    return term[-1:].isupper()


def singular(word: str) -> str | None:
    """The acronym ``word`` is the plural of, if it is one (ILOs -> ILO)."""
    if len(word) > 1 and word.endswith("s") and takes_plural_s(word[:-1]):
        return word[:-1]
    return None


class TermFinder:
    """Finds ``terms`` in texts. Each term must begin with a letter or a digit.

    At each word of a text, only the terms beginning with that word are
    tried, longest first, so the time grows with the text, not with the number
    of terms times the text."""

    def __init__(self, terms: Iterable[str]):
        self._by_first_word: dict[str, list[str]] = {}
        for term in sorted(set(terms), key=len, reverse=True):
            first = _WORD.match(term)
            if first is None:
                raise ValueError(f"a term must begin with a letter or a digit: {term!r}")
            self._by_first_word.setdefault(first[0], []).append(term)
        # a one-word acronym's plural is another word: ILOs
        self._plurals = {word + "s": word for word in self._by_first_word if takes_plural_s(word)}
        # the words a found term begins with: a text without any of them holds no term
        self.first_words = frozenset(self._by_first_word) | frozenset(self._plurals)

    def finditer(self, text: str) -> Iterator[Found]:
        end = 0
        for word in _WORD.finditer(text):
            start = word.start()
            if start < end or (start and text[start - 1] == "-"):
                continue
            candidates = self._by_first_word.get(word[0], [])
            if word[0] in self._plurals:  # then its singular's: "EUs" is "EU" too
                candidates = candidates + self._by_first_word[self._plurals[word[0]]]
            for term in candidates:
                found = _match(text, start, term)
                if found:
                    end = found.end
                    yield found
                    break

    def findall(self, text: str) -> list[str]:
        """The terms found in ``text``, left to right."""
        return [found.term for found in self.finditer(text)]


def word_set(text: str) -> frozenset[str]:
    """The words of ``text``: a finder whose ``first_words`` has none of them finds nothing."""
    return frozenset(_WORD.findall(text))


def _match(text: str, start: int, term: str) -> Found | None:
    if not text.startswith(term, start):
        return None
    stop = start + len(term)
    if takes_plural_s(term) and text.startswith("s", stop) and not _continues(text, stop + 1):
        return Found(start, stop + 1, term)
    return None if _continues(text, stop) else Found(start, stop, term)


def _continues(text: str, index: int) -> bool:
    """Whether a word goes on at ``index`` (a word character or a hyphen)."""
    return index < len(text) and (text[index] == "-" or text[index].isalnum() or text[index] == "_")
