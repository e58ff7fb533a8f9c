"""Honest provenance and a citation kit, as a reader meets them in Chromium."""

from __future__ import annotations

import re

import pytest
from browser import run_axe

OFFICIAL = [
    "https://data.consilium.europa.eu/doc/document/ST-15250-2018-INIT/fr/pdf",
    "https://data.consilium.europa.eu/doc/document/ST-15250-2018-INIT/en/pdf",
]
REGISTER = "https://www.consilium.europa.eu/register/{}/content/out?&typ=ENTRY&i=ADV&DOC_ID=ST-15250-2018-INIT"
ROOT = {"fr": "", "en": "en/"}


def clipboard(page) -> str:
    return page.evaluate("() => navigator.clipboard.readText()")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_official_versions_are_linked_from_the_record_the_statement_and_the_footer(
    tab, served_site, language
):
    tab.goto(served_site + ROOT[language])
    for where in ("dl.record", "#provenance + p + ul.official", ".md-copyright"):
        links = tab.eval_on_selector_all(f"{where} a", "els => els.map(e => e.href)")
        assert set(OFFICIAL) <= set(links), where
        assert REGISTER.format(language) in links, where
    statement = tab.inner_text("#provenance + p")
    assert "OR. en" in statement


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
    tab, served_site, language, badge
):
    tab.goto(served_site + ROOT[language] + "package/measure-8/")
    assert badge in tab.inner_text(".provenance")
    tab.goto(served_site + ROOT[language] + "package/side-by-side/measure-8/")
    heads = tab.eval_on_selector_all(
        ".sbs__row--head .sbs__cell", "els => els.map(e => e.textContent)"
    )
    assert len(heads) == 2 and ("Council" in heads[0] or "Conseil" in heads[0])


CITATION = {
    "fr": "Conseil de l'Union européenne, doc. 15250/18, mesure 8, action 8.2, 6 décembre 2018, {url} (édition du ",
    "en": "Council of the European Union, doc. 15250/18, measure 8, action 8.2, 6 December 2018, {url} (edition of ",
}


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("way", ["mouse", "keyboard", "touch"])
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


def test_the_full_text_numbers_each_action_with_a_link_to_itself(tab, served_site):
    tab.goto(served_site + "package/full-text/")
    link = tab.locator("#action-4-2 > a.action__id")
    assert link.inner_text() == "4.2" and link.get_attribute("href") == "#action-4-2"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_footer_dates_and_versions_the_edition(tab, served_site, language):
    tab.goto(served_site + ROOT[language] + "package/glossary/")
    line = tab.inner_text(".edition-line")
    assert re.match(r"(Édition du|Edition of) \d{1,2}\s\S+ \d{4}, version ", line), line
