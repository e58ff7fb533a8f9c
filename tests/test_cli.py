from __future__ import annotations

import shutil

from conftest import DATA, edit

from generator.cli import main


def test_check_prints_a_summary(mini, capsys):
    assert main(["check", "--data", str(mini)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK: 1 sections, 2 measures, 3 actions, 2 footnotes")


def test_check_reports_all_errors_and_fails(mini, capsys):
    edit(mini, "measures.yaml", "actors: [emsc]", "actors: [ghost]")
    edit(mini, "events.yaml", 'date: "2019"', 'date: "soon"')
    assert main(["check", "--data", str(mini)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3 and err[-1] == "2 data errors found"
    assert "Traceback" not in "\n".join(err)


def test_check_reports_a_lost_source_sentence_by_line(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    edit(data, "footnotes.yaml", "Doc. 9345/15.", "Doc. 9345/16.")
    assert main(["check", "--data", str(data)]) == 1
    err = capsys.readouterr().err
    source = (DATA / "source" / "15250-18.fr.txt").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(source, 1) if "9345/15" in text)
    assert f"15250-18.fr.txt:{line}:1: sentence missing from the French data: '9345/15.'" in err


def test_check_on_the_real_data(capsys):
    assert main(["check", "--data", str(DATA)]) == 0
    assert "4 sections, 13 measures, 42 actions, 17 footnotes" in capsys.readouterr().out
