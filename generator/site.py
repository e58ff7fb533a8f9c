"""Data folder -> generated folder, the languages in parallel processes.

``generate_site`` reads the YAML files once, then forks (``os.fork``: no
executor, no pickled call) one process; each parses half of the files and they
exchange their halves; both build the document and share out the rendering
(each language's texts, actors and tools, the side-by-side pages, the open
data), while this one also runs the whole-document checks. The fork comes
*before* the document is built, on purpose: a process
forked after loading shares the document copy-on-write, and each reference
count it touches copies a memory page (at 10x the data, rendering was 50 %
slower in both processes). Once the data is known to be valid, each process
writes its own files, so no page crosses between them.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import traceback
from dataclasses import dataclass
from pathlib import Path

from . import document_of, parse_document, parse_sources, read_sources
from .load import Source
from .models import Document
from .render import data_files, language_files, render_site
from .write import SyncReport, prune, sync_folder, write_files

__all__ = ["GeneratedSite", "generate_site", "source_texts"]


@dataclass(frozen=True)
class GeneratedSite:
    document: Document
    report: SyncReport  # what changed in the generated folder


def generate_site(
    data_dir: Path,
    languages: tuple[str, ...],
    folder: Path,
    directory_urls: bool = True,
    workers: int = 1,
    freeze: bool = False,
) -> GeneratedSite:
    """Load, validate and render ``data_dir`` into ``folder`` (as ``render_site``
    names the files, written only when changed: ``write.sync_folder``); raise
    ``DataErrors`` on bad data, before anything is written.

    ``workers`` > 1 shares the rendering with a forked process (same files).
    ``freeze`` hands the document to the garbage collector's permanent
    generation (``gc.freeze``): it is never scanned again, nor freed, so use it
    only when the document lives as long as the process (a one-off build).
    """
    sources = read_sources(data_dir)
    texts = source_texts(sources)
    if workers < 2 or len(languages) < 2 or not hasattr(os, "fork"):
        doc = _frozen(parse_document(sources, languages), freeze)
        files = render_site(doc, languages, directory_urls, texts)
        return GeneratedSite(doc, sync_folder(folder, files))
    tasks = _tasks(languages)
    _inherited.update(sources=sources, texts=texts, tasks=tasks, next=_task_queue(len(tasks)))
    mine, theirs = _halves(sources)
    try:
        with _Forked(_render_and_write, languages, directory_urls, folder, theirs) as other:
            parsed = parse_sources(sources, mine, positions=False)
            parsed |= other.receive()  # the other half, parsed meanwhile
            other.send({name: parsed[name] for name in mine})
            # bad data raises here: the other process is stopped, nothing is written
            doc = _frozen(document_of(parsed, sources, languages), freeze)  # with the checks
            files = _render_tasks(doc, directory_urls, texts)
            other_files = other.receive()  # all rendered: now both may write
            other.go_ahead()
            report = write_files(folder, files)
            report.add(other.receive())
    finally:
        os.close(_inherited["next"])
        _inherited.clear()
    report.removed = prune(folder, set(files) | other_files)
    return GeneratedSite(doc, report)


def source_texts(sources: dict[str, Source]) -> dict[str, str]:
    """The YAML texts the open data republishes, by file name."""
    return {f"{name}.yaml": s.text for name, s in sources.items() if s.text is not None}


# The work, shared out as it goes: each process takes the next task when it is
# free (the one that validates the data starts later).
def _tasks(languages: tuple[str, ...]) -> list[tuple[str, str | None]]:
    """(part, language): the side-by-side pages (all languages in one task:
    they share their columns), every language's texts, actors and tables
    (``render_pages`` parts), the open data, every language's other tools. The
    largest first: the small last ones even out the two processes' ends."""
    first = [(part, lang) for part in ("texts", "actors", "tables") for lang in languages]
    tools = [("tools", lang) for lang in languages]
    return [("side-by-side", None), *first, ("data", None), *tools]


def _render_tasks(doc: Document, directory_urls: bool, texts: dict[str, str]) -> dict[str, str]:
    files: dict[str, str] = {}
    tasks, queue = _inherited["tasks"], _inherited["next"]
    while taken := os.read(queue, 1):  # one byte: the next task's number
        part, language = tasks[taken[0]]
        if part == "data":
            files.update(data_files(doc, texts))
        elif part == "side-by-side":
            for lang in doc.languages:
                files.update(language_files(doc, lang, directory_urls, part="side-by-side"))
        else:
            files.update(language_files(doc, language, directory_urls, part=part))
    return files


def _task_queue(count: int) -> int:
    """A pipe holding the task numbers, a byte each: a process reads one byte to
    take the next task (reads from a pipe are atomic); the end of the pipe
    means none is left."""
    if count > 256:
        raise ValueError("more tasks than one byte can number")
    read, write = os.pipe()
    os.write(write, bytes(range(count)))
    os.close(write)
    return read


_inherited: dict[str, object] = {}  # what the forked process gets without pickling


def _frozen(doc: Document, freeze: bool) -> Document:
    if freeze:
        gc.freeze()
    return doc


def _halves(sources: dict[str, Source]) -> tuple[list[str], list[str]]:
    """The data files in two halves of about the same size, one per process."""
    halves: tuple[list[str], list[str]] = ([], [])
    sizes = [0, 0]
    for name in sorted(sources, key=lambda n: -len(sources[n].text or "")):
        smaller = sizes.index(min(sizes))
        halves[smaller].append(name)
        sizes[smaller] += len(sources[name].text or "")
    return halves


def _render_and_write(
    parent: _Channel, languages, directory_urls: bool, folder: Path, names: list[str]
) -> None:
    """In the forked process: parse its half of the files (without positions:
    the parent parses again what has errors) and exchange it for the other half;
    render its share of the tasks; their paths go to the parent, which says
    whether to write them (the data is valid), and gets the ``SyncReport``.
    The parent runs the whole-document checks."""
    sources = _inherited["sources"]
    parsed = parse_sources(sources, names, positions=False)
    parent.send(parsed)
    parsed |= parent.receive()
    doc = _frozen(document_of(parsed, sources, languages, checks=False), freeze=True)
    files = _render_tasks(doc, directory_urls, _inherited["texts"])
    parent.send(set(files))
    if parent.receive():
        parent.send(write_files(folder, files))


class _Channel:
    """Pickled objects both ways between a process and its forked copy."""

    def __init__(self, reading: int, writing: int):
        self._in = os.fdopen(reading, "rb")
        self._out = os.fdopen(writing, "wb")
        self.writing = False  # the parent's go-ahead to write was sent

    def send(self, value: object) -> None:
        pickle.dump(value, self._out, pickle.HIGHEST_PROTOCOL)
        self._out.flush()

    def go_ahead(self) -> None:
        """(In the parent) the data is valid: the other process may write."""
        self.writing = True
        self.send(True)

    def receive(self) -> object:
        """The next object sent; raises ``_Stopped`` if the other side ended."""
        try:
            value = pickle.load(self._in)
        except EOFError:
            raise _Stopped from None
        if isinstance(value, _Failure):
            raise RuntimeError(f"the forked rendering process failed:\n{value.traceback}")
        return value

    def close(self) -> None:
        for stream in (self._out, self._in):
            with contextlib.suppress(OSError):
                stream.close()


class _Stopped(RuntimeError):
    """The other process ended without sending what was expected."""


@dataclass(frozen=True)
class _Failure:
    traceback: str


class _Forked:
    """``with _Forked(work, *args) as other``: ``work(channel, *args)`` runs in a
    forked copy of this process (``os.fork``: no executor, no pickled call);
    leaving the block closes the channel and waits for the copy to end."""

    def __init__(self, work, *args):
        down, up = os.pipe(), os.pipe()  # (read, write) each
        self._pid = os.fork()
        if self._pid == 0:
            os.close(down[1]), os.close(up[0])
            self._run(_Channel(down[0], up[1]), work, args)
        os.close(down[0]), os.close(up[1])
        self._channel = _Channel(up[0], down[1])

    @staticmethod
    def _run(channel: _Channel, work, args) -> None:
        code = 0
        try:
            work(channel, *args)
        except _Stopped:  # the parent gave up (bad data, or its own error)
            pass
        except BaseException:
            code = 1
            with contextlib.suppress(BaseException):
                channel.send(_Failure(traceback.format_exc()))
        finally:
            channel.close()
            os._exit(code)

    def __enter__(self) -> _Channel:
        return self._channel

    def __exit__(self, *exc_info) -> None:
        if exc_info[0] is not None and not self._channel.writing:
            os.kill(self._pid, signal.SIGKILL)  # it has written nothing: no need to wait
        self._channel.close()
        _, status = os.waitpid(self._pid, 0)
        code = os.waitstatus_to_exitcode(status)
        if exc_info[0] is _Stopped or (code != 0 and exc_info[0] is None):
            raise RuntimeError(f"the forked rendering process stopped (exit code {code})")
