"""Data errors: each names the file, line, column and key path, cause first."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# The stages of a check, in the order their errors are printed: an error of an
# earlier stage is a likely cause of the later ones.
READING = 0  # the file itself: missing, unreadable, not YAML, too large, too deep
# the Council's text: a changed word is the cause of what other checks say of it
FIDELITY = 1  # the source-language texts against the source text (``fidelity``)
FIELDS = 2  # one field: its shape, type or value
DOCUMENT = 3  # across fields and files: references, footnotes, acronyms, actor terms


class EditionError(Exception):
    """The base of every error the generator raises for a maintainer to read
    (its message says what is wrong and what to do; never a traceback)."""


@dataclass(frozen=True)
class DataError:
    file: str
    line: int
    column: int
    path: str
    message: str
    hint: str = ""
    stage: int = FIELDS

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        text = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text

    def sort_key(self) -> tuple:
        return (self.stage, self.file, self.line, self.column, self.path, self.message, self.hint)


class DataErrors(EditionError):
    """Raised with every error found, causes first (by stage, then by place).

    When a file cannot be read or parsed, the checks stop there: what they
    would say about the rest would mostly follow from it."""

    def __init__(self, errors: list[DataError]):
        self.errors = sorted(set(errors), key=DataError.sort_key)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.errors)
        lines = [str(e) for e in self.errors]
        summary = f"{count} data error{'s' if count != 1 else ''} found"
        if self.errors and self.errors[0].stage == READING:
            summary += " (the other checks run once every file can be read)"
        lines.append(summary)
        return "\n".join(lines)


def shown(path: Path) -> str:
    """A path as messages name it: from the working folder when it is inside."""
    path = Path(path).absolute()
    return path.relative_to(Path.cwd()).as_posix() if path.is_relative_to(Path.cwd()) else str(path)
