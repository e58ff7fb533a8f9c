"""A failed or interrupted build leaves site/ byte for byte as it was, and
nothing the generator did not write is ever deleted."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import MINI
from sitebuild import ENV, make_project, mkdocs, shared_build, snapshot
from test_serve import free_port

from generator import search

FAULTS = Path(__file__).parent / "faults.py"
LOCK = ".site.lock"


@pytest.fixture
def project(tmp_path, tmp_path_factory):
    """A project whose site/ holds the last good build."""
    project = make_project(tmp_path / "p", MINI)
    shutil.copytree(shared_build(tmp_path_factory, "mini", MINI), project / "site", symlinks=True)
    return project


def with_fault(project, fault, *args, env=None):
    """MkDocs run with a fault of tests/faults.py."""
    return subprocess.run(
        [sys.executable, str(FAULTS), fault, *args],
        cwd=project,
        env={**ENV, **(env or {})},
        capture_output=True,
        text=True,
        timeout=600,
    )


def fails_unchanged(project, message, env=None, fault=None):
    before = snapshot(project / "site")
    if fault is None:
        result = mkdocs(project, "build", "--strict", env=env)
    else:
        result = with_fault(project, fault, "build", "--strict", env=env)
    assert result.returncode != 0
    assert message in result.stderr, result.stderr[-3000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert snapshot(project / "site") == before
    assert leftovers(project) == []
    return result


def leftovers(project):
    """What a build left beside site/ (its lock file stays: removing it would race)."""
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".") and p.name != LOCK)


def replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_data_error(project):
    replace_in(project / "data" / "events.yaml", '"2019"', '"2019-13"')
    result = fails_unchanged(project, "invalid date '2019-13'")
    assert "events.yaml:" in result.stderr


def test_a_warning_in_strict_mode_after_every_page_is_written(project):
    message = "warning(s) in strict mode: the site was not replaced"
    fails_unchanged(project, message, fault="warning-after-pages")


# The search index's and the offline zip's failures: tests/test_publish.py (a fake
# indexer and zipper). Here, what only a real build shows.


def test_disk_full_while_mkdocs_writes_the_pages_is_one_line(project):
    before = snapshot(project / "site")
    result = with_fault(project, "disk-full-pages", "build", "--strict")
    assert result.returncode != 0
    assert re.search(r"the build stopped: \S+\.html: No space left on device", result.stderr)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert snapshot(project / "site") == before and leftovers(project) == []


# A Pagefind that hangs, a second build waiting for the lock: tests/test_publish.py
# (the same steps, without MkDocs). Here, the build's own Pagefind replaced by
# one that writes nothing: the adapter stops the build and keeps the last site.
def test_a_pagefind_that_writes_nothing_fails_the_build(project, tmp_path):
    fake = tmp_path / "fake" / "pagefind"  # found first by `python -m pagefind`
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / "__main__.py").write_text("pass")  # exit 0, no index: a site without search
    fails_unchanged(project, "the search index is missing", {"PYTHONPATH": str(fake.parent)})


def test_two_builds_at_once_give_one_whole_site(project):
    """The second waits for the first (the example: tracebacks, a site whose
    index lacks files, or a staging folder in every later build's way)."""
    builds = [
        subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--strict"],
            cwd=project,
            env=ENV,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    errors = [build.communicate(timeout=600)[1] for build in builds]
    assert [build.returncode for build in builds] == [0, 0], errors
    assert not any("Traceback" in e for e in errors)
    search.check_index(project / "site")
    assert leftovers(project) == []


def test_what_a_killed_build_left_is_not_in_the_next_one_s_way(project):
    killed = project / ".site.building-99999-0a0b0c0d"  # a build killed by kill -9
    shutil.copytree(project / "site", killed)
    old = project / ".site.old"  # an old site whose removal failed (before it kept its manifest)
    (old / "en").mkdir(parents=True)
    (old / "en" / "undeletable.html").write_text("left")
    result = mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr[-3000:]
    assert leftovers(project) == [".site.old"] and (old / "en" / "undeletable.html").exists()


# SIGHUP is SIGTERM's handler (tests/test_build.py)
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupt_in_the_middle_of_the_build(project, stop):
    before = snapshot(project / "site")
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=project,
        env=ENV,
        stderr=subprocess.PIPE,
        text=True,
        # a shell without job control starts background commands with SIGINT
        # ignored, and Python keeps it so: give the build Ctrl-C's default
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while not list(project.glob(".site.building-*/package/*/index.html")):
        assert time.monotonic() < deadline, "the build never started writing pages"
        time.sleep(0.02)
    process.send_signal(stop)
    process.communicate(timeout=60)
    assert process.returncode != 0
    assert snapshot(project / "site") == before and leftovers(project) == []


def test_a_foreign_file_in_the_site_stops_the_build_and_is_kept(project):
    (project / "site" / "CNAME").write_text("edition.example.org")
    fails_unchanged(project, "holds files the generator did not write")


def test_a_linked_site_folder_is_refused_and_its_target_untouched(project, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    (project / "site").rename(elsewhere)
    os.symlink(elsewhere, project / "site")
    before = snapshot(elsewhere)
    result = mkdocs(project, "build")
    assert result.returncode != 0 and "symbolic link" in result.stderr
    assert snapshot(elsewhere) == before


@pytest.mark.parametrize("kind", ["file", "link"])
def test_the_generated_pages_folder_is_never_emptied_of_what_is_not_its_own(
    project, tmp_path, kind
):
    generated = project / "docs" / "package"
    if kind == "file":
        mkdocs(project, "build")
        (generated / "draft.fr.md").write_text("hand-written")
        message = "draft.fr.md"
    else:
        (tmp_path / "mine").mkdir()
        (tmp_path / "mine" / "keep.txt").write_text("keep")
        os.symlink(tmp_path / "mine", generated)
        message = "symbolic link"
    fails_unchanged(project, message)
    assert (
        (generated / "draft.fr.md").exists()
        if kind == "file"
        else (tmp_path / "mine" / "keep.txt").exists()
    )


def test_a_build_for_publishing_refuses_the_localhost_address(project):
    fails_unchanged(
        project,
        "this build is for publishing, but site_url is 'http://localhost:8000/'",
        {"EDITION_PUBLISH": "1"},
    )


def _holds(folder: Path, text: str) -> bool:
    return any(text in page.read_text(encoding="utf-8") for page in folder.rglob("*.html"))


def test_a_preview_regenerating_while_a_build_reads_the_pages_waits_for_it(tmp_path):
    """A build reads the generated pages over its whole run: a preview
    regenerating them meanwhile (its data edited) waits until the build has
    read them all, so that the site is one whole generation (the example: the
    pages read after the preview wrote were the edited data's), then
    regenerates."""
    project = make_project(tmp_path / "p", MINI)
    signals = tmp_path / "signals"
    signals.mkdir()
    build = subprocess.Popen(
        [sys.executable, str(FAULTS), "pause-reading", "build", "--strict"],
        cwd=project,
        env={**ENV, "EDITION_FAULT_DIR": str(signals)},
        stderr=subprocess.PIPE,
        text=True,
    )
    log_path = tmp_path / "serve.log"
    with open(log_path, "w") as log:
        try:
            deadline = time.monotonic() + 60
            while not (signals / "paused").exists():  # the build is reading the pages
                assert build.poll() is None and time.monotonic() < deadline, "never paused"
                time.sleep(0.02)
            replace_in(project / "data" / "measures.yaml", '"Act fast"', '"Act at once"')
            preview = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "mkdocs",
                    "serve",
                    "--dirty",
                    "-a",
                    f"127.0.0.1:{free_port()}",
                ],
                cwd=project,
                env=ENV,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            generated = project / "docs" / "package"
            deadline = time.monotonic() + 30
            while not (
                "waiting for" in log_path.read_text()
                or any("Act at once" in p.read_text() for p in generated.glob("*.en.md"))
            ):  # the preview waits for the build, or (without a lock) has regenerated
                assert time.monotonic() < deadline, log_path.read_text()[-3000:]
                time.sleep(0.05)
            (signals / "resume").touch()
            errors = build.communicate(timeout=120)[1]
            assert build.returncode == 0, errors[-3000:]
            site = project / "site"
            assert _holds(site, "Act fast") and not _holds(site, "Act at once")
            deadline = time.monotonic() + 30  # then the preview regenerates the pages
            while not any("Act at once" in p.read_text() for p in generated.glob("*.en.md")):
                assert time.monotonic() < deadline, log_path.read_text()[-3000:]
                time.sleep(0.05)
        finally:
            (signals / "resume").touch()
            build.kill()
            if "preview" in locals():
                preview.terminate()
                preview.wait(timeout=20)
    assert "Traceback" not in log_path.read_text()
