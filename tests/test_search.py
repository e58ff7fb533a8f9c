"""The search index, by Pagefind's own command line: one index per language, reproducible."""

from __future__ import annotations

import json

import pytest

from generator import search

PAGE = """<html lang="{lang}"><head><title>{title}</title></head><body>
<nav>Navigation</nav><div data-pagefind-body><h1>{title}</h1><p>{text}</p></div></body></html>"""


def _site(tmp_path):
    pages = {
        "package/m/index.html": PAGE.format(lang="fr", title="Mesure", text="États membres"),
        "en/package/m/index.html": PAGE.format(lang="en", title="Measure", text="Member States"),
        "search/index.html": "<html lang='fr'><body><p>no indexed body</p></body></html>",
    }
    for path, html in pages.items():
        (tmp_path / "site" / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "site" / path).write_text(html, encoding="utf-8")
    return tmp_path / "site"


def test_one_index_per_language_with_its_entry_file_sorted(tmp_path):
    index = search.build_index(_site(tmp_path))
    meta = sorted(p.name.split("_")[0] for p in index.glob("pagefind.*.pf_meta"))
    assert meta == ["pagefind.en", "pagefind.fr"]
    entry = (index / "pagefind-entry.json").read_text(encoding="utf-8")
    assert entry == json.dumps(json.loads(entry), sort_keys=True)
    assert (
        json.loads(entry)["languages"]["fr"]["page_count"] == 1
    )  # the page without body is not indexed


def test_two_indexes_of_the_same_pages_are_the_same(tmp_path):
    site = _site(tmp_path)
    first = {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in search.build_index(site).rglob("*")
        if p.is_file()
    }
    second = {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in search.build_index(site).rglob("*")
        if p.is_file()
    }
    assert first == second


def test_a_failure_is_an_error_with_pagefind_s_words(tmp_path):
    with pytest.raises(search.SearchIndexError) as raised:
        search.build_index(tmp_path / "missing")
    assert str(raised.value)
