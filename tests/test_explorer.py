"""The action explorer: its actor list, what it says without scripts (from the
built HTML), and its keyword, which finds what the site search finds: the
stems of overrides/assets/stem.js (run by Node) against the words of the
site's Pagefind index and over every section and measure title, in both
languages; then one page load in Chromium doing what a trainee does."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import unicodedata
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browser import LANGUAGES, UI, goto, url, visible
from conftest import ROOT
from sitebuild import Node, resolve, tree
from visit import prefix

from generator import addresses, pages

STEM_JS = ROOT / "overrides" / "assets" / "stem.js"
SKIP = ("action__id", "footnote-ref", "report-link")  # tools.js: SKIP


def explorer(site: Path, language: str) -> Node:
    return tree(_page_file(site, language, "explorer"))


def text_of(node: Node) -> str:
    """The text of an element without the parts the explorer skips (ids, footnote marks)."""
    parts = []
    for child in node.children:
        if isinstance(child, str):
            parts.append(child)
        elif not set(child.attrs.get("class", "").split()) & set(SKIP):
            parts.append(text_of(child))
    return "".join(parts)


def actions(page: Node) -> list[dict]:
    """Each action of the explorer: its id, section, measure and the texts it is found by."""
    form = page.find("form", **{"data-explorer-filters": ""})
    titles = {
        (select.attrs["name"], option.attrs["value"]): option.attrs["data-title"]
        for select in form.find_all("select")
        for option in select.find_all("option")
        if "data-title" in option.attrs
    }
    items = page.find("ol", class_="explorer").find_all("li", class_="action")
    return [
        {
            "id": item.find("a", class_="action__id").text().strip(),
            "section": item.attrs["data-section"],
            "measure": item.attrs["data-measure"],
            "texts": [
                text_of(item),
                titles[("section", item.attrs["data-section"])],
                titles[("measure", item.attrs["data-measure"])],
            ],
        }
        for item in items
    ]


# Node runs the explorer's matching: stems of each action's texts, then which
# actions each query finds (EditionStem.finds), and the stem of given words.
_RUN = """
require(process.argv[1]);
const S = globalThis.EditionStem;
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const stems = input.actions.map(a => [].concat(...a.texts.map(t => S.stems(t, input.lang))));
process.stdout.write(JSON.stringify({
  found: input.queries.map(q => input.actions.filter((a, i) => S.finds(S.stems(q, input.lang), stems[i])).map(a => a.id)),
  stems: input.words.map(w => S.stem(w, input.lang)),
}));
"""


def run_stems(lang: str, items: list[dict], queries: list[str], words: list[str]) -> dict:
    data = json.dumps({"lang": lang, "actions": items, "queries": queries, "words": words})
    done = subprocess.run(
        ["node", "-e", _RUN, str(STEM_JS)], input=data, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def _cbor(data: bytes, at: int) -> tuple[object, int]:
    """One CBOR value of Pagefind's index (integers, strings, arrays, maps)."""
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        value = info
    else:
        size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
        value, at = int.from_bytes(data[at : at + size], "big"), at + size
    if major in (2, 3):
        raw = data[at : at + value]
        return (raw.decode() if major == 3 else raw), at + value
    if major == 4:
        items = []
        for _ in range(value):
            item, at = _cbor(data, at)
            items.append(item)
        return items, at
    if major == 5:
        pairs = {}
        for _ in range(value):
            key, at = _cbor(data, at)
            pairs[key], at = _cbor(data, at)
        return pairs, at
    return (value if major == 0 else -1 - value), at


def indexed_words(site: Path, lang: str) -> set[str]:
    """The words (stems) of the site search's index of a language."""
    words = set()
    for chunk in (site / "pagefind" / "index").glob(f"{lang}_*.pf_index"):
        raw = gzip.decompress(chunk.read_bytes())
        assert raw.startswith(b"pagefind_dcd"), chunk
        entries, _ = _cbor(raw[len(b"pagefind_dcd") :], 0)
        words.update(entry[0] for entry in entries[0])
    return words


# -- the actor list, and the page without scripts --------------------------------
@pytest.mark.parametrize("language", LANGUAGES)
def test_actor_list_is_grouped_by_kind_of_actor(real_site, language):
    page = explorer(real_site, language)
    select = page.find("select", name="actor")
    groups = select.find_all("optgroup")
    kinds = {UI[key][language]: key for key in UI if key.startswith("kind_")}
    assert groups and all(g.attrs["label"] in kinds for g in groups)
    assert len({g.attrs["label"] for g in groups}) == len(groups)
    # every actor some action involves, once, in a group; none else
    involved = {
        a
        for li in page.find("ol", class_="explorer").find_all("li")
        for a in li.attrs["data-actors"].split()
    }
    grouped = [o.attrs["value"] for g in groups for o in g.find_all("option")]
    assert sorted(grouped) == sorted(involved)
    assert [o.attrs["value"] for o in select.find_all("option") if o.parent is select] == [""]


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_scripts_the_explorer_says_so_and_links_each_actor(real_site, language):
    page = explorer(real_site, language)
    lead = page.find("p", class_="lead").text()
    assert UI["explorer_how"][language][:12] not in lead  # what filters do: only where they work
    assert page.find("p", class_="explorer-how")  # hidden without scripts (edition.css)
    css = (ROOT / "overrides" / "assets" / "edition.css").read_text(encoding="utf-8")
    scripted = css.split("@media (scripting: none)")[1].split("}")[0]
    assert ".explorer-how" in scripted and "[data-explorer-filters]" in scripted
    fallback = page.find("noscript")
    assert fallback and UI["explorer_no_script"][language][:30] in fallback.text()
    here = _page_file(real_site, language, "explorer")
    linked = {resolve(real_site, here, link)[0] for link in fallback.links()}
    assert linked == {_page_file(real_site, language, "actor", a) for a in _actor_values(page)}


def _page_file(site: Path, language: str, kind: str, key: object = None) -> Path:
    return site / (prefix(language) + addresses.served(pages.page_path(kind, key))) / "index.html"


def _actor_values(page: Node) -> list[str]:
    return [
        o.attrs["value"]
        for o in page.find("select", name="actor").find_all("option")
        if o.attrs["value"]
    ]


# -- the keyword: stems as the site search's, titles found ------------------------
@pytest.mark.parametrize("language", LANGUAGES)
def test_keyword_stems_are_the_site_search_words(real_site, language):
    """Every word of the explorer's actions and titles has the stem the site
    search (Pagefind) indexed for it."""
    items = actions(explorer(real_site, language))
    text = " ".join(t for item in items for t in item["texts"])
    words = sorted({w for w in _words(text) if len(w) > 1 and not w.isdigit()})
    stems = run_stems(language, [], [], words)["stems"]
    index = indexed_words(real_site, language)
    assert len(index) > 500
    differ = [f"{w} -> {s}" for w, s in zip(words, stems, strict=True) if s not in index]
    assert not differ, differ


def _words(text: str) -> list[str]:
    folded = "".join(
        c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c)
    )
    return re.findall(r"[^\W_]+", folded)


@pytest.mark.parametrize("language", LANGUAGES)
def test_keyword_finds_every_action_of_a_section_or_measure_by_its_title(real_site, language):
    items = actions(explorer(real_site, language))
    titles = sorted(
        {(i["section"], i["texts"][1]) for i in items}
        | {(i["measure"], i["texts"][2]) for i in items}
    )
    # each title typed as it is, and its words in reverse order
    queries = [t for _, t in titles] + [" ".join(reversed(t.split())) for _, t in titles]
    found = run_stems(language, items, queries, [])["found"]
    for (key, title), hits, backwards in zip(
        titles, found[: len(titles)], found[len(titles) :], strict=True
    ):
        own = {
            i["id"]
            for i in items
            if key in (i["section"], i["measure"]) and title in i["texts"][1:]
        }
        assert own and own <= set(hits), (title, sorted(own - set(hits)))
        assert set(backwards) == set(hits), title


def test_keyword_counts_singular_and_plural_alike(real_site):
    fr = run_stems(
        "fr",
        actions(explorer(real_site, "fr")),
        ["communications en ligne", "passeur", "passeurs", "réseau", "RESEAUX"],
        [],
    )["found"]
    en = run_stems(
        "en",
        actions(explorer(real_site, "en")),
        ["online communications", "referral", "referrals", "Frontex"],
        [],
    )["found"]
    assert fr[0] and fr[1] == fr[2] and fr[3] == fr[4] and fr[3]
    assert en[0] and en[1] == en[2] and en[1] and en[3]


# -- in Chromium: one page load, every step -------------------------------------
def test_keyword_in_the_browser_finds_titles_and_offers_ways_on(open_page, base, real_site):
    items = actions(explorer(real_site, "en"))
    section = next(i for i in items if "online communications" in i["texts"][1].lower())
    own = [i["id"] for i in items if i["section"] == section["section"]]
    page = open_page()
    goto(page, url(base, "en", "package/explorer/"))
    field = "[data-explorer-filters] input[name=q]"
    shown = "ol.explorer > li:not([hidden]) .action__id"
    page.fill(field, "online communications")
    assert visible(page, shown) == own
    assert page.inner_text(".explorer-count").startswith(f"{len(own)} ")
    page.fill(field, "communications online")  # any order
    assert visible(page, shown) == own
    page.fill(field, "referral")
    singular = visible(page, shown)
    assert len(singular) > 1 and page.locator("ol.explorer > li:not([hidden]) mark.hit").count() > 0
    page.fill(field, "referrals")
    assert visible(page, shown) == singular
    page.fill(field, "FRONTEX")
    assert visible(page, shown)
    assert not page.is_visible(".explorer-empty")
    page.fill(field, "zzqx frontex")
    assert visible(page, shown) == [] and page.is_visible(".explorer-empty")
    assert page.inner_text(".explorer-count").startswith("0 ")
    link = page.get_attribute(".explorer-empty a[data-search]", "href")
    assert parse_qs(urlsplit(link).query)["q"] == ["zzqx frontex"] and "/search/" in link
    page.click(".explorer-empty [data-action=clear]")
    assert len(visible(page, shown)) == len(items)
    assert page.input_value(field) == "" and not urlsplit(page.url).query
    assert not page.is_visible(".explorer-empty")
