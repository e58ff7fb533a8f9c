"""What the theme's templates (``overrides/``) are given, for one language:
the context keys they read from ``config.extra``, and a page's addresses in
every language. Every value is escaped HTML: theme templates do not escape.

``KEYS`` is the one list of those keys: the adapter sets exactly these, and a
test reads the templates to check that they use no other (a missing one is an
error, never a default)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib.metadata import version
from typing import Any

from jinja2 import FileSystemBytecodeCache
from markupsafe import Markup, escape

from . import addresses, pages
from .interface import InterfaceText
from .markup import plain
from .models import Document, Plural

KEYS = frozenset(
    {
        "ui",  # every one-text interface string (``check``: which the theme uses)
        "edition",  # the footer's edition line and the Council's official versions
        "not_found",  # the 404 page's texts and links
        "record",  # the document's reference on every page (the footer): number, date, meeting
        "language",  # the page's language
        "language_root",  # its folder in the site: "" or "en/"
        "language_folders",  # every language's folder
        "language_names",  # every language's name, in that language
        "search_page",  # the search page, from a language's folder
    }
)


@dataclass(frozen=True)
class Version:
    """The edition the site is built from: its date (YYYY-MM-DD) and version
    ("1.0"), the newest of ``data/editions.yaml`` (``Document.edition``)."""

    date: str
    version: str


def bytecode_cache() -> FileSystemBytecodeCache:
    """Where the theme's compiled templates are kept between builds (MkDocs
    makes a new Jinja environment for each language, and each rebuild while
    serving): apart for each version of what compiles them, since Jinja's
    cache checks only a template's source."""
    compiler = "-".join(version(name) for name in ("jinja2", "mkdocs", "mkdocs-material"))
    return FileSystemBytecodeCache(pattern=f"__edition_theme_{compiler}_%s.cache")


def context(
    doc: Document,
    language: str,
    folders: dict[str, str],
    version: Version,
    directory_urls: bool = True,
) -> dict[str, Any]:
    """The theme's context in ``language`` (``folders``: language -> its
    folder in the site, the default language's "" first)."""
    ui = InterfaceText(doc.interface, language)
    search_page = addresses.served(pages.page_path("search"))
    not_found = pages.not_found_page(
        lambda lang: InterfaceText(doc.interface, lang), language, folders, doc
    )
    found = {
        "ui": strings(doc, ui),
        "edition": {
            "text": ui("edition", date=ui.date(version.date), version=version.version),
            "official": [
                {
                    "url": escape(doc.record.official.get(lang)),
                    "label": ui("official_pdf", language=ui.language(lang)),
                }
                for lang in doc.languages
            ],
            "register": {
                "url": escape(doc.record.register.get(language)),
                "label": ui.register_entry,
            },
        },
        "record": {
            "text": ui(
                "record_line",
                number=doc.record.number,
                dateline=plain(doc.record.dateline.get(language)),
                session=str(doc.record.session),
            ),
            "label": ui.record,
            "number": escape(doc.record.number),  # mkdocs.yml's descriptions say {number}
        },
        # each language's block, with its strings for the header
        "not_found": {
            "pages": [
                {**p, "ui": strings(doc, InterfaceText(doc.interface, p["locale"]))}
                for p in not_found["pages"]
            ]
        },
        "language": language,
        "language_root": folders[language],
        "language_folders": folders,
        "language_names": {lang: escape(ui.language_name(lang)) for lang in folders},
        "search_page": search_page if directory_urls else search_page[:-1] + ".html",
    }
    assert found.keys() == KEYS, sorted(found.keys() ^ KEYS)
    return found


def strings(doc: Document, ui: InterfaceText) -> dict[str, Markup]:
    """Every one-text interface string of ``ui``'s language, escaped, with the
    document's number filled in (project.THEME_PLACEHOLDERS: where)."""
    return {
        k: ui.escaped(k, number=doc.record.number)
        for k, v in doc.interface.items()
        if not isinstance(v, Plural)
    }


def alternates(extra: Mapping[str, Any], url: str | None) -> list[dict[str, str | Markup]]:
    """The page served at ``url`` in every language (``lang``, ``path`` from
    the site's root, ``name``), from the theme's context ``extra``; for a 404
    page (``url`` None), served at any address, each language's home."""
    folders: dict[str, str] = extra["language_folders"]
    found = (
        addresses.alternates(url, folders, extra["language"])
        if url is not None
        else [{"lang": lang, "path": folder} for lang, folder in folders.items()]
    )
    names = extra["language_names"]
    return [{**alt, "name": names[alt["lang"]]} for alt in found]
