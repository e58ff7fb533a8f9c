"""The folders the generator owns: the generated pages (``docs/package``) and
the built site (``site``).

Each keeps a manifest of the files the generator wrote into it
(``MANIFEST``). Only those are ever replaced or removed: a file the manifest
does not list (a hand-written page saved there, a file copied in) stops the
work with a ``FolderError`` naming it, and a folder that is a symbolic link is
refused (what it points to is not the generator's). How a built site takes
the place of the last one: ``publish.Staging``.

The generated folder also holds its lock (``LOCK``, a ``publish.Lock``): a
build or a preview holds it from writing the pages until MkDocs has read them
all, so that neither reads pages the other is writing, nor a mix of two
generations.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Set
from dataclasses import dataclass, field
from pathlib import Path

from .errors import EditionError

MANIFEST = ".generated"  # hidden: MkDocs leaves dot files out of the site
# the generated folder's lock, inside it (beside it, in docs/, a preview would
# see each of its writes as an edit, and build again)
LOCK = ".generating.lock"


class FolderError(EditionError):
    """The generated folder holds what the generator did not write, or is a link."""


@dataclass
class SyncReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


def all_files(root: Path) -> set[str]:
    """Every file and link under ``root``, as relative POSIX paths (links not followed)."""
    found = set()
    for folder, subfolders, names in os.walk(root):
        relative = Path(folder).relative_to(root)
        for name in names + [d for d in subfolders if (Path(folder) / d).is_symlink()]:
            found.add((relative / name).as_posix())
    return found


def _manifest(root: Path) -> set[str]:
    """The files the manifest lists; a line that is not a path inside ``root``
    (an edited manifest) is a ``FolderError``, never a file to remove."""
    try:
        names = set((root / MANIFEST).read_text(encoding="utf-8").split("\n")) - {""}
    except FileNotFoundError:
        return set()
    for name in sorted(names):
        parts = name.split("/")
        if name.startswith("/") or "\\" in name or {"", ".", ".."} & set(parts):
            raise FolderError(
                f"{root / MANIFEST} lists {name!r}, which is not a file inside {root}: "
                f"the manifest was edited; remove that line (the generator writes it itself)"
            )
    return names


def write_manifest(root: Path, names: Iterable[str]) -> None:
    """Written only when it changes (a preview server watching the folder
    would otherwise rebuild the site again and again)."""
    text = "".join(f"{n}\n" for n in sorted(names))
    path = root / MANIFEST
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def lock_path(root: Path) -> Path:
    """The lock file of the generated folder ``root``, which is made if it is
    missing (a ``FolderError`` if ``root`` is a link or no folder)."""
    _own(root)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        message = f"cannot make the generated folder: {exc.filename or root}: {reason}"
        raise FolderError(message) from None
    return root / LOCK


def _own(root: Path) -> None:
    """Raise ``FolderError`` if ``root`` is a link or there but no folder."""
    if root.is_symlink():
        raise FolderError(
            f"{root} is a symbolic link: the generator writes only into a folder of its own "
            f"(it points to {os.readlink(root)}; replace the link with a folder, or remove it)"
        )
    if root.exists() and not root.is_dir():
        raise FolderError(
            f"{root} is not a folder: move it away, the generator writes its output there"
        )


def check(root: Path, expected: Set[str] = frozenset()) -> None:
    """Raise ``FolderError`` unless everything in ``root`` is the generator's:
    listed in its manifest, or in ``expected`` (the files about to be written)."""
    _own(root)
    if not root.exists():
        return
    in_the_way = sorted(n for n in expected if (root / n).is_dir() or (root / n).is_symlink())
    if in_the_way:
        raise FolderError(
            f"{root / in_the_way[0]} is a folder or a link where the generator writes a "
            f"file: move it elsewhere, then build again"
        )
    foreign = sorted(all_files(root) - _manifest(root) - set(expected) - {MANIFEST, LOCK})
    if foreign:
        listed = "\n  ".join(foreign[:10]) + ("\n  …" if len(foreign) > 10 else "")
        raise FolderError(
            f"{root} holds files the generator did not write, and it would replace them:\n  "
            f"{listed}\nmove them elsewhere (hand-written pages belong in docs/), then build again"
        )


def sync(root: Path, files: dict[str, str]) -> SyncReport:
    """Make ``root`` hold exactly ``files`` ({relative path: text}), writing
    only the files whose content changed (watchers and timestamps see only real
    changes) and removing those of the last run that are gone."""
    check(root, set(files))
    report = SyncReport()
    for relative, text in sorted(files.items()):
        target = root / relative
        data = text.encode("utf-8")
        try:
            if target.read_bytes() == data:
                report.unchanged += 1
                continue
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        report.written.append(relative)
    for relative in sorted(_manifest(root) - set(files)):
        (root / relative).unlink(missing_ok=True)
        report.removed.append(relative)
        for parent in (root / relative).parents:
            if parent == root or any(parent.iterdir()):
                break
            parent.rmdir()
    write_manifest(root, files)
    return report
