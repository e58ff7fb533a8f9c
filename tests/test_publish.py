"""Publishing without MkDocs: the steps after the build, with a fake indexer
and zipper (the fault seam), one build at a time, and a swap that never
leaves the site half replaced nor a folder in the next build's way."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

from generator import opendata, publish, search
from generator.folder import MANIFEST
from generator.publish import Lock, PublishError, Staging

PAGE = """<html lang="{lang}"><head><title>{title}</title></head><body>
<nav>Navigation</nav><div data-pagefind-body><h1>{title}</h1><p>{text}</p></div></body></html>"""
NOT_FOUND = {"": "<html lang='fr'>introuvable</html>", "en/": "<html lang='en'>not found</html>"}


def built_site(root: Path) -> Path:
    """What MkDocs leaves for ``finish``: pages of two languages, the open data at the root."""
    site = root / "built"
    pages = {
        "package/m/index.html": PAGE.format(lang="fr", title="Mesure", text="États membres"),
        "package/n/index.html": PAGE.format(lang="fr", title="Acteur", text="Frontex"),
        "en/package/m/index.html": PAGE.format(lang="en", title="Measure", text="Member States"),
        "en/package/n/index.html": PAGE.format(lang="en", title="Actor", text="Frontex"),
        "search/index.html": "<html lang='fr'><body><p>no indexed body</p></body></html>",
        f"{opendata.FOLDER}/15250-18-fr.json": "{}",
    }
    for path, text in pages.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text, encoding="utf-8")
    return site


def python(code: str):
    """A fake indexer: a Python program, given the site as its argument."""
    return lambda site: [sys.executable, "-c", code, str(site)]


def no_zip(site: Path, target: Path) -> Path:
    target.write_bytes(b"zip")
    return target


def test_finish_writes_each_language_s_files_and_a_whole_index(tmp_path):
    site = built_site(tmp_path)
    publish.finish(site, NOT_FOUND)
    for folder, html in NOT_FOUND.items():
        assert (site / folder / "404.html").read_text(encoding="utf-8") == html
        assert (site / folder / opendata.FOLDER / "15250-18-fr.json").is_file()
    # the zip holds every language: published once, in the default language's folder
    zips = sorted(p.relative_to(site).as_posix() for p in site.rglob(opendata.OFFLINE_NAME))
    assert zips == [f"{opendata.FOLDER}/{opendata.OFFLINE_NAME}"]
    with zipfile.ZipFile(site / zips[0]) as archive:
        assert "15250-18/en/package/m/index.html" in archive.namelist()
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert {lang: entry["languages"][lang]["page_count"] for lang in ("fr", "en")} == {
        "fr": 2,
        "en": 2,
    }
    assert not (site / f".{opendata.OFFLINE_NAME}").exists()


PARTIAL_INDEX = """
import json, pathlib, sys
index = pathlib.Path(sys.argv[1]) / "pagefind"
(index / "fragment").mkdir(parents=True)
(index / "pagefind.en_1.pf_meta").write_text("")
entry = {"languages": {"en": {"hash": "en_1", "page_count": 2, "wasm": "en"}}}
(index / "pagefind-entry.json").write_text(json.dumps(entry))
"""


@pytest.mark.parametrize(
    "code, message",
    [
        ("import sys; sys.exit('index broken (simulated)')", "index broken (simulated)"),
        ("pass", "the search index is missing"),  # exit 0 without an index
        (PARTIAL_INDEX, "the search index is incomplete: 2 'fr' pages to find, no index"),
        # Pagefind's wrapper when its binary is missing: a traceback, of which one line is said
        ("raise FileNotFoundError('Could not find pagefind binary')", "Could not find pagefind"),
    ],
    ids=["fails", "no-index", "partial-index", "no-binary"],
)
def test_an_indexer_that_fails_or_leaves_no_whole_index_fails_in_one_line(tmp_path, code, message):
    with pytest.raises(PublishError) as raised:
        publish.finish(built_site(tmp_path), NOT_FOUND, indexer=python(code), zipper=no_zip)
    assert message in str(raised.value)
    assert "\n" not in str(raised.value) and "Traceback" not in str(raised.value)


def test_an_index_another_process_cut_short_is_refused(tmp_path):
    site = built_site(tmp_path)
    publish.finish(site, NOT_FOUND)
    for fragment in sorted((site / "pagefind" / "fragment").iterdir())[:1]:
        fragment.unlink()  # what a second build did to the first one's index
    with pytest.raises(search.SearchIndexError, match="incomplete: 4 pages to find, 3"):
        search.check_index(site)


@pytest.mark.parametrize(
    "indexer, message",
    [
        (lambda site: ["/nonexistent/pagefind", str(site)], "/nonexistent/pagefind: No such file"),
        (
            lambda site: [sys.executable, "-m", "no_such_pagefind"],
            "No module named no_such_pagefind",
        ),
    ],
    ids=["not-executable", "not-installed"],
)
def test_a_missing_indexer_is_one_line(tmp_path, indexer, message):
    with pytest.raises(PublishError, match=message) as raised:
        publish.finish(built_site(tmp_path), NOT_FOUND, indexer=indexer, zipper=no_zip)
    assert "\n" not in str(raised.value)


def test_a_hung_indexer_is_stopped_and_the_build_fails(tmp_path):
    pid_file = tmp_path / "pid"
    hang = f"import os, time; open({str(pid_file)!r}, 'w').write(str(os.getpid())); time.sleep(60)"
    start = time.monotonic()
    with pytest.raises(PublishError, match="not done in 1.5 s"):
        publish.finish(
            built_site(tmp_path), NOT_FOUND, indexer=python(hang), zipper=no_zip, timeout=1.5
        )
    assert time.monotonic() - start < 15
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid_file.read_text()), 0)  # killed, and reaped


def disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # as a write() says it: no path


def test_disk_full_during_the_zip_names_the_zip_and_stops_the_indexer(tmp_path):
    site = built_site(tmp_path)
    start = time.monotonic()
    with pytest.raises(PublishError) as raised:
        hang = python("import time; time.sleep(60)")
        publish.finish(site, NOT_FOUND, indexer=hang, zipper=disk_full)
    assert str(raised.value) == (
        f"the offline edition failed: {site / ('.' + opendata.OFFLINE_NAME)}: "
        "No space left on device"
    )
    assert time.monotonic() - start < 15  # the indexer did not keep the build waiting


def test_a_failure_moving_the_zip_or_writing_a_page_names_the_file(tmp_path, monkeypatch):
    site = built_site(tmp_path)
    monkeypatch.setattr(Path, "replace", disk_full)
    with pytest.raises(PublishError, match=f"{site / opendata.FOLDER}.*No space left on device"):
        publish.make_offline(site, no_zip)
    monkeypatch.setattr(Path, "write_text", disk_full)
    with pytest.raises(PublishError, match=f"{site / '404.html'}: No space left on device"):
        publish.write_language_files(site, NOT_FOUND)


# -- one build at a time ----------------------------------------------------


def test_a_second_build_waits_then_says_which_build_holds_the_site(tmp_path):
    first = Lock(tmp_path / "site")
    first.acquire()
    said = []
    start = time.monotonic()
    with pytest.raises(PublishError) as raised:
        Lock(tmp_path / "site").acquire(wait=0.5, say=said.append)
    assert time.monotonic() - start >= 0.5
    assert f"is being built by the build of pid {os.getpid()}, started 20" in str(raised.value)
    assert said and "waiting for the build of pid" in said[0]
    releasing = threading.Timer(0.3, first.release)
    releasing.start()
    Lock(tmp_path / "site").acquire(wait=10)  # once the first one ends, the second goes on
    releasing.join()


def test_a_killed_build_s_lock_is_free(tmp_path):
    code = (
        f"import sys, time; sys.path.insert(0, {str(ROOT)!r}); from generator.publish import Lock;"
        f" Lock(__import__('pathlib').Path({str(tmp_path / 'site')!r})).acquire();"
        f" print('locked', flush=True); time.sleep(60)"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    with pytest.raises(PublishError, match=f"pid {holder.pid}"):
        Lock(tmp_path / "site").acquire(wait=0)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    Lock(tmp_path / "site").acquire(wait=0)


def test_each_build_has_its_own_folder(tmp_path):
    first, second = Staging(tmp_path / "site"), Staging(tmp_path / "site")
    assert first.path != second.path and first.path.name.startswith(
        f".site.building-{os.getpid()}-"
    )


def test_a_site_replaces_the_last_one_only_when_complete(tmp_path):
    site = tmp_path / "site"
    staging = Staging(site)
    (staging.start() / "index.html").write_text("one")
    staging.replace()
    assert (site / "index.html").read_text() == "one" and not staging.path.exists()

    staging = Staging(site)
    (staging.start() / "index.html").write_text("two, half-written")
    staging.abandon()  # a failed build
    assert (site / "index.html").read_text() == "one" and not staging.path.exists()

    staging = Staging(site)
    (staging.start() / "other.html").write_text("three")
    staging.replace()
    assert sorted(p.name for p in site.iterdir()) == [MANIFEST, "other.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def leftover(path: Path, ours: bool = True) -> Path:
    (path / "en").mkdir(parents=True)
    (path / "en" / "index.html").write_text("left")
    if ours:
        (path / MANIFEST).write_text("en/index.html\n")
    return path


def test_what_killed_builds_left_is_cleared_and_never_in_the_way(tmp_path):
    site = tmp_path / "site"
    Staging(site).start()  # killed: its folder stays
    leftover(tmp_path / ".site.building")  # the name before each build had its own
    half_removed = leftover(tmp_path / ".site.old-1-aa")  # the old site's removal failed
    foreign = leftover(tmp_path / ".site.old", ours=False)  # no manifest: not ours to remove
    said = []
    staging = Staging(site, say=said.append)
    (staging.start() / "index.html").write_text("built")
    staging.replace()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.old", "site"]
    assert (foreign / "en" / "index.html").exists() and "not a build's folder" in said[0]
    assert not half_removed.exists()


def test_a_build_killed_while_replacing_gets_the_last_site_back(tmp_path):
    site = tmp_path / "site"
    staging = Staging(site)
    (staging.start() / "index.html").write_text("one")
    staging.replace()
    killed = Staging(site)
    (killed.start() / "index.html").write_text("two")
    site.rename(killed.old)  # the first of the swap's two renames, then killed
    (Staging(site).start() / "index.html").write_text("three")
    assert (site / "index.html").read_text() == "one"


def test_an_undeletable_old_site_stays_out_of_the_way(tmp_path, monkeypatch):
    site = tmp_path / "site"
    staging = Staging(site)
    (staging.start() / "en").mkdir()
    (staging.path / "en" / "index.html").write_text("one")
    staging.replace()

    def undeletable(path, *args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path / "index.html"))

    monkeypatch.setattr(publish.shutil, "rmtree", undeletable)
    said = []
    for text in ("two", "three"):  # the next build goes on, the leftover in no one's way
        staging = Staging(site, say=said.append)
        (staging.start() / "index.html").write_text(text)
        staging.replace()
        assert (site / "index.html").read_text() == text
    assert len(said) == 2 and "could not remove" in said[0] and "Permission denied" in said[0]
    monkeypatch.undo()
    Staging(site).start()  # removed once it can be
    assert list(tmp_path.glob(".site.old*")) == []


@pytest.mark.parametrize("code", [errno.EBUSY, errno.EXDEV, errno.EACCES, errno.EROFS])
@pytest.mark.parametrize("step", ["site", "build"])
def test_a_site_that_cannot_be_renamed_is_one_line_and_left_as_it_was(
    tmp_path, monkeypatch, code, step
):
    site = tmp_path / "site"
    staging = Staging(site)
    (staging.start() / "index.html").write_text("one")
    staging.replace()
    staging = Staging(site)
    (staging.start() / "index.html").write_text("two")
    failing = site if step == "site" else staging.path  # a mount point; a build folder elsewhere
    rename = Path.rename

    def refused(self, target):
        if self == failing:
            raise OSError(code, os.strerror(code), str(self))
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", refused)
    with pytest.raises(PublishError) as raised:
        staging.replace()
    message = str(raised.value)
    assert message.startswith(f"{site} could not be replaced: renaming {failing}")
    assert os.strerror(code) in message and "\n" not in message
    assert (site / "index.html").read_text() == "one"
    staging.abandon()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_lock_and_the_build_folder_beside_a_read_only_folder_are_one_line(
    tmp_path, monkeypatch
):
    def refused(path, *args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    monkeypatch.setattr(publish.os, "open", refused)
    with pytest.raises(PublishError, match=f"lock: {tmp_path / '.site.lock'}: Permission denied"):
        Lock(tmp_path / "site").acquire()
    monkeypatch.setattr(Path, "mkdir", refused)
    with pytest.raises(PublishError, match=r"folder: .*\.site\.building-.*: Permission denied"):
        Staging(tmp_path / "site").start()


def test_a_time_limit_from_the_environment(monkeypatch):
    monkeypatch.setenv("EDITION_INDEX_TIMEOUT", " 2.5 ")
    assert publish.seconds("EDITION_INDEX_TIMEOUT", 120) == 2.5
    monkeypatch.setenv("EDITION_INDEX_TIMEOUT", "soon")
    with pytest.raises(PublishError, match="EDITION_INDEX_TIMEOUT='soon': write a number"):
        publish.seconds("EDITION_INDEX_TIMEOUT", 120)
    monkeypatch.delenv("EDITION_INDEX_TIMEOUT")
    assert publish.seconds("EDITION_INDEX_TIMEOUT", 120) == 120
