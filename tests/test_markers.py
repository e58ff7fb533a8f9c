"""The markers that choose what `make test-fast` leaves out (tests/conftest.py)."""

from __future__ import annotations

import sitebuild
from conftest import _calls

BUILDERS = {sitebuild.make_project, sitebuild.mkdocs, sitebuild.build, sitebuild.shared_build}


def _builds_directly(tmp_path_factory):
    return sitebuild.shared_build(tmp_path_factory, "x", tmp_path_factory)


def _imports_inside(tmp_path_factory):
    from sitebuild import shared_build

    return shared_build(tmp_path_factory, "x", tmp_path_factory)


def _through_a_helper(tmp_path_factory):
    return _imports_inside(tmp_path_factory)


def _in_a_nested_function():
    def inner(project):
        return sitebuild.mkdocs(project, "build")

    return inner


def _reads_only(site):
    return sitebuild.html_pages(site)


def test_a_test_that_builds_a_site_is_found_however_it_calls_the_builder():
    for function in (_builds_directly, _imports_inside, _through_a_helper, _in_a_nested_function):
        assert _calls(function, BUILDERS), function.__name__
    assert not _calls(_reads_only, BUILDERS)
    assert not _calls(len, BUILDERS)  # no code of its own
