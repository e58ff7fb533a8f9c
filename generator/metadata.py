"""What a page's head tells machines (reference managers, search engines,
link previews): schema.org JSON-LD, Highwire ``citation_*`` tags and
OpenGraph, from the document's record, the edition's version and the page's
own title, description and address. The theme's head (``overrides/main.html``)
prints them: every tag value escaped here, the JSON-LD safe inside a script.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup, escape

from .interface import InterfaceText
from .markup import plain
from .models import Document
from .theme import Version

# A language's OpenGraph locale (language_TERRITORY); another language: its code
LOCALES = {"fr": "fr_FR", "en": "en_GB"}
COUNCIL_SITE = "https://www.consilium.europa.eu/"


def locale(language: str) -> str:
    return LOCALES.get(language, language)


def original_language(doc: Document) -> str:
    """The language the Council drafted the document in ("OR. en": en)."""
    found = re.search(r"OR\.\s*(\w+)", doc.record.original_language.get(doc.languages[0]))
    return found[1].lower() if found else doc.languages[0]


def council_document(doc: Document, language: str) -> dict[str, Any]:
    """The Council's document (schema.org Report) with its official addresses."""
    ui = InterfaceText(doc.interface, language)
    record = doc.record
    council = {"@type": "Organization", "name": ui.plain("council"), "url": COUNCIL_SITE}
    return {
        "@type": "Report",
        "@id": record.register.get(doc.languages[0]),
        "name": plain(record.subject.get(language)),
        "reportNumber": record.number,
        "author": council,
        "publisher": council,
        "datePublished": record.date,
        "inLanguage": original_language(doc),
        "url": record.register.get(language),
        "sameAs": [record.register.get(lang) for lang in doc.languages],
        "encoding": [
            {
                "@type": "MediaObject",
                "contentUrl": record.official.get(lang),
                "encodingFormat": "application/pdf",
                "inLanguage": lang,
            }
            for lang in doc.languages
        ],
    }


def json_ld(value: object) -> Markup:
    """JSON for a script element: no "<", ">" or "&" that HTML would read."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def page_head(
    doc: Document,
    extra: Mapping[str, Any],
    version: Version,
    site_url: str,
    meta: Mapping[str, Any],
    url: str | None,
    title: str | None,
) -> dict[str, Any]:
    """A page's metadata (``extra``: the theme's context; ``meta``: the page's
    front matter, escaped HTML; ``url``: its canonical address, none for a
    404 page; ``title``: its title, escaped HTML)."""
    language: str = extra["language"]
    ui = InterfaceText(doc.interface, language)
    record = doc.record
    site_name = ui.plain("site_name", number=record.number)
    home = site_url + extra["language_root"]
    named = meta.get("headline") or meta.get("title") or title or ""  # headline: a longer title
    page_title = html.unescape(str(named)) or site_name
    description = html.unescape(str(meta.get("description") or ""))
    address = url or home
    translated = language != doc.languages[0]  # the default language's texts are the Council's
    edition = {
        "@type": "WebSite",
        "@id": home,
        "name": site_name,
        "url": home,
        "inLanguage": language,
        "version": version.version,
        "dateModified": version.date,
    }
    source = council_document(doc, language)
    found: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "@id": address,
        "url": address,
        "name": page_title,
        "description": description,
        "inLanguage": language,
        "isPartOf": edition,
        "version": version.version,
        "isBasedOn": source,
        "creativeWorkStatus": ui.plain("metadata_status"),
    }
    if translated:
        french = doc.languages[0]
        found["translationOfWork"] = {
            "@type": "Report",
            "@id": record.official.get(french),
            "name": plain(record.subject.get(french)),
            "inLanguage": french,
            "url": record.official.get(french),
        }
        found["translator"] = {"@type": "Organization", "name": site_name, "url": home}
    others = [lang for lang in extra["language_folders"] if lang != language]
    date = record.date.replace("-", "/")
    citation = [
        ("citation_title", f"{plain(record.subject.get(language))} — {page_title}"),
        ("citation_author", ui.plain("council")),
        ("citation_publication_date", date),
        ("citation_date", date),
        ("citation_online_date", version.date.replace("-", "/")),
        ("citation_publisher", ui.plain("council")),
        ("citation_technical_report_institution", ui.plain("council")),
        ("citation_technical_report_number", record.number),
        ("citation_language", language),
        ("citation_pdf_url", record.official.get(language)),
        ("citation_public_url", address),
        ("citation_abstract_html_url", address),
    ]
    opengraph = [
        ("og:title", page_title),
        ("og:description", description),
        ("og:type", "website" if address == home else "article"),
        ("og:url", address),
        ("og:site_name", site_name),
        ("og:locale", locale(language)),
        *[("og:locale:alternate", locale(other)) for other in others],
    ]
    return {
        "names": [(name, escape(value)) for name, value in citation if value],
        "properties": [(name, escape(value)) for name, value in opengraph if value],
        "json_ld": json_ld(found),
    }
