"""What a pull request's run shows on GitHub (macros/tools/github.py): the changed files' annotations first and one
notice for the standing warnings elsewhere, and a job summary that no file name or message can break out of.

Counts and names are read from the checker's own output on the fixture data, never written here."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from macros.core.problems import FEL, VARNING, Problem
from macros.render.andringar import RUBRIK
from macros.tools import github
from tests.helpers import VALID, run_check
from tests.test_diff import GIT

COMMAND = re.compile(r"^::(?P<kind>error|warning|notice)(?: (?P<props>[^:]*))?::(?P<message>.*)$")


def _repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(VALID, root / "data")
    (root / "README.md").write_text("Testförråd\n", encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "start")
    return root


def _git(root: Path, *args: str) -> str:
    return subprocess.run([*GIT, "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def _commands(out: str) -> list[re.Match]:
    lines = out.splitlines()
    found = [COMMAND.match(line) for line in lines]
    assert all(found), [line for line, m in zip(lines, found, strict=True) if not m]
    return found


def test_the_changed_files_come_first_and_standing_warnings_are_one_notice(tmp_path):
    root = _repo(tmp_path)
    salem = root / "data" / "parter" / "salem.yaml"
    _edit(salem, "kategori: kommun", "kateogri: kommun")  # two errors in the changed file
    _edit(root / "README.md", "Testförråd", "Ändrad")  # a changed file with no data in it
    _code, text, _ = run_check(root)
    standing = [line.split(": varning: ")[0] for line in text.splitlines() if ": varning: " in line]
    assert standing, "the fixture data has warnings, as the real data has"
    assert not any(line.startswith("data/parter/salem.yaml") for line in standing)

    code, out, err = run_check(root, "--format", "github", "--bas", "HEAD")
    commands = _commands(out)
    assert code == 1 and err.strip().startswith("Hittade ")
    mine = [m for m in commands if "file=data/parter/salem.yaml," in (m["props"] or "")]
    assert len(mine) == text.count("data/parter/salem.yaml:") and all(m["kind"] == "error" for m in mine)
    assert commands[: len(mine)] == mine
    (notice,) = commands[len(mine) :]
    n = len(standing)
    assert notice["kind"] == "notice"
    assert notice["props"] == f"title={n} {'varning' if n == 1 else 'varningar'} i filer som ändringen inte rör"
    body = notice["message"].replace("%0A", "\n").replace("%25", "%")
    assert [line.split(": varning: ")[0] for line in body.splitlines()[1:]] == standing


def test_without_a_base_every_problem_is_an_annotation_as_before(tmp_path):
    root = _repo(tmp_path)
    _code, out, _ = run_check(root, "--format", "github")
    _code, text, _ = run_check(root)
    assert [m["kind"] for m in _commands(out)] == ["warning" for line in text.splitlines() if ": varning: " in line]


def test_errors_in_files_the_change_did_not_touch_stay_annotations():
    """A change can break a reference in another file: that error is the change's, not a standing warning."""
    top = Path("/repo")
    problems = [
        Problem("/repo/data/forum/a.yaml", 3, 1, "chair-is-party", "ordförande 'x' finns inte", FEL),
        Problem("/repo/data/parter/b.yaml", 8, 5, "population-for-basis-date", "okänd", VARNING),
        Problem("/repo/data/parter/c.yaml", 1, 1, "schema", "ny fil", VARNING),
    ]
    lines = github.annotations(problems, ["data/parter/c.yaml"], top)
    assert [line.split(" ", 1)[0] for line in lines] == ["::warning", "::error", "::notice"]
    assert "c.yaml" in lines[0] and "a.yaml" in lines[1] and "b.yaml" in lines[2] and "\n" not in "".join(lines)


def test_no_notice_when_every_warning_is_in_a_changed_file():
    problems = [Problem("/repo/data/x.yaml", 1, 1, "r", "m", VARNING)]
    assert [line[:9] for line in github.annotations(problems, ["data/x.yaml"], Path("/repo"))] == ["::warning"]


HOSTILE_NAMES = [
    "`````",  # a file at the top whose name is a fence
    "docs/```\n# Rubrik\n```.md",
    "docs/````` fem.md",
    "docs/<script>alert(1)</script>.md",
    "docs/\x1b]0;titel\x07\x1b[2Kx.md",
    "docs/\u202etxt.exe",
]


def _fenced_lines(block: str) -> tuple[str, list[str]]:
    """The opening fence and the lines a CommonMark reader keeps inside it (until a closing fence)."""
    lines = block.split("\n")
    opening = re.match(r"`{3,}", lines[0])[0]
    inside = []
    for line in lines[1:]:
        # CommonMark: a closing fence is up to three spaces, then at least as many backticks as the opening.
        if re.fullmatch(rf" {{0,3}}`{{{len(opening)},}}[ \t]*", line):
            return opening, inside
        inside.append(line)
    pytest.fail(f"the fence is never closed:\n{block}")


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=range(len(HOSTILE_NAMES)))
def test_a_file_name_cannot_break_out_of_the_summarys_fence(name):
    section = github.outside_data(["data/parter/nacka.yaml", name], "data")
    block = section[section.index("`") :]
    _opening, inside = _fenced_lines(block)
    rest = block.split("\n")[len(inside) + 2 :]
    assert rest == [""], f"text after the fence: {rest}"
    assert inside == [github.visible(name)]  # one line, the name as written, controls as escapes
    assert not re.search("[\x00-\x1f\x7f\u202e]", "".join(inside))


def test_the_failure_summary_fences_the_message_and_the_problems():
    problem = Problem("data/```\n## x.yaml", 1, 1, "schema", "fel ```` här", FEL)
    text = github.failed("datan i revisionen HEAD har fel", [problem])
    assert text.startswith(RUBRIK + "\n\nSammanfattningen kunde inte räknas ut:\n\n")
    block = text[text.index("`") :]
    opening, inside = _fenced_lines(block)
    assert len(opening) == 5 and inside[0] == "fel: datan i revisionen HEAD har fel"
    assert inside[1] == github.visible(problem.format())


def test_only_files_outside_the_data_are_listed():
    assert github.outside_data(["data/parter/nacka.yaml"], "data").endswith("Inga: ändringen rör bara data/.\n")
    section = github.outside_data(["data/a.yaml", "database.txt", "noxfile.py"], "data")
    assert "2 filer" in section and "database.txt\nnoxfile.py\n" in section and "a.yaml" not in section


def test_changed_files_between_revisions_and_in_the_working_tree(tmp_path):
    root = _repo(tmp_path)
    _edit(root / "data" / "parter" / "salem.yaml", "kategori: kommun", "kategori: kommun\n")
    (root / "ny fil `x`.txt").write_text("ny\n", encoding="utf-8")
    assert github.changed_files(root, "HEAD") == ["data/parter/salem.yaml", "ny fil `x`.txt"]
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "två")
    assert github.changed_files(root, "HEAD~1", "HEAD") == ["data/parter/salem.yaml", "ny fil `x`.txt"]
    assert github.changed_files(root, "HEAD") == []


def test_the_diff_summary_for_github_lists_the_files_outside_the_data(tmp_path):
    import contextlib
    import io

    from macros.tools import cli

    root = _repo(tmp_path)
    _edit(root / "README.md", "Testförråd", "Ändrad")
    _git(root, "commit", "-qam", "två")
    out = io.StringIO()
    with contextlib.chdir(root), contextlib.redirect_stdout(out):
        code = cli.main(["diff", "--format", "github", "HEAD~1", "HEAD"])
    assert code == 0 and out.getvalue().startswith(RUBRIK)
    assert out.getvalue().endswith("### Filer utanför data/ som ändringen ändrar\n\n" + _listed(["README.md"]))


def _listed(names: list[str]) -> str:
    return github.outside_data(names, "data").split("\n\n", 1)[1]
