"""What the pages say of the document (its number, its date, how many
actions…) comes from its data, one home per fact: no interface string holds
such a fact, and changing the small document's number and its count of
actions changes what its built pages show."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import DATA, MINI, edit
from markupsafe import Markup
from sitebuild import html_pages, shared_build

from generator import load_document
from generator.interface import InterfaceText, placeholders
from generator.markup import plain
from generator.models import Document, Plural

# a document number of the Council: 15250/18 (not a date's 12/06 in 2018/12/06)
NUMBER = re.compile(r"(?<![\d/])\d+/\d{2}(?![\d/])")


def _facts(doc: Document, language: str) -> dict[str, str]:
    """The facts of ``doc`` a sentence may state, as the interface writes them."""
    ui = InterfaceText(doc.interface, language)
    counts = {
        "sections": len(doc.sections),
        "measures": len(doc.measures),
        "actions": len(doc.actions),
        "footnotes": len(doc.footnotes),
        "acronyms": len(doc.glossary),
    }
    # 1 and 2 are also the numbers of parts and measures ("Part 1"): not facts alone
    return {
        "number": doc.record.number,
        "date": ui.date(doc.record.date),
        **{name: str(n) for name, n in counts.items() if n > 2},
    }


@pytest.mark.parametrize("folder", [DATA, MINI], ids=["data", "mini"])
def test_no_interface_string_states_a_fact_of_its_document(folder):
    """Each form of each string, with its language's typography, against the
    facts of the document of its own folder."""
    doc = load_document(folder)
    stated = []
    for language in doc.languages:
        ui = InterfaceText(doc.interface, language)
        facts = _facts(doc, language)
        for key in doc.interface:
            raw = ui._raw(key)
            forms = raw.values() if isinstance(raw, dict) else [raw]
            for form in forms:
                text = " ".join(form.split())  # the typography's no-break spaces: spaces
                for name, fact in facts.items():
                    fact = " ".join(fact.split())
                    if re.search(rf"(?<![\w/.,]){re.escape(fact)}(?![\w/]|[.,]\d)", text):
                        stated.append((key, language, name, fact))
    assert not stated, stated


# -- the built pages ------------------------------------------------------------
class _Shown(HTMLParser):
    """Every text and attribute value of a page (scripts' text too: JSON-LD)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.parts += [v for _, v in attrs if v]

    def handle_data(self, data):
        self.parts.append(data)


def shown(site: Path) -> dict[str, str]:
    """{page: what it shows}, texts and attributes, white space folded."""
    found = {}
    for page in html_pages(site):
        parser = _Shown()
        parser.feed(page.read_text(encoding="utf-8"))
        texts = [" ".join(part.split()) for part in parser.parts]
        found[page.relative_to(site).as_posix()] = "\n".join(t for t in texts if t)
    return found


OTHER_NUMBER = "7777/18"
ADDED_ACTIONS = 2  # the small document's 3 actions become 5, measure 1's 2 become 4 (no count is 5)


def _renumber_and_add_actions(project: Path) -> None:
    """The small document with another number (wherever its data says it)
    and two more actions (in the data and in the French source text)."""
    data = project / "data"
    number = load_document(MINI).record.number
    for path in sorted(data.rglob("*")):
        if path.is_file() and path.name != "interface.yaml":
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace(number, OTHER_NUMBER), encoding="utf-8")
    added = [(f"Agir encore {i}", f"Act again {i}") for i in range(1, ADDED_ACTIONS + 1)]
    last = "            actors: [member-states]\n"  # of action 1.2, measure 1's last
    edit(
        data,
        "measures.yaml",
        last,
        last
        + "".join(
            f'          - id: "1.{i + 2}"\n            text: {{fr: "{fr}", en: "{en}"}}\n'
            for i, (fr, en) in enumerate(added, 1)
        ),
    )
    source = next((data / "source").glob("*.fr.txt")).name
    lines = "".join(f"- ◆ {fr}\n" for fr, _ in added)
    last = "- ◆ **États membres:** alimenter l'UE²\n"
    edit(data / "source", source, last, last + lines)


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory) -> tuple[Path, Path]:
    """The small document's site, and that of the small document changed."""
    before = shared_build(tmp_path_factory, "mini", MINI)
    after = shared_build(tmp_path_factory, "mini-renumbered", MINI, _renumber_and_add_actions)
    return before, after


@pytest.fixture(scope="module")
def two_shown(two_sites) -> tuple[dict[str, str], dict[str, str]]:
    before, after = (shown(site) for site in two_sites)
    return before, after


def _data_numbers(data: Path) -> set[str]:
    """The document numbers the data states (its record, a footnote…): every
    file but the interface strings."""
    return {
        found
        for path in data.rglob("*")
        if path.is_file() and path.name != "interface.yaml"
        for found in NUMBER.findall(path.read_text(encoding="utf-8"))
    }


def _handwritten_numbers(site: Path, page: str) -> set[str]:
    """The document numbers the hand-written page a built page comes from
    (``docs/about.en.md`` for ``en/about/index.html``) writes: its maintainers' words."""
    language, _, rest = page.partition("/") if page.startswith("en/") else ("fr", "", page)
    name = rest.removesuffix("index.html").strip("/") or "index"
    source = site.parent / "docs" / f"{name}.{language}.md"
    return set(NUMBER.findall(source.read_text(encoding="utf-8"))) if source.is_file() else set()


def test_the_pages_show_the_document_s_own_number(two_sites, two_shown):
    """Every document number a page shows is one its data states (or, on a
    hand-written page, its text), and a new number shows on each page that
    showed the old one, which no page shows any more."""
    before, after = two_shown
    old = load_document(MINI).record.number
    for site, pages in zip(two_sites, (before, after), strict=True):
        allowed = _data_numbers(site.parent / "data")
        strays = {
            (page, n)
            for page, text in pages.items()
            for n in set(NUMBER.findall(text)) - allowed - _handwritten_numbers(site, page)
        }
        assert not strays, sorted(strays)[:10]
    assert any(old in text for text in before.values())
    for page, text in before.items():  # (more actions: more citations, more mentions)
        assert (OTHER_NUMBER in after[page]) == (old in text), page
        assert old not in after[page], page


class Shown:
    """A plural string as a page shows it for a count, any value for its
    other placeholders (within one text of the page)."""

    def __init__(self, ui: InterfaceText, key: str, count: int):
        raw = ui._raw(key)
        assert isinstance(raw, dict)
        names = set().union(*(placeholders(form) for form in raw.values())) - {"n"}
        html = ui.plural(key, count, **dict.fromkeys(names, Markup("\x00")))
        text = " ".join(plain(re.sub(r"<[^>]*>", "", str(html))).split()).strip("\x00")
        pieces = text.split("\x00")
        self.longest = max(pieces, key=len)  # not in a page: no need to look further
        self.pattern = re.compile("[^\n]*?".join(re.escape(p) for p in pieces))

    def times(self, text: str) -> int:
        return len(self.pattern.findall(text)) if self.longest in text else 0


def test_a_count_of_actions_shown_follows_the_data(two_shown):
    """Every plural interface string that a page shows with the count of
    actions shows the new count once the data has more actions: as many
    showings of each string with the new count as of the old one went away."""
    before, after = two_shown
    doc = load_document(MINI)
    old, new = len(doc.actions), len(doc.actions) + ADDED_ACTIONS
    followed = set()
    for language in doc.languages:
        ui = InterfaceText(doc.interface, language)
        for key, value in doc.interface.items():
            if not isinstance(value, Plural):
                continue
            was, now = Shown(ui, key, old), Shown(ui, key, new)
            for page, text in before.items():
                gone = was.times(text) - was.times(after[page])
                came = now.times(after[page]) - now.times(text)
                assert gone == came, (key, language, page, gone, came)
                if gone:
                    followed.add(key)
    assert len(followed) >= 2, followed  # the home page's key figures and more


def test_the_changed_document_is_valid(tmp_path):
    """The change the tests above build is a valid document (else the build
    would say why, less plainly)."""
    project = tmp_path / "project"
    shutil.copytree(MINI, project / "data")
    _renumber_and_add_actions(project)
    doc = load_document(project / "data")
    assert doc.record.number == OTHER_NUMBER
    assert len(doc.actions) == len(load_document(MINI).actions) + ADDED_ACTIONS
