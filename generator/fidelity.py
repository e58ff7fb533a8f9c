"""The French the data produces, read in the document's order, must equal the
source text (``data/source``), both ways.

Both are cut into words at ASCII white space, which folds the line wrapping
and the blank lines of the PDF extraction; that is the whole normalisation,
besides reading the extraction as a document (``source_words``):

- footnotes: the source prints each at the foot of its page, on a line of its
  own that begins with its number in superscript digits; the data keeps them
  apart, in order. They are compared as a second text;
- superscripts: the source writes a one-word superscript ``^e`` and a longer
  one ``^{er}``; both are read as ``^{…}``, as the data's ``^e^`` is written;
- ``READING_ORDER``: lines the extraction gives out of the PDF's order.

Anything else that differs, a no-break space for a space, ’ for ', an accent
written as a combining character, is a difference. Each is reported at the
data value that holds it, with the source line beside it, and the invisible
or look-alike characters named. The record fields the text does not print as
such (meeting number, dates) must be those its texts state.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass

from babel.dates import format_date

from .errors import FIDELITY, DataError
from .load import Path_, Source, YamlFile, format_path
from .models import Document
from .plaintext import Line, Piece, document_text

SOURCE = "source/15250-18.{language}.txt"  # in the data folder: the document in its source language
MAX_DIFFERENCES = 40  # past these, the rest is likely one cause (a wrong file)
CONTEXT = 4  # words shown on each side of a difference

_WORD = re.compile(r"[^\t\n\v\f\r ]+")  # ASCII white space only: a no-break space is a letter
_FOOTNOTE_LINE = re.compile(r"^[⁰¹²³⁴⁵⁶⁷⁸⁹]+ ")
_CARET = re.compile(r"\^(?!\{)(\w+)")

# The extraction gives these lines of the source in the opposite order of the
# PDF: the heading of section IV after the title of its first measure, across
# a page foot. Each pair is read in the PDF's order, only where the two lines
# follow each other (footnotes aside).
READING_ORDER = (
    (
        "11. Renforcer les liens avec les missions et opérations PSDC",
        "IV. Optimiser les synergies avec l'action extérieure de l'Union"
        " dans les régions et pays tiers prioritaires",
    ),
)


def source_path(language: str) -> str:
    """Where the source text of ``language`` stands, in the data folder."""
    return SOURCE.format(language=language)


@dataclass(frozen=True)
class SourceWord:
    text: str
    line: int  # in the source text


@dataclass(frozen=True)
class DataWord:
    text: str
    piece: Piece  # the value its first character is from


def source_words(source: str) -> tuple[list[SourceWord], list[SourceWord]]:
    """The words of the source's body and of its footnotes, with their lines."""
    body: list[tuple[int, str]] = []
    notes: list[tuple[int, str]] = []
    for number, line in enumerate(source.splitlines(), start=1):
        line = _CARET.sub(r"^{\1}", line)
        if line.strip():
            (notes if _FOOTNOTE_LINE.match(line) else body).append((number, line))
    for first, second in READING_ORDER:
        for i in range(len(body) - 1):
            if (body[i][1].strip(), body[i + 1][1].strip()) == (first, second):
                body[i], body[i + 1] = body[i + 1], body[i]
    return _words(body), _words(notes)


def _words(lines: list[tuple[int, str]]) -> list[SourceWord]:
    return [SourceWord(m[0], number) for number, line in lines for m in _WORD.finditer(line)]


def data_words(lines: tuple[Line, ...]) -> list[DataWord]:
    """The words of the data's lines, each with the value its first character is from."""
    words = []
    for line in lines:
        text, owners = "", []
        for piece in line:
            written = _CARET.sub(r"^{\1}", piece.text)  # as the source is read (a plain value)
            text += written
            owners += [piece] * len(written)
        words += [DataWord(m[0], owners[m.start()]) for m in _WORD.finditer(text)]
    return words


@dataclass(frozen=True)
class Difference:
    """Source words ``source`` (from line ``line``) where the data has ``data``
    (at ``piece``, or beside it when the data lacks them); ``before`` and
    ``after``: the words around them."""

    line: int
    piece: Piece
    source: str
    data: str
    before: str
    after: str


def differences(source: list[SourceWord], data: list[DataWord], empty: Piece) -> list[Difference]:
    """The data's words against the source's, in order (difflib); ``empty``:
    where the data's words would go if there are none."""
    a, b = [w.text for w in source], [w.text for w in data]
    if a == b:  # the usual case, at once
        return []
    out = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        # text the data lacks goes after the word before it (or before the first)
        piece = data[j1 if j2 > j1 or j1 == 0 else j1 - 1].piece if data else empty
        line = source[i1 if i2 > i1 or i1 == 0 else i1 - 1].line if source else 1
        old, new = " ".join(a[i1:i2]), " ".join(b[j1:j2])
        before, after = " ".join(a[max(0, i1 - CONTEXT) : i1]), " ".join(a[i2 : i2 + CONTEXT])
        out.append(Difference(line, piece, old, new, before, after))
    return out


def confusables(source: str, data: str) -> str:
    """The characters that differ by one or two, named, unless all plain ASCII:
    a no-break space, a curly quote, an accent as a combining character."""
    named = []
    matcher = difflib.SequenceMatcher(None, source, data, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = source[i1:i2], data[j1:j2]
        if tag == "equal" or (old + new).isascii() or max(len(old), len(new)) > 2:
            continue
        where = f" where the source has {_names(old)}" if old else " (not in the source)"
        named.append(f"{_names(new) or 'nothing'}{where}")
    return "; ".join(named)


def _names(text: str) -> str:
    return ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'UNNAMED')}" for c in text)


def _quote(before: str, words: str, after: str) -> str:
    return '"…' + f"{before} [{words}] {after}".strip() + '…"'


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit // 2] + " … " + text[-limit // 2 :]


def check(doc: Document, source: Source, files: dict[str, YamlFile]) -> list[DataError]:
    """Every difference between the source text and the source-language data."""
    if source.problem is not None:
        problem = source.problem
        hint = "the fidelity check needs the source text (see data/README.md)"
        return [DataError(problem.file, 1, 1, "", problem.message, hint, FIDELITY)]
    language = doc.languages[0]
    text = document_text(doc, language)
    body, notes = source_words(source.text or "")
    found = differences(body, data_words(text.body), Piece("", "document", ()))
    found += differences(notes, data_words(text.footnotes), Piece("", "footnotes", ("footnotes",)))
    errors = [_error(d, source.name, files, language) for d in found[:MAX_DIFFERENCES]]
    if len(found) > MAX_DIFFERENCES:
        last, more = errors[-1], len(found) - MAX_DIFFERENCES
        message = f"and {more} more differences from the source text"
        errors.append(DataError(last.file, last.line, last.column, "", message, "", FIDELITY))
    differing = {d.piece.path[:-1] for d in found}  # a fact is checked in a text that is right
    return errors + record_facts(doc, files, language, differing)


def _error(d: Difference, source: str, files: dict[str, YamlFile], language: str) -> DataError:
    file = files[d.piece.file]
    line, column = file.position(d.piece.path)
    if not d.data:
        what = f"lacks, after this value, what {source}:{d.line} has"
    elif not d.source:
        what = f"has words that {source}:{d.line} has not"
    else:
        what = f"differs from {source}:{d.line}"
    message = (
        f"the '{language}' text {what}: source {_short(_quote(d.before, d.source, d.after))}, "
        f"data {_short(_quote(d.before, d.data, d.after))}"
    )
    if names := confusables(d.source, d.data):
        message += f"; the data has {names}"
    hint = f"correct {file.name} to the Council's text, word for word (the source text is right)"
    if d.piece.also:
        hint += f"; {d.piece.also}"
    return DataError(file.name, line, column, format_path(d.piece.path), message, hint, FIDELITY)


def record_facts(
    doc: Document, files: dict[str, YamlFile], language: str, differing: set[Path_]
) -> list[DataError]:
    """The record's fields that the text states in words: the meeting number
    in the cover text, the date in the dateline, the approval date
    in the subject note (unless that text differs from the source)."""
    r = doc.record
    session = rf"(?<!\d){r.session}\^"  # 3661^e^
    facts = [  # (field, as written, pattern, the text that states it, its path)
        ("session", str(r.session), session, doc.cover_text, ("cover_text",)),
        ("date", _date(r.date, language), None, r.dateline, ("record", "dateline")),
        (
            "approval_date",
            _date(r.approval_date, language),
            None,
            r.subject_note,
            ("record", "subject_note"),
        ),
    ]
    document = files["document"]
    errors = []
    for key, shown, pattern, text, field in facts:
        stated = re.search(pattern or re.escape(shown), text.get(language))
        if field not in differing and not stated:
            where = format_path(field)
            message = f"the record says {shown!r}, which the Council's text in {where} does not"
            hint = f"correct it in {document.name} to what the Council's text says"
            errors.append(document.error(("record", key), message, hint, stage=FIDELITY))
    return errors


def _date(iso: str, language: str) -> str:
    """An ISO date as the texts write it (6 décembre 2018); a year or a month as is."""
    parts = [int(p) for p in iso.split("-")]
    return format_date(dt.date(*parts), "long", locale=language) if len(parts) == 3 else iso
