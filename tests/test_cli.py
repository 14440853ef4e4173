"""The coordinators' command line as a real process: ``python -m macros check [--data MAPP] [--format github]``."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from macros.core.problems import Problem
from tests.helpers import BAD, RULES, make_data, run_check, valid_position


def _run(cwd, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "macros", "check", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


@pytest.mark.slow  # a process of its own
def test_valid_data_exits_0_and_reads_data_by_default(tmp_path):
    make_data(tmp_path)
    result = _run(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines()[-1] == "Hittade 1 varning. Inga fel."


@pytest.mark.slow  # a process of its own
def test_bad_data_exits_1_with_the_exact_report(tmp_path):
    case = BAD / "duplicate-key"
    make_data(tmp_path, case)
    result = _run(tmp_path, "--data", "data")
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout == (case / "expected.txt").read_text(encoding="utf-8")


@pytest.mark.slow  # a process of its own
def test_data_folder_can_be_named(tmp_path):
    make_data(tmp_path / "annan")
    result = _run(tmp_path, "--data", "annan/data")
    assert result.returncode == 0
    assert f"annan/{valid_position('parter/vaxholm.yaml', 'uppgift_saknas')}: varning:" in result.stdout


def test_missing_data_folder_is_an_error(tmp_path):
    code, out, err = run_check(tmp_path, "--data", "finns-inte")
    assert (code, err) == (1, "")
    assert out == (
        "finns-inte:1:1: fel: mappen finns inte; ange mappen med data, till exempel data [data-folder]\n"
        "Hittade 1 fel. Rätta felen och kör kontrollen igen.\n"
    )


@pytest.mark.slow  # a process of its own
def test_github_format_annotates_each_line(tmp_path):
    make_data(tmp_path, BAD / "duplicate-key")
    result = _run(tmp_path, "--data", "data", "--format", "github")
    assert result.returncode == 1
    line, col = valid_position("parter/vaxholm.yaml", "uppgift_saknas").split(":")[1:]
    assert result.stdout.splitlines() == [
        "::error file=data/parter/nacka.yaml,line=6,col=1,title=yaml-duplicate-key::nyckeln 'namn' finns redan "
        "på rad 3; ta bort den ena eller slå ihop dem [yaml-duplicate-key]",
        f"::warning file=data/parter/vaxholm.yaml,line={line},col={col},title=population-for-basis-date::"
        "folkmängden den 2014-06-30 är okänd, så avgiften för 2015 kan inte räknas ut; lägg till antal och kalla "
        "när siffran finns [population-for-basis-date]",
    ]
    # The summary is for people; it goes to stderr so that stdout holds only annotations.
    assert result.stderr == "Hittade 1 fel och 1 varning. Rätta felen och kör kontrollen igen.\n"


def test_github_format_escapes_what_would_end_an_annotation():
    p = Problem("data/a,b:c.yaml", 2, 3, "schema", "rad ett\nrad två 100%")
    assert p.format_github() == (
        "::error file=data/a%2Cb%3Ac.yaml,line=2,col=3,title=schema::rad ett%0Arad två 100%25 [schema]"
    )


def test_github_format_with_valid_data_exits_0(tmp_path):
    make_data(tmp_path)
    code, out, err = run_check(tmp_path, "--data", "data", "--format", "github")
    assert code == 0
    line, col = valid_position("parter/vaxholm.yaml", "uppgift_saknas").split(":")[1:]
    assert out.startswith(f"::warning file=data/parter/vaxholm.yaml,line={line},col={col},")
    assert err == "Hittade 1 varning. Inga fel.\n"


def test_summary_counts_every_problem(tmp_path):
    make_data(tmp_path, RULES / "reference-exists", RULES / "kommunkod")
    code, out, _ = run_check(tmp_path, "--data", "data")
    assert code == 1
    assert out.splitlines()[-1] == "Hittade 8 fel och 1 varning. Rätta felen och kör kontrollen igen."
    assert out.count(": fel: ") == 8


@pytest.mark.slow  # a process of its own
def test_unknown_format_is_refused(tmp_path):
    make_data(tmp_path)
    result = _run(tmp_path, "--data", "data", "--format", "json")
    assert result.returncode == 2
    assert "--format" in result.stderr


def test_every_command_takes_the_data_folder_as_data(capsys):
    from macros.tools import cli

    for command in ("check", "pdf", "build", "new", "diff", "folkmangd", "serve"):
        assert cli.main([command, "--help"]) == 0
        assert "--data MAPP" in capsys.readouterr().out, command


def test_serve_builds_from_and_watches_a_named_data_folder(monkeypatch, tmp_path):
    import socket

    from macros.tools import cli

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    seen = {}
    monkeypatch.setattr(subprocess, "call", lambda command, env: seen.update(command=command, env=env) or 0)
    assert cli.main(["serve", "--adress", f"127.0.0.1:{port}", "--data", str(tmp_path)]) == 0
    assert seen["env"]["HANDBOK_DATA"] == str(tmp_path.resolve())
    assert seen["command"][3:6] == ["serve", "--watch", str(tmp_path.resolve())]
    seen.clear()
    monkeypatch.delenv("HANDBOK_DATA", raising=False)
    assert cli.main(["serve", "--adress", f"127.0.0.1:{port}"]) == 0  # without --data: data/ beside mkdocs.yml
    assert "HANDBOK_DATA" not in seen["env"] and "--watch" not in seen["command"]
