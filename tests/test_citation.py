"""Honest provenance (read from the built pages) and a citation kit, as a
reader meets it in Chromium."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import re
from urllib.parse import parse_qs, urlsplit

import jsonschema
import pytest
from browser import run_axe
from sitebuild import tree
from visit import document

from generator import citation
from generator.interface import InterfaceText
from generator.markup import plain

OFFICIAL = [
    "https://data.consilium.europa.eu/doc/document/ST-15250-2018-INIT/fr/pdf",
    "https://data.consilium.europa.eu/doc/document/ST-15250-2018-INIT/en/pdf",
]
REGISTER = "https://www.consilium.europa.eu/register/{}/content/out?&typ=ENTRY&i=ADV&DOC_ID=ST-15250-2018-INIT"
ROOT = {"fr": "", "en": "en/"}


def clipboard(page) -> str:
    return page.evaluate("() => navigator.clipboard.readText()")


def built(site, language: str, path: str):
    """A built page's elements (read from its HTML: a static fact needs no browser)."""
    return tree(site / ROOT[language] / path / "index.html")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_official_versions_are_linked_from_the_record_the_statement_and_the_footer(
    real_site, language
):
    home = built(real_site, language, "")
    statement = home.find(id="provenance").next()
    places = {
        "dl.record": home.find("dl", class_="record"),
        "#provenance + p + ul.official": statement.next(),
        ".md-copyright": home.find(class_="md-copyright"),
    }
    assert places["#provenance + p + ul.official"].attrs.get("class") == "official"
    for where, node in places.items():
        links = node.links()
        assert set(OFFICIAL) <= set(links), where
        assert REGISTER.format(language) in links, where
    assert statement.tag == "p" and "OR. en" in statement.text()


# "authentic", "faire foi": what a legal act says of its official language
# versions; neither is for this edition to say of a text it shows
NOT_OURS = re.compile(r"(?i)\bauthentic|\bfoi\b")


def test_no_page_calls_a_language_version_authentic(real_site):
    pages = list(real_site.rglob("*.html"))
    said = {str(p.relative_to(real_site)) for p in pages if NOT_OURS.search(visible_text(p))}
    assert len(pages) > 100 and not said, sorted(said)


def visible_text(page) -> str:
    """A page's text, without its markup (a word inside an attribute says nothing)."""
    return re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("language", "badge"),
    [("fr", "version française du Conseil"), ("en", "this edition's translation")],
)
def test_a_measure_and_its_side_by_side_page_say_where_the_text_comes_from(
    real_site, language, badge
):
    assert badge in built(real_site, language, "package/measure-8").find(class_="provenance").text()
    side = built(real_site, language, "package/side-by-side/measure-8")
    heads = side.find(class_="sbs__row--head").find_all(class_="sbs__cell")
    assert len(heads) == 2 and ("Council" in heads[0].text() or "Conseil" in heads[0].text())


CITATION = {
    "fr": "Conseil de l'Union européenne, «\u00a0Renforcer la lutte contre les réseaux de trafic de migrants",
    "en": "Council of the European Union, ‘Enhancing the response to migrant smuggling networks",
}


# the same in every language: each way in one of them
@pytest.mark.parametrize(
    ("way", "language"), [("mouse", "fr"), ("keyboard", "en"), ("touch", "en")]
)
def test_copy_link_and_cite_an_action(tab, served_site, language, way):
    url = served_site + ROOT[language] + "package/measure-8/"
    tab.goto(url)
    tab.evaluate("navigator.clipboard.writeText('(nothing copied)')")  # not an earlier test's
    kit = tab.locator("#action-8-2 .cite-kit")
    link, summary = kit.locator(".cite-kit__link"), kit.locator("summary")

    def act(control):
        if way == "mouse":
            control.click()
        elif way == "touch":
            control.tap()
        else:
            control.focus()
            tab.keyboard.press("Enter")

    act(link)
    assert clipboard(tab) == url + "#action-8-2"
    assert tab.inner_text("[role=status]") in ("Lien copié", "Link copied")
    act(summary)
    text = kit.locator(".cite-kit__text").inner_text()
    canonical = (
        "http://localhost:8000/" + ROOT[language] + "package/measure-8/#action-8-2"
    )  # site_url
    assert text.startswith(CITATION[language]) and f", {canonical}, " in text, text
    act(kit.locator(".cite-kit__copy"))
    assert clipboard(tab) == text
    assert run_axe(tab) == []


def test_without_scripts_the_link_leads_to_the_action_and_the_citation_opens(browser, served_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + "en/package/measure-8/")
    page.click("#action-8-2 .cite-kit__link")
    assert page.url.endswith("/en/package/measure-8/#action-8-2")
    page.click("#action-8-2 .cite-kit summary")
    assert page.is_visible("#action-8-2 .cite-kit__text")
    context.close()


def test_the_full_text_numbers_each_action_with_a_link_to_itself(real_site):
    action = built(real_site, "fr", "package/full-text").find(id="action-4-2")
    link = next(c for c in action.children if not isinstance(c, str))  # its first element
    assert link.tag == "a" and link.attrs.get("class") == "action__id"
    assert link.text() == "4.2" and link.attrs.get("href") == "#action-4-2"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_footer_dates_and_versions_the_edition(real_site, language):
    line = built(real_site, language, "package/glossary").find(class_="edition-line").text()
    assert re.match(r"(Édition|Edition) \d+(\.\d+)* (du|of) \d{1,2}\s\S+ \d{4}", line), line
    # the version the footer names is the newest edition's, which the history page lists first
    version = line.split()[1]
    history = built(real_site, language, "package/history")
    assert history.find("h2").attrs.get("id") == "edition-" + version.replace(".", "-")
    assert f" {version} " in history.find("h2").text()


# -- the citation's records, read back as reference managers read them ------
ACCESSED = dt.date(2026, 12, 7)
HOSTILE = "a {b} 50% & c_d #e ~f ^g \\\\h $i <j> “k” \\n l"


def cited(language: str, what: str) -> citation.Reference:
    """The citation of the document, measure 8 or action 8.2, from the models."""
    doc = document()
    measure = doc.measures[7] if what != "document" else None
    action = measure.actions[1] if measure and what == "action" else None
    url = f"https://example.org/edition/{ROOT[language]}package/measure-8/#action-8-2"
    return citation.reference(doc, language, url, "2.1", "2026-11-30", measure, action)


def parse_bibtex(record: str) -> tuple[str, str, dict[str, str]]:
    """A BibTeX record's type, key and fields (one a line, braced), braces balanced."""
    found = re.fullmatch(r"@(\w+)\{([\w-]+),\n(.*)\n\}", record, re.S)
    assert found, record
    fields = {}
    for line in found[3].split("\n"):
        field = re.fullmatch(r"  (\w+) = \{(.*)\},?", line)
        assert field, line
        value = re.sub(r"\\[&%$#_{}]|\\text\w+\{\}", "", field[2])  # escaped characters
        depth = 0
        for char in value:
            depth += {"{": 1, "}": -1}.get(char, 0)
            assert depth >= 0, line
        assert depth == 0, line
        fields[field[1]] = field[2]
    return found[1], found[2], fields


def unescape_bibtex(value: str) -> str:
    value = re.sub(r"\\textasciitilde\{\}", "~", value)
    value = re.sub(r"\\textasciicircum\{\}", "^", value)
    value = re.sub(r"\\textbackslash\{\}", "\\\\", value)
    return re.sub(r"\\([&%$#_{}])", r"\1", value)


def parse_ris(record: str) -> list[tuple[str, str]]:
    """A RIS record's (tag, value), in order: "TAG  - value" lines, TY first, ER last."""
    lines = record.rstrip("\n").split("\n")
    tags = []
    for line in lines:
        found = re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line)
        assert found, line
        tags.append((found[1], found[2]))
    assert tags[0][0] == "TY" and tags[-1] == ("ER", ""), tags
    return tags


# The part of the CSL-JSON schema (citation-style-language/schema, csl-data.json)
# that these items use: an array of items, each with its required id and type.
CSL_DATE = {
    "type": "object",
    "properties": {
        "date-parts": {
            "type": "array",
            "items": {"type": "array", "items": {"type": "integer"}, "minItems": 1, "maxItems": 3},
        }
    },
    "required": ["date-parts"],
}
CSL_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["id", "type"],
        "properties": {
            "id": {"type": ["string", "number"]},
            "type": {"enum": ["report", "document", "webpage", "legislation", "article"]},
            "author": {
                "type": "array",
                "items": {"type": "object", "properties": {"literal": {"type": "string"}}},
            },
            "issued": CSL_DATE,
            "accessed": CSL_DATE,
            "title": {"type": "string"},
            "URL": {"type": "string"},
            "number": {"type": ["string", "number"]},
        },
    },
}


@pytest.mark.parametrize("what", ["document", "measure", "action"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_citation_reads_back_in_each_format(language, what):
    ref = cited(language, what)
    ui = InterfaceText(document().interface, language)
    records = citation.records(ref, ui, ACCESSED)
    subject = plain(document().record.subject.get(language))
    part = {"document": "", "measure": "8", "action": "8.2"}[what]
    accessed = ui.date("2026-12-07")

    text = records["text"]
    assert text.startswith(CITATION[language]) and subject in text and ref.url in text
    assert part in text and "2.1" in text and accessed in text, text
    assert ("unofficial translation" in text) == (language == "en"), text

    kind, key, fields = parse_bibtex(records["bibtex"])
    assert kind == "techreport" and key == ref.key
    assert fields["author"] == "{" + ui.plain("council") + "}"  # an institution, not split
    assert subject in unescape_bibtex(fields["title"]) and part in fields["title"]
    assert (fields["number"], fields["year"], fields["date"]) == ("15250/18", "2018", "2018-12-06")
    assert fields["url"] == ref.url and fields["urldate"] == "2026-12-07"
    assert fields["version"] == "2.1" and fields["langid"] == language

    tags = dict(parse_ris(records["ris"]))
    assert tags["TY"] == "RPRT" and tags["AU"] == ui.plain("council")
    assert subject in tags["TI"] and part in tags["TI"]
    assert (tags["PY"], tags["DA"], tags["Y2"]) == ("2018", "2018/12/06/", "2026/12/07/")
    assert tags["UR"] == ref.url and tags["SN"] == "15250/18" and tags["LA"] == language
    assert tags["L1"] == document().record.official.get(language)

    items = json.loads(records["csl"])
    jsonschema.validate(items, CSL_SCHEMA)
    (item,) = items
    assert item["id"] == ref.key and subject in item["title"] and part in item["title"]
    assert item["issued"] == {"date-parts": [[2018, 12, 6]]}
    assert item["accessed"] == {"date-parts": [[2026, 12, 7]]}
    assert item["URL"] == ref.url and item["number"] == "15250/18"
    assert ("unofficial translation" in item["note"]) == (language == "en")


def test_the_records_of_the_page_are_filled_as_the_script_fills_them():
    ref = cited("en", "action")
    ui = InterfaceText(document().interface, "en")
    templates = citation.records(ref, ui, None)
    for name, form in citation.ACCESS_FORMS.items():
        assert citation.ACCESSED in templates[name], name
        filled = citation.fill(templates[name], form, ACCESSED, ui)
        assert filled == citation.records(ref, ui, ACCESSED)[name], name


def test_characters_each_format_reads_are_escaped():
    ref = dataclasses.replace(cited("en", "action"), title=HOSTILE, edition=HOSTILE)
    ui = InterfaceText(document().interface, "en")
    records = citation.records(ref, ui, ACCESSED)
    _, _, fields = parse_bibtex(records["bibtex"])
    assert unescape_bibtex(fields["title"][1:-1]) == " ".join(HOSTILE.split())  # on one line
    tags = dict(parse_ris(records["ris"]))  # one line a tag: the line break is a space
    assert tags["TI"] == " ".join(HOSTILE.split())
    assert json.loads(records["csl"])[0]["title"] == HOSTILE
    attribute = citation.attribute(records["ris"])
    assert "<" not in attribute and '"' not in attribute and "\n" not in attribute
    assert html.unescape(attribute) == records["ris"]


@pytest.mark.parametrize(
    "template",
    [
        "https://github.com/owner/edition/issues/new?title={title}&body={body}",
        "mailto:errata@example.org?subject={title}&body={body}",
    ],
)
def test_a_report_names_the_passage_its_address_and_the_version_encoded(template):
    ui = InterfaceText(document().interface, "en")
    passage = "action 8.2 & <b>#x</b> 100%?=+ ‘é’ / next"
    url = "https://example.org/e/en/package/measure-8/#action-8-2"
    found = citation.report_url(template, ui, passage, url, "15250/18", "2.1", "2026-11-30")
    assert found.startswith(template.split("?")[0] + "?") and " " not in found and "\n" not in found
    query = {k: v[0] for k, v in parse_qs(urlsplit(found).query, strict_parsing=True).items()}
    title = query.get("title", query.get("subject"))
    assert title == f"Error: {passage} (15250/18, version 2.1)"
    assert f"Passage: {passage}\n" in query["body"] and f"Address: {url}\n" in query["body"]
    assert "version 2.1 of 30 November 2026" in query["body"]
    assert citation.report_url("", ui, passage, url, "15250/18", "2.1", "2026-11-30") == ""


def test_the_citation_kit_of_an_action_in_english(tab, served_site):
    """One load: the control is whole, the citation has the title, the
    version, today's date and the translation's status, and each export
    copies a record with today's date."""
    tab.goto(served_site + "en/package/measure-8/")
    version = re.search(r"Edition (\S+) of ", tab.inner_text(".edition-line"))[1]
    today = dt.date.fromisoformat(
        tab.evaluate(
            "(() => { const d = new Date(); return [d.getFullYear(), String(d.getMonth() + 1).padStart(2, '0'), String(d.getDate()).padStart(2, '0')].join('-'); })()"
        )
    )
    kit = tab.locator("#action-8-2 .cite-kit")
    summary = kit.locator("summary")
    shape = summary.evaluate(
        """(s) => {
          const box = s.getBoundingClientRect(), range = document.createRange();
          range.selectNodeContents(s);
          const label = Array.from(range.getClientRects()).filter((r) => r.width > 0).pop();
          const link = s.closest('.cite-kit').querySelector('.cite-kit__link').getBoundingClientRect();
          return {sw: s.scrollWidth, cw: s.clientWidth, sh: s.scrollHeight, ch: s.clientHeight,
                  box: (box.top + box.bottom) / 2, label: (label.top + label.bottom) / 2,
                  link: (link.top + link.bottom) / 2};
        }"""
    )
    assert shape["sw"] <= shape["cw"] and shape["sh"] <= shape["ch"], shape  # nothing cut
    assert abs(shape["label"] - shape["box"]) <= 2 and abs(shape["box"] - shape["link"]) <= 2, shape
    summary.click()
    text = kit.locator(".cite-kit__text").inner_text()
    ui = InterfaceText(document().interface, "en")
    subject = plain(document().record.subject.get("en"))
    for said in (subject, "measure 8, action 8.2", f"version {version}", "unofficial translation"):
        assert said in text, (said, text)
    assert text.endswith(f", accessed {ui.date(today.isoformat())}."), text
    kit.locator(".cite-kit__copy").click()
    assert clipboard(tab) == text
    copied = {}
    for name in citation.FORMATS:
        tab.evaluate("navigator.clipboard.writeText('(nothing copied)')")
        kit.locator(f".cite-kit__export[data-format={name}]").click()
        tab.wait_for_function(
            "() => navigator.clipboard.readText().then((t) => t !== '(nothing copied)')"
        )
        copied[name] = clipboard(tab)
    _, _, fields = parse_bibtex(copied["bibtex"])
    assert fields["urldate"] == today.isoformat() and fields["version"] == version
    assert dict(parse_ris(copied["ris"]))["Y2"] == today.strftime("%Y/%m/%d/")
    (item,) = json.loads(copied["csl"])
    assert item["accessed"] == {"date-parts": [[today.year, today.month, today.day]]}
    assert subject in item["title"] and "8.2" in item["title"] and item["version"] == version
    assert run_axe(tab) == []
