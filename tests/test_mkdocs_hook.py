"""The MkDocs adapter stays thin and alone: it is the only module that
imports MkDocs, and no theme template reads mkdocs-static-i18n's internals
(both would tie the edition to an engine whose end is announced)."""

from __future__ import annotations

import ast
import re

from conftest import ROOT

GENERATOR = ROOT / "generator"
ADAPTER = GENERATOR / "mkdocs_hook.py"


def _imports(path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found


def test_only_the_adapter_imports_mkdocs_or_its_plugins():
    engine = {"mkdocs", "material", "mkdocs_static_i18n"}
    importing = sorted(p.name for p in GENERATOR.glob("*.py") if _imports(p) & engine)
    assert importing == ["mkdocs_hook.py"]


def test_the_adapter_is_thin():
    lines = ADAPTER.read_text(encoding="utf-8").count("\n")
    assert lines <= 200, f"mkdocs_hook.py has {lines} lines: move the logic to a plain module"


def test_no_theme_template_reads_the_i18n_plugins_internals():
    internals = re.compile(r"\bi18n_[a-z_]+|config\.extra\.alternate\b")
    found = {
        p.relative_to(ROOT).as_posix(): internals.findall(p.read_text(encoding="utf-8"))
        for p in (ROOT / "overrides").rglob("*.html")
    }
    assert not {k: v for k, v in found.items() if v}
