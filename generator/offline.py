"""The offline edition: the built site with file:// links, a search index that
works from file://, in a reproducible zip.

Standard library only: the MkDocs hook runs this file as a script
(``python generator/offline.py SITE ZIP``) beside Pagefind."""

from __future__ import annotations

import functools
import hashlib
import json
import re
import sys
import unicodedata
import zipfile
from concurrent.futures import Future, ThreadPoolExecutor
from html import unescape
from pathlib import Path

ZIP_NAME = "15250-18-offline.zip"
INDEX_NAME = "offline-search.js"
_EPOCH = (2018, 12, 6, 0, 0, 0)  # fixed zip timestamps: same input, same bytes


_BODY = re.compile(r"<([a-zA-Z][\w-]*)\b[^>]*\sdata-pagefind-body\b[^>]*>")
HTML_LANG = re.compile(r"<html\b[^>]*\slang=[\"']?([\w-]+)")
TITLE_ELEMENT = re.compile(r"<title>(.*?)</title>", re.S)
_HIDDEN = re.compile(r"<(script|style)\b.*?</\1\s*>", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")


def indexed_body(html: str) -> str | None:
    """The inner HTML of the element marked ``data-pagefind-body``, or None."""
    opening = _BODY.search(html)
    if not opening:
        return None
    depth = 1
    for tag in re.compile(rf"<(/?){opening[1]}\b[^>]*>").finditer(html, opening.end()):
        depth += -1 if tag[1] else 1
        if depth == 0:
            return html[opening.end() : tag.start()]
    return html[opening.end() :]


def _text(html: str) -> str:
    """Visible text of an HTML fragment: text nodes joined by spaces."""
    lowered = html.lower()
    if "<script" in lowered or "<style" in lowered:
        html = _HIDDEN.sub(" ", html)
    text = _TAG.sub(" ", html)
    if "&" in text:
        text = unescape(text)
    return " ".join(text.split())


def fold(text: str) -> str:
    """Lower case without accents: the form both the index and queries use."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def search_entries(pages: dict[str, str]) -> dict[str, list[dict]]:
    """{language: [{url, title, text}]} for the pages that have an indexed body."""
    entries: dict[str, list[dict]] = {}
    for url, html in sorted(pages.items()):
        body = indexed_body(html)
        text = _text(body) if body else ""
        if not text:
            continue
        title = TITLE_ELEMENT.search(html)
        language = HTML_LANG.search(html)
        entries.setdefault(language[1] if language else "", []).append(
            {"url": url, "title": _text(title[1]) if title else "", "text": text}
        )
    return entries


def index_script(entries: dict[str, list[dict]]) -> str:
    """A script (loadable from file://, unlike fetch) defining the index."""
    payload = json.dumps(entries, ensure_ascii=False, sort_keys=True)
    return "window.EDITION_SEARCH = " + payload.replace("</", "<\\/") + ";\n"


# a literal start lets the regex engine skip ahead: the whitespace before the
# attribute name is checked in ``file_links``
_URL_ATTRIBUTE = re.compile(r'(?:href|src|action)="([^"]*)"')
# No use from file://: Pagefind (fetch), sitemaps, the theme's own search engine
# (lunr and its worker: this edition searches with Pagefind) and source maps.
_LEFT_OUT = ("pagefind", "sitemap.xml", "sitemap.xml.gz", "lunr", "workers")
_LEFT_OUT_SUFFIXES = (".zip", ".map")


@functools.lru_cache(maxsize=1 << 16)  # pages share most of their links
def file_url(url: str) -> str:
    """A directory URL made loadable from disk: ``a/`` -> ``a/index.html``."""
    if not url or url.startswith(("#", "/", "data:")) or re.match(r"^[a-z][a-z0-9+.-]*:", url):
        return url
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    path, rest = url[:cut], url[cut:]
    if path in (".", "..") or path.endswith("/"):
        path = path.rstrip("/") + "/index.html"
    return path + rest


def left_out(name: str) -> bool:
    """Whether a file of the site (``a/b.js``) stays out of the offline edition."""
    parts = name.split("/")
    return any(part in _LEFT_OUT for part in parts) or name.endswith(_LEFT_OUT_SUFFIXES)


def file_links(html: str) -> str:
    """``html`` with every relative directory link pointing at its index.html."""

    def rewrite(match: re.Match) -> str:
        start = match.start()
        if not start or not html[start - 1].isspace():  # data-href="…": not a link
            return match[0]
        return html[start : match.start(1)] + file_url(match[1]) + '"'

    return _URL_ATTRIBUTE.sub(rewrite, html)


class OfflineEdition:
    """The offline zip of a built site.

    ``add_files`` adds the files of the site, pages with their links rewritten
    for file://; it may run more than once (a language's folder once it is
    built, the rest later); ``finish`` adds the rest and the search index
    script (``assets/offline-search.js``). A background thread compresses
    (zlib releases the GIL) while the next pages are rewritten. The same site
    gives the same bytes (fixed timestamps)."""

    def __init__(self, target: Path, folder: str = "15250-18"):
        target.parent.mkdir(parents=True, exist_ok=True)
        self.target = target
        self._folder = folder
        self._zip = zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED)
        self._writer = ThreadPoolExecutor(1)
        self._writes: list[Future] = []
        self._pages: dict[str, str] = {}
        self._read: dict[str, tuple] = {}  # name -> (mtime_ns, size, sha256) when read

    def add_page(self, name: str, html: str) -> None:
        """A page of the site, as written at ``name`` (``en/package/x/index.html``)."""
        if left_out(name) or name in self._pages:
            return
        self._pages[name] = file_links(html)
        self._add(name, self._pages[name].encode("utf-8"))

    def add_files(self, site: Path, skip=lambda name: False) -> None:
        """Add the files of ``site`` not added yet, but those ``skip(name)`` names."""
        for path in sorted(site.rglob("*")):
            name = path.relative_to(site).as_posix()
            if name in self._read or name in self._pages or left_out(name) or skip(name):
                continue
            if not path.is_file():
                continue
            stat, data = path.stat(), path.read_bytes()
            self._read[name] = (stat.st_mtime_ns, stat.st_size, hashlib.sha256(data).digest())
            if path.suffix == ".html":
                self.add_page(name, data.decode("utf-8"))
            else:
                self._add(name, data)

    def unchanged(self, site: Path) -> bool:
        """Whether every file added from ``site`` still has the content it was
        read with (a later build may copy the same theme files again)."""
        for name, (mtime, size, digest) in self._read.items():
            try:
                stat = (site / name).stat()
                if (stat.st_mtime_ns, stat.st_size) == (mtime, size):
                    continue
                if hashlib.sha256((site / name).read_bytes()).digest() != digest:
                    return False
            except OSError:
                return False
        return True

    def finish(self, site: Path) -> Path:
        """Add what ``site`` holds besides what was added, then close the zip."""
        try:
            self.add_files(site)
            script = index_script(search_entries(self._pages))
            self._add(f"assets/{INDEX_NAME}", script.encode("utf-8"))
        finally:
            self._close()
        for write in self._writes:
            write.result()  # re-raise a failed write
        return self.target

    def abandon(self) -> None:
        """Stop, and remove the unfinished zip."""
        self._close()
        self.target.unlink(missing_ok=True)

    def _close(self) -> None:
        self._writer.shutdown(wait=True)
        self._zip.close()

    def _add(self, name: str, data: bytes) -> None:
        self._writes.append(self._writer.submit(self._write, name, data))

    def _write(self, name: str, data: bytes) -> None:
        info = zipfile.ZipInfo(f"{self._folder}/{name}", _EPOCH)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        self._zip.writestr(info, data)


def main(argv: list[str] | None = None) -> int:
    """``python generator/offline.py SITE ZIP [LATER ...]``: the offline zip of
    a built site (the MkDocs hook runs it in its own process).

    With ``LATER`` folders (the languages still being built), it first adds the
    rest of the site but the 404 pages (rewritten at the end), then waits for a
    ``finish`` line on its standard input to add the rest; if a file it read
    has changed by then, it starts again from the whole site."""
    site, target, *later = argv if argv is not None else sys.argv[1:]
    site, target = Path(site), Path(target)
    edition = OfflineEdition(target)
    if later:
        folders = tuple(f"{folder}/" for folder in later)
        edition.add_files(site, lambda name: name.startswith(folders) or _is_404(name))
        if sys.stdin.readline().strip() != "finish":  # the build stopped
            edition.abandon()
            return 1
        if not edition.unchanged(site):
            edition.abandon()
            edition = OfflineEdition(target)
    edition.finish(site)
    return 0


def _is_404(name: str) -> bool:
    return name.rpartition("/")[2] == "404.html"


if __name__ == "__main__":
    sys.exit(main())
