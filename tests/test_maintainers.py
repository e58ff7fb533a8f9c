"""Maintainers' guarantees: a third language, no injection, reproducible and safe builds."""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import MINI
from sitebuild import ENV, build, make_project, mkdocs, shared_build

GERMAN_ENTRY = """        - locale: de
          name: Deutsch
          build: true
"""
GERMAN_DESCRIPTION = """          site_description: "[de] Interaktive zweisprachige Ausgabe"
"""
# The README's recipe for a language, step by step (README.md, "a language").
RECIPE = ("texts", "pages", "own-home", "description", "entry")


def add_german(value, key: str = ""):
    """A fixture translation: every English text gets a German sibling."""
    if isinstance(value, dict):
        out = {k: add_german(v, k) for k, v in value.items()}
        if "en" in value and "fr" in value:
            en = value["en"]
            same = isinstance(en, list) or key == "short" or str(en).startswith("https://")
            if isinstance(en, dict):  # plural forms
                out["de"] = {category: f"[de] {text}" for category, text in en.items()}
            else:
                out["de"] = en if same else f"[de] {en}"
        return out
    if isinstance(value, list):
        return [add_german(v) for v in value]
    return value


def german_project(tmp_path: Path, skip: str = "") -> Path:
    """The fixture project with German added by the README's recipe (but
    for the step ``skip``): its texts beside each English one, its
    hand-written pages (the English ones, each including its own language's
    generated page), one entry in mkdocs.yml with its description."""
    project = make_project(tmp_path / "p", MINI)
    for path in (project / "data").glob("*.yaml") if skip != "texts" else ():
        data = add_german(yaml.safe_load(path.read_text(encoding="utf-8")))
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    marker = "      languages:\n"
    entry = GERMAN_ENTRY + ("" if skip == "description" else GERMAN_DESCRIPTION)
    if skip != "entry":
        config.write_text(text.replace(marker, marker + entry), encoding="utf-8")
    for page in (project / "docs").glob("*.en.md") if skip != "pages" else ():
        text = page.read_text(encoding="utf-8")
        if skip != "own-home":
            text = text.replace(".en.md", ".de.md")  # docs/index.de.md: the German home's body
        page.with_name(page.name.replace(".en.md", ".de.md")).write_text(text, encoding="utf-8")
    return project


def check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", "check", "--data", str(project / "data")],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )


def test_a_third_language_is_data_and_one_mkdocs_entry(tmp_path):
    project = german_project(tmp_path)
    result = check(project)
    assert result.returncode == 0, result.stderr
    assert "in 3 languages (fr, de, en)" in result.stdout
    site = build(project)
    html = (site / "de" / "package" / "measure-1" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de"' in html and "&#91;de&#93; <strong>" in html
    assert "[de] Tools" in html and ">Tools<" not in html  # navigation labels are data too
    home = (site / "de" / "index.html").read_text(encoding="utf-8")
    english = (site / "en" / "index.html").read_text(encoding="utf-8")
    body = re.search(r'<h1 id="([^"]+)"', home)[1]
    assert body.startswith("de-") and re.search(r'<h1 id="([^"]+)"', english)[1] != body
    assert '<meta name="description" content="[de] Interaktive zweisprachige Ausgabe">' in home
    assert "<title>[de] Home - [de] " in home  # its title is the navigation's, from the data
    side = (site / "de" / "package" / "side-by-side" / "full-text" / "index.html").read_text(
        encoding="utf-8"
    )
    assert (
        '<div class="sbs__cell">&#91;de&#93; Deutsch: ' in side
    )  # its column, in the page's words
    # built fr, de, fr again (mkdocs-static-i18n's loop), en: every index and the zip
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sorted(entry["languages"]) == ["de", "en", "fr"]
    with zipfile.ZipFile(site / "package" / "data" / "15250-18-offline.zip") as archive:
        names = set(archive.namelist())
    for folder in ("", "de/", "en/"):
        assert f"15250-18/{folder}package/measure-1/index.html" in names


# What check says when a step of the recipe is left out: each names what is missing.
MISSING = {
    "texts": "events[0].text: missing German text 'de'",
    "pages": "/docs/about.de.md:1:1: missing: every hand-written page exists in every language "
    "(hint: write it in German, like about.en.md)",
    "own-home": "/docs/index.de.md:1:1: includes package/index.en.md, a page of 'en', in a page "
    "of 'de' (hint: include package/index.de.md)",
    "description": "/mkdocs.yml:{entry}: plugins[0].i18n.languages[0]: no site_description for "
    "'de': its pages would show the default language's",
    "entry": "/docs/index.de.md:1:1: a page of 'de', a language mkdocs.yml does not build",
}


def german_entry(project: Path) -> str:
    """line:column of the German entry in the project's mkdocs.yml."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    start = text.index("- locale: de") + 2
    line = text.count("\n", 0, start) + 1
    return f"{line}:{start - text.rfind(chr(10), 0, start)}"


@pytest.mark.parametrize("skip", RECIPE)
def test_check_says_which_step_of_the_recipe_is_missing(tmp_path, skip):
    project = german_project(tmp_path, skip)
    result = check(project)
    assert result.returncode == 1
    entry = german_entry(project) if skip == "description" else ""
    assert MISSING[skip].format(entry=entry) in result.stderr, result.stderr


def test_the_build_refuses_what_check_refuses(tmp_path):
    project = german_project(tmp_path, "description")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and not (project / "site").exists()
    line = MISSING["description"].format(entry=german_entry(project)).removeprefix("/")
    assert f"\n{line}" in result.stderr, result.stderr  # as check says it


def test_a_missing_third_language_text_is_reported_by_check(tmp_path):
    project = german_project(tmp_path)
    path = project / "data" / "events.yaml"
    text = path.read_text(encoding="utf-8")
    line = text[: text.index("de: '[de] Report due.'")].count("\n") + 1
    path.write_text(text.replace("    de: '[de] Report due.'\n", ""), encoding="utf-8")
    result = check(project)
    assert result.returncode == 1
    assert (
        f"events.yaml:{line - 3}:" in result.stderr
        or "events[1].text: missing German text 'de'" in result.stderr
    )
    assert "events[1].text: missing German text 'de'" in result.stderr


def test_two_builds_of_the_same_sources_are_byte_identical(tmp_path, tmp_path_factory):
    """This build and the tests' shared one, in another folder at another time."""
    project = make_project(tmp_path / "p", MINI)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "one")],
        cwd=project,
        env=ENV,  # as the shared build's
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    shutil.copytree(shared_build(tmp_path_factory, "mini", MINI), tmp_path / "two", symlinks=True)
    comparison = filecmp.dircmp(tmp_path / "one", tmp_path / "two")

    def differences(c) -> list[str]:
        found = c.left_only + c.right_only + c.diff_files + c.funny_files
        for sub in c.subdirs.values():
            found += differences(sub)
        return found

    assert differences(comparison) == []
    assert "2018-12-06" in (tmp_path / "one" / "sitemap.xml").read_text()


def test_mkdocs_finds_the_anchors_check_finds_and_the_build_refuses_a_missing_one(tmp_path):
    """The anchors check accepts (tests/test_cli.py) are MkDocs' own: the
    strict build, which refuses a link to a missing anchor, builds; one
    missing, the build stops before MkDocs, as check says it."""
    from test_handwritten import GOOD_ANCHORS

    project = make_project(tmp_path / "p", MINI)
    page = project / "docs" / "edit.en.md"
    page.write_text(GOOD_ANCHORS, encoding="utf-8")
    build(project)
    page.write_text(GOOD_ANCHORS + "[x](about.md#sources)\n", encoding="utf-8")
    result = mkdocs(project, "build", "--strict")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    message = (
        "docs/edit.en.md:6:5: links to about.md#sources, but about.en.md has no anchor "
        "'sources' (hint: the nearest there is '#source')"
    )
    assert message in result.stderr, result.stderr[-3000:]
