"""The Pagefind index fed page by page while the site is built."""

from __future__ import annotations

import json
import subprocess

import pytest

from generator import searchindex
from generator.searchindex import SearchIndex, SearchIndexError, indexed_part, page_url

PAGE = """<html lang="{lang}"><head><title>{title}</title></head><body>
<nav>Navigation that is not indexed</nav>
<div data-pagefind-body><h1>{title}</h1><p>{text}</p></div></body></html>"""


def test_page_urls_are_directory_urls():
    assert page_url("index.html") == "/"
    assert page_url("en/package/measure-4/index.html") == "/en/package/measure-4/"
    assert page_url("package/data/table.html") == "/package/data/table.html"


def test_pages_are_indexed_per_language(tmp_path):
    index = SearchIndex(tmp_path / "pagefind")
    index.add_page("package/m/index.html", PAGE.format(lang="fr", title="Mesure", text="États"))
    index.add_page("en/package/m/index.html", PAGE.format(lang="en", title="Measure", text="X"))
    index.add_page(
        "search/index.html", "<html lang='fr'><body><p>no indexed body</p></body></html>"
    )
    output = index.finish()
    entry = json.loads((output / "pagefind-entry.json").read_text())
    counts = {lang: value["page_count"] for lang, value in entry["languages"].items()}
    assert counts == {"en": 1, "fr": 1}  # the page without data-pagefind-body is left out
    assert list(entry) == sorted(entry)  # reproducible: keys sorted
    assert len(list((output / "fragment").iterdir())) == 2
    assert index._process.returncode is not None  # the service has stopped


def test_a_stopped_service_is_an_error_not_a_hang(tmp_path):
    index = SearchIndex(tmp_path / "pagefind")
    index._process.kill()
    index._process.wait()
    with pytest.raises(SearchIndexError, match="Pagefind stopped"):
        for _ in range(50):  # the pipe may accept a first page before it breaks
            index.add_page("a/index.html", PAGE.format(lang="en", title="A", text="a"))
        index.finish()
    assert not (tmp_path / "pagefind").exists()


def test_close_without_finish_writes_nothing(tmp_path):
    index = SearchIndex(tmp_path / "pagefind")
    index.add_page("a/index.html", PAGE.format(lang="en", title="A", text="a"))
    index.close()
    assert index._process.returncode is not None
    assert not (tmp_path / "pagefind").exists()


def test_the_index_of_the_indexed_part_is_the_index_of_the_page(tmp_path, monkeypatch):
    pages = {
        "package/m/index.html": PAGE.format(lang="fr", title="Mesure &amp; « X »", text="États"),
        "en/package/m/index.html": PAGE.format(lang="en", title="Measure", text="Member States"),
        "search/index.html": "<html lang='fr'><body><p>no indexed body</p></body></html>",
    }
    outputs = []
    for name in ("part", "whole"):
        if name == "whole":  # send each page as it is
            monkeypatch.setattr(searchindex, "indexed_part", lambda html: html)
        index = SearchIndex(tmp_path / name)
        for path, html in pages.items():
            index.add_page(path, html)
        index.finish()
        files = [p for p in (tmp_path / name).rglob("*") if p.is_file()]
        outputs.append({p.relative_to(tmp_path / name): p.read_bytes() for p in files})
    assert outputs[0] == outputs[1]
    assert indexed_part(pages["search/index.html"]) == pages["search/index.html"]
    assert "<nav>" not in indexed_part(pages["package/m/index.html"])


def _files(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_the_bundle_is_what_pagefind_writes_for_the_whole_site(tmp_path):
    pages = {
        "package/m/index.html": PAGE.format(lang="fr", title="Mesure", text="États membres"),
        "package/n/index.html": PAGE.format(lang="fr", title="Autre", text="Europol"),
        "search/index.html": "<html lang='fr'><body><p>no indexed body</p></body></html>",
        "en/package/m/index.html": PAGE.format(lang="en", title="Measure", text="Member States"),
    }
    for path, html in pages.items():
        (tmp_path / "site" / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "site" / path).write_text(html, encoding="utf-8")
    command = [*searchindex.pagefind_executable(), "--site", str(tmp_path / "site")]
    subprocess.run(
        [*command, "--output-path", str(tmp_path / "cli")], check=True, capture_output=True
    )

    index = SearchIndex(tmp_path / "service")
    for path, html in pages.items():
        index.add_page(path, html)
    index.finish()

    expected, written = _files(tmp_path / "cli"), _files(tmp_path / "service")
    assert set(written) == set(expected) and len(written) > 10
    entry = "pagefind-entry.json"  # the same, its keys sorted (reproducible)
    assert json.loads(written.pop(entry)) == json.loads(expected.pop(entry))
    assert written == expected
