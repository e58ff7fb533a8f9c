"""Each kind of data error names the right file, line and key path; all are reported."""

from __future__ import annotations

import dataclasses
import functools
import json
import typing
from pathlib import Path

import pytest
from conftest import MINI, edit

from generator import DataErrors, load_document, models, read_data, validate
from generator.errors import FIDELITY
from generator.fields import Checker
from generator.load import format_path, parse_yaml
from generator.models import COUNCIL, EDITION, Document, Text, declared_texts, texts_of
from generator.validate import build_document


def errors_of(folder, languages=("fr", "en")):
    with pytest.raises(DataErrors) as caught:
        load_document(folder, languages)
    return caught.value.errors


def only_error(folder):
    (error,) = errors_of(folder)
    return error


def test_mini_fixture_is_valid(mini):
    doc = load_document(mini)
    assert [a.id for a in doc.actions] == ["1.1", "1.2", "2.1"]
    assert doc.glossary_entry("emsc").in_document_list
    assert not doc.glossary_entry("ue").in_document_list


# (file, text to replace, replacement, expected path, message fragment)
CASES = [
    (
        "measures.yaml",
        'en: "Acting"}',
        "}",
        "sections[0].measures[1].title",
        "missing English text 'en'",
    ),
    (
        "measures.yaml",
        'en: "Act fast"',
        "en: 1.10",
        "sections[0].measures[1].actions[0].text.en",
        "YAML reads the unquoted value 1.10 as a number",
    ),
    (
        "measures.yaml",
        'en: "Act fast"',
        "en: 12:30",
        "sections[0].measures[1].actions[0].text.en",
        "YAML reads the unquoted value 12:30 as a number",
    ),
    (
        "measures.yaml",
        'en: "Act fast"',
        "en: 2019-01-01",
        "sections[0].measures[1].actions[0].text.en",
        "YAML reads the unquoted value 2019-01-01 as a date",
    ),
    (
        "measures.yaml",
        'en: "Act fast"',
        "en: yes",
        "sections[0].measures[1].actions[0].text.en",
        "YAML reads the unquoted value yes as true/false",
    ),
    ("events.yaml", 'date: "2019"', "date: 2019", "events[1].date", "as a number"),
    ("document.yaml", "session: 1", "session: -5", "record.session", "from 1 up, got -5"),
    (
        "glossary.yaml",
        "short: {fr: UE, en: EU}",
        'short: {fr: "-UE", en: EU}',
        "entries[1].short.fr",
        "'-UE' does not begin with a letter or digit",
    ),
    (
        "actors.yaml",
        "id: member-states",
        "id: index",
        "actors[1].id",
        "id 'index' gives a page the same address as package/actors.md",
    ),
    (
        "actors.yaml",
        "    glossary: emsc",
        "    parent: emsc\n    glossary: emsc",
        "actors[0].parent",
        "actor 'emsc' is part of itself",
    ),
    (
        "actors.yaml",
        "    glossary: emsc",
        '    parent: member-states\n    status: "proposed"\n    glossary: emsc',
        "actors[0].parent",
        "actor 'emsc' is only proposed, yet part of 'member-states'",
    ),
    (
        "actors.yaml",
        "    glossary: emsc",
        '    status: "planned"\n    glossary: emsc',
        "actors[0].status",
        "unknown actor status 'planned'",
    ),
    (
        "actors.yaml",
        'terms: {fr: ["États membres"]',
        'terms: {fr: ["(États membres"]',
        "actors[1].terms.fr[0]",
        "does not begin with a letter or digit",
    ),
    (
        "glossary.yaml",
        "short: {fr: UE, en: EU}",
        "variants: {fr: [EMSC]}\n    short: {fr: UE, en: EU}",
        "entries[1].variants.fr[0]",
        "'EMSC' already names the glossary entry 'emsc' in 'fr'",
    ),
    (
        "interface.yaml",
        'status_text: {fr: "Approuvé par le Conseil le {date}"',
        'status_text: {fr: "Approuvé par le Conseil le {datum}"',
        "strings.status_text.fr",
        "placeholders of 'status_text' do not match",
    ),
    (
        "interface.yaml",
        '  home: {fr: "Accueil", en: "Home"}',
        '  home: {fr: {one: "Accueil", other: "Accueils"}, en: {one: "Home", other: "Homes"}}',
        "strings.home",
        "'home' must be one text per language",
    ),
    (
        "interface.yaml",
        'actions_n: {fr: {one: "{n} action"',
        'actions_n: {fr: {single: "{n} action"',
        "strings.actions_n.fr.single",
        "unknown plural category 'single'",
    ),
    (
        "interface.yaml",
        'date_day: {invariant: "d MMMM y"}',
        'date_day: {invariant: "d MMMM y at HH:mm:ss"}',
        "strings.date_day.invariant",
        "is not a date pattern",
    ),
    (
        "interface.yaml",
        '  home: {fr: "Accueil", en: "Home"}',
        '  plural: {fr: "x", en: "y"}\n  home: {fr: "Accueil", en: "Home"}',
        "strings.plural",
        "is the name of a method",
    ),
    (
        "measures.yaml",
        'en: "Act fast"',
        'en: "  "',
        "sections[0].measures[1].actions[0].text.en",
        "empty value",
    ),
    (
        "measures.yaml",
        'en: "Act fast"',
        'en: "Agir vite"',
        "sections[0].measures[1].actions[0].text.en",
        "copy of the 'fr' text",
    ),
    (
        "measures.yaml",
        "actors: [emsc]",
        "actors: [emcs]",
        "sections[0].measures[0].actions[0].actors[0]",
        "unknown actor id 'emcs'",
    ),
    (
        "measures.yaml",
        "mentions: [member-states]",
        "mentions: [Member States]",
        "sections[0].measures[0].actions[0].mentions[0]",
        "invalid id",
    ),
    (
        "measures.yaml",
        'id: "2.1"',
        'id: "3.1"',
        "sections[0].measures[1].actions[0].id",
        "does not belong to this measure",
    ),
    ("measures.yaml", "number: 2", "number: 3", "sections[0].measures[1].number", "out of order"),
    (
        "measures.yaml",
        "summary_page: 3",
        "summary_page: three",
        "sections[0].summary_page",
        "expected a whole number",
    ),
    (
        "measures.yaml",
        "annex_title:",
        "annex_titel:",
        "sections[0].measures[1].annex_titel",
        "unknown field 'annex_titel'",
    ),
    ("measures.yaml", 'id: "I"', 'id: "one"', "sections[0].id", "invalid id"),
    (
        "measures.yaml",
        "feed the EU[^2]",
        "feed the EU[^9]",
        "sections[0].measures[0].actions[1].text",
        "unknown footnote 9",
    ),
    (
        "measures.yaml",
        "Agir vite",
        "**Agir vite",
        "sections[0].measures[1].actions[0].text",
        "unbalanced bold",
    ),
    (
        "measures.yaml",
        "Act fast",
        "Act fast with the SRU",
        "sections[0].measures[1].actions[0].text.en",
        "'SRU' looks like an acronym",
    ),
    (
        "measures.yaml",
        '{fr: "premier point;"',
        '{de: "erster Punkt;", fr: "premier point;"',
        "sections[0].measures[1].annex[0].items[0].de",
        "unknown language 'de'",
    ),
    ("footnotes.yaml", "number: 2", "number: 3", "footnotes[1].number", "breaks the sequence"),
    (
        "footnotes.yaml",
        '{invariant: "Doc. 1/18."}',
        '{invariant: "Doc. 1/18.", fr: x}',
        "footnotes[1].text.fr",
        "'invariant' excludes",
    ),
    (
        "glossary.yaml",
        "actor: emsc",
        "actor: ghost",
        "entries[0].actor",
        "unknown actor id 'ghost'",
    ),
    ("glossary.yaml", "id: ue", "id: emsc", "entries[1].id", "duplicate glossary id 'emsc'"),
    ("actors.yaml", "kind: eu_body", "kind: eu_bureau", "actors[0].kind", "unknown actor kind"),
    (
        "actors.yaml",
        'en: ["Member States"]',
        'en: ["Member State Governments"]',
        "actors[1].terms.en[0]",
        "never occurs in the 'en' document text",
    ),
    ("actors.yaml", "id: member-states", "id: emsc", "actors[1].id", "duplicate actor id 'emsc'"),
    ("events.yaml", 'date: "2019"', 'date: "2019-02-30"', "events[1].date", "invalid date"),
    ("events.yaml", "measure: 1", "measure: 7", "events[1].measure", "unknown measure 7"),
    ("events.yaml", "kind: deadline", "kind: someday", "events[1].kind", "unknown event kind"),
    (
        "document.yaml",
        "entries: [emsc]",
        "entries: [emsc, ccpd]",
        "acronym_list.entries[1]",
        "unknown glossary entry id 'ccpd'",
    ),
    ("document.yaml", "session: 1", "session: [1]", "record.session", "expected a whole number"),
    (
        "document.yaml",
        "cover_text: {fr",
        "cover_text: {fr: a, fr",
        "cover_text.fr",
        "duplicate key",
    ),
    ("document.yaml", 'number: "1/18"', 'number: "1/18": x', "", "YAML syntax error"),
    ("events.yaml", "    kind: event", "\tkind: event", "", "YAML syntax error"),
    (
        "measures.yaml",
        "actors: [emsc]",
        "actors: emsc",
        "sections[0].measures[0].actions[0].actors",
        "expected a list",
    ),
    (
        "footnotes.yaml",
        '{invariant: "Doc. 1/18."}',
        '{invariant: ""}',
        "footnotes[1].text.invariant",
        "empty value",
    ),
    (
        "measures.yaml",
        "- text: {fr: \"L'EMSC",
        '- text: "plain"\n          - text: {fr: "L\'EMSC',
        "sections[0].measures[0].annex[0].text",
        "expected a text per language",
    ),
    ("footnotes.yaml", "footnotes:", "notes: []\nfootnotes:", "notes", "unknown field 'notes'"),
    (
        "glossary.yaml",
        "    actor: emsc",
        "    variants: {es: [X]}\n    actor: emsc",
        "entries[0].variants.es",
        "unknown language 'es'",
    ),
    (
        "actors.yaml",
        "    glossary: emsc",
        "    parent: ghost\n    glossary: emsc",
        "actors[0].parent",
        "unknown actor id 'ghost'",
    ),
    (
        "glossary.yaml",
        "  - token: MARE\n    reason: team name in capitals",
        "  - token: MARE\n    why: team name in capitals",
        "not_acronyms[0]",
        "missing field 'reason'",
    ),
    (
        "interface.yaml",
        'home: {fr: "Accueil", en: "Home"}',
        'home: {fr: "Accueil"}',
        "strings.home",
        "missing English text 'en'",
    ),
    (
        "interface.yaml",
        'home: {fr: "Accueil", en: "Home"}',
        'home: {fr: "Accueil", en: "Home[^1]"}',
        "strings.home.en",
        "footnote mark in an interface string",
    ),
    (
        "measures.yaml",
        "Agir vite",
        "Agir[^x] vite",
        "sections[0].measures[1].actions[0].text",
        "malformed footnote mark",
    ),
    (
        "measures.yaml",
        "Agir vite",
        "Agir 1^er vite",
        "sections[0].measures[1].actions[0].text",
        "unbalanced superscript",
    ),
    (
        "document.yaml",
        'approval_date: "2018-12-06"',
        'approval_date: "6/12/2018"',
        "record.approval_date",
        "invalid date",
    ),
]


@pytest.mark.parametrize(
    ("name", "old", "new", "path", "message"), CASES, ids=[c[3] for c in CASES]
)
def test_error_names_file_line_and_path(mini, name, old, new, path, message):
    assert_error_at(mini, name, old, new, path, message)


def assert_error_at(folder: Path, name: str, old: str, new: str, path: str, message: str) -> None:
    """Once ``old`` is ``new`` in ``folder/name``, one error says ``message``
    at that line and key ``path``, with a hint."""
    line = edit(folder, name, old, new)
    (error,) = [e for e in errors_of(folder) if e.path == path and message in e.message]
    assert error.file.endswith(name)
    assert error.hint, "every error comes with a hint"
    assert error.line == line
    assert error.path == path
    assert message in error.message


def test_footnote_never_marked(mini):
    edit(mini, "measures.yaml", "feed the EU[^2]", "feed the EU")  # (in French: a fidelity error)
    line = edit(mini, "footnotes.yaml", "- number: 2", "- number: 2")
    error = only_error(mini)
    assert error.file.endswith("footnotes.yaml") and error.line == line
    assert error.path == "footnotes[1]"
    assert "footnote 2 is never marked in the 'en' texts" in error.message


def test_footnote_marked_twice(mini):
    line = edit(mini, "measures.yaml", "Act fast", "Act fast[^2]")
    error = only_error(mini)
    assert error.line == line and error.path == "sections[0].measures[1].actions[0].text"
    assert "footnote 2 is marked twice in 'en'" in error.message


def test_footnote_marked_in_different_places(mini):
    edit(mini, "measures.yaml", "feed the EU[^2]", "feed the EU")
    edit(mini, "measures.yaml", "Act fast", "Act fast[^2]")
    error = only_error(mini)
    assert "different places" in error.message and "action-2-1" in error.message


def test_footnote_mark_outside_the_document_text(mini):
    line = edit(mini, "actors.yaml", "Centre au sein d'Europol.", "Centre[^1] au sein d'Europol.")
    error = only_error(mini)
    assert error.file.endswith("actors.yaml") and error.line == line
    assert "body texts only" in error.message


@pytest.mark.parametrize(
    ("make", "name", "message"),
    [
        (lambda d: (d / "events.yaml").unlink(), "events.yaml", "missing file"),
        (
            lambda d: (d / "events.yaml").unlink() or (d / "events.yaml").mkdir(),
            "events.yaml",
            "not a file",
        ),
        (
            lambda d: (
                (d / "events.yaml").unlink() or (d / "events.yaml").symlink_to(d / "gone.yaml")
            ),
            "events.yaml",
            "broken symbolic link",
        ),
        (
            lambda d: (d / "event.yaml").write_text("events: []\n"),
            "event.yaml",
            "unknown file in the data folder",
        ),
        (
            lambda d: edit(d, "events.yaml", "events:", "events: &a\n  - *a\n"),
            "events.yaml",
            "anchors and aliases",
        ),
        (
            lambda d: edit(
                d, "events.yaml", "events:", "x: " + "[" * 100 + "]" * 100 + "\nevents:"
            ),
            "events.yaml",
            "nested more than",
        ),
    ],
)
def test_a_file_that_cannot_be_read_is_the_only_error(mini, make, name, message):
    make(mini)
    error = only_error(mini)
    assert error.file.endswith(name) and error.line >= 1 and message in error.message


@pytest.mark.parametrize(
    ("key", "template"), [("home", "measure.md.j2"), ("date_day", "timeline.md.j2")]
)
def test_a_string_the_templates_use_must_exist(mini, key, template):
    text = (mini / "interface.yaml").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith(f"  {key}:"))
    edit(mini, "interface.yaml", line + "\n", "")
    error = only_error(mini)
    assert (error.file.rsplit("/", 1)[-1], error.line, error.path) == (
        "interface.yaml",
        text.splitlines().index("strings:") + 1,
        "strings",
    )
    assert (
        error.message.startswith(f"missing interface string '{key}' (used by ")
        and template in error.message
    )


def test_actors_that_are_parts_of_each_other_are_a_cycle(mini):
    edit(mini, "actors.yaml", "    glossary: emsc", "    parent: member-states\n    glossary: emsc")
    edit(
        mini, "actors.yaml", "    kind: member_states", "    kind: member_states\n    parent: emsc"
    )
    errors = errors_of(mini)
    assert sorted(e.path for e in errors) == ["actors[0].parent", "actors[1].parent"]
    assert all("is part of itself" in e.message for e in errors)


def test_a_syntax_error_comes_alone_not_behind_its_follow_on_errors(mini):
    line = edit(
        mini,
        "actors.yaml",
        'en: "European Migrant Smuggling Centre"}',
        'en: "European Migrant Smuggling Centre}',
    )
    error = only_error(mini)  # not the unknown actor ids and unmarked footnotes it would cause
    assert error.file.endswith("actors.yaml") and error.line == line  # where the quote opened
    assert error.message.startswith("YAML syntax error")


def test_every_error_is_reported_at_once(mini):
    edit(mini, "measures.yaml", "actors: [emsc]", "actors: [ghost]")
    edit(mini, "events.yaml", 'date: "2019"', 'date: "soon"')
    edit(mini, "glossary.yaml", 'explanation: {fr: "L\'Union.", ', "explanation: {")
    files = sorted(e.file.rsplit("/", 1)[-1] for e in errors_of(mini))
    assert files == ["events.yaml", "glossary.yaml", "measures.yaml"]


def test_report_format(mini):
    line = edit(mini, "events.yaml", 'date: "2019"', 'date: "soon"')
    with pytest.raises(DataErrors) as caught:
        load_document(mini)
    first, last = caught.value.report().splitlines()
    assert first.endswith(
        f"events.yaml:{line}:5: events[1].date: invalid date 'soon' "
        "(hint: write YYYY, YYYY-MM or YYYY-MM-DD, quoted)"
    )
    assert last == "1 data error found"


def test_third_language_is_required_when_configured(mini):
    errors = errors_of(mini, ("fr", "en", "de"))
    assert any(e.message == "missing German text 'de'" for e in errors)
    assert all("'de'" in e.message for e in errors)


def test_every_actor_and_glossary_entry_names_the_source_of_its_name(mini):
    line = edit(
        mini,
        "actors.yaml",
        '    source: {title: "Treaty on European Union", url',
        '    sources: {title: "Treaty on European Union", url',
    )
    errors = errors_of(mini)
    assert any(e.path == "actors[1]" and e.message == "missing field 'source'" for e in errors)
    assert any(e.line == line and "unknown field 'sources'" in e.message for e in errors)


def test_a_source_is_an_https_address(mini):
    line = edit(
        mini, "glossary.yaml", 'url: "https://www.europol.europa.eu/"', 'url: "javascript:alert(1)"'
    )
    error = only_error(mini)
    assert (error.line, error.path) == (line, "entries[0].source.url")
    assert error.message == "invalid address 'javascript:alert(1)'"


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        (
            "actors.yaml",
            'en: "Centre within Europol."}',
            'en: "Centre within Europol.", council: [en]}',
            "this text is the edition's",
        ),
        (
            "measures.yaml",
            'en: "Act fast"}',
            'en: "Act fast", council: [fr]}',
            "'fr' cannot be marked as the Council's text",
        ),
        (
            "measures.yaml",
            'en: "Act fast"}',
            'en: "Act fast", council: [de]}',
            "'de' cannot be marked",
        ),
    ],
)
def test_only_the_document_s_texts_in_a_translated_language_can_be_the_council_s(
    mini, name, old, new, message
):
    edit(mini, name, old, new)
    assert message in only_error(mini).message


def test_a_text_marked_as_the_council_s_is_known_as_such(mini):
    edit(mini, "measures.yaml", 'en: "Act fast"}', 'en: "Act fast", council: [en]}')
    doc = load_document(mini)
    assert doc.actions[2].text.council == ("en",) and doc.actions[0].text.council == ()


def test_a_change_of_the_council_s_text_is_listed_first_and_not_hidden(mini):
    edit(mini, "events.yaml", 'date: "2019"', 'date: "soon"')  # a field of another file
    edit(mini, "measures.yaml", "actors: [emsc]", "actors: [ghost]")  # across files
    line = edit(mini, "measures.yaml", '{fr: "Agir vite"', '{fr: "Agir très vite"')
    first, *others = errors_of(mini)
    assert (first.stage, first.line) == (FIDELITY, line)
    assert first.path == "sections[0].measures[1].actions[0].text.fr"
    assert first.file.endswith("measures.yaml") and "[très]" in first.message
    assert "measures.yaml" in first.hint and "source/" not in first.hint
    assert len(others) == 2 and all(e.stage != FIDELITY for e in others)


def test_no_fidelity_error_while_the_document_s_texts_cannot_all_be_read(mini):
    """A text that cannot be read would read as missing: its error is the cause."""
    edit(mini, "measures.yaml", '          - id: "2.1"\n', '          - idx: "2.1"\n')
    errors = errors_of(mini)
    assert errors and not any(e.stage == FIDELITY for e in errors)


# -- whose texts: the Council's or the edition's, as the models declare them ----
def _models(hint) -> list[type]:
    """The models a field of type ``hint`` holds (itself, or in a tuple, an optional…)."""
    if dataclasses.is_dataclass(hint):
        return [hint]
    return [model for arg in typing.get_args(hint) for model in _models(arg)]


def _holds_text(hint) -> bool:
    return hint is Text or any(_holds_text(arg) for arg in typing.get_args(hint))


def _fields(model: type = Document) -> list[tuple[str, dataclasses.Field, object]]:
    """("Model.field", field, type hint) of every field of the document's models."""
    hints = typing.get_type_hints(model)
    found = []
    for field in dataclasses.fields(model):
        found.append((f"{model.__name__}.{field.name}", field, hints[field.name]))
        found += [f for inner in _models(hints[field.name]) for f in _fields(inner)]
    return list(dict.fromkeys(found))


TEXT_FIELDS = {name: texts_of(field) for name, field, _ in _fields() if texts_of(field)}


def test_every_field_holding_texts_says_whose_they_are():
    undeclared = [name for name, f, hint in _fields() if _holds_text(hint) and not texts_of(f)]
    assert not undeclared, "declare texts=COUNCIL or texts=EDITION (models.declared)"
    assert set(TEXT_FIELDS.values()) == {COUNCIL, EDITION}
    assert TEXT_FIELDS["Record.place"] == EDITION and TEXT_FIELDS["Action.text"] == COUNCIL


def _first_text(value, path: tuple, keys: set[str]) -> tuple | None:
    """The path of the first text in ``value`` written with ``keys`` (languages, or invariant)."""
    if isinstance(value, dict) and set(value) == keys:
        return path if all(isinstance(v, str) for v in value.values()) else None
    items = value.items() if isinstance(value, dict) else enumerate(value or ())
    if isinstance(value, (dict, list)):
        for key, item in items:
            if found := _first_text(item, path + (key,), keys):
                return found
    return None


@functools.cache
def _texts_in_mini() -> dict[str, tuple[str, tuple]]:
    """Declared text field -> (file, path) of a text of it in the mini fixture:
    written per language, or if it has none, the same in every language."""
    found: dict[str, tuple[str, tuple]] = {}
    invariant: dict[str, tuple[str, tuple]] = {}

    class Recording(Checker):
        def read_field(self, reader, value, path, model, name=None):
            field = f"{model.__name__}.{name or path[-1]}"
            file = Path(self.file.name).name
            if field in TEXT_FIELDS and field not in found:
                if where := _first_text(value, path, {"fr", "en"}):
                    found[field] = (file, where)
                elif where := _first_text(value, path, {"invariant"}):
                    invariant.setdefault(field, (file, where))
            return super().read_field(reader, value, path, model, name)

    sources, _ = read_data(MINI, ("fr", "en"))
    original = validate.Checker
    try:
        validate.Checker = Recording
        build_document({n: s.parse() for n, s in sources.items()}, ("fr", "en"), None, None)
    finally:
        validate.Checker = original
    return {**invariant, **found}


def _say_council(folder: Path, name: str, path: tuple) -> tuple[int, int]:
    """Write ``council: [en]`` in the text at ``path`` of file ``name`` (a text
    the same in every language is first written per language); its line and column."""
    file = folder / name
    text = file.read_text(encoding="utf-8")
    yaml = parse_yaml(text, name)
    value = functools.reduce(lambda data, key: data[key], path, yaml.data)
    lines = text.split("\n")
    line, column = yaml.marks[path + (("invariant",) if "invariant" in value else ("fr",))]
    before, after = lines[line - 1][: column - 1], lines[line - 1][column - 1 :]
    flow = "{" in before  # {fr: …, en: …}, else one key per line
    inserted = "council: [en], " if flow else "council: [en]\n" + " " * (column - 1)
    if "invariant" in value:  # {invariant: "OR. en"}
        assert flow, f"{name}: {path}: write the text as {{invariant: …}} in the fixture"
        same = json.dumps(value["invariant"], ensure_ascii=False)
        after = after.replace(f"invariant: {same}", f'fr: {same}, en: {same[:-1]} (en)"', 1)
    lines[line - 1] = before + inserted + after
    file.write_text("\n".join(lines), encoding="utf-8")
    return line, column


@pytest.mark.parametrize("field", sorted(TEXT_FIELDS))
def test_only_the_fields_of_the_council_s_texts_can_say_a_text_is_the_council_s(mini, field):
    assert field in _texts_in_mini(), f"{field}: give it a text in the mini fixture"
    name, path = _texts_in_mini()[field]
    line, column = _say_council(mini, name, path)
    if TEXT_FIELDS[field] == COUNCIL:
        marked = [t for t in declared_texts(load_document(mini), COUNCIL) if t.council]
        assert [t.council for t in marked] == [("en",)]
    else:
        error = only_error(mini)
        assert (error.file, error.line, error.column) == (str(mini / name), line, column)
        assert error.path == format_path(path + ("council",))
        assert error.message == "this text is the edition's: it cannot be the Council's"
        assert "document's own texts" in error.hint


# a value of each optional field of an actor, valid for a body of the fixture
_ACTOR_EXTRAS = {"parent": "emsc", "glossary": "emsc", "status": '"proposed"'}


@pytest.mark.parametrize(
    "key",
    [
        f.name
        for f in dataclasses.fields(models.Actor)
        if f.name not in models.PLACE_FIELDS
        and f.default is not dataclasses.MISSING  # an optional field
    ],
)
def test_a_place_refuses_what_no_page_would_show(mini, key):
    """A place (kind: place) is listed on the actors page with its name,
    description and source (``PLACE_FIELDS``): any other field, which no page
    would show, is refused where it is written."""
    place = "    kind: place\n"
    line = edit(mini, "actors.yaml", place, place + f"    {key}: {_ACTOR_EXTRAS[key]}\n") + 1
    error = only_error(mini)
    assert (error.file.rsplit("/", 1)[-1], error.line, error.column) == ("actors.yaml", line, 5)
    assert error.path == f"actors[2].{key}"
    assert error.message == f"a place (kind: place) has no {key}: no page would show it"
