"""The plan of the page visits (tests/visit.py): what each visit checks."""

from __future__ import annotations

import visit


def test_the_visits_check_each_page_kind_in_both_schemes_on_each_device_and_in_each_language():
    """axe-core runs once a visit, in the scheme ``visit.scheme_of`` gives: each
    page kind still meets both schemes in each language and on each device."""
    ids = visit.probe_ids()
    schemes: dict[tuple[str, str], set[str]] = {}
    for kind, language, device, probe in ids:
        if probe.startswith("axe-"):
            schemes.setdefault((kind, language), set()).add(probe)
            schemes.setdefault((kind, device), set()).add(probe)
    assert set(visit.pages_to_visit()) == {kind for kind, *_ in ids}
    assert schemes and all(found == {"axe-light", "axe-dark"} for found in schemes.values())
    visits = {(kind, language, device) for kind, language, device, _ in ids}
    for visited in visits:  # one axe run a visit
        assert sum(1 for i in ids if i[:3] == visited and i[3].startswith("axe-")) == 1
