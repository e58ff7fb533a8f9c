"""The MkDocs adapter: the only module that imports MkDocs.

One ``mkdocs build`` builds every language (mkdocs-static-i18n builds the
others from inside the first one's build). Its steps here:

1. ``on_config``, once: generate the pages into ``docs/package`` (bad data
   stops the build before anything is written); refuse a build for publishing
   whose ``site_url`` is the localhost default; build the site in a folder
   beside ``site/`` (``folder.Staging``).
2. ``on_config``, for each language: its site name, navigation and 404 texts.
3. ``on_files``: generated pages outside the navigation are marked so.
4. ``on_post_build``, after the last language: each language's 404 page and
   open data in its folder, the search index (Pagefind), the offline zip;
   then, if nothing failed and no warning was logged in strict mode, the new
   site replaces ``site/`` (else it is left as it was).

``make serve`` (``mkdocs serve --dirty``) rebuilds only the pages an edit
changed, and everything when what all pages show (theme, navigation) changed;
after a broken edit it keeps the last good pages and texts, and says why.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import FileSystemBytecodeCache
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files, InclusionLevel

# MkDocs loads a hook by file path: make the project root importable.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from generator import DataErrors, opendata, pages, project, search, site  # noqa: E402
from generator.folder import FolderError, Staging  # noqa: E402
from generator.interface import InterfaceText  # noqa: E402
from generator.markup import plain  # noqa: E402
from generator.models import Plural  # noqa: E402
from generator.offline import build_offline  # noqa: E402

log = logging.getLogger("mkdocs.hooks.generator")
PUBLISH = "EDITION_PUBLISH"  # set by `make publish` and the Pages workflow
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", None)


class _I18n:
    """What this adapter reads of mkdocs-static-i18n, in one place."""

    def __init__(self, config: MkDocsConfig):
        self.plugin = config.plugins.get("i18n")
        if self.plugin is None:
            raise PluginError("the generator needs the i18n plugin (mkdocs-static-i18n)")
        built = [lang for lang in self.plugin.config.languages if lang.build]
        self._languages = sorted(built, key=lambda lang: not lang.default)

    @property
    def languages(self) -> tuple[str, ...]:
        """The built languages, the default (the document's source language) first."""
        return tuple(lang.locale for lang in self._languages)

    @property
    def current(self) -> str:
        return self.plugin.current_language or self.languages[0]

    @property
    def building(self) -> bool:
        """Whether this is the build of another language, inside the first one's."""
        return self.plugin.building

    def folder(self, language: str) -> str:
        """The language's folder in the site ("" for the default, "en/"…)."""
        return next(lang.link for lang in self._languages if lang.locale == language).lstrip("/")

    def name_languages(self, name) -> None:
        """The language switcher's names (``name(code)``), before the plugin builds it."""
        for lang in self._languages:
            lang.name = name(lang.locale)


class _Warnings(logging.Handler):
    """Counts the warnings of a build: in strict mode, one keeps the old site."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass
class _State:
    """Everything the hook keeps between events (and, while serving, between builds)."""

    command: str = "build"
    dirty: bool = False
    generated: site.Generated | None = None  # the last good generation
    staging: Staging | None = None  # the site being built, beside the real one
    warnings: _Warnings | None = None
    not_found: dict[str, str] = field(default_factory=dict)  # language folder -> 404 page
    indexing: subprocess.Popen | None = None  # while serving: the search index being built
    everywhere: str = ""  # while serving: the fingerprint of what every page shows
    version: tuple[str, str] = ("", "")  # this edition's (date, version): the last commit's


_state = _State()


def on_startup(command: str, dirty: bool) -> None:
    _state.command, _state.dirty = command, dirty
    _state.version = _last_commit()


def _last_commit() -> tuple[str, str]:
    """The date (YYYY-MM-DD) and short hash of the last commit; outside a git
    repository, the date of SOURCE_DATE_EPOCH (or today) and no version."""
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%cs %h"], cwd=ROOT, capture_output=True, text=True
        ).stdout.split()
    except OSError:
        out = []
    if len(out) == 2:
        return out[0], out[1]
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", time.time()))
    return time.strftime("%Y-%m-%d", time.gmtime(epoch)), "—"


@event_priority(50)  # before mkdocs-static-i18n reads the configuration
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    i18n = _I18n(config)
    if not i18n.building:
        _generate(config, i18n)
    doc = _state.generated.document
    ui = InterfaceText(doc.interface, i18n.current)
    config.site_name = ui.escaped("site_name")
    title = lambda text: escape(plain(text.get(i18n.current)))  # noqa: E731
    config.nav = pages.navigation(ui.escaped, doc, title)
    i18n.name_languages(ui.language_name)
    folders = {lang: i18n.folder(lang) for lang in i18n.languages}  # "" or "en/"
    config.extra["not_found"] = pages.not_found_page(
        lambda lang: InterfaceText(doc.interface, lang), i18n.current, folders
    )
    config.extra["language_root"] = folders[i18n.current]
    config.extra["language_folders"] = folders  # the language switch (partials/alternate.html)
    # every one-text string: `check` says which the theme and mkdocs.yml use (project.theme_usage)
    strings = doc.interface.items()
    config.extra["ui"] = {k: ui.escaped(k) for k, v in strings if not isinstance(v, Plural)}
    config.extra["edition"] = {
        "text": ui("edition", date=ui.date(_state.version[0]), version=_state.version[1]),
        "official": [
            {
                "url": escape(doc.record.official.get(lang)),
                "label": ui("official_pdf", language=ui.language(lang)),
            }
            for lang in doc.languages
        ],
        "register": {
            "url": escape(doc.record.register.get(i18n.current)),
            "label": ui.register_entry,
        },
    }
    search_page = pages.served(pages.page_path("search"))
    config.extra["search_page"] = (
        search_page if config.use_directory_urls else search_page[:-1] + ".html"
    )
    return config


def _generate(config: MkDocsConfig, i18n: _I18n) -> None:
    """Generate the pages (or, while serving, keep the last good ones), and
    prepare the build's output folder."""
    start = time.perf_counter()
    _stop_indexing()  # serving: the last build's index is out of date, and it takes a core
    _check_publishing(config)
    docs = Path(config.docs_dir)
    if problems := project.problems(Path(config.config_file_path), i18n.languages):
        _refuse(f"the project has errors:\n{DataErrors(problems).report()}")
    data = Path(config.config_file_path).parent / "data"
    target = docs / pages.FOLDER
    edition = site.Edition(_state.version[0], config.site_url or "http://localhost:8000/")
    try:
        _state.generated = site.generate(
            data, i18n.languages, target, config.use_directory_urls, edition
        )
    except DataErrors as exc:
        _refuse(f"the data in {data} has errors:\n{exc.report()}")
    except FolderError as exc:
        _refuse(str(exc))
    else:
        report = _state.generated.report
        log.info(
            "generator: %d pages written, %d unchanged, %d removed (%.2f s)",
            len(report.written),
            report.unchanged,
            len(report.removed),
            time.perf_counter() - start,
        )
    if _state.command in ("build", "gh-deploy"):
        try:
            _state.staging = Staging(Path(config.site_dir))
            config.site_dir = str(_state.staging.start())
        except FolderError as exc:
            raise PluginError(str(exc)) from None
        atexit.register(_abandon)  # an interrupted build (Ctrl-C) leaves nothing behind
        for stop in (signal.SIGTERM, signal.SIGHUP):  # and one told to stop: the same way
            signal.signal(stop, _interrupted)
    _state.warnings = _Warnings()
    logging.getLogger("mkdocs").addHandler(_state.warnings)


def _check_publishing(config: MkDocsConfig) -> None:
    """A build for publishing must know the address it is published at."""
    publishing = _state.command == "gh-deploy" or os.environ.get(PUBLISH)
    if publishing and urlsplit(config.site_url or "").hostname in LOCAL_HOSTS:
        raise PluginError(
            f"this build is for publishing, but site_url is {config.site_url!r}: canonical, "
            "hreflang and sitemap addresses would point at this machine. Set SITE_URL to the "
            "published address, e.g. SITE_URL=https://<owner>.github.io/<repository>/"
        )


def _refuse(report: str) -> None:
    """Stop the build; while serving, once there are pages to serve, say why
    and go on serving the last good ones instead (the server would hang)."""
    if _state.command != "serve" or _state.generated is None:
        raise PluginError(report) from None
    # printed, not logged: an error logged by MkDocs' logger would stop the server's build
    print(
        f"ERROR    -  {report}\n(serving the last good pages until this is fixed)", file=sys.stderr
    )


@event_priority(-150)  # after mkdocs-static-i18n has made each language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    in_nav = pages.nav_paths(config.nav)
    for file in files.documentation_pages():
        if not file.src_uri.startswith(pages.FOLDER + "/"):
            continue
        path = file.src_uri.rsplit(".", 2)[0] + ".md"  # without its language suffix
        if path not in in_nav and file.inclusion == InclusionLevel.INCLUDED:
            file.inclusion = InclusionLevel.NOT_IN_NAV
    return files


def on_serve(server, config: MkDocsConfig, builder):
    # The generator writes its pages into the docs folder: watched, they would
    # start a second build after each one (and the server waits for it). The
    # data they come from is watched (mkdocs.yml: watch), the rest of docs too.
    docs = Path(config.docs_dir)
    server.unwatch(str(docs))
    server.watch(str(docs), recursive=False)
    for folder in docs.iterdir():
        if folder.is_dir() and folder.name != pages.FOLDER:
            server.watch(str(folder))
    return server


def on_pre_build(config: MkDocsConfig) -> None:
    if _state.command == "serve" and not _I18n(config).building:
        _refresh_everything(config)


def _refresh_everything(config: MkDocsConfig) -> None:
    """While serving dirty, MkDocs rebuilds only the pages whose source changed:
    when what every page shows changes (the theme, the navigation, the site
    name), the built pages are removed so that all are built again."""
    digest = hashlib.sha256(repr((config.nav, config.site_name, sorted(config.extra))).encode())
    for path in [Path(config.config_file_path), *sorted(Path(config.theme.custom_dir).rglob("*"))]:
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    if _state.dirty and _state.everywhere and digest.hexdigest() != _state.everywhere:
        for page in Path(config.site_dir).rglob("*.html"):
            page.unlink()
    _state.everywhere = digest.hexdigest()


def on_page_markdown(markdown: str, page, config: MkDocsConfig, files: Files) -> str:
    # A page listed in the navigation takes its title from it: an escaped
    # interface string. Material prints page.meta.title as it is, but
    # page.title through striptags, which would unescape it.
    if page.title and not page.meta.get("title"):
        page.meta["title"] = page.title
    return markdown


def on_env(env, config: MkDocsConfig, files: Files):
    # MkDocs makes a new Jinja environment for each language's build, and for
    # each rebuild while serving: keep the theme's compiled templates on disk
    env.bytecode_cache = FileSystemBytecodeCache()
    return env


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name == "404.html":
        _state.not_found[config.extra["language_root"]] = output
    return output


@event_priority(-200)  # after mkdocs-static-i18n has built every language
def on_post_build(config: MkDocsConfig) -> None:
    if _I18n(config).building:
        return  # the build of another language, inside the first one's
    built = Path(config.site_dir)
    # mkdocs-static-i18n writes every language's 404 to the root, and copies
    # plain files (the open data) for the default language only
    for folder, html in _state.not_found.items():
        (built / folder / "404.html").write_text(html, encoding="utf-8")
        if folder and (built / opendata.FOLDER).is_dir():
            shutil.copytree(
                built / opendata.FOLDER, built / folder / opendata.FOLDER, dirs_exist_ok=True
            )
    _stop_counting()
    _state.indexing = search.start_index(built, quiet=_state.command == "serve")
    if _state.command == "serve":
        return  # the preview does not wait for the search index
    start = time.perf_counter()
    try:  # the offline zip (which leaves the index out) is made while Pagefind works
        archive = build_offline(built, built / f".{opendata.OFFLINE_NAME}")
        for folder in _state.not_found:
            shutil.copy2(archive, built / folder / opendata.FOLDER / opendata.OFFLINE_NAME)
        archive.unlink()
    except OSError as exc:
        raise PluginError(f"the offline edition failed: {exc}") from None
    try:
        search.finish_index(_state.indexing, built)
    except search.SearchIndexError as exc:
        raise PluginError(f"Pagefind failed:\n{exc}") from None
    finally:
        _state.indexing = None
    warnings = _state.warnings.count if _state.warnings else 0
    if config.strict and warnings:
        raise PluginError(f"{warnings} warning(s) in strict mode: the site was not replaced")
    _state.staging.replace()
    config.site_dir = str(_state.staging.target)
    log.info(
        "generator: search index and offline edition in %.2f s; site written to %s",
        time.perf_counter() - start,
        config.site_dir,
    )


def on_build_error(error: Exception) -> None:
    _stop_counting()
    _abandon()


def _interrupted(signum, frame) -> None:
    raise KeyboardInterrupt(f"stopped by signal {signum}")


def _abandon() -> None:
    """Stop Pagefind and remove the unfinished site (the last one stays as it was)."""
    _stop_indexing()
    if _state.staging is not None:
        _state.staging.abandon()


def on_shutdown() -> None:
    _stop_indexing()


def _stop_counting() -> None:
    if _state.warnings is not None:
        logging.getLogger("mkdocs").removeHandler(_state.warnings)


def _stop_indexing() -> None:
    if _state.indexing is not None and _state.indexing.poll() is None:
        _state.indexing.kill()
        _state.indexing.wait()
    _state.indexing = None
