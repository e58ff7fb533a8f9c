from __future__ import annotations

import os
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests run beside Chromium and site builds on two cores: a slow
# example is no failure (Hypothesis' default deadline is 200 ms an example).
settings.register_profile("shared-machine", deadline=None)
settings.load_profile("shared-machine")

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).parent / "fixtures" / "mini"
DATA = ROOT / "data"
TESTS = str(Path(__file__).parent)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config) -> int:
    """``-n auto``: a worker more than the cores, because the browser tests
    often wait on Chromium (a page loading, a transition), leaving a core idle."""
    return (os.cpu_count() or 1) + 1


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items) -> None:
    """Before ``-m`` deselects: every test that drives Chromium (through the
    ``browser`` fixture) is marked ``browser``; every test that builds a site
    (it, or a fixture it uses, calls a builder of tests/sitebuild.py) ``build``."""
    import sitebuild

    builders = {sitebuild.make_project, sitebuild.mkdocs, sitebuild.build, sitebuild.shared_build}
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
        fixtures = getattr(item, "_fixtureinfo", None)
        defs = fixtures.name2fixturedefs.values() if fixtures else ()
        functions = [getattr(item, "function", None), *(d.func for ds in defs for d in ds)]
        if any(_calls(f, builders) for f in functions):
            item.add_marker(pytest.mark.build)


def _calls(function, targets: set, seen: set | None = None) -> bool:
    """Whether ``function``, a function defined in it or a function of the
    tests it calls names one of ``targets`` (imported at the top, or inside)."""
    seen = set() if seen is None else seen
    if id(function) in seen or not hasattr(function, "__code__"):
        return False
    seen.add(id(function))
    wanted = {id(target) for target in targets}
    names = {target.__name__ for target in targets}
    scope = function.__globals__
    codes = [function.__code__]
    while codes:
        code = codes.pop()
        for name in code.co_names:
            found = scope.get(name)
            if id(found) in wanted or ("sitebuild" in code.co_names and name in names):
                return True
            own = getattr(found, "__code__", None)  # a function of the tests: what it calls
            if own and own.co_filename.startswith(TESTS) and _calls(found, targets, seen):
                return True
        codes += [c for c in code.co_consts if hasattr(c, "co_names")]
    return False


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """``-n``: the tests of one page visit (test_every_page.py: one per probe)
    on one worker, so that each page is loaded once; every other test on its
    own, as ``--dist load`` (xdist's ``loadgroup`` cannot rename tests under
    pytest 9)."""
    if config.getvalue("dist") != "load":
        return None
    from visit import visit_of
    from xdist.scheduler import LoadScopeScheduling

    class ByVisit(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return visit_of(nodeid) or nodeid

    return ByVisit(config, log)


def pytest_sessionfinish(session) -> None:
    """With BROWSER_COUNTS=<file>: this process's page loads and axe-core runs
    appended to the file, as "loads axe"."""
    target = os.environ.get("BROWSER_COUNTS")
    browser = sys.modules.get("browser")
    if target and browser is not None and hasattr(browser, "COUNTS"):
        with open(target, "a", encoding="utf-8") as out:
            out.write(f"{browser.COUNTS['loads']} {browser.COUNTS['axe']}\n")


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the small valid fixture document."""
    target = tmp_path / "data"
    shutil.copytree(MINI, target)
    return target


def edit(folder: Path, name: str, old: str, new: str) -> int:
    """Replace ``old`` (which must occur once) in ``folder/name``; return its 1-based line."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {name}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return line


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the site's sources with the fixture data, as the working folder."""
    from sitebuild import make_project

    monkeypatch.chdir(tmp_path)
    return make_project(tmp_path / "p", MINI)


def check_errors(project: Path, capsys) -> list[str]:
    """What `check` of ``project``'s data says, which must fail: its error lines."""
    from generator.cli import main

    assert main(["check", "--data", str(project / "data")]) == 1
    return capsys.readouterr().err.splitlines()[:-1]


# -- the real site in Chromium, shared by the browser tests ------------------
@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    from sitebuild import shared_build

    return shared_build(tmp_path_factory, "real", DATA)


@pytest.fixture(scope="session")
def served_site(real_site):
    from browser import serve

    with serve(real_site) as url:
        yield url


@pytest.fixture(scope="session")
def base(served_site) -> str:
    """The served real site's address (for the browser tests' ``url(base, …)``)."""
    return served_site


@pytest.fixture(scope="session")
def offline_root(real_site, tmp_path_factory) -> str:
    """The offline edition, unzipped: its file:// address."""
    folder = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(real_site / "package" / "data" / "15250-18-offline.zip") as archive:
        archive.extractall(folder)
    return (folder / "15250-18").as_uri() + "/"


@pytest.fixture(scope="session")
def browser():
    """One Chromium per test process (Playwright allows one sync driver a thread)."""
    from browser import CHROMIUM, CHROMIUM_ARGS, CountingBrowser
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield CountingBrowser(chromium)
        chromium.close()


@pytest.fixture(scope="session")
def page_pool(browser):
    """Pages kept open for the whole test process, by kind (device, scheme,
    options): opening a page costs Chromium more than loading three site pages."""
    from browser import PagePool

    pool = PagePool(browser)
    yield pool
    pool.close()


@pytest.fixture
def open_page(page_pool, served_site):
    """``open_page(device, scheme="light", axe=False, **options)``: a page
    (``browser.DEVICES``) at no page's address with empty storage, with axe-core
    preloaded on every page it opens if ``axe``; checked for console errors
    and requests to other hosts at the end of the test."""
    from browser import PageWatch

    taken = []

    def opener(device: str = "desktop", scheme: str = "light", axe: bool = False, **options):
        page = page_pool.take(device, scheme, axe, **options)
        page.watch = PageWatch(page, served_site)
        taken.append(page)
        return page

    yield opener
    for page in taken:
        page.watch.detach()
        page_pool.give_back(page)
    for page in taken:
        assert page.watch.errors == [], "console errors or failed requests"
        assert page.watch.foreign == [], "requests to another host"


@pytest.fixture
def tab(open_page):
    """A desktop page with touch, allowed to use the clipboard."""
    return open_page("desktop", has_touch=True, permissions=["clipboard-read", "clipboard-write"])
