"""The site's interface strings (``data/interface.yaml``) in one language.

``InterfaceText`` gives them to templates as HTML: escaped like any data value
(``markup.escape_text``), with the language's typography (French no-break
spaces), plural forms chosen by the language's CLDR rules (Babel) and
``{placeholders}`` filled. ``template_usage`` reads, from the templates
themselves, which strings they use and which placeholders they fill, so that a
missing or mismatched string is a data error before any page is rendered.
"""

from __future__ import annotations

import ast
import datetime as dt
import functools
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from jinja2 import Environment, nodes
from markupsafe import Markup, escape

from .markup import escape_text, plain, to_html
from .models import ACTOR_KINDS, CHANGE_KINDS, Plural, Text

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Families of strings chosen at render time: 'kind_' ~ actor.kind, 'q_' ~ kind.
PROVENANCES = ("source", "council", "edition", "mixed")  # see views.provenance
FAMILIES = {
    "kind_": ACTOR_KINDS,
    "q_": ("measure_of_action", "actor_of_action", "acronym_meaning"),
    "provenance_": PROVENANCES,
    "column_": PROVENANCES,
    "change_": CHANGE_KINDS,  # an edition's change: why
    "passage_": ("measure", "action", "footnote", "actor", "glossary"),  # what it changed
}


def placeholders(raw: str) -> set[str]:
    return set(_PLACEHOLDER.findall(raw))


_SPACE = "[ \u00a0\u202f]?"


# ; ! ? closing a clause, with or without a space before; an entity written
# out in a text (&gt;) is matched first and left alone.
_BEFORE_MARK = re.compile(r"&#?\w+;(?=\s|$)|" + _SPACE + r"([;!?])(?=\s|$|»)")


def _french(raw: str) -> str:
    """French spacing: a no-break space before : and inside « », a narrow one
    before ; ! ? (added where missing, or in place of an ordinary space)."""
    raw = _BEFORE_MARK.sub(lambda m: m[0] if m[0][0] == "&" else "\u202f" + m[1], raw)
    raw = re.sub(r"(?<=\S)" + _SPACE + r":(?=\s|$)", "\u00a0:", raw)
    raw = re.sub("«" + _SPACE, "«\u00a0", raw)
    return re.sub(_SPACE + "»", "\u00a0»", raw)


def _plain_spaced(raw: str) -> str:
    """Plain text keeping the typography's no-break spaces (``plain`` folds
    every white space, no-break ones too, into a space)."""
    kept = raw.replace("\u00a0", "\x00").replace("\u202f", "\x01")
    return plain(kept).replace("\x00", "\u00a0").replace("\x01", "\u202f")


# The typographic step of each language, for its interface strings and the
# edition's own texts (``PageText.own``); never for the document's texts,
# which keep the source's spacing.
TYPOGRAPHY = {"fr": _french}


class InterfaceText:
    """The interface strings of one language, as templates use them:

    - ``ui.key`` or ``ui['key']``: the string, as HTML;
    - ``ui('key', name=value)``: with its ``{name}`` placeholders filled
      (a value is escaped unless it is already ``Markup``);
    - ``ui.plural('key', count, name=value)``: the plural form for ``count``
      (``{n}`` is ``count`` unless given);
    - ``ui.label('key')``: the string followed by the language's colon;
    - ``ui.plain('key', …)``: plain text, for page titles and attributes;
    - ``ui.js('key')``: the raw string (or plural forms, as JSON) for a script
      that fills its placeholders itself.
    """

    METHODS = frozenset(
        {"plural", "label", "plain", "js", "date", "language_name", "language", "escaped"}
    )

    def __init__(self, strings: dict[str, Text | Plural], language: str):
        self._strings = strings
        self._language = language
        self._typography = TYPOGRAPHY.get(language, lambda raw: raw)
        self._locale = Locale.parse(language)
        # each string is printed on many pages: made once per key (the strings do not change)
        self._raws: dict[str, str | dict[str, str]] = {}
        self._htmls: dict[str, Markup] = {}
        self._categories: dict[int, str] = {}  # count -> plural category

    def _raw(self, key: str) -> str | dict[str, str]:
        """The string, or its plural forms, with the language's typography."""
        if key not in self._raws:
            value = self._strings[key].get(self._language)
            if isinstance(value, dict):
                self._raws[key] = {c: self._typography(v) for c, v in value.items()}
            else:
                self._raws[key] = self._typography(value)
        return self._raws[key]

    def _text(self, key: str) -> str:
        """A string of one text (``checks.interface`` rejects a use that gets plural forms)."""
        raw = self._raw(key)
        if isinstance(raw, dict):
            raise TypeError(f"interface string '{key}' has plural forms: use ui.plural")
        return raw

    def _forms(self, key: str) -> dict[str, str]:
        """A string's plural forms (``checks.interface`` rejects a use that gets one text)."""
        raw = self._raw(key)
        if not isinstance(raw, dict):
            raise TypeError(f"interface string '{key}' has no plural forms: use ui('{key}')")
        return raw

    def _html(self, raw: str, values: dict[str, object]) -> Markup:
        def fill(run: str) -> str:
            parts = _PLACEHOLDER.split(run)  # text, name, text, name, …, text
            out = [escape_text(parts[0])]
            for name, text in zip(parts[1::2], parts[2::2], strict=True):
                value = values.get(name, "{" + name + "}")
                out.append(value if isinstance(value, Markup) else escape_text(str(value)))
                out.append(escape_text(text))
            return "".join(out)

        return Markup("".join(str(p) for p in to_html(raw, fill)))

    def __getattr__(self, key: str) -> Markup:
        if key.startswith("_") or key not in self._strings:
            raise AttributeError(key)
        if key not in self._htmls:
            self._htmls[key] = self._html(self._text(key), {})
        return self._htmls[key]

    def __getitem__(self, key: str) -> Markup:
        return getattr(self, key)

    def __call__(self, key: str, **values: object) -> Markup:
        return self._html(self._text(key), values)

    def plural(self, key: str, count: int, **values: object) -> Markup:
        forms = self._forms(key)
        if count not in self._categories:  # CLDR's rules, slow to evaluate
            self._categories[count] = self._locale.plural_form(count)
        form = forms.get(self._categories[count], forms["other"])
        return self._html(form, {"n": count, **values})

    def label(self, key: str) -> Markup:
        return self("label_format", label=getattr(self, key))

    def plain(self, key: str, **values: object) -> str:
        raw = self._text(key)
        return plain(_PLACEHOLDER.sub(lambda m: str(values.get(m[1], m[0])), raw))

    def js(self, key: str, *names: str) -> str:
        """The string for a script that fills the placeholders ``names``
        itself: plain text, or its plural forms as JSON."""
        raw = self._raw(key)
        return json.dumps(raw, ensure_ascii=False) if isinstance(raw, dict) else _plain_spaced(raw)

    def date(self, date: str) -> str:
        """'2018-10-18' as '18 octobre 2018' (CLDR month names; the patterns
        ``date_day``, ``date_first_day`` and ``date_month`` of interface.yaml),
        keeping the precision of the date: a year, a month or a day. Every
        date the edition writes is formatted here."""
        parts = [int(p) for p in date.split("-")]
        if len(parts) == 1:
            return str(parts[0])
        # the first day of a month has a pattern of its own: "1er février" in French
        key = DATE_PATTERNS[1] if len(parts) == 2 else DATE_PATTERNS[2 if parts[2] == 1 else 0]
        pattern = self._text(key)
        return format_date(dt.date(*parts, *[1] * (3 - len(parts))), pattern, locale=self._locale)

    def language_name(self, code: str) -> str:
        """The name of a language in that language, capitalised (CLDR): for headings."""
        name = Locale.parse(code).get_display_name(code) or code
        return name[:1].upper() + name[1:]

    def language(self, code: str) -> str:
        """The name of a language in this one, as a sentence writes it (CLDR)."""
        return Locale.parse(code).get_display_name(self._locale) or code

    def escaped(self, key: str, **values: object) -> Markup:
        """Plain text, HTML-escaped: for theme templates, which do not escape."""
        return escape(self.plain(key, **values))


@dataclass(frozen=True)
class Usage:
    """A template's use of an interface string."""

    key: str
    template: str
    placeholders: frozenset[str]  # the names the template fills
    plural: bool | None = False  # None: either (a script chooses)


def template_usage(folders: Iterable[Path]) -> list[Usage]:
    """Every use of an interface string in the templates of ``folders``
    (``*.j2`` and ``*.html``): ``ui.key``, ``ui['key']``, ``ui('key', a=…)``,
    ``ui.plural('key', n, a=…)``, ``ui.label('key')``, ``ui.plain``/``ui.js``,
    and ``ui['prefix_' ~ x]`` for the ``FAMILIES``."""
    found = []
    for folder in folders:
        for path in sorted([*folder.rglob("*.j2"), *folder.rglob("*.html")]):
            name = path.relative_to(folder).as_posix()
            found += _template_uses(path, name, path.stat().st_mtime_ns)
    return found


@functools.lru_cache(maxsize=256)  # while serving: a template is parsed again only once changed
def _template_uses(path: Path, name: str, modified: int) -> list[Usage]:
    return _uses(Environment().parse(path.read_text(encoding="utf-8")), name)


# CLDR date patterns, for ``InterfaceText.date``: a day, a month, the first day of a month
DATE_PATTERNS = ("date_day", "date_month", "date_first_day")
# The strings a method of ``InterfaceText`` uses besides the one it is
# given, with the placeholders it fills in them.
_METHOD_KEYS: dict[str, dict[str, frozenset[str]]] = {
    "label": {"label_format": frozenset({"label"})},
    "date": dict.fromkeys(DATE_PATTERNS, frozenset()),
}


def date_pattern_problem(pattern: str, language: str) -> str | None:
    """Why ``pattern`` is not a CLDR pattern of a date alone, or None."""
    try:
        format_date(dt.date(2018, 12, 6), pattern, locale=Locale.parse(language))
    except (AttributeError, KeyError, ValueError, TypeError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def _is_ui(node: nodes.Node) -> bool:
    return (isinstance(node, nodes.Name) and node.name == "ui") or (
        isinstance(node, nodes.Getattr) and node.attr == "ui"
    )


def _uses(tree: nodes.Template, template: str) -> list[Usage]:
    found = []
    methods = set()
    for call in tree.find_all(nodes.Call):
        target, args = call.node, call.args
        key = args[0].value if args and isinstance(args[0], nodes.Const) else None
        names = frozenset(k.key for k in call.kwargs)
        if _is_ui(target):  # ui('key', a=…), ui('prefix_' ~ x, a=…)
            found += _family(args[0], template, names) if args else []
            continue
        if not (isinstance(target, nodes.Getattr) and _is_ui(target.node)):
            continue
        if target.attr not in InterfaceText.METHODS:
            continue
        methods.add(id(target))
        for extra, fills in _METHOD_KEYS.get(target.attr, {}).items():
            found.append(Usage(extra, template, fills))
        if key is None or target.attr in ("date", "language_name", "language"):
            continue
        if target.attr == "plural":
            found.append(Usage(key, template, names | {"n"}, plural=True))
        elif target.attr == "js":
            filled = frozenset(a.value for a in args[1:] if isinstance(a, nodes.Const))
            found.append(Usage(key, template, filled, plural=None))
        else:
            found.append(Usage(key, template, names))
    for node in tree.find_all(nodes.Getattr):
        if _is_ui(node.node) and id(node) not in methods and node.attr not in InterfaceText.METHODS:
            found.append(Usage(node.attr, template, frozenset()))
    for item in tree.find_all(nodes.Getitem):
        if _is_ui(item.node):
            found += _family(item.arg, template, frozenset())
    return found


def _family(key: nodes.Node, template: str, names: frozenset[str]) -> list[Usage]:
    """The strings ``key`` names: one ('key'), or a family ('prefix_' ~ x)."""
    if isinstance(key, nodes.Const):
        return [Usage(key.value, template, names)]
    if isinstance(key, nodes.Concat) and isinstance(key.nodes[0], nodes.Const):
        prefix = key.nodes[0].value
        return [Usage(prefix + member, template, names) for member in FAMILIES[prefix]]
    return []


# -- the Python code's uses ----------------------------------------------------
@dataclass(frozen=True)
class PythonUsage:
    """The uses of interface strings in the generator's Python code: each
    literal key, and the places that compute their keys (``dynamic``: the
    page registry's labels, ``pages.interface_keys``)."""

    uses: tuple[Usage, ...]
    dynamic: tuple[str, ...]  # "file:line" of each use of a computed key


# The methods of ``InterfaceText`` that take a key first.
_KEYED = frozenset({"plural", "label", "plain", "js", "escaped"})


def python_usage(folder: Path) -> PythonUsage:
    """Every use of an interface string in the modules of ``folder``: on
    ``ui``, ``<x>.ui``, ``ui_of(…)`` or ``InterfaceText(…)``, as ``ui('key',
    a=…)``, ``ui.escaped('key')`` (any method), ``ui.key`` or ``ui['key']``."""
    uses: list[Usage] = []
    dynamic: list[str] = []
    for path in sorted(folder.glob("*.py")):
        found = _python_uses(path, f"{folder.name}/{path.name}", path.stat().st_mtime_ns)
        uses += found.uses
        dynamic += found.dynamic
    return PythonUsage(tuple(uses), tuple(dynamic))


def _is_ui_py(node: ast.AST) -> bool:
    return (
        (isinstance(node, ast.Name) and node.id == "ui")
        or (isinstance(node, ast.Attribute) and node.attr == "ui")
        or (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("ui_of", "InterfaceText")
        )
    )


# ui( ui. ui[ (or on x.ui, ui_of(…), InterfaceText(…)): a module without any is not parsed
_MAY_USE = re.compile(r"\bui\s*[.(\[]|\bui_of\(|InterfaceText\(")


@functools.lru_cache(maxsize=64)  # while serving: a module is parsed again only once changed
def _python_uses(path: Path, name: str, modified: int) -> PythonUsage:
    text = path.read_text(encoding="utf-8")
    if not _MAY_USE.search(text):
        return PythonUsage((), ())  # no use here: not parsed
    every = list(ast.walk(ast.parse(text, str(path))))
    functions = [f for f in every if isinstance(f, ast.FunctionDef)]

    def dicts(call: ast.Call) -> dict[str, frozenset[str]]:
        """The dict literals of the innermost function around ``call``."""
        around = [f for f in functions if f.lineno <= call.lineno <= (f.end_lineno or 0)]
        return _dict_literals(max(around, key=lambda f: f.lineno)) if around else {}

    uses: list[Usage] = []
    dynamic: list[str] = []
    called: set[int] = set()  # the ui.method nodes that are called
    for node in every:
        where = f"{name}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Call) and (
            _is_ui_py(node.func)
            or (isinstance(node.func, ast.Attribute) and _is_ui_py(node.func.value))
        ):
            # ui(…) or ui.method(…)
            func = node.func
            method = func.attr if isinstance(func, ast.Attribute) and not _is_ui_py(func) else None
            if method is not None and method not in InterfaceText.METHODS:
                continue  # ui.key(…): not a method; the attribute is read below
            if method is not None:
                called.add(id(node.func))
                for extra, fills in _METHOD_KEYS.get(method, {}).items():
                    uses.append(Usage(extra, where, fills))
            if method is not None and method not in _KEYED:
                continue
            key = node.args[0] if node.args else None
            names = _keywords(node, dicts)
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)) or names is None:
                dynamic.append(where)
            elif method == "plural":
                uses.append(Usage(key.value, where, names | {"n"}, plural=True))
            elif method == "js":
                filled = frozenset(
                    a.value
                    for a in node.args[1:]
                    if isinstance(a, ast.Constant) and isinstance(a.value, str)
                )
                uses.append(Usage(key.value, where, filled, plural=None))
            else:
                uses.append(Usage(key.value, where, names))
        elif isinstance(node, ast.Subscript) and _is_ui_py(node.value):
            key = node.slice
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                uses.append(Usage(key.value, where, frozenset()))
            else:
                dynamic.append(where)
    for node in every:
        if not (isinstance(node, ast.Attribute) and _is_ui_py(node.value)):
            continue
        if node.attr in _KEYED and id(node) not in called:
            dynamic.append(f"{name}:{node.lineno}")  # a keyed method passed on: keys computed
        elif node.attr not in InterfaceText.METHODS and not node.attr.startswith("_"):
            uses.append(Usage(node.attr, f"{name}:{node.lineno}", frozenset()))
    return PythonUsage(tuple(uses), tuple(dynamic))


def _keywords(
    call: ast.Call, dicts: Callable[[ast.Call], dict[str, frozenset[str]]]
) -> frozenset[str] | None:
    """The names a call fills: its keywords, and those of a ``**values`` whose
    dict literal is assigned in its function (``dicts(call)``); None if they
    cannot be known."""
    names: set[str] = set()
    for keyword in call.keywords:
        if keyword.arg is not None:
            names.add(keyword.arg)
        elif isinstance(keyword.value, ast.Name) and keyword.value.id in (found := dicts(call)):
            names |= found[keyword.value.id]
        else:
            return None
    return frozenset(names)


def _dict_literals(tree: ast.AST) -> dict[str, frozenset[str]]:
    """``name = {"a": …, "b": …}`` in a function: the names' keys (a name
    assigned twice, or not only string keys, is left out)."""
    found: dict[str, frozenset[str] | None] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                seen = target.id in found
                found[target.id] = None if seen else _string_keys(node.value)
    return {name: keys for name, keys in found.items() if keys is not None}


def _string_keys(value: ast.expr) -> frozenset[str] | None:
    """The keys of a dict literal whose keys are all strings, or None."""
    if not isinstance(value, ast.Dict):
        return None
    keys = [k.value for k in value.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
    return frozenset(keys) if len(keys) == len(value.keys) else None
