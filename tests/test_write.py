from generator.write import sync_folder


def test_sync_writes_only_what_changed_and_prunes_only_its_folder(tmp_path):
    folder = tmp_path / "docs" / "package"
    outside = tmp_path / "docs" / "about.fr.md"
    outside.parent.mkdir(parents=True)
    outside.write_text("hand-written")
    files = {"a.fr.md": "A", "sub/b.fr.md": "B"}

    first = sync_folder(folder, files)
    assert first.written == ["a.fr.md", "sub/b.fr.md"] and first.unchanged == 0
    mtime = (folder / "a.fr.md").stat().st_mtime_ns

    second = sync_folder(folder, files)
    assert second.written == [] and second.unchanged == 2
    assert (folder / "a.fr.md").stat().st_mtime_ns == mtime

    (folder / "stale.fr.md").write_text("old")
    third = sync_folder(folder, {"a.fr.md": "A2"})
    assert third.written == ["a.fr.md"]
    assert sorted(third.removed) == ["stale.fr.md", "sub/b.fr.md"]
    assert not (folder / "sub").exists()
    assert outside.read_text() == "hand-written"
