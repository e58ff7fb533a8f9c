"""The generator's folders: written only where changed, and never a file it did not write."""

from __future__ import annotations

import os

import pytest

from generator.folder import MANIFEST, FolderError, check, sync


def test_sync_writes_only_what_changed_and_removes_only_its_own_files(tmp_path):
    folder = tmp_path / "docs" / "package"
    outside = tmp_path / "docs" / "about.fr.md"
    outside.parent.mkdir(parents=True)
    outside.write_text("hand-written")
    files = {"a.fr.md": "A", "sub/b.fr.md": "B"}

    first = sync(folder, files)
    assert first.written == ["a.fr.md", "sub/b.fr.md"] and first.unchanged == 0
    mtime = (folder / "a.fr.md").stat().st_mtime_ns

    second = sync(folder, files)
    assert second.written == [] and second.unchanged == 2
    assert (folder / "a.fr.md").stat().st_mtime_ns == mtime

    third = sync(folder, {"a.fr.md": "A2"})
    assert third.written == ["a.fr.md"] and third.removed == ["sub/b.fr.md"]
    assert not (folder / "sub").exists()
    assert outside.read_text() == "hand-written"
    assert (folder / MANIFEST).read_text() == "a.fr.md\n"


def test_a_file_the_generator_did_not_write_stops_it_and_is_kept(tmp_path):
    folder = tmp_path / "package"
    sync(folder, {"a.fr.md": "A"})
    (folder / "notes.fr.md").write_text("mine")
    with pytest.raises(FolderError, match="notes.fr.md"):
        sync(folder, {"b.fr.md": "B"})
    assert (folder / "notes.fr.md").read_text() == "mine" and (folder / "a.fr.md").exists()


def test_a_generated_folder_that_is_a_link_is_refused_and_its_target_kept(tmp_path):
    target = tmp_path / "elsewhere"
    target.mkdir()
    (target / "precious.txt").write_text("keep me")
    os.symlink(target, tmp_path / "package")
    with pytest.raises(FolderError, match="symbolic link"):
        sync(tmp_path / "package", {"a.fr.md": "A"})
    assert sorted(p.name for p in target.iterdir()) == ["precious.txt"]


@pytest.mark.parametrize("line", ["../../README.md", "/tmp/victim.txt", "a/../../x", "./a"])
def test_an_edited_manifest_never_removes_a_file_outside_the_folder(tmp_path, line):
    folder = tmp_path / "docs" / "package"
    sync(folder, {"a.fr.md": "A"})
    victim = tmp_path / "README.md"
    victim.write_text("keep me")
    with open(folder / MANIFEST, "a", encoding="utf-8") as manifest:
        manifest.write(line + "\n")
    with pytest.raises(FolderError, match="the manifest was edited"):
        sync(folder, {"b.fr.md": "B"})
    assert victim.read_text() == "keep me" and (folder / "a.fr.md").exists()


@pytest.mark.parametrize("thing", ["folder", "link"])
def test_a_folder_or_link_where_a_page_goes_stops_the_writing(tmp_path, thing):
    folder = tmp_path / "package"
    sync(folder, {"a.fr.md": "A", "b.fr.md": "B"})
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    (folder / "a.fr.md").unlink()
    if thing == "folder":
        (folder / "a.fr.md").mkdir()
    else:
        os.symlink(outside, folder / "a.fr.md")
    with pytest.raises(FolderError, match="a.fr.md is a folder or a link"):
        sync(folder, {"a.fr.md": "A2", "b.fr.md": "B"})
    assert outside.read_text() == "keep me" and (folder / "b.fr.md").read_text() == "B"


def test_a_link_inside_the_folder_is_foreign(tmp_path):
    folder = tmp_path / "package"
    sync(folder, {"a.fr.md": "A"})
    os.symlink(tmp_path, folder / "loop")
    with pytest.raises(FolderError, match="loop"):
        check(folder)
