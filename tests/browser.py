"""Serve a built site on 127.0.0.1 and drive Debian's Chromium with Playwright;
what the tests of pages share (devices, interface strings, addresses)."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from conftest import DATA, ROOT

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")  # Debian package
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


@contextmanager
def serve(directory: Path, sub_path: str = "") -> Iterator[str]:
    """Serve ``directory`` at http://127.0.0.1:PORT/<sub_path>; yield that base URL."""
    root = directory
    if sub_path:
        root = directory.parent / "served"
        shutil.rmtree(root, ignore_errors=True)
        (root / sub_path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(directory, root / sub_path)
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_port}/"
        yield base + (sub_path.strip("/") + "/" if sub_path else "")
    finally:
        server.shutdown()
        server.server_close()


class PageWatch:
    """Console errors, failed responses and requests to other hosts of one page."""

    def __init__(self, page, base: str):
        self.host = urlsplit(base).netloc
        self.errors: list[str] = []
        self.foreign: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", self._request)
        page.on("response", lambda r: r.status >= 400 and self.errors.append(f"{r.status} {r.url}"))

    def _request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https") and parts.netloc != self.host:
            self.foreign.append(request.url)


WCAG21 = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
WCAG22 = (*WCAG21, "wcag22aa")
# and axe's best practices, which Lighthouse's accessibility score counts too
# (a label may not be a button, landmarks have unique names…)
WCAG22_PRACTICE = (*WCAG22, "best-practice")


COLOURS = ("color-contrast", "link-in-text-block")  # what a colour scheme can change


SETTLED = """() => document.getAnimations().every(
    a => a.playState !== 'running' || a.effect.getTiming().iterations === Infinity)"""


def run_axe(page, tags: tuple[str, ...] = WCAG21, rules: tuple[str, ...] = ()) -> list[dict]:
    """The violations that axe-core finds in the page: of WCAG 2.1 A/AA, or of
    ``tags``, or of the ``rules`` only."""
    page.wait_for_function(SETTLED, timeout=3000)  # colours caught mid-transition are no finding
    if not page.evaluate("typeof axe !== 'undefined'"):  # not preloaded by an init script
        page.add_script_tag(path=str(AXE))
    only = (
        {"type": "rule", "values": list(rules)} if rules else {"type": "tag", "values": list(tags)}
    )
    result = page.evaluate(
        "only => axe.run(document, {runOnly: only, resultTypes: ['violations']})", only
    )
    return [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5], "help": v["help"]}
        for v in result["violations"]
    ]


# -- what the tests of the reader's pages share ---------------------------------
LANGUAGES = ["fr", "en"]
PREFIX = {"fr": "", "en": "en/"}
DEVICES = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 390, "height": 844}, "has_touch": True},
    "zoom400": {"viewport": {"width": 320, "height": 640}, "has_touch": True},
}
UI = {
    key: {lang: text.get(lang, text.get("invariant")) for lang in LANGUAGES}
    for key, text in yaml.safe_load((DATA / "interface.yaml").read_text(encoding="utf-8"))[
        "strings"
    ].items()
}


def url(base: str, language: str, path: str) -> str:
    return base + PREFIX[language] + path


def goto(page, address: str) -> None:
    page.goto(address)
    if "/search/?q=" in address:
        page.wait_for_selector(".pagefind-ui__result-link", timeout=5000)
    page.wait_for_timeout(100)  # the scripts' work after load


def visible(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(
        selector, "els => els.filter(e => e.getClientRects().length).map(e => e.textContent.trim())"
    )
