"""The offline edition: the built site with file:// links, a search index that
works from file://, in a reproducible zip."""

from __future__ import annotations

import json
import re
import unicodedata
import zipfile
from html import unescape
from pathlib import Path

ZIP_NAME = "15250-18-offline.zip"
INDEX_NAME = "offline-search.js"
_EPOCH = (2018, 12, 6, 0, 0, 0)  # fixed zip timestamps: same input, same bytes


_BODY = re.compile(r"<([a-zA-Z][\w-]*)\b[^>]*\sdata-pagefind-body\b[^>]*>")
_LANG = re.compile(r"<html\b[^>]*\slang=[\"']?([\w-]+)")
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_HIDDEN = re.compile(r"<(script|style)\b.*?</\1\s*>", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")


def _indexed_body(html: str) -> str | None:
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
    text = _TAG.sub(" ", _HIDDEN.sub(" ", html))
    return _SPACES.sub(" ", unescape(text)).strip()


def fold(text: str) -> str:
    """Lower case without accents: the form both the index and queries use."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def search_entries(pages: dict[str, str]) -> dict[str, list[dict]]:
    """{language: [{url, title, text}]} for the pages that have an indexed body."""
    entries: dict[str, list[dict]] = {}
    for url, html in sorted(pages.items()):
        body = _indexed_body(html)
        text = _text(body) if body else ""
        if not text:
            continue
        title = _TITLE.search(html)
        language = _LANG.search(html)
        entries.setdefault(language[1] if language else "", []).append(
            {"url": url, "title": _text(title[1]) if title else "", "text": text}
        )
    return entries


def index_script(entries: dict[str, list[dict]]) -> str:
    """A script (loadable from file://, unlike fetch) defining the index."""
    payload = json.dumps(entries, ensure_ascii=False, sort_keys=True)
    return "window.EDITION_SEARCH = " + payload.replace("</", "<\\/") + ";\n"


_URL_ATTRIBUTE = re.compile(r'(\s(?:href|src|action)=")([^"]*)(")')
# No use from file://: Pagefind (fetch), sitemaps, the theme's own search engine
# (lunr and its worker: this edition searches with Pagefind) and source maps.
_LEFT_OUT = ("pagefind", "sitemap.xml", "sitemap.xml.gz", "lunr", "workers")
_LEFT_OUT_SUFFIXES = (".zip", ".map")


def file_url(url: str) -> str:
    """A directory URL made loadable from disk: ``a/`` -> ``a/index.html``."""
    if not url or url.startswith(("#", "/", "data:")) or re.match(r"^[a-z][a-z0-9+.-]*:", url):
        return url
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    path, rest = url[:cut], url[cut:]
    if path in (".", "..") or path.endswith("/"):
        path = path.rstrip("/") + "/index.html"
    return path + rest


def offline_files(site: Path) -> dict[str, bytes]:
    """The offline edition of ``site`` in memory: ``{relative path: bytes}``, sorted.

    Relative directory links point at ``index.html``; the search index becomes
    a script (``assets/offline-search.js``); what is of no use from file://
    is left out (``_LEFT_OUT``)."""
    files: dict[str, bytes] = {}
    pages: dict[str, str] = {}
    for path in site.rglob("*"):
        relative = path.relative_to(site)
        if any(part in _LEFT_OUT for part in relative.parts) or path.suffix in _LEFT_OUT_SUFFIXES:
            continue
        if not path.is_file():
            continue
        name = relative.as_posix()
        if path.suffix == ".html":
            html = path.read_text(encoding="utf-8")
            pages[name] = _URL_ATTRIBUTE.sub(lambda m: m[1] + file_url(m[2]) + m[3], html)
            files[name] = pages[name].encode("utf-8")
        else:
            files[name] = path.read_bytes()
    files[f"assets/{INDEX_NAME}"] = index_script(search_entries(pages)).encode("utf-8")
    return dict(sorted(files.items()))


def write_zip(files: dict[str, bytes], target: Path, folder: str = "15250-18") -> Path:
    """Zip ``files`` into ``target`` with sorted entries and fixed timestamps."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{name}", _EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return target
