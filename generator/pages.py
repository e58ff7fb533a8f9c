"""The page registry: every kind of page of the site, in one list.

A page kind is a template and one ``PageKind`` entry; its paths, its place and
label in the navigation and what its template is given follow from the entry
(the template writes the page's title and metadata: ``PageText.front_matter``).
Hand-written pages (``docs/about.*.md``…) have an entry too, without a
template, so that the navigation is declared here only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from markdown.extensions.toc import slugify
from markupsafe import escape

from . import contexts
from .addresses import FOLDER, served
from .markup import plain
from .models import Document, Text

HOME = "index.md"
Texts = Literal["all", "outline", "measure", "actor"]
TEMPLATES_DIR = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class PageKind:
    """A kind of page. By convention its template is ``<name>.md.j2``, its
    path ``package/<name>.md`` and its navigation label the interface string
    ``<name>`` (hyphens as underscores)."""

    name: str
    path: str = ""  # relative to the docs folder; "{key}" for one page per key
    template: str | None = ""  # None: a hand-written page
    keys: Callable[[Document], list] | None = None  # the keys of a family of pages
    keys_from: tuple[str, str] | None = None  # (data file, document field) the keys are ids of
    nav: str | None = None  # "" (top level) or a section's label key: in the navigation
    # a family of pages in the navigation: (document, title of a text) -> its entries
    nav_tree: Callable[[Document, Callable[[Text], str]], list] | None = None
    context: contexts.Context = contexts.nothing  # what its template is given besides the page's
    not_found_link: bool = False  # offered on the 404 page
    # on search results: the interface string naming the kind of page, and the
    # weight of its words (pages that repeat others' texts weigh less); None:
    # left out of search (a page that only repeats others)
    search: tuple[str, str] | None = ("search_type_tool", "0.5")
    # what the page shows of the measures' texts (their actions' and annexes'),
    # by which a preview keeps the pages an edit cannot have changed
    # (``incremental``): "all" of them; none, only the document's "outline"
    # (numbers, titles, actors, counts…); those of its "measure" (its key) and
    # the others' outline; those of the actions addressing or naming its
    # "actor" (its key), which measures' annexes name it, and the outline
    texts: Texts = "all"

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", self.path or f"{FOLDER}/{self.name}.md")
        if self.template == "":
            object.__setattr__(self, "template", f"{self.name}.md.j2")

    @property
    def label(self) -> str:
        return self.name.replace("-", "_")

    def page_path(self, key: object = None) -> str:
        if ("{key}" in self.path) != (key is not None):
            raise ValueError(f"page kind {self.name!r}: key {key!r} for path {self.path!r}")
        return self.path.format(key=key)

    def pages(self, doc: Document) -> list[tuple[Any, str]]:
        """(key, path) of every page of this kind."""
        if self.keys is None:
            return [(None, self.page_path())]
        return [(key, self.page_path(key)) for key in self.keys(doc) if key is not None]


def _measure_tree(doc: Document, title: Callable[[Text], str]) -> list:
    """The measures by section: "I. Title" > "1. Title"."""
    return [
        {
            f"{section.id}. {title(section.title)}": [
                {f"{m.number}. {title(m.title)}": page_path("measure", m.number)}
                for m in section.measures
            ]
        }
        for section in doc.sections
    ]


def _measures(doc: Document) -> list[int]:
    return [m.number for m in doc.measures]


def _actor_ids(doc: Document) -> list[str]:
    return [a.id for a in doc.bodies]


SIDE = FOLDER + "/side-by-side/"
# fmt: off
KINDS = (
    PageKind("home", HOME, nav="", not_found_link=True, search=("home", "0.5"), texts="outline"),
    PageKind("measure", FOLDER + "/measure-{key}.md", keys=_measures, context=contexts.measure,
             nav="measures", nav_tree=_measure_tree, search=("measure", ""), texts="measure"),
    PageKind("actors", nav="", context=contexts.actors, search=("actor", ""), texts="outline"),
    PageKind("actor", FOLDER + "/actors/{key}.md", keys=_actor_ids, keys_from=("actors", "actors"),
             context=contexts.actor, search=("actor", ""), texts="actor"),
    PageKind("glossary", nav="", not_found_link=True, context=contexts.glossary,
             search=("glossary", "")),
    PageKind("full-text", nav="", not_found_link=True, search=("full_text", "0.3")),
    PageKind("search", search=None, texts="outline"),
    PageKind("who-does-what", nav="tools", context=contexts.who_does_what, texts="outline"),
    PageKind("explorer", nav="tools", context=contexts.tables),
    PageKind("side-by-side", SIDE + "full-text.md", nav="tools", context=contexts.side_by_side,
             search=("full_text", "0.3")),
    PageKind("side-by-side-measure", SIDE + "measure-{key}.md", "side-by-side.md.j2",
             keys=_measures, context=contexts.side_by_side, search=None, texts="measure"),
    PageKind("timeline", nav="tools", context=contexts.timeline, texts="outline"),
    PageKind("overview", nav="tools", context=contexts.overview, texts="outline"),
    PageKind("study", nav="tools", context=contexts.study_page),
    PageKind("open-data", nav="tools", context=contexts.open_data, texts="outline"),
    PageKind("history", nav="", context=contexts.history, texts="outline"),
    PageKind("about", "about.md", None, nav=""),
    PageKind("edit", "edit.md", None),  # for maintainers: linked from the about page, not the menu
)
# fmt: on
BY_NAME = {kind.name: kind for kind in KINDS}
GENERATED = tuple(kind for kind in KINDS if kind.template)


def page_path(name: str, key: object = None) -> str:
    """The docs-relative source path of a page of the site."""
    return BY_NAME[name].page_path(key)


def navigation(label: Callable[[str], str], doc: Document, title: Callable[[Text], str]) -> list:
    """The site's navigation as MkDocs ``nav`` entries, labelled by
    ``label(interface key)``; the pages of a family (the measures, by section)
    labelled by ``title(text)``, so that every page leads to every measure."""
    nav: list = []
    sections: dict[str, list] = {}
    for kind in KINDS:
        if kind.nav is None:
            continue
        if kind.nav_tree:
            nav.append({label(kind.nav): kind.nav_tree(doc, title)})
            continue
        entry = {label(kind.label): kind.page_path()}
        if kind.nav == "":
            nav.append(entry)
        else:
            if kind.nav not in sections:
                sections[kind.nav] = []
                nav.append({label(kind.nav): sections[kind.nav]})
            sections[kind.nav].append(entry)
    return nav


def shown_everywhere(doc: Document) -> str:
    """What every page shows besides its own content, in every language: the
    navigation (its labels and the measures' titles), the interface strings
    (header, footer, 404) and the record (the official versions' links). A
    preview that rebuilds only the pages whose source changed must rebuild
    them all when this changes."""
    nav = navigation(lambda key: key, doc, repr)
    return repr((nav, doc.interface, doc.record))


def nav_paths(nav: list) -> set[str]:
    """The page paths a navigation lists."""
    paths: set[str] = set()
    for entry in nav:
        for value in entry.values():
            paths |= nav_paths(value) if isinstance(value, list) else {value}
    return paths


def collisions(doc: Document) -> list[tuple[PageKind, Any, str]]:
    """(kind, key, the other page's path) for each page made from a data id
    that would be served at the address of another page."""
    taken: dict[str, str] = {}
    found = []
    for kind in sorted(KINDS, key=lambda k: k.keys_from is not None):  # fixed pages first
        for key, path in kind.pages(doc):
            address = served(path)
            if address in taken and kind.keys_from:
                found.append((kind, key, taken[address]))
            taken.setdefault(address, path)
    return found


def glossary_page_anchors(title: object, languages: tuple[str, ...]) -> set[str]:
    """The anchors the glossary page has besides its entries: its heading's,
    made from its ``title`` (the interface string)."""
    if not isinstance(title, Text):
        return set()
    return {slugify(plain(title.get(lang)), "-") for lang in title.languages(languages)}


def interface_keys() -> dict[str, tuple[str, ...]]:
    """The interface strings the registry names (navigation and search
    labels), with the placeholders they fill (none)."""
    in_nav = [k for k in KINDS if k.nav is not None]
    labels = (
        {k.label for k in in_nav if not k.nav_tree}
        | {k.nav for k in in_nav if k.nav}
        | {k.search[0] for k in KINDS if k.search}
    )
    return dict.fromkeys(labels, ())


def not_found_page(
    ui_of: Callable[[str], Any], language: str, folders: dict[str, str], doc: Document
) -> dict:
    """What the 404 page of ``language`` shows, as escaped HTML (theme
    templates do not escape): one block per language, its own first (a static
    host serves one 404 page for every address: a script shows the block of
    the address's language, and without scripts each is readable), each with
    its title and text, a search form, links to the pages marked
    ``not_found_link`` and to every measure (paths from the site's root:
    ``folders``, language -> its folder), and a link to each other language's
    home page in that language's words."""
    search = served(page_path("search"))
    measure = next(k for k in KINDS if k.name == "measure")
    order = [language] + [other for other in folders if other != language]
    return {
        "pages": [
            {
                "locale": lang,
                "folder": folders[lang],
                "title": ui_of(lang).escaped("not_found_title"),
                "site_name": ui_of(lang).escaped("site_name", number=doc.record.number),
                "text": ui_of(lang).escaped("not_found_text"),
                "search": {
                    "path": folders[lang] + search,
                    "label": ui_of(lang).escaped("search_label"),
                    "button": ui_of(lang).escaped("search"),
                },
                "links": [
                    {
                        "path": folders[lang] + served(k.page_path()),
                        "label": ui_of(lang).escaped(k.label),
                    }
                    for k in KINDS
                    if k.not_found_link
                ],
                "measures_title": ui_of(lang).escaped("measures"),
                "measures": [
                    {
                        "path": folders[lang] + served(measure.page_path(m.number)),
                        "number": m.number,
                        "label": escape(plain(m.title.get(lang))),
                    }
                    for m in doc.measures
                ],
                "others": [
                    {
                        "locale": other,
                        "folder": folder,
                        "label": ui_of(other).escaped("not_found_other"),
                    }
                    for other, folder in folders.items()
                    if other != lang
                ],
            }
            for lang in order
        ],
    }
