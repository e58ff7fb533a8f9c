"""Facts of the built pages, read from their HTML (no browser): what every
page of a language says, the footnotes without scripts, the downloads."""

from __future__ import annotations

import dataclasses
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser import UI
from sitebuild import VOID, header_words, html_pages, resolve, tree
from visit import document, prefix, wrong_strings

from generator import addresses, pages, study
from generator.markup import plain

FOOTNOTE_2 = {"fr": "Par exemple, l'EASO", "en": "For example, EASO"}


class _OwnLanguage(HTMLParser):
    """A page's text and attribute values, without the parts in another
    language (a column of the side-by-side pages, the language switcher)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []  # (tag, its language)
        self.lang = ""  # the page's
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        inherited = self.stack[-1][1] if self.stack else ""
        lang = (values.get("lang") or inherited)[:2]
        if tag == "html":
            self.lang = lang
        if lang == self.lang:
            self.parts.extend(v for v in values.values() if v)
        if tag not in VOID:
            self.stack.append((tag, lang))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if not self.stack or self.stack[-1][1] == self.lang:
            self.parts.append(data)


def own_language(path: Path) -> tuple[str, str]:
    """The page's language and what it says in it."""
    parser = _OwnLanguage()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.lang, " ".join(parser.parts)


def page(site, language: str, kind: str, key: object = None):
    path = addresses.served(pages.page_path(kind, key))
    return tree(site / (prefix(language) + path) / "index.html")


@pytest.mark.parametrize("language", document().languages)
def test_no_page_shows_an_interface_string_of_the_other_language(real_site, language):
    others = [prefix(other) for other in document().languages if prefix(other) != prefix(language)]
    folder = real_site / prefix(language)
    found, read = [], 0
    for path in html_pages(folder):
        address = path.relative_to(real_site).as_posix()
        if any(other and address.startswith(other) for other in others):
            continue  # another language's page
        lang, text = own_language(path)
        read += 1
        assert lang == language, address
        found += [(address, s) for s in wrong_strings(text, language)]
    assert read > 50 and found == []


def test_footnotes_are_listed_and_linked_without_scripts(real_site):
    note = page(real_site, "fr", "measure", 2).find("li", id="fn:2")
    assert note is not None and note.text().strip().startswith(FOOTNOTE_2["fr"])
    assert note.attrs.get("value") == "2"
    ref = page(real_site, "fr", "measure", 2).find("sup", id="fnref:2").find("a")
    assert ref.attrs["href"] == "#fn:2"


@pytest.mark.parametrize("language", document().languages)
def test_the_search_page_is_titled_and_its_heading_holds_no_form(real_site, language):
    heading = page(real_site, language, "search").find("h1")
    assert heading.text().strip() == UI["search"][language]
    assert not [n for n in heading.iter() if n.tag in ("input", "form")]


@pytest.mark.parametrize("language", document().languages)
def test_open_data_downloads_exist(real_site, language):
    path = (
        real_site / prefix(language) / addresses.served(pages.page_path("open-data")) / "index.html"
    )
    links = [a.attrs["href"] for a in tree(path).iter() if a.tag == "a" and "download" in a.attrs]
    assert len(links) >= 3
    missing = [href for href in links if resolve(real_site, path, href)[0] is None]
    assert missing == []


# -- the study page: its questions without scripts, and the round's bank ------
def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("language", document().languages)
def test_every_question_is_readable_without_scripts_with_its_prompt_in_its_legend(
    real_site, language
):
    """Each generated question is on the page as a radio group whose legend
    holds the prompt (the group's accessible name says what is asked), with
    its answer in a details and the data the round needs: its section and
    measure, its right answer and its passage, which exists."""
    path = real_site / prefix(language) / addresses.served(pages.page_path("study")) / "index.html"
    root = tree(path)
    items = {i.attrs["data-question"]: i for i in root.find_all("li", class_="quiz__item")}
    doc = document()
    questions = study.quiz_questions(doc, language)
    assert len(questions) > 40 and sorted(items) == sorted(q.id for q in questions)
    sections = {m.number: m.section for m in doc.measures}
    for q in questions:
        item = items[q.id]
        legend = item.find("fieldset").find("legend")
        assert plain(q.prompt) and _words(plain(q.prompt)) in _words(legend.text()), q.id
        assert legend.find(class_="quiz__prompt") is not None, q.id
        radios = item.find("fieldset").find_all("input", type="radio")
        assert [_words(r.parent.text()) for r in radios] == [_words(c) for c in q.choices]
        assert int(item.attrs["data-answer"]) == q.answer
        answer = item.find("details")  # without scripts: the answer, folded
        assert answer.find("summary").text() == UI["answer"][language]
        assert _words(q.choices[q.answer]) in _words(answer.text())
        target, fragment = resolve(real_site, path, item.attrs["data-source"])
        assert target is not None and f'id="{fragment}"' in target.read_text("utf-8"), q.id
        if "/measure-" in q.source:  # the round's scopes: the passage's measure and section
            number = int(q.source.partition("/measure-")[2].partition(".")[0])
            assert item.attrs["data-measure"] == str(number)
            assert item.attrs["data-section"] == sections[number]
    scopes = {o.attrs["value"] for o in root.find("select", name="scope").find_all("option")}
    assert {f"section:{i.attrs['data-section']}" for i in items.values()} <= scopes
    assert {f"measure:{i.attrs['data-measure']}" for i in items.values()} - {"measure:"} <= scopes


def test_the_study_scripts_strings_keep_french_spacing(real_site):
    """The strings the study script writes get the no-break spaces the
    generated pages have (before : ; ? ! and inside « »)."""
    path = real_site / addresses.served(pages.page_path("study")) / "index.html"
    root = tree(path)
    data = json.loads(root.find("script", id="study-data").text())
    texts = list(data["strings"].values())
    tools = root.find_all("div", class_="quiz") + root.find_all("div", class_="flashcards")
    texts += [
        v for t in tools for n in t.iter() for k, v in n.attrs.items() if k.startswith("data-")
    ]
    assert len(tools) == 2 and any(":" in t for t in texts)
    unspaced = r"(^|[^\u00a0\u202f]):(\s|$)|[^\u202f][;?!](\s|$)|« |\S»"
    assert [t for t in texts if re.search(unspaced, t)] == []


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_published_open_data_names_the_footers_edition_its_licences_and_provenance(
    real_site, language
):
    import json

    footer = page(real_site, language, "history").find(class_="edition-line").text()
    version = footer.split()[1]  # "Edition 1.0 of …"
    name = f"15250-18-{language}.json"
    data = json.loads((real_site / "package" / "data" / name).read_text(encoding="utf-8"))
    assert data["version"] == version == data["editions"][-1]["version"]
    assert data["$id"].startswith("http") and data["$id"].endswith(f"/package/data/{name}")
    assert {"council", "edition"} <= set(data["licence"])
    action = data["sections"][0]["measures"][0]["actions"][0]["text"]
    assert action["provenance"] == ("council" if language == "fr" else "translation")
    assert data["official"] == (language == "fr")


def test_the_offline_zip_is_published_once(real_site):
    """The zip holds every language: one copy, which each open data page links."""
    from generator.opendata import OFFLINE_NAME

    zips = [p.relative_to(real_site).as_posix() for p in real_site.rglob(OFFLINE_NAME)]
    assert zips == [f"{addresses.FOLDER}/data/{OFFLINE_NAME}"]


@pytest.mark.parametrize("language", document().languages)
def test_each_404_page_holds_every_language_with_a_search_box_and_the_measures(real_site, language):
    """A static host serves the root 404 page for every address: each 404
    page holds every language's block (its own first, each readable without
    scripts), with a search form to that language's search page (?q=) and a
    link to every measure; the language menu leads to each language's home."""
    root = tree(real_site / prefix(language) / "404.html")
    languages = document().languages
    blocks = root.find_all("div", class_="not-found")
    assert [b.attrs["lang"] for b in blocks] == [language] + [
        lang for lang in languages if lang != language
    ]
    measure = next(k for k in pages.KINDS if k.name == "measure")
    for block in blocks:
        lang = block.attrs["lang"]
        assert block.find("h1").text() == UI["not_found_title"][lang]
        form = block.find("form")
        search = addresses.served(pages.page_path("search"))
        assert form.attrs["action"] == f"/{prefix(lang)}{search}"
        field = form.find("input", name="q")
        assert field is not None and field.attrs["type"] == "search"
        label = form.find("label")
        assert label.attrs["for"] == field.attrs["id"] and label.text() == UI["search_label"][lang]
        measures = block.find("ol", class_="not-found__measures").links()
        expected = [f"/{prefix(lang)}{addresses.served(p)}" for _, p in measure.pages(document())]
        assert measures == expected
    menu = {
        a.attrs["hreflang"]: a.attrs["href"] for a in root.find_all("a", class_="md-select__link")
    }
    assert menu == {lang: f"/{prefix(lang)}" for lang in languages}


def test_each_404_page_holds_the_header_s_words_in_every_language(real_site):
    """The root 404 page is served for every address, /en/… too: each
    language's block holds (hidden) the words that language's header says,
    by the keys the header marks, as that language's own 404 page shows them."""
    languages = document().languages
    own = {lang: header_words(tree(real_site / prefix(lang) / "404.html")) for lang in languages}
    assert all(len(values) == 1 for words in own.values() for values in words.values()), own
    assert "site_name" in own[languages[0]] and own[languages[0]] != own[languages[1]]
    for language in languages:
        for block in tree(real_site / prefix(language) / "404.html").find_all(class_="not-found"):
            held = block.find("div", class_="not-found__header")
            words = {s.attrs["data-key"]: {_words(s.text())} for s in held.find_all("span")}
            assert "hidden" in held.attrs and words == own[block.attrs["lang"]], language


def kind_pages(site: Path, language: str) -> dict[str, Path]:
    """The first page of every kind of the registry, in ``language``."""
    found = {}
    for kind in pages.KINDS:
        _, path = kind.pages(document())[0]
        found[kind.name] = site / prefix(language) / addresses.served(path) / "index.html"
    return found


@pytest.mark.parametrize("language", document().languages)
def test_the_language_menu_marks_the_page_s_language_and_the_menu_has_no_maintainers_page(
    real_site, language
):
    edit = addresses.served(pages.page_path("edit"))
    for kind, path in kind_pages(real_site, language).items():
        root = tree(path)
        current = [
            a.attrs["hreflang"]
            for a in root.find_all("a", class_="md-select__link")
            if a.attrs.get("aria-current")
        ]
        assert current == [language], kind
        menu = root.find("nav", class_="md-nav--primary")
        assert not [href for href in menu.links() if href.rstrip("/").endswith(edit.rstrip("/"))]
    about = tree(kind_pages(real_site, language)["about"]).find("article")
    assert [href for href in about.links() if edit.rstrip("/") in href], "about links the edit page"


@pytest.mark.parametrize("language", document().languages)
def test_a_name_s_source_in_another_language_says_so(real_site, language):
    """An actor's name source is the official English name's: a page in
    another language says that its source is for the English name."""
    from babel import Locale

    doc = document()
    kind = next(k for k in pages.KINDS if k.name == "actor")
    for key, _ in kind.pages(doc):  # every actor that has a page
        actor = doc.actor(key)
        root = page(real_site, language, "actor", actor.id)
        link = next(a for a in root.find_all("a") if a.attrs.get("href") == actor.source.url)
        source_language = link.attrs.get("lang", language)
        assert link.parent.tag == "dd", actor.id
        terms = [n for n in link.parent.parent.children if not isinstance(n, str)]
        label = terms[terms.index(link.parent) - 1]  # its dt
        if source_language != language:
            name = Locale(language).languages[source_language]
            assert name.lower() in label.text().lower(), (actor.id, label.text())


FOCUSABLE = ("a", "button", "input", "select", "textarea", "summary")


def language_of(node) -> str:
    """The language of an element: its own or its nearest ancestor's ``lang``."""
    while node is not None and "lang" not in node.attrs:
        node = node.parent
    return node.attrs["lang"] if node is not None else ""


def tab_stops(node) -> int:
    """The elements of ``node`` that Tab stops at (without scripts)."""
    count = 0
    for n in node.iter():
        index = n.attrs.get("tabindex")
        if index is not None:
            count += int(index) >= 0
        elif n.tag in FOCUSABLE and (n.tag != "a" or "href" in n.attrs):
            count += 1
    return count


@pytest.mark.parametrize("language", document().languages)
def test_an_acronym_is_a_tab_stop_once_a_page(real_site, language):
    """Each acronym links to its glossary entry once on a page (its first
    occurrence); the next ones are explained (<abbr>), not tab stops."""
    repeated = {}
    for kind, path in kind_pages(real_site, language).items():
        content = tree(path).find("article")
        # once per column of a side-by-side page: (its language, the link)
        links = [(language_of(a), a.attrs["href"]) for a in content.find_all("a", class_="gl")]
        if twice := sorted({href for href in links if links.count(href) > 1}):
            repeated[kind] = twice
    assert repeated == {}
    full = tree(kind_pages(real_site, language)["full-text"]).find("article")
    glossary_terms = {e.id for e in document().glossary}
    assert tab_stops(full) < 200  # 309 before, 220 of them repeated acronym links
    assert len(full.find_all("a", class_="gl")) <= len(glossary_terms)


@pytest.mark.parametrize("language", document().languages)
def test_every_page_gives_the_document_s_reference(real_site, language):
    """The document record (number, date, meeting) is on every page, not only
    the home page's, with a link to the full record."""
    record = document().record
    pages_of = kind_pages(real_site, language) | {"404": real_site / prefix(language) / "404.html"}
    for kind, path in pages_of.items():
        line = tree(path).find("p", class_="record-line")
        assert line is not None, kind
        text = line.text()
        assert record.number in text and str(record.session) in text, (kind, text)
        assert record.dateline.get(language) in text.replace("\u00a0", " "), (kind, text)
        assert [href for href in line.links() if href.endswith("#record")], kind


# -- an action's report link, wherever its text is shown ------------------------
def _shown_text(node) -> str:
    """The words of an element, without footnote marks (``sup`` refs)."""
    parts = []
    for child in node.children:
        if isinstance(child, str):
            parts.append(child)
        elif "footnote-ref" not in child.attrs.get("class", "").split():
            parts.append(_shown_text(child))
    return "".join(parts)


def _report_titles(root) -> str:
    """The titles of the page's reports of an error (sitebuild.REPORT_URL's
    ``title``), one a line."""
    from urllib.parse import parse_qs, urlsplit

    links = root.find_all("a", class_="report-link")
    return "\n".join(parse_qs(urlsplit(a.attrs["href"]).query)["title"][0] for a in links)


def test_every_page_that_shows_an_action_holds_its_report_link(real_site):
    """Every page of the registry (every kind, every key, every language)
    that shows an action's text, in any of its languages (side by side: both),
    holds a report of an error in that action, named as its measure page
    names it, in that language."""
    from generator.interface import InterfaceText
    from generator.markup import FOOTNOTE_MARK

    doc = document()
    texts = {
        (action.id, lang): _words(plain(FOOTNOTE_MARK.sub("", action.text.get(lang))))
        for action in doc.actions
        for lang in doc.languages
    }
    passages = {
        (action.id, lang): InterfaceText(doc.interface, lang).plain(
            "report_action", action=action.id, measure=action.measure
        )
        for action in doc.actions
        for lang in doc.languages
    }
    missing, kinds = [], set()
    for kind in pages.KINDS:
        for language in doc.languages:
            for _, path in kind.pages(doc):
                root = tree(real_site / prefix(language) / addresses.served(path) / "index.html")
                shown, titles = _words(_shown_text(root)), _report_titles(root)
                for (action, lang), text in texts.items():
                    if text in shown:
                        kinds.add(kind.name)
                        if passages[action, lang] not in titles:
                            missing.append((prefix(language) + path, action, lang))
    assert len(kinds) > 3 and not missing, (sorted(kinds), missing[:10], len(missing))


# -- every actor, whatever its kind, as the pages show it ----------------------
def test_every_actor_whatever_its_kind_is_shown_with_its_texts_and_source(real_site):
    """Each actor of the data, a place too (the actors page lists the places
    apart), has its name, its description and its source (title and address)
    on some page of each language; a body the document only proposes says so
    on its page. (A place's other fields are refused by validation.)"""
    from generator.interface import InterfaceText
    from generator.models import Actor

    doc = document()
    defaults = {f.name: f.default for f in dataclasses.fields(Actor)}
    missing = []
    for language in doc.languages:
        ui = InterfaceText(doc.interface, language)
        folder = real_site / prefix(language)
        others = [prefix(o) for o in doc.languages if prefix(o) and o != language]
        shown = {}
        for path in html_pages(folder):
            address = path.relative_to(real_site).as_posix()
            if not any(address.startswith(other) for other in others):
                root = tree(path)
                shown[address] = (_words(root.text()), set(root.links()))
        for actor in doc.actors:
            wanted = {
                "name": _words(plain(actor.name.get(language))),
                "description": _words(plain(actor.description.get(language))),
                "source": _words(actor.source.title),
            }
            for field, text in wanted.items():
                if not any(text in words for words, _ in shown.values()):
                    missing.append((actor.id, actor.kind, field, language))
            if not any(actor.source.url in links for _, links in shown.values()):
                missing.append((actor.id, actor.kind, "source.url", language))
            if actor.status != defaults["status"]:
                page = prefix(language) + addresses.served(pages.page_path("actor", actor.id))
                said = ui.plain(f"actor_{actor.status}", date=ui.date(doc.record.date))
                if _words(said) not in shown[page + "index.html"][0]:
                    missing.append((actor.id, actor.kind, "status", language))
    assert {a.kind for a in doc.actors} >= {"place"}  # the kinds at stake are in the data
    assert missing == []
