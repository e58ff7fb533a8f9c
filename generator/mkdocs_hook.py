"""The MkDocs adapter: the only module that imports MkDocs.

Before MkDocs (and mkdocs-static-i18n) collect files, load and validate
``data/``, render every page in every configured language and sync them into
the gitignored ``docs/package/`` folder. Data errors stop the build before the
site directory is touched.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

# MkDocs loads a hook by file path: make the project root importable.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from generator import DataErrors, load_document  # noqa: E402
from generator.markup import plain  # noqa: E402
from generator.offline import ZIP_NAME, offline_files, write_zip  # noqa: E402
from generator.render import DATA_FOLDER, PREFIX, TEMPLATES, navigation, render_site  # noqa: E402
from generator.write import sync_folder  # noqa: E402

log = logging.getLogger("mkdocs.hooks.generator")
_last_run: dict[str, tuple] = {}  # docs_dir -> (fingerprint, document)
_not_found: dict[str, str] = {}  # language folder -> its rendered 404.html
_command = {"name": "build"}
_last_good: dict[str, object] = {}  # the last valid document, while serving


def on_startup(command: str, dirty: bool) -> None:
    _command["name"] = command


def _i18n(config: MkDocsConfig):
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise PluginError("the generator needs the i18n plugin (mkdocs-static-i18n)")
    return i18n


def _languages(config: MkDocsConfig) -> tuple[str, ...]:
    """The built languages, the default (source) language first."""
    built = [lang for lang in _i18n(config).config.languages if lang.build]
    return tuple(lang.locale for lang in sorted(built, key=lambda lang: not lang.default))


def _check_translations(docs_dir: Path, languages: tuple[str, ...]) -> None:
    """Every hand-written page must exist in every language (no silent fallback)."""
    missing = []
    for page in sorted(docs_dir.rglob("*.md")):
        if PREFIX in page.relative_to(docs_dir).parts[:1]:
            continue
        stem, _, suffix = page.name.rpartition(".md")[0].rpartition(".")
        if suffix not in languages:
            missing.append(f"{page.relative_to(docs_dir)}: no language suffix")
            continue
        for language in languages:
            other = page.with_name(f"{stem}.{language}.md")
            if not other.exists():
                missing.append(f"{other.relative_to(docs_dir)} is missing")
    if missing:
        raise PluginError("pages missing a translation:\n" + "\n".join(sorted(set(missing))))


def _theme_strings(config: MkDocsConfig, doc) -> None:
    """Interface strings of the language being built, for theme templates (404)."""
    i18n = _i18n(config)
    default = next(lang.locale for lang in i18n.config.languages if lang.default)
    current = i18n.current_language or default
    config.extra["ui"] = {key: plain(text.get(current)) for key, text in doc.interface.items()}
    links = {lang.locale: lang.link for lang in i18n.config.languages if lang.build}
    config.extra["ui_language_root"] = links[current].lstrip("/")
    config.extra["ui_other_languages"] = [
        {"locale": locale, "link": link.lstrip("/"), "label": config.extra["ui"]["not_found_other"]}
        for locale, link in links.items()
        if locale != current
    ]


def _fingerprint(data_dir: Path, *extra: object) -> str:
    """Changes when the data, the templates or the settings change."""
    digest = hashlib.sha256(repr(extra).encode())
    for path in [*sorted(data_dir.glob("*.yaml")), *sorted(TEMPLATES.glob("*.j2"))]:
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    data_dir = root / "data"
    languages = _languages(config)
    fingerprint = _fingerprint(data_dir, languages, config.use_directory_urls, config.docs_dir)
    cached = _last_run.get(config.docs_dir)
    if cached and cached[0] == fingerprint:
        doc = cached[1]  # nothing changed since the last build (other language, serve)
    else:
        start = time.perf_counter()
        doc = _load(data_dir, languages)
        sources = {p.name: p.read_text(encoding="utf-8") for p in sorted(data_dir.glob("*.yaml"))}
        # Forking beside `mkdocs serve`'s server threads is not safe: one process there.
        workers = 1 if _command["name"] == "serve" else (os.cpu_count() or 1)
        files = render_site(doc, languages, config.use_directory_urls, sources, workers)
        report = sync_folder(Path(config.docs_dir) / PREFIX, files)
        _last_run[config.docs_dir] = (fingerprint, doc)
        log.info(
            "generator: %d pages written, %d unchanged, %d removed (%.2f s)",
            len(report.written),
            report.unchanged,
            len(report.removed),
            time.perf_counter() - start,
        )
    _check_translations(Path(config.docs_dir), languages)
    _theme_strings(config, doc)
    config.nav = navigation()
    return config


def _load(data_dir: Path, languages: tuple[str, ...]):
    try:
        doc = _last_good[languages] = load_document(data_dir, languages)
        return doc
    except DataErrors as exc:
        report = f"the data in {data_dir} has errors:\n{exc.report()}"
        if _command["name"] != "serve" or languages not in _last_good:
            raise PluginError(report) from None
        # While serving, keep building from the last good data and say what is wrong
        # (outside MkDocs' logger, whose errors would abort a strict build).
        print(
            f"ERROR    -  {report}\n(serving the last good data until this is fixed)",
            file=sys.stderr,
        )
        return _last_good[languages]


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name == "404.html":
        _not_found[config.extra["ui_language_root"]] = output
    return output


@event_priority(-200)  # after mkdocs-static-i18n has built every language
def on_post_build(config: MkDocsConfig) -> None:
    if _i18n(config).building:
        return  # an inner, per-language build: wait for the outer one
    site = Path(config.site_dir)
    # mkdocs-static-i18n writes every language's 404 to the root: one per folder;
    # and it copies plain files (the open data) for the default language only.
    for folder, html in _not_found.items():
        (site / folder / "404.html").write_text(html, encoding="utf-8")
        open_data = site / DATA_FOLDER
        if folder and open_data.is_dir():
            shutil.copytree(open_data, site / folder / DATA_FOLDER, dirs_exist_ok=True)
    # Pagefind (a separate process) indexes the site while the offline copy is made.
    start = time.perf_counter()
    pagefind = subprocess.Popen(
        [*_pagefind_command(), "--site", str(site)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        if _command["name"] in ("build", "gh-deploy"):
            _build_offline_zip(site)
    finally:
        _finish_pagefind(pagefind, site, start)


def _pagefind_command() -> list[str]:
    """The Pagefind binary itself (saves starting Python), else its Python entry point."""
    try:
        from pagefind_bin import get_executable

        return [str(get_executable())]
    except (ImportError, FileNotFoundError):
        return [sys.executable, "-m", "pagefind"]


def _finish_pagefind(pagefind: subprocess.Popen, site: Path, start: float) -> None:
    stdout, stderr = pagefind.communicate()
    if pagefind.returncode != 0:
        raise PluginError(f"pagefind failed:\n{stdout}\n{stderr}")
    # Pagefind lists the languages in no fixed order: sort them, for reproducible builds
    entry = site / "pagefind" / "pagefind-entry.json"
    entry.write_text(json.dumps(json.loads(entry.read_text()), sort_keys=True, ensure_ascii=False))
    log.info("generator: search index built (%.2f s)", time.perf_counter() - start)


def _build_offline_zip(site: Path) -> None:
    """Zip a file:// copy of the site into every language's data folder."""
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        archive = write_zip(offline_files(site), Path(tmp) / ZIP_NAME)
        for folder in _not_found:
            target = site / folder / DATA_FOLDER / ZIP_NAME
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(archive, target)
    log.info(
        "generator: offline edition written (%s, %.2f s)", ZIP_NAME, time.perf_counter() - start
    )
