"""Every kind of page of the registry, in each language, on each device:
loaded once, every per-page probe run during that visit (tests/visit.py),
each finding reported as its own test: (kind, language, device, probe). With
``-n``, the tests of a visit run on one worker (conftest.py's scheduler)."""

from __future__ import annotations

import pytest
from visit import Visitor, probe_ids, probe_name

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def visitor(browser, served_site):
    visiting = Visitor(browser, served_site)
    yield visiting
    visiting.close()


@pytest.mark.parametrize(
    ("kind", "language", "device", "probe"),
    [pytest.param(*ids, id=probe_name(*ids)) for ids in probe_ids()],
)
def test_page(visitor, kind, language, device, probe):
    assert visitor.findings(kind, language, device)[probe] == []
