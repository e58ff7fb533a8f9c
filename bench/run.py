"""Benchmark: prints a table of medians (not a test). Usage:

    .venv/bin/python bench/run.py [--scales 1,10,100] [--runs 3]

1. generator alone (load + validate + render + write) vs the whole `mkdocs build`;
2. the whole build vs a bare `mkdocs build` of the same generated Markdown
   (no hook: no generation, no Pagefind, no offline edition) — the stack's floor;
3. synthetic data at each scale: build time, peak memory, site size, largest page;
4. a one-field YAML edit: generated files rewritten, time to regenerate;
5. per page kind: HTML bytes and first-load bytes (HTML + CSS + JS, gzip), and
   the search index size per language.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synthetic import synthesise  # noqa: E402

from generator import load_document  # noqa: E402
from generator.cli import configured_languages  # noqa: E402
from generator.render import PREFIX, render_site  # noqa: E402
from generator.site import generate_site  # noqa: E402
from generator.write import sync_folder  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1544054400"}
MEASURE = re.compile(
    r"""
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:]).returncode
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)
""".strip()
)


def project(data: Path, target: Path) -> Path:
    target.mkdir(parents=True)
    for name in ("mkdocs.yml", "docs", "overrides", "generator"):
        source = ROOT / name
        ignore = shutil.ignore_patterns("__pycache__", PREFIX)
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy(source, target / name)
    shutil.copytree(data, target / "data", ignore=shutil.ignore_patterns("source"))
    (target / "mkdocs.bare.yml").write_text("INHERIT: mkdocs.yml\nhooks: []\n")
    return target


def timed(cmd: list[str], cwd: Path) -> tuple[float, int]:
    """Seconds and peak resident memory (KiB) of a command."""
    out = subprocess.run(
        [sys.executable, "-c", MEASURE.pattern, *cmd],
        cwd=cwd,
        env=ENV,
        capture_output=True,
        text=True,
    )
    seconds, rss, code = out.stdout.split()[-3:]
    if code != "0":
        raise SystemExit(f"{' '.join(cmd)} failed:\n{out.stderr[-3000:]}")
    return float(seconds), int(rss)


def generator_alone(proj: Path) -> float:
    """Load, validate, render and write, as the hook does in a build: into the
    project's generated folder (after the first run, files are compared, not
    rewritten, as in the full builds it is compared with)."""
    start = time.perf_counter()
    languages = configured_languages(proj / "mkdocs.yml")
    folder = proj / "docs" / PREFIX
    generate_site(proj / "data", languages, folder, workers=os.cpu_count() or 1, freeze=True)
    elapsed = time.perf_counter() - start
    gc.unfreeze()
    return elapsed


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def median(values):
    return statistics.median(values)


def first_load(site: Path, page: Path) -> tuple[int, int]:
    html = page.read_text(encoding="utf-8")
    total = gzip.compress(html.encode()).__len__()
    for ref in re.findall(r'<(?:link[^>]+href|script[^>]+src)="([^"]+\.(?:css|js))"', html):
        asset = (page.parent / ref).resolve()
        if asset.is_file():
            total += len(gzip.compress(asset.read_bytes()))
    return len(html.encode()), total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    python = [sys.executable, "-m", "mkdocs", "build", "-q"]
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(
        "scale | measures | generator s | full build s | bare build s | gen/full | full/bare"
        " | peak MiB | site MiB | largest page KiB"
    )
    for scale in [int(s) for s in args.scales.split(",")]:
        work = Path(tempfile.mkdtemp())
        data = synthesise(scale, work / "data") if scale != 1 else ROOT / "data"
        proj = project(data, work / "p")
        first = generator_alone(proj)  # every file written: the timed runs find them, as builds do
        gens, fulls, bares, peak = [], [], [], 0
        for _ in range(args.runs):
            gens.append(generator_alone(proj))
            seconds, rss = timed(python, proj)
            fulls.append(seconds)
            peak = max(peak, rss)
            bares.append(timed([*python, "-f", "mkdocs.bare.yml", "-d", "site-bare"], proj)[0])
        site = proj / "site"
        pages = [p for p in site.rglob("*.html")]
        largest = max(p.stat().st_size for p in pages)
        g, f, b = median(gens), median(fulls), median(bares)
        print(
            f"{scale}x | {13 * scale} | {g:.2f} | {f:.2f} | {b:.2f} | {g / f:.1%} | {f / b:.2f} | "
            f"{peak / 1024:.0f} | {size(site) / 2**20:.1f} | {largest / 1024:.0f}"
        )
        print(f"  (generator into an empty folder, writing every file: {first:.2f} s)")
        if scale == 1:
            report_pages(site)
            report_edit(proj)
            report_serve(proj)
        shutil.rmtree(work)


def report_pages(site: Path) -> None:
    kinds = {
        "home": "index.html",
        "measure": "package/measure-4/index.html",
        "actor": "package/actors/frontex/index.html",
        "glossary": "package/glossary/index.html",
        "full text": "package/full-text/index.html",
        "side by side": "package/side-by-side/measure-4/index.html",
        "study": "package/study/index.html",
    }
    print("\npage kind | HTML KiB | first load KiB gzip (HTML + CSS + JS)")
    for kind, path in kinds.items():
        html, total = first_load(site, site / path)
        print(f"{kind} | {html / 1024:.0f} | {total / 1024:.0f}")
    print("\nsearch index (Pagefind) per language:")
    for lang in ("fr", "en"):
        files = [p for p in (site / "pagefind").rglob("*") if p.is_file() and f"{lang}_" in p.name]
        fragments = site / "pagefind" / "fragment"
        print(
            f"{lang}: {sum(p.stat().st_size for p in files) / 1024:.0f} KiB index files "
            f"(+ {size(fragments) / 1024:.0f} KiB page fragments, both languages)"
        )


def report_edit(proj: Path) -> None:
    """A one-field edit: how many generated files change, and how fast."""
    languages = configured_languages(proj / "mkdocs.yml")
    folder = proj / "docs" / PREFIX
    path = proj / "data" / "events.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("Report", "Report", 1).replace(
            "The Council adopted", "The Council formally adopted", 1
        )
    )
    start = time.perf_counter()
    doc = load_document(proj / "data", languages)
    sources = {p.name: p.read_text(encoding="utf-8") for p in (proj / "data").glob("*.yaml")}
    report = sync_folder(folder, render_site(doc, languages, True, sources))
    elapsed = time.perf_counter() - start
    print(
        f"\none-field edit (events.yaml, English): {len(report.written)} generated files rewritten "
        f"of {len(report.written) + report.unchanged}, regenerated in {elapsed:.2f} s: "
        f"{report.written}"
    )
    path.write_text(text, encoding="utf-8")


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _poll(url: str, text: str, seconds: float = 300) -> float:
    """Seconds until ``text`` is served at ``url``."""
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        if text in _fetch(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    raise SystemExit(f"{text!r} never appeared at {url}")


def report_serve(proj: Path, port: int = 8799) -> None:
    """`mkdocs serve`: a one-field YAML edit, until the page shows it."""
    path = proj / "data" / "events.yaml"
    text = path.read_text(encoding="utf-8")
    url = f"http://127.0.0.1:{port}/en/package/timeline/"
    log = proj / "serve.log"
    with open(log, "w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=proj,
            env=ENV,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            startup = _poll(url, "The Council adopted")
            time.sleep(1)
            path.write_text(text.replace("The Council adopted", "The Council formally adopted", 1))
            rebuild = _poll(url, "The Council formally adopted")
        finally:
            server.terminate()
            server.wait(timeout=30)
            path.write_text(text, encoding="utf-8")
    written = re.findall(r"generator: (\d+) pages written, (\d+) unchanged", log.read_text())
    files = f"{written[-1][0]} of {sum(map(int, written[-1]))}" if written else "?"
    print(
        f"\nmkdocs serve: first page served after {startup:.1f} s; after a one-field edit "
        f"(events.yaml, English) {files} generated files rewritten and the page rebuilt "
        f"in {rebuild:.1f} s"
    )


if __name__ == "__main__":
    main()
