"""`make serve`: an edit is served at once; a broken edit keeps the last good pages and texts."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import MINI
from sitebuild import make_project

SERVE = ["serve", "--dirty", "--no-strict"]  # as `make serve` runs it


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float = 60, absent: str = "") -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if text in page and not (absent and absent in page):
            return page
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared at {url}")


def wait_for_log(log, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while text not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.2)
    output = log.read_text()
    assert text in output, output[-3000:]
    return output


@pytest.fixture
def served(tmp_path):
    project = make_project(tmp_path / "p", MINI)
    port = free_port()
    log_path = tmp_path / "serve.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", *SERVE, "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            yield project, f"http://127.0.0.1:{port}/", log_path
        finally:
            process.terminate()
            process.wait(timeout=20)


BROKEN = [
    ("measures.yaml", 'id: "2.1"', 'id: "2.9"', "action id '2.9'"),
    ("measures.yaml", 'en: "Act fast"}', 'en: "Act fast}', "YAML syntax error"),
    ("events.yaml", "events:", "events: &a\n  - *a\n", "anchors and aliases"),
    (
        "interface.yaml",
        '  home: {fr: "Accueil", en: "Home"}\n',
        "",
        "missing interface string 'home'",
    ),
]


def test_one_preview_session_serves_every_kind_of_edit(served):
    """One server (starting it is a whole build) for every kind of edit, in turn."""
    edits_are_served_and_broken_ones_keep_the_last_good_site(*served)
    an_edit_reaches_the_other_measures_pages_that_show_it(*served)
    a_change_every_page_shows_rebuilds_every_page(*served)
    an_edited_string_every_page_shows_reaches_every_page_and_a_removed_page_goes(*served)


def edits_are_served_and_broken_ones_keep_the_last_good_site(project, base, log):
    url = base + "en/package/measure-2/"
    yaml_url = base + "package/data/yaml/measures.yaml"
    wait_for(url, "Act fast")
    data = project / "data"
    good = {
        name: (data / name).read_text(encoding="utf-8")
        for name in ("measures.yaml", "events.yaml", "interface.yaml")
    }

    (data / "measures.yaml").write_text(
        good["measures.yaml"].replace("Act fast", "Act very fast"), encoding="utf-8"
    )
    wait_for(url, "Act very fast")
    last_good = wait_for(yaml_url, "Act very fast")

    for name, old, new, message in BROKEN:
        assert old in good[name], old
        (data / name).write_text(
            good[name].replace(old, new).replace("Act fast", "Act very fast"), encoding="utf-8"
        )
        output = wait_for_log(log, message)
        assert "Traceback" not in output
        assert "Act very fast" in fetch(url), "the last good pages are still served"
        assert fetch(yaml_url) == last_good, "and the last good texts"
        (data / name).write_text(good[name], encoding="utf-8")
        (data / "measures.yaml").write_text(
            good["measures.yaml"].replace("Act fast", "Act very fast"), encoding="utf-8"
        )
        log.write_text("")

    # not the data: a page saved among the generated ones (the generated pages
    # are kept), a hand-written page left untranslated (the rest goes on)
    foreign = project / "docs" / "package" / "notes.fr.md"
    about = project / "docs" / "about.en.md"
    aside = about.with_suffix(".bak")
    for refusal, undo, message, shown in (
        (lambda: foreign.write_text("mine"), foreign.unlink, "holds files", "Act very fast"),
        (
            lambda: about.rename(aside),
            lambda: aside.rename(about),
            "missing: every hand-written page",
            "Act quickly",
        ),
    ):
        refusal()
        (data / "measures.yaml").write_text(
            good["measures.yaml"].replace("Act fast", "Act quickly"), encoding="utf-8"
        )
        output = wait_for_log(log, message)
        assert "Traceback" not in output
        assert shown in wait_for(url, shown), "the server still answers"
        undo()
        (data / "measures.yaml").write_text(
            good["measures.yaml"].replace("Act fast", "Act very fast"), encoding="utf-8"
        )
        wait_for(url, "Act very fast")
        log.write_text("")

    (data / "measures.yaml").write_text(good["measures.yaml"], encoding="utf-8")
    wait_for(url, "Act fast", absent="Act very fast")


def an_edit_reaches_the_other_measures_pages_that_show_it(project, base, log):
    """The generator renders again only the pages an edit can change
    (``incremental``): a measure's title, its neighbours' pagers too (the
    generator's, not the theme's footer, which MkDocs' navigation makes); then
    a text of its annex, its own pages only (the others are kept, as they are)."""
    measures = project / "data" / "measures.yaml"
    good = measures.read_text(encoding="utf-8")
    title = good.replace('en: "Strengthening the EMSC"', 'en: "Reinforcing the EMSC"')
    neighbours = [base + "en/package/" + path for path in ("measure-2/", "side-by-side/measure-2/")]
    measures.write_text(title, encoding="utf-8")
    wait_for(base + "en/package/measure-1/", "Reinforcing the")
    for url in neighbours:
        wait_for(url, "Previous measure: 1. Reinforcing")  # the pager's link
    annex = "Strengthening investigations"
    measures.write_text(title.replace(annex, "Annex-edit investigations"), encoding="utf-8")
    wait_for(base + "en/package/measure-1/", "Annex-edit", absent=annex)
    for url in neighbours:
        page = fetch(url)
        assert "measure: 1. Reinforcing" in page and "Annex-edit" not in page, url
    measures.write_text(good, encoding="utf-8")
    for url in neighbours:
        wait_for(url, "measure: 1. Strengthening", absent="Reinforcing")


def a_change_every_page_shows_rebuilds_every_page(project, base, log):
    wait_for(base + "en/package/measure-2/", "Act fast")
    main = project / "overrides" / "main.html"
    text = main.read_text(encoding="utf-8")
    main.write_text(
        text.replace("{% block site_meta %}", "{% block site_meta %}<!-- theme-edit -->"),
        encoding="utf-8",
    )
    for path in ("", "en/package/measure-1/", "package/glossary/"):
        wait_for(base + path, "theme-edit")


def an_edited_string_every_page_shows_reaches_every_page_and_a_removed_page_goes(
    project, base, log
):
    """The footer's edition line in English only (the French pages' strings are
    unchanged), then an actor renamed: every English page shows the new line,
    and the actor's old page is no longer served."""
    wait_for(base + "en/package/measure-2/", "Act fast")
    data = project / "data"
    interface = data / "interface.yaml"
    text = interface.read_text(encoding="utf-8")
    old = 'en: "Edition {version} of {date}"'
    assert old in text
    interface.write_text(text.replace(old, 'en: "Edition-edit of {date}, {version}"'), "utf-8")
    for path in ("en/", "en/package/measure-1/", "en/package/glossary/", "en/about/"):
        wait_for(base + path, "Edition-edit of")
    assert "Edition-edit" not in fetch(base + "package/measure-1/")

    old_page = base + "en/package/actors/member-states/"
    assert "Member States" in fetch(old_page)
    for name in ("actors.yaml", "measures.yaml", "glossary.yaml", "events.yaml"):
        path = data / name
        path.write_text(path.read_text("utf-8").replace("member-states", "states"), "utf-8")
    wait_for(base + "en/package/actors/states/", "Member States")
    deadline = time.monotonic() + 30
    while fetch(old_page) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not fetch(old_page), "the renamed actor's old page is still served"
    assert not fetch(base + "package/actors/member-states/")


def test_a_busy_address_is_one_line_before_building(tmp_path):
    """MkDocs binds the address only after the whole build, then stops with a traceback."""
    project = make_project(tmp_path / "p", MINI)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", *SERVE, "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode != 0
    assert f"cannot serve at 127.0.0.1:{port}: Address already in use" in result.stderr
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert "Documentation built" not in result.stderr  # refused before building
