"""Run MkDocs with a fault of the system injected (the tests' fault seam for
real builds: nothing of the source is edited).

``python faults.py FAULT MKDOCS-ARGUMENTS…``, FAULT one of ``FAULTS``.
"""

from __future__ import annotations

import errno
import logging
import os
import sys
import time
from pathlib import Path

from mkdocs import utils
from mkdocs.__main__ import cli
from mkdocs.structure.pages import Page


def disk_full_after_pages(count: int) -> None:
    """The pages MkDocs writes after the first ``count`` fail: no space left."""
    write = utils.write_file
    written = []

    def failing(content: bytes, output_path: str) -> None:
        if len(written) >= count:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), output_path)
        written.append(output_path)
        write(content, output_path)

    utils.write_file = failing  # MkDocs calls utils.write_file for every page


def pause_after_first_generated_page() -> None:
    """Once MkDocs has read its first generated page (``package/…``), the
    build says so (the file ``paused`` in ``$EDITION_FAULT_DIR``) and waits for
    the file ``resume`` there (30 s at most): meanwhile another process may
    write the generated folder."""
    signals = Path(os.environ["EDITION_FAULT_DIR"])
    read = Page.read_source

    def pausing(page: Page, config) -> None:
        read(page, config)
        if page.file.src_uri.startswith("package/") and not (signals / "paused").exists():
            (signals / "paused").write_text(page.file.src_uri)
            deadline = time.monotonic() + 30
            while not (signals / "resume").exists() and time.monotonic() < deadline:
                time.sleep(0.02)

    Page.read_source = pausing  # type: ignore[method-assign]


def warning_after_pages() -> None:
    """A warning once every page is written (when MkDocs checks their anchors)."""
    validate = Page.validate_anchor_links

    def warning(page: Page, **kwargs) -> None:
        if page.file.src_uri == "edit.fr.md":  # the first language (another aborts at once)
            logging.getLogger("mkdocs.fault").warning("a warning, after every page is written")
        validate(page, **kwargs)

    Page.validate_anchor_links = warning  # type: ignore[method-assign]


FAULTS = {
    "disk-full-pages": lambda: disk_full_after_pages(5),
    "warning-after-pages": warning_after_pages,
    "pause-reading": pause_after_first_generated_page,
}

if __name__ == "__main__":
    FAULTS[sys.argv[1]]()
    sys.argv = ["mkdocs", *sys.argv[2:]]
    cli()
