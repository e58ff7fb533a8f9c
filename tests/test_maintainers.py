"""Maintainers' guarantees: a third language, no injection, reproducible and safe builds."""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import yaml
from conftest import MINI, edit
from sitebuild import build, html_pages, make_project, mkdocs

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
            same = isinstance(en, list) or key == "short"  # term lists, acronyms
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
        or "events[1].text: missing de text 'de'" in result.stderr
    )
    assert "events[1].text: missing de text 'de'" in result.stderr


PAYLOADS = {
    "measures.yaml": ("Agir vite", "<script>alert(1)</script> <img src=x onerror=alert(2)>"),
    "actors.yaml": ('"Member States"}', '"<a href=\\"javascript:alert(3)\\">Member States</a>"}'),
    "footnotes.yaml": ("Subject to the budget.", "<iframe src=javascript:alert(4)></iframe>"),
    "events.yaml": ("Report due.", "<svg onload=alert(5)>"),
}


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
            self.found.append(f"<script>{data}")


def test_data_cannot_inject_markup_into_the_built_site(tmp_path):
    project = make_project(tmp_path / "p", MINI)
    for name, (old, new) in PAYLOADS.items():
        edit(project / "data", name, old, new)
    site = build(project)
    found = []
    for page in html_pages(site):
        parser = _Dangerous()
        parser.feed(page.read_text(encoding="utf-8"))
        found += [f"{page.relative_to(site)}: {f}" for f in parser.found]
    assert found == []
    html = (site / "package" / "measure-2" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_failed_build_leaves_the_last_good_site_untouched(tmp_path):
    project = make_project(tmp_path / "p", MINI)
    site = build(project)
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    edit(project / "data", "events.yaml", 'date: "2019"', 'date: "2019-13"')
    result = mkdocs(project, "build")
    assert result.returncode != 0 and "invalid date" in result.stderr
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before


def test_two_builds_of_the_same_sources_are_byte_identical(tmp_path):
    project = make_project(tmp_path / "p", MINI)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1544054400", "NO_MKDOCS_2_WARNING": "1"}
    for target in ("one", "two"):
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
