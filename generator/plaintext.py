"""The whole document as plain lines in one language, in the original order."""

from __future__ import annotations

from .markup import plain
from .models import Block, Document


def _blocks(blocks: tuple[Block, ...], language: str) -> list[str]:
    lines = []
    for block in blocks:
        if block.text is not None:
            lines.append(plain(block.text.get(language)))
        lines.extend("- " + plain(item.get(language)) for item in block.items)
    return lines


def document_lines(doc: Document, language: str) -> list[str]:
    """Cover sheet, summary, part 1, annex, footnotes and the acronym list."""
    t = lambda text: plain(text.get(language))  # noqa: E731
    r = doc.record
    lines = [t(r.dateline), f"({t(r.original_language)})", r.number, *r.codes, t(r.type)]
    lines += [
        f"{t(r.labels.origin)}: {t(r.origin)}",
        f"{t(r.labels.origin_date)}: {t(r.origin_date)}",
        f"{t(r.labels.recipients)}: {t(r.recipients)}",
        f"{t(r.labels.previous_document)}: {r.previous_document}",
        f"{t(r.labels.subject)}: {t(r.subject)}",
        t(r.subject_note),
        t(doc.cover_text),
        t(doc.package.title),
    ]
    for section in doc.sections:
        lines.append(f"{section.id} {t(section.title)}, p. {section.summary_page}")
        lines += [f"{m.number}. {t(m.title)}" for m in section.measures]
    lines += [t(p) for p in doc.package.introduction]
    for section in doc.sections:
        lines.append(f"{section.id}. {t(section.title)}")
        for m in section.measures:
            lead_in = f" {t(m.actions_lead_in)}" if m.actions_lead_in else ""
            lines.append(f"{m.number}. {t(m.title)}{lead_in}")
            lines += ["- " + t(a.text) for a in m.actions]
    lines.append(t(doc.annex.title))
    lines += _blocks(doc.annex.introduction, language)
    for section in doc.sections:
        lines.append(f"{section.id}. {t(section.title)}")
        for m in section.measures:
            lines.append(f"{m.number}. {t(m.annex_title or m.title)}")
            lines += _blocks(m.annex, language)
    lines += [f"{f.number} {t(f.text)}" for f in doc.footnotes]
    lines.append(t(doc.acronym_list_title))
    entries = {g.id: g for g in doc.glossary}
    lines += [f"{t(entries[i].short)} {t(entries[i].long)}" for i in doc.acronym_list]
    return lines
