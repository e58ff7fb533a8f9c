"""Reading data/editions.yaml (``generator.editions_file``): versions unique
and growing, days, the passages a change names, its kind, the licences; each
error at its file, line and key path."""

from __future__ import annotations

import pytest
from test_validate import assert_error_at

CASES = [
    ("editions.yaml", 'version: "1.1"', 'version: "1.0"', "editions[1].version", "repeats"),
    ("editions.yaml", 'version: "1.1"', 'version: "0.9"', "editions[1].version", "is not after"),
    ("editions.yaml", 'version: "1.1"', "version: 1.1", "editions[1].version", "unquoted"),
    ("editions.yaml", 'version: "1.1"', 'version: "v1"', "editions[1].version", "invalid version"),
    (
        "editions.yaml",
        'date: "2026-12-07"',
        'date: "2026-13-07"',
        "editions[1].date",
        "invalid date",
    ),
    (
        "editions.yaml",
        'date: "2026-12-07"',
        'date: "2026-12"',
        "editions[1].date",
        "incomplete date",
    ),
    (
        "editions.yaml",
        'date: "2026-12-07"',
        'date: "2026-11-30"',
        "editions[1].date",
        "is before the date of version 1.0",
    ),
    (
        "editions.yaml",
        "[action-1-2, actor-emsc]",
        "[action-1-9, actor-emsc]",
        "editions[1].changes[0].passages[0]",
        "unknown passage 'action-1-9'",
    ),
    (
        "editions.yaml",
        "kind: names",
        "kind: renaming",
        "editions[1].changes[1].kind",
        "unknown change kind 'renaming'",
    ),
    (
        "editions.yaml",
        'url: "https://creativecommons.org/licenses/by/4.0/"',
        'url: "creativecommons.org"',
        "licence.edition.url",
        "invalid address",
    ),
]


@pytest.mark.parametrize(
    ("name", "old", "new", "path", "message"), CASES, ids=[c[3] for c in CASES]
)
def test_an_error_of_editions_yaml_is_at_its_place(mini, name, old, new, path, message):
    assert_error_at(mini, name, old, new, path, message)
