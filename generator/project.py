"""The project around the data: ``mkdocs.yml``, the theme (``overrides/``) and
the hand-written pages (``docs/*.<lang>.md``), read without MkDocs.

``problems`` is what ``check`` and the build both refuse: a hand-written page
missing in a language, including another language's generated page or
linking to no page, a palette toggle without a name, and a language of the
i18n plugin that would show another language's description. ``theme_usage``
is the interface strings the theme and ``mkdocs.yml`` use.
"""

from __future__ import annotations

import functools
import glob
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import addresses, opendata, pages
from .errors import DOCUMENT, READING, DataError
from .fields import language_name
from .interface import TYPOGRAPHY, Usage, placeholders, template_usage
from .load import Path_, format_path

# The project's own mkdocs.yml: the theme of a data folder without one beside it.
CONFIG = Path(__file__).resolve().parent.parent / "mkdocs.yml"
# What a language of mkdocs-static-i18n says in its own words; left out, a
# language takes the site's (the default language's) value.
TRANSLATED = ("site_description", "site_author", "copyright")
# The placeholders filled in the strings the theme uses (``config.extra.ui``):
# ``number``, the document's, by ``theme.context``; the others by the theme
# itself (a `replace` filter, a script).
# The placeholders the theme fills in mkdocs.yml's site_description (main.html).
DESCRIPTION_PLACEHOLDERS = ("number",)
THEME_PLACEHOLDERS = {
    "header_number": ("number",),
    "print_line": ("number", "url"),
    "print_date": ("date",),
}
# a Markdown link's target: [text](target "title"), or a reference definition [id]: target
_LINK = re.compile(
    r"""\]\(\s*<?([^)\s>]+)>?(?:\s+["'][^"']*["'])?\s*\)|^[ ]{0,3}\[[^\]]+\]:[ \t]*<?([^\s>]+)""",
    re.M,
)
_CODE = re.compile(r"^[ ]{0,3}(```|~~~)[^\n]*\n[\s\S]*?^[ ]{0,3}\1[^\n]*$|`[^`\n]+`", re.M)
_SNIPPET = re.compile(r"""^[ \t]*;?-{1,}8<-{1,}[ \t]+["']?([^"'\s]+)["']?[ \t]*$""", re.M)


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


def shown(path: Path) -> str:
    """A path as messages name it: from the working folder when it is inside."""
    path = Path(path).absolute()
    return path.relative_to(Path.cwd()).as_posix() if path.is_relative_to(Path.cwd()) else str(path)


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
    said_at = [(("site_description",), config.data.get("site_description"))] + [
        ((*where, i, "site_description"), e.get("site_description"))
        for i, e in enumerate(entries)
        if isinstance(e, dict)
    ]
    for place, value in said_at:
        unknown = sorted(placeholders(value) - set(DESCRIPTION_PLACEHOLDERS)) if value else []
        if isinstance(value, str) and unknown:
            message = f"unknown placeholder {{{unknown[0]}}}: the theme fills only " + ", ".join(
                "{" + p + "}" for p in DESCRIPTION_PLACEHOLDERS
            )
            errors.append(config.error(place, message, "write {number} for the document's number"))
    return errors


def handwritten_pages(
    docs: Path, languages: tuple[str, ...], unbuilt: tuple[str, ...] = ()
) -> list[DataError]:
    """Every hand-written page exists in every language (no silent fallback),
    includes only its own language's generated pages and links to pages that
    exist. The pages of the ``unbuilt`` languages (``build: false``) wait."""
    errors: list[DataError] = []
    if not docs.is_dir():
        return errors
    generated = _generated_paths()
    for page in sorted(docs.rglob("*.md")):
        relative = page.relative_to(docs)
        if addresses.FOLDER in relative.parts[:1]:
            continue
        name = shown(page)
        stem, _, suffix = page.name.removesuffix(".md").rpartition(".")
        if suffix in unbuilt:
            continue
        if suffix not in languages:
            built = ", ".join(languages)
            if re.fullmatch(r"[a-z]{2,3}(_[A-Z]{2})?", suffix):
                message = f"a page of '{suffix}', a language mkdocs.yml does not build ({built})"
                hint = "add the language to the i18n plugin's languages in mkdocs.yml, or remove it"
            else:
                message = f"no language suffix in {page.name}"
                hint = f"name it <name>.<language>.md, one per language ({built})"
            errors.append(_page_error(name, 1, message, hint))
            continue
        for language in languages:
            other = page.with_name(f"{stem}.{language}.md")
            first = min(_siblings(page.parent, stem, languages))  # one error a missing page
            if not other.exists() and page == first:
                message = "missing: every hand-written page exists in every language"
                hint = f"write it in {language_name(language)}, like {page.name}"
                errors.append(_page_error(shown(other), 1, message, hint))
        text = page.read_text(encoding="utf-8", errors="replace")
        errors += _snippets(text, name, suffix, docs, languages, generated)
        errors += _links(_prose(text), name, relative.parent.as_posix(), docs, languages)
        errors += _typography(_prose(text), name, suffix)
    return errors


_NOT_PROSE = re.compile(r"\]\([^)\n]*\)|\{[^}\n]*\}|<[^>\n]*>")  # link targets, attributes, tags
_FRONT_MATTER_KEY = re.compile(r"^[\w-]+:")  # a key of the metadata block, not prose


def _typography(text: str, name: str, language: str) -> list[DataError]:
    """A hand-written page's prose follows its language's typography (French:
    no-break spaces before ; : ! ? » and after «), as generated pages do."""
    typography = TYPOGRAPHY.get(language)
    errors = []
    lines = text.splitlines()
    meta = lines.index("---", 1) if lines[:1] == ["---"] and "---" in lines[1:] else 0
    for number, line in enumerate(lines, 1):
        if number <= meta + 1:  # the metadata block: its values are prose, not its keys
            line = _FRONT_MATTER_KEY.sub(lambda m: " " * len(m[0]), line)
        prose = _NOT_PROSE.sub(lambda m: " " * len(m[0]), line)
        if typography is not None and typography(prose) != prose:
            message = f"a space where the typography of '{language}' puts a no-break space"
            hint = "before : and inside « » write U+00A0, before ; ! ? write U+202F"
            errors.append(_page_error(name, number, message, hint))
    return errors


def _siblings(folder: Path, stem: str, languages: tuple[str, ...]) -> list[Path]:
    """The pages ``<stem>.<language>.md`` of ``folder``."""
    found = folder.glob(f"{glob.escape(stem)}.*.md")
    return [p for p in found if p.name.removesuffix(".md").rpartition(".")[2] in languages]


def _snippets(
    text: str,
    name: str,
    language: str,
    docs: Path,
    languages: tuple[str, ...],
    generated: list[re.Pattern[str]],
) -> list[DataError]:
    """A snippet (``--8<-- "package/index.fr.md"``) names a file that will be
    there, of the page's own language."""
    errors = []
    for found in _SNIPPET.finditer(text):
        target = found[1]
        line = text.count("\n", 0, found.start(1)) + 1
        stem, _, suffix = target.removesuffix(".md").rpartition(".")
        own = f"{stem}.{language}.md"
        if target.endswith(".md") and suffix in languages and suffix != language:
            message = f"includes {target}, a page of '{suffix}', in a page of '{language}'"
            errors.append(_page_error(name, line, message, f"include {own}"))
        elif target.startswith(addresses.FOLDER + "/") and not (
            suffix in languages and any(p.fullmatch(stem + ".md") for p in generated)
        ):
            message = f"includes {target}, which is not a page the generator writes"
            errors.append(_page_error(name, line, message, "name a generated page, e.g. " + own))
        elif not target.startswith(addresses.FOLDER + "/") and not (docs / target).is_file():
            message = f"includes {target}, which is not a file of {docs.name}/"
            errors.append(_page_error(name, line, message, "fix the path"))
    return errors


def _prose(text: str) -> str:
    """``text`` with its code (fenced blocks, `spans`) blanked, lines kept:
    MkDocs does not follow a link written in code."""
    blank = lambda m: re.sub(r"[^\n]", " ", m[0])  # noqa: E731
    return _CODE.sub(blank, text)


def _links(
    text: str, name: str, folder: str, docs: Path, languages: tuple[str, ...]
) -> list[DataError]:
    """A relative link of a hand-written page leads to a page of the site or a
    file of the docs folder (MkDocs' strict build refuses it otherwise)."""
    errors = []
    pages_ = [_pattern(k.path) for k in pages.KINDS]
    for found in _LINK.finditer(text):
        written = found[1] or found[2]
        target = written.split("#")[0]
        if not target or re.match(r"[a-z][a-z0-9+.-]*:|/", target, re.I):
            continue  # an anchor of the page, an address elsewhere
        path = posixpath.normpath(posixpath.join(folder, target))
        stem = path.removesuffix(".md")
        known = (docs / path).is_file() or any(
            (docs / f"{stem}.{lang}.md").is_file() for lang in languages
        )
        if path.endswith(".md") and any(p.fullmatch(path) for p in pages_):
            known = True  # a generated page
        known = known or path.startswith(opendata.FOLDER + "/")  # the open data, generated
        if not known:
            line = text.count("\n", 0, found.start()) + 1
            message = f"links to {written}, which is not a page of the site nor a file of docs/"
            errors.append(_page_error(name, line, message, "fix the link"))
    return errors


def _generated_paths() -> list[re.Pattern[str]]:
    """The path of every generated page in the generated folder (without its
    language suffix; the home page's body is ``package/index.md``), a family's
    as a pattern."""
    return [_pattern(f"{addresses.FOLDER}/{addresses.in_folder(k.path)}") for k in pages.GENERATED]


def _pattern(path: str) -> re.Pattern[str]:
    """A page path of the registry as a pattern: a family's ``{key}``, any name."""
    return re.compile(re.escape(path).replace(re.escape("{key}"), "[^/]+"))


def _page_error(name: str, line: int, message: str, hint: str) -> DataError:
    return DataError(name, line, 1, "", message, hint, DOCUMENT)
