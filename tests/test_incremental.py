"""A preview renders again only what an edit can change (``incremental``):
what it keeps from the last rendering is what a whole rendering would make."""

from __future__ import annotations

import shutil

import pytest
from conftest import DATA, ROOT, edit

from generator import addresses, incremental, load_document, pages
from generator.generated import generate
from generator.models import Document
from generator.render import Site, environment, render_site


def _again(data, folder, edits):
    """The last generation into ``folder``, then one after ``edits`` (file,
    old, new), given the last: (the second generation, a whole rendering of it)."""
    last = generate(data, ("fr", "en"), folder)
    for name, old, new in edits:
        edit(data, name, old, new)
    again = generate(data, ("fr", "en"), folder, last=last)
    return again, render_site(again.document, True, again.yaml_texts)


def _names(kinds, doc, language="en"):
    """The generated files of the pages of ``kinds`` (names) in ``language``."""
    return {
        addresses.generated_name(path, language)
        for kind in pages.GENERATED
        if kind.name in kinds
        for _, path in kind.pages(doc)
    }


OUTLINE_PAGES = {kind.name for kind in pages.GENERATED if kind.texts == "outline"}
ALL_TEXTS = {kind.name for kind in pages.GENERATED if kind.texts == "all"}


def test_every_kind_of_page_says_what_it_shows_of_the_texts():
    assert {kind.texts for kind in pages.GENERATED} == {"all", "outline", "measure", "actor"}
    assert {"full-text", "study", "explorer", "glossary", "side-by-side"} <= ALL_TEXTS
    assert {"home", "who-does-what", "timeline"} <= OUTLINE_PAGES


def test_an_edit_of_an_action_keeps_the_pages_that_do_not_show_it(tmp_path, mini):
    """Measure 2's action addresses and names no actor: of the pages that
    show texts, only measure 2's and the whole document's are rendered."""
    edits = [("measures.yaml", 'en: "Act fast"', 'en: "Act very fast"')]
    again, whole = _again(mini, tmp_path / "package", edits)
    assert again.rendering.files == whole
    doc = again.document
    assert _names(OUTLINE_PAGES | {"actor"}, doc) <= again.reused
    assert {"measure-1.en.md", "side-by-side/measure-1.fr.md"} <= again.reused
    assert not {"measure-2.en.md", "side-by-side/measure-2.en.md"} & again.reused
    assert not _names(ALL_TEXTS, doc) & again.reused
    assert not _names(ALL_TEXTS, doc, "fr") & again.reused


def test_the_pages_of_the_actors_an_edited_measure_involves_are_rendered(tmp_path, mini):
    """Measure 1's actions address or name both actors: their pages show them."""
    edits = [("measures.yaml", "act with the Member States", "act now with the Member States")]
    again, whole = _again(mini, tmp_path / "package", edits)
    assert again.rendering.files == whole
    assert not _names({"actor"}, again.document) & again.reused
    assert "measure-2.en.md" in again.reused


def test_an_actor_an_annex_names_after_an_edit_has_its_page_rendered(tmp_path, mini):
    """Its page lists the measures whose annex names it."""
    edits = [("measures.yaml", 'en: "second point."', 'en: "second point of the Member States."')]
    again, whole = _again(mini, tmp_path / "package", edits)
    assert again.rendering.files == whole
    assert "measure-2/#annex" in whole["actors/member-states.en.md"]
    assert "actors/member-states.en.md" not in again.reused
    assert "actors/emsc.en.md" in again.reused


def test_an_edit_of_any_text_of_a_measure_keeps_what_a_whole_rendering_makes(tmp_path, mini):
    """Each English text of measures.yaml (titles too), edited alone."""
    source = (mini / "measures.yaml").read_text(encoding="utf-8")
    starts = [i + len('en: "') for i in range(len(source)) if source.startswith('en: "', i)]
    assert len(starts) > 10
    for n, start in enumerate(starts):
        folder = tmp_path / f"package-{n}"
        last = generate(mini, ("fr", "en"), folder)
        (mini / "measures.yaml").write_text(
            source[:start] + "Edited " + source[start:], encoding="utf-8"
        )
        again = generate(mini, ("fr", "en"), folder, last=last)
        assert again.rendering.files == render_site(again.document, True, again.yaml_texts)
        (mini / "measures.yaml").write_text(source, encoding="utf-8")


OUTLINE = [
    [("measures.yaml", 'en: "Strengthening the EMSC"', 'en: "Strengthening the EMSC now"')],
    [("measures.yaml", 'en: "as follows:"', 'en: "as follows, now:"')],  # a lead-in
    [("measures.yaml", 'en: "Acting together"', 'en: "Acting as one"')],  # an annex title
    [  # names an actor: its mentions, and the measures related by it
        (
            "measures.yaml",
            'en: "Act fast"}',
            'en: "Act fast with the Member States"}\n            mentions: [member-states]',
        )
    ],
    [("actors.yaml", 'en: "Member States"}', 'en: "The Member States"}')],
    [("footnotes.yaml", 'en: "Subject to the budget."', 'en: "Subject to a budget."')],
    [
        (
            "interface.yaml",
            '  edition: {fr: "Édition {version} du {date}", en: "Edition {version} of',
            '  edition: {fr: "Édition {version} du {date}", en: "Edition {version}, of',
        )
    ],
    [("glossary.yaml", 'en: "European Union"', 'en: "The European Union"')],
]


@pytest.mark.parametrize("edits", OUTLINE)
def test_an_edit_of_what_other_pages_show_renders_every_page(tmp_path, mini, edits):
    again, whole = _again(mini, tmp_path / "package", edits)
    assert again.rendering.files == whole
    assert not again.reused


def test_an_edited_template_renders_every_page(tmp_path, mini):
    """The templates are read again when they change (a preview watches
    them): a page kept from the last rendering would show the old one."""
    overrides = tmp_path / "templates"
    overrides.mkdir()
    env = environment((overrides,))
    doc = load_document(mini)
    first = Site(doc, env=env)
    last = incremental.Rendering(doc, first.settings, first.files({}))
    source = (pages.TEMPLATES_DIR / "measure.md.j2").read_text(encoding="utf-8")
    (overrides / "measure.md.j2").write_text(source + "template-edit\n", encoding="utf-8")
    again = Site(doc, env=environment((overrides,)), last=last)
    files = again.files({})
    assert not again.reused
    assert all(
        "template-edit" in text for name, text in files.items() if name.startswith("measure-")
    )


def test_other_settings_render_every_page(mini):
    doc = load_document(mini)
    first = Site(doc)
    last = incremental.Rendering(doc, first.settings, first.files({}))
    assert Site(doc, last=last).kept.measures == {m.number for m in doc.measures}
    assert Site(doc, directory_urls=False, last=last).kept == incremental.Kept()


def test_the_outline_leaves_out_only_the_measures_texts():
    doc = load_document(DATA)
    shape = incremental.outline(doc)
    assert isinstance(shape, Document) and shape.actors == doc.actors
    assert [m.title for m in shape.measures] == [m.title for m in doc.measures]
    assert [a.actors for a in shape.actions] == [a.actors for a in doc.actions]
    assert [a.mentions for a in shape.actions] == [a.mentions for a in doc.actions]
    assert all(not m.annex for m in shape.measures)
    left_out = shape.actions[0].text
    assert left_out != doc.actions[0].text and all(a.text == left_out for a in shape.actions)


def test_on_the_real_document_an_edit_keeps_what_a_whole_rendering_makes(tmp_path):
    """The edit bench/run.py times: a word in an English action of measure 4."""
    for name in ("data", "overrides", "mkdocs.yml"):
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        copy(ROOT / name, tmp_path / name)
    measures = (tmp_path / "data" / "measures.yaml").read_text(encoding="utf-8")
    old = measures[measures.index("Western Balkans") - 60 :][:75]  # its first occurrence
    edits = [("measures.yaml", old, old.replace("Western Balkans", "Western EU Balkans"))]
    again, whole = _again(tmp_path / "data", tmp_path / "package", edits)
    assert again.rendering.files == whole
    assert "measure-5.en.md" in again.reused and "measure-4.en.md" not in again.reused
