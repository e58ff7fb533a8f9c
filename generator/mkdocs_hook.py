"""The MkDocs adapter, the only module that imports MkDocs: it reads what
MkDocs and mkdocs-static-i18n say (command, languages, folders) and calls
the plain modules, ``build.Build`` (the state, on one object) and ``theme``
(what the theme's templates are given). mkdocs-static-i18n builds the other
languages from inside the first one's build: ``on_config`` starts the build
once (``Build.start``: checks, lock, generated pages, staging folder), then
gives each language its name, navigation and theme context; ``on_post_build``
finishes it once, after the last language (``Build.finish``).
"""

from __future__ import annotations

import atexit
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

# MkDocs loads a hook by file path: make the project root importable.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from generator import addresses, build, pages, publish, theme  # noqa: E402
from generator.interface import InterfaceText  # noqa: E402
from generator.markup import plain  # noqa: E402

log = logging.getLogger("mkdocs.hooks.generator")


class _I18n:
    """What this adapter reads of mkdocs-static-i18n, in one place."""

    def __init__(self, config: MkDocsConfig):
        plugin = config.plugins.get("i18n")
        if plugin is None:
            raise PluginError("the generator needs the i18n plugin (mkdocs-static-i18n)")
        built = [lang for lang in plugin.config.languages if lang.build]
        self._languages = sorted(built, key=lambda lang: not lang.default)
        self.languages = tuple(lang.locale for lang in self._languages)
        self.current: str = plugin.current_language or self.languages[0]
        self.building: bool = plugin.building  # another language's build, inside the first one's
        self.folders = {lang.locale: lang.link.lstrip("/") for lang in self._languages}  # "", "en/"

    def name_languages(self, name: Callable[[str], str]) -> None:
        """The language switcher's names (``name(code)``), before the plugin builds it."""
        for lang in self._languages:
            lang.name = name(lang.locale)


_build = build.Build("build", False, say=log.info)  # on_startup's
_warnings = build.WarningCount()  # of MkDocs' logger: in strict mode, one keeps the old site


def on_startup(command: str, dirty: bool) -> None:
    global _build
    _build = build.Build(command, dirty, say=log.info)  # its version: the data's


@event_priority(50)  # before mkdocs-static-i18n reads the configuration
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    i18n = _I18n(config)
    if not i18n.building:
        _start(config, i18n)
    assert _build.generated is not None
    doc = _build.generated.document
    ui = InterfaceText(doc.interface, i18n.current)
    config.site_name = ui.escaped("site_name", number=doc.record.number)
    config.nav = pages.navigation(ui.escaped, doc, lambda t: escape(plain(t.get(i18n.current))))
    i18n.name_languages(ui.language_name)
    directory_urls = config.use_directory_urls
    context = theme.context(doc, i18n.current, i18n.folders, _build.version, directory_urls)
    config.extra.update(context)
    return config


def _start(config: MkDocsConfig, i18n: _I18n) -> None:
    settings = build.Settings(
        config_file=Path(config.config_file_path),
        docs=Path(config.docs_dir),
        site_dir=Path(config.site_dir),
        languages=i18n.languages,
        site_url=config.site_url or "",
        directory_urls=config.use_directory_urls,
        dev_addr=(config.dev_addr.host, config.dev_addr.port),
        report_url=config.extra.get("report_url") or build.PREVIEW_REPORTS,
    )
    try:
        config.site_dir = str(_build.start(settings))
    except build.BuildError as exc:
        raise PluginError(str(exc)) from None
    if _build.writes_site:
        atexit.register(_build.abandon)  # an interrupted build (Ctrl-C) leaves nothing behind
        build.stop_on_signals()  # and one told to stop: the same way
    _warnings.count = 0
    logging.getLogger("mkdocs").addHandler(_warnings)


@event_priority(-150)  # after mkdocs-static-i18n has made each language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    in_nav = pages.nav_paths(config.nav or [])
    _build.outputs |= {file.dest_uri for file in files}  # the preview's pages (serve)
    for file in files.documentation_pages():
        if not file.src_uri.startswith(addresses.FOLDER + "/"):
            continue
        path = file.src_uri.rsplit(".", 2)[0] + ".md"  # without its language suffix
        if path not in in_nav and file.inclusion == InclusionLevel.INCLUDED:
            file.inclusion = InclusionLevel.NOT_IN_NAV
    return files


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable) -> LiveReloadServer:
    # Watch docs/ but the generated pages (each write would start another build): data/ instead
    docs = Path(config.docs_dir)
    server.unwatch(str(docs))
    server.watch(str(docs), recursive=False)
    for folder in docs.iterdir():
        if folder.is_dir() and folder.name != addresses.FOLDER:
            server.watch(str(folder))
    return server


def on_pre_build(config: MkDocsConfig) -> None:
    if _build.command == "serve" and not _I18n(config).building:
        custom = Path(config.theme.custom_dir or ROOT / "overrides")
        config_file = Path(config.config_file_path)
        _build.refresh(config_file, custom, config.site_url or "", Path(config.site_dir))


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # the navigation's (escaped) title: Material prints page.title through striptags
    if page.title and not page.meta.get("title"):
        page.meta["title"] = page.title
    return markdown


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    # The page in every language (hreflang links and the language switch)
    context["alternates"] = theme.alternates(config.extra, page.url)
    context["head"] = _build.head(
        config.extra, config.site_url, page.meta, page.canonical_url, page.title
    )
    return context


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    if template_name == "404.html":  # served at any address: its language links lead home
        context["alternates"] = theme.alternates(config.extra, None)
        context["head"] = _build.head(config.extra, config.site_url, {}, None, None)
    return context


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.bytecode_cache = theme.bytecode_cache()  # the theme compiled once, not per language
    return env


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name == "404.html":
        _build.not_found[config.extra["language_root"]] = output
    return output


@event_priority(-200)  # after mkdocs-static-i18n has built every language
def on_post_build(config: MkDocsConfig) -> None:
    if _I18n(config).building:
        return  # the build of another language, inside the first one's
    logging.getLogger("mkdocs").removeHandler(_warnings)
    try:
        config.site_dir = str(_build.finish(Path(config.site_dir), _warnings.count, config.strict))
    except build.BuildError as exc:
        raise PluginError(str(exc)) from None
    if _build.writes_site:
        log.info("generator: search index and offline zip done; site in %s", config.site_dir)


def on_build_error(error: Exception) -> None:
    logging.getLogger("mkdocs").removeHandler(_warnings)
    _build.abandon()
    if isinstance(error, OSError):  # disk full, a folder that cannot be written…: one line
        target = _build.staging.target if _build.staging else "the site"
        log.error("the build stopped: %s; %s was left as it was", publish.os_line(error), target)
        raise Abort("Aborted with an error of the system") from None


def on_shutdown() -> None:
    _build.stop_indexing()
    _build.release()
