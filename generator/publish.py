"""Publishing a built site, without MkDocs: the steps after the pages are
built, and one build at a time per output folder.

- ``Lock``: one build at a time writes a site (``.site.lock`` beside it, held
  with ``flock``: the system releases it when its build ends, even killed);
  the next one waits a while, then says which build holds it. The same lock
  keeps the generated folder to one build or preview at a time (``build.py``).
- ``Staging``: each build writes its own folder beside the site
  (``.site.building-<pid>-<random>``), which takes the site's place only when
  complete; what a killed build left is removed by the next one, never in its way.
- ``finish``: each language's 404 page and open data, the search index (by
  the ``indexer``'s command, with a time limit, then checked to cover every
  page of every language) and the offline zip (by the ``zipper``). Both are
  arguments: the tests' fault seam.

Every failure is a ``PublishError``: one line naming the path; the site is
left as it was.
"""

from __future__ import annotations

import fcntl
import os
import secrets
import shutil
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator import editions, opendata, search
from generator.errors import EditionError
from generator.folder import MANIFEST, all_files, check, write_manifest
from generator.offline import build_offline

Indexer = Callable[[Path], Sequence[str]]  # the command line that indexes a site
Zipper = Callable[[Path, Path], Path]  # (site, zip to write) -> the zip
Say = Callable[[str], None]  # where a line for the maintainer goes

# Time limits, in seconds, each with the environment variable that changes it
INDEX_TIMEOUT = 120.0  # for the search index: Pagefind takes a few; one that hangs is stopped
INDEX_TIMEOUT_VARIABLE = "EDITION_INDEX_TIMEOUT"
LOCK_WAIT = 120.0  # for a build waiting for another one writing the same site
LOCK_WAIT_VARIABLE = "EDITION_LOCK_WAIT"


class PublishError(EditionError):
    """A step of publishing failed (one line, naming the path)."""


def os_line(exc: OSError, path: Path | str | None = None) -> str:
    """``path: reason`` of an OS error (the path it names, else ``path``)."""
    where = exc.filename if exc.filename is not None else path
    reason = exc.strerror or str(exc) or type(exc).__name__
    return f"{where}: {reason}" if where is not None else reason


def seconds(variable: str, default: float) -> float:
    """A time limit: the environment ``variable``'s number of seconds, or ``default``."""
    text = os.environ.get(variable, "").strip()
    try:
        return float(text) if text else default
    except ValueError:
        raise PublishError(f"{variable}={text!r}: write a number of seconds") from None


def _quiet(line: str) -> None:
    """The default ``say``: nothing."""


class Lock:
    """The lock of one folder the generator writes, which holds the pid and
    start time of the process that has it (``who``: a build, a preview): by
    default a site's, ``.<site>.lock`` beside it; the generated folder's is
    inside it (``folder.lock_path``)."""

    def __init__(
        self,
        site: Path,
        path: Path | None = None,
        who: str = "build",
        doing: tuple[str, str] = ("building", "built"),  # the holder is …ing, the folder being …
    ):
        self.site = site
        self.path = path if path is not None else site.parent / f".{site.name}.lock"
        self.who = who
        self.doing = doing
        self._fd: int | None = None

    def acquire(self, wait: float = LOCK_WAIT, say: Say = _quiet) -> None:
        """Take the lock, waiting at most ``wait`` seconds for the build that has it."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            message = f"cannot create the build's lock: {os_line(exc, self.path)}"
            raise PublishError(message) from None
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = os.pread(fd, 300, 0).decode("utf-8", "replace").strip() or "another build"
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise PublishError(
                        f"{self.site} is being {self.doing[1]} by {holder} (lock {self.path}); "
                        f"waited {wait:g} s: let it end, or stop it, then build again"
                    ) from None
                if not told:
                    say(f"generator: waiting for {holder}, which is {self.doing[0]} {self.site}")
                    told = True
                time.sleep(0.1)
        started = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"the {self.who} of pid {os.getpid()}, started {started}\n".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        """Let the next build in (the lock file stays: removing it would race)."""
        if self._fd is not None:
            os.close(self._fd)  # closing the file releases the flock
            self._fd = None


def _ours(folder: Path) -> bool:
    """A folder the generator made: a real folder holding its manifest."""
    return folder.is_dir() and not folder.is_symlink() and (folder / MANIFEST).is_file()


@dataclass
class Staging:
    """A site being built beside ``target``, which it replaces when complete.
    Its folder's name is unique to the build; call ``start`` under the ``Lock``."""

    target: Path
    say: Say = _quiet
    token: str = field(default_factory=lambda: f"{os.getpid()}-{secrets.token_hex(4)}")

    @property
    def path(self) -> Path:
        return self.target.parent / f".{self.target.name}.building-{self.token}"

    @property
    def old(self) -> Path:
        """Where the last site goes while the new one takes its place."""
        return self.target.parent / f".{self.target.name}.old-{self.token}"

    def _leftovers(self, kind: str) -> list[Path]:
        """What other builds left of ``kind`` ("building", "old"): under the
        lock, no other build is running, so every one is a leftover."""
        found = self.target.parent.glob(f".{self.target.name}.{kind}*")
        return sorted(p for p in found if p not in (self.path, self.old))

    def start(self) -> Path:
        """Clear what killed builds left, check that ``target`` is the
        generator's, and return the new, empty folder to build in."""
        olds = [p for p in self._leftovers("old") if _ours(p)]
        if olds and not (self.target.exists() or self.target.is_symlink()):
            last = max(olds, key=lambda p: p.stat().st_mtime)
            self._rename(last, self.target)  # killed while replacing: put the last site back
        for leftover in self._leftovers("building") + self._leftovers("old"):
            if _ours(leftover):
                self._remove(leftover)
            else:  # a name of ours, but not made by us: kept, and in nobody's way
                self.say(f"generator: {leftover} is not a build's folder: left as it is")
        check(self.target)
        try:
            self.path.mkdir()
            write_manifest(self.path, ())
        except OSError as exc:
            message = f"cannot create the build's folder: {os_line(exc, self.path)}"
            raise PublishError(message) from None
        return self.path

    def replace(self) -> None:
        """Put the complete build in the place of ``target``; if that fails,
        ``target`` is as it was."""
        check(self.target)
        write_manifest(self.path, all_files(self.path) - {MANIFEST})
        had_site = self.target.exists()
        if had_site:
            self._rename(self.target, self.old)
        try:
            self._rename(self.path, self.target)
        except PublishError:
            if had_site:
                self.old.rename(self.target)  # put the last site back
            raise
        if had_site:
            self._remove(self.old)

    def abandon(self) -> None:
        """Remove the unfinished build; if stopped while replacing, put the last site back."""
        if _ours(self.old) and not self.target.exists():
            self.old.rename(self.target)
        if _ours(self.path):
            self._remove(self.path)

    def _rename(self, source: Path, destination: Path) -> None:
        try:
            source.rename(destination)
        except OSError as exc:
            raise PublishError(
                f"{self.target} could not be replaced: renaming {source} to {destination}: "
                f"{exc.strerror or exc} (the site folder must be a plain folder that can be "
                f"renamed, not a mount point, beside writable ones; or build elsewhere: "
                f"mkdocs build -d FOLDER); {self.target} was left as it was"
            ) from None

    def _remove(self, folder: Path) -> None:
        """Remove a folder of the generator's, its manifest last (one half
        removed stays recognisable); one that cannot be is left, and said."""
        try:
            for child in sorted(folder.iterdir()):
                if child.name == MANIFEST:
                    continue
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child)
                else:
                    child.unlink()
            (folder / MANIFEST).unlink()
            folder.rmdir()
        except OSError as exc:
            self.say(
                f"generator: could not remove {folder} ({os_line(exc)}); it is in no build's "
                f"way, and the next build tries again"
            )


def write_language_files(built: Path, not_found: dict[str, str]) -> None:
    """Each language's 404 page in its folder (``not_found``: language folder
    -> page) and the open data in every language's folder: mkdocs-static-i18n
    writes every 404 to the root, and copies plain files for the default
    language only."""
    source = built / opendata.FOLDER
    for folder, html in not_found.items():
        path = built / folder / "404.html"
        try:
            path.write_text(html, encoding="utf-8")
            if folder and source.is_dir():
                shutil.copytree(source, built / folder / opendata.FOLDER, dirs_exist_ok=True)
        except OSError as exc:
            raise PublishError(f"writing the site failed: {os_line(exc, path)}") from None
        except shutil.Error as exc:  # copytree's errors, gathered
            raise PublishError(f"copying the open data failed: {exc.args[0][0][2]}") from None


def start_index(
    built: Path, indexer: Indexer = search.command, quiet: bool = False
) -> subprocess.Popen[str]:
    """Start indexing ``built``: the indexer runs in its own process meanwhile."""
    command = list(indexer(built))
    output = subprocess.DEVNULL if quiet else subprocess.PIPE
    try:
        return subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, text=True)
    except OSError as exc:
        raise PublishError(
            f"the search index could not start: {os_line(exc, command[0])}"
        ) from None


def stop(process: subprocess.Popen[str] | None) -> None:
    """Stop a process if it still runs."""
    if process is not None and process.poll() is None:
        process.kill()
        process.communicate()


def wait_for_index(
    process: subprocess.Popen[str],
    built: Path,
    expected: dict[str, int],
    timeout: float,
    started: float,
) -> None:
    """Wait for ``start_index``'s process, at most ``timeout`` seconds after
    ``started`` (``time.monotonic``), then check that its index covers every
    page of every language (``expected``: ``search.indexed_pages``)."""
    try:
        out, _ = process.communicate(timeout=max(0.0, started + timeout - time.monotonic()))
    except subprocess.TimeoutExpired:
        stop(process)
        args = process.args  # start_index's list
        command = " ".join(map(str, args)) if isinstance(args, list) else str(args)
        raise PublishError(
            f"the search index of {built} was not done in {timeout:g} s (Pagefind hung?): stopped "
            f"(command: {command})"
        ) from None
    if process.returncode != 0:
        lines = [line.strip() for line in (out or "").splitlines() if line.strip()]
        raise PublishError(
            f"the search index failed (exit status {process.returncode}): "
            f"{lines[-1] if lines else 'no message'} "
            f"(is Pagefind installed? pip install -r requirements.txt)"
        )
    try:
        search.check_index(built, expected)
    except search.SearchIndexError as exc:
        raise PublishError(str(exc)) from None


def make_offline(built: Path, zipper: Zipper = build_offline) -> None:
    """The offline zip, once, in the default language's open data folder
    (every language's open data page links to it: it holds them all)."""
    archive = built / f".{opendata.OFFLINE_NAME}"
    path = archive
    try:
        zipper(built, archive)
        path = built / opendata.FOLDER / opendata.OFFLINE_NAME
        archive.replace(path)
    except OSError as exc:
        raise PublishError(f"the offline edition failed: {os_line(exc, path)}") from None


def finish(
    built: Path,
    not_found: dict[str, str],
    indexer: Indexer = search.command,
    zipper: Zipper = build_offline,
    timeout: float = INDEX_TIMEOUT,
) -> None:
    """Everything after the pages: ``not_found`` maps each language's folder
    ("" for the default, "en/"…) to its 404 page. The zip is made, and the
    pages to index counted, while the indexer works (the zip leaves the index out)."""
    write_language_files(built, not_found)
    started = time.monotonic()
    process = start_index(built, indexer)
    try:
        make_offline(built, zipper)
        expected = search.indexed_pages(built)  # the pages the index must cover
        wait_for_index(process, built, expected, timeout, started)
    finally:
        stop(process)


def archive_offline(site: Path, docs: Path, version: str) -> Path:
    """Keep the offline zip of the built ``site`` (edition ``version``) in the
    docs folder's ``editions/``, which later editions publish as it is: their
    history page links it (``make archive``, then commit it)."""
    source = site / opendata.FOLDER / opendata.OFFLINE_NAME
    if not source.is_file():
        raise PublishError(f"{source}: no offline zip to keep: build the site first (make build)")
    target = docs / editions.ARCHIVE_FOLDER / editions.archive_name(version)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target
