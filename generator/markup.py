"""The inline markup of data texts: ``**bold**``, ``[^N]`` footnote marks, ``^sup^``."""

from __future__ import annotations

import functools
import itertools
import re

FOOTNOTE_MARK = re.compile(r"\[\^(\d+)\]")
_BAD_MARK = re.compile(r"\[\^(?!\d+\])")
_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_PLURAL_S = re.compile(r"(?<=[A-Z])s$")
_WORDS_AND_GAPS = re.compile(r"(\w+)")  # split: gap, word, gap, word, …, gap


def footnote_marks(text: str) -> list[int]:
    """Footnote numbers marked in ``text``, in order."""
    return [int(n) for n in FOOTNOTE_MARK.findall(text)]


def markup_problems(text: str) -> list[str]:
    """Describe every malformed piece of inline markup in ``text``."""
    problems = []
    if _BAD_MARK.search(text):
        problems.append("malformed footnote mark: write [^N] with N a number")
    bare = FOOTNOTE_MARK.sub("", text)
    if bare.count("**") % 2:
        problems.append("unbalanced bold markup: an opening ** has no closing **")
    if bare.replace("**", "").count("^") % 2:
        problems.append("unbalanced superscript markup: write ^text^")
    return problems


@functools.lru_cache(maxsize=1 << 16)  # the checks and several pages ask for the same texts
def plain(text: str) -> str:
    """The text without markup and with whitespace collapsed."""
    text = FOOTNOTE_MARK.sub("", text).replace("**", "").replace("^", "")
    return " ".join(text.split())


def words_before(text: str, number: int, count: int = 6) -> str:
    """The last ``count`` words before the mark of footnote ``number``."""
    match = re.search(rf"\[\^{number}\]", text)
    if not match:
        return ""
    words = plain(text[: match.start()]).split()
    return " ".join(words[-count:])


@functools.lru_cache(maxsize=1 << 16)  # a text's words repeat: decide each once
def acronym_like(token: str) -> bool:
    """Two or more capitals in one hyphen-separated part (JLT-MS, eu-LISA, PeDRA)."""
    return any(sum(c.isupper() for c in part) >= 2 for part in token.split("-"))


def undefined_acronyms(text: str, known: set[str]) -> list[str]:
    """Acronym-like tokens of ``text`` that are not in ``known``.

    Multi-word entries of ``known`` ("EU NAVFOR") are removed before the
    text is cut into tokens; a plural ``s`` after capitals is allowed (ILOs).
    """
    return AcronymCheck(known).undefined(text)


class AcronymCheck:
    """``undefined_acronyms`` for many texts against the same ``known`` names."""

    def __init__(self, known: set[str]):
        self.known = known
        self._phrases = _phrases_pattern(frozenset(k for k in known if " " in k))

    def undefined(self, text: str) -> list[str]:
        known = self.known
        return [
            token
            for token in _TOKEN.findall(self._unphrased(plain(text)))
            if acronym_like(token) and token not in known and not _known(token, known)
        ]

    def undefined_in(self, texts) -> set[str]:
        """Every token ``undefined`` finds in any of ``texts``, in one pass: plain
        texts hold no newline, so joined by one no phrase or token spans two; and
        no token spans a space, so only the distinct words with capitals are cut."""
        joined = self._unphrased("\n".join(map(plain, texts)))
        capitalised = [word for word in set(joined.split()) if word.lower() != word]
        known = self.known
        return {
            token
            for token in set(_TOKEN.findall(" ".join(capitalised)))
            if acronym_like(token) and token not in known and not _known(token, known)
        }

    def _unphrased(self, text: str) -> str:
        return self._phrases.sub(" ", text) if self._phrases else text


@functools.lru_cache(maxsize=64)
def _phrases_pattern(phrases: frozenset[str]) -> re.Pattern | None:
    """One pattern for the multi-word entries, the longest first."""
    if not phrases:
        return None
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _known(token: str, known: set[str]) -> bool:
    """Known as a whole (JLT-MS), with a plural s (ILOs), or part by part (PSDC-JAI)."""
    if token in known or (_PLURAL_S.search(token) and token[:-1] in known):
        return True
    parts = token.split("-")
    return len(parts) > 1 and all(not acronym_like(part) or _known(part, known) for part in parts)


def words_and_starts(text: str) -> tuple[list[str], list[int]]:
    """The words (``\\w+``) of ``text`` and where each starts: one split, and
    no match object per word."""
    parts = _WORDS_AND_GAPS.split(text)  # gap, word, gap, word, …, gap
    return parts[1::2], list(itertools.accumulate(map(len, parts)))[:-1:2]


class TermFinder:
    r"""Finds many terms in texts, as the pattern ``(?<![\w-])(t1|t2|…)(?![\w-])``
    with the longest terms first would, but in time linear in the terms: at a
    word, only the terms made of that word and the next ones are tried (a
    pattern of thousands of alternatives tries them all at every position)."""

    _WORD = re.compile(r"\w+")

    def __init__(self, terms):
        # the words of a term -> the terms made of them, longest first
        self._by_words: dict[tuple[str, ...], list[str]] = {}
        others = []
        for term in sorted(set(terms), key=len, reverse=True):
            words = tuple(self._WORD.findall(term))
            if words and term[0] == words[0][0]:
                self._by_words.setdefault(words, []).append(term)
            else:
                others.append(term)
        counts: dict[str, set[int]] = {}  # first word -> numbers of words of its terms
        for words in self._by_words:
            counts.setdefault(words[0], set()).add(len(words))
        self._counts = {first: sorted(n, reverse=True) for first, n in counts.items()}
        alternatives = "|".join(re.escape(t) for t in others)
        self._others = others and re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")

    def findall(self, text: str) -> list[str]:
        """The terms found in ``text``, left to right, without overlaps."""
        found, end = [], 0
        words, starts = words_and_starts(text)
        for i in itertools.compress(itertools.count(), map(self._counts.__contains__, words)):
            start = starts[i]
            if start < end or (start and text[start - 1] == "-"):
                continue
            term = self._term_at(text, start, words, i)
            if term is not None:
                found.append(term)
                end = start + len(term)
        if self._others:
            found += [m[0] for m in self._others.finditer(text)]
        return found

    def _term_at(self, text: str, start: int, words: list[str], i: int) -> str | None:
        """The longest term at ``start`` (word ``i``): one with more words is
        longer, so the terms are tried by number of words, then by length."""
        for count in self._counts[words[i]]:
            for term in self._by_words.get(tuple(words[i : i + count]), ()):
                if text.startswith(term, start) and not _continues(text, start + len(term)):
                    return term
        return None


def _continues(text: str, index: int) -> bool:
    """Whether a word goes on at ``index`` (a word character or a hyphen)."""
    return index < len(text) and (text[index] == "-" or text[index].isalnum() or text[index] == "_")
