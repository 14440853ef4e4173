"""The checker on every fixture: one per rule (fixtures/rules/) and one per known kind of bad input (fixtures/bad/).

Each case's expected.txt is the exact output of ``python -m macros check --data data``. The positions of the bad
inputs are also pinned by hand below, so a careless --bless cannot move an error to the wrong line.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest

from macros import core
from macros.core.checks import CHECKS, rule_id
from tests.helpers import (
    BAD,
    ROOT,
    RULES,
    VALID,
    assert_golden,
    cases,
    make_data,
    position,
    run_check,
    valid_position,
)

RULE_CASES = cases(RULES)
BAD_CASES = cases(BAD)
LINE = re.compile(r"^(data/\S+):(\d+):(\d+): (fel|varning): (.+) \[([a-z0-9-]+)\]$")
BASELINE_WARNING = valid_position("parter/vaxholm.yaml", "uppgift_saknas") + ": varning: "  # the fixture's one gap
WARNING_RULES = {"basis-stated"}  # rules that warn only: their fixtures pass the check with warnings

# The bad inputs (fixtures/bad/): where each error must point, checked by hand: (file, a text that occurs once in
# the case's file, the part of it the error points at, rule). Found by content, so a line added to a fixture moves
# nothing here.
BAD_POSITIONS = {
    "duplicate-key": [("data/parter/nacka.yaml", "\nnamn: Nacka\n", "namn", "yaml-duplicate-key")],
    "yaml11-boolean": [("data/overenskommelse.yaml", "retroaktiv: yes", "yes", "schema")],  # stays a string
    "octal-number": [("data/parter/nacka.yaml", "antal: 0123", "0123", "schema")],  # stays a string
    "base60-number": [("data/overenskommelse.yaml", "version: 12:30", "12:30", "schema")],  # stays a string
    "impossible-date": [("data/overenskommelse.yaml", "galler_fran: 2015-02-30", "2015", "schema")],
    "tab-indentation": [("data/parter/nacka.yaml", "\t- datum", "\t", "yaml-syntax")],
    "latin-1": [("data/parter/lansstyrelsen-stockholm.yaml", "namn: L\xe4ns", "\xe4", "yaml-encoding")],
    "empty-file": [("data/parter/nacka.yaml", "", "", "yaml-empty")],
    "two-documents": [("data/parter/nacka.yaml", "\n---\n", "---", "yaml-multiple-documents")],
    "anchor-alias": [("data/parter/nacka.yaml", "&scb", "&", "yaml-anchor")],
    "merge-key": [("data/parter/nacka.yaml", "<<:", "<", "yaml-anchor")],
    "billion-laughs": [("data/parter/nacka.yaml", "a: &a", "&", "yaml-anchor")],
    "five-megabytes": [("data/parter/nacka.yaml", "# yaml-language-server", "#", "yaml-too-large")],
    "unknown-key": [("data/parter/nacka.yaml", "kommunkood:", "k", "schema")],
    "population-with-space": [("data/parter/nacka.yaml", "antal: 95 182", "95", "schema")],
    "negative-population": [("data/parter/nacka.yaml", "antal: -95182", "-", "schema")],
    "unknown-party": [("data/forum/samordningskansliet.yaml", "part: region-stockholm", "region", "reference-exists")],
    "same-id": [
        ("data/parter/nacka-kommun.yaml", "id: nacka\n", "nacka", "id-matches-filename"),
        ("data/parter/nacka-kommun.yaml", "id: nacka\n", "nacka", "id-unique"),
        ("data/parter/nacka-kommun.yaml", "namn: Nacka kommun", "Nacka", "name-unique"),  # a copy has the same name too
        ("data/parter/nacka-kommun.yaml", 'kommunkod: "0182"', '"', "kommunkod"),
    ],
    "id-not-filename": [("data/parter/salem.yaml", "id: salems-kommun", "salems", "id-matches-filename")],
    "javascript-url": [
        ("data/kallor/samverkan-stockholmsregionen-webb.yaml", "url: javascript:", "javascript", "schema")
    ],
}


def _ids(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


def _expected(case: Path) -> str:
    return (case / "expected.txt").read_text(encoding="utf-8")


def _errors(text: str) -> list[re.Match]:
    return [m for m in map(LINE.match, text.splitlines()) if m and m.group(4) == "fel"]


@pytest.mark.parametrize("case", RULE_CASES + BAD_CASES, ids=_ids(RULE_CASES) + [f"bad-{n}" for n in _ids(BAD_CASES)])
def test_checker_output_is_exact(case, tmp_path, bless):
    make_data(tmp_path, case)
    code, out, err = run_check(tmp_path, "--data", "data")
    assert (code, err) == (0 if case.name in WARNING_RULES else 1, "")
    assert_golden(case / "expected.txt", out, bless)


@pytest.mark.parametrize("case", RULE_CASES + BAD_CASES, ids=_ids(RULE_CASES) + [f"bad-{n}" for n in _ids(BAD_CASES)])
def test_expected_output_has_the_promised_shape(case):
    """PATH:LINE:COL: fel: MESSAGE [rule], sorted, then the Swedish summary with the count."""
    lines = _expected(case).splitlines()
    body, summary = lines[:-1], lines[-1]
    assert all(LINE.match(line) for line in body), body
    keys = [(m.group(1), int(m.group(2)), int(m.group(3)), m.group(6)) for m in map(LINE.match, body)]
    assert keys == sorted(keys)
    n_err = sum(": fel: " in line for line in body)
    n_warn = len(body) - n_err
    if case.name in WARNING_RULES:
        assert n_err == 0 and summary == f"Hittade {n_warn} varningar. Inga fel."
        return
    assert n_err >= 1
    assert summary.startswith(f"Hittade {n_err} fel")
    assert summary.endswith("Rätta felen och kör kontrollen igen.")
    assert (f"{n_warn} varning" in summary) == bool(n_warn)


@pytest.mark.parametrize("case", RULE_CASES, ids=_ids(RULE_CASES))
def test_rule_fixture_breaks_only_its_rule(case):
    errors = _errors(_expected(case))
    if case.name in WARNING_RULES:
        lines = [m for m in map(LINE.match, _expected(case).splitlines()) if m]
        own = [m for m in lines if m.group(6) == case.name]
        assert not errors and own and all(m.group(4) == "varning" for m in own)
        return
    assert errors and {m.group(6) for m in errors} == {case.name}


@pytest.mark.parametrize("case", BAD_CASES, ids=_ids(BAD_CASES))
def test_bad_input_is_reported_at_the_right_place(case, tmp_path):
    make_data(tmp_path, case)
    errors = _errors(_expected(case))
    found = [(m.group(1), int(m.group(2)), int(m.group(3)), m.group(6)) for m in errors]

    def text(rel: str) -> str:  # the latin-1 case's file is latin-1 on purpose
        raw = (tmp_path / rel).read_bytes()
        return raw.decode("utf-8") if case.name != "latin-1" else raw.decode("latin-1")

    expected = [(rel, *position(text(rel), context, at), rule) for rel, context, at, rule in BAD_POSITIONS[case.name]]
    assert found == expected


def test_every_bad_input_has_a_fixture_and_its_places():
    assert set(_ids(BAD_CASES)) == set(BAD_POSITIONS)


def _rule_literals(source: str) -> set[str]:
    """Rule ids written in code: Problem(..., rule, ...), problem_at(doc, path, rule, ...), and rule = "..."."""
    positions = {"Problem": 3, "_problem_at": 2, "problem_at": 2, "_Refused": 2}
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            pos = positions.get(name)
            if pos is not None and len(node.args) > pos:
                arg = node.args[pos]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.add(arg.value)
        elif (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant)
            and any(getattr(t, "id", "") == "rule" for t in node.targets)
        ):
            found.add(node.value.value)
    return found


def _rule_modules() -> list:
    """The modules that can make problems: every module of core/ (the loader and its parts, the dataset, the
    schemas, checks/ and the rest), found by walking the package so that a module split off is still read."""
    found = pkgutil.walk_packages(core.__path__, f"{core.__name__}.")
    return [importlib.import_module(m.name) for m in found]


def all_rule_ids() -> set[str]:
    ids = {rule_id(c) for c in CHECKS}
    for module in _rule_modules():
        ids |= _rule_literals(inspect.getsource(module))
    return ids


def test_every_rule_has_a_fixture_named_after_it():
    # data-folder (the folder itself is missing) cannot be a fixture; test_cli covers it. file-unreadable needs
    # a file that even root cannot read: test_loader makes one by patching.
    missing = all_rule_ids() - set(_ids(RULE_CASES)) - {"data-folder", "file-unreadable"}
    assert not missing, f"add tests/fixtures/rules/<rule>/ for: {sorted(missing)}"
    stale = set(_ids(RULE_CASES)) - all_rule_ids()
    assert not stale, f"fixtures for rules that no longer exist: {sorted(stale)}"


@pytest.mark.parametrize("check", CHECKS, ids=[rule_id(c) for c in CHECKS])
def test_check_reports_under_its_own_name(check):
    """A check's name is its rule id: every problem it makes carries that id, and it states its rule."""
    assert check.__doc__ and check.__doc__.strip()
    literals = _rule_literals(inspect.getsource(check))
    assert literals <= {rule_id(check)}, literals


def test_valid_fixture_has_no_errors(tmp_path):
    make_data(tmp_path)
    code, out, err = run_check(tmp_path, "--data", "data")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert [line for line in lines if LINE.match(line)] == [line for line in lines if line.startswith(BASELINE_WARNING)]
    assert lines[-1] == "Hittade 1 varning. Inga fel."


def test_all_problems_are_reported_at_once(tmp_path):
    """Several broken files in one folder: every problem appears, sorted, with one count."""
    names = ["duplicate-key", "impossible-date", "javascript-url", "unknown-party", "latin-1"]
    make_data(tmp_path, *(BAD / name for name in names))
    expected = {m.group(0) for name in names for m in _errors(_expected(BAD / name))}
    code, out, _ = run_check(tmp_path, "--data", "data")
    lines = out.splitlines()
    errors = [m.group(0) for m in _errors(out)]
    assert code == 1
    assert set(errors) == expected and len(errors) == len(names)
    assert errors == [line for line in lines if ": fel: " in line]
    keys = [(m.group(1), int(m.group(2)), int(m.group(3))) for m in _errors(out)]
    assert keys == sorted(keys)
    assert lines[-1] == f"Hittade {len(names)} fel och 1 varning. Rätta felen och kör kontrollen igen."


def test_fixtures_mirror_the_data_folder():
    """The valid fixture has every kind of file that data/ has, and nothing else."""

    def kinds(root: Path) -> set[str]:
        return {
            p.relative_to(root).parts[0] if len(p.relative_to(root).parts) > 1 else p.name for p in root.rglob("*.yaml")
        }

    assert kinds(VALID) == kinds(ROOT / "data")


def test_a_broken_file_causes_no_follow_up_errors(tmp_path):
    data = make_data(tmp_path)
    path = data / "forum" / "samordningskansliet.yaml"  # the only forum at its level
    path.write_text(path.read_text(encoding="utf-8") + "id: igen\n", encoding="utf-8")
    _, out, _ = run_check(tmp_path, "--data", "data")
    assert {m.group(6) for m in _errors(out)} == {"yaml-duplicate-key"}


def test_integer_hint_only_suggests_a_fix_that_works(tmp_path):
    make_data(tmp_path, BAD / "octal-number")
    _, out, _ = run_check(tmp_path, "--data", "data")
    assert "skriv siffrorna utan mellanslag: 0123" not in out
