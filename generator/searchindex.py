"""The Pagefind search index, built while the site is being written.

Pages go to Pagefind's indexing service (``pagefind --service``, a separate
process) as soon as they are rendered, so the index is built on the second
core while the other pages are still being rendered; ``finish`` writes the
bundle (the files ``pagefind --site`` would write on the finished site).

The service speaks base64-encoded JSON messages separated by commas on its
stdin and stdout. Pagefind's own Python client polls for each answer with a
0.1 s sleep (19 s for this site): this small synchronous client does not.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from .offline import HTML_LANG, TITLE_ELEMENT, indexed_body

__all__ = [
    "SearchIndex",
    "SearchIndexError",
    "indexed_part",
    "page_url",
    "pagefind_executable",
]


class SearchIndexError(RuntimeError):
    """Pagefind refused a page or stopped."""


def pagefind_executable() -> list[str]:
    """The Pagefind binary (from the pinned ``pagefind[bin]``), or its Python entry point."""
    try:
        from pagefind_bin import get_executable

        return [str(get_executable())]
    except (ImportError, FileNotFoundError):
        return [sys.executable, "-m", "pagefind"]


def page_url(dest_path: str) -> str:
    """The URL Pagefind gives a file: ``a/b/index.html`` -> ``/a/b/``."""
    url = "/" + dest_path.replace("\\", "/")
    return url[: -len("index.html")] if url.endswith("/index.html") else url


def indexed_part(html: str) -> str:
    """What Pagefind reads of a page: its language, title and indexed body,
    without the theme's chrome around them (less than half the bytes to encode,
    send and parse; the index is byte for byte the same). A page without an
    indexed body is sent whole: Pagefind decides."""
    body = indexed_body(html)
    if body is None:
        return html
    language, title = HTML_LANG.search(html), TITLE_ELEMENT.search(html)
    return (
        f'<html lang="{language[1] if language else ""}"><head>'
        f"<title>{title[1] if title else ''}</title></head>"
        f"<body><div data-pagefind-body>{body}</div></body></html>"
    )


class SearchIndex:
    """A Pagefind index fed page by page; ``finish`` writes it to ``output``."""

    def __init__(self, output: Path):
        self.output = output
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
        self._process = subprocess.Popen(
            [*pagefind_executable(), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
        )
        self._answers: dict[int, dict] = {}
        self._arrived = threading.Condition()
        self._stopped = False
        self._last_id = 0
        self._pages: list[int] = []
        threading.Thread(target=self._read_answers, daemon=True).start()
        self._index = self._wait(self._send({"type": "NewIndex", "config": None}))["index_id"]

    def add_page(self, dest_path: str, html: str) -> None:
        """Index a page: its HTML, as written at ``dest_path`` in the site."""
        request = {"type": "AddFile", "index_id": self._index, "file_path": None}
        request |= {"url": page_url(dest_path), "file_contents": indexed_part(html)}
        self._pages.append(self._send(request))

    def finish(self) -> Path:
        """Wait for every page, write the bundle, stop the service.

        The service sends the files and this process writes them: its own
        ``WriteFiles`` answers before the files are complete on disk."""
        try:
            for message_id in self._pages:
                self._wait(message_id)
            files = self._wait(self._send({"type": "GetFiles", "index_id": self._index}))["files"]
        finally:
            self.close()
        folders: set[str] = set()
        for file in files:
            target = os.path.join(self.output, file["path"])
            folder = os.path.dirname(target)
            if folder not in folders:
                os.makedirs(folder, exist_ok=True)
                folders.add(folder)
            content = base64.b64decode(file["content"])
            if file["path"] == "pagefind-entry.json":  # languages in no fixed order: sort
                content = json.dumps(json.loads(content), sort_keys=True).encode("utf-8")
            with open(target, "wb") as out:
                out.write(content)
        return self.output

    def close(self) -> None:
        """Stop the service (nothing more is written)."""
        if self._process.stdin and not self._process.stdin.closed:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._log.close()

    def _send(self, payload: dict) -> int:
        self._last_id += 1
        message = json.dumps({"message_id": self._last_id, "payload": payload})
        try:
            self._process.stdin.write(base64.b64encode(message.encode("utf-8")) + b",")
            self._process.stdin.flush()
        except BrokenPipeError:
            raise SearchIndexError(f"Pagefind stopped: {self._errors()}") from None
        return self._last_id

    def _read_answers(self) -> None:
        parts: list[bytes] = []  # of the message being received (joined once, at its comma)
        while chunk := self._process.stdout.read1(1 << 16):
            *ends, rest = chunk.split(b",")
            for end in ends:
                self._receive(b"".join([*parts, end]).strip())
                parts = []
            parts.append(rest)
        with self._arrived:
            self._stopped = True
            self._arrived.notify_all()

    def _receive(self, message: bytes) -> None:
        try:
            answer = json.loads(base64.b64decode(message, validate=True))
            message_id, payload = _message_id(answer), answer["payload"]
        except (ValueError, KeyError, TypeError, binascii.Error):
            return  # not an answer (the service may print other things on exit)
        with self._arrived:
            self._answers[message_id] = payload
            self._arrived.notify_all()

    def _wait(self, message_id: int) -> dict:
        with self._arrived:
            self._arrived.wait_for(lambda: message_id in self._answers or self._stopped)
            payload = self._answers.get(message_id)
        if payload is None:
            raise SearchIndexError(f"Pagefind stopped: {self._errors()}")
        if payload.get("type") == "Error":
            raise SearchIndexError(f"Pagefind: {payload.get('message')}")
        return payload

    def _errors(self) -> str:
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace").strip() or "no message"


def _message_id(answer: dict) -> int:
    """The request an answer is for (an unreadable request is echoed back instead)."""
    if answer.get("message_id") is not None:
        return answer["message_id"]
    original = answer.get("payload", {}).get("original_message")
    return json.loads(original).get("message_id", -1) if original else -1
