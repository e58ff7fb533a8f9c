"""Lighthouse scores of the built site (a benchmark script, not a test). Usage:

    .venv/bin/python bench/lighthouse.py [--site site] [--runs 3]

Installs ``lighthouse@12.2.3`` (pinned in ``bench/lighthouse/package-lock.json``)
on first use, serves the site on 127.0.0.1 with gzip (as a static host would),
and runs Lighthouse's default (mobile, simulated slow 4G) on the home page, a
measure, the glossary, the who-does-what heat map, the study page, the explorer
and the history in both languages, an actor and the full text, with
Debian's Chromium. Prints the median score of each category per page.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "bench" / "lighthouse"
PAGES = [
    "",
    "package/measure-4/",
    "package/glossary/",
    "en/",
    "en/package/measure-4/",
    "en/package/glossary/",
    "package/who-does-what/",
    "en/package/who-does-what/",
    "package/study/",
    "en/package/study/",
    "package/explorer/",
    "en/package/explorer/",
    "package/history/",
    "en/package/history/",
    "en/package/actors/frontex/",
    "en/package/full-text/",
]
CATEGORIES = ("performance", "accessibility", "best-practices")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
_COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed for clients that accept it, over keep-alive
    connections (HTTP/1.1), as a static host would serve them."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the base class redirects a -> a/
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in _COMPRESSED and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def _lighthouse() -> Path:
    binary = TOOL / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=TOOL, check=True)
    return binary


def _build(target: Path, base_url: str) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": base_url}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(target)],
        cwd=ROOT,
        env=env,
        check=True,
    )


def _scores(binary: Path, url: str, report: Path) -> dict[str, float]:
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")}
    subprocess.run(
        [
            str(binary),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env=env,
        check=True,
    )
    result = json.loads(report.read_text())
    scores = {c: result["categories"][c]["score"] * 100 for c in CATEGORIES}
    failed = [
        audit["id"]
        for audit in result["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") == "binary"
    ]
    scores["failed"] = failed
    scores["transfer KiB"] = result["audits"]["total-byte-weight"].get("numericValue", 0) / 1024
    return scores


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", help="an already built site (built with SITE_URL set)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    binary = _lighthouse()
    base = f"http://127.0.0.1:{args.port}/"
    work = Path(tempfile.mkdtemp())
    site = Path(args.site) if args.site else work / "site"
    if not args.site:
        _build(site, base)
    handler = functools.partial(GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Lighthouse 12.2.3, {args.runs} run(s) per page, median; mobile, simulated slow 4G")
    print("page | performance | accessibility | best practices | transfer KiB | failed audits")
    try:
        for page in PAGES:
            runs = [
                _scores(binary, base + page, work / f"report-{i}.json") for i in range(args.runs)
            ]
            med = {c: statistics.median(r[c] for r in runs) for c in (*CATEGORIES, "transfer KiB")}
            failed = ", ".join(sorted({a for r in runs for a in r["failed"]})) or "—"
            print(
                f"/{page} | {med['performance']:.0f} | {med['accessibility']:.0f} | "
                f"{med['best-practices']:.0f} | {med['transfer KiB']:.0f} | {failed}"
            )
    finally:
        server.shutdown()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
