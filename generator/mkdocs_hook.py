"""The MkDocs adapter: the only module that imports MkDocs.

Before MkDocs (and mkdocs-static-i18n) collect files, load and validate
``data/``, render every page in every configured language and sync them into
the gitignored ``docs/package/`` folder. Data errors stop the build before the
site directory is touched. While the pages are written, each one also goes to
the Pagefind index, built beside the build by another process; once every
language is built, Pagefind writes its index while a third process makes the
offline zip of the finished site.
"""

from __future__ import annotations

import hashlib
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

from generator import DataErrors, read_sources  # noqa: E402
from generator.markup import plain  # noqa: E402
from generator.offline import ZIP_NAME  # noqa: E402
from generator.render import DATA_FOLDER, PREFIX, TEMPLATES, navigation, render_site  # noqa: E402
from generator.searchindex import SearchIndex, SearchIndexError  # noqa: E402
from generator.site import generate_site, source_texts  # noqa: E402
from generator.write import sync_folder  # noqa: E402

log = logging.getLogger("mkdocs.hooks.generator")
_last_run: dict[str, tuple] = {}  # docs_dir -> (fingerprint, document)
_not_found: dict[str, str] = {}  # language folder -> its rendered 404.html
_command = {"name": "build"}
_last_good: dict[str, object] = {}  # the last valid document, while serving
_streams: dict[str, object] = {}  # the search index being built, and its start time


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
        folder = Path(config.docs_dir) / PREFIX
        doc, report = _generate(data_dir, languages, folder, config.use_directory_urls)
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


def _generate(data_dir: Path, languages: tuple[str, ...], folder: Path, directory_urls: bool):
    """Generate into ``folder``: the document and the sync report. Bad data stops
    the build, or while serving, keeps the last good document."""
    serving = _command["name"] == "serve"
    try:
        site = generate_site(
            data_dir,
            languages,
            folder,
            directory_urls,
            # forking beside `mkdocs serve`'s server threads is not safe: one process there
            workers=1 if serving else (os.cpu_count() or 1),
            # the document lives as long as this build: keep the collector off it
            freeze=not serving,
        )
    except DataErrors as exc:
        report = f"the data in {data_dir} has errors:\n{exc.report()}"
        if not serving or languages not in _last_good:
            raise PluginError(report) from None
        # While serving, keep building from the last good data and say what is wrong
        # (outside MkDocs' logger, whose errors would abort a strict build).
        print(
            f"ERROR    -  {report}\n(serving the last good data until this is fixed)",
            file=sys.stderr,
        )
        doc = _last_good[languages]
        texts = source_texts(read_sources(data_dir))
        return doc, sync_folder(folder, render_site(doc, languages, directory_urls, texts))
    _last_good[languages] = site.document
    return site.document, site.report


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name == "404.html":
        _not_found[config.extra["ui_language_root"]] = output
    return output


def on_pre_build(config: MkDocsConfig) -> None:
    if _i18n(config).building:
        return  # the streams of the outer build take every language's pages
    _close_streams()
    start = time.perf_counter()
    try:
        _streams["search"] = SearchIndex(Path(config.site_dir) / "pagefind")
    except (OSError, SearchIndexError) as exc:
        raise PluginError(f"cannot start Pagefind: {exc}") from None
    _streams["start"] = start


@event_priority(-100)  # the page as written: after the other plugins' changes
def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    search = _streams.get("search")
    if search is not None:
        search.add_page(page.file.dest_uri, output)
    return output


def on_build_error(error: Exception) -> None:
    _close_streams()


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
    search = _streams.pop("search")
    # The offline zip of the finished site is made by another process while
    # Pagefind (a third one) writes its index: no page waits for either.
    offline = _start_offline(site) if _command["name"] in ("build", "gh-deploy") else None
    try:
        search.finish()
        if offline is not None:
            _finish_offline(*offline, site)
    except SearchIndexError as exc:
        raise PluginError(f"pagefind failed: {exc}") from None
    finally:
        if offline is not None:
            _stop_offline(*offline)
    log.info(
        "generator: search index%s written (%.2f s after the build started)",
        " and offline edition" if offline else "",
        time.perf_counter() - _streams.pop("start"),
    )


def _start_offline(site: Path) -> tuple[subprocess.Popen, Path]:
    archive = Path(tempfile.mkdtemp(prefix="offline-")) / ZIP_NAME
    # run as a script: it needs no more than the standard library, and importing
    # the generator package would take the process longer than the zip at 1x
    script = Path(__file__).with_name("offline.py")
    command = [sys.executable, str(script), str(site), str(archive)]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    return process, archive


def _finish_offline(process: subprocess.Popen, archive: Path, site: Path) -> None:
    """Wait for the offline zip and copy it into every language's data folder."""
    errors = process.communicate()[1]
    if process.returncode != 0:
        raise PluginError(f"the offline edition failed:\n{errors[-3000:]}")
    _publish_offline(archive, site)


def _stop_offline(process: subprocess.Popen, archive: Path) -> None:
    if process.poll() is None:  # the build failed first
        process.kill()
        process.communicate()
    shutil.rmtree(archive.parent, ignore_errors=True)


def _publish_offline(archive: Path, site: Path) -> None:
    """The offline zip, in every language's data folder."""
    for folder in _not_found:
        target = site / folder / DATA_FOLDER / ZIP_NAME
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(archive, target)


def _close_streams() -> None:
    """Stop what a failed or interrupted build left running."""
    search = _streams.pop("search", None)
    if search is not None:
        search.close()
    _streams.pop("start", None)
