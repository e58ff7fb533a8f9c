"""What the built pages tell machines and readers who cite them, read from
their HTML: JSON-LD tied to the Council's document on every page, Highwire
``citation_*`` and OpenGraph tags, a description of each page's own, and a
"Report an error in this passage" link on every action and footnote."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from sitebuild import REPORT_URL, html_pages, tree
from visit import document, prefix

from generator import addresses, pages
from generator.markup import plain

COUNCIL = ("Council of the European Union", "Conseil de l'Union européenne")


@pytest.fixture(scope="module")
def parsed(real_site) -> dict[Path, object]:
    """Every built page's elements, parsed once."""
    return {path: tree(path) for path in html_pages(real_site)}


def json_ld(page) -> list[dict]:
    return [json.loads(s.text()) for s in page.find_all("script", type="application/ld+json")]


def metas(page, attribute: str) -> dict[str, list[str]]:
    found = defaultdict(list)
    for meta in page.find_all("meta"):
        if attribute in meta.attrs:
            found[meta.attrs[attribute]].append(meta.attrs.get("content", ""))
    return found


def test_every_page_says_in_json_ld_which_council_document_it_is_based_on(parsed):
    record = document().record
    official = {record.official.get(lang) for lang in document().languages}
    assert len(parsed) > 100
    for path, page in parsed.items():
        found = json_ld(page)
        assert len(found) == 1, path
        data = found[0]
        lang = page.find("html").attrs["lang"]
        based = data["isBasedOn"]
        assert data["@context"] == "https://schema.org" and data["inLanguage"] == lang, path
        assert based["reportNumber"] == record.number, path
        assert based["author"]["name"] in COUNCIL
        assert {e["contentUrl"] for e in based["encoding"]} == official, path
        assert record.register.get(lang) in based["sameAs"], path
        assert data["version"] and data["isPartOf"]["version"] == data["version"], path
        # the English is this edition's translation of the Council's French version
        if lang == document().languages[0]:
            assert "translationOfWork" not in data, path
        else:
            assert data["translationOfWork"]["url"] == record.official.get(document().languages[0])
            assert "Unofficial translation" in data["creativeWorkStatus"], path


def built(site: Path, language: str, kind: str, key: object = None) -> Path:
    return site / (prefix(language) + addresses.served(pages.page_path(kind, key))) / "index.html"


@pytest.mark.parametrize("language", document().languages)
def test_measure_pages_carry_citation_and_opengraph_tags(parsed, real_site, language):
    record = document().record
    others = [lang for lang in document().languages if lang != language]
    for measure in document().measures:
        path = built(real_site, language, "measure", measure.number)
        page = parsed[path]
        names, properties = metas(page, "name"), metas(page, "property")
        url = f"http://localhost:8000/{prefix(language)}package/measure-{measure.number}/"
        title = plain(measure.title.get(language))
        (cited,) = names["citation_title"]
        assert (
            plain(record.subject.get(language)) in cited and f"{measure.number}. {title}" in cited
        )
        assert names["citation_author"][0] in COUNCIL
        assert names["citation_publication_date"] == [record.date.replace("-", "/")]
        assert names["citation_technical_report_number"] == [record.number]
        assert names["citation_language"] == [language]
        assert names["citation_pdf_url"] == [record.official.get(language)]
        assert names["citation_public_url"] == [url]
        assert names["citation_publisher"] == names["citation_author"]
        assert properties["og:url"] == [url] and properties["og:type"] == ["article"]
        assert properties["og:title"] == [f"{properties['og:title'][0].split('. ')[0]}. {title}"]
        assert properties["og:description"] == names["description"]
        assert properties["og:locale"][0].startswith(language + "_")
        assert [a[:2] for a in properties["og:locale:alternate"]] == others
        assert properties["og:site_name"][0]


def test_each_page_has_a_description_of_its_own_in_each_language(parsed):
    said: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path, page in parsed.items():
        if path.name == "404.html":
            continue  # served at any address: not a page of its own
        lang = page.find("html").attrs["lang"]
        descriptions = metas(page, "name")["description"]
        assert len(descriptions) == 1 and len(descriptions[0]) > 40, path
        said[(lang, descriptions[0])].append(str(path))
    repeated = {k: v for k, v in said.items() if len(v) > 1}
    assert len(said) > 100 and not repeated, repeated


ACTION_ID = re.compile(r"action-(\d+)-(\d+)$")
NOTE_ID = re.compile(r"fn(?:-[a-z]+)?:(\d+)$")


def report_of(node) -> dict[str, str]:
    """The prefilled report a passage's link opens: its title and body."""
    links = [a for a in node.find_all("a", class_="report-link")]
    assert len(links) == 1, node.attrs
    href = links[0].attrs["href"]
    assert href.startswith(REPORT_URL.split("?")[0] + "?")
    query = parse_qs(urlsplit(href).query, strict_parsing=True)
    return {key: value[0] for key, value in query.items()}


def test_every_action_and_footnote_has_a_report_link_naming_it(parsed, real_site):
    version = None
    seen = {"action": 0, "footnote": 0}
    for path, page in parsed.items():
        address = "http://localhost:8000/" + path.parent.relative_to(real_site).as_posix() + "/"
        address = address.replace("http://localhost:8000/./", "http://localhost:8000/")
        line = page.find(class_="edition-line")
        version = line and re.search(r"(?:Édition|Edition) (\S+) (?:du|of) ", line.text())
        for item in page.find_all("li", class_="action"):
            found = ACTION_ID.match(item.attrs.get("id", ""))
            if not found:
                continue  # the explorer's list: actions linked to their measure pages
            report = report_of(item)
            passage = f"{found[1]}.{found[2]}"
            assert passage in report["title"] and f"{address}#{item.attrs['id']}" in report["body"]
            assert version and f"version {version[1]}" in report["body"], path
            seen["action"] += 1
        for notes in page.find_all(role="doc-endnotes"):
            for item in notes.find_all("li"):
                found = NOTE_ID.match(item.attrs["id"])
                report = report_of(item)
                assert found and found[1] in report["title"], path
                assert f"{address}#{item.attrs['id']}" in report["body"], path
                seen["footnote"] += 1
    actions = sum(len(m.actions) for m in document().measures)
    assert seen["action"] >= actions * len(document().languages) and seen["footnote"] > 100, seen
