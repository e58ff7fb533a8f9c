"""Serve a built site on 127.0.0.1 and drive Debian's Chromium with Playwright;
what the tests of pages share (devices, interface strings, addresses)."""

from __future__ import annotations

import collections
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
from playwright.sync_api import Error as PlaywrightError

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


class StaticHostHandler(_QuietHandler):
    """As a static host (GitHub Pages): the site's root 404.html for every
    missing address, whatever its folder."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve(
    directory: Path, sub_path: str = "", handler_class: type = _QuietHandler
) -> Iterator[str]:
    """Serve ``directory`` at http://127.0.0.1:PORT/<sub_path>; yield that base URL."""
    root = directory
    if sub_path:
        root = directory.parent / "served"
        shutil.rmtree(root, ignore_errors=True)
        (root / sub_path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(directory, root / sub_path)
    handler = functools.partial(handler_class, directory=str(root))
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
        self.page = page
        self._handlers = {
            "console": lambda m: m.type == "error" and self.errors.append(m.text),
            "pageerror": lambda e: self.errors.append(str(e)),
            "request": self._request,
            "response": lambda r: r.status >= 400 and self.errors.append(f"{r.status} {r.url}"),
        }
        for event, handler in self._handlers.items():
            page.on(event, handler)

    def detach(self) -> None:
        for event, handler in list(self._handlers.items()):
            self.page.remove_listener(event, handler)

    def _request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https") and parts.netloc != self.host:
            self.foreign.append(request.url)


# Page loads (every document a page loads, a blank one too) and axe-core runs
# of this test process, for measuring (conftest.py writes them down).
COUNTS: collections.Counter = collections.Counter()


def count_loads(page) -> None:
    page.on("load", lambda _: COUNTS.update(["loads"]))


class CountingBrowser:
    """A Chromium whose pages' loads are counted in ``COUNTS``."""

    def __init__(self, browser):
        self._browser = browser

    def __getattr__(self, name: str):
        return getattr(self._browser, name)

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        context.on("page", count_loads)
        return context

    def new_page(self, **options):
        page = self._browser.new_page(**options)
        count_loads(page)
        return page


# The address a page given back shows: no page of any site has it, so the
# next test's first address is a real load, even when only its #fragment
# differs from the last one's (changing it loads nothing, unlike about:blank).
GIVEN_BACK = "/given-back-to-the-pool"


class PagePool:
    """Open pages by kind (device, colour scheme, axe preloaded, context
    options), taken by a test and given back clean: storage emptied, media
    and mouse reset, at an address of no page (``GIVEN_BACK``)."""

    def __init__(self, browser):
        self.browser = browser
        self.contexts: dict[tuple, object] = {}
        self.idle: dict[tuple, list] = {}
        self.kind: dict[object, tuple] = {}  # page -> its key

    def take(self, device: str, scheme: str, axe: bool, **options):
        key = (device, scheme, axe, repr(sorted(options.items())))
        if self.idle.get(key):
            page = self.idle[key].pop()
            page.bring_to_front()  # a page behind another one is not animated
            return page
        if key not in self.contexts:
            context = self.browser.new_context(**DEVICES[device], color_scheme=scheme, **options)
            if axe:  # cheaper than adding it to each of several pages
                context.add_init_script(path=str(AXE))
            self.contexts[key] = context
        page = self.contexts[key].new_page()
        self.kind[page] = key
        return page

    def give_back(self, page) -> None:
        try:
            page.evaluate(
                """to => { try { localStorage.clear(); sessionStorage.clear(); } catch {}
                          history.replaceState(null, '', to); }""",
                GIVEN_BACK,
            )
            page.context.clear_cookies()
            page.emulate_media(media="screen", color_scheme=self.kind[page][1])
            page.mouse.move(0, 0)
        except PlaywrightError:  # a page a test broke is not reused
            page.close()
            return
        self.idle.setdefault(self.kind[page], []).append(page)

    def close(self) -> None:
        for context in self.contexts.values():
            context.close()


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
    settle(page)  # colours caught mid-transition are no finding
    COUNTS.update(["axe"])
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
    # a phone at its narrowest, which is also a 1280 px desktop at 400 % zoom
    # (WCAG 1.4.10): 320 CSS px, the layout of every width up to 480 px
    "phone": {"viewport": {"width": 320, "height": 640}, "has_touch": True},
}
UI = {
    key: {lang: text.get(lang, text.get("invariant")) for lang in LANGUAGES}
    for key, text in yaml.safe_load((DATA / "interface.yaml").read_text(encoding="utf-8"))[
        "strings"
    ].items()
}
# the document's number, which interface strings say as {number}
NUMBER = yaml.safe_load((DATA / "document.yaml").read_text(encoding="utf-8"))["record"]["number"]


def url(base: str, language: str, path: str) -> str:
    return base + PREFIX[language] + path


def goto(page, address: str) -> None:
    page.goto(address)
    if "/search/?q=" in address:
        page.wait_for_selector(".pagefind-ui__result-link", timeout=5000)
    settle(page)


def settle(page) -> None:
    """Wait until the page is still: its transitions over, two frames painted
    (the scripts' work after a load or a click)."""
    page.wait_for_function(SETTLED, timeout=3000)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def visible(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(
        selector, "els => els.filter(e => e.getClientRects().length).map(e => e.textContent.trim())"
    )
