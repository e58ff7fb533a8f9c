"""The offline edition: the built site with file:// links, a search index that
works from file://, in a reproducible zip."""

from __future__ import annotations

import json
import re
import zipfile
from html import unescape
from pathlib import Path

INDEX_NAME = "offline-search.js"
_EPOCH = (2018, 12, 6, 0, 0, 0)  # fixed zip timestamps: same input, same bytes


_BODY = re.compile(r"<([a-zA-Z][\w-]*)\b[^>]*\sdata-pagefind-body\b[^>]*>")
HTML_LANG = re.compile(r"<html\b[^>]*\slang=[\"']?([\w-]+)")
TITLE_ELEMENT = re.compile(r"<title>(.*?)</title>", re.S)
_HIDDEN = re.compile(r"<(script|style)\b.*?</\1\s*>", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")
_IGNORED = re.compile(r"<([a-zA-Z][\w-]*)\b[^>]*\sdata-pagefind-ignore\b[^>]*>")
_HEADING = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
_NOTE_MARK = re.compile(r"<sup\b[^>]*>.*?</sup>", re.S)  # footnote marks: not in titles


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


def _closing(html: str, opening: re.Match) -> int | None:
    """Where the element that ``opening`` opens is closed (its end tag's start)."""
    depth = 1
    for tag in re.compile(rf"<(/?){opening[1]}\b[^>]*>").finditer(html, opening.end()):
        depth += -1 if tag[1] else 1
        if depth == 0:
            return tag.start()
    return None


def _without_ignored(html: str) -> str:
    """``html`` without the elements Pagefind ignores (``data-pagefind-ignore``:
    the other language's column of a side-by-side page)."""
    kept, at = [], 0
    while opening := _IGNORED.search(html, at):
        kept.append(html[at : opening.start()])
        end = _closing(html, opening)
        if end is None:
            return " ".join(kept)
        at = html.index(">", end) + 1
    kept.append(html[at:])
    return " ".join(kept)


def _text(html: str) -> str:
    """Visible text of an HTML fragment: text nodes joined by spaces."""
    lowered = html.lower()
    if "<script" in lowered or "<style" in lowered:
        html = _HIDDEN.sub(" ", html)
    text = _TAG.sub(" ", html)
    if "&" in text:
        text = unescape(text)
    return " ".join(text.split())


def search_entries(pages: dict[str, str]) -> dict[str, list[dict]]:
    """{language: [{url, title, text}]} for the pages that have an indexed body
    (without what Pagefind ignores); the title is the page's heading, as
    Pagefind's, or else its <title>."""
    entries: dict[str, list[dict]] = {}
    for url, html in sorted(pages.items()):
        body = indexed_body(html)
        if not body:
            continue
        if "data-pagefind-ignore" in body:
            body = _without_ignored(body)
        text = _text(body)
        if not text:
            continue
        heading = _HEADING.search(body) or TITLE_ELEMENT.search(html)
        title = _text(_NOTE_MARK.sub("", heading[1])) if heading else ""
        language = HTML_LANG.search(html)
        entries.setdefault(language[1] if language else "", []).append(
            {"url": url, "title": title, "text": text}
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
_LEFT_OUT_SUFFIXES = (".zip", ".map")  # and hidden files (the build's manifest)


def file_url(url: str) -> str:
    """A directory URL made loadable from disk: ``a/`` -> ``a/index.html``."""
    if not url or url.startswith(("#", "/", "data:")) or re.match(r"^[a-z][a-z0-9+.-]*:", url):
        return url
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    path, rest = url[:cut], url[cut:]
    if path.endswith("/") or path.rsplit("/", 1)[-1] in (".", ".."):  # "../..": a folder too
        path = path.rstrip("/") + "/index.html"
    return path + rest


def left_out(name: str) -> bool:
    """Whether a file of the site (``a/b.js``) stays out of the offline edition."""
    parts = name.split("/")
    hidden = any(part.startswith(".") for part in parts)
    return hidden or any(part in _LEFT_OUT for part in parts) or name.endswith(_LEFT_OUT_SUFFIXES)


def file_links(html: str) -> str:
    """``html`` with every relative directory link pointing at its index.html."""

    def rewrite(match: re.Match) -> str:
        start = match.start()
        if not start or not html[start - 1].isspace():  # data-href="…": not a link
            return match[0]
        return html[start : match.start(1)] + file_url(match[1]) + '"'

    return _URL_ATTRIBUTE.sub(rewrite, html)


def build_offline(site: Path, target: Path, folder: str = "15250-18") -> Path:
    """The offline zip of the built ``site`` at ``target``: every file under
    ``folder/``, pages with their links rewritten for file://, and the search
    index script (``assets/offline-search.js``). The same site gives the same
    bytes (fixed timestamps, sorted names)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    pages: dict[str, str] = {}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:

        def add(name: str, data: bytes) -> None:
            info = zipfile.ZipInfo(f"{folder}/{name}", _EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)

        for path in sorted(site.rglob("*")):
            name = path.relative_to(site).as_posix()
            if left_out(name) or not path.is_file():
                continue
            if path.suffix == ".html":
                pages[name] = file_links(path.read_text(encoding="utf-8"))
                add(name, pages[name].encode("utf-8"))
            else:
                add(name, path.read_bytes())
        add(f"assets/{INDEX_NAME}", index_script(search_entries(pages)).encode("utf-8"))
    return target
