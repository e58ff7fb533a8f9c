"""What the theme's templates are given: exactly ``theme.KEYS``, each used as
the templates use it, none with a silent default."""

from __future__ import annotations

import re

import pytest
from conftest import MINI, ROOT

from generator import load_document, theme

TEMPLATES = sorted((ROOT / "overrides").rglob("*.html"))
USE = re.compile(r"config\.extra\.([a-z_]+)(\s*\|\s*d(?:efault)?\b)?")
MATERIAL = {"homepage", "alternate", "generator", "social", "consent", "analytics", "version"}


def _uses() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for template in TEMPLATES:
        for key, default in USE.findall(template.read_text(encoding="utf-8")):
            found.setdefault(key, []).append(
                f"{template.name}{' (with a default)' if default else ''}"
            )
    return found


def test_the_templates_read_only_the_keys_the_generator_sets():
    uses = {key: where for key, where in _uses().items() if key not in MATERIAL}
    assert uses, "the scan found no use"
    assert set(uses) <= theme.KEYS, sorted(set(uses) - theme.KEYS)


def test_no_template_hides_a_missing_key_behind_a_default():
    defaults = {
        key: [w for w in where if "default" in w]
        for key, where in _uses().items()
        if key in theme.KEYS
    }
    assert not any(defaults.values()), defaults


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_context_sets_every_key_in_the_language(language):
    doc = load_document(MINI)
    folders = {"fr": "", "en": "en/"}
    found = theme.context(doc, language, folders, theme.Version("2018-12-06", "abc1234"))
    assert set(found) == theme.KEYS
    assert found["language"] == language and found["language_root"] == folders[language]
    assert found["ui"]["home"] == doc.interface["home"].get(language)
    assert "abc1234" in found["edition"]["text"]
    assert found["search_page"] == "package/search/"


def test_a_404_pages_alternates_are_the_homes_and_a_pages_its_own():
    extra = {
        "language": "en",
        "language_folders": {"fr": "", "en": "en/"},
        "language_names": {"fr": "Français", "en": "English"},
    }
    assert theme.alternates(extra, None) == [
        {"lang": "fr", "path": "", "name": "Français"},
        {"lang": "en", "path": "en/", "name": "English"},
    ]
    assert [a["path"] for a in theme.alternates(extra, "en/about/")] == ["about/", "en/about/"]
