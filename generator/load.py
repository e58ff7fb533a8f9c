"""Read YAML safely, keeping the line and column of every key and item.

Duplicate keys, syntax errors and tabs become ``DataError``s instead of being
silently dropped (PyYAML keeps the last duplicate) or raised as tracebacks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError

Path_ = tuple[str | int, ...]


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as strings (the validator checks them)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# libyaml parses about ten times faster; the pure-Python parser words errors
# better (it names a tab, for instance), so it re-reads files that fail.
if getattr(yaml, "__with_libyaml__", False):

    class _FastLoader(yaml.CSafeLoader):
        yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers

else:  # pragma: no cover - PyYAML wheels ship libyaml
    _FastLoader = _Loader
_SCALARS = yaml.constructor.SafeConstructor()


def format_path(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


@dataclass
class YamlFile:
    """A parsed YAML file: plain data plus the position of every path."""

    name: str
    data: Any = None
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    errors: list[DataError] = field(default_factory=list)
    positioned: bool = True  # False: no marks (parsed with positions=False)

    def position(self, path: Path_) -> tuple[int, int]:
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, (1, 1))

    def error(self, path: Path_, message: str, hint: str = "") -> DataError:
        line, column = self.position(path)
        return DataError(self.name, line, column, format_path(path), message, hint)


@dataclass(frozen=True)
class Source:
    """A data file as read from disk: its text, or why it could not be read."""

    name: str  # as shown in messages
    text: str | None
    problem: str = ""

    def parse(self, positions: bool = True) -> YamlFile:
        """Parse the text; never raises for bad content, reports in ``errors``
        (see ``parse_yaml`` for ``positions``)."""
        if self.text is None:
            result = YamlFile(self.name)
            hint = "the file must exist, in UTF-8"
            result.errors.append(DataError(self.name, 1, 1, "", self.problem, hint))
            return result
        return parse_yaml(self.text, self.name, positions)


def read_source(path: Path, name: str | None = None) -> Source:
    try:
        return Source(name or str(path), path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return Source(name or str(path), None, f"cannot read file: {exc}")


def read_yaml(path: Path, name: str | None = None) -> YamlFile:
    """Parse ``path``; never raises for bad content, reports in ``errors``."""
    return read_source(path, name).parse()


def parse_yaml(text: str, name: str, positions: bool = True) -> YamlFile:
    """``positions=False`` keeps no marks (errors found later would say line 1):
    faster, for data known to be checked elsewhere. Anything unusual (a syntax
    error, a duplicate key, a tag…) is parsed with positions all the same."""
    if not positions:
        try:
            return YamlFile(name, _plain(yaml.compose(text, Loader=_FastLoader)), positioned=False)
        except (yaml.YAMLError, _Unusual):
            pass
    result = YamlFile(name)
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        result.errors.append(_syntax_error(name, exc))
        return result
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        result.errors.append(DataError(name, 1, 1, "", f"YAML error: {exc}"))
        return result
    if node is not None:
        result.data = _convert(node, (), result)
    return result


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_FastLoader)
    except yaml.YAMLError:
        return yaml.compose(text, Loader=_Loader)  # raises, with the clearer message


def _syntax_error(name: str, exc: yaml.MarkedYAMLError) -> DataError:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "invalid YAML"
    hint = "quote the value, or check the indentation of this line and the one above"
    if "'\\t'" in problem or "\t" in problem:
        hint = "YAML indentation uses spaces, never tabs"
    message = f"YAML syntax error: {problem}"
    if exc.context:
        message += f" ({exc.context})"
    return DataError(name, line, column, "", message, hint)


_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "map", "seq")
}


_STR = "tag:yaml.org,2002:str"


def _convert(node: yaml.Node, path: Path_, result: YamlFile) -> Any:
    result.marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if node.tag == _STR and type(node) is yaml.ScalarNode:  # most values: no constructor
        return node.value
    if node.tag not in _STANDARD_TAGS:
        result.errors.append(
            result.error(
                path, f"unsupported YAML tag {node.tag}", "remove the !tag: plain values only"
            )
        )
        return None
    if isinstance(node, yaml.MappingNode):
        return _convert_mapping(node, path, result)
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), result) for i, item in enumerate(node.value)]
    try:
        return _scalar(node)
    except yaml.constructor.ConstructorError as exc:
        result.errors.append(result.error(path, f"unsupported YAML value: {exc.problem}"))
        return None
    except (ValueError, KeyError, _Unusual):  # a tag the value does not fit (!!int x)
        message = f"'{node.value}' is not a valid {node.tag.rpartition(':')[2]}"
        result.errors.append(result.error(path, message, "remove the !!tag"))
        return None


class _Unusual(Exception):
    """Not plain data: parse it with positions, which reports it."""


def _plain(node: yaml.Node | None) -> Any:
    """``_convert`` without positions, for plain data only (else ``_Unusual``)."""
    if node is None:
        return None
    if node.tag == _STR and type(node) is yaml.ScalarNode:
        return node.value
    if node.tag not in _STANDARD_TAGS:
        raise _Unusual
    if isinstance(node, yaml.MappingNode):
        data: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _STANDARD_TAGS:
                raise _Unusual
            key = str(key_node.value)
            if key in data:
                raise _Unusual
            data[key] = _plain(value_node)
        return data
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item) for item in node.value]
    try:
        return _scalar(node)
    except (yaml.constructor.ConstructorError, ValueError, KeyError):
        raise _Unusual from None


_SCALAR_TAGS = {"tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null")}


def _scalar(node: yaml.Node) -> Any:
    """The value of a plain scalar (str, int, float, bool or null)."""
    if node.tag not in _SCALAR_TAGS:  # !!map or !!seq on a plain value
        raise _Unusual
    return _SCALARS.yaml_constructors[node.tag](_SCALARS, node)


def _node_error(result: YamlFile, node: yaml.Node, path: Path_, message: str, hint: str):
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    result.errors.append(DataError(result.name, line, column, format_path(path), message, hint))


def _convert_mapping(node: yaml.MappingNode, path: Path_, result: YamlFile) -> dict:
    data: dict = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _STANDARD_TAGS:
            hint = "no anchors, merge keys (<<) or complex keys in the data"
            _node_error(result, key_node, path, "keys must be plain names", hint)
            continue
        key = str(key_node.value)
        key_path = path + (key,)
        if key in data:
            first_line = result.marks[key_path][0]
            message = f"duplicate key '{key}' (first defined on line {first_line})"
            hint = "YAML would silently keep only the last one: remove or rename one"
            _node_error(result, key_node, key_path, message, hint)
            continue
        result.marks[key_path] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        data[key] = _convert(value_node, key_path, result)
    return data
