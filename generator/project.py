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
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import anchors
from .errors import DOCUMENT, READING, DataError, shown
from .handwritten import handwritten_pages
from .handwritten import link_targets as _link_targets
from .interface import Usage, template_usage
from .load import Path_, format_path

# The project's own mkdocs.yml: the theme of a data folder without one beside it.
CONFIG = Path(__file__).resolve().parent.parent / "mkdocs.yml"
# What a language of mkdocs-static-i18n says in its own words; left out, a
# language takes the site's (the default language's) value.
TRANSLATED = ("site_description", "site_author", "copyright")
# The placeholders the theme fills itself (a `replace` filter, a script) in the
# strings the hook gives it (``config.extra.ui``).
THEME_PLACEHOLDERS = {"print_line": ("url",), "print_date": ("date",)}


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

    def i18n(self) -> tuple[Path_, list]:
        """The key path and the entries of the i18n plugin's ``languages``."""
        plugins = self.data.get("plugins") or []
        listed: list[tuple[Path_, object]] = []
        if isinstance(plugins, list):
            listed = [((i,), p) for i, p in enumerate(plugins)]
        elif isinstance(plugins, dict):  # plugins written as a mapping
            listed = [((), plugins)]
        for where, plugin in listed:
            if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
                languages = plugin["i18n"].get("languages")
                path = ("plugins", *where, "i18n", "languages")
                return path, languages if isinstance(languages, list) else []
        return ("plugins",), []

    def languages(self) -> tuple[str, ...]:
        """The languages the site builds, the default (source) language first."""
        built = [lang for lang in self._entries() if lang.get("build", True)]
        built.sort(key=lambda lang: not lang.get("default", False))
        return tuple(lang["locale"] for lang in built)

    def unbuilt(self) -> tuple[str, ...]:
        """The languages listed with ``build: false`` (their pages wait)."""
        return tuple(lang["locale"] for lang in self._entries() if not lang.get("build", True))

    def _entries(self) -> list[dict]:
        entries = self.i18n()[1]
        return [e for e in entries if isinstance(e, dict) and isinstance(e.get("locale"), str)]

    @property
    def docs(self) -> Path:
        return self.root / (self.data.get("docs_dir") or "docs")

    @property
    def theme(self) -> Path | None:
        custom = self._theme().get("custom_dir")
        return self.root / custom if isinstance(custom, str) else None

    def palette(self) -> list[tuple[Path_, dict | None]]:
        """(key path, toggle) of each option of the theme's palette."""
        palette = self._theme().get("palette")
        options: list[tuple[Path_, object]] = []  # none when it is no list nor mapping
        if isinstance(palette, list):
            options = [(("theme", "palette", i), o) for i, o in enumerate(palette)]
        elif isinstance(palette, dict):  # one option, written without a list
            options = [(("theme", "palette"), palette)]
        return [
            ((*where, "toggle"), o.get("toggle") if isinstance(o.get("toggle"), dict) else None)
            for where, o in options
            if isinstance(o, dict)
        ]

    def _theme(self) -> dict:
        theme = self.data.get("theme")
        return theme if isinstance(theme, dict) else {}  # "theme: material" names it only


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
        if toggle is not None and isinstance(toggle.get("name"), str):
            line, _ = config.marks.get((*where, "name"), (1, 1))
            found.append(Usage(toggle["name"], f"{config.path.name}:{line}", frozenset()))
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
        if toggle is not None and not isinstance(toggle.get("name"), str):
            message = "a palette toggle without a name: its button would have no label"
            hint = "name: <a key of data/interface.yaml>, e.g. palette_to_dark"
            errors.append(config.error(where, message, hint))
    return errors


def _translated_settings(config: Config, languages: tuple[str, ...]) -> list[DataError]:
    """A language other than the default says in its own words what the site
    or another language does (its description…): else it shows the default's."""
    where, entries = config.i18n()
    errors = []
    for i, entry in enumerate(entries):
        if not (isinstance(entry, dict) and isinstance(entry.get("locale"), str)):
            message = "a language without a locale"
            errors.append(config.error((*where, i), message, "locale: <a language code>, e.g. de"))
    for key in TRANSLATED:
        said = config.data.get(key) or any(isinstance(e, dict) and e.get(key) for e in entries)
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict) or entry.get("default") or not said:
                continue
            locale = entry.get("locale")
            if locale not in languages[1:] or entry.get(key):
                continue
            message = f"no {key} for '{locale}': its pages would show the default language's"
            hint = f'add {key}: "…" (in that language) to this language\'s entry'
            errors.append(config.error((*where, i), message, hint))
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
