"""Pure rendering: the document -> ``{path: markdown}``, page by page.

Every page is its kind's template (``pages.KINDS``) given a ``PageText``,
``t``: data texts go through ``t(...)`` (escaped by ``markup.escape_text``, so
no YAML value can inject markup, Markdown or script), interface strings
through ``t.ui`` and page metadata through ``t.front_matter`` (written by a
YAML serializer). Whatever else a template prints that is not ``Markup`` (a
name in an attribute, a URL from the data, a number) is escaped the same way
by the environment (``_finalize``): in element content and attribute values
alike, since Markdown reads both. Paths are relative to the docs folder and
carry no language suffix; ``render_site`` names the files of the generated
folder.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from . import addresses, citation, editions, incremental, opendata, pages, pictures, study, views
from .interface import TYPOGRAPHY, InterfaceText
from .markup import FOOTNOTE_MARK, built_url, escape_text, plain, to_html
from .models import Action, Document, Measure, Text
from .pages import PageKind
from .terms import Found, TermFinder

TEMPLATES = pages.TEMPLATES_DIR
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's when PyYAML has it


@dataclass(frozen=True)
class Edition:
    """Where this edition is published, as citations and the open data name
    it (``site_url``), and where readers report an error (``report``: ``report_url``
    of mkdocs.yml; none, no report links); its version and date are the data's
    (``Document.edition``)."""

    site_url: str = "http://localhost:8000/"
    report: str = ""
    archived: frozenset[str] = frozenset()  # the earlier editions' zips in docs/editions/


DEFAULT_EDITION = Edition()


@dataclass(frozen=True)
class Urls:
    """Relative URLs between pages, as MkDocs serves them."""

    directory_urls: bool = True

    def served(self, path: str) -> str:
        if self.directory_urls:
            return addresses.served(path)
        return path.removesuffix(".md") + ".html"

    def base(self, page: str) -> str:
        """The folder that relative URLs on ``page`` start from."""
        page_url = self.served(page)
        base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
        return base.rstrip("/") or "."

    def relative(self, target: str, base: str, fragment: str = "") -> str:
        target_url = self.served(target)
        rel = relative_path(target_url or ".", base)
        if target_url.endswith("/") or not target_url:
            rel = "./" if rel == "." else rel + "/"
        return rel + f"#{fragment}" if fragment else rel


def relative_path(target: str, base: str) -> str:
    """``posixpath.relpath`` for normalised relative paths, without the file system."""
    to = [part for part in target.split("/") if part not in ("", ".")]
    start = [part for part in base.split("/") if part not in ("", ".")]
    common = 0
    while common < min(len(to), len(start)) and to[common] == start[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:]) or "."


# An acronym's link to its glossary entry, as ``LanguageRenderer._terms`` writes it
_GLOSSARY_LINK = re.compile(
    r'<a class="gl" href="[^"#]*#(?P<id>[^"]+)"(?: title="(?P<title>[^"]*)")?>(?P<name>[^<]*)</a>'
)
# Where the glossary's URL goes in a rendered text: a text is rendered once,
# then given each page depth's URL. No rendered data can hold it: escape_text
# writes every "&" of the data as "&amp;".
_GLOSSARY = "&glossary;"


class LanguageRenderer:
    """Renders the data texts of one language. A text appears on many pages
    (an action on its measure, actor, explorer, full-text and side-by-side
    pages), so each is rendered once and kept here, then once per page depth."""

    def __init__(self, doc: Document, language: str):
        self.doc = doc
        self.language = language
        self.ui = InterfaceText(doc.interface, language)
        names = views.glossary_names(doc.glossary, language)
        self._entries = {
            name: (entry.id, escape_text(plain(entry.long.get(language))))
            for name, entry in names.items()
        }
        self._finder = TermFinder(names)
        self._found: dict[str, list[Found]] = {}  # the terms of each run of text
        self._rendered: dict[tuple[str, str], list[str | int]] = {}
        self._pieces: dict[tuple[str, str, str], list[str | int]] = {}

    def pieces(self, raw: str, mode: str, glossary: str) -> list[str | int]:
        """The HTML of ``raw`` split at its footnote marks (their numbers between
        the pieces). ``mode``: "link" (acronyms link to the ``glossary`` URL,
        their expansion as a tooltip), "plain-link" (without the tooltip: on
        the glossary itself), "abbr" (explained, not linked: inside a link)."""
        key = (raw, mode, glossary)
        if key not in self._pieces:
            if (raw, mode) not in self._rendered:
                self._rendered[raw, mode] = to_html(raw, lambda run: self._terms(run, mode))
            self._pieces[key] = [
                p.replace(_GLOSSARY, glossary) if isinstance(p, str) else p
                for p in self._rendered[raw, mode]
            ]
        return self._pieces[key]

    def _terms(self, run: str, mode: str) -> str:
        out: list[str] = []
        last = 0
        if run not in self._found:
            self._found[run] = list(self._finder.finditer(run))
        for found in self._found[run]:
            entry_id, expansion = self._entries[found.term]
            out.append(escape_text(run[last : found.start]))
            name = escape_text(run[found.start : found.end])
            if mode != "abbr":
                tooltip = f' title="{expansion}"' if mode == "link" else ""
                out.append(f'<a class="gl" href="{_GLOSSARY}#{entry_id}"{tooltip}>{name}</a>')
            else:
                out.append(f'<abbr title="{expansion}">{name}</abbr>')
            last = found.end
        out.append(escape_text(run[last:]))
        return "".join(out)


@dataclass
class PageText:
    """What a template writes with, for one page in one language: ``t(text)``,
    ``t.label``, ``t.attr``, ``t.ui``, links, footnote ids and metadata."""

    site: Site
    language: str
    page: str  # the page's docs-relative path
    note_prefix: str = ""  # side-by-side pages hold one set of notes per language
    kind: pages.PageKind | None = None
    footnotes: list[int] = field(default_factory=list)
    page_language: str = ""  # the page's language, for a column in another (side by side)

    def __post_init__(self) -> None:
        self.page_language = self.page_language or self.language
        self.renderer = self.site.renderer(self.language)
        self.ui = self.renderer.ui
        self.urls = self.site.urls
        self._base = self.urls.base(self.page)
        self._glossary = self.link("glossary")
        # the glossary holds the expansions itself: no tooltips there
        self._mode = "plain-link" if self.page == pages.page_path("glossary") else "link"
        self._linked: set[str] = set()  # the glossary entries linked on this page so far

    def __call__(self, text: Text | None) -> Markup:
        """Running text: acronyms link to the glossary, footnote marks become
        refs; a text that is the Council's own in a translated language is marked."""
        if not text:
            return Markup("")
        pieces = self.renderer.pieces(text.get(self.language), self._mode, self._glossary)
        html = "".join(self._footnote_ref(p) if isinstance(p, int) else p for p in pieces)
        html = _GLOSSARY_LINK.sub(self._once, html)
        if self.language in text.council:
            html += f' <span class="council-mark">{self.ui.council_mark}</span>'
        return Markup(html)

    def _once(self, link: re.Match[str]) -> str:
        """An acronym's first link on the page stays a link (a tab stop); the
        next ones are explained, not linked (``<abbr>``, as inside a link)."""
        if link["id"] not in self._linked:
            self._linked.add(link["id"])
            return link[0]
        return (
            f'<abbr title="{link["title"]}">{link["name"]}</abbr>'
            if link["title"]
            else link["name"]
        )

    def own(self, text: Text | None) -> Markup:
        """The edition's own text (a description, an explanation, an event), as
        running text with the language's typography, which the document's
        verbatim texts never get."""
        typography = TYPOGRAPHY.get(self.language)
        if not text or not typography or text.invariant:
            return self(text)
        return self(Text({self.language: typography(text.get(self.language))}))

    def provenance(self, texts: list[Text]) -> str:
        """Where this page's texts come from (``views.provenance``)."""
        return views.provenance(texts, self.language, self.site.doc.languages[0])

    def address(self, fragment: str = "", page: str = "") -> str:
        """This page's full address (for citations), or that of ``page`` (a
        docs-relative path) in this page's language: the edition's address,
        the language's folder, the page."""
        language = self.page_language
        folder = "" if language == self.site.doc.languages[0] else f"{language}/"
        page = self.urls.served(page or self.page) + (f"#{fragment}" if fragment else "")
        return self.site.edition.site_url.rstrip("/") + "/" + folder + page

    def cite(self, measure: Measure | None = None, action: Action | None = None) -> dict:
        """The citation of the document, a measure or an action, in the
        page's language: ``text`` without an access date (as it reads
        without scripts) and each form (``citation.records``) with the place
        of the date the script fills, with the form of that date."""
        edition = self.site.doc.edition
        url = self.address(action.anchor if action else "")
        ref = citation.reference(
            self.site.doc, self.language, url, edition.version, edition.date, measure, action
        )
        records = citation.records(ref, self.ui, None)
        labels = {
            "bibtex": self.ui.plain("copy_bibtex"),
            "ris": self.ui.plain("copy_ris"),
            "csl": self.ui.plain("copy_csl"),
        }
        return {
            "text": citation.text(ref, self.ui, None),
            "records": {name: citation.attribute(r) for name, r in records.items()},
            "forms": citation.ACCESS_FORMS,
            "exports": [(name, labels[name]) for name in citation.FORMATS],
        }

    def report(self, passage: str, fragment: str, measure: int | None = None) -> str:
        """The address of a prefilled report of an error in ``passage`` (at
        ``#fragment`` of this page, or of the page of ``measure`` when this
        page has no such anchor); none if no address is configured."""
        edition = self.site.doc.edition
        number = self.site.doc.record.number
        url = self.address(fragment, pages.page_path("measure", measure) if measure else "")
        return citation.report_url(
            self.site.edition.report, self.ui, passage, url, number, edition.version, edition.date
        )

    def last_updated(self) -> Markup:
        """ "Last updated": the newest edition whose changes name a passage
        this page shows, linked to its entry in the history; none if none did."""
        edition = self.site.updated.get(self.page)
        if edition is None:
            return Markup("")
        words = self.ui("last_updated", version=edition.version, date=self.ui.date(edition.date))
        href = self.link("history", fragment=editions.anchor(edition))
        return Markup(f'<p class="last-updated"><a href="{href}">{words}</a></p>')

    def label(self, text: Text) -> Markup:
        """Text inside a link: acronyms explained but not linked; no footnote marks."""
        raw = FOOTNOTE_MARK.sub("", text.get(self.language))
        pieces = self.renderer.pieces(raw, "abbr", self._glossary)
        return Markup("".join(p for p in pieces if isinstance(p, str)))  # no marks: removed above

    def attr(self, text: Text) -> str:
        """Plain text, for attributes (escaped when printed: ``_finalize``)."""
        return plain(text.get(self.language))

    def front_matter(self, **meta: object) -> Markup:
        """The page's metadata block: strings plain and HTML-escaped (themes
        print titles without escaping), written by a YAML serializer; with
        what search results say of the page (its kind and weight)."""
        if self.kind and "description" not in meta:  # a page's own, distinct from every other's
            page = meta.get("title") or self.ui.plain(self.kind.label)
            number = self.site.doc.record.number
            meta = {
                **meta,
                "description": self.ui.plain("page_description", page=page, number=number),
            }
        search = self.kind.search if self.kind else None
        if self.kind and search is None:
            meta = {**meta, "search_exclude": True}
        elif search is not None:
            label, weight = search
            meta = {**meta, "search_type": self.ui.plain(label), "search_weight": weight}
        values = {k: str(escape(plain(v))) if isinstance(v, str) else v for k, v in meta.items()}
        dumped = yaml.dump(
            values, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1_000_000
        )
        return Markup(f"---\n{dumped}---\n")

    def column(self, language: str) -> PageText:
        """The same page, for the texts of a language (side by side): the page's
        own language keeps the footnote ids of the full text (#fn:3), the
        other's are told apart (#fn-en:3)."""
        prefix = "" if language == self.language else f"-{language}"
        return PageText(
            self.site, language, self.page, note_prefix=prefix, page_language=self.language
        )

    def url(self, target: str, fragment: str = "") -> Markup:
        return self.site.url(target, self._base, fragment)

    def link(self, kind: str, key: object = None, fragment: str = "") -> Markup:
        """The URL of a page of the site: ``url(pages.page_path(kind, key), fragment)``."""
        return self.url(pages.page_path(kind, key), fragment)

    def file_url(self, target: str) -> Markup:
        """A static file (not a page), relative to this page."""
        return built_url(relative_path(target, self._base))

    def default_file_url(self, target: str) -> Markup:
        """A static file published once, in the default language's folder
        (the offline zip), relative to this page: another language's pages
        are in its folder ("en/")."""
        default = self.language == self.site.doc.languages[0]
        return built_url(
            relative_path(target, self._base if default else f"{self.language}/{self._base}")
        )

    def heading(self, level: int) -> Markup:
        """The marker of a Markdown heading of ``level`` (``##``)."""
        return Markup("#" * level)

    def note_id(self, number: int) -> str:
        return f"fn{self.note_prefix}:{number}"

    def ref_id(self, number: int) -> str:
        return f"fnref{self.note_prefix}:{number}"

    def _footnote_ref(self, number: int) -> str:
        again = number in self.footnotes
        ref_id = f"fnref2{self.note_prefix}:{number}" if again else self.ref_id(number)
        self.footnotes.append(number)
        href = f"#{self.note_id(number)}"
        return f'<sup id="{ref_id}"><a class="footnote-ref" href="{href}">{number}</a></sup>'


def _finalize(value: object) -> object:
    """What a template prints: ``Markup`` (HTML the generator wrote, data in it
    escaped) as it is; anything else is text, escaped so that neither HTML
    nor Markdown reads it, in element content and attribute values alike
    (Markdown's inline patterns run inside the tags of a paragraph or heading)."""
    return value if isinstance(value, Markup) else escape_text(str(value))


def environment(extra_template_dirs: tuple[Path, ...] = ()) -> Environment:
    """The Jinja environment of the page templates (overridable from
    ``extra_template_dirs``). No bytecode cache on disk: it is keyed by a
    template's source only, so a template compiled by another version of this
    environment (without ``finalize``, say) would be used as it is."""
    loader = FileSystemLoader([*map(str, extra_template_dirs), str(TEMPLATES)])
    env = Environment(
        loader=loader,
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["page_path"] = pages.page_path
    return env


_ENVIRONMENT = environment()


def render_pages(doc: Document, language: str, directory_urls: bool = True) -> dict[str, str]:
    """Every generated page of ``doc`` in ``language``: ``{path: markdown}``."""
    return Site(doc, directory_urls).pages(language)


class Site:
    """One rendering of the site: the views its pages share, the renderer of
    each language, the templates. Given the ``last`` rendering (a preview's),
    the pages an edit cannot have changed are taken from it (``incremental``:
    ``reused`` names their files)."""

    def __init__(
        self,
        doc: Document,
        directory_urls: bool = True,
        edition: Edition = DEFAULT_EDITION,
        env: Environment = _ENVIRONMENT,
        last: incremental.Rendering | None = None,
    ):
        self.doc = doc
        self.edition = edition
        self.urls = Urls(directory_urls)
        self.env = env
        self.views = views.Views(doc)
        self.updated = editions.last_updated(doc)  # page path -> the edition that last changed it
        self._renderers: dict[str, LanguageRenderer] = {}
        self._urls: dict[tuple[str, str, str], Markup] = {}  # pages link to the same pages
        # what the pages are rendered from besides the document: a change renders them all
        folders = getattr(env.loader, "searchpath", ())
        self.settings = (directory_urls, edition, incremental.sources(folders))
        self.last = last
        self.kept = incremental.kept(last, doc, self.settings)
        self.reused: set[str] = set()  # the files taken from the last rendering

    def url(self, target: str, base: str, fragment: str = "") -> Markup:
        """The URL of the page ``target`` from the folder ``base`` (``Urls.base``)."""
        key = (target, base, fragment)
        if key not in self._urls:
            self._urls[key] = built_url(self.urls.relative(target, base, fragment))
        return self._urls[key]

    def renderer(self, language: str) -> LanguageRenderer:
        if language not in self._renderers:
            self._renderers[language] = LanguageRenderer(self.doc, language)
        return self._renderers[language]

    def pages(self, language: str) -> dict[str, str]:
        out = {}
        for kind in pages.GENERATED:
            for key, path in kind.pages(self.doc):
                if self.last and self.kept.page(kind, key):
                    name = addresses.generated_name(path, language)
                    out[path] = self.last.files[name]
                    self.reused.add(name)
                    continue
                out[path] = self.page(kind, key, path, language)
        return out

    def page(self, kind: PageKind, key: object, path: str, language: str) -> str:
        """The Markdown of one generated page (``kind.pages``: its key and path)."""
        assert kind.template, kind.name  # GENERATED: the kinds that have a template
        template = self.env.get_template(kind.template)
        t = PageText(self, language, path, kind=kind)
        context = kind.context(t, self.doc, key, self.views)
        text = template.render(doc=self.doc, lang=language, t=t, edition=self.edition, **context)
        return _tidy(text)

    def files(self, yaml_texts: dict[str, str]) -> dict[str, str]:
        """Every file of the generated folder: each language's pages (named
        ``measure-4.fr.md``; the home page body ``index.<lang>.md``, which the
        hand-written ``docs/index.<lang>.md`` includes) and the open data."""
        files = {}
        for language in self.doc.languages:
            for path, text in self.pages(language).items():
                files[addresses.generated_name(path, language)] = text
        files[pictures.HEAT_CSS] = pictures.heat_css()
        data = addresses.in_folder(opendata.FOLDER)
        for name, text in opendata.open_data_files(
            self.doc, yaml_texts, self.edition.site_url
        ).items():
            files[f"{data}/{name}"] = text
        for language in self.doc.languages:  # the study cards, for Anki
            anki = study.anki_text(self.doc, language, self.edition.site_url)
            files[f"{data}/{opendata.anki_name(language)}"] = anki
        return files


def render_site(
    doc: Document,
    directory_urls: bool = True,
    yaml_texts: dict[str, str] | None = None,
    edition: Edition = DEFAULT_EDITION,
) -> dict[str, str]:
    """Every file of the generated folder (see ``Site.files``)."""
    return Site(doc, directory_urls, edition).files(yaml_texts or {})


def render_again(
    doc: Document,
    directory_urls: bool,
    yaml_texts: dict[str, str],
    edition: Edition,
    last: incremental.Rendering | None,
) -> tuple[incremental.Rendering, set[str]]:
    """``render_site`` for a preview, which keeps the ``last`` rendering: the
    rendering, and the files taken from the last one."""
    site = Site(doc, directory_urls, edition, last=last)
    files = site.files(yaml_texts)
    return incremental.Rendering(doc, site.settings, files), site.reused


def _tidy(text: str) -> str:
    """Collapse runs of blank lines; end with one newline."""
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"
