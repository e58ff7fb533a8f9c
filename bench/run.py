"""Benchmark: prints tables of medians (not a test). Usage:

    .venv/bin/python bench/run.py [--scales 1,10] [--runs 3] [--edits 7]

1. the whole build (`make build`: both languages, search index, offline zip)
   against a bare `mkdocs build` of the same generated Markdown (no hook);
2. the preview as a maintainer feels it (`make serve`): the first page served
   after start, then, for each edit, the time from saving a one-word change
   in data/measures.yaml to the edited page being served with the word;
3. at 1x: per page kind, HTML and first-load bytes (HTML + CSS + JS, gzip).
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402
from synthetic import synthesise  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1544054400"}
SERVE = ["serve", "--dirty", "--no-strict"]  # as the Makefile's serve target
PAGES = {
    "home": "index.html",
    "measure": "package/measure-4/index.html",
    "actor": "package/actors/frontex/index.html",
    "glossary": "package/glossary/index.html",
    "full text": "package/full-text/index.html",
    "who does what": "package/who-does-what/index.html",
    "side by side": "package/side-by-side/measure-4/index.html",
    "study": "package/study/index.html",
}


def project(data: Path, target: Path) -> Path:
    target.mkdir(parents=True)
    for name in ("mkdocs.yml", "docs", "overrides", "generator"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, target / name, ignore=shutil.ignore_patterns("__pycache__", "package")
            )
        else:
            shutil.copy(source, target / name)
    shutil.copytree(data, target / "data")
    # the bare build: no hook, but the theme's context the hook would give (default language)
    from generator import load_document, theme

    doc = load_document(target / "data")
    folders = {lang: "" if i == 0 else f"{lang}/" for i, lang in enumerate(doc.languages)}
    extra = theme.context(
        doc, doc.languages[0], folders, theme.Version(doc.edition.date, doc.edition.version)
    )
    bare = {"INHERIT": "mkdocs.yml", "hooks": [], "extra": _plain(extra)}
    (target / "mkdocs.bare.yml").write_text(yaml.safe_dump(bare, allow_unicode=True))
    return target


def _plain(value: object) -> object:
    """``value`` with its Markup strings as plain ones (for YAML)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return str(value) if isinstance(value, str) else value


def timed(args: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", *args], cwd=cwd, env=ENV, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(f"mkdocs {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return time.perf_counter() - start


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def poll(url: str, text: str, seconds: float = 300) -> float:
    """Seconds until ``text`` is served at ``url`` (polled every 20 ms)."""
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        if text in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.02)
    raise SystemExit(f"{text!r} never appeared at {url}")


def builds(proj: Path, runs: int) -> tuple[float, float]:
    """Medians of the whole build and of the bare build, interleaved."""
    timed(["build", "-q"], proj)  # the generated pages exist, as after any first build
    full, bare = [], []
    for _ in range(runs):
        full.append(timed(["build", "-q", "--strict"], proj))
        bare.append(
            timed(["build", "-q", "-f", "mkdocs.bare.yml", "-d", str(proj / "site-bare")], proj)
        )
    return statistics.median(full), statistics.median(bare)


def preview(proj: Path, edits: int) -> tuple[float, list[float]]:
    """`make serve`: the first page's time after start, and each edit's time
    from saving to the page served with it."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    measures = proj / "data" / "measures.yaml"
    good = measures.read_text(encoding="utf-8")
    phrase = "Western Balkans"  # in an English action text of measure 4 (at 1x)
    url = f"http://127.0.0.1:{port}/{page_with(good, phrase)}"
    start = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", *SERVE, "-a", f"127.0.0.1:{port}"],
        cwd=proj,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        poll(url, phrase)
        first = time.perf_counter() - start
        times = []
        for i in range(edits):
            time.sleep(1.5)  # the server is idle, as between two edits
            word = f"Wbench{i}x"
            measures.write_text(
                good.replace(phrase, f"Western {word} Balkans", 1), encoding="utf-8"
            )
            times.append(poll(url, word))
    finally:
        server.terminate()
        server.wait(timeout=30)
        measures.write_text(good, encoding="utf-8")
    return first, times


def page_with(measures: str, phrase: str) -> str:
    """The English page of the first measure, in file order, that holds ``phrase``
    (the one an edit of its first occurrence changes)."""
    for section in yaml.safe_load(measures)["sections"]:
        for measure in section["measures"]:
            if phrase in repr(measure):
                return f"en/package/measure-{measure['number']}/"
    raise SystemExit(f"no measure holds {phrase!r}")


def first_load(page: Path) -> tuple[int, int]:
    html = page.read_text(encoding="utf-8")
    total = len(gzip.compress(html.encode()))
    for ref in re.findall(r'<(?:link[^>]+href|script[^>]+src)="([^"]+\.(?:css|js))"', html):
        if (asset := (page.parent / ref).resolve()).is_file():
            total += len(gzip.compress(asset.read_bytes()))
    return len(html.encode()), total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--edits", type=int, default=7)
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    columns = "full build s | bare build s | full/bare | first page served s"
    print(f"scale | {columns} | edit -> visible s: median (min-max)")
    for scale in [int(s) for s in args.scales.split(",")]:
        work = Path(tempfile.mkdtemp())
        data = synthesise(scale, work / "data") if scale != 1 else ROOT / "data"
        proj = project(data, work / "p")
        full, bare = builds(proj, args.runs)
        first, edits = preview(proj, args.edits)
        print(
            f"{scale}x | {full:.2f} | {bare:.2f} | {full / bare:.2f} | {first:.2f} | "
            f"{statistics.median(edits):.2f} ({min(edits):.2f}-{max(edits):.2f})"
        )
        if scale == 1:
            report = ["", "page kind | HTML KiB | first load KiB gzip (HTML + CSS + JS)"]
            for kind, path in PAGES.items():
                html, total = first_load(proj / "site" / path)
                report.append(f"{kind} | {html / 1024:.0f} | {total / 1024:.0f}")
            print("\n".join(report) + "\n")
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
