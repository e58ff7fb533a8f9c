"""The whole document in one language, in the original order and in the
notation of the source text (``data/source``): bold as ``**``, superscripts
as ``^{…}``, footnote marks as superscript digits (¹²). Each piece of a line
knows the data value it comes from (file and key path), so that a difference
from the source can be shown where the data must be corrected."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .load import Path_
from .markup import FOOTNOTE_MARK
from .models import Block, Document, Section, Text

SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SUPERSCRIPT = re.compile(r"\^([^^\s][^^]*)\^")  # the data's ^er^ (markup._INLINE)
ACTION_BULLET = "- ◆ "  # the part 1 bullets; the annex lists are "- "
M = "measures"  # the file of the sections, measures and actions


@dataclass(frozen=True)
class Piece:
    """Text of a line, from the value at ``path`` of data file ``file``
    (a name of ``load.FILES``); the layout around a value (a bullet, a
    label's colon) is given the place of the value beside it."""

    text: str
    file: str
    path: Path_
    also: str = ""  # where else its text comes from, when two values make it


Line = tuple[Piece, ...]


@dataclass(frozen=True)
class DocumentText:
    """The body, and the footnotes (which the source prints at the foot of
    its pages and the data keeps apart), as lines."""

    body: tuple[Line, ...]
    footnotes: tuple[Line, ...]


def notation(raw: str) -> str:
    """A data text in the source's notation: [^3] as ³, ^er^ as ^{er}."""
    raw = FOOTNOTE_MARK.sub(lambda m: m[1].translate(SUPERSCRIPT_DIGITS), raw)
    return _SUPERSCRIPT.sub(r"^{\1}", raw)


class _Writer:
    """Collects the lines of one language."""

    def __init__(self, language: str):
        self.language = language
        self.lines: list[Line] = []

    def text(self, text: Text, file: str, path: Path_, before: str = "", after: str = "") -> Piece:
        key = "invariant" if text.invariant else self.language
        return Piece(before + notation(text.get(self.language)) + after, file, path + (key,))

    def line(self, *pieces: Piece) -> None:
        self.lines.append(tuple(pieces))

    def blocks(self, blocks: tuple[Block, ...], file: str, path: Path_) -> None:
        for i, block in enumerate(blocks):
            if block.text is not None:
                self.line(self.text(block.text, file, path + (i, "text")))
            for n, item in enumerate(block.items):
                self.line(self.text(item, file, path + (i, "items", n), "- "))


def document_text(doc: Document, language: str) -> DocumentText:
    """Cover sheet, package title, summary, part 1, annex and the acronym
    list; the footnotes apart."""
    w = _Writer(language)
    _cover(w, doc)
    _summary(w, doc)
    _part_one(w, doc)
    _annex(w, doc)
    _acronym_list(w, doc)
    body, w.lines = tuple(w.lines), []
    for i, note in enumerate(doc.footnotes):
        number = str(note.number).translate(SUPERSCRIPT_DIGITS) + " "
        w.line(
            Piece(number, "footnotes", ("footnotes", i, "number")),
            w.text(note.text, "footnotes", ("footnotes", i, "text")),
        )
    return DocumentText(body, tuple(w.lines))


def _cover(w: _Writer, doc: Document) -> None:
    """The cover sheet, as the source prints it: the dateline and the codes in bold."""
    r, d, rec = doc.record, "document", ("record",)
    w.line(w.text(r.dateline, d, rec + ("dateline",), "**"))
    w.line(w.text(r.original_language, d, rec + ("original_language",), "(", ")**"))
    w.line(Piece(r.number, d, rec + ("number",)))
    for i, code in enumerate(r.codes):
        first, last = "**" if i == 0 else "", "**" if i == len(r.codes) - 1 else ""
        w.line(Piece(first + code + last, d, rec + ("codes", i)))
    w.line(w.text(r.type, d, rec + ("type",)))
    for key in ("origin", "origin_date", "recipients", "previous_document", "subject"):
        label = w.text(getattr(r.labels, key), d, rec + ("labels", key), after=": ")
        value = getattr(r, key)
        if isinstance(value, str):
            w.line(label, Piece(value, d, rec + (key,)))
        else:
            w.line(label, w.text(value, d, rec + (key,)))
    w.line(w.text(r.subject_note, d, rec + ("subject_note",)))
    w.line(w.text(doc.cover_text, d, ("cover_text",)))
    w.line(w.text(doc.package.title, d, ("package", "title")))


def _summary(w: _Writer, doc: Document) -> None:
    """The sections with their page, the measure titles; the introduction."""
    for i, section in enumerate(doc.sections):
        where = ("sections", i)
        w.line(
            Piece(section.id + " ", M, where + ("id",)),
            w.text(section.title, M, where + ("title",), after=", p. "),
            Piece(str(section.summary_page), M, where + ("summary_page",)),
        )
        for j, measure in enumerate(section.measures):
            here = where + ("measures", j)
            w.line(_number(measure.number, here), w.text(measure.title, M, here + ("title",)))
    for i, paragraph in enumerate(doc.package.introduction):
        w.line(w.text(paragraph, "document", ("package", "introduction", i)))


def _part_one(w: _Writer, doc: Document) -> None:
    """Each measure's title (and lead-in) and its actions."""
    for i, section in enumerate(doc.sections):
        w.line(Piece(section.id + ". ", M, ("sections", i, "id")), _title(w, section, i))
        for j, measure in enumerate(section.measures):
            here = ("sections", i, "measures", j)
            title = [_number(measure.number, here), w.text(measure.title, M, here + ("title",))]
            if measure.actions_lead_in is not None:
                title.append(w.text(measure.actions_lead_in, M, here + ("actions_lead_in",), " "))
            w.line(*title)
            for k, action in enumerate(measure.actions):
                w.line(w.text(action.text, M, here + ("actions", k, "text"), ACTION_BULLET))


def _annex(w: _Writer, doc: Document) -> None:
    """The annex: its introduction, then each measure's explanation."""
    w.line(w.text(doc.annex.title, "document", ("annex", "title")))
    w.blocks(doc.annex.introduction, "document", ("annex", "introduction"))
    for i, section in enumerate(doc.sections):
        w.line(Piece(section.id + ". ", M, ("sections", i, "id")), _title(w, section, i))
        for j, measure in enumerate(section.measures):
            here = ("sections", i, "measures", j)
            key = "title" if measure.annex_title is None else "annex_title"
            title = measure.annex_title or measure.title
            w.line(_number(measure.number, here), w.text(title, M, here + (key,)))
            w.blocks(measure.annex, M, here + ("annex",))


def _acronym_list(w: _Writer, doc: Document) -> None:
    """The list's order is document.yaml's; the words are the glossary's."""
    w.line(w.text(doc.acronym_list_title, "document", ("acronym_list", "title")))
    index = {g.id: i for i, g in enumerate(doc.glossary)}
    for k, entry_id in enumerate(doc.acronym_list):
        if entry_id not in index:  # an unknown id: the references check says so
            continue
        entry, where = doc.glossary[index[entry_id]], ("entries", index[entry_id])
        also = f"or, for its words, the glossary entry '{entry_id}'"
        short = notation(entry.short.get(w.language)) + " "
        w.line(
            Piece(short, "document", ("acronym_list", "entries", k), also),
            w.text(entry.long, "glossary", where + ("long",)),
        )


def _number(number: int, measure: Path_) -> Piece:
    return Piece(f"{number}. ", M, measure + ("number",))


def _title(w: _Writer, section: Section, i: int) -> Piece:
    return w.text(section.title, M, ("sections", i, "title"))


def line_text(line: Line) -> str:
    return "".join(piece.text for piece in line)


def document_lines(doc: Document, language: str) -> list[str]:
    """The document as lines in the source's notation, the footnotes last."""
    text = document_text(doc, language)
    return [line_text(line) for line in text.body + text.footnotes]
