"""Build a real bilingual site in a temporary folder, and read the result.

``shared_build`` builds a project once for the whole test run, even when the
tests run in several processes (pytest-xdist): the first process to ask
builds it, under a file lock, and the others read it.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from conftest import ROOT

COPIED = ("mkdocs.yml", "docs", "overrides", "generator")
# the report links' address as publishing sets it (mkdocs.yml: report_url)
REPORT_URL = "https://github.com/owner/edition/issues/new?title={title}&body={body}"
ENV = {
    **os.environ,
    "NO_MKDOCS_2_WARNING": "1",
    "SOURCE_DATE_EPOCH": "1544054400",
    "REPORT_URL": REPORT_URL,
}


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
    shutil.copytree(data, target / "data")
    return target


def mkdocs(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=project,
        env={**ENV, **(env or {})},
        capture_output=True,
        text=True,
        timeout=600,
    )


BUILD_LOG = "build.log"  # what the build said, kept beside its project's site


def build(project: Path) -> Path:
    result = mkdocs(project, "build", "--strict")
    (project / BUILD_LOG).write_text(result.stderr, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    return project / "site"


@contextmanager
def _locked(path: Path):
    with open(path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def shared_build(
    tmp_path_factory, name: str, data: Path, prepare: Callable[[Path], None] = lambda p: None
) -> Path:
    """The site of ``data`` (and ``prepare(project)``), built once per test run."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # shared by the workers
    project = root / f"shared-{name}"
    with _locked(root / f"shared-{name}.lock"):
        if not (project / "site" / "index.html").exists():
            shutil.rmtree(project, ignore_errors=True)
            make_project(project, data)
            prepare(project)
            build(project)
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


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of ``folder``, by relative path (links not followed)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and not p.is_symlink()
    }


VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class Node:
    """An element of a parsed page: its tag, attributes, children (elements and text)."""

    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        """This element and every element inside it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str = "", **attrs: str) -> list[Node]:
        """The elements inside (``class_`` matches one of the classes)."""
        found = []
        for node in self.iter():
            if tag and node.tag != tag:
                continue
            wanted = {k.rstrip("_"): v for k, v in attrs.items()}
            if all(
                v in node.attrs.get(k, "").split() if k == "class" else node.attrs.get(k) == v
                for k, v in wanted.items()
            ):
                found.append(node)
        return found

    def next(self) -> Node | None:
        """The element that follows this one, in its parent."""
        siblings = [c for c in self.parent.children if isinstance(c, Node)] if self.parent else []
        following = siblings[siblings.index(self) + 1 :] if self in siblings else []
        return following[0] if following else None

    def links(self) -> list[str]:
        return [a.attrs["href"] for a in self.find_all("a") if "href" in a.attrs]

    def find(self, tag: str = "", **attrs: str) -> Node | None:
        found = self.find_all(tag, **attrs)
        return found[0] if found else None


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, {k: v or "" for k, v in attrs}, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:  # an unmatched end tag is ignored
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def tree(path: Path) -> Node:
    """The page's elements, as a tree."""
    builder = _TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    return builder.root


# the header's words, each marked with its key (overrides/partials/header.html):
# its text (data-l10n) or an attribute's value
L10N = {"data-l10n": "", "data-l10n-label": "aria-label", "data-l10n-title": "title"}
L10N["data-l10n-placeholder"] = "placeholder"


def header_words(root: Node) -> dict[str, set[str]]:
    """What a page's header says, by key (white space folded): one value a key."""
    found: dict[str, set[str]] = {}
    header = root.find("header")
    for node in header.iter() if header else ():
        for marker, attribute in L10N.items():
            if marker in node.attrs:
                value = node.attrs[attribute] if attribute else node.text()
                found.setdefault(node.attrs[marker], set()).add(" ".join(value.split()))
    return found
