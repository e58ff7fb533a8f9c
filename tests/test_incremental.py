"""A preview renders again only what an edit can change (``incremental``):
what it keeps from the last rendering is what a whole rendering would make."""

from __future__ import annotations

import shutil

import pytest
from conftest import DATA, ROOT, edit

from generator import incremental, load_document, pages
from generator.generated import generate
from generator.models import Document
from generator.render import Site, environment, render_site

# the pages of one measure: each kind in each language
PER_MEASURE = sum(kind.one_measure for kind in pages.GENERATED) * 2


def _again(data, folder, edits):
    """The last generation into ``folder``, then one after ``edits`` (file,
    old, new), given the last: (the second generation, a whole rendering of it)."""
    last = generate(data, ("fr", "en"), folder)
    for name, old, new in edits:
        edit(data, name, old, new)
    again = generate(data, ("fr", "en"), folder, last=last)
    assert again.rendering is not None
    return again, render_site(again.document, True, again.yaml_texts)


# English texts only: the French ones are the Council's, checked word for word
MEASURE_TEXTS = [
    [("measures.yaml", 'en: "Act fast"', 'en: "Act very fast"')],  # an action of measure 2
    [("measures.yaml", 'en: "Act fast"', 'en: "EU: act fast, CSDP"')],  # acronyms
    [("measures.yaml", 'en: "second point."', 'en: "second EU point."')],  # its annex
    [("measures.yaml", "Strengthening investigations", "Strengthening EU investigations")],  # 1's
    [("measures.yaml", 'en: "A note of the edition."', 'en: "A note."')],  # an edition's note
]


@pytest.mark.parametrize("edits", MEASURE_TEXTS)
def test_an_edit_of_a_measures_texts_keeps_the_other_measures_pages_as_they_would_be(
    tmp_path, mini, edits
):
    again, whole = _again(mini, tmp_path / "package", edits)
    assert again.rendering.files == whole
    measures = len(again.document.measures)
    assert again.reused == (measures - 1) * PER_MEASURE, "only the edited measure's pages"


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
    assert again.reused == 0


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
    assert again.reused == 0
    assert all(
        "template-edit" in text for name, text in files.items() if name.startswith("measure-")
    )


def test_other_settings_render_every_page(mini):
    doc = load_document(mini)
    first = Site(doc)
    last = incremental.Rendering(doc, first.settings, first.files({}))
    assert Site(doc, last=last).kept == {m.number for m in doc.measures}
    assert Site(doc, directory_urls=False, last=last).kept == frozenset()


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
    assert again.reused == (len(again.document.measures) - 1) * PER_MEASURE
