"""The anchors of a page of the site, found as MkDocs finds them: its
Markdown (without its front matter) converted by Python-Markdown with the
extensions of ``mkdocs.yml``, as written there (the ``toc`` extension's slug
rule among their options), and those MkDocs adds to every site; then every
``id`` of the HTML and ``name`` of a link (MkDocs 1.6: ``_ExtractAnchorsTreeprocessor``
and ``_RawHTMLPreprocessor`` of ``mkdocs.structure.pages``).

``Converter`` refuses extensions it cannot load or options they refuse with a
``DataError`` at their place in ``mkdocs.yml``: the build would stop there too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import markdown
import yaml

from .errors import DataError, EditionError
from .load import Path_

BUILTIN = ("toc", "tables", "fenced_code")  # MkDocs adds them (mkdocs.config.defaults)
# left out: what a page includes is put in by the caller (project.py), from
# the generated pages as they will be, which the extension would read from disk
INCLUDES = "pymdownx.snippets"
KEY = "markdown_extensions"
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n.*?^(?:-{3}|\.{3})[ \t]*$\n?", re.S | re.M)


class _PythonLoader(yaml.Loader):
    """``markdown_extensions`` read as MkDocs reads it (``mkdocs.utils.yaml``:
    ``yaml.Loader``, whose Python tags name a slug function, say), its own
    tags (``!ENV``, ``!relative``) as null."""


_PythonLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name == "id" or (tag == "a" and name == "name")):
                self.ids.add(value)


class Refused(EditionError):
    """The extensions cannot convert a page: ``error`` says why, and where."""

    def __init__(self, error: DataError):
        super().__init__(str(error))
        self.error = error


Error = Callable[[Path_, str], DataError]  # (key path in mkdocs.yml, message) -> its error


class Converter:
    """The Markdown converter of the site whose configuration is ``path``
    (``error``: a problem of its ``markdown_extensions``, at its place)."""

    def __init__(self, path: Path, error: Error):
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=yaml.SafeLoader)  # read once already: it is YAML
        entries = _entries(root)
        names, options = list(BUILTIN), {}
        for where, name, node in entries:
            try:
                value = _PythonLoader("").construct_document(node) if node else {}
            except (yaml.YAMLError, ImportError, AttributeError, TypeError, ValueError) as exc:
                raise Refused(error(where, f"its options cannot be read: {exc}")) from None
            if not isinstance(value, dict):
                found = type(value).__name__
                raise Refused(error(where, f"the options of {name} are a mapping, not a {found}"))
            if name == INCLUDES:
                continue
            names += [name] if name not in names else []
            options[name] = value
        try:
            self.markdown = markdown.Markdown(extensions=names, extension_configs=options)
        except Exception as exc:  # an extension's own error, of whatever kind: which one?
            for where, name, _ in entries:
                try:
                    markdown.Markdown(extensions=[name], extension_configs=options)
                except Exception as own:
                    message = f"Markdown cannot use {name}: {type(own).__name__}: {own}"
                    raise Refused(error(where, message)) from None
            raise Refused(error((KEY,), f"Markdown cannot use them: {exc}")) from None

    def ids(self, text: str) -> set[str]:
        """The anchors of the page whose Markdown is ``text``."""
        self.markdown.reset()
        html = self.markdown.convert(_FRONT_MATTER.sub("", text, count=1))
        parser = _Ids()
        parser.feed(html)
        parser.close()
        return parser.ids


def _entries(root: yaml.Node | None) -> list[tuple[Path_, str, yaml.Node | None]]:
    """(key path, name, options node) of each extension ``markdown_extensions`` lists."""
    if not isinstance(root, yaml.MappingNode):
        return []
    node = next((v for k, v in root.value if k.value == KEY), None)
    found: list[tuple[Path_, str, yaml.Node | None]] = []
    if isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            if isinstance(item, yaml.ScalarNode):
                found.append(((KEY, i), item.value, None))
            elif isinstance(item, yaml.MappingNode) and len(item.value) == 1:
                key, value = item.value[0]
                found.append(((KEY, i, key.value), key.value, _options(value)))
    elif isinstance(node, yaml.MappingNode):
        found = [((KEY, k.value), k.value, _options(v)) for k, v in node.value]
    return found


def _options(node: yaml.Node) -> yaml.Node | None:
    """An extension's options; none when written as null (``toc:``)."""
    null = isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")
    return None if null else node
