"""Interface strings: escaped, plural forms by CLDR rules, placeholders, dates, and what templates use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import DATA, MINI
from markupsafe import Markup

from generator import DataErrors, load_document
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
    "date_first_day": Text({"fr": "d'er' MMMM y", "en": "d MMMM y"}),
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
    assert ui("fr").js("filled") == "Le {date}\u00a0: {what}"  # the typography kept
    assert ui("fr").js("count") == '{"one": "{n} action", "other": "{n} actions"}'


def test_a_string_used_with_the_wrong_number_of_forms_is_named():
    """One text read as plural forms, or plural forms as one text (which the
    check refuses before rendering): an error naming the string, not a crash
    in the markup code."""
    with pytest.raises(TypeError, match="'count' has plural forms: use ui.plural"):
        ui("en")["count"]
    with pytest.raises(TypeError, match="'count' has plural forms"):
        ui("en").plain("count")
    with pytest.raises(TypeError, match="'see' has no plural forms"):
        ui("en").plural("see", 2)


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
    ] + [(rendered[f"package/actors/{a.id}.md"], [a.description]) for a in doc.bodies]
    spaced = 0
    for page, texts in own:
        for text in texts:
            spaced += len(re.findall(r" [;:!?]", text.get("fr")))
        assert not re.search(r" [;:!?]|« | »", page)
    assert spaced > 3  # the data writes ordinary spaces; the pages, the right ones


def test_the_theme_s_strings_are_read_from_its_templates_and_mkdocs_yml():
    from generator.project import CONFIG, theme_usage

    used = {use.key: use for use in theme_usage(CONFIG)}
    assert {"header_short", "print_line", "palette_to_dark", "palette_to_light"} <= set(used)
    # main.html fills {url} with a filter, theme.context {number}
    assert used["print_line"].placeholders == {"number", "url"}
    assert used["palette_to_dark"].template.startswith("mkdocs.yml:")


def test_french_typography_leaves_an_entity_written_in_a_text_alone():
    from generator.interface import TYPOGRAPHY

    french = TYPOGRAPHY["fr"]
    assert french("a &gt; b &#62; c") == "a &gt; b &#62; c"
    assert french("oui; non ! et ? « x » : y") == (
        "oui\u202f; non\u202f! et\u202f? «\u00a0x\u00a0»\u00a0: y"
    )


# -- the strings the generator's Python code uses ------------------------------
GENERATOR = Path(__file__).resolve().parent.parent / "generator"
_METHODS = "escaped|plain|plural|label|js"
# Read independently of the checker's scanner: a key given first to a call on
# ui, <x>.ui, ui_of(…) or one of their keyed methods, and a <x>.ui.<key> read.
_CALLED = re.compile(r"\bui(?:_of\([^()]*\))?(?:\.(?:" + _METHODS + r"))?\(\s*[\"'](\w+)[\"']")
_READ = re.compile(r"\bui\.(?!(?:" + _METHODS + r"|date|language_name|language)\b)([a-z]\w*)\b")


def _code_keys() -> dict[str, str]:
    """Each literal key the Python modules use, and a module using it."""
    keys = {}
    for path in sorted(GENERATOR.glob("*.py")):
        text = re.sub(r'"""[\s\S]*?"""|#.*', "", path.read_text(encoding="utf-8"))  # code only
        for found in [*_CALLED.finditer(text), *_READ.finditer(text)]:
            keys.setdefault(found[1], path.name)
    return keys


def _without(folder: Path, keys) -> None:
    """Remove the strings ``keys`` from ``folder``'s interface.yaml."""
    path = folder / "interface.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["strings"] = {k: v for k, v in data["strings"].items() if k not in keys}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_the_scanner_finds_every_key_the_code_uses():
    from generator.interface import python_usage

    keys = _code_keys()
    assert {"council_mark", "cite_part_action", "register_entry", "not_found_other"} <= set(keys)
    found = {use.key for use in python_usage(GENERATOR).uses}
    assert set(keys) <= found, set(keys) - found


def test_removing_a_string_the_code_uses_fails_the_check(mini):
    keys = _code_keys()
    _without(mini, keys)
    with pytest.raises(DataErrors) as raised:
        load_document(mini)
    report = raised.value.report()
    for key in keys:
        assert f"missing interface string '{key}' (used by " in report, key
    assert "(used by generator/render.py:" in report  # the place of the use


def test_a_key_the_code_uses_is_checked_with_its_placeholders(tmp_path):
    from generator import interface_usage
    from generator.interface import python_usage
    from generator.load import FILES, read_folder
    from generator.validate import build_document

    module = tmp_path / "code"
    module.mkdir()
    (module / "new.py").write_text(
        "def page(t, ui):\n"
        "    values = {'n': 1}\n"
        "    return ui('ghost', a=1) + t.ui.other_ghost + ui.escaped('cite', **values)\n",
        encoding="utf-8",
    )
    usage = python_usage(module)
    assert {(u.key, u.template) for u in usage.uses} == {
        ("ghost", "code/new.py:3"),
        ("other_ghost", "code/new.py:3"),
        ("cite", "code/new.py:3"),
    }
    files = {name: source.parse() for name, source in read_folder(MINI, FILES)[0].items()}
    with pytest.raises(DataErrors) as raised:
        build_document(files, ("fr", "en"), None, interface_usage() + list(usage.uses))
    report = raised.value.report()
    assert "missing interface string 'ghost' (used by code/new.py:3)" in report
    assert "missing interface string 'other_ghost' (used by code/new.py:3)" in report
    assert "placeholders of 'cite' do not match the template (code/new.py:3 fills: {n})" in report


def test_keys_are_computed_only_from_the_page_registry():
    """A use whose key the scanner cannot read must take its keys from
    ``pages.interface_keys()`` (navigation and search labels) or give the
    theme every string: anywhere else, a key would escape the check."""
    import ast

    from generator.interface import python_usage

    registry = {
        ("mkdocs_hook.py", "on_config"),  # the navigation's labels
        ("theme.py", "strings"),  # the theme's strings: every one-text string
        ("pages.py", "not_found_page"),  # the 404 page's links: navigation labels
        ("render.py", "front_matter"),  # the search label of the page kind
    }
    places = set()
    for site in python_usage(GENERATOR).dynamic:
        name, line = site.split("/")[-1].split(":")
        tree = ast.parse((GENERATOR / name).read_text(encoding="utf-8"))
        functions = [
            f.name
            for f in ast.walk(tree)
            if isinstance(f, ast.FunctionDef) and f.lineno <= int(line) <= f.end_lineno
        ]
        places.add((name, functions[-1]))
    assert places and places <= registry, places - registry


def test_an_unused_string_is_an_error_at_its_place(mini):
    path = mini / "interface.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + '  spare_words: {fr: "Mots", en: "Words"}\n', encoding="utf-8")
    line = text.count("\n") + 1
    with pytest.raises(DataErrors) as raised:
        load_document(mini)
    assert [str(e) for e in raised.value.errors] == [
        f"{path}:{line}:3: strings.spare_words: interface string 'spare_words' is used nowhere "
        "(templates, theme, code, config) (hint: remove it, or use it)"
    ]


def test_every_string_of_the_data_is_used():
    from generator import interface_usage

    used = {use.key for use in interface_usage()}
    assert set(load_document(DATA).interface) <= used


def test_a_description_in_mkdocs_yml_says_only_the_placeholders_the_theme_fills(tmp_path):
    """mkdocs.yml's descriptions write the document's number as {number}
    (overrides/main.html fills it); another name is refused where it is."""
    from generator.project import CONFIG, problems

    assert not [p for p in problems(CONFIG) if "placeholder" in str(p)]
    text = CONFIG.read_text(encoding="utf-8")
    said = re.findall(r"^ *site_description: .*\{number\}", text, re.M)
    assert len(said) >= 2, said  # each language's description
    config = tmp_path / "mkdocs.yml"
    config.write_text(text.replace(said[-1], said[-1].replace("{number}", "{numero}")), "utf-8")
    found = [str(p) for p in problems(config) if "placeholder" in str(p)]
    line = text[: text.index(said[-1])].count("\n") + 1
    column = len(said[-1]) - len(said[-1].lstrip()) + len("site_description: ") + 1
    assert len(found) == 1 and found[0].startswith(f"{config}:{line}:{column}: plugins["), found
    assert found[0].endswith(
        "].site_description: unknown placeholder {numero}: the theme fills only {number} "
        "(hint: write {number} for the document's number)"
    ), found
