"""The study mode's questions and flashcards, generated from the data by the
rules written in data/README.md ("Study questions and cards"); tests/test_study.py
checks each rule on every question and card of the real data."""

from __future__ import annotations

import csv
import html
import io
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from . import views
from .addresses import FOLDER, served
from .interface import InterfaceText
from .markup import plain
from .models import Action, Actor, Document, Measure
from .terms import TermFinder, word_set

BLANK = "[…]"  # what stands for words a prompt leaves out (the answer, a title)
# subject pronouns that open a sentence: a text opening with one needs its noun before it
PRONOUNS = {"fr": ("Il", "Elle", "Ils", "Elles"), "en": ("It", "They", "He", "She")}
# a list of blanks ("[…], […] and the […]") that reads as one blank
_BLANKS = re.compile(r"\[…\](?:(?:,\s*|\s+(?:and|et)\s+)(?:(?:the|le|la|les)\s+|l')?\[…\])+")


def source_language(doc: Document) -> str:
    """The language the document was drafted in ("OR. en" on its cover)."""
    return doc.record.original_language.get(doc.languages[0]).split()[-1].lower()


def starts_with_pronoun(text: str, language: str) -> bool:
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    return first in PRONOUNS.get(language, ())


def actor_words(doc: Document, actor: Actor, language: str) -> set[str]:
    """Every word that names ``actor`` in ``language``: its name, its terms,
    its glossary entry's short and long forms and variants."""
    words = {plain(actor.name.get(language)), *actor.terms.get(language, ())}
    if actor.glossary:
        entry = next(g for g in doc.glossary if g.id == actor.glossary)
        words |= {plain(entry.short.get(language)), plain(entry.long.get(language))}
        words |= set(entry.variants.get(language, ()))
    return {w for w in words if w[:1].isalnum()}  # the term finder's words begin so


def _descendants(doc: Document, actor_id: str) -> set[str]:
    """The actor's parts, and their parts, down to the bottom."""
    out: set[str] = set()
    todo = [actor_id]
    while todo:
        current = todo.pop()
        for a in doc.actors:
            if a.parent == current and a.id not in out:
                out.add(a.id)
                todo.append(a.id)
    return out


def family(doc: Document, actor_id: str) -> set[str]:
    """The actor, its parents and its parts (``parent`` in actors.yaml)."""
    by_id = {a.id: a for a in doc.actors}
    found = {actor_id} | _descendants(doc, actor_id)
    current = by_id[actor_id].parent
    while current and current not in found:
        found.add(current)
        current = by_id[current].parent
    return found


def _blank(text: str, words: set[str]) -> str:
    """``text`` with every occurrence of ``words`` as a blank, lists of blanks as one."""
    finder = TermFinder(words)
    out, end = [], 0
    for found in finder.finditer(text):
        out += [text[end : found.start], BLANK]
        end = found.end
    return _BLANKS.sub(BLANK, "".join([*out, text[end:]]))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lead_in(measure: Measure, language: str, hide_title: bool) -> str:
    """The words a fragment continues: the measure's title and its lead-in."""
    assert measure.actions_lead_in is not None
    title = BLANK if hide_title else plain(measure.title.get(language))
    return f"{title} {plain(measure.actions_lead_in.get(language))}"


def shown_text(doc: Document, measure: Measure, action: Action, language: str) -> str:
    """The action as a question shows it: a fragment after its lead-in (the
    measure's title left out: it is the answer of "which measure"), a text
    opening with a pronoun after the action that names its noun."""
    text = plain(action.text.get(language))
    if measure.actions_lead_in is not None:
        return f"{_lead_in(measure, language, hide_title=True)} {text}"
    if starts_with_pronoun(text, language):
        i = measure.actions.index(action)
        before = [
            a
            for a in measure.actions[:i]
            if not starts_with_pronoun(plain(a.text.get(language)), language)
        ]
        if before:
            gap = " " if measure.actions[i - 1] is before[-1] else f" {BLANK} "
            return plain(before[-1].text.get(language)) + gap + text
    return text


def addressed_text(doc: Document, measure: Measure, action: Action, language: str) -> str:
    """The action as a "who is this addressed to?" question shows it: its
    addressees left out (a leading "Eurojust:" dropped, a longer lead such as
    "At strategic level, Europol, Frontex and EASO:" with a blank), a fragment
    after its lead-in with the addressee left out of it too."""
    by_id = {a.id: a for a in doc.actors}
    text = plain(action.text.get(language))
    if measure.actions_lead_in is not None:
        text = f"{_lead_in(measure, language, hide_title=False)} {text}"
    addressees: set[str] = set()
    for actor_id in action.actors:
        addressees |= actor_words(doc, by_id[actor_id], language)
    lead, colon, rest = text.partition(":")
    named = TermFinder(addressees)
    if colon and "." not in lead and named.findall(lead):
        blanked = _blank(lead, addressees).strip()
        if blanked.startswith(BLANK) and "," not in blanked:  # the lead only names them
            text = _capital(rest.strip())
        else:
            text = f"{blanked}:{rest}"
    answer = by_id[action.actors[0]]
    return _blank(text, actor_words(doc, answer, language))


# -- questions -------------------------------------------------------------------
@dataclass(frozen=True)
class Question:
    id: str
    kind: str  # measure-of-action, actor-of-action, acronym-meaning
    prompt: str
    choices: tuple[str, ...]
    answer: int  # index into choices
    source: str  # page path of the passage, with its anchor
    section: str  # the section's id ("" for an acronym)
    measure: int | None  # the measure's number (None for an acronym)


def _choices(
    rng: random.Random, right: str, pool: list[str], count: int = 4
) -> tuple[tuple[str, ...], int]:
    """The right answer among up to ``count - 1`` others of ``pool``, shuffled."""
    others = [name for name in pool if name != right]
    choices = [right, *rng.sample(others, min(count - 1, len(others)))]
    rng.shuffle(choices)
    return tuple(choices), choices.index(right)


def states_its_addressee(doc: Document, action: Action, language: str) -> bool:
    """Whether the action's text opens with its addressees ("Eurojust:
    continue…"): only then does the document itself say who it is addressed
    to (an impersonal "Maintain Europol's support…" says no more than a
    mention would)."""
    lead, colon, _ = plain(action.text.get(language)).partition(":")
    words: set[str] = set()
    for actor_id in action.actors:
        words |= actor_words(doc, doc.actor(actor_id), language)
    return bool(colon) and "." not in lead and bool(TermFinder(words).findall(lead))


def askable(actor: Actor) -> bool:
    """Whether "who is this addressed to?" may have this actor as its answer
    or a wrong option: a body that exists, not one the text plans."""
    return actor.status != "proposed" and actor.kind != "partner_country"


def measure_bodies(doc: Document, measure: Measure, named: set[str] | None = None) -> set[str]:
    """The bodies a measure addresses or names: in its actions, its annex and
    their footnotes (the annex may give a named body a part in an action),
    with their parents and parts (``named``: those its annex names, if known:
    ``views.annex_named``)."""
    if named is None:
        named = views.annex_named(doc)[measure.number]
    out: set[str] = set()
    for actor_id in {*named, *(x for a in measure.actions for x in (*a.actors, *a.mentions))}:
        out |= family(doc, actor_id)
    return out


def wrong_options_excluded(
    measure_bodies: set[str], prompt: str, finders: dict[str, TermFinder]
) -> set[str]:
    """The actor ids no wrong option of a "who" question may be: the bodies
    of its measure (``measure_bodies``) and any body the prompt names
    (``finders``: actor id -> the finder of its words)."""
    said = word_set(prompt)  # an actor none of whose words begins there is not named
    named = {a for a, f in finders.items() if f.first_words & said and f.findall(prompt)}
    return measure_bodies | named


def quiz_questions(
    doc: Document, language: str, seed: int = 15250, annex_named: dict[int, set[str]] | None = None
) -> list[Question]:
    """Questions generated from the data by the rules; the same seed gives the
    same quiz (``annex_named``: ``views.annex_named``, if known)."""
    rng = random.Random(seed)
    questions = []
    titles = {m.number: f"{m.number}. {plain(m.title.get(language))}" for m in doc.measures}
    title_pool = sorted(set(titles.values()))
    names = {a.id: plain(a.name.get(language)) for a in doc.actors}
    finders = {a.id: TermFinder(actor_words(doc, a, language)) for a in doc.actors}
    # the wrong options: other bodies the document addresses
    pool_ids = sorted({x for y in doc.actions for x in y.actors if askable(doc.actor(x))})
    annex_named = views.annex_named(doc) if annex_named is None else annex_named
    for measure in doc.measures:
        barred = measure_bodies(doc, measure, annex_named[measure.number])
        for action in measure.actions:
            source = f"{FOLDER}/measure-{measure.number}.md#{action.anchor}"
            where = (measure.section, measure.number)
            text = shown_text(doc, measure, action, language)
            choices, answer = _choices(rng, titles[measure.number], title_pool)
            questions.append(
                Question(
                    f"m-{action.id}", "measure-of-action", text, choices, answer, source, *where
                )
            )
            if (
                action.actors
                and askable(doc.actor(action.actors[0]))
                and states_its_addressee(doc, action, language)
            ):
                text = addressed_text(doc, measure, action, language)
                excluded = wrong_options_excluded(barred, text, finders)
                pool = [names[x] for x in pool_ids if x not in excluded]
                choices, answer = _choices(rng, names[action.actors[0]], pool)
                if len(choices) < 2:  # no fair wrong option: no question
                    continue
                questions.append(
                    Question(
                        f"a-{action.id}", "actor-of-action", text, choices, answer, source, *where
                    )
                )
    own = source_language(doc) == language
    longs = {g.id: plain(g.long.get(language)) for g in doc.glossary if own or not g.long.invariant}
    long_pool = sorted(set(longs.values()))
    for entry in doc.glossary:
        if entry.id not in longs:  # its long form is in the source language only
            continue
        choices, answer = _choices(rng, longs[entry.id], long_pool)
        source = f"{FOLDER}/glossary.md#{entry.id}"
        prompt = plain(entry.short.get(language))
        questions.append(
            Question(f"g-{entry.id}", "acronym-meaning", prompt, choices, answer, source, "", None)
        )
    return questions


# -- flashcards ------------------------------------------------------------------
@dataclass(frozen=True)
class Card:
    id: str
    kind: str  # acronym, measure, action, actor
    front: str
    back: str  # lines separated by "\n"
    source: str  # page path of the passage, with its anchor
    section: str  # "" where the card is not about one section
    measure: int | None


def acronym_cards(doc: Document, language: str) -> list[dict]:
    """Acronym cards in one language (short form, long form, other languages'
    forms), one per long form: entries that share one (CT-JLT, JLT) share a card."""
    others = [lang for lang in doc.languages if lang != language]
    own = source_language(doc) == language
    by_long: dict[str, list] = {}
    for entry in sorted(doc.glossary, key=lambda g: plain(g.short.get(language)).lower()):
        if own or not entry.long.invariant:  # a long form of the source language only: not here
            by_long.setdefault(plain(entry.long.get(language)), []).append(entry)
    return [
        {
            "id": entries[0].id,
            "short": ", ".join(plain(e.short.get(language)) for e in entries),
            "long": long,
            "other": [
                {
                    "lang": o,
                    "short": ", ".join(dict.fromkeys(plain(e.short.get(o)) for e in entries)),
                    "long": plain(entries[0].long.get(o)),
                }
                for o in others
                if not entries[0].long.invariant  # the same words: no other language's form
            ],
        }
        for long, entries in by_long.items()
    ]


def flashcards(doc: Document, language: str) -> list[Card]:
    """Every card in one language: acronyms, measure number and title, action
    and its measure, actor and what the actions addressed to it ask of it."""
    ui = InterfaceText(doc.interface, language)
    cards = []
    for c in acronym_cards(doc, language):
        other = " · ".join(f"{o['lang']}: {o['short']} — {o['long']}" for o in c["other"])
        back = c["long"] + (f"\n({other})" if other else "")
        source = f"{FOLDER}/glossary.md#{c['id']}"
        cards.append(Card(f"acronym-{c['id']}", "acronym", c["short"], back, source, "", None))
    for m in doc.measures:
        source = f"{FOLDER}/measure-{m.number}.md"
        front = ui.plain("card_measure", n=m.number)
        title = plain(m.title.get(language))
        cards.append(
            Card(f"measure-{m.number}", "measure", front, title, source, m.section, m.number)
        )
    for m in doc.measures:
        for a in m.actions:
            source = f"{FOLDER}/measure-{m.number}.md#{a.anchor}"
            back = ui.plain(
                "card_action", action=a.id, n=m.number, title=plain(m.title.get(language))
            )
            front = shown_text(doc, m, a, language)
            cards.append(Card(f"action-{a.id}", "action", front, back, source, m.section, m.number))
    for actor in doc.actors:
        tasks = [(m, a) for m in doc.measures for a in m.actions if actor.id in a.actors]
        if not tasks or not askable(actor):
            continue
        lines = [f"{a.id} {_task(doc, m, a, actor, language)}" for m, a in tasks]
        source = f"{FOLDER}/actors/{actor.id}.md"
        front = ui.plain("card_actor", actor=plain(actor.name.get(language)))
        cards.append(Card(f"actor-{actor.id}", "actor", front, "\n".join(lines), source, "", None))
    return cards


def _task(doc: Document, measure: Measure, action: Action, actor: Actor, language: str) -> str:
    """What ``action`` asks of ``actor``, the actor's names left out (and a lead
    that names only the actor: the other addressees stay, with their part)."""
    return addressed_text(doc, measure, replace(action, actors=(actor.id,)), language)


# -- Anki export -----------------------------------------------------------------
ANKI_COLUMNS = ("GUID", "Front", "Back", "Tags")


def card_address(doc: Document, language: str, site_url: str, source: str) -> str:
    """The full address of a card's passage in ``language``'s pages."""
    path, _, fragment = source.partition("#")
    folder = "" if language == doc.languages[0] else f"{language}/"
    return site_url.rstrip("/") + "/" + folder + served(path) + (f"#{fragment}" if fragment else "")


def anki_text(doc: Document, language: str, site_url: str) -> str:
    """Every card of ``language`` as a text file Anki imports (its manual,
    "Importing text files"): file headers, then one line per card."""
    ui = InterfaceText(doc.interface, language)
    number = doc.record.number
    headers = [
        "#separator:tab",
        "#html:true",
        f"#deck:{ui.plain('anki_deck', number=number)}",
        "#guid column:1",
        "#tags column:4",
        "#columns:" + "\t".join(ANKI_COLUMNS),
    ]
    rows = anki_rows(
        flashcards(doc, language),
        lambda source: card_address(doc, language, site_url, source),
        ui.plain("see_source"),
        number.replace("/", "-"),
        language,
    )
    return "\n".join(headers) + "\n" + rows


def anki_rows(
    cards: list[Card], address: Callable[[str], str], link: str, name: str, language: str
) -> str:
    """The cards as tab-separated lines (``ANKI_COLUMNS``): texts as HTML
    (escaped, lines as <br>), the back ending with a link to the passage,
    fields quoted where they hold a tab, a newline or a quote."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    for card in cards:
        url = html.escape(address(card.source))
        back = html.escape(card.back, quote=False).replace("\n", "<br>")
        tags = [name, card.kind]
        tags += [f"section-{card.section}"] if card.section else []
        tags += [f"measure-{card.measure}"] if card.measure else []
        writer.writerow(
            [
                f"{name}-{language}-{card.id}",  # stable: a newer file updates the note
                html.escape(card.front, quote=False).replace("\n", "<br>"),
                f'{back}<br><a href="{url}">{html.escape(link)}</a>',
                " ".join(tags),
            ]
        )
    return out.getvalue()
