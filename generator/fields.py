"""Field checks: the shape and type of each value of the parsed YAML files.

``Checker`` reads values out of the files and records a ``DataError`` (file,
line, column, key path, hint) for each problem, so that every error is
reported at once; it also remembers where each text stands, for the checks
across the whole document (``checks``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from babel import Locale, UnknownLocaleError

from . import markup, models
from .errors import DataError
from .load import Path_, YamlFile
from .models import Plural, Reference, Text

T = TypeVar("T")

INVARIANT = "invariant"
COUNCIL = "council"  # in a text: the languages whose text is the Council's own
URL = re.compile(r"^https://[^\s\"'<>\\]+$")
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
# reads one field: (its YAML value, its key path) -> the value read, or None
Reader = Callable[[Any, Path_], Any]


@dataclass(frozen=True)
class Reading:
    """The model field being read: its name ("Record.place") and whose texts
    it holds (``models.COUNCIL``, ``models.EDITION``, None if it holds none)."""

    field: str
    texts: str | None


@dataclass
class TextUse:
    """Where a text stands, for the checks that need the whole document."""

    file: YamlFile
    path: Path_
    text: Text
    place: str | None  # the block or action it belongs to, for footnote anchors
    measure: int | None
    acronyms: bool  # its acronyms must be in the glossary
    field: Reading | None  # the model's field it is read into, and whose texts it holds


def language_name(code: str) -> str:
    """The English name of a language code, for messages (CLDR, by Babel)."""
    try:
        return Locale.parse(code).get_display_name("en") or code
    except (ValueError, UnknownLocaleError):
        return code


class Checker:
    def __init__(self, files: dict[str, YamlFile], languages: tuple[str, ...]):
        self.files = files
        self.languages = languages
        self.errors: list[DataError] = [e for f in files.values() for e in f.errors]
        self.uses: list[TextUse] = []
        self.file: YamlFile = next(iter(files.values()))
        self.reading: Reading | None = None  # the model field whose value is being read

    def err(self, path: Path_, message: str, hint: str = "", file: YamlFile | None = None) -> None:
        self.errors.append((file or self.file).error(path, message, hint))

    def use(self, name: str) -> None:
        """Read file ``name`` next: errors name it."""
        self.file = self.files[name]

    def top(
        self, name: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict | None:
        """The top-level mapping of file ``name``, which the next reads refer to."""
        self.use(name)
        return self.mapping(self.file.data, (), required, optional)

    def entries(
        self,
        name: str,
        field: str,
        read: Callable[[Checker, Any, Path_], T | None],
        optional: tuple[str, ...] = (),
    ) -> list[T]:
        """``read(self, value, path)`` of each item of the list ``field`` of file ``name``."""
        data = self.top(name, (field,), optional)
        if data is None:
            return []
        items = self.sequence(data[field], (field,))
        found = (read(self, v, (field, i)) for i, v in enumerate(items))
        return [item for item in found if item is not None]

    def read(
        self,
        value: Any,
        path: Path_,
        fields: Mapping[str, Reader],
        optional: Mapping[str, Reader] | None = None,
        model: type | None = None,
        names: dict[str, str] | None = None,
    ) -> dict[str, Any] | None:
        """The mapping ``value`` read field by field, each by its reader
        (``reader(value, path)``): ``fields`` are required, ``optional`` not
        (absent, they are left out). None if it is not a mapping or a
        required field is missing (which is an error). ``model``: the
        dataclass the fields are read into (its field of the same name, or
        of the name ``names`` gives), whose declaration says whose texts they are."""
        optional = optional or {}
        data = self.mapping(value, path, tuple(fields), tuple(optional))
        if data is None:
            return None
        readers, names = {**fields, **optional}, names or {}
        return {
            key: self.read_field(readers[key], data[key], path + (key,), model, names.get(key))
            if model
            else readers[key](data[key], path + (key,))
            for key in data
            if key in readers
        }

    def read_field(
        self, reader: Reader, value: Any, path: Path_, model: type, name: str | None = None
    ) -> Any:
        """``reader(value, path)``: the value of the field ``name`` (by default
        the last key of ``path``) of ``model``, whose texts are whose it declares."""
        name = name or str(path[-1])
        declared = {f.name: f for f in dataclasses.fields(model)}
        texts = models.texts_of(declared[name]) if name in declared else None
        outer, self.reading = self.reading, Reading(f"{model.__name__}.{name}", texts)
        try:
            return reader(value, path)
        finally:
            self.reading = outer

    def choice(self, value: Any, path: Path_, choices: tuple[str, ...], what: str) -> str | None:
        text = self.string(value, path)
        if text is not None and text not in choices:
            self.err(path, f"unknown {what} '{text}'", f"one of {', '.join(choices)}")
        return text

    # -- shapes ----------------------------------------------------------
    def mapping(
        self, value: Any, path: Path_, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict | None:
        if not isinstance(value, dict):
            self.err(
                path,
                f"expected a mapping with keys {', '.join(required)}, got {self.kind(value, path)}",
                "write one 'key: value' per line, indented under this one",
            )
            return None
        allowed = required + optional
        for key in value:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"did you mean '{close[0]}'?" if close else f"allowed: {', '.join(allowed)}"
                self.err(path + (key,), f"unknown field '{key}'", hint)
        missing = [k for k in required if k not in value]
        for key in missing:
            self.err(path, f"missing field '{key}'", f"add '{key}:' to this entry")
        return None if missing else value

    def sequence(self, value: Any, path: Path_) -> list:
        if not isinstance(value, list):
            hint = "write [a, b] or one '- item' per line"
            self.err(path, f"expected a list, got {self.kind(value, path)}", hint)
            return []
        return value

    def string(self, value: Any, path: Path_) -> str | None:
        """A text written as text: an unquoted value that YAML reads as a
        number, a date or true/false is refused (it would be published as
        something else than what was written, 1.10 as 1.1)."""
        if path in self.file.unquoted:
            written, reads_as = self.file.unquoted[path]
            if value is not None or written:
                hint = f'write it in double quotes: "{written}"'
                self.err(path, f"YAML reads the unquoted value {written} as {reads_as}", hint)
                return None
        if not isinstance(value, str):
            hint = "write the text in double quotes"
            self.err(path, f"expected a text value, got {self.kind(value, path)}", hint)
            return None
        if not value.strip():
            self.err(path, "empty value", "write the text, or remove the field if it is optional")
            return None
        return value

    def integer(self, value: Any, path: Path_) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            hint = "write digits only, unquoted"
            self.err(path, f"expected a whole number, got {self.kind(value, path)}", hint)
            return None
        if value < 1:  # a session, a page, a measure: counted from 1
            self.err(path, f"expected a number from 1 up, got {value}", "write digits only")
            return None
        return value

    def ident(self, value: Any, path: Path_, pattern: re.Pattern = ID) -> str | None:
        text = self.string(value, path)
        if text is not None and not pattern.match(text):
            self.err(path, f"invalid id '{text}'", "use lower-case words joined by hyphens")
            return None
        return text

    def ids(self, value: Any, path: Path_) -> tuple[str, ...]:
        found = (self.ident(item, path + (i,)) for i, item in enumerate(self.sequence(value, path)))
        return tuple(ident for ident in found if ident)

    def date(self, value: Any, path: Path_) -> str | None:
        text = self.string(value, path)
        if text is None:
            return None
        if DATE.match(text):
            parts = [int(p) for p in text.split("-")] + [1, 1]
            try:
                dt.date(*parts[:3])
                return text
            except ValueError:
                pass
        self.err(path, f"invalid date '{text}'", "write YYYY, YYYY-MM or YYYY-MM-DD, quoted")
        return None

    def kind(self, value: Any, path: Path_ | None = None) -> str:
        """What ``value`` is, in words."""
        if path in self.file.unquoted and value is not None:
            return f"{self.file.unquoted[path][1]} ({self.file.unquoted[path][0]})"
        if value is None:
            return "nothing"
        names = {dict: "a mapping", list: "a list", str: "a text", bool: "true/false"}
        return names.get(type(value), f"a {type(value).__name__}")

    # -- texts -----------------------------------------------------------
    def text(
        self,
        value: Any,
        path: Path_,
        place: str | None = None,
        measure: int | None = None,
        acronyms: bool = True,
    ) -> Text | None:
        """A text in every language (or ``invariant``), with well-formed markup."""
        if not isinstance(value, dict):
            hint = f"write one key per language ({', '.join(self.languages)}) or '{INVARIANT}'"
            self.err(path, f"expected a text per language, got {self.kind(value, path)}", hint)
            return None
        if INVARIANT in value:
            return self._invariant(value, path, place, measure, acronyms)
        council = self._council(value, path)
        values = {}
        for lang, raw in self._per_language(
            {k: v for k, v in value.items() if k != COUNCIL}, path
        ).items():
            if (text := self.string(raw, path + (lang,))) is not None:
                values[lang] = text
        first = self.languages[0]  # the source language
        for lang in self.languages[1:]:
            if first in values and values.get(lang) == values[first]:
                self.err(
                    path + (lang,),
                    f"the '{lang}' text is a copy of the '{first}' text",
                    f"translate it, or write '{INVARIANT}:' if it is the same in every language",
                )
        # A partial text still serves the whole-document checks; its gaps are errors.
        return (
            self._use(Text(values, council=council), path, place, measure, acronyms)
            if values
            else None
        )

    def _council(self, value: dict, path: Path_) -> tuple[str, ...]:
        """The languages a text says are the Council's own text (``council: [en]``)."""
        if COUNCIL not in value:
            return ()
        where = path + (COUNCIL,)
        if self.reading is None or self.reading.texts != models.COUNCIL:
            held = f" ({self.reading.field})" if self.reading else ""
            hint = (
                f"remove it: this field{held} holds the edition's text; only the document's "
                "own texts can be the Council's (see data/README.md)"
            )
            self.err(where, "this text is the edition's: it cannot be the Council's", hint)
            return ()
        council = []
        for i, lang in enumerate(self.sequence(value[COUNCIL], where)):
            if lang not in self.languages[1:]:
                others = ", ".join(self.languages[1:])
                hint = f"the source language's texts are the Council's already: list {others}"
                self.err(where + (i,), f"'{lang}' cannot be marked as the Council's text", hint)
            else:
                council.append(lang)
        return tuple(council)

    def url(self, value: Any, path: Path_) -> str | None:
        text = self.string(value, path)
        if text is not None and not URL.match(text):
            self.err(
                path,
                f"invalid address '{text}'",
                "write a full https:// address, without spaces or quotes",
            )
            return None
        return text

    def reference(self, value: Any, path: Path_) -> Reference | None:
        """Where a name comes from: ``{title: …, url: https://…}``."""
        data = self.read(value, path, {"title": self.string, "url": self.url})
        return Reference(**data) if data else None

    def urls(self, value: Any, path: Path_) -> Text | None:
        """An address per language."""
        if not isinstance(value, dict):
            hint = f"write one address per language ({', '.join(self.languages)})"
            self.err(path, f"expected an address per language, got {self.kind(value, path)}", hint)
            return None
        council = self._council(value, path)
        per_language = self._per_language({k: v for k, v in value.items() if k != COUNCIL}, path)
        found = {lang: self.url(raw, path + (lang,)) for lang, raw in per_language.items()}
        return Text({lang: url for lang, url in found.items() if url}, council=council)

    def plural_or_text(self, value: Any, path: Path_) -> Text | Plural | None:
        """An interface string: a text, or per language one text per plural
        category of that language (CLDR's: one, other…)."""
        if not isinstance(value, dict) or INVARIANT in value:
            return self.text(value, path, acronyms=False)
        if not any(isinstance(value.get(lang), dict) for lang in self.languages):
            return self.text(value, path, acronyms=False)
        self._council(value, path)  # plural forms are the edition's: refused
        per_language = self._per_language({k: v for k, v in value.items() if k != COUNCIL}, path)
        forms = {}
        for lang, raw in per_language.items():
            categories = _plural_categories(lang)
            where = path + (lang,)
            if not isinstance(raw, dict):
                hint = f"write one text per plural category: {', '.join(categories)}"
                self.err(where, f"expected plural forms, got {self.kind(raw, where)}", hint)
                continue
            for category in raw:
                if category not in categories:
                    hint = f"the plural categories of '{lang}' are {', '.join(categories)}"
                    self.err(where + (category,), f"unknown plural category '{category}'", hint)
            if "other" not in raw:
                self.err(
                    where, "missing plural category 'other'", "add 'other:' (the general form)"
                )
            found = {c: self.string(v, where + (c,)) for c, v in raw.items() if c in categories}
            forms[lang] = {c: v for c, v in found.items() if v is not None}
        return Plural(forms)

    def _per_language(self, value: dict, path: Path_) -> dict[str, Any]:
        for key in value:
            if key not in self.languages:
                hint = f"languages are {', '.join(self.languages)}"
                self.err(path + (key,), f"unknown language '{key}'", hint)
        for lang in self.languages:
            if lang not in value:
                self.err(
                    path,
                    f"missing {language_name(lang)} text '{lang}'",
                    f"add '{lang}: \"…\"' beside the other languages",
                )
        return {lang: value[lang] for lang in self.languages if lang in value}

    def _invariant(
        self, value: dict, path: Path_, place: str | None, measure: int | None, acronyms: bool
    ) -> Text | None:
        extra = [k for k in value if k != INVARIANT]
        if extra:
            self.err(
                path + (extra[0],),
                f"'{INVARIANT}' excludes per-language texts",
                f"keep either '{INVARIANT}:' or one key per language",
            )
            return None
        text = self.string(value[INVARIANT], path + (INVARIANT,))
        if text is None:
            return None
        return self._use(Text({INVARIANT: text}, invariant=True), path, place, measure, acronyms)

    def _use(
        self, text: Text, path: Path_, place: str | None, measure: int | None, acronyms: bool
    ) -> Text:
        for raw in text.values.values():
            for problem in markup.markup_problems(raw):
                self.err(path, problem, "see the inline markup table in data/README.md")
        self.uses.append(TextUse(self.file, path, text, place, measure, acronyms, self.reading))
        return text

    def texts(
        self,
        value: Any,
        path: Path_,
        place_prefix: str | None = None,
        measure: int | None = None,
    ) -> tuple[Text, ...]:
        """A list of texts; the i-th stands at ``<place_prefix>-<i>``."""
        out = []
        for i, item in enumerate(self.sequence(value, path)):
            place = f"{place_prefix}-{i + 1}" if place_prefix else None
            if text := self.text(item, path + (i,), place, measure):
                out.append(text)
        return tuple(out)

    def term(self, word: str, path: Path_) -> bool:
        """Whether ``word`` can be found in the texts (``TermFinder``): it
        begins with a letter or a digit."""
        if word[:1].isalnum():
            return True
        hint = "write it as it stands in the text, from its first letter"
        self.err(path, f"'{word}' does not begin with a letter or digit", hint)
        return False

    def spellings(self, value: Any, path: Path_) -> dict[str, tuple[str, ...]]:
        """Words per language (actor terms, glossary variants)."""
        if not isinstance(value, dict):
            hint = "write e.g. {fr: [a], en: [b]}"
            self.err(
                path, f"expected a list of words per language, got {self.kind(value, path)}", hint
            )
            return {}
        out = {}
        for lang, items in value.items():
            if lang not in self.languages:
                hint = f"languages are {', '.join(self.languages)}"
                self.err(path + (lang,), f"unknown language '{lang}'", hint)
                continue
            words = []
            for j, item in enumerate(self.sequence(items, path + (lang,))):
                word = self.string(item, path + (lang, j))
                if word is not None and self.term(word, path + (lang, j)):
                    words.append(word)
            out[lang] = tuple(words)
        return out


def _plural_categories(language: str) -> tuple[str, ...]:
    """CLDR's plural categories of ``language`` (by Babel), ``other`` last."""
    try:
        tags = Locale.parse(language).plural_form.tags
    except (ValueError, UnknownLocaleError):
        tags = frozenset()
    order = ("zero", "one", "two", "few", "many")
    return tuple(t for t in order if t in tags) + ("other",)
