"""Build a real bilingual site in a temporary folder, and read the result."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from conftest import ROOT

COPIED = ("mkdocs.yml", "docs", "overrides", "generator")


def make_project(target: Path, data: Path) -> Path:
    """A copy of the project's site sources with ``data`` as its data folder."""
    target.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "package")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy2(source, target / name)
    shutil.copytree(data, target / "data", ignore=shutil.ignore_patterns("source"))
    return target


def mkdocs(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def build(project: Path) -> Path:
    result = mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    return project / "site"


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, str]] = []  # (tag, attribute, value)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)
            if name in ("href", "src") and value:
                self.refs.append((tag, name, value))


def parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def resolve(site: Path, page: Path, ref: str) -> tuple[Path | None, str]:
    """The file a relative reference of ``page`` points to, and its fragment."""
    page_url = "/" + page.relative_to(site).as_posix()
    url, fragment = urldefrag(urljoin(page_url, ref))
    path = urlsplit(url).path
    target = site / path.lstrip("/")
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return (target if target.exists() else None), fragment


SITE_ORIGIN = "localhost:8000"  # mkdocs.yml's default site_url: the site itself


def is_external(ref: str) -> bool:
    parts = urlsplit(ref)
    return bool(parts.scheme in ("http", "https") or parts.netloc) and parts.netloc != SITE_ORIGIN
