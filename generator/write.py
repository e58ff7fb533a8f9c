"""Write generated pages into their own folder: only what changed, prune the rest."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class SyncReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)

    def add(self, other: SyncReport) -> None:
        """Count in what another writer did in the same folder."""
        self.written = sorted(self.written + other.written)
        self.unchanged += other.unchanged
        self.removed = sorted(self.removed + other.removed)


def sync_folder(folder: Path, files: dict[str, str]) -> SyncReport:
    """Make ``folder`` hold exactly ``files`` ({relative path: text}).

    A file is rewritten only when its content differs, so watchers and
    timestamps see only real changes. Nothing outside ``folder`` is touched.
    """
    report = write_files(folder, files)
    report.removed = prune(folder, set(files))
    return report


def write_files(folder: Path, files: dict[str, str]) -> SyncReport:
    """Write the ``files`` whose content differs from the file on disk (and only
    those); other files in ``folder`` are left alone."""
    report = SyncReport()
    made: set[str] = set()
    for relative, text in sorted(files.items()):
        target = os.path.join(folder, relative)
        data = text.encode("utf-8")
        if _same(target, data):
            report.unchanged += 1
            continue
        parent = relative.rpartition("/")[0]
        if parent not in made:
            os.makedirs(os.path.join(folder, parent), exist_ok=True)
            made.add(parent)
        with open(target, "wb") as out:
            out.write(data)
        report.written.append(relative)
    return report


def prune(folder: Path, keep: set[str]) -> list[str]:
    """Remove the files of ``folder`` not in ``keep`` (relative paths), then the
    empty sub-folders; return the removed files."""
    existing, folders = _inventory(str(folder))
    removed = sorted(existing - keep)
    for relative in removed:
        os.unlink(os.path.join(folder, relative))
    for relative in sorted(folders, reverse=True):  # deepest first
        path = os.path.join(folder, relative)
        if not os.listdir(path):
            os.rmdir(path)
    return removed


def _same(path: str, data: bytes) -> bool:
    try:
        if os.stat(path).st_size != len(data):
            return False
        with open(path, "rb") as source:
            return source.read() == data
    except FileNotFoundError:
        return False


def _inventory(root: str) -> tuple[set[str], set[str]]:
    """Files and sub-folders under ``root``, as relative paths."""
    files: set[str] = set()
    folders: set[str] = set()
    pending = [""]
    while pending:
        relative = pending.pop()
        try:
            entries = list(os.scandir(os.path.join(root, relative)))
        except FileNotFoundError:
            continue
        for entry in entries:
            path = f"{relative}/{entry.name}" if relative else entry.name
            if entry.is_dir(follow_symlinks=False):
                folders.add(path)
                pending.append(path)
            else:
                files.add(path)
    return files, folders
