"""Honest provenance (read from the built pages) and a citation kit, as a
reader meets it in Chromium."""

from __future__ import annotations

import re

import pytest
from browser import run_axe
from sitebuild import tree

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
    "fr": "Conseil de l'Union européenne, doc. 15250/18, mesure 8, action 8.2, 6 décembre 2018, {url} (édition du ",
    "en": "Council of the European Union, doc. 15250/18, measure 8, action 8.2, 6 December 2018, {url} (edition of ",
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
    assert text.startswith(CITATION[language].format(url=canonical)), text
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
