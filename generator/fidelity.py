"""Check that every sentence of the French source stands verbatim in the data."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SUPERSCRIPT_DIGITS = re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079]+")
_CARET = re.compile(r"\^\{([^}]*)\}|\^(\w+)")
_BULLET = re.compile(r"^\s*-\s*(?:◆\s*)?")
_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+")


SOURCE = "source/15250-18.{language}.txt"  # in the data folder: the document in its source language


def source_path(language: str) -> str:
    """Where the source text of ``language`` stands, in the data folder."""
    return SOURCE.format(language=language)


@dataclass(frozen=True)
class Missing:
    line: int
    sentence: str


def normalise(text: str) -> str:
    """Drop footnote digits, bullets, bold and superscript marks; fold white space."""
    text = _SUPERSCRIPT_DIGITS.sub("", text)
    text = _CARET.sub(lambda m: m.group(1) or m.group(2), text)
    text = _BULLET.sub("", text).replace("**", "")
    return " ".join(text.split())


def source_sentences(source: str) -> list[tuple[int, str]]:
    """(line number, sentence) for every non-empty sentence of the source."""
    out = []
    for number, line in enumerate(source.splitlines(), start=1):
        for sentence in _SENTENCE_END.split(normalise(line)):
            if sentence:
                out.append((number, sentence))
    return out


def missing_sentences(source: str, data_lines: list[str]) -> list[Missing]:
    """Source sentences that do not appear in the data's plain text."""
    corpus = "\n".join(normalise(line) for line in data_lines)
    return [Missing(n, s) for n, s in source_sentences(source) if s not in corpus]
