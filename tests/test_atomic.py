"""A failed or interrupted build leaves site/ byte for byte as it was, and
nothing the generator did not write is ever deleted."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from conftest import MINI
from sitebuild import ENV, make_project, mkdocs, shared_build, snapshot


@pytest.fixture
def project(tmp_path, tmp_path_factory):
    """A project whose site/ holds the last good build."""
    project = make_project(tmp_path / "p", MINI)
    shutil.copytree(shared_build(tmp_path_factory, "mini", MINI), project / "site", symlinks=True)
    return project


def fails_unchanged(project, message, env=None):
    before = snapshot(project / "site")
    result = mkdocs(project, "build", "--strict", env=env)
    assert result.returncode != 0
    assert message in result.stderr, result.stderr[-3000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert snapshot(project / "site") == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".")) == []  # no leftovers


def replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_data_error(project):
    replace_in(project / "data" / "events.yaml", '"2019"', '"2019-13"')
    fails_unchanged(project, "invalid date '2019-13'")


def test_a_warning_in_strict_mode_after_every_page_is_written(project):
    with open(project / "docs" / "about.fr.md", "a", encoding="utf-8") as page:
        page.write("\n[lien](edit.md#nulle-part)\n")  # an anchor: only MkDocs checks it
    fails_unchanged(project, "warning(s) in strict mode: the site was not replaced")


def test_a_failure_of_the_search_index(project):
    replace_in(
        project / "generator" / "search.py",
        'return [sys.executable, "-m", "pagefind",',
        'return [sys.executable, "-c", "import sys; sys.exit(\'index broken (simulated)\')",',
    )
    fails_unchanged(project, "index broken (simulated)")


def test_a_failure_of_the_offline_edition(project):
    replace_in(
        project / "generator" / "offline.py",
        "    target.parent.mkdir(parents=True, exist_ok=True)\n",
        "    raise OSError('disk full (simulated)')\n",
    )
    fails_unchanged(project, "the offline edition failed: disk full (simulated)")


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
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
    building = project / ".site.building"
    deadline = time.monotonic() + 60
    while not list(building.glob("package/*/index.html")) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert list(building.glob("package/*/index.html")), "the build never started writing pages"
    process.send_signal(stop)
    process.communicate(timeout=60)
    assert process.returncode != 0
    assert snapshot(project / "site") == before and not building.exists()


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
