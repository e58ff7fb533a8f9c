"""The computed facts follow the rules of data/README.md ("Computed facts"),
over the whole real data, in every language."""

from __future__ import annotations

import html
import re
from collections import Counter

import pytest
from conftest import DATA

from generator import load_document, pages
from generator.markup import plain
from generator.models import Document
from generator.pictures import timeline_years
from generator.render import Site
from generator.terms import TermFinder
from generator.views import (
    Views,
    actor_groups,
    actor_matrix,
    document_texts,
    key_actors,
    main_actors,
)


@pytest.fixture(scope="module")
def doc() -> Document:
    return load_document(DATA)


@pytest.fixture(scope="module")
def rendered(doc) -> dict[str, dict[str, str]]:
    """Every generated page, per language: {language: {path: markdown}}."""
    site = Site(doc)
    return {lang: site.pages(lang) for lang in doc.languages}


def _places(doc: Document) -> set[str]:
    return {a.id for a in doc.actors if a.kind == "place"}


def _named(doc: Document, text_of) -> set[str]:
    """The bodies named (their terms found) in a text or in the footnotes marked
    in it, in any language: the one rule, written here independently."""
    found: set[str] = set()
    notes = {f.number: f.text for f in doc.footnotes}
    for lang in doc.languages:
        owners: dict[str, list[str]] = {}
        for actor in doc.actors:
            for term in actor.terms.get(lang, ()):
                owners.setdefault(term, []).append(actor.id)
        raw = text_of(lang)
        marks = [int(n) for n in re.findall(r"\[\^(\d+)\]", raw)]
        text = plain("\n".join([raw, *(notes[n].get(lang) for n in marks)]))
        found |= {a for term in TermFinder(owners).findall(text) for a in owners[term]}
    return found - _places(doc)


def test_an_action_s_mentions_are_exactly_the_bodies_it_names(doc):
    for action in doc.actions:
        named = _named(doc, action.text.get)
        assert set(action.mentions) == named - set(action.actors), action.id


def test_a_place_is_never_an_actor(doc):
    places = _places(doc)
    assert places, "the data declares its places (kind: place)"
    for action in doc.actions:
        assert not places & {*action.actors, *action.mentions}, action.id
    assert not places & {row.actor.id for row in actor_matrix(doc)}
    assert not places & {a.id for a, _ in key_actors(doc)}
    assert not places & {a.id for _, group in actor_groups(doc) for a in group}
    assert not places & {
        key for kind in pages.KINDS if kind.name == "actor" for key, _ in kind.pages(doc)
    }
    assert not places & {a.id for a in doc.bodies}
    assert not any(Views(doc).annex_mentions[p] for p in places)
    shown = {a.name.get(lang) for a in doc.actors if a.id in places for lang in doc.languages}
    for measure in doc.measures:
        for lang in doc.languages:
            assert not shown & set(main_actors(doc, measure, lang).split(", "))


def _scores(doc: Document, actions) -> dict[str, tuple[int, int]]:
    scores: dict[str, tuple[int, int]] = {}
    for actor in doc.bodies:
        addressed = sum(actor.id in a.actors for a in actions)
        named = sum(actor.id in a.mentions and actor.id not in a.actors for a in actions)
        if addressed or named:
            scores[actor.id] = (addressed, named)
    return scores


def test_main_actors_are_every_addressee_then_whole_groups_of_the_most_named(doc):
    for measure in doc.measures:
        scores = _scores(doc, measure.actions)
        for lang in doc.languages:
            names = {plain(doc.actor(a).name.get(lang)): a for a in scores}
            listed = [names[n] for n in main_actors(doc, measure, lang).split(", ")]
            assert len(listed) == len(set(listed))
            rest = set(scores) - set(listed)
            # every addressee is listed, before any body only named
            assert {a for a in scores if scores[a][0]} <= set(listed), measure.number
            firsts = [scores[a][0] > 0 for a in listed]
            assert firsts == sorted(firsts, reverse=True), measure.number
            # a body left out never ranks above or with one listed (ties kept whole)
            for a in rest:
                assert all(scores[a] < scores[b] for b in listed), (measure.number, a)
            addressees = sum(firsts)
            assert len(listed) <= max(3, addressees) or len(set(map(scores.get, listed))) == 1


def test_key_actors_keep_their_ties(doc):
    counts = Counter(a for action in doc.actions for a in {*action.actors, *action.mentions})
    for count in range(1, len(counts) + 1):
        listed = key_actors(doc, count)
        assert len(listed) >= count
        last = min(n for _, n in listed)
        assert {a.id for a, _ in listed} == {a for a, n in counts.items() if n >= last}, count
        assert [n for _, n in listed] == sorted((n for _, n in listed), reverse=True)


def test_the_annexes_name_what_their_texts_or_footnotes_name(doc):
    views = Views(doc)
    for measure in doc.measures:
        texts = [b.text for b in measure.annex if b.text] + [
            i for b in measure.annex for i in b.items
        ]
        named: set[str] = set()
        for text in texts:
            named |= _named(doc, text.get)
        found = {a for a, numbers in views.annex_mentions.items() if measure.number in numbers}
        assert found == named, measure.number


def test_the_document_s_texts_hold_no_edition_note(doc):
    words = {"fr": re.compile(r"\bédition\b", re.I), "en": re.compile(r"\bedition\b", re.I)}
    for text in document_texts(doc):
        for lang in doc.languages:
            if text.has(lang):
                assert not words[lang].search(text.get(lang)), text.get(lang)


def _words(markdown: str) -> str:
    """A page's text as plain words: entities read, no-break spaces as spaces."""
    text = html.unescape(re.sub(r"<[^>]+>", "", markdown))
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def test_an_edition_note_is_shown_as_the_edition_s(doc, rendered):
    """Wherever a block with a note is shown, its note follows as the edition's."""
    noted = [b for m in doc.measures for b in m.annex if b.note]
    assert noted, "the edition's notes are a field of their own"
    for lang in doc.languages:
        label = doc.interface["edition_note"].get(lang)
        for block in noted:
            start = _words(plain(block.text.get(lang)))[:60]
            shown = [p for p, md in rendered[lang].items() if start in _words(md)]
            assert shown, lang
            for path in shown:
                words = _words(rendered[lang][path])
                after = words[words.index(start) :]
                assert 'class="edition-note"' in rendered[lang][path], path
                assert label in after and _words(plain(block.note.get(lang)))[:40] in after


def test_an_event_the_document_does_not_date_is_as_at_its_date(doc, rendered):
    said = {"fr": "à la date du document", "en": "by the date of the document"}
    for event in doc.events:
        for lang in doc.languages:
            if said[lang] in event.text.get(lang).lower():
                assert event.as_at, event.id
        if event.as_at:
            assert event.date == doc.record.date, event.id
    moments = [m for year in timeline_years(doc) for m in year.moments]
    assert any(m.event.as_at for m in moments)
    assert not any(m.reference and m.event.as_at for m in moments)
    for lang in doc.languages:
        timeline = rendered[lang][pages.page_path("timeline")]
        as_at = _words(doc.interface["as_at"].get(lang).split("{date}")[1])
        assert _words(timeline).count(as_at) == sum(e.as_at for e in doc.events), lang
