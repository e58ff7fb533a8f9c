"""Read the data folder's YAML files safely, keeping the line and column of every value.

What YAML would silently change or what could exhaust the machine becomes a
``DataError`` with its place: duplicate keys (PyYAML keeps the last one),
anchors and aliases (an alias bomb expands exponentially), nesting deeper than
``MAX_DEPTH``, files over ``MAX_BYTES``, control characters, invalid UTF-8,
tags, and files that are missing, unreadable or not files at all.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import READING, DataError

Path_ = tuple[str | int, ...]

MAX_BYTES = 32 * 1024 * 1024  # the real files are a few hundred KiB
MAX_DEPTH = 32  # the data nests 8 levels deep
FILES = (
    "document",
    "measures",
    "footnotes",
    "glossary",
    "actors",
    "events",
    "editions",
    "interface",
)
README = "README.md"
SOURCE_FOLDER = "source"  # the source text the fidelity check reads

# Invisible characters; and the line breaks YAML counts but editors do not
# (a lone CR, NEL, the Unicode line and paragraph separators): every line
# number after them would be wrong.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029\ufffe\uffff]|\r(?!\n)")
_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it
_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {"tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null")}
_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_READS_AS = {
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true/false",
    "tag:yaml.org,2002:null": "nothing (null)",
    "tag:yaml.org,2002:timestamp": "a date",
}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def format_path(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


@dataclass
class YamlFile:
    """A parsed YAML file: plain data, the position of every path, and for
    each unquoted value that YAML reads as something else than text (a
    number, a date, true/false), the text as written."""

    name: str
    data: Any = None
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    unquoted: dict[Path_, tuple[str, str]] = field(default_factory=dict)  # (written, reads as)
    errors: list[DataError] = field(default_factory=list)

    def position(self, path: Path_) -> tuple[int, int]:
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, (1, 1))

    def error(
        self, path: Path_, message: str, hint: str = "", stage: int | None = None
    ) -> DataError:
        line, column = self.position(path)
        extra = {} if stage is None else {"stage": stage}
        return DataError(self.name, line, column, format_path(path), message, hint, **extra)


@dataclass(frozen=True)
class Source:
    """A data file as read from disk: its text, or the error that kept it from being read."""

    name: str  # as shown in messages
    text: str | None
    problem: DataError | None = None

    def parse(self) -> YamlFile:
        """Parse the text; never raises for bad content, reports in ``errors``."""
        if self.problem is not None or self.text is None:
            return YamlFile(self.name, errors=[self.problem] if self.problem else [])
        return parse_yaml(self.text, self.name)


def read_source(path: Path, name: str | None = None) -> Source:
    """The text of ``path``, or why it cannot be used (named as ``name``)."""
    name = name or str(path)

    def problem(message: str, hint: str, line: int = 1, column: int = 1) -> Source:
        return Source(name, None, DataError(name, line, column, "", message, hint, READING))

    if path.is_symlink() and not path.exists():
        return problem(
            "broken symbolic link", f"it points to {os.readlink(path)}, which is missing"
        )
    if not path.exists():
        return problem("missing file", "every data file must exist (see data/README.md)")
    if not path.is_file():
        return problem("not a file", "it must be a YAML file, not a folder or a device")
    try:
        if path.stat().st_size > MAX_BYTES:
            return problem(
                f"file too large (over {MAX_BYTES // 2**20} MiB)", "is it the right file?"
            )
        data = path.read_bytes()
    except OSError as exc:
        return problem(f"cannot read the file: {exc.strerror}", "check its permissions")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _place(data[: exc.start].decode("utf-8", "replace"))
        return problem(
            f"invalid UTF-8 (byte 0x{data[exc.start]:02x})", "save the file as UTF-8", line, column
        )
    if control := _CONTROL.search(text):
        line, column = _place(text[: control.start()])
        message = f"control character U+{ord(control[0]):04X} in the text"
        return problem(message, "remove it: it is invisible and not allowed", line, column)
    return Source(name, text)


def _place(before: str) -> tuple[int, int]:
    """(line, column) of the character after ``before``."""
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def read_folder(folder: Path, names: tuple[str, ...]) -> tuple[dict[str, Source], list[DataError]]:
    """The sources ``folder/<name>.yaml``, and an error for every other file in
    ``folder`` (the README, hidden files and the source folder aside)."""
    sources = {
        name: read_source(folder / f"{name}.yaml", display(folder / f"{name}.yaml"))
        for name in names
    }
    known = {f"{name}.yaml" for name in names} | {README, SOURCE_FOLDER}
    unknown = []
    if folder.is_dir():
        for entry in sorted(folder.iterdir()):
            if entry.name not in known and not entry.name.startswith("."):
                hint = f"the data files are {', '.join(sorted(f'{n}.yaml' for n in names))}"
                message = "unknown file in the data folder"
                unknown.append(DataError(display(entry), 1, 1, "", message, hint, READING))
    return sources, unknown


def display(path: Path) -> str:
    """``path`` relative to the working folder when it is inside it."""
    try:
        return str(path.absolute().relative_to(Path.cwd().absolute()))
    except ValueError:
        return str(path)


def parse_yaml(text: str, name: str) -> YamlFile:
    """Parse ``text``; never raises for bad content, reports in ``errors``."""
    result = YamlFile(name)
    try:
        _check_events(text, result)
        if result.errors:
            return result
        node = yaml.compose(text, Loader=_FAST)
    except yaml.YAMLError as exc:
        result.errors.append(_syntax_error(name, text, exc))
        return result
    if node is not None:
        result.data = _convert(node, (), result)
    return result


def _check_events(text: str, result: YamlFile) -> None:
    """Anchors, aliases, tags and too deep nesting, found in YAML's event stream
    before any node is built: nothing is expanded, nothing recurses."""
    depth = 0
    for event in yaml.parse(text, Loader=_FAST):
        mark = event.start_mark
        place = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            message = "anchors and aliases (&name, *name) are not allowed"
            hint = "write the value out in full where it is needed"
            result.errors.append(DataError(result.name, *place, "", message, hint, READING))
            return
        if tag := getattr(event, "tag", None):  # written in the file: !!str, !!python/…, !name
            written = tag.replace("tag:yaml.org,2002:", "!!")
            message = f"YAML tags are not allowed (found {written})"
            hint = "remove the tag: plain values in double quotes, lists and mappings only"
            result.errors.append(DataError(result.name, *place, "", message, hint, READING))
            return
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                message = f"nested more than {MAX_DEPTH} levels deep"
                hint = "check the indentation and the brackets: the data nests a few levels only"
                result.errors.append(DataError(result.name, *place, "", message, hint, READING))
                return
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _syntax_error(name: str, text: str, exc: yaml.YAMLError) -> DataError:
    """The error as the pure-Python parser words it (clearer than libyaml's:
    it names a tab, for instance), at its line and column."""
    try:
        list(yaml.parse(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError as clearer:
        exc = clearer
    if isinstance(exc, yaml.reader.ReaderError):
        line, column = _place(text[: exc.position])
        return DataError(name, line, column, "", f"YAML: {exc.reason}", "", READING)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = getattr(exc, "problem", None) or "invalid YAML"
    if (opened := _unclosed_quote(text, line)) is not None:
        # a quote left open runs on over the next lines: the parser stops
        # further down, the cause is where the quote opened
        message = (
            f'YAML syntax error: a quote (") opened on this line is not closed on it '
            f"(the parser stopped at line {line}: {problem})"
        )
        hint = 'close the quote at the end of the value, or write \\" for a quote inside it'
        return DataError(name, opened[0], opened[1], "", message, hint, READING)
    hint = "quote the value, or check the indentation of this line and the one above"
    if "'\\t'" in problem or "\t" in problem:
        hint = "YAML indentation uses spaces, never tabs"
    message = f"YAML syntax error: {problem}"
    if context := getattr(exc, "context", None):
        message += f" ({context})"
    return DataError(name, line, column, "", message, hint, READING)


def _unclosed_quote(text: str, last: int) -> tuple[int, int] | None:
    """(line, column) of the last double quote of the first line, up to
    ``last``, whose quotes do not pair up; escaped quotes (\\") do not count."""
    for number, line in enumerate(text.split("\n")[:last], start=1):
        quotes = [m.start() for m in re.finditer(r'(?<!\\)"', re.sub(r"\\\\", "  ", line))]
        if len(quotes) % 2:
            return number, quotes[-1] + 1
    return None


def _convert(node: yaml.Node, path: Path_, result: YamlFile) -> Any:
    """Plain data of ``node``; its depth is bounded by ``_check_events``."""
    result.marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if node.tag == _STR and isinstance(node, yaml.ScalarNode):
        return node.value
    if isinstance(node, yaml.MappingNode) and node.tag in _COLLECTION_TAGS:
        return _convert_mapping(node, path, result)
    if isinstance(node, yaml.SequenceNode) and node.tag in _COLLECTION_TAGS:
        return [_convert(item, path + (i,), result) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.ScalarNode) and node.tag in _READS_AS and not node.style:
        result.unquoted[path] = (node.value, _READS_AS[node.tag])
        if node.tag not in _SCALAR_TAGS:  # a date: kept as written, refused where text is due
            return node.value
    if isinstance(node, yaml.ScalarNode) and node.tag in _SCALAR_TAGS:
        # a tag written in the file was refused by ``_check_events``: this one
        # YAML resolved from the value, which therefore fits it
        return _CONSTRUCTOR.yaml_constructors[node.tag](_CONSTRUCTOR, node)
    # what else YAML resolves a plain value to ("=" is its "value" type)
    hint = "write the value in double quotes"
    result.errors.append(result.error(path, f"'{node.value}' is not a plain value", hint))
    return None


def _convert_mapping(node: yaml.MappingNode, path: Path_, result: YamlFile) -> dict:
    data: dict = {}
    for key_node, value_node in node.value:
        place = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _SCALAR_TAGS:
            hint = "no merge keys (<<) or complex keys in the data"
            message = "keys must be plain names"
            result.errors.append(DataError(result.name, *place, format_path(path), message, hint))
            continue
        key = str(key_node.value)
        key_path = path + (key,)
        if key in data:
            first_line = result.marks[key_path][0]
            message = f"duplicate key '{key}' (first defined on line {first_line})"
            hint = "YAML would silently keep only the last one: remove or rename one"
            result.errors.append(
                DataError(result.name, *place, format_path(key_path), message, hint)
            )
            continue
        result.marks[key_path] = place
        data[key] = _convert(value_node, key_path, result)
    return data
