"""One build of the site, outside MkDocs: everything the MkDocs adapter
(``mkdocs_hook.py``) runs, with the state it keeps between its events.

- ``start``: the checks (a build for publishing knows its address, a preview's
  address is free, the project around the data is right), then, for a build,
  the output folder's lock; the generated folder's lock, held until MkDocs has
  read every page (a build and a preview at once would read a mix of two
  generations, or pages half written); the generated pages
  (``generated.generate``); for a build, the folder beside the site it is
  built in (``publish.Staging``).
- ``finish``: the generated folder's lock released; for a build,
  ``publish.finish`` (404 pages, open data, search index, offline zip) and
  the swap; for a preview, the pages whose source is gone removed, and the
  search index started in the background.
- ``refresh``: a preview that rebuilds only the pages whose source changed
  rebuilds them all when what every page shows changes.

A refusal is a ``BuildError`` (one report); while serving, once there are
pages to serve, it is printed and the last good pages are kept instead.
"""

from __future__ import annotations

import hashlib
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar
from urllib.parse import urlsplit

from . import DataErrors, addresses, editions, folder, generated, metadata, pages, project, publish
from .errors import EditionError
from .folder import FolderError
from .theme import Version

PUBLISH = "EDITION_PUBLISH"  # set by `make publish` and the Pages workflow
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", None)
WRITES_SITE = ("build", "gh-deploy")  # the commands whose site replaces site/
Say = Callable[[str], None]
T = TypeVar("T")


class BuildError(EditionError):
    """The build is refused; the message says why (and what to do)."""


# Where "Report an error in this passage" leads when mkdocs.yml's report_url is
# not set: the reader's mail program, the report written, its address left to fill
# (a preview; a build for publishing refuses it).
PREVIEW_REPORTS = "mailto:?subject={title}&body={body}"


def check_publishing(site_url: str, publishing: bool, report_url: str = PREVIEW_REPORTS) -> None:
    """A build for publishing must know the address it is published at, and
    where its readers' reports of an error go."""
    if publishing and urlsplit(site_url or "").hostname in LOCAL_HOSTS:
        raise BuildError(
            f"this build is for publishing, but site_url is {site_url!r}: canonical, "
            "hreflang and sitemap addresses would point at this machine. Set SITE_URL to the "
            "published address, e.g. SITE_URL=https://<owner>.github.io/<repository>/"
        )
    if publishing and report_url == PREVIEW_REPORTS:
        raise BuildError(
            "this build is for publishing, but readers' reports of an error would go to an "
            "e-mail without an address. Set REPORT_URL to the issue tracker's new-issue form "
            "or an e-mail address, e.g. REPORT_URL='https://github.com/<owner>/<repository>/"
            "issues/new?title={title}&body={body}'"
        )


def check_address(host: str, port: int) -> None:
    """A preview's address must be free: MkDocs binds it only after the
    build, and then stops with a traceback."""
    try:
        family, kind, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except OSError:
        return  # MkDocs says what is wrong with the address
    with socket.socket(family, kind) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as MkDocs' server
        try:
            probe.bind(address)
        except OSError as exc:
            raise BuildError(
                f"cannot serve at {host}:{port}: {exc.strerror} (another `make serve`?); "
                f"stop it, or serve elsewhere: mkdocs serve -a {host}:PORT"
            ) from None


def stop_on_signals() -> None:
    """A build told to stop (SIGTERM, SIGHUP) stops as one interrupted by
    Ctrl-C: its unfinished site is removed (``Build.abandon`` at exit)."""

    def interrupted(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt(f"stopped by signal {signum}")

    for stop in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop, interrupted)


class WarningCount(logging.Handler):
    """Counts the warnings logged during a build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass(frozen=True)
class Settings:
    """What a build is told by its configuration (``mkdocs.yml``)."""

    config_file: Path
    docs: Path
    site_dir: Path
    languages: tuple[str, ...]  # the default (the document's source language) first
    site_url: str
    directory_urls: bool = True
    dev_addr: tuple[str, int] = ("127.0.0.1", 8000)
    report_url: str = PREVIEW_REPORTS  # where readers report an error: extra.report_url (README)


@dataclass
class Build:
    """A build (``command`` "build", "gh-deploy") or a preview ("serve"),
    and what it keeps between steps (while serving, between rebuilds)."""

    command: str
    dirty: bool
    # the edition the site is built from: the newest of data/editions.yaml, once generated
    version: Version = Version("", "")
    say: Say = print
    generated: generated.Generated | None = None  # the last good generation
    lock: publish.Lock | None = None  # one build at a time writes the output folder
    # one build or preview at a time writes the generated pages, then reads them
    generating: publish.Lock | None = None
    staging: publish.Staging | None = None  # the site being built, beside the real one
    indexing: subprocess.Popen | None = None  # while serving: the search index being built
    not_found: dict[str, str] = field(default_factory=dict)  # language folder -> 404 page
    everywhere: str = ""  # while serving: the fingerprint of what every page shows
    outputs: set[str] = field(default_factory=set)  # while serving: the files this build made

    @property
    def writes_site(self) -> bool:
        return self.command in WRITES_SITE

    def start(self, settings: Settings) -> Path:
        """Check, generate the pages (or, while serving, keep the last good
        ones) and return the folder to build the site in."""
        started = time.perf_counter()
        self.stop_indexing()  # serving: the last index is out of date, and it takes a core
        publishing = self.command == "gh-deploy" or bool(os.environ.get(PUBLISH))
        check_publishing(settings.site_url, publishing, settings.report_url)
        if self.command == "serve" and self.generated is None:
            check_address(*settings.dev_addr)  # before building, not after
        if problems := project.problems(settings.config_file, settings.languages):
            self.refuse(f"the project has errors:\n{DataErrors(problems).report()}")
        if self.writes_site:  # before writing docs/package: one build at a time
            lock = self.lock = publish.Lock(settings.site_dir)
            wait = publish.seconds(publish.LOCK_WAIT_VARIABLE, publish.LOCK_WAIT)
            self._failing(lambda: lock.acquire(wait, say=self.say))
        if self._hold_generated(settings.docs / addresses.FOLDER):
            self._generate(settings, started)
        if not self.writes_site:
            return settings.site_dir
        self.staging = publish.Staging(settings.site_dir, say=self.say)
        return self._failing(self.staging.start)

    def _hold_generated(self, target: Path) -> bool:
        """Take the generated folder's lock, held until MkDocs has read every
        page (``finish``): a preview and a build at once each write, then read,
        a whole generation, one after the other. False: a preview that could
        not take it keeps its last good pages."""
        self.release_generated()  # a preview's rebuild that failed before its end
        who = "preview" if self.command == "serve" else "build"
        try:
            lock = publish.Lock(
                target, folder.lock_path(target), who, ("writing or reading", "written or read")
            )
            lock.acquire(publish.seconds(publish.LOCK_WAIT_VARIABLE, publish.LOCK_WAIT), self.say)
        except EditionError as exc:
            self.refuse(str(exc))
            return False
        self.generating = lock
        return True

    def _generate(self, settings: Settings, started: float) -> None:
        data = settings.config_file.parent / "data"
        site_url = settings.site_url or generated.DEFAULT_EDITION.site_url
        kept = settings.docs / editions.ARCHIVE_FOLDER  # the earlier editions' zips
        archived = frozenset(p.name for p in kept.glob("*.zip")) if kept.is_dir() else frozenset()
        edition = generated.Edition(site_url, settings.report_url, archived)
        try:
            self.generated = generated.generate(
                data,
                settings.languages,
                settings.docs / addresses.FOLDER,
                settings.directory_urls,
                edition,
                last=self.generated,  # while serving: the last good generation
            )
        except DataErrors as exc:
            self.refuse(f"the data in {data} has errors:\n{exc.report()}")
        except FolderError as exc:
            self.refuse(str(exc))
        else:
            pages = self.generated.rendering.files  # the pages just rendered, by file name
            if problems := project.link_targets(settings.config_file, settings.languages, pages):
                self.refuse(f"the project has errors:\n{DataErrors(problems).report()}")
            newest = self.generated.document.edition
            self.version = Version(newest.date, newest.version)
            report = self.generated.report
            reused = self.generated.reused
            note = f" ({len(reused)} kept from the last rendering)" if reused else ""
            self.say(
                f"generator: {len(report.written)} pages written, {report.unchanged} unchanged"
                f"{note}, {len(report.removed)} removed ({time.perf_counter() - started:.2f} s)"
            )

    def head(
        self,
        extra: Mapping[str, Any],
        site_url: str | None,
        meta: Mapping[str, Any],
        url: str | None,
        title: str | None,
    ) -> dict[str, Any]:
        """A page's metadata for the theme's head (``metadata.page_head``)."""
        assert self.generated is not None
        doc = self.generated.document
        return metadata.page_head(doc, extra, self.version, site_url or "", meta, url, title)

    def refuse(self, report: str) -> None:
        """Stop the build; while serving, once there are pages to serve, say why
        and go on serving the last good ones instead (the server would hang)."""
        if self.command != "serve" or self.generated is None:
            raise BuildError(report)
        # printed, not logged: an error logged by MkDocs' logger would stop the server's build
        print(
            f"ERROR    -  {report}\n(serving the last good pages until this is fixed)",
            file=sys.stderr,
        )

    def refresh(self, config_file: Path, theme: Path, site_url: str, built: Path) -> None:
        """While serving dirty: when what every page shows changed (the theme,
        the navigation, the interface strings, the edition), remove the built
        pages, so that all are built again."""
        assert self.generated is not None
        shown = (pages.shown_everywhere(self.generated.document), self.version, site_url)
        digest = hashlib.sha256(repr(shown).encode())
        for path in [config_file, *sorted(theme.rglob("*"))]:
            if path.is_file():
                digest.update(path.name.encode() + path.read_bytes())
        if self.dirty and self.everywhere and digest.hexdigest() != self.everywhere:
            for page in built.rglob("*.html"):
                page.unlink()
        self.everywhere = digest.hexdigest()
        self.outputs = set()

    def finish(self, built: Path, warnings: int, strict: bool) -> Path:
        """After the pages of every language: return where the site is."""
        self.release_generated()  # MkDocs has read every page
        if self.command == "serve":  # the preview does not wait for the search index
            if self.dirty:
                self._remove_stale_pages(built)
            self._failing(lambda: publish.write_language_files(built, self.not_found))
            self.indexing = self._failing(lambda: publish.start_index(built, quiet=True))
            return built
        assert self.staging is not None
        limit = publish.seconds(publish.INDEX_TIMEOUT_VARIABLE, publish.INDEX_TIMEOUT)
        self._failing(lambda: publish.finish(built, self.not_found, timeout=limit))
        if strict and warnings:
            raise BuildError(f"{warnings} warning(s) in strict mode: the site was not replaced")
        self._failing(self.staging.replace)
        self.release()
        return self.staging.target

    def _remove_stale_pages(self, built: Path) -> None:
        """A page whose source is gone (a renamed actor, a removed hand-written
        page) would still be served: remove every built page that no
        language's build wrote this time."""
        for page in built.rglob("*.html"):
            relative = page.relative_to(built).as_posix()
            if relative not in self.outputs and page.name != "404.html":
                page.unlink()

    def _failing(self, step: Callable[[], T]) -> T:
        try:
            return step()
        except EditionError as exc:  # a publishing step's, or the output folder's
            raise BuildError(str(exc)) from None

    def abandon(self) -> None:
        """Stop the indexer and remove the unfinished site (the last one stays as it was)."""
        self.stop_indexing()
        if self.staging is not None:
            self.staging.abandon()
        self.release()

    def release(self) -> None:
        self.release_generated()
        if self.lock is not None:
            self.lock.release()

    def release_generated(self) -> None:
        if self.generating is not None:
            self.generating.release()
            self.generating = None

    def stop_indexing(self) -> None:
        publish.stop(self.indexing)
        self.indexing = None
