"""Hostile data: a payload in every field a maintainer can write reaches every
page kind as text, never as markup, in the built files and in Chromium."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
import yaml
from browser import serve, settle
from conftest import MINI
from sitebuild import html_pages, shared_build

from generator import interface_usage
from generator.fidelity import source_path
from generator.load import FILES, read_folder
from generator.plaintext import document_lines
from generator.validate import build_document

PAYLOAD = (
    "<script>alert(1)</script><img src=x onerror=alert(2)>\"'><svg onload=alert(3)>"
    '<iframe src=javascript:alert(4)></iframe>[x](javascript:alert(5)){: onclick="alert(6)" }'
    '\\ --8<-- "mkdocs.yml" {{ 7*7 }} &lt;b&gt; ---'
)
VISIBLE = "<script>alert(1)</script>"  # how a reader must see it
# Fields whose values are ids, numbers, dates or spellings the checks match in
# the texts: they cannot hold a payload (the checks refuse it).
FIXED = {"id", "kind", "date", "approval_date", "number", "summary_page", "session", "measure"}
FIXED |= {
    "actors",
    "mentions",
    "parent",
    "glossary",
    "actor",
    "entries",
    "token",
    "terms",
    "variants",
    "short",
}
FIXED |= {"date_day", "date_month"}  # date patterns: checked as such
FIXED |= {"official", "register", "url"}  # addresses: checked as such


def _hostile(value, key=""):
    if key in FIXED:
        return value
    if isinstance(value, dict):
        return {k: _hostile(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_hostile(v, key) for v in value]
    return f"{value} {PAYLOAD}" if isinstance(value, str) else value


def _poison(project):
    data = project / "data"
    for path in data.glob("*.yaml"):
        poisoned = _hostile(yaml.safe_load(path.read_text(encoding="utf-8")))
        path.write_text(
            yaml.safe_dump(poisoned, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    # the French texts changed: so does the source text they must contain
    files = {name: source.parse() for name, source in read_folder(data, FILES)[0].items()}
    doc = build_document(files, ("fr", "en"), None, interface_usage())
    (data / source_path("fr")).write_text("\n".join(document_lines(doc, "fr")), encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return shared_build(tmp_path_factory, "hostile", MINI, _poison)


class _Dangerous(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._script = False

    def handle_starttag(self, tag, attrs):
        # JSON data blocks (<script type="application/json">) are not run
        self._script = tag == "script" and dict(attrs).get("type") != "application/json"
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")
        if tag in ("iframe", "svg", "img") and any(n == "src" and v == "x" for n, v in attrs):
            self.found.append(f"<{tag}>")

    def handle_data(self, data):
        if self._script and "alert(" in data:
            self.found.append(f"<script>{data[:80]}")


def test_the_payload_reaches_the_pages(site):
    html = (site / "en" / "package" / "measure-2" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_no_page_holds_markup_or_script_from_the_data(site):
    found = []
    for page in html_pages(site):
        parser = _Dangerous()
        parser.feed(page.read_text(encoding="utf-8"))
        found += [f"{page.relative_to(site)}: {f}" for f in parser.found]
    assert found == []


PAGES = [
    "",
    "package/measure-2/",
    "package/actors/",
    "package/actors/emsc/",
    "package/glossary/",
    "package/full-text/",
    "package/who-does-what/",
    "package/explorer/?q=act",
    "package/side-by-side/full-text/",
    "package/side-by-side/measure-2/",
    "package/timeline/",
    "package/overview/",
    "package/study/",
    "package/open-data/",
    "package/search/?q=alert",
    "about/",
    "404.html",
]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_in_chromium_nothing_runs_and_the_payload_is_shown_as_text(site, browser, language):
    dialogs, errors = [], []
    with serve(site) as base:
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: errors.append(str(e)))
        for path in PAGES:
            page.goto(base + ("" if language == "fr" else "en/") + path)
            settle(page)
            if "search" in path:
                page.wait_for_selector(".pagefind-ui__result-link", timeout=5000)
            handlers = page.evaluate(
                """() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]
                    .filter(a => a.name.startsWith('on') || (/^\\s*javascript:/i.test(a.value)
                        && !/^javascript:void\\(0\\);?$/.test(a.value)))  // Pagefind UI's own form
                    .map(a => e.tagName + ' ' + a.name))"""
            )
            assert handlers == [], (path, handlers)
            assert VISIBLE in page.inner_text("body"), path
        page.close()
    assert dialogs == [] and errors == []
