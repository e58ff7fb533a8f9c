"""The offline edition: the built site with file:// links, a search index that
works from file://, in a reproducible zip."""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
import zipfile
from html.parser import HTMLParser
from pathlib import Path

ZIP_NAME = "15250-18-offline.zip"
INDEX_NAME = "offline-search.js"
_EPOCH = (2018, 12, 6, 0, 0, 0)  # fixed zip timestamps: same input, same bytes


class _PageText(HTMLParser):
    """The <html lang>, the <title> and the text inside [data-pagefind-body]."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.title = ""
        self.parts: list[str] = []
        self._depth = 0  # depth inside the indexed body
        self._in_title = False
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang", "")
        if tag == "title":
            self._in_title = True
        if self._depth:
            self._depth += 1
            if tag in ("script", "style"):
                self._skip += 1
        elif "data-pagefind-body" in attrs:
            self._depth = 1

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if self._depth:
            self._depth -= 1
            if tag in ("script", "style") and self._skip:
                self._skip -= 1

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif self._depth and not self._skip:
            self.parts.append(data)


def fold(text: str) -> str:
    """Lower case without accents: the form both the index and queries use."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def search_entries(pages: dict[str, str]) -> dict[str, list[dict]]:
    """{language: [{url, title, text}]} for the pages that have an indexed body."""
    entries: dict[str, list[dict]] = {}
    for url, html in sorted(pages.items()):
        parser = _PageText()
        parser.feed(html)
        if not parser.parts:
            continue
        text = re.sub(r"\s+", " ", " ".join(parser.parts)).strip()
        title = re.sub(r"\s+", " ", parser.title).strip()
        entries.setdefault(parser.lang, []).append({"url": url, "title": title, "text": text})
    return entries


def index_script(entries: dict[str, list[dict]]) -> str:
    """A script (loadable from file://, unlike fetch) defining the index."""
    payload = json.dumps(entries, ensure_ascii=False, sort_keys=True)
    return "window.EDITION_SEARCH = " + payload.replace("</", "<\\/") + ";\n"


def write_index(site: Path) -> Path:
    pages = {
        path.relative_to(site).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(site.rglob("*.html"))
    }
    target = site / "assets" / INDEX_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(index_script(search_entries(pages)), encoding="utf-8")
    return target


_URL_ATTRIBUTE = re.compile(r'(\s(?:href|src|action)=")([^"]*)(")')
_LEFT_OUT = ("pagefind", "sitemap.xml", "sitemap.xml.gz")  # no use from file://


def file_url(url: str) -> str:
    """A directory URL made loadable from disk: ``a/`` -> ``a/index.html``."""
    if not url or url.startswith(("#", "/", "data:")) or re.match(r"^[a-z][a-z0-9+.-]*:", url):
        return url
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    path, rest = url[:cut], url[cut:]
    if path in (".", "..") or path.endswith("/"):
        path = path.rstrip("/") + "/index.html"
    return path + rest


def offline_copy(site: Path, target: Path) -> Path:
    """Copy ``site`` with every relative directory link pointing at its index.html."""
    shutil.copytree(
        site,
        target,
        ignore=lambda d, names: [n for n in names if n in _LEFT_OUT or n.endswith(".zip")],
    )
    for page in target.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        page.write_text(
            _URL_ATTRIBUTE.sub(lambda m: m[1] + file_url(m[2]) + m[3], html), encoding="utf-8"
        )
    write_index(target)
    return target


def write_zip(site: Path, target: Path, folder: str = "15250-18") -> Path:
    """Zip ``site`` into ``target`` with sorted entries and fixed timestamps."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(site).as_posix()}", _EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return target
