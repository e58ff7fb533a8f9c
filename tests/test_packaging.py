"""The packaging: only the generator is a package; the site's runtime and the
tests' tools are locked apart, every pin exact and hashed, no index named."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
NAME = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _locked(path: Path) -> dict[str, str]:
    """name -> version of a lock file; every requirement must be exact and hashed."""
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"^\s*-(-index-url|-extra-index-url|i|-find-links|f)\b", text, re.M)
    pins = {}
    for block in re.split(r"\n(?=\S)", text):
        if block.startswith("#") or not block.strip():
            continue
        match = NAME.match(block)
        assert match, f"{path.name}: {block.splitlines()[0]!r} is not an exact pin"
        assert "--hash=sha256:" in block, f"{path.name}: {match[1]} has no hash"
        pins[_canonical(match[1])] = match[2]
    return pins


def _declared(requirements: list[str]) -> dict[str, str]:
    found = {}
    for requirement in requirements:
        match = NAME.match(requirement)
        assert match, f"pyproject.toml: {requirement!r} is not pinned exactly"
        found[_canonical(match[1])] = match[2]
    return found


def test_the_runtime_lock_holds_the_site_and_no_test_tool():
    runtime = _locked(ROOT / "requirements.txt")
    declared = _declared(PYPROJECT["project"]["dependencies"])
    for name, version in declared.items():
        assert runtime.get(name) == version, name
    dev = _declared(PYPROJECT["project"]["optional-dependencies"]["dev"])
    assert not set(dev) & set(runtime), "a test tool in the site's lock"


def test_the_dev_lock_is_the_runtime_lock_and_the_tools():
    runtime = _locked(ROOT / "requirements.txt")
    dev_lock = _locked(ROOT / "requirements-dev.txt")
    for name, version in runtime.items():
        assert dev_lock.get(name) == version, f"{name}: the two locks differ"
    for name, version in _declared(PYPROJECT["project"]["optional-dependencies"]["dev"]).items():
        assert dev_lock.get(name) == version, name


def test_only_the_generator_is_packaged():
    assert PYPROJECT["tool"]["setuptools"]["packages"] == ["generator", "generator.templates"]


def test_serving_installs_the_runtime_only():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    serve = re.search(r"^serve: (.*)$", makefile, re.M)[1]
    assert "$(VENV)/.installed" in serve and "$(DEV)" not in serve
    install = re.search(r"^\$\(VENV\)/\.installed: (.*)\n((?:\t.*\n)+)", makefile, re.M)
    assert install[1].split() == ["requirements.txt"]
    assert "--require-hashes -r requirements.txt" in install[2]


def test_lint_type_checks_the_generator():
    """``make lint`` (run by ``make test`` and CI) runs mypy on generator/ with
    the untyped functions' bodies checked too."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    lint = re.search(r"^lint: .*\n((?:\t.*\n)+)", makefile, re.M)
    assert "\t$(DEVPY) -m mypy\n" in lint[0]
    mypy = PYPROJECT["tool"]["mypy"]
    assert mypy["files"] == ["generator"] and mypy["check_untyped_defs"] is True
