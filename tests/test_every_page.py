"""Every kind of page of the registry, in each language, on each device:
loaded once, every per-page probe run during that visit (tests/visit.py),
each finding reported as its own test: (kind, language, device, probe)."""

from __future__ import annotations

import pytest
from visit import Visitor, probe_ids

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def visitor(browser, served_site):
    visiting = Visitor(browser, served_site)
    yield visiting
    visiting.close()


@pytest.mark.parametrize(
    ("kind", "language", "device", "probe"),
    [
        pytest.param(*ids, id="-".join(ids), marks=pytest.mark.xdist_group("-".join(ids[:3])))
        for ids in probe_ids()
    ],
)
def test_page(visitor, kind, language, device, probe):
    assert visitor.findings(kind, language, device)[probe] == []
