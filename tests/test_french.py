"""French as the edition writes it: the no-break spaces of French typography
in every text of every French page (generated, hand-written, theme, titles),
and the first day of a month as "1er" in every date the edition formats."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

from conftest import DATA
from sitebuild import VOID, html_pages

from generator import load_document
from generator.interface import InterfaceText

# an ordinary space before ; : ! ? » or after «: French puts a no-break one there
_WRONG_SPACE = re.compile(r"(?<=\S) [;:!?»]|« ")
_CODE = {"script", "style", "code", "pre", "kbd", "samp"}  # not prose


class _FrenchText(HTMLParser):
    """The text nodes of a page that are French prose, with where they are."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []  # (tag, its language)
        self.texts: list[tuple[str, str]] = []  # (innermost tag, text)

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        inherited = self.stack[-1][1] if self.stack else ""
        self.stack.append((tag, (dict(attrs).get("lang") or inherited)[:2]))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if not self.stack or self.stack[-1][1] != "fr":
            return
        if not any(tag in _CODE for tag, _ in self.stack):
            self.texts.append((self.stack[-1][0], data))


def _french_texts(path: Path) -> list[tuple[str, str]]:
    parser = _FrenchText()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.texts


def test_every_french_text_has_its_no_break_spaces(real_site):
    """Every text node in French of every page of the built site: generated
    pages, hand-written pages (docs/*.fr.md), the theme, titles."""
    wrong = []
    checked = 0
    for page in html_pages(real_site):
        for tag, text in _french_texts(page):
            checked += 1
            for m in _WRONG_SPACE.finditer(text):
                context = text[max(0, m.start() - 30) : m.end() + 10]
                wrong.append(f"{page.relative_to(real_site)} <{tag}>: {context!r}")
    assert checked > 1000  # the French pages were read
    assert not wrong, "\n".join(wrong[:40])


def test_the_first_day_of_a_month_is_1er_in_french():
    """Every day of a year, through the one date formatter."""
    doc = load_document(DATA)
    ui = {lang: InterfaceText(doc.interface, lang) for lang in doc.languages}
    day = dt.date(2018, 1, 1)
    while day.year == 2018:
        for lang in doc.languages:
            written = ui[lang].date(day.isoformat())
            first = written.split()[0]
            if lang == "fr":
                assert first == ("1er" if day.day == 1 else str(day.day)), written
            else:
                assert first == str(day.day), written
        day += dt.timedelta(days=1)


def test_no_french_page_writes_1_for_the_first_of_a_month(real_site):
    months = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
    bare = re.compile(rf"(?<![\d,.])\b1[ \u00a0\u202f]+(?:{months})\b")
    for page in html_pages(real_site):
        for _, text in _french_texts(page):
            assert not bare.search(text), (page.relative_to(real_site), text)


def test_check_refuses_a_hand_written_french_page_without_its_no_break_spaces(tmp_path):
    from generator.project import handwritten_pages

    real = handwritten_pages(DATA.parent / "docs", ("fr", "en"))
    assert not real, [e.message for e in real]
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.en.md").write_text("# A\n\nCheck: `make check`; done!\n", encoding="utf-8")
    text = "# A\n\nVérifiez : `make check : x` ; [lien](https://a.b/c?d) « fait »\n"
    (docs / "a.fr.md").write_text(text, encoding="utf-8")
    errors = handwritten_pages(docs, ("fr", "en"))
    assert [(e.file.rsplit("/", 1)[-1], e.line) for e in errors] == [("a.fr.md", 3)]
    fixed = text.replace("z : `", "z\u00a0: `").replace("` ;", "`\u202f;")
    (docs / "a.fr.md").write_text(fixed.replace("« fait »", "«\u00a0fait\u00a0»"), encoding="utf-8")
    assert handwritten_pages(docs, ("fr", "en")) == []
