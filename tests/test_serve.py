"""`mkdocs serve` regenerates pages after a YAML edit and survives a broken one."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import MINI
from sitebuild import make_project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float = 90, absent: str = "") -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if text in page and not (absent and absent in page):
            return page
        time.sleep(0.5)
    raise AssertionError(f"{text!r} never appeared at {url}")


@pytest.fixture
def served(tmp_path):
    project = make_project(tmp_path / "p", MINI)
    port = free_port()
    log_path = tmp_path / "serve.log"
    # the child writes the log; the test reads it back by path (no shared offset)
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            yield project, f"http://127.0.0.1:{port}/", log_path
        finally:
            process.terminate()
            process.wait(timeout=20)


def test_serve_rebuilds_after_a_yaml_edit_and_keeps_the_last_good_site(served):
    project, base, log = served
    url = base + "en/package/measure-2/"
    wait_for(url, "Act fast")
    measures = project / "data" / "measures.yaml"
    good = measures.read_text(encoding="utf-8")

    measures.write_text(good.replace("Act fast", "Act very fast"), encoding="utf-8")
    wait_for(url, "Act very fast")

    measures.write_text(good.replace('id: "2.1"', 'id: "2.9"'), encoding="utf-8")
    deadline = time.monotonic() + 60
    while "action id '2.9'" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.5)
    output = log.read_text()
    assert "measures.yaml:" in output and "action id '2.9'" in output
    assert "Act very fast" in fetch(url), "the last good site is still served"

    measures.write_text(good, encoding="utf-8")
    wait_for(url, "Act fast", absent="Act very fast")
