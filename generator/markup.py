"""The inline markup of data texts (``**bold**``, ``[^N]`` footnote marks,
``^sup^``), and the one way a data value becomes HTML: ``escape_text``."""

from __future__ import annotations

import re
from collections.abc import Callable

from markupsafe import Markup

from .terms import singular

FOOTNOTE_MARK = re.compile(r"\[\^(\d+)\]")
_BAD_MARK = re.compile(r"\[\^(?!\d+\])")
_INLINE = re.compile(r"(\*\*|\[\^\d+\]|\^[^^\s][^^]*\^)")
_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_SPACES = re.compile(r"[ \t\n\r\f\v]+")  # ASCII white space: a no-break space stays
# Characters HTML or Markdown would read, as character references (in one pass:
# the references themselves, which hold "&" and "#", are not read again).
_REFERENCES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;"} | {c: f"&#{ord(c)};" for c in "#\\`*_[]{}+=~^|\"'"}
)


def escape_text(text: str) -> Markup:
    """``text`` as HTML that neither HTML nor Markdown reads as markup: every
    character either could read is written as a character reference; runs of
    white space become one space."""
    return Markup(_SPACES.sub(" ", text).translate(_REFERENCES))


# What a URL the generator builds (page paths, checked ids, fragments) holds:
# nothing HTML or Markdown reads in an attribute.
_BUILT_URL = re.compile(r"[A-Za-z0-9./:#?=%-]*")


def built_url(url: str) -> Markup:
    """A URL the generator built, as HTML: refused (``ValueError``) if it holds
    anything but letters, digits and ``./:#?=%-``, so no data value passes
    through here unescaped."""
    if not _BUILT_URL.fullmatch(url):
        raise ValueError(f"not a URL the generator builds: {url!r}")
    return Markup(url)


def to_html(raw: str, text: Callable[[str], str] = escape_text) -> list[str | int]:
    """The HTML of ``raw``: bold and superscript as elements, the plain runs
    through ``text`` (escaped, with terms linked, by default); split at its
    footnote marks, whose numbers come between the pieces."""
    pieces: list[str | int] = []
    out: list[str] = []
    bold = False
    for piece in _INLINE.split(raw):
        if piece == "**":
            out.append("</strong>" if bold else "<strong>")
            bold = not bold
        elif mark := FOOTNOTE_MARK.fullmatch(piece):
            pieces += ["".join(out), int(mark[1])]
            out = []
        elif len(piece) > 2 and piece[0] == piece[-1] == "^":
            out.append(f"<sup>{escape_text(piece[1:-1])}</sup>")
        elif piece:
            out.append(text(piece))
    pieces.append("".join(out))
    return pieces


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


_WHITE_SPACE = re.compile(r"[^\S\u00a0\u202f]+")  # white space but the no-break spaces


def plain(text: str) -> str:
    """The text without markup and with white space collapsed (a no-break
    space stays: French typography)."""
    text = FOOTNOTE_MARK.sub("", text).replace("**", "").replace("^", "")
    return _SPACES.sub(" ", text).strip(" \t\n\r\f\v")


def acronym_like(token: str) -> bool:
    """Two or more capitals in one hyphen-separated part (JLT-MS, eu-LISA, PeDRA)."""
    if token[1:] == token[1:].lower():  # no capital after the first letter: most words
        return False
    return any(sum(c.isupper() for c in part) >= 2 for part in token.split("-"))


class AcronymCheck:
    """Finds the acronym-like tokens of texts that are not ``known`` names.

    Multi-word names ("EU NAVFOR") are taken out of a text before it is cut
    into tokens; a known acronym is also known in the plural (ILOs, the term
    matcher's rule) and inside compounds of known parts (PSDC-JAI)."""

    def __init__(self, known: set[str]):
        self.known = known
        phrases = sorted((k for k in known if " " in k), key=len, reverse=True)
        alternatives = "|".join(re.escape(p) for p in phrases)
        self._phrases = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if phrases else None

    def undefined(self, text: str) -> list[str]:
        text = plain(text)
        if self._phrases:
            text = self._phrases.sub(" ", text)
        return [t for t in _TOKEN.findall(text) if acronym_like(t) and not self._known(t)]

    def _known(self, token: str) -> bool:
        if token in self.known or singular(token) in self.known:
            return True
        parts = token.split("-")
        return len(parts) > 1 and all(not acronym_like(p) or self._known(p) for p in parts)
