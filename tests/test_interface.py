"""Interface strings: escaped, plural forms by CLDR rules, placeholders, dates, and what templates use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import DATA, MINI
from markupsafe import Markup

from generator import load_document
from generator.interface import InterfaceText, Usage, template_usage
from generator.models import Plural, Text

STRINGS = {
    "see": Text({"fr": "Voir **tout**", "en": "See **all**"}),
    "filled": Text({"fr": "Le {date} : {what}", "en": "On {date}: {what}"}),
    "count": Plural(
        {
            "fr": {"one": "{n} action", "other": "{n} actions"},
            "en": {"one": "{n} action", "other": "{n} actions"},
        }
    ),
    "label_format": Text({"fr": "{label} :", "en": "{label}:"}),
    "date_day": Text({"invariant": "d MMMM y"}, invariant=True),
    "date_month": Text({"invariant": "MMMM y"}, invariant=True),
}


def ui(language):
    return InterfaceText(STRINGS, language)


def test_strings_are_html_with_their_markup_and_escaped_values():
    assert ui("en").see == Markup("See <strong>all</strong>")
    assert ui("en")("filled", date="<i>", what=Markup("<b>x</b>")) == Markup(
        "On &lt;i&gt;: <b>x</b>"
    )
    assert ui("en").plain("filled", date="6 May", what="x") == "On 6 May: x"


@pytest.mark.parametrize(
    ("language", "count", "text"),
    [
        ("en", 1, "1 action"),
        ("en", 0, "0 actions"),
        ("en", 2, "2 actions"),
        ("fr", 0, "0 action"),
        ("fr", 1, "1 action"),
        ("fr", 2, "2 actions"),
    ],
)
def test_plural_forms_follow_the_language_s_rules(language, count, text):
    assert ui(language).plural("count", count) == text


def test_a_label_takes_the_language_s_colon():
    assert ui("en").label("see") == "See <strong>all</strong>:"


@pytest.mark.parametrize(
    ("language", "date", "text"),
    [
        ("fr", "2018-10-18", "18 octobre 2018"),
        ("en", "2018-10-18", "18 October 2018"),
        ("en", "2016-02", "February 2016"),
        ("fr", "2019", "2019"),
    ],
)
def test_dates_keep_their_precision_with_the_language_s_month_names(language, date, text):
    assert ui(language).date(date) == text


def test_language_names_are_cldr_s_in_their_own_language():
    assert [ui("en").language_name(code) for code in ("fr", "en", "de")] == [
        "Français",
        "English",
        "Deutsch",
    ]


def test_scripts_get_the_raw_string_or_its_plural_forms():
    assert ui("fr").js("filled") == "Le {date} : {what}"
    assert ui("fr").js("count") == '{"one": "{n} action", "other": "{n} actions"}'


def test_template_usage_reads_every_way_a_template_uses_a_string(tmp_path):
    (tmp_path / "a.md.j2").write_text(
        "{{ t.ui.one }} {{ t.ui['two'] }} {{ t.ui('three', x=1) }} {{ t.ui.plural('four', n, y=2) }}"
        "{{ t.ui.label('five') }} {{ t.ui.js('six', 'n') }} {{ t.ui['kind_' ~ k] }} {{ t.ui.date(d) }}"
    )
    found = {(u.key, u.placeholders, u.plural) for u in template_usage([tmp_path])}
    assert {
        ("one", frozenset(), False),
        ("two", frozenset(), False),
        ("three", frozenset({"x"}), False),
    } <= found
    assert ("four", frozenset({"n", "y"}), True) in found and (
        "six",
        frozenset({"n"}),
        None,
    ) in found
    assert ("five", frozenset(), False) in found and (
        "label_format",
        frozenset({"label"}),
        False,
    ) in found
    assert ("kind_eu_agency", frozenset(), False) in found and (
        "date_day",
        frozenset(),
        False,
    ) in found


def test_the_real_templates_use_only_strings_that_exist():
    doc = load_document(DATA)
    used = template_usage([Path(__file__).parent.parent / "generator" / "templates"])
    assert used and all(use.key in doc.interface for use in used)
    assert Usage("back_to_reference", "_macros.md.j2", frozenset({"n"})) in used


def test_the_fixture_has_every_string_the_site_has():
    assert set(load_document(MINI).interface) == set(load_document(DATA).interface)


def test_french_interface_strings_get_their_no_break_spaces_and_only_they():
    doc = load_document(DATA)
    ui = InterfaceText(doc.interface, "fr")
    for key, value in doc.interface.items():
        texts = value.get("fr").values() if isinstance(value, Plural) else [value.get("fr")]
        for raw in texts:
            html = str(ui(key) if not isinstance(value, Plural) else ui.plural(key, 2))
            assert not re.search(r" [;:!?]|« | »", html), (key, html)
            assert raw.count("«") == html.count("«\u00a0"), key
    assert ui.label("addressed_to") == "Adressée à\u00a0:"
    assert InterfaceText(doc.interface, "en").label("addressed_to") == "Addressed to:"


def test_the_document_s_own_texts_keep_the_source_s_spacing():
    from generator.render import render_pages

    full_text = render_pages(load_document(DATA), "fr")["package/full-text.md"]
    assert "<dt>Origine:</dt>" in full_text  # the source writes it so


def test_the_edition_s_own_french_texts_get_the_typography_too():
    from generator.render import render_pages

    doc = load_document(DATA)
    rendered = render_pages(doc, "fr")
    own = [
        (rendered["package/glossary.md"], [e.explanation for e in doc.glossary]),
        (rendered["package/timeline.md"], [e.text for e in doc.events]),
    ] + [(rendered[f"package/actors/{a.id}.md"], [a.description]) for a in doc.actors]
    spaced = 0
    for page, texts in own:
        for text in texts:
            spaced += len(re.findall(r" [;:!?]", text.get("fr")))
        assert not re.search(r" [;:!?]|« | »", page)
    assert spaced > 3  # the data writes ordinary spaces; the pages, the right ones


def test_the_theme_uses_only_the_strings_the_hook_gives_it():
    from generator.pages import THEME_STRINGS

    theme = Path(__file__).parent.parent / "overrides"
    used = {use.key for use in template_usage([theme])}
    assert used and used <= set(THEME_STRINGS)


def test_french_typography_leaves_an_entity_written_in_a_text_alone():
    from generator.interface import TYPOGRAPHY

    french = TYPOGRAPHY["fr"]
    assert french("a &gt; b &#62; c") == "a &gt; b &#62; c"
    assert french("oui; non ! et ? « x » : y") == (
        "oui\u202f; non\u202f! et\u202f? «\u00a0x\u00a0»\u00a0: y"
    )
