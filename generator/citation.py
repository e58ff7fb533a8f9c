"""The citation of the document, a measure or an action, in every form a
reader or a reference manager takes: text, BibTeX, RIS and CSL-JSON.

A ``Reference`` is made from the models (``reference``); each format is a
function of it and of the access date. The pages carry each record with
``ACCESSED`` where the date goes (``kit``): the script puts in the reader's
date, in the form ``ACCESS_FORMS`` names (``fill`` does the same here).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup

from .interface import InterfaceText
from .markup import escape_text, plain
from .models import Action, Document, Measure

ACCESSED = "@accessed@"  # where the access date goes, until the script fills it
# how each format writes the access date: "text" (the page's language and pattern),
# "iso" (2026-12-07), "ris" (2026/12/07/), "parts" (2026, 12, 7: CSL-JSON's date-parts)
ACCESS_FORMS = {"text": "text", "bibtex": "iso", "ris": "ris", "csl": "parts"}
FORMATS = ("bibtex", "ris", "csl")  # the exports, after the text
_PARTS = "@accessed-parts@"  # CSL-JSON: where the date's parts go


@dataclass(frozen=True)
class Reference:
    """What a citation names, as plain text."""

    key: str  # the record's id: council-15250-18-m8-a8-2-en
    author: str  # the Council, in the citation's language
    title: str  # the document's subject, and the measure or action cited
    number: str  # the Council's number: 15250/18
    genre: str  # the Council's type of document
    date: str  # the document's date, YYYY-MM-DD
    url: str  # the cited passage in this edition
    language: str
    version: str  # this edition's version and date
    edition_date: str
    edition: str  # what this edition is, with its translation status in this language
    pdf: str  # the Council's official version in this language


def reference(
    doc: Document,
    language: str,
    url: str,
    version: str,
    edition_date: str,
    measure: Measure | None = None,
    action: Action | None = None,
) -> Reference:
    """The citation of the document (or of ``measure``, or ``action``) in ``language``."""
    ui = InterfaceText(doc.interface, language)
    record = doc.record
    title = plain(record.subject.get(language))
    if action is not None and measure is not None:
        title += ui.plain("cite_part_action", measure=measure.number, action=action.id)
    elif measure is not None:
        title += ui.plain("cite_part_measure", measure=measure.number)
    part = f"-a{action.id}" if action else f"-m{measure.number}" if measure else ""
    return Reference(
        key=re.sub(r"[^a-z0-9]+", "-", f"council-{record.number}{part}-{language}".lower()),
        author=ui.plain("council"),
        title=title,
        number=record.number,
        genre=plain(record.type.get(language)).capitalize(),
        date=record.date,
        url=url,
        language=language,
        version=version,
        edition_date=edition_date,
        edition=ui.plain("cite_edition", version=version, date=ui.date(edition_date)),
        pdf=record.official.get(language),
    )


def text(ref: Reference, ui: InterfaceText, accessed: str | None) -> str:
    """The citation as a reader writes it (``accessed``: the date in words, or none)."""
    values = {
        "author": ref.author,
        "title": ref.title,
        "number": ref.number,
        "date": ui.date(ref.date),
        "edition": ref.edition,
        "url": ref.url,
    }
    said = ui.plain("citation_text", **values)
    return said + (ui.plain("citation_accessed", date=accessed) if accessed else "") + "."


# the characters BibTeX (LaTeX) reads as commands, escaped (in one pass)
_BIBTEX = str.maketrans(
    {c: "\\" + c for c in "&%$#_{}"}
    | {"~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}"}
)


def _bibtex_text(value: str) -> str:
    """A value on one line, its special characters escaped."""
    return " ".join(value.split()).translate(_BIBTEX)


def bibtex(ref: Reference, accessed: str | None) -> str:
    """A BibTeX (biblatex) record; ``accessed``: YYYY-MM-DD, or none."""
    year, month, day = ref.date.split("-")
    fields = [
        ("author", "{" + _bibtex_text(ref.author) + "}"),  # an institution: never split into names
        ("title", "{" + _bibtex_text(ref.title) + "}"),
        ("institution", _bibtex_text(ref.author)),
        ("type", _bibtex_text(ref.genre)),
        ("number", _bibtex_text(ref.number)),
        ("date", ref.date),
        ("year", year),
        ("month", str(int(month))),
        ("day", str(int(day))),
        ("url", _url(ref.url)),
        ("urldate", accessed),
        ("langid", ref.language),
        ("version", _bibtex_text(ref.version)),
        ("note", _bibtex_text(ref.edition)),
    ]
    lines = [f"  {name} = {{{value}}}" for name, value in fields if value]
    return f"@techreport{{{ref.key},\n" + ",\n".join(lines) + "\n}"


def _url(url: str) -> str:
    """An address with the characters a record format could read as its own
    (braces, spaces) percent-encoded; the rest as it is."""
    return quote(url, safe=":/?#[]@!$&'()*+,;=%-._~")


def ris(ref: Reference, accessed: str | None) -> str:
    """A RIS record; ``accessed``: YYYY/MM/DD/, or none."""
    tags = [
        ("TY", "RPRT"),
        ("ID", ref.key),
        ("AU", ref.author),
        ("TI", ref.title),
        ("PB", ref.author),
        ("M3", ref.genre),
        ("SN", ref.number),
        ("PY", ref.date[:4]),
        ("DA", ref.date.replace("-", "/") + "/"),
        ("UR", _url(ref.url)),
        ("Y2", accessed),
        ("LA", ref.language),
        ("ET", ref.version),
        ("N1", ref.edition),
        ("L1", ref.pdf),
    ]
    lines = [f"{tag}  - {' '.join(str(value).split())}" for tag, value in tags if value]
    return "\n".join([*lines, "ER  - ", ""])


def csl(ref: Reference, accessed: str | None) -> str:
    """A CSL-JSON item (in a list, as reference managers read them);
    ``accessed``: the date's parts "YYYY, M, D", or none."""
    item: dict[str, object] = {
        "id": ref.key,
        "type": "report",
        "author": [{"literal": ref.author}],
        "title": ref.title,
        "publisher": ref.author,
        "genre": ref.genre,
        "number": ref.number,
        "issued": {"date-parts": [[int(p) for p in ref.date.split("-")]]},
        "URL": ref.url,
        "language": ref.language,
        "version": ref.version,
        "note": ref.edition,
    }
    if accessed is not None:
        item["accessed"] = {"date-parts": [[_PARTS]]}
    found = json.dumps([item], ensure_ascii=False)
    # the access date's parts are numbers, written in after the serializer
    return found.replace(json.dumps(_PARTS), accessed) if accessed is not None else found


def access_date(form: str, date: dt.date, ui: InterfaceText) -> str:
    """``date`` as the format ``form`` (``ACCESS_FORMS``) writes it: what the
    script puts in the place of ``ACCESSED``."""
    if form == "iso":
        return date.isoformat()
    if form == "ris":
        return date.strftime("%Y/%m/%d/")
    if form == "parts":
        return f"{date.year}, {date.month}, {date.day}"
    return ui.date(date.isoformat())


def records(ref: Reference, ui: InterfaceText, accessed: dt.date | None) -> dict[str, str]:
    """Every form of the citation: "text" and each of ``FORMATS``; with the
    access date, or with ``ACCESSED`` in its place (``accessed`` None)."""
    makers = {"bibtex": bibtex, "ris": ris, "csl": csl}

    def date(name: str) -> str:
        return ACCESSED if accessed is None else access_date(ACCESS_FORMS[name], accessed, ui)

    found = {"text": text(ref, ui, date("text"))}
    return found | {name: makers[name](ref, date(name)) for name in FORMATS}


def fill(record: str, form: str, date: dt.date, ui: InterfaceText) -> str:
    """A record of the page with the access date put in, as the script does."""
    return record.replace(ACCESSED, access_date(form, date, ui))


def report_url(
    template: str, ui: InterfaceText, passage: str, url: str, number: str, version: str, date: str
) -> str:
    """The address of a prefilled error report on ``passage`` (at ``url``):
    ``template`` (the configured ``report_url``) with its ``{title}`` and
    ``{body}`` filled, percent-encoded; none without a template."""
    if not template:
        return ""
    title = ui.plain("report_title", passage=passage, number=number, version=version)
    body = "\n".join(
        [
            ui.plain("report_passage", passage=passage),
            ui.plain("report_address", url=url),
            ui.plain("report_edition", version=version, date=ui.date(date)),
            "",
            ui.plain("report_what"),
            "",
        ]
    )
    filled = {"title": quote(title, safe=""), "body": quote(body, safe="")}
    return re.sub(r"\{(title|body)\}", lambda found: filled[found[1]], template)


def attribute(record: str) -> Markup:
    """A record as an attribute value: escaped as every text is, its line
    breaks and runs of spaces kept (as character references: RIS counts them)."""
    lines = [re.sub(r"(?<= ) |^ ", "\0", line) for line in record.split("\n")]
    escaped = "&#10;".join(escape_text(line) for line in lines)
    return Markup(escaped.replace("\0", "&#32;"))
