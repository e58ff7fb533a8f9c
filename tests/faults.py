"""Run MkDocs with a fault of the system injected (the tests' fault seam for
real builds: nothing of the source is edited).

``python faults.py FAULT MKDOCS-ARGUMENTS…``, FAULT one of ``FAULTS``.
"""

from __future__ import annotations

import errno
import os
import sys

from mkdocs import utils
from mkdocs.__main__ import cli


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


FAULTS = {"disk-full-pages": lambda: disk_full_after_pages(5)}

if __name__ == "__main__":
    FAULTS[sys.argv[1]]()
    sys.argv = ["mkdocs", *sys.argv[2:]]
    cli()
