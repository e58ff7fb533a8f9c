"""The anchors of a page, found as MkDocs finds them (``generator.anchors``)."""

from __future__ import annotations

import pytest

from generator.anchors import Converter, Refused
from generator.errors import DataError


def _error(where, message) -> DataError:
    return DataError("mkdocs.yml", 1, 1, ".".join(map(str, where)), message, "")


def _converter(tmp_path, extensions: str) -> Converter:
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: x\nmarkdown_extensions:\n{extensions}", encoding="utf-8")
    return Converter(config, _error)


PAGE = """---
description: not a heading
---
# Où commencer

## Start here {#start}

<div id="raw-block" markdown>
text
</div>

[a named link]: <x>
<a name="old-anchor"></a>
"""


def test_headings_attribute_lists_raw_html_and_named_links_are_anchors(tmp_path):
    converter = _converter(tmp_path, "  - attr_list\n  - md_in_html\n")
    ids = converter.ids(PAGE)
    assert {"ou-commencer", "start", "raw-block", "old-anchor"} <= ids
    assert "description-not-a-heading" not in ids  # the front matter is no part of the page
    assert "start-here" not in ids  # the attribute list names it


def test_the_slug_rule_is_the_toc_extension_s_as_mkdocs_yml_sets_it(tmp_path):
    unicode = _converter(
        tmp_path,
        "  - toc:\n      slugify: !!python/name:markdown.extensions.toc.slugify_unicode\n",
    )
    assert "où-commencer" in unicode.ids(PAGE)
    separated = _converter(tmp_path, "  - toc:\n      separator: _\n")
    assert "ou_commencer" in separated.ids(PAGE)


def test_an_extension_markdown_cannot_load_is_refused_at_its_place(tmp_path):
    with pytest.raises(Refused) as refused:
        _converter(tmp_path, "  - attr_list\n  - no_such_extension_here\n")
    assert refused.value.error.path == "markdown_extensions.1"
    assert "no_such_extension_here" in refused.value.error.message


def test_options_that_are_not_a_mapping_are_refused_at_their_place(tmp_path):
    with pytest.raises(Refused) as refused:
        _converter(tmp_path, "  - toc: [permalink]\n")
    assert refused.value.error.path == "markdown_extensions.0.toc"
    assert "mapping" in refused.value.error.message
