"""Write generated pages into their own folder: only what changed, prune the rest."""

from __future__ import annotations

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
    for relative, text in sorted(files.items()):
        target = folder / relative
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            report.unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        report.written.append(relative)
    keep = {folder / relative for relative in files}
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file() and path not in keep:
            path.unlink()
            report.removed.append(path.relative_to(folder).as_posix())
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return report
