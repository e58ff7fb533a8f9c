"""The pure render step: golden pages for the small fixture, and escaping."""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path

import pytest
from conftest import MINI, edit
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import Environment, pass_context, pass_environment
from markupsafe import Markup

from generator import load_document
from generator.models import Text
from generator.render import (
    PageText,
    Urls,
    environment,
    escape_text,
    related_index,
    relative_path,
    render_pages,
)

GOLDEN = Path(__file__).parent / "golden" / "mini"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"  # regenerate, then review the diff


@pytest.mark.parametrize("language", ["fr", "en"])
def test_pages_match_the_golden_files(language):
    pages = render_pages(load_document(MINI), language)
    folder = GOLDEN / language
    if UPDATE:
        for path, text in pages.items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_text(text, encoding="utf-8")
    expected = {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in folder.rglob("*.md")
    }
    assert sorted(pages) == sorted(expected)
    for path, text in pages.items():
        assert text == expected[path], path


def test_rendering_is_pure_and_deterministic():
    doc = load_document(MINI)
    assert render_pages(doc, "fr") == render_pages(doc, "fr")


@pytest.mark.parametrize(
    ("directory_urls", "page", "target", "expected"),
    [
        (True, "package/measure-1.md", "package/actors/emsc.md", "../actors/emsc/"),
        (True, "package/measure-1.md", "index.md", "../../"),
        (True, "index.md", "package/glossary.md", "package/glossary/"),
        (True, "package/measure-1.md", "package/measure-1.md", "./"),
        (False, "package/measure-1.md", "package/actors/emsc.md", "actors/emsc.html"),
        (False, "package/actors/emsc.md", "index.md", "../../index.html"),
    ],
)
def test_relative_urls(directory_urls, page, target, expected):
    assert Urls(directory_urls).relative(target, page) == expected


def test_data_text_cannot_inject_markup(mini):
    edit(
        mini,
        "measures.yaml",
        "Agir vite",
        "<script>alert(1)</script> [x](javascript:alert(1)) *em* _u_ `c`",
    )
    page = render_pages(load_document(mini), "fr")["package/measure-2.md"]
    assert "<script>" not in page and "](javascript:" not in page
    assert "&lt;script&gt;" in page and "&#42;em&#42;" in page and "&#96;c&#96;" in page


def test_escape_text_neutralises_html_and_markdown():
    assert escape_text('a < b & "c" *d* [e]') == (
        "a &lt; b &amp; &#34;c&#34; &#42;d&#42; &#91;e&#93;"
    )


_SPECIAL = "\\`*_[]{}#+=~^|\"'&<>"
_TABLE = {ord(c): f"&#{ord(c)};" for c in _SPECIAL} | {
    ord("&"): "&amp;",
    ord("<"): "&lt;",
    ord(">"): "&gt;",
}


@given(st.text(alphabet=st.sampled_from(_SPECIAL + "ab #;&0\n\t\u00a0\u2009"), max_size=40))
def test_escape_text_is_one_pass_over_each_character(text):
    """Each special character becomes its reference once, whitespace runs one space."""
    assert escape_text(text) == re.sub(r"\s+", " ", text).translate(_TABLE)


def test_acronyms_are_whole_words_only(mini):
    doc = load_document(mini)
    t = PageText(doc, "en", "package/measure-1.md", Urls())
    html = t(Text({"en": "EMSC, EMSCX, XEMSC, EMSC-based, the EU's"}))
    assert html.count('class="gl"') == 2
    assert '>EMSC</a>, EMSCX, XEMSC, EMSC-based, the <a class="gl"' in html


def test_inside_links_acronyms_get_a_tooltip_not_a_link(mini):
    t = PageText(load_document(mini), "fr", "index.md", Urls())
    assert str(t.label(Text({"fr": "Renforcer l'EMSC[^1]"}))) == (
        'Renforcer l&#39;<abbr title="Centre européen chargé de lutter contre le trafic de migrants">EMSC</abbr>'
    )
    assert t.footnotes == []


def test_related_measures_share_actors(mini):
    assert related_index(load_document(mini)) == {1: [], 2: []}  # 2.1 names no actor
    edit(
        mini,
        "measures.yaml",
        '            text: {fr: "Agir vite", en: "Act fast"}',
        '            text: {fr: "Agir vite", en: "Act fast"}\n            actors: [emsc]',
    )
    assert related_index(load_document(mini)) == {1: [(2, 1)], 2: [(1, 1)]}


@given(
    st.lists(st.sampled_from(["a", "b", "package", "x.md"]), max_size=4),
    st.lists(st.sampled_from(["a", "b", "package", "x.md"]), max_size=4),
)
def test_relative_path_agrees_with_posixpath(target, base):
    target_path, base_path = "/".join(target) or ".", "/".join(base) or "."
    assert relative_path(target_path, base_path) == posixpath.relpath(target_path, base_path)


def test_parts_split_the_pages_between_side_by_side_and_the_rest():
    doc = load_document(MINI)
    names = ("texts", "actors", "tables", "tools", "side-by-side")
    texts, actors, tables, tools, side = (render_pages(doc, "fr", part=part) for part in names)
    assert side and all(path.startswith("package/side-by-side/") for path in side)
    assert "package/measure-1.md" in texts and "package/explorer.md" in tables
    assert "package/study.md" in tools
    assert actors and all(path.startswith("package/actors") for path in actors)
    parts = [texts, actors, tables, tools, side]
    assert render_pages(doc, "fr", part="main") == {k: v for p in parts[:-1] for k, v in p.items()}
    every = {k: v for p in parts for k, v in p.items()}
    assert sum(map(len, parts)) == len(every)  # no page twice
    assert every == render_pages(doc, "fr")
    with pytest.raises(ValueError, match="unknown part"):
        render_pages(doc, "fr", part="sides")


@pytest.mark.parametrize("directory_urls", [True, False])
def test_acronyms_on_the_glossary_page_link_without_a_tooltip(directory_urls):
    pages = render_pages(load_document(MINI), "en", directory_urls)
    glossary, measure = pages["package/glossary.md"], pages["package/measure-1.md"]
    assert '<a class="gl" href=' in glossary and 'class="gl" href="' in measure
    assert 'title="European Migrant Smuggling Centre">EMSC</a>' in measure
    assert not re.search(r'<a class="gl"[^>]*title=', glossary)


def test_template_calls_still_hand_the_context_to_functions_that_ask_for_it():
    # the environment calls macros and PageText directly (render._Context):
    # anything else goes through Jinja's own checks
    @pass_context
    def language(context):
        return context["lang"]

    @pass_environment
    def autoescaping(env):
        return env.autoescape

    text = PageText(load_document(MINI, ("fr", "en")), "en", "package/actors.md", Urls())
    template = environment().from_string(
        "{% macro twice(x) %}{{ x }}{{ x }}{% endmacro %}"
        "{% for n in [1] %}{{ language() }} {{ autoescaping() }} {{ twice(n) }} "
        "{{ t.link('glossary') }} {{ plus(n) }}{% endfor %}"
    )
    result = template.render(
        lang="fr", t=text, plus=lambda n: n + 1, language=language, autoescaping=autoescaping
    )
    assert result == "fr True 11 ../glossary/ 2"


def test_a_text_shared_by_pages_gets_each_page_s_urls_and_footnotes():
    # texts are rendered once per language and completed on each page
    doc = load_document(MINI, ("fr", "en"))
    text = Text({"en": "The EMSC[^1] and the EMSC[^1]; &glossary; **EMSC**"})
    shallow = PageText(doc, "en", "package/measure-1.md", Urls())
    deep = PageText(doc, "en", "package/actors/europol.md", Urls())
    first, again, other = str(shallow(text)), str(shallow(text)), str(deep(text))
    assert first.count('href="../glossary/#') == 3 and other.count('href="../../glossary/#') == 3
    assert "&amp;glossary;" in first and "&glossary;" not in first.replace("&amp;", "")
    assert 'id="fnref:1"' in first and 'id="fnref2:1"' in first
    assert 'id="fnref:1"' not in again and 'id="fnref2:1"' in again
    assert 'id="fnref:1"' in other  # the other page's own notes
    assert shallow.footnotes == [1, 1, 1, 1] and deep.footnotes == [1, 1]
    plain_text = Text({"en": "The EMSC"})
    assert str(shallow(plain_text)).count('"../glossary/#') == 1
    assert str(deep(plain_text)).count('"../../glossary/#') == 1


class _Html:
    def __html__(self):
        return "<i>safe</i>"


def test_templates_escape_as_jinja_does():
    # {{ value }} compiles to environment.escaped(value) (render._CodeGenerator):
    # the same output as Jinja's own autoescaping
    source = (
        "{{ text }}|{{ safe }}|{{ number }}|{{ obj }}|{{ text | upper }}|{{ text ~ safe }}"
        "{% autoescape false %}|{{ text }}{% endautoescape %}"
    )
    values = dict(text="<a href='x'>&", safe=Markup("<b>"), number=3, obj=_Html())
    out = environment().from_string(source).render(**values)
    assert out == Environment(autoescape=True).from_string(source).render(**values)
    assert out.startswith("&lt;a href=&#39;x&#39;&gt;&amp;|<b>|3|<i>safe</i>|")
    assert out.endswith("|<a href='x'>&")
