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


def sync_folder(folder: Path, files: dict[str, str]) -> SyncReport:
    """Make ``folder`` hold exactly ``files`` ({relative path: text}).

    A file is rewritten only when its content differs, so watchers and
    timestamps see only real changes. Nothing outside ``folder`` is touched.
    """
    report = SyncReport()
    folder.mkdir(parents=True, exist_ok=True)
    existing, folders = _inventory(str(folder))
    made = {""} | folders
    for relative, text in sorted(files.items()):
        target = os.path.join(folder, relative)
        data = text.encode("utf-8")
        if existing.get(relative) == len(data) and _read(target) == data:
            report.unchanged += 1
            continue
        parent = relative.rpartition("/")[0]
        if parent not in made:
            os.makedirs(os.path.join(folder, parent), exist_ok=True)
            made.add(parent)
        with open(target, "wb") as out:
            out.write(data)
        report.written.append(relative)
    for relative in sorted(existing.keys() - files.keys(), reverse=True):
        os.unlink(os.path.join(folder, relative))
        report.removed.append(relative)
    for relative in sorted(folders, reverse=True):  # deepest first
        path = os.path.join(folder, relative)
        if not os.listdir(path):
            os.rmdir(path)
    return report


def _inventory(root: str) -> tuple[dict[str, int], set[str]]:
    """Files (relative path -> size) and sub-folders under ``root``."""
    files: dict[str, int] = {}
    folders: set[str] = set()
    pending = [""]
    while pending:
        relative = pending.pop()
        with os.scandir(os.path.join(root, relative)) as entries:
            for entry in entries:
                path = f"{relative}/{entry.name}" if relative else entry.name
                if entry.is_dir(follow_symlinks=False):
                    folders.add(path)
                    pending.append(path)
                else:
                    files[path] = entry.stat(follow_symlinks=False).st_size
    return files, folders


def _read(path: str) -> bytes:
    with open(path, "rb") as source:
        return source.read()
