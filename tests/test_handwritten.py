"""The hand-written pages' checks (``generator.handwritten``), as `check` reports
them: every language's page, snippets, links and their anchors."""

from __future__ import annotations

from conftest import check_errors


def test_check_reads_the_hand_written_pages_beside_the_data(project, capsys):
    (project / "docs" / "about.en.md").unlink()
    (project / "docs" / "notes.md").write_text("Notes\n", encoding="utf-8")
    (project / "docs" / "edit.en.md").write_text('--8<-- "package/glossary.fr.md"\n')
    assert check_errors(project, capsys) == [
        "p/docs/about.en.md:1:1: missing: every hand-written page exists in every language "
        "(hint: write it in English, like about.fr.md)",
        "p/docs/edit.en.md:1:1: includes package/glossary.fr.md, a page of 'fr', in a page of 'en' "
        "(hint: include package/glossary.en.md)",
        "p/docs/notes.md:1:1: no language suffix in notes.md "
        "(hint: name it <name>.<language>.md, one per language (fr, en))",
    ]


def test_a_snippet_must_name_a_file_that_will_be_there(project, capsys):
    (project / "docs" / "edit.fr.md").write_text('--8<-- "package/glosary.fr.md"\n')
    (project / "docs" / "edit.en.md").write_text('\n--8<-- "parts/note.md"\n')
    assert check_errors(project, capsys) == [
        "p/docs/edit.en.md:2:1: includes parts/note.md, which is not a file of docs/ "
        "(hint: fix the path)",
        "p/docs/edit.fr.md:1:1: includes package/glosary.fr.md, which is not a page the "
        "generator writes (hint: name a generated page, e.g. package/glosary.fr.md)",
    ]


def test_a_link_of_a_hand_written_page_must_lead_somewhere(project, capsys):
    (project / "docs" / "edit.en.md").write_text(
        "[a](about.md) [g](package/glossary.md#emsc) [m](package/measure-2.md) [w](https://x.eu)\n"
        "[t](#edit) [d](package/data/15250-18-en.json) [s](assets/edition.css)\n"
        "[lost](package/glosary.md) [fr](about.fr.md) [out](../docs/about.md)\n\n"
        "[ref]: nowhere.md\n"
        "```\n[in code](not-followed.md)\n```\n`[inline](code.md)`\n# Edit\n",
        encoding="utf-8",
    )
    (project / "docs" / "assets").mkdir()
    (project / "docs" / "assets" / "edition.css").write_text("")
    assert check_errors(project, capsys) == [
        "p/docs/edit.en.md:3:8: links to package/glosary.md, which is not a page of the site "
        "nor a file of docs/ (hint: fix the link)",
        "p/docs/edit.en.md:3:33: links to about.fr.md, a page of 'fr', from a page of 'en' "
        "(hint: link to about.md, which leads to the page in this page's language)",
        "p/docs/edit.en.md:3:52: links to ../docs/about.md, which is not a page of the site "
        "nor a file of docs/ (hint: fix the link)",
        "p/docs/edit.en.md:5:8: links to nowhere.md, which is not a page of the site nor a "
        "file of docs/ (hint: fix the link)",
    ]


# Anchors as MkDocs' strict build finds them (tests/test_maintainers.py: it
# agrees, and the build refuses what check refuses): a heading's (the toc
# extension's slug of mkdocs.yml, or its { #id }), a generated page's (actions,
# footnotes, glossary entries), the page's own, the home page's included body.
GOOD_ANCHORS = (
    "# Edit the data\n\n"
    "[a](about.md#source) [b](#edit-the-data) [c](package/measure-1.md#action-1-1)\n"
    "[d](package/glossary.md#emsc) [e](about.en.md#licence) [f](index.md#start-here)\n"
    "[g](package/measure-1.md#fn:2) [h](package/measure-1.en.md#actions)\n"
)


def test_an_anchor_a_hand_written_page_links_to_is_on_that_page(project, capsys):
    (project / "docs" / "edit.en.md").write_text(
        GOOD_ANCHORS + "[h](package/measure-1.md#action-9-9) [i](about.md#no-such-heading)\n"
        "[j](#nowhere) [k](package/measure-9.md) [l](index.md#start)\n",
        encoding="utf-8",
    )
    assert check_errors(project, capsys) == [
        "p/docs/edit.en.md:6:5: links to package/measure-1.md#action-9-9, but "
        "package/measure-1.en.md has no anchor 'action-9-9' (hint: the nearest there is "
        "'#action-1-2')",
        "p/docs/edit.en.md:6:42: links to about.md#no-such-heading, but about.en.md has no "
        "anchor 'no-such-heading' (hint: the nearest there is '#source')",
        "p/docs/edit.en.md:7:5: links to #nowhere, but edit.en.md has no anchor 'nowhere' "
        "(hint: the nearest there is '#edit-the-data')",
        "p/docs/edit.en.md:7:19: links to package/measure-9.md, a page the generator does not "
        "write (hint: did you mean package/measure-2.md?)",
        "p/docs/edit.en.md:7:45: links to index.md#start, but index.en.md has no anchor "
        "'start' (hint: the nearest there is '#start-here')",
    ]


def test_the_slugs_of_headings_are_the_toc_extension_s_of_mkdocs_yml(project, capsys):
    """Its options as MkDocs reads them, a Python function named by a tag too."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    slug = "      permalink: false\n      slugify: !!python/name:markdown.extensions.toc.slugify_unicode\n"
    config.write_text(text.replace("      permalink: false\n", slug), encoding="utf-8")
    (project / "docs" / "edit.fr.md").write_text(
        "# Modifier les données\n\n[a](#modifier-les-données) [b](#modifier-les-donnees)\n",
        encoding="utf-8",
    )
    assert check_errors(project, capsys) == [
        "p/docs/edit.fr.md:3:32: links to #modifier-les-donnees, but edit.fr.md has no anchor "
        "'modifier-les-donnees' (hint: the nearest there is '#modifier-les-données')",
    ]
