import pytest

from generator import markup


def test_footnote_marks_in_order():
    assert markup.footnote_marks("a[^2] b[^10] c") == [2, 10]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("**open only", "unbalanced bold"),
        ("mark [^x]", "malformed footnote mark"),
        ("3661^e session", "unbalanced superscript"),
    ],
)
def test_markup_problems(text, problem):
    assert any(problem in found for found in markup.markup_problems(text))


def test_well_formed_markup_has_no_problem():
    assert markup.markup_problems("**a** b[^3] 1^er^ c") == []


def test_plain_removes_markup_and_folds_spaces():
    assert markup.plain("**a**  b[^3] 1^er^\n c") == "a b 1er c"


@pytest.mark.parametrize(
    ("token", "expected"),
    [("JLT-MS", True), ("eu-LISA", True), ("PeDRA", True), ("Pays-Bas", False), ("Europol", False)],
)
def test_acronym_like(token, expected):
    assert markup.acronym_like(token) is expected


def undefined(text, known):
    return markup.AcronymCheck(known).undefined(text)


def test_undefined_acronyms():
    known = {"OLI", "EU NAVFOR", "JIT", "COM"}
    text = "Les OLI, EU NAVFOR, JITs, COM(2018), EMAST/EMIST et Haut-Commissariat"
    assert undefined(text, known) == ["EMAST", "EMIST"]


def test_longer_word_does_not_match_known_acronym():
    assert undefined("EMSCX", {"EMSC"}) == ["EMSCX"]


def test_compound_of_known_acronyms_is_known():
    assert undefined("PSDC-JAI et JLT-MS", {"PSDC", "JAI", "JLT"}) == ["JLT-MS"]


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        (
            "[x](javascript:y) `c` *e* _u_",
            "&#91;x&#93;(javascript:y) &#96;c&#96; &#42;e&#42; &#95;u&#95;",
        ),
        ('a "b" \\ {: #id } & c', "a &#34;b&#34; &#92; &#123;: &#35;id &#125; &amp; c"),
        ("a \n\t  b\u00a0c", "a b\u00a0c"),
    ],
)
def test_escape_text_leaves_nothing_html_or_markdown_would_read(text, html):
    assert markup.escape_text(text) == html


def test_to_html_renders_bold_and_superscript_and_splits_at_footnotes():
    assert markup.to_html("**a** 1^er^[^2] <b>") == [
        "<strong>a</strong> 1<sup>er</sup>",
        2,
        " &lt;b&gt;",
    ]


@pytest.mark.parametrize("url", ["../measure-2/#action-2-1", "./", "../../", "fn:3", "a.html?x=1"])
def test_a_url_the_generator_builds_is_kept(url):
    assert markup.built_url(url) == url


@pytest.mark.parametrize(
    "url", ['x" onmouseover="alert(1)', "x'y", "x<y", "x y", "[t](javascript:alert(1))", "a&b"]
)
def test_a_url_holding_anything_else_is_refused(url):
    with pytest.raises(ValueError):
        markup.built_url(url)


def test_escape_text_leaves_nothing_html_or_markdown_reads():
    escaped = markup.escape_text(
        "<a> & \"q\" 's' [l](u) ![i](u) `c` *e* _u_ {: x } #h ~s~ ^s^ \\ |t|"
    )
    assert not set(escaped) & set("<>\"'[]`*_{}~^\\|")
