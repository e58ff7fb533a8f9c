"""The project around the data: ``mkdocs.yml``, the theme (``overrides/``) and
the hand-written pages (``docs/*.<lang>.md``, ``handwritten.py``), read
without MkDocs.

``problems`` is what ``check`` and the build both refuse: a hand-written page
missing in a language, including another language's generated page or
linking to no page, a palette toggle without a name, and a language of the
i18n plugin that would show another language's description;
``link_targets``, once the generated pages are known, a link of a
hand-written page to a page not written or to an anchor not on its page.
``theme_usage`` is the interface strings the theme and ``mkdocs.yml`` use.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from . import anchors
from .errors import DOCUMENT, READING, DataError, shown
from .handwritten import handwritten_pages
from .handwritten import link_targets as _link_targets
from .interface import Usage, placeholders, template_usage
from .load import Path_, format_path

# The project's own mkdocs.yml: the theme of a data folder without one beside it.
CONFIG = Path(__file__).resolve().parent.parent / "mkdocs.yml"
# What a language of mkdocs-static-i18n says in its own words; left out, a
# language takes the site's (the default language's) value.
TRANSLATED = ("site_description", "site_author", "copyright")
# The placeholders filled in the strings the theme uses (``config.extra.ui``):
# ``number``, the document's, by ``theme.context``; the others by the theme
# itself (a `replace` filter, a script).
THEME_PLACEHOLDERS = {
    "header_number": ("number",),
    "print_line": ("number", "url"),
    "print_date": ("date",),
}
# The placeholders the theme fills in mkdocs.yml's site_description (main.html).
DESCRIPTION_PLACEHOLDERS = ("number",)


# What the generator, the MkDocs adapter and the theme read of mkdocs.yml: each
# key (``ANY``: each item of a list) with the types its value may have and an
# example for the hint. One declaration: ``Config`` reads only through it, and a
# value of another type is one error at its place (``shape_errors``), never a
# traceback nor a default taken in silence (MkDocs checks only some of them, and
# only once the build has started). A key missing, or null, takes MkDocs' default.
ANY = "*"
TEXT, FLAG, LIST, MAPPING = (str,), (bool,), (list,), (dict,)
I18N = ("plugins", ANY, "i18n")
LANGUAGE = (*I18N, "languages", ANY)
PALETTE = ("theme", "palette", ANY)
SHAPES: dict[Path_, tuple[tuple[type, ...], str]] = {
    ("site_name",): (TEXT, 'site_name: "15250/18"'),
    ("site_url",): (TEXT, "site_url: https://example.org/edition/"),
    ("docs_dir",): (TEXT, "docs_dir: docs"),
    ("site_dir",): (TEXT, "site_dir: site"),
    ("use_directory_urls",): (FLAG, "use_directory_urls: true"),
    ("strict",): (FLAG, "strict: true"),
    ("dev_addr",): (TEXT, "dev_addr: 127.0.0.1:8000"),
    ("repo_url",): (TEXT, "repo_url: https://github.com/owner/repository"),
    **{(key,): (TEXT, f'{key}: "…"') for key in TRANSLATED},
    ("theme",): (TEXT + MAPPING, "theme: {name: material, custom_dir: overrides}"),
    ("theme", "custom_dir"): (TEXT, "custom_dir: overrides"),
    ("theme", "favicon"): (TEXT, "favicon: assets/favicon.png"),
    ("theme", "icon"): (MAPPING, "icon: {repo: fontawesome/brands/github}"),
    ("theme", "palette"): (LIST + MAPPING, "palette: [{scheme: default, toggle: {…}}]"),
    PALETTE: (MAPPING, "- scheme: default"),
    (*PALETTE, "toggle"): (MAPPING, "toggle: {icon: material/weather-night, name: …}"),
    (*PALETTE, "toggle", "name"): (TEXT, "name: palette_to_dark"),
    ("extra",): (MAPPING, "extra: {report_url: …}"),
    ("extra", "report_url"): (TEXT, 'report_url: "mailto:errata@example.org?subject={title}"'),
    ("extra", "homepage"): (TEXT, "homepage: https://example.org/"),
    ("markdown_extensions",): (LIST + MAPPING, "markdown_extensions: [toc, attr_list]"),
    ("markdown_extensions", ANY): (TEXT + MAPPING, "- toc: {permalink: false}"),
    ("plugins",): (LIST + MAPPING, "plugins: [i18n: {…}]"),
    ("plugins", ANY): (TEXT + MAPPING, "- i18n: {languages: […]}"),
    I18N: (MAPPING, "i18n: {languages: […]}"),
    (*I18N, "languages"): (LIST, "languages: [{locale: fr, default: true}, {locale: en}]"),
    LANGUAGE: (MAPPING, "- locale: en"),
    (*LANGUAGE, "locale"): (TEXT, "locale: en"),
    (*LANGUAGE, "build"): (FLAG, "build: true"),
    (*LANGUAGE, "default"): (FLAG, "default: true"),
    (*LANGUAGE, "name"): (TEXT, "name: English"),
    (*LANGUAGE, "link"): (TEXT, "link: /en/"),
    **{(*LANGUAGE, key): (TEXT, f'{key}: "…"') for key in TRANSLATED},
}
_KINDS = {str: "a text", bool: "true or false", list: "a list", dict: "a mapping (key: value)"}


def _found(data: object, pattern: Path_) -> list[tuple[Path_, object]]:
    """(key path, value) of each value ``pattern`` names in ``data`` (``ANY``:
    each item of a list; a mapping where a list may be is its one item, written
    without the list: a palette of one option, plugins as a mapping)."""
    found: list[tuple[Path_, object]] = []

    def walk(value: object, rest: Path_, where: Path_) -> None:
        if not rest:
            found.append((where, value))
        elif rest[0] == ANY and isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, rest[1:], (*where, i))
        elif rest[0] == ANY and isinstance(value, dict):
            walk(value, rest[1:], where)
        elif isinstance(value, dict) and value.get(rest[0]) is not None:
            walk(value[rest[0]], rest[1:], (*where, rest[0]))

    walk(data, pattern, ())
    return found


def _described(value: object) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    return _KINDS.get(type(value), type(value).__name__)


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: its custom tags (!ENV…) read as null."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Config:
    """What the generator reads of a ``mkdocs.yml``, with the place of every value."""

    path: Path
    data: dict
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    problem: DataError | None = None  # why it could not be read

    @property
    def root(self) -> Path:
        return self.path.parent

    def error(self, where: Path_, message: str, hint: str = "") -> DataError:
        place = where
        while place not in self.marks and place:
            place = place[:-1]
        line, column = self.marks.get(place, (1, 1))
        return DataError(
            shown(self.path), line, column, format_path(where), message, hint, DOCUMENT
        )

    def values(self, pattern: Path_) -> list[tuple[Path_, Any]]:
        """(key path, value) of each value at ``pattern``, a key of ``SHAPES``
        (the only keys read), of a type it allows (else: ``shape_errors``)."""
        types = SHAPES[pattern][0]
        return [(w, v) for w, v in _found(self.data, pattern) if isinstance(v, types)]

    def value(self, pattern: Path_, default: Any = None) -> Any:
        """The first value at ``pattern`` (``values``), else ``default``."""
        return next((v for _, v in self.values(pattern)), default)

    def key(self, pattern: Path_, key: str, value: dict, default: Any = None) -> Any:
        """``value[key]``, ``value`` being one at ``pattern``, if of a type
        ``SHAPES`` allows ``(*pattern, key)``; else ``default``."""
        found = value.get(key)
        return found if isinstance(found, SHAPES[(*pattern, key)][0]) else default

    def shape_errors(self) -> list[DataError]:
        """Each value of a type its key does not allow (``SHAPES``)."""
        errors = []
        for pattern, (types, example) in SHAPES.items():
            for where, value in _found(self.data, pattern):
                if not isinstance(value, types):
                    kinds = " or ".join(_KINDS[t] for t in types)
                    message = f"{kinds} here, not {_described(value)}"
                    errors.append(
                        replace(self.error(where, message, f"e.g. {example}"), stage=READING)
                    )
        return errors

    def i18n(self) -> tuple[Path_, list]:
        """The key path and the entries of the i18n plugin's ``languages``."""
        found = self.values((*I18N, "languages"))
        return found[0] if found else (("plugins",), [])

    def languages(self) -> tuple[str, ...]:
        """The languages the site builds, the default (source) language first."""
        built = [lang for lang in self._entries() if self.key(LANGUAGE, "build", lang, True)]
        built.sort(key=lambda lang: not self.key(LANGUAGE, "default", lang, False))
        return tuple(lang["locale"] for lang in built)

    def unbuilt(self) -> tuple[str, ...]:
        """The languages listed with ``build: false`` (their pages wait)."""
        entries = self._entries()
        return tuple(e["locale"] for e in entries if not self.key(LANGUAGE, "build", e, True))

    def _entries(self) -> list[dict]:
        return [e for _, e in self.values(LANGUAGE) if self.key(LANGUAGE, "locale", e)]

    @property
    def docs(self) -> Path:
        return self.root / self.value(("docs_dir",), "docs")

    @property
    def theme(self) -> Path | None:
        custom = self.value(("theme", "custom_dir"))
        return self.root / custom if custom is not None else None

    def palette(self) -> list[tuple[Path_, dict | None]]:
        """(key path, toggle) of each option of the theme's palette."""
        return [
            ((*where, "toggle"), self.key(PALETTE, "toggle", option))
            for where, option in self.values(PALETTE)
        ]


def read_config(path: Path) -> Config:
    """``path`` read as YAML (never raises: a problem is kept in ``problem``)."""
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=_ConfigLoader) or {}
        node = yaml.compose(text, Loader=_ConfigLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        problem = DataError(shown(path), 1, 1, "", f"cannot read it: {exc}", "", READING)
        return Config(path, {}, problem=problem)
    marks: dict[Path_, tuple[int, int]] = {}
    _marks(node, (), marks)
    return Config(path, data if isinstance(data, dict) else {}, marks)


def _marks(node: yaml.Node | None, where: Path_, marks: dict[Path_, tuple[int, int]]) -> None:
    if node is None:
        return
    marks[where] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _marks(value, (*where, key.value), marks)
    elif isinstance(node, yaml.SequenceNode):
        for i, value in enumerate(node.value):
            _marks(value, (*where, i), marks)


def config_beside(data_dir: Path) -> Path:
    """The ``mkdocs.yml`` of the project a data folder is part of (the
    project's own for a data folder alone, such as a test fixture)."""
    beside = Path(data_dir).resolve().parent / "mkdocs.yml"
    return beside if beside.is_file() else CONFIG


def configured_languages(mkdocs_yml: Path) -> tuple[str, ...]:
    """The languages the site builds, from the i18n plugin entry of ``mkdocs.yml``."""
    return read_config(mkdocs_yml).languages()


# -- the interface strings the theme uses -------------------------------------
def theme_usage(mkdocs_yml: Path) -> list[Usage]:
    """The interface strings of the theme's templates (``config.extra.ui.<key>``)
    and of ``mkdocs.yml`` (the palette toggles' names)."""
    config = _read_cached(mkdocs_yml, _mtime(mkdocs_yml))
    found = []
    if config.theme is not None and config.theme.is_dir():
        for use in template_usage([config.theme]):
            names = frozenset(THEME_PLACEHOLDERS.get(use.key, ()))
            found.append(Usage(use.key, f"{config.theme.name}/{use.template}", names))
    for where, toggle in config.palette():
        name = config.key((*PALETTE, "toggle"), "name", toggle or {})
        if name is not None:
            line, _ = config.marks.get((*where, "name"), (1, 1))
            found.append(Usage(name, f"{config.path.name}:{line}", frozenset()))
    return found


def _mtime(path: Path) -> int:
    return path.stat().st_mtime_ns if path.exists() else 0


@functools.lru_cache(maxsize=8)  # while serving: read again only once changed
def _read_cached(path: Path, modified: int) -> Config:
    return read_config(path)


# -- what check and the build refuse ------------------------------------------
def problems(mkdocs_yml: Path, languages: tuple[str, ...] | None = None) -> list[DataError]:
    """Every problem of the project around the data: the palette toggles, each
    language's translated settings, the hand-written pages of each language."""
    config = read_config(mkdocs_yml)
    if config.problem is not None:
        return [config.problem]
    if shapes := config.shape_errors():  # what follows would mostly follow from them
        return shapes
    languages = languages or config.languages()
    return (
        _toggles(config)
        + _translated_settings(config, languages)
        + handwritten_pages(config.docs, languages, config.unbuilt())
    )


def _toggles(config: Config) -> list[DataError]:
    """Each palette toggle is named by an interface string (partials/palette.html)."""
    errors = []
    for where, toggle in config.palette():
        if toggle is not None and toggle.get("name") is None:
            message = "a palette toggle without a name: its button would have no label"
            hint = "name: <a key of data/interface.yaml>, e.g. palette_to_dark"
            errors.append(config.error(where, message, hint))
    return errors


def _translated_settings(config: Config, languages: tuple[str, ...]) -> list[DataError]:
    """A language other than the default says in its own words what the site
    or another language does (its description…): else it shows the default's."""
    entries = config.values(LANGUAGE)
    errors = []
    for where, entry in entries:
        if entry.get("locale") is None:
            message = "a language without a locale"
            errors.append(config.error(where, message, "locale: <a language code>, e.g. de"))
    for key in TRANSLATED:
        said = config.value((key,)) or any(config.key(LANGUAGE, key, e) for _, e in entries)
        for where, entry in entries:
            if config.key(LANGUAGE, "default", entry, False) or not said:
                continue
            locale = config.key(LANGUAGE, "locale", entry)
            if locale not in languages[1:] or config.key(LANGUAGE, key, entry):
                continue
            message = f"no {key} for '{locale}': its pages would show the default language's"
            hint = f'add {key}: "…" (in that language) to this language\'s entry'
            errors.append(config.error(where, message, hint))
    said_at = [(("site_description",), config.value(("site_description",)))] + [
        ((*where, "site_description"), config.key(LANGUAGE, "site_description", entry))
        for where, entry in entries
    ]
    for place, value in said_at:
        unknown = sorted(placeholders(value) - set(DESCRIPTION_PLACEHOLDERS)) if value else []
        if isinstance(value, str) and unknown:
            message = f"unknown placeholder {{{unknown[0]}}}: the theme fills only " + ", ".join(
                "{" + p + "}" for p in DESCRIPTION_PLACEHOLDERS
            )
            errors.append(config.error(place, message, "write {number} for the document's number"))
    return errors


def link_targets(
    mkdocs_yml: Path, languages: tuple[str, ...], generated: Mapping[str, str]
) -> list[DataError]:
    """What the hand-written pages' links lead to, once the generated pages
    are known (``handwritten.link_targets``), each anchor found as MkDocs
    finds it with the Markdown extensions of ``mkdocs_yml`` (``anchors``)."""
    config = read_config(mkdocs_yml)
    if config.problem is not None:
        return []  # ``problems`` says why
    try:
        converter = anchors.Converter(config.path, config.error)
    except anchors.Refused as exc:
        return [exc.error]
    return _link_targets(config.docs, languages, generated, converter)
