"""Pure rendering: ``(document, language) -> {path: markdown}``.

Paths are relative to the docs folder and carry no language suffix (the MkDocs
adapter adds it). Data text is escaped here and reaches the page as HTML: no
YAML value can inject markup, Markdown syntax or script.
"""

from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MethodType
from typing import NamedTuple

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
)
from jinja2.compiler import CodeGenerator
from jinja2.runtime import Context, Macro
from markupsafe import Markup, escape

from . import views
from .markup import FOOTNOTE_MARK, TermFinder, plain
from .models import ACTOR_KINDS, Document, GlossaryEntry, Text
from .opendata import open_data_files, schema_fields
from .validate import FILES

TEMPLATES = Path(__file__).parent / "templates"
HOME = "index.md"
PREFIX = "package"
_INLINE = re.compile(r"(\*\*|\[\^\d+\]|\^[^^\s][^^]*\^)")
# Characters HTML or Markdown would read, as numeric references; "&" and "#"
# first, since the replacements themselves hold them.
_ESCAPES = tuple(
    (c, {"&": "&amp;", "<": "&lt;", ">": "&gt;"}.get(c, f"&#{ord(c)};"))
    for c in "&#\\`*_[]{}+=~^|\"'<>"
)


_PAGE_PATHS = {
    "home": HOME,
    "measure": PREFIX + "/measure-{}.md",
    "actors": PREFIX + "/actors.md",
    "actor": PREFIX + "/actors/{}.md",
    "glossary": PREFIX + "/glossary.md",
    "full-text": PREFIX + "/full-text.md",
    "search": PREFIX + "/search.md",
    "who-does-what": PREFIX + "/who-does-what.md",
    "explorer": PREFIX + "/explorer.md",
    "timeline": PREFIX + "/timeline.md",
    "side-by-side": PREFIX + "/side-by-side/{}.md",
    "study": PREFIX + "/study.md",
    "overview": PREFIX + "/overview.md",
    "open-data": PREFIX + "/open-data.md",
}


def page_path(kind: str, key: object = None) -> str:
    """The source path of a page of the edition."""
    path = _PAGE_PATHS[kind]
    return path.format(key) if "{" in path else path


DATA_FOLDER = f"{PREFIX}/data"


_SPACES = re.compile(r"\s+")
_UNEVEN_SPACE = re.compile(r"[^\S ]|  ")  # what _SPACES would change


def escape_text(text: str) -> Markup:
    """HTML-escape ``text`` and neutralise Markdown syntax characters."""
    if _UNEVEN_SPACE.search(text):
        text = _SPACES.sub(" ", text)
    for char, reference in _ESCAPES:  # str.replace: faster than str.translate
        if char in text:
            text = text.replace(char, reference)
    return Markup(text)


def relative_path(target: str, base: str) -> str:
    """``posixpath.relpath`` for normalised relative paths, without touching the
    file system (no ``os.getcwd``)."""
    to, start = _parts(target), _parts(base)
    common = 0
    while common < min(len(to), len(start)) and to[common] == start[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + list(to[common:])) or "."


@functools.lru_cache(maxsize=1 << 16)  # the same pages and folders, over and over
def _parts(path: str) -> tuple[str, ...]:
    return tuple(part for part in path.split("/") if part not in ("", "."))


@dataclass(frozen=True)
class Urls:
    """Relative URLs between pages, as MkDocs will serve them."""

    directory_urls: bool = True

    def served(self, path: str) -> str:
        stem = path[: -len(".md")]
        if not self.directory_urls:
            return stem + ".html"
        if stem == "index" or stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"

    def base(self, page: str) -> str:
        """The folder that relative URLs on ``page`` start from."""
        page_url = self.served(page)
        base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
        return base.rstrip("/") or "."

    def relative(self, target: str, page: str, fragment: str = "") -> str:
        return self.relative_from(target, self.base(page), fragment)

    def relative_from(self, target: str, base: str, fragment: str = "") -> str:
        rel = _relative_url(self, target, base)
        return rel + f"#{fragment}" if fragment else rel


@functools.lru_cache(maxsize=1 << 16)  # a page links to the same pages again and again
def _relative_url(urls: Urls, target: str, base: str) -> str:
    target_url = urls.served(target)
    rel = relative_path(target_url or ".", base)
    if target_url.endswith("/") or not target_url:
        rel = "./" if rel == "." else rel + "/"
    return rel


@dataclass
class PageText:
    """Renders data texts for one page in one language; collects footnote marks."""

    doc: Document
    language: str
    page: str
    urls: Urls
    note_prefix: str = ""  # side-by-side pages hold one set of notes per language
    term_tooltips: bool = True  # acronyms' expansions as tooltips (not on the glossary)
    footnotes: list[int] = field(default_factory=list)

    def __post_init__(self):
        self._terms_by_name, self._pattern = _term_matcher(self.doc, self.language)
        self._base = self.urls.base(self.page)
        self.ui = interface_text(self.doc, self.language)
        self._glossary = self.url(_GLOSSARY)
        # A text is rendered once per language (actions appear on their measure,
        # actor, explorer, full-text and side-by-side pages) into pieces: HTML
        # with a mark for the glossary's relative URL, and footnote numbers.
        memo = self.doc.memo
        self._pieces = memo.setdefault(("pieces", self.language, self.term_tooltips), {})
        # Texts without footnote marks are the same on every page with the same
        # glossary URL: kept whole.
        key = ("rendered", self.language, self._glossary, self.term_tooltips)
        self._rendered = memo.setdefault(key, {})

    def __call__(self, text: Text | None) -> Markup:
        """Running text: acronyms link to the glossary, footnote marks become refs."""
        return self._render(text.get(self.language), terms="link") if text else Markup("")

    def label(self, text: Text) -> Markup:
        """Text inside a link: acronyms get a tooltip but no link; no footnote marks."""
        return self._render(FOOTNOTE_MARK.sub("", text.get(self.language)), terms="abbr")

    def attr(self, text: Text) -> str:
        """Plain text for attributes and front matter."""
        return plain(text.get(self.language)).replace('"', "'")

    def ui_plain(self, key: str) -> Markup:
        """An interface string for front matter: HTML-escaped, since MkDocs themes
        print page titles without escaping."""
        return escape(plain(self.doc.interface[key].get(self.language)))

    def meta(self, text: Text) -> Markup:
        """A data text for front matter, HTML-escaped (see ``ui_plain``)."""
        return escape(plain(text.get(self.language)))

    def _render(self, raw: str, terms: str) -> Markup:
        key = (raw, terms)
        if key in self._rendered:
            return self._rendered[key]
        if key not in self._pieces:
            self._pieces[key] = self._render_pieces(raw, terms)
        pieces = self._pieces[key]
        if len(pieces) == 1:  # no footnote mark
            self._rendered[key] = Markup(pieces[0].replace(_GLOSSARY_URL, self._glossary))
            return self._rendered[key]
        out = [self._footnote_ref(piece) if type(piece) is int else piece for piece in pieces]
        return Markup("".join(out).replace(_GLOSSARY_URL, self._glossary))

    def _render_pieces(self, raw: str, terms: str) -> tuple[str | int, ...]:
        """The HTML of ``raw``, the glossary's URL left as ``_GLOSSARY_URL``,
        split at its footnote marks (their numbers): the same on every page."""
        pieces: list[str | int] = []
        out, bold = [], False
        for piece in _INLINE.split(raw):
            if piece == "**":
                out.append("</strong>" if bold else "<strong>")
                bold = not bold
            elif FOOTNOTE_MARK.fullmatch(piece):
                pieces += ["".join(out), int(piece[2:-1])]
                out = []
            elif len(piece) > 2 and piece[0] == piece[-1] == "^":
                out.append(f"<sup>{escape_text(piece[1:-1])}</sup>")
            elif piece:
                out.append(self._terms(piece, terms))
        pieces.append("".join(out))
        return tuple(pieces)

    def url(self, target: str, fragment: str = "") -> str:
        return self.urls.relative_from(target, self._base, fragment)

    def link(self, kind: str, key: object = None, fragment: str = "") -> str:
        """The URL of a page of the edition: ``url(page_path(kind, key), fragment)``."""
        return self.urls.relative_from(page_path(kind, key), self._base, fragment)

    def note_id(self, number: int) -> str:
        return f"fn{self.note_prefix}:{number}"

    def ref_id(self, number: int) -> str:
        return f"fnref{self.note_prefix}:{number}"

    def file_url(self, target: str) -> str:
        """A static file (not a page), relative to this page."""
        return relative_path(target, self._base)

    def _footnote_ref(self, number: int) -> str:
        again = number in self.footnotes
        ref_id = f"fnref2{self.note_prefix}:{number}" if again else self.ref_id(number)
        self.footnotes.append(number)
        href = f"#{self.note_id(number)}"
        return f'<sup id="{ref_id}"><a class="footnote-ref" href="{href}">{number}</a></sup>'

    def _terms(self, raw: str, mode: str) -> str:
        out, last = [], 0
        for match in self._pattern.finditer(raw):
            entry_id, title = self._terms_by_name[match.group(1)]
            out.append(escape_text(raw[last : match.start()]))
            name = escape_text(match.group(0))
            if mode == "link":
                href = f"{_GLOSSARY_URL}#{entry_id}"
                tooltip = f' title="{title}"' if self.term_tooltips else ""
                out.append(f'<a class="gl" href="{href}"{tooltip}>{name}</a>')
            else:
                out.append(f'<abbr title="{title}">{name}</abbr>')
            last = match.end()
        out.append(escape_text(raw[last:]))
        return "".join(out)


_GLOSSARY = page_path("glossary")
# Stands for the glossary's relative URL in rendered texts: no data text can
# hold it once escaped (escape_text writes every "&" as "&amp;").
_GLOSSARY_URL = "&glossary;"


class InterfaceText:
    """The interface strings of one language, rendered once: ``ui.key``,
    ``ui[key]``, or ``ui(key, name=value)`` to fill in ``{name}`` placeholders."""

    def __init__(self, doc: Document, language: str):
        self._strings = doc.interface
        self._language = language

    def __getattr__(self, key: str) -> Markup:
        if key.startswith("_") or key not in self._strings:
            raise AttributeError(key)
        value = _render_plain(self._strings[key].get(self._language))
        setattr(self, key, value)  # later lookups find the attribute itself
        return value

    def __getitem__(self, key: str) -> Markup:
        return getattr(self, key)

    def __call__(self, key: str, **values: object) -> Markup:
        raw = self._strings[key].get(self._language)
        for name, value in values.items():
            raw = raw.replace("{" + name + "}", str(value))
        return _render_plain(raw)


def interface_text(doc: Document, language: str) -> InterfaceText:
    key = ("interface", language)
    if key not in doc.memo:
        doc.memo[key] = InterfaceText(doc, language)
    return doc.memo[key]


def _render_plain(raw: str) -> Markup:
    """Bold and superscript markup; no term links, no footnote marks."""
    out, bold = [], False
    for piece in _INLINE.split(raw):
        if piece == "**":
            out.append("</strong>" if bold else "<strong>")
            bold = not bold
        elif len(piece) > 2 and piece[0] == piece[-1] == "^":
            out.append(f"<sup>{escape_text(piece[1:-1])}</sup>")
        elif piece:
            out.append(escape_text(piece))
    return Markup("".join(out))


def _term_matcher(doc: Document, language: str) -> tuple[dict[str, tuple[str, str]], re.Pattern]:
    """Glossary names of ``language`` -> (entry id, escaped expansion), and the
    pattern finding them (with a plural s)."""
    key = ("term_matcher", language)
    if key not in doc.memo:
        terms = {
            name: (entry.id, escape(" ".join(entry.long.get(language).split()).replace("**", "")))
            for name, entry in _glossary_terms(doc.glossary, language).items()
        }
        names = sorted(terms, key=len, reverse=True)
        alternatives = "|".join(re.escape(n) for n in names) or r"(?!x)x"
        doc.memo[key] = terms, re.compile(rf"(?<![\w-])({alternatives})(s?)(?![\w-])")
    return doc.memo[key]


def _glossary_terms(glossary: tuple[GlossaryEntry, ...], language: str) -> dict[str, GlossaryEntry]:
    terms: dict[str, GlossaryEntry] = {}
    for entry in glossary:
        for name in (entry.short.get(language), *entry.variants.get(language, ())):
            terms.setdefault(name, entry)
    return terms


class _Context(Context):
    """Jinja's context, calling macros and this module's helpers directly.

    ``Context.call`` looks for ``pass_context``-style markers on every call
    (three failed attribute lookups); the templates make tens of thousands of
    calls to objects that never carry one."""

    def call(__self, __obj, *args, **kwargs):  # noqa: N805 (Jinja's signature)
        kind = type(__obj)
        if kind in _DIRECT or (kind is MethodType and type(__obj.__self__) in _DIRECT):
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
            return __obj(*args, **kwargs)
        return super().call(__obj, *args, **kwargs)


_DIRECT = frozenset({Macro, PageText, InterfaceText})  # called directly by _Context


class _CodeGenerator(CodeGenerator):
    """Compiles an autoescaped ``{{ value }}`` to ``environment.escaped(value)``."""

    def _output_child_pre(self, node, frame, finalize) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:
            return super()._output_child_pre(node, frame, finalize)
        self.write("environment.escaped(")
        if finalize.src is not None:
            self.write(finalize.src)


class _Environment(Environment):
    """Jinja's environment with ``_Context`` and ``_CodeGenerator``."""

    context_class = _Context
    code_generator_class = _CodeGenerator

    @staticmethod
    def escaped(value: object) -> Markup:
        """``markupsafe.escape``, but a value already ``Markup`` (most of them
        here: every data text went through ``t``) is kept, not copied."""
        return value if type(value) is Markup else escape(value)


@functools.lru_cache(maxsize=8)
def environment(extra_template_dirs: tuple[Path, ...] = ()) -> Environment:
    """Jinja environment: templates overridable from ``extra_template_dirs``.

    Cached, so templates are compiled once per process (Jinja re-reads a
    template whose file changed, as during ``mkdocs serve``); the compiled code
    is also kept in Jinja's bytecode cache (a folder in the system's temporary
    directory, keyed by each template's checksum; files of their own, since
    ``_CodeGenerator`` compiles differently from Jinja's) for the next process."""
    loaders = [FileSystemLoader(str(d)) for d in extra_template_dirs]
    env = _Environment(
        loader=ChoiceLoader([*loaders, FileSystemLoader(str(TEMPLATES))]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=FileSystemBytecodeCache(pattern="__15250-18-generator-1_%s.cache"),
    )
    env.globals["page_path"] = page_path
    return env


PARTS = ("all", "main", "texts", "actors", "tables", "tools", "side-by-side")


def render_pages(
    doc: Document,
    language: str,
    directory_urls: bool = True,
    env: Environment | None = None,
    part: str = "all",
) -> dict[str, str]:
    """Every generated page of ``doc`` in ``language``: ``{path: markdown}``.

    ``part`` (processes rendering in parallel share the work this way):
    "texts" (home, measures, glossary, full text, search), "actors" (the
    actors and each actor's page), "tables" (who does what, explorer), "tools"
    (timeline, study, overview, open data), "side-by-side", or "main" (all but
    the side-by-side pages).
    """
    env = env or environment()
    urls = Urls(directory_urls)
    pages: dict[str, str] = {}
    templates: dict[str, object] = {}

    def render(template: str, path: str, **context: object) -> None:
        if template not in templates:
            templates[template] = env.get_template(template)
        # the glossary holds the expansions itself: its acronyms need no tooltip
        t = PageText(doc, language, path, urls, term_tooltips=path != _GLOSSARY)
        text = templates[template].render(doc=doc, lang=language, t=t, **context)
        pages[path] = _tidy(text)

    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}")
    if part in ("all", "main", "texts"):
        _render_texts(doc, language, render)
    if part in ("all", "main", "actors"):
        _render_actors(doc, render)
    if part in ("all", "main", "tables"):
        _render_tables(doc, render)
    if part in ("all", "main", "tools"):
        _render_tools(doc, language, render, urls)
    if part in ("all", "side-by-side"):
        _render_side_by_side(doc, render, urls)
    return pages


def _render_texts(doc: Document, language: str, render) -> None:
    render("home.md.j2", page_path("home"))
    measures = doc.measures
    related = related_index(doc)
    for i, measure in enumerate(measures):
        render(
            "measure.md.j2",
            page_path("measure", measure.number),
            measure=measure,
            section=doc.section(measure.section),
            previous=measures[i - 1] if i else None,
            next=measures[i + 1] if i + 1 < len(measures) else None,
            related=related[measure.number],
        )
    render("glossary.md.j2", page_path("glossary"), usage=glossary_usage(doc, language))
    render("full-text.md.j2", page_path("full-text"))
    render("search.md.j2", page_path("search"))


def _render_actors(doc: Document, render) -> None:
    counts = views.action_counts(doc)
    render("actors.md.j2", page_path("actors"), groups=actor_groups(doc), counts=counts)
    for actor in doc.actors:
        render(
            "actor.md.j2",
            page_path("actor", actor.id),
            actor=actor,
            links=actor_links(doc, actor.id),
        )


def _render_tables(doc: Document, render) -> None:
    """Who does what, and the explorer: the actor x action matrix."""
    matrix = views.actor_matrix(doc)
    render(
        "who-does-what.md.j2", page_path("who-does-what"), matrix=matrix, groups=actor_groups(doc)
    )
    render("explorer.md.j2", page_path("explorer"), matrix=matrix, involved=views.involved)


def _render_tools(doc: Document, language: str, render, urls: Urls) -> None:
    """The other reader and trainee tools (timeline, study, overview, open
    data); the side-by-side pages are `_render_side_by_side`."""
    months = doc.interface["months"].get(language).split("|")
    render(
        "timeline.md.j2",
        page_path("timeline"),
        events=views.timeline(doc),
        date=lambda d: views.format_date(d, months),
    )
    names = {lang: doc.interface["language_name"].get(lang) for lang in doc.languages}
    _render_study(doc, language, render, urls)
    render(
        "overview.md.j2",
        page_path("overview"),
        key_actors=views.key_actors(doc),
        main_actors=lambda m: _main_actors(doc, m, language),
    )
    render(
        "open-data.md.j2",
        page_path("open-data"),
        language_names=names,
        data_path=DATA_FOLDER + "/",
        yaml_names=[f"{name}.yaml" for name in FILES],
        fields=schema_fields(),
    )


def _render_side_by_side(doc: Document, render, urls: Urls) -> None:
    """FR | EN pages: the full text, and each measure."""
    names = {lang: doc.interface["language_name"].get(lang) for lang in doc.languages}
    for key, measures in [("full-text", doc.measures)] + [
        (f"measure-{m.number}", (m,)) for m in doc.measures
    ]:
        path = page_path("side-by-side", key)
        columns = {
            lang: PageText(doc, lang, path, urls, note_prefix=f"-{lang}") for lang in doc.languages
        }
        single = len(measures) == 1
        render(
            "side-by-side.md.j2",
            path,
            measure=measures[0] if single else None,
            rows=side_by_side_rows(doc, measures, preamble=not single),
            columns=columns,
            cells=list(columns.items()),
            language_names=names,
        )


def _main_actors(doc: Document, measure, language: str, count: int = 3) -> str:
    counts: dict[str, int] = {}
    for action in measure.actions:
        for actor in views.involved(action):
            counts[actor] = counts.get(actor, 0) + 1
    ranked = sorted(counts, key=lambda a: (-counts[a], a))[:count]
    return ", ".join(plain(doc.actor(a).name.get(language)) for a in ranked) or "—"


def _render_study(doc: Document, language: str, render, urls: Urls) -> None:
    path = page_path("study")
    questions = views.quiz_questions(doc, language)
    ui = {k: doc.interface[k].get(language) for k in _STUDY_STRINGS}

    def source_url(source: str) -> str:
        target, _, fragment = source.partition("#")
        return urls.relative(target, path, fragment)

    data = {
        "storage": f"study-15250-18-{language}",
        "strings": ui,
        "questions": [
            {
                "id": q.id,
                "question": ui["q_" + q.kind.replace("-", "_")],
                "prompt": q.prompt,
                "choices": list(q.choices),
                "answer": q.answer,
                "source": source_url(q.source),
            }
            for q in questions
        ],
        "cards": views.flashcards(doc, language),
    }
    render("study.md.j2", path, questions=questions, study_data=data, source_url=source_url)


_STUDY_STRINGS = (
    "q_measure_of_action",
    "q_actor_of_action",
    "q_acronym_meaning",
    "correct",
    "wrong",
    "see_source",
    "score",
    "card_count",
    "show_answer",
)


def render_site(
    doc: Document,
    languages: tuple[str, ...],
    directory_urls: bool = True,
    sources: dict[str, str] | None = None,
) -> dict[str, str]:
    """Every generated file, relative to the generated folder ``PREFIX``.

    Pages carry the language suffix (``measure-4.fr.md``); the home page body
    becomes ``index.<lang>.md`` there, included by the hand-written ``docs/index``.
    The open data (JSON per language, schema, the YAML ``sources``) go to ``data/``.
    """
    files = {}
    for language in languages:
        files.update(language_files(doc, language, directory_urls))
    files.update(data_files(doc, sources or {}))
    return files


def language_files(
    doc: Document, language: str, directory_urls: bool = True, part: str = "all"
) -> dict[str, str]:
    """The pages of one language (or a ``part``: see ``render_pages``), as
    ``render_site`` names them."""
    return {
        path.removeprefix(PREFIX + "/").removesuffix(".md") + f".{language}.md": text
        for path, text in render_pages(doc, language, directory_urls, part=part).items()
    }


def data_files(doc: Document, sources: dict[str, str]) -> dict[str, str]:
    """The open data files, as ``render_site`` names them."""
    data = DATA_FOLDER.removeprefix(PREFIX + "/")
    return {f"{data}/{name}": text for name, text in open_data_files(doc, sources).items()}


def navigation() -> list:
    """The site navigation as MkDocs ``nav`` entries (page titles come from the pages).

    Its size does not depend on the data: MkDocs themes write the navigation into
    every page, so listing each measure (or actor) would make the site grow as
    pages x measures. The home page is the table of contents; measure pages
    carry a breadcrumb and previous/next links.
    """
    return [
        HOME,
        page_path("actors"),
        page_path("glossary"),
        page_path("full-text"),
        {
            "Tools": [
                page_path("who-does-what"),
                page_path("explorer"),
                page_path("side-by-side", "full-text"),
                page_path("timeline"),
                page_path("overview"),
                page_path("study"),
                page_path("open-data"),
            ]
        },
        "about.md",
        "edit.md",
    ]


def _tidy(text: str) -> str:
    """Collapse runs of blank lines; end with one newline."""
    while "\n\n\n" in text:  # str.replace: ten times faster than a regex here
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"


# -- data views used by the templates (pure, tested on their own) -------------
def related_index(doc: Document) -> dict[int, list[tuple[int, int]]]:
    """Measure -> up to 5 other measures sharing the most actors: (number, shared)."""
    by_measure = {
        m.number: {a for action in m.actions for a in views.involved(action)} for m in doc.measures
    }
    by_actor: dict[str, list[int]] = {}
    for number, actors in by_measure.items():
        for actor in actors:
            by_actor.setdefault(actor, []).append(number)
    related = {}
    for number, actors in by_measure.items():
        shared: dict[int, int] = {}
        for actor in actors:
            for other in by_actor[actor]:
                if other != number:
                    shared[other] = shared.get(other, 0) + 1
        related[number] = sorted(shared.items(), key=lambda nc: (-nc[1], nc[0]))[:5]
    return related


class SideBySideRow(NamedTuple):
    kind: str  # title, action, annex-title, paragraph or item
    text: Text
    label: str | int | None = None  # a measure's number, an action's id


def side_by_side_rows(doc: Document, measures, preamble: bool) -> list[SideBySideRow]:
    """The aligned rows of a side-by-side page, in reading order."""
    rows = []
    if preamble:
        rows.append(SideBySideRow("title", doc.package.title))
        rows += [SideBySideRow("paragraph", p) for p in doc.package.introduction]
        rows += [SideBySideRow("paragraph", b.text) for b in doc.annex.introduction]
    for measure in measures:
        rows.append(SideBySideRow("title", measure.title, measure.number))
        rows += [SideBySideRow("action", a.text, a.id) for a in measure.actions]
        if measure.annex_title:
            rows.append(SideBySideRow("annex-title", measure.annex_title))
        for block in measure.annex:
            if block.text:
                rows.append(SideBySideRow("paragraph", block.text))
            else:
                rows += [SideBySideRow("item", item) for item in block.items]
    return rows


def _annex_texts(measure) -> list[Text]:
    return [b.text for b in measure.annex if b.text] + [i for b in measure.annex for i in b.items]


def annex_index(doc: Document) -> dict[str, list[int]]:
    """Actor id -> numbers of the measures whose annex names it (in any language)."""
    found: dict[str, set[int]] = {a.id: set() for a in doc.actors}
    for lang in doc.languages:
        owners: dict[str, list[str]] = {}
        for actor in doc.actors:
            for term in actor.terms.get(lang, ()):
                owners.setdefault(term, []).append(actor.id)
        finder = TermFinder(owners)
        for measure in doc.measures:
            text = "\n".join(t.get(lang) for t in _annex_texts(measure))
            for term in finder.findall(text):
                for actor_id in owners[term]:
                    found[actor_id].add(measure.number)
    return {actor_id: sorted(numbers) for actor_id, numbers in found.items()}


def actor_groups(doc: Document) -> list[tuple[str, list]]:
    """Actors grouped by kind, in the order of ``ACTOR_KINDS``; empty kinds left out."""
    groups = [(kind, [a for a in doc.actors if a.kind == kind]) for kind in ACTOR_KINDS]
    return [(kind, actors) for kind, actors in groups if actors]


@dataclass(frozen=True)
class ActorLinks:
    parent: object
    children: tuple
    addressed: tuple
    named: tuple
    annex_measures: tuple


def actor_links(doc: Document, actor_id: str) -> ActorLinks:
    """What an actor page links to (indexes built once per document)."""
    if "actor_links" not in doc.memo:
        doc.memo["actor_links"] = _all_actor_links(doc)
    return doc.memo["actor_links"][actor_id]


def _all_actor_links(doc: Document) -> dict[str, ActorLinks]:
    addressed: dict[str, list] = {a.id: [] for a in doc.actors}
    named: dict[str, list] = {a.id: [] for a in doc.actors}
    children: dict[str, list] = {a.id: [] for a in doc.actors}
    for action in doc.actions:
        for actor_id in dict.fromkeys(action.actors):
            addressed[actor_id].append(action)
        for actor_id in dict.fromkeys(action.mentions):
            if actor_id not in action.actors:
                named[actor_id].append(action)
    for actor in doc.actors:
        if actor.parent:
            children[actor.parent].append(actor)
    measures = {m.number: m for m in doc.measures}
    annex = annex_index(doc)
    return {
        actor.id: ActorLinks(
            parent=doc.actor(actor.parent) if actor.parent else None,
            children=tuple(children[actor.id]),
            addressed=tuple(addressed[actor.id]),
            named=tuple(named[actor.id]),
            annex_measures=tuple(measures[n] for n in annex[actor.id]),
        )
        for actor in doc.actors
    }


def glossary_usage(doc: Document, language: str) -> dict[str, list[int]]:
    """Glossary id -> numbers of the measures whose text uses the acronym."""
    terms = _glossary_terms(doc.glossary, language)
    finder = TermFinder(terms)
    usage: dict[str, list[int]] = {g.id: [] for g in doc.glossary}
    for measure in doc.measures:
        texts = [measure.title, *(a.text for a in measure.actions), *_annex_texts(measure)]
        joined = "\n".join(t.get(language) for t in texts)
        for entry_id in dict.fromkeys(terms[term].id for term in finder.findall(joined)):
            usage[entry_id].append(measure.number)
    return usage
