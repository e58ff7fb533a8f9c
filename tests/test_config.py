"""mkdocs.yml: each value the generator, the MkDocs adapter and the theme read
(``project.SHAPES``, the one declaration of them) given a value of the wrong
type is one error at its place, from ``check``, ``check-config`` (which ``make
build``, ``serve`` and ``publish`` run before MkDocs) and the build, never a
traceback nor a default taken in silence."""

from __future__ import annotations

import ast
import re
import subprocess
import sys

import pytest
import yaml
from conftest import MINI, ROOT
from sitebuild import make_project, mkdocs

from generator import load, project, theme
from generator.build import Build, BuildError, Settings
from generator.cli import main
from generator.project import ANY, LANGUAGE, SHAPES

HOOK = ROOT / "generator" / "mkdocs_hook.py"


@pytest.fixture
def plain_project(tmp_path, monkeypatch):
    """The fixture project, its mkdocs.yml without MkDocs' tags (``!ENV``), as
    the working folder."""
    monkeypatch.chdir(tmp_path)
    project_ = make_project(tmp_path / "p", MINI)
    config = project_ / "mkdocs.yml"
    text = re.sub(r"!ENV \[\w+, (\"[^\"]*\")\]", r"\1", config.read_text(encoding="utf-8"))
    config.write_text(text, encoding="utf-8")
    return project_


def _with(data: dict, pattern: tuple, value: object) -> tuple:
    """Put ``value`` at the first place ``pattern`` names in ``data`` (made if
    missing); return that place's key path."""
    where: tuple = ()
    parent: object = None
    key: object = None
    current: object = data
    for part in pattern:
        if part == ANY and isinstance(current, dict):
            continue  # the one item of a list written without the list
        if part == ANY:
            parent, key = current, 0
        else:
            if current.get(part) is None:
                current[part] = {}
            parent, key = current, part
        where = (*where, key)
        current = parent[key]
    parent[key] = value
    return where


def _place(text: str, where: tuple) -> str:
    node = yaml.compose(text)
    for part in where:
        node = (
            node.value[part]
            if isinstance(part, int)
            else next(v for k, v in node.value if k.value == part)
        )
    return f"{node.start_mark.line + 1}:{node.start_mark.column + 1}"


@pytest.mark.parametrize("pattern", list(SHAPES), ids=load.format_path)
def test_a_value_of_the_wrong_type_is_one_line_at_its_place(plain_project, capsys, pattern):
    config = plain_project / "mkdocs.yml"
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    wrong = "yes" if SHAPES[pattern][0] == (bool,) else 5  # 5: of no type SHAPES allows
    where = _with(data, pattern, wrong)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    config.write_text(text, encoding="utf-8")
    start = f"p/mkdocs.yml:{_place(text, where)}: {load.format_path(where)}: "
    shown = "the text 'yes'" if wrong == "yes" else "the number 5"

    assert main(["check", "--data", str(plain_project / "data")]) == 1
    first, *others = capsys.readouterr().err.splitlines()
    assert first.startswith(start) and f" here, not {shown} (hint: e.g. " in first, first
    assert others == ["1 data error found (the other checks run once every file can be read)"]

    assert main(["check-config", "--config", str(config)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == first

    settings = Settings(config, plain_project / "docs", plain_project / "site", ("fr", "en"), "")
    with pytest.raises(BuildError) as refused:
        Build("build", False, say=lambda line: None).start(settings)
    assert f"\n{first}\n" in str(refused.value)


def test_the_build_says_it_of_a_value_mkdocs_lets_through(tmp_path):
    """``extra.report_url: 5`` (MkDocs checks no key of ``extra``): the real
    build stops with the line, where it stopped with a traceback."""
    project_ = make_project(tmp_path / "p", MINI)
    config = project_ / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"report_url: .*", "report_url: 5", text), encoding="utf-8")
    result = mkdocs(project_, "build", "--strict")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr[-3000:]
    line = text[: text.index("report_url: ")].count("\n") + 1
    assert f"mkdocs.yml:{line}:15: extra.report_url: a text here, not the number 5" in (
        result.stderr
    ), result.stderr[-3000:]


def _hook_reads() -> set[tuple]:
    """The keys of mkdocs.yml the adapter reads: ``config.<key>`` (and the
    key under ``extra`` and ``theme``), and the i18n plugin's language entries
    (``lang.<key>``)."""
    from mkdocs.config.defaults import MkDocsConfig

    schema = {name for name, _ in MkDocsConfig._schema}
    tree = ast.parse(HOOK.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)):
            continue
        if not isinstance(node.ctx, ast.Load):
            continue
        if node.value.id == "lang":
            found.add((*LANGUAGE, node.attr))
        if node.value.id != "config" or node.attr not in schema:
            continue
        key: tuple = (node.attr,)
        above = parents.get(node)
        if node.attr in ("extra", "theme") and isinstance(above, ast.Attribute):
            call = parents.get(above)
            if above.attr == "get" and isinstance(call, ast.Call):
                key = (node.attr, call.args[0].value)  # config.extra.get("report_url")
            elif above.attr != "update":
                key = (node.attr, above.attr)  # config.theme.custom_dir
        elif node.attr in ("extra", "theme") and isinstance(above, ast.Subscript):
            key = (node.attr, above.slice.value)  # config.extra["language_root"]
        found.add(key)
    return found


def _theme_reads() -> set[tuple]:
    """The keys of mkdocs.yml the theme's templates read (``config.<key>``)."""
    found = set()
    for template in (ROOT / "overrides").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for top, sub in re.findall(r"\bconfig\.(\w+)(?:\.(\w+))?", text):
            found.add((top, sub) if top in ("extra", "theme") and sub else (top,))
    return found


# Read, but not from mkdocs.yml: MkDocs' path of it, and what the adapter sets
# in the configuration (the navigation, the theme's context in ``extra``).
NOT_OF_MKDOCS_YML = {("config_file_path",), ("nav",)} | {("extra", key) for key in theme.KEYS}


def test_every_key_read_of_mkdocs_yml_is_declared():
    reads = (_hook_reads() | _theme_reads()) - NOT_OF_MKDOCS_YML
    assert {("docs_dir",), ("extra", "report_url"), ("theme", "custom_dir")} <= reads
    assert (*LANGUAGE, "locale") in reads and ("theme", "palette") in reads
    assert reads - set(SHAPES) == set()


def test_the_generator_reads_mkdocs_yml_only_through_the_declaration():
    """``Config`` reads its values only by ``values``, ``value`` and ``key``,
    which refuse a key ``SHAPES`` does not declare."""
    text = (ROOT / "generator" / "project.py").read_text(encoding="utf-8")
    assert ".data.get(" not in text and ".data[" not in text
    config = project.read_config(ROOT / "mkdocs.yml")
    with pytest.raises(KeyError):
        config.value(("undeclared",))


def test_make_build_serve_and_publish_check_mkdocs_yml_before_mkdocs():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("build", "serve", "publish"):
        recipe = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", makefile, re.M)[1]
        assert recipe.index("-m generator check-config") < recipe.index("-m mkdocs"), target


def test_check_config_of_the_project_passes():
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check-config"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
