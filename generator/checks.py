"""Checks across fields and files: references, acronyms, actor terms,
interface strings, footnotes and pages (the fidelity to the source text: ``fidelity``)."""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Sequence

from . import markup, pages
from .errors import DOCUMENT
from .fields import Checker, TextUse
from .interface import DATE_PATTERNS, InterfaceText, Usage, date_pattern_problem, placeholders
from .load import Path_
from .models import (
    COUNCIL,
    PLACE,
    Actor,
    Document,
    Event,
    Footnote,
    GlossaryEntry,
    NotAcronym,
    Plural,
    Section,
    Text,
)
from .naming import finders, named_by
from .terms import TermFinder

Templates = list[Usage]


def _error(check: Checker, file: str, path: Path_, message: str, hint: str = "") -> None:
    check.errors.append(check.files[file].error(path, message, hint, stage=DOCUMENT))


def _unique(
    check: Checker, file: str, field: str, ids: Sequence[str | None], label: str
) -> set[str]:
    seen: set[str] = set()
    for i, ident in enumerate(ids):
        if ident is None:
            continue
        if ident in seen:
            message = f"duplicate {label} id '{ident}'"
            _error(check, file, (field, i, "id"), message, "ids must be unique: rename one")
        seen.add(ident)
    return seen


def references(
    check: Checker,
    document: dict,
    sections: Sequence[Section],
    glossary: Sequence[GlossaryEntry],
    actors: Sequence[Actor],
    events: Sequence[Event],
) -> None:
    """Every id refers to something that exists, once; no actor is part of itself."""
    actor_ids = _unique(check, "actors", "actors", [a.id for a in actors], "actor")
    glossary_ids = _unique(check, "glossary", "entries", [g.id for g in glossary], "glossary")
    _unique(check, "events", "events", [e.id for e in events], "event")

    def ref(
        file: str, path: Path_, value: str | None, known: set[str], what: str, where: str
    ) -> None:
        if value is not None and value not in known:
            close = difflib.get_close_matches(value, sorted(known), n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"define it in {where}"
            _error(check, file, path, f"unknown {what} id '{value}'", hint)

    actor, entry = ("actor", "actors.yaml"), ("glossary entry", "glossary.yaml")
    for i, s in enumerate(sections):
        for j, m in enumerate(s.measures):
            for k, action in enumerate(m.actions):
                for key in ("actors", "mentions"):
                    for n, actor_id in enumerate(getattr(action, key)):
                        path = ("sections", i, "measures", j, "actions", k, key, n)
                        ref("measures", path, actor_id, actor_ids, *actor)
    by_id = {a.id: a for a in actors}
    for i, a in enumerate(actors):
        ref("actors", ("actors", i, "parent"), a.parent, actor_ids, *actor)
        ref("actors", ("actors", i, "glossary"), a.glossary, glossary_ids, *entry)
        if a.parent is not None and _ancestors(a, by_id) is None:
            message = f"actor '{a.id}' is part of itself (through its parents)"
            hint = "an actor's parent cannot be the actor or one of its parts"
            _error(check, "actors", ("actors", i, "parent"), message, hint)
        if a.parent is not None and a.status == "proposed":  # not yet part of anything
            message = f"actor '{a.id}' is only proposed, yet part of '{a.parent}'"
            hint = "a body the document only plans has no parent: remove 'parent'"
            _error(check, "actors", ("actors", i, "parent"), message, hint)
    for i, g in enumerate(glossary):
        ref("glossary", ("entries", i, "actor"), g.actor, actor_ids, *actor)
    numbers = {m.number for s in sections for m in s.measures}
    for i, e in enumerate(events):
        if e.measure is not None and e.measure not in numbers:
            hint = f"measures are numbered 1 to {len(numbers)}, or null for the whole package"
            _error(check, "events", ("events", i, "measure"), f"unknown measure {e.measure}", hint)
    for i, entry_id in enumerate((document.get("acronym_list") or {}).get("entries") or ()):
        ref("document", ("acronym_list", "entries", i), entry_id, glossary_ids, *entry)


def _ancestors(actor: Actor, by_id: dict[str, Actor]) -> list[str] | None:
    """The parents of ``actor`` up to the top, or None if they loop."""
    seen, current = [actor.id], actor
    while current.parent is not None and current.parent in by_id:
        if current.parent in seen:
            return None
        seen.append(current.parent)
        current = by_id[current.parent]
    return seen[1:]


def acronyms(
    check: Checker, glossary: Sequence[GlossaryEntry], not_acronyms: Sequence[NotAcronym]
) -> None:
    """Every acronym-like token of a text is a glossary name of its language;
    each spelling names one glossary entry."""
    known: dict[str, set[str]] = {lang: {n.token for n in not_acronyms} for lang in check.languages}
    owner: dict[tuple[str, str], str] = {}
    for i, entry in enumerate(glossary):
        for lang in check.languages:
            names: list[tuple[str, Path_]] = []
            if entry.short and entry.short.has(lang):
                where: Path_ = ("short",) if entry.short.invariant else ("short", lang)
                names.append((entry.short.get(lang), where))
            names += [
                (v, ("variants", lang, j)) for j, v in enumerate(entry.variants.get(lang, ()))
            ]
            for name, where in names:
                first = owner.setdefault((lang, name), entry.id)
                if first != entry.id:
                    message = f"'{name}' already names the glossary entry '{first}' in '{lang}'"
                    hint = "one spelling, one entry: merge them or remove this spelling"
                    _error(check, "glossary", ("entries", i, *where), message, hint)
                known[lang].add(name)
    finders = {lang: markup.AcronymCheck(names) for lang, names in known.items()}
    for use in check.uses:
        if not use.acronyms:
            continue
        for lang in use.text.languages(check.languages):
            for token in dict.fromkeys(finders[lang].undefined(use.text.get(lang))):
                path = use.path + (() if use.text.invariant else (lang,))
                message = (
                    f"'{token}' looks like an acronym the glossary does not define in '{lang}'"
                )
                hint = "add a glossary entry (or a variant), or list it under not_acronyms"
                check.errors.append(use.file.error(path, message, hint, stage=DOCUMENT))


def _document_text(check: Checker, language: str) -> str:
    """The plain text of the document itself (not the edition's own texts)."""
    uses = [u for u in check.uses if u.field and u.field.texts == COUNCIL and u.text.has(language)]
    return "\n".join(markup.plain(u.text.get(language)) for u in uses)


def actor_terms(check: Checker, actors: tuple[Actor, ...]) -> None:
    """Each term of an actor is found in the document text by the term matcher."""
    for lang in check.languages:
        terms = [t for a in actors for t in a.terms.get(lang, ())]
        found = set(TermFinder(terms).findall(_document_text(check, lang))) if terms else set()
        for i, actor in enumerate(actors):
            for j, term in enumerate(actor.terms.get(lang, ())):
                if term not in found:
                    message = f"term '{term}' never occurs in the '{lang}' document text"
                    hint = "terms must be spelt exactly as in the text, as whole words"
                    _error(check, "actors", ("actors", i, "terms", lang, j), message, hint)


def interface_strings(check: Checker, strings: dict, usage: Templates | None) -> None:
    """The strings the templates, the code, the theme and mkdocs.yml use
    exist, with the placeholders they fill; every string is used."""
    for key, value in strings.items():
        forms = _forms(value, check.languages)
        by_language: dict[str, set[str]] = {}
        for where, raw in forms:
            # a plural form may leave out {n}: "one action" beside "{n} actions"
            by_language.setdefault(where[0], set()).update(placeholders(raw) - {"n"})
            if markup.footnote_marks(raw):
                message = "footnote mark in an interface string"
                hint = "footnotes belong in data texts"
                _error(check, "interface", ("strings", key, *where), message, hint)
        if len({frozenset(n) for n in by_language.values()}) > 1:
            detail = "; ".join(f"{lang}: {sorted(n)}" for lang, n in by_language.items())
            message = f"the languages of '{key}' have different placeholders ({detail})"
            _error(check, "interface", ("strings", key), message, "write the same {names} in each")
        for where, raw in forms if key in DATE_PATTERNS else ():
            language = where[0] if where[0] != "invariant" else check.languages[0]
            if problem := date_pattern_problem(raw, language):
                message = f"'{raw}' is not a date pattern ({problem})"
                hint = "letters are date fields (d MMMM y); write other text between single quotes"
                _error(check, "interface", ("strings", key, *where), message, hint)
        if key in InterfaceText.METHODS:
            message = f"'{key}' is the name of a method of the templates' t.ui"
            _error(check, "interface", ("strings", key), message, "rename it")
    missing: dict[str, list[str]] = {}
    wrong: set[str] = set()
    for use in usage or ():
        value = strings.get(use.key)
        if value is None:
            missing.setdefault(use.key, []).append(use.template)
            continue
        if (
            use.plural is not None
            and use.plural != isinstance(value, Plural)
            and use.key not in wrong
        ):
            wrong.add(use.key)
            wanted = "plural forms (one, other…)" if use.plural else "one text per language"
            message = f"'{use.key}' must be {wanted}: {use.template} uses it so"
            hint = (
                "write {one: …, other: …} per language"
                if use.plural
                else "write a text per language"
            )
            _error(check, "interface", ("strings", use.key), message, hint)
            continue
        if use.key in wrong:
            continue
        for where, raw in _forms(value, check.languages):
            optional = {"n"} if isinstance(value, Plural) else set()
            if placeholders(raw) - optional != use.placeholders - optional:
                expected = ", ".join("{" + p + "}" for p in sorted(use.placeholders)) or "none"
                fills = f"{use.template} fills: {expected}"
                message = f"placeholders of '{use.key}' do not match the template ({fills})"
                hint = "use exactly the {names} the template fills"
                _error(check, "interface", ("strings", use.key, *where), message, hint)
    for key, templates in missing.items():
        message = f"missing interface string '{key}' (used by {', '.join(sorted(set(templates)))})"
        _error(check, "interface", ("strings",), message, "add it, with a text per language")
    used = {use.key for use in usage or ()}
    for key in strings if usage is not None else ():
        if key not in used:
            message = f"interface string '{key}' is used nowhere (templates, theme, code, config)"
            _error(check, "interface", ("strings", key), message, "remove it, or use it")


def _forms(value: Text | Plural, languages: tuple[str, ...]) -> list[tuple[tuple[str, ...], str]]:
    """(key path under the string, text) of every language and plural form."""
    if isinstance(value, Plural):
        return [((lang, c), raw) for lang, f in value.forms.items() for c, raw in f.items()]
    if value.invariant:
        return [(("invariant",), value.values["invariant"])]
    return [((lang,), value.values[lang]) for lang in languages if lang in value.values]


def footnotes(check: Checker, texts: dict[int, tuple[Text, Path_]]) -> tuple[Footnote, ...]:
    """Each footnote is marked once per language, in the same block in all."""
    marks: dict[tuple[str, int], list[TextUse]] = defaultdict(list)
    for use in check.uses:
        for lang in use.text.languages(check.languages):
            for number in markup.footnote_marks(use.text.get(lang)):
                if use.place is None:
                    hint = "remove the [^N] mark from this field"
                    message = "footnote marks belong in body texts only"
                    check.errors.append(use.file.error(use.path, message, hint, stage=DOCUMENT))
                elif number not in texts:
                    hint = "add it to footnotes.yaml, or fix the number"
                    message = f"mark of unknown footnote {number}"
                    check.errors.append(use.file.error(use.path, message, hint, stage=DOCUMENT))
                else:
                    marks[(lang, number)].append(use)
    notes = []
    for number, (text, path) in sorted(texts.items()):
        uses = {}
        for lang in check.languages:
            found = marks.get((lang, number), [])
            if not found:
                message = f"footnote {number} is never marked in the '{lang}' texts"
                hint = f"write [^{number}] where its superscript stands in the text"
                _error(check, "footnotes", path, message, hint)
            for extra in found[1:]:
                message = f"footnote {number} is marked twice in '{lang}'"
                hint = f"first mark: {extra.file.error(found[0].path, '').path}"
                check.errors.append(extra.file.error(extra.path, message, hint, stage=DOCUMENT))
            if found:
                uses[lang] = found[0]
        places = {u.place for u in uses.values() if u.place is not None}  # marks: placed uses only
        if len(places) > 1:
            where = ", ".join(sorted(places))
            message = f"footnote {number} is marked in different places per language: {where}"
            hint = "put the mark in the same paragraph or action in every language"
            _error(check, "footnotes", path, message, hint)
        elif text is not None and len(uses) == len(check.languages):
            notes.append(Footnote(number, text, next(iter(places))))
    return tuple(notes)


def page_addresses(check: Checker, doc: Document, interface: dict[str, Text | Plural]) -> None:
    """No two pages of the site at one address; no glossary entry at an anchor
    the glossary page has already. ``doc``: the document's actors, measures,
    glossary and languages."""
    for kind, key, other in pages.collisions(doc):
        assert kind.keys_from is not None  # collisions: the pages made from data ids only
        file, field = kind.keys_from
        index = [getattr(item, "id", None) for item in getattr(doc, field)].index(key)
        message = f"id '{key}' gives a page the same address as {other}"
        _error(check, file, (field, index, "id"), message, "rename it")
    taken = pages.glossary_page_anchors(interface.get("glossary"), doc.languages)
    for i, entry in enumerate(doc.glossary):
        if entry.id in taken:
            message = f"id '{entry.id}' is an anchor the glossary page has already"
            _error(check, "glossary", ("entries", i, "id"), message, "rename it")


def mentions(
    check: Checker,
    sections: Sequence[Section],
    notes: dict[int, Text],
    actors: Sequence[Actor],
) -> None:
    """An action's ``mentions`` are exactly the bodies it names (``named_by``)
    that it does not address; a place is neither addressed nor named."""
    places = {a.id for a in actors if a.kind == PLACE}
    known = {a.id for a in actors}
    by_language = finders(actors, check.languages)
    for i, s in enumerate(sections):
        for j, m in enumerate(s.measures):
            for k, action in enumerate(m.actions):
                path: Path_ = ("sections", i, "measures", j, "actions", k)
                if not {*action.actors, *action.mentions} <= known:
                    continue  # an unknown id: its error says it, causes first
                for key in ("actors", "mentions"):
                    for n, actor_id in enumerate(getattr(action, key)):
                        if actor_id in places:
                            message = f"'{actor_id}' is a place (kind: place), not an actor"
                            hint = "a place is never addressed, named or counted: remove it"
                            _error(check, "measures", path + (key, n), message, hint)
                named = named_by(action, notes, by_language)
                for n, actor_id in enumerate(action.mentions):
                    if actor_id not in named and actor_id not in places:
                        message = f"action {action.id} does not name '{actor_id}'"
                        hint = "mentions are the bodies its text or its footnotes name: remove it"
                        _error(check, "measures", path + ("mentions", n), message, hint)
                listed = {*action.actors, *action.mentions}
                for actor_id in sorted(named - listed):
                    message = f"action {action.id} names '{actor_id}' but does not list it"
                    hint = "add it to the action's mentions (or actors, if it is addressed)"
                    _error(check, "measures", path + ("mentions",), message, hint)
