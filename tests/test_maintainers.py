"""Maintainers' guarantees: a third language, no injection, reproducible and safe builds."""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import yaml
from conftest import MINI
from sitebuild import build, make_project

GERMAN_ENTRY = """        - locale: de
          name: Deutsch
          build: true
"""


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


def german_project(tmp_path: Path) -> Path:
    project = make_project(tmp_path / "p", MINI)
    for path in (project / "data").glob("*.yaml"):
        data = add_german(yaml.safe_load(path.read_text(encoding="utf-8")))
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    marker = "      languages:\n"
    config.write_text(text.replace(marker, marker + GERMAN_ENTRY), encoding="utf-8")
    for page in (project / "docs").glob("*.en.md"):
        shutil.copy(page, page.with_name(page.name.replace(".en.md", ".de.md")))
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
    side = (site / "de" / "package" / "side-by-side" / "full-text" / "index.html").read_text(
        encoding="utf-8"
    )
    assert (
        '<div class="sbs__cell">&#91;de&#93; Deutsch: ' in side
    )  # its column, in the page's words
    # built fr, de, fr again (mkdocs-static-i18n's loop), en: every index and the zip
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sorted(entry["languages"]) == ["de", "en", "fr"]
    with zipfile.ZipFile(site / "de" / "package" / "data" / "15250-18-offline.zip") as archive:
        names = set(archive.namelist())
    for folder in ("", "de/", "en/"):
        assert f"15250-18/{folder}package/measure-1/index.html" in names


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


def test_two_builds_of_the_same_sources_are_byte_identical(tmp_path):
    project = make_project(tmp_path / "p", MINI)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1544054400", "NO_MKDOCS_2_WARNING": "1"}
    for target in ("one", "two"):
        shutil.rmtree(project / "docs" / "package", ignore_errors=True)
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / target)],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
    comparison = filecmp.dircmp(tmp_path / "one", tmp_path / "two")

    def differences(c) -> list[str]:
        found = c.left_only + c.right_only + c.diff_files + c.funny_files
        for sub in c.subdirs.values():
            found += differences(sub)
        return found

    assert differences(comparison) == []
    assert "2018-12-06" in (tmp_path / "one" / "sitemap.xml").read_text()
