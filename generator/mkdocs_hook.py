"""The MkDocs adapter: the only module that imports MkDocs.

One ``mkdocs build`` builds every language (mkdocs-static-i18n builds the
others from inside the first one's build). Its steps here:

1. ``on_config``, once: generate the pages into ``docs/package`` (bad data
   stops the build before anything is written); refuse a build for publishing
   whose ``site_url`` is the localhost default; take the output folder's lock
   and build the site in a folder of this build's beside ``site/``
   (``publish.Lock``, ``publish.Staging``); a preview first checks that its
   address is free.
2. ``on_config``, for each language: its site name, navigation and 404 texts.
3. ``on_files``: generated pages outside the navigation are marked so.
4. ``on_post_build``, after the last language: ``publish.finish`` (each
   language's 404 page and open data, the search index, the offline zip);
   then, if nothing failed and no warning was logged in strict mode, the new
   site replaces ``site/`` (else it is left as it was). An error of the system
   (disk full…) is one line with its path, never a traceback.

``make serve`` (``mkdocs serve --dirty``) rebuilds only the pages an edit
changed, and everything when what all pages show (theme, navigation) changed;
after a broken edit it keeps the last good pages and texts, and says why.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import FileSystemBytecodeCache
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files, InclusionLevel

# MkDocs loads a hook by file path: make the project root importable.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from generator import DataErrors, pages, project, publish, site  # noqa: E402
from generator.folder import FolderError  # noqa: E402
from generator.interface import InterfaceText  # noqa: E402
from generator.markup import plain  # noqa: E402
from generator.models import Plural  # noqa: E402
from generator.publish import PublishError  # noqa: E402

log = logging.getLogger("mkdocs.hooks.generator")
_COMPILER = "-".join(version(name) for name in ("jinja2", "mkdocs", "mkdocs-material"))
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
    lock: publish.Lock | None = None  # one build at a time writes the output folder
    staging: publish.Staging | None = None  # the site being built, beside the real one
    warnings: _Warnings | None = None
    not_found: dict[str, str] = field(default_factory=dict)  # language folder -> 404 page
    indexing: subprocess.Popen | None = None  # while serving: the search index being built
    everywhere: str = ""  # while serving: the fingerprint of what every page shows
    outputs: set[str] = field(default_factory=set)  # while serving: the files this build made
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
    config.extra["language"] = i18n.current
    config.extra["language_names"] = {lang: escape(ui.language_name(lang)) for lang in folders}
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
    if _state.command == "serve" and _state.generated is None:
        _check_address(*config.dev_addr)  # before building, not after
    docs = Path(config.docs_dir)
    if problems := project.problems(Path(config.config_file_path), i18n.languages):
        _refuse(f"the project has errors:\n{DataErrors(problems).report()}")
    data = Path(config.config_file_path).parent / "data"
    target = docs / pages.FOLDER
    edition = site.Edition(_state.version[0], config.site_url or "http://localhost:8000/")
    if _state.command in ("build", "gh-deploy"):  # before writing docs/package: one build at a time
        _lock(Path(config.site_dir))
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
            _state.staging = publish.Staging(Path(config.site_dir), say=log.info)
            config.site_dir = str(_state.staging.start())
        except (FolderError, PublishError) as exc:
            raise PluginError(str(exc)) from None
        atexit.register(_abandon)  # an interrupted build (Ctrl-C) leaves nothing behind
        for stop in (signal.SIGTERM, signal.SIGHUP):  # and one told to stop: the same way
            signal.signal(stop, _interrupted)
    _state.warnings = _Warnings()
    logging.getLogger("mkdocs").addHandler(_state.warnings)


def _lock(site_dir: Path) -> None:
    """Wait for (or refuse) another build writing the same site."""
    _state.lock = publish.Lock(site_dir)
    try:
        wait = publish.seconds(publish.LOCK_WAIT_VARIABLE, publish.LOCK_WAIT)
        _state.lock.acquire(wait, say=log.info)
    except PublishError as exc:
        raise PluginError(str(exc)) from None


def _check_address(host: str, port: int) -> None:
    """The preview's address must be free: MkDocs binds it only after the build,
    and then stops with a traceback."""
    try:
        family, kind, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except OSError:
        return  # MkDocs says what is wrong with the address
    with socket.socket(family, kind) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as MkDocs' server
        try:
            probe.bind(address)
        except OSError as exc:
            raise PluginError(
                f"cannot serve at {host}:{port}: {exc.strerror} (another `make serve`?); "
                f"stop it, or serve elsewhere: mkdocs serve -a {host}:PORT"
            ) from None


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
    _state.outputs |= {file.dest_uri for file in files}  # the preview's pages (serve)
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
    when what every page shows changes (the theme, the navigation, the
    interface strings, the edition), the built pages are removed so that all
    are built again."""
    shown = (pages.shown_everywhere(_state.generated.document), _state.version, config.site_url)
    digest = hashlib.sha256(repr(shown).encode())
    for path in [Path(config.config_file_path), *sorted(Path(config.theme.custom_dir).rglob("*"))]:
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    if _state.dirty and _state.everywhere and digest.hexdigest() != _state.everywhere:
        for page in Path(config.site_dir).rglob("*.html"):
            page.unlink()
    _state.everywhere = digest.hexdigest()
    _state.outputs = set()


def _remove_stale_pages(site_dir: Path) -> None:
    """While serving dirty, a page whose source is gone (a renamed actor, a
    removed hand-written page) would still be served: remove every built page
    that no language's build wrote this time."""
    for page in site_dir.rglob("*.html"):
        relative = page.relative_to(site_dir).as_posix()
        if relative not in _state.outputs and page.name != "404.html":
            page.unlink()


def on_page_markdown(markdown: str, page, config: MkDocsConfig, files: Files) -> str:
    # A page listed in the navigation takes its title from it: an escaped
    # interface string. Material prints page.meta.title as it is, but
    # page.title through striptags, which would unescape it.
    if page.title and not page.meta.get("title"):
        page.meta["title"] = page.title
    return markdown


def on_page_context(context: dict, page, config: MkDocsConfig, nav) -> dict:
    # The page in every language (hreflang links and the language switch),
    # from the page's own address: the same at a root or under a sub-path.
    _add_alternates(context, config, page.url)
    return context


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    # A 404 page is served at any address: its language links lead to the homes.
    if template_name == "404.html":
        _add_alternates(context, config, None)
    return context


def _add_alternates(context: dict, config: MkDocsConfig, url: str | None) -> None:
    folders, current = config.extra["language_folders"], config.extra["language"]
    found = (
        pages.alternates(url, folders, current)
        if url is not None
        else [{"lang": lang, "path": folder} for lang, folder in folders.items()]
    )
    names = config.extra["language_names"]
    context["alternates"] = [{**alt, "name": names[alt["lang"]]} for alt in found]


def on_env(env, config: MkDocsConfig, files: Files):
    # MkDocs makes a new Jinja environment for each language's build, and for
    # each rebuild while serving: keep the theme's compiled templates on disk,
    # apart for each version of what compiles them (Jinja's cache checks only
    # the template's source)
    env.bytecode_cache = FileSystemBytecodeCache(pattern=f"__edition_theme_{_COMPILER}_%s.cache")
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
    _stop_counting()
    try:
        if _state.command == "serve":  # the preview does not wait for the search index
            if _state.dirty:
                _remove_stale_pages(built)
            publish.write_language_files(built, _state.not_found)
            _state.indexing = publish.start_index(built, quiet=True)
            return
        start = time.perf_counter()
        limit = publish.seconds(publish.INDEX_TIMEOUT_VARIABLE, publish.INDEX_TIMEOUT)
        publish.finish(built, _state.not_found, timeout=limit)
        warnings = _state.warnings.count if _state.warnings else 0
        if config.strict and warnings:
            raise PluginError(f"{warnings} warning(s) in strict mode: the site was not replaced")
        _state.staging.replace()
    except (PublishError, FolderError) as exc:
        raise PluginError(str(exc)) from None
    _release()
    config.site_dir = str(_state.staging.target)
    log.info(
        "generator: search index and offline edition in %.2f s; site written to %s",
        time.perf_counter() - start,
        config.site_dir,
    )


def on_build_error(error: Exception) -> None:
    _stop_counting()
    _abandon()
    if isinstance(error, OSError):  # disk full, a folder that cannot be written…: one line
        target = _state.staging.target if _state.staging else "the site"
        log.error("the build stopped: %s; %s was left as it was", publish.os_line(error), target)
        raise Abort("Aborted with an error of the system") from None


def _interrupted(signum, frame) -> None:
    raise KeyboardInterrupt(f"stopped by signal {signum}")


def _abandon() -> None:
    """Stop Pagefind and remove the unfinished site (the last one stays as it was)."""
    _stop_indexing()
    if _state.staging is not None:
        _state.staging.abandon()
    _release()


def on_shutdown() -> None:
    _stop_indexing()
    _release()


def _release() -> None:
    if _state.lock is not None:
        _state.lock.release()


def _stop_counting() -> None:
    if _state.warnings is not None:
        logging.getLogger("mkdocs").removeHandler(_state.warnings)


def _stop_indexing() -> None:
    publish.stop(_state.indexing)
    _state.indexing = None
