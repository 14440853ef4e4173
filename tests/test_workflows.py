"""The forge's checks and the local pre-commit hook: parsed, required steps present, every action pinned,
and linted with zizmor (security audit) and the vendored GitHub workflow schema (check-jsonschema)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
PR = WORKFLOWS / "pull-request.yml"
PUBLISH = WORKFLOWS / "publish.yml"
DEPENDABOT = ROOT / ".github" / "dependabot.yml"
PRE_COMMIT = ROOT / ".pre-commit-config.yaml"
BIN = Path(sys.executable).parent
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<action>[\w.-]+/[\w./-]+)@(?P<ref>\S+)(?:\s+#\s*(?P<comment>.*))?$")


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # PyYAML 1.1 reads the key `on` as true
    return data


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def _runs(workflow: dict) -> list[str]:
    return [step["run"] for step in _steps(workflow) if "run" in step]


def _index(steps: list[dict], needle: str) -> int:
    return next(i for i, s in enumerate(steps) if needle in s.get("run", "") + s.get("uses", ""))


def _step(steps: list[dict], needle: str) -> dict:
    return steps[_index(steps, needle)]


def test_pull_request_checks_summarises_builds_tests_and_uploads():
    wf = _load(PR)
    assert "pull_request" in wf["on"]
    assert wf["permissions"] == {"contents": "read"}
    steps = _steps(wf)
    check = _step(steps, "-s check")
    assert check["run"] == 'python3 noxfile.py -s check -- --format github --bas "$BASE_SHA"'
    diff = _step(steps, "-s diff")
    assert 'python3 noxfile.py -s diff -- --format github "$BASE_SHA" HEAD > andringar/andringar.md' in diff["run"]
    assert 'cat andringar/andringar.md >> "$GITHUB_STEP_SUMMARY"' in diff["run"]
    for step in (check, diff):
        assert step["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"  # via env: no injection
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the base commit must be there for the summary
    build = _step(steps, "-s build")
    assert build["shell"] == "bash" and "| tee " in build["run"]  # bash -eo pipefail: the step fails with the build
    uploads = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert {u["with"]["path"] for u in uploads} == {"andringar/", "site/", "bygglogg/"}
    assert all(u["with"]["if-no-files-found"] == "error" for u in uploads)
    preview = next(u for u in uploads if u["with"]["path"] == "site/")
    explained = next(u for u in uploads if u["with"]["path"] == "bygglogg/")
    assert build["id"] == "bygg" and "bygglogg/" in build["run"]
    assert preview["if"] == "${{ !cancelled() && steps.bygg.outcome == 'success' }}"
    assert explained["if"] == "${{ !cancelled() && steps.bygg.outcome == 'failure' }}"
    # The preview goes up before lint and the tests, and whatever they say.
    assert _index(steps, "-s check") < _index(steps, "-s build") < steps.index(preview) < _index(steps, "-s tests")
    assert steps.index(preview) < _index(steps, "-s lint")


def test_every_step_after_the_setup_runs_even_when_an_earlier_one_failed():
    """One run says everything: a data error does not hide a lint error, and the tests run either way."""
    steps = _steps(_load(PR))
    first = _index(steps, "-s check")
    for step in steps[first:]:
        assert "!cancelled()" in step.get("if", ""), step["name"]


def test_the_pull_request_runs_what_ci_runs():
    """Every command of .ci/run but nox -s fresh (clean Debian roots, half an hour), written the same way."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    runs = "\n".join(_runs(_load(PR)))
    sessions = re.findall(r"^python3 noxfile\.py -s (\w+)", ci, re.M)
    assert {"lint", "tests"} <= set(sessions)
    for session in sessions:
        if session != "fresh":
            assert re.search(rf"python3 noxfile\.py -s {session}\b", runs), session
    npm = re.search(r"npm ci [^)\n]*", ci).group(0)
    assert npm in runs
    assert "PUPPETEER_SKIP_DOWNLOAD=1 npm ci" in runs


def test_installs_go_through_the_noxfile_within_the_constraints():
    """No step installs with pip of its own: every install is the noxfile's, with -c constraints.txt."""
    for path in (PR, PUBLISH):
        for run in _runs(_load(path)):
            assert "pip install" not in run and "pip " not in run, (path.name, run)
            for command in re.findall(r"^\s*(\S+)", run, re.M):
                assert command not in ("nox", "python", "pip"), (path.name, run)
    noxfile = (ROOT / "noxfile.py").read_text(encoding="utf-8")
    installs = re.findall(r"session\.install\(([^)]*)\)", noxfile)
    assert len(installs) == 1 and "nox==" in installs[0]  # only the lock session, which resolves anew on purpose
    assert '_pip(session, "install", "--quiet", "-c", CONSTRAINTS' in noxfile
    assert '"-c", ROOT / "constraints.txt", f"nox=={NOX_VERSION}"' in noxfile


def test_the_tracked_ignored_step_fails_on_a_committed_file_under_an_ignored_path(tmp_path):
    step = _step(_steps(_load(PR)), "git ls-files --cached --ignored --exclude-standard")
    repo = tmp_path / "repo"
    repo.mkdir()
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false", "-C"]
    subprocess.run([*git, str(repo), "init", "-q"], check=True)
    (repo / ".gitignore").write_text("/build/\n", encoding="utf-8")
    subprocess.run([*git, str(repo), "add", ".gitignore"], check=True)
    script = tmp_path / "step.sh"
    script.write_text(step["run"], encoding="utf-8")

    clean = subprocess.run(["bash", "-e", str(script)], cwd=repo, capture_output=True, text=True)
    assert clean.returncode == 0, clean.stdout + clean.stderr

    (repo / "build" / "pdf-cache").mkdir(parents=True)
    (repo / "build" / "pdf-cache" / "::warning::x.pdf").write_bytes(b"%PDF-1.7\n")
    subprocess.run([*git, str(repo), "add", "-f", "build"], check=True)
    found = subprocess.run(["bash", "-e", str(script)], cwd=repo, capture_output=True, text=True)
    assert found.returncode == 1
    lines = found.stdout.splitlines()
    assert lines[0].startswith("::error title=Incheckade filer under ignorerade sökvägar::")
    assert lines[1:] == ["fil: build/pdf-cache/::warning::x.pdf"]  # a name, never a workflow command


def test_the_local_runner_plays_every_step_of_the_pull_request():
    """.ci/workflow.py (nox -s workflow) runs the steps as GitHub does: it understands every if:, every ${{ }}
    and every action the workflow uses, and would stop rather than guess on a new one."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("ci_workflow", ROOT / ".ci" / "workflow.py")
    runner = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(runner)
    wf = runner.load(PR)
    context = {"github.event.pull_request.base.sha": "0" * 40, "github.event.pull_request.number": "0"}
    for step in _steps(wf):
        for value in step.get("env", {}).values():
            assert "${{" not in runner.expand(str(value), context)
        for outcome in ("success", "failure"):
            runner.condition(step.get("if"), {"bygg": outcome}, failed=outcome == "failure")
        if "uses" in step:
            assert step["uses"].split("@")[0] in runner.EMULATED
    preview = "${{ !cancelled() && steps.bygg.outcome == 'success' }}"
    assert runner.condition(preview, {"bygg": "success"}, failed=True) is True
    assert runner.condition(preview, {"bygg": "failure"}, failed=True) is False
    assert runner.condition(None, {}, failed=True) is False
    with pytest.raises(SystemExit):
        runner.condition("${{ github.event_name == 'push' }}", {}, failed=False)
    out = "::error file=data/a.yaml,line=3,col=1,title=schema::fel%0Amer\n" + "::warning::w\n" * 12
    assert runner.annotations(out)[0] == "error: data/a.yaml:3:1: fel (+1 rader)"
    assert runner.annotations(out)[-1] == "(2 warning till visas inte av GitHub)"


def test_build_session_writes_the_pdf_into_the_uploaded_site():
    """The workflows upload site/ as the site and the PDF: nox's build session must put the PDF there."""
    noxfile = (ROOT / "noxfile.py").read_text(encoding="utf-8")
    build_site = noxfile[noxfile.index("def build_site") :]
    build_site = build_site[: build_site.index("\n@nox.session")]
    # One step builds site, PDFs and archive (macros/tools/publish.py); the browser tests run that same step
    # and fetch the PDF from the built site.
    assert '_macros(session, "build"' in build_site
    publish = (ROOT / "macros" / "tools" / "publish.py").read_text(encoding="utf-8")
    assert '"--strict"' in publish and "write_archive" in publish
    assert "from ..pdf.write import PdfError, write_pdfs" in publish


def test_main_branch_is_published_to_pages():
    wf = _load(PUBLISH)
    assert wf["on"]["push"]["branches"] == ["main"]
    assert wf["permissions"] == {"contents": "read"}
    build, deploy = wf["jobs"]["bygg"], wf["jobs"]["publicera"]
    runs = _runs({"jobs": {"b": build}})
    assert "python3 noxfile.py -s check -- --format github" in runs
    assert any(r.strip().startswith("python3 noxfile.py -s build") for r in runs)
    pages = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert pages["with"]["path"] == "site/"
    assert deploy["needs"] == "bygg"
    assert deploy["if"] == "github.ref == 'refs/heads/main'"  # a manual run elsewhere never publishes
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_every_action_is_pinned_to_a_commit_with_its_release_in_a_comment():
    seen: dict[str, str] = {}
    count = 0
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "uses:" not in line:
                continue
            m = USES.match(line)
            where = f"{path.name}:{number}"
            assert m, f"{where}: cannot read the action reference: {line.strip()}"
            assert re.fullmatch(r"[0-9a-f]{40}", m["ref"]), f"{where}: {m['action']} is not pinned to a full commit SHA"
            assert m["comment"] and re.fullmatch(r"v\d+\.\d+\.\d+", m["comment"].split()[0]), (
                f"{where}: say which release the SHA is, e.g. '# v4.2.2'"
            )
            pinned = f"{m['ref']} {m['comment'].split()[0]}"
            assert seen.setdefault(m["action"], pinned) == pinned, f"{where}: {m['action']} pinned differently"
            count += 1
    assert count >= 6


def test_zizmor_finds_nothing():
    """zizmor (from PyPI) audits for unpinned actions, template injection, excessive permissions, leaked tokens,
    and Dependabot's configuration (cooldown)."""
    result = subprocess.run(
        [BIN / "zizmor", "--offline", "--format", "json", str(WORKFLOWS.parent)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    findings = json.loads(result.stdout)
    assert findings == [], json.dumps(findings, indent=1, ensure_ascii=False)[:3000]


def test_zizmor_would_catch_an_unpinned_action(tmp_path):
    """The audit above can fail: the same workflow with a tag instead of a SHA is reported."""
    bad = tmp_path / ".github" / "workflows"
    bad.mkdir(parents=True)
    text = PUBLISH.read_text(encoding="utf-8")
    (bad / "publish.yml").write_text(re.sub(r"(actions/checkout)@[0-9a-f]{40}", r"\1@v4", text), encoding="utf-8")
    result = subprocess.run(
        [BIN / "zizmor", "--offline", "--format", "json", str(bad)], capture_output=True, text=True, timeout=120
    )
    assert "unpinned-uses" in {f["ident"] for f in json.loads(result.stdout)}


@pytest.mark.slow  # a Python tool as a process of its own
def test_workflows_follow_githubs_workflow_schema():
    result = subprocess.run(
        [
            BIN / "check-jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            *map(str, sorted(WORKFLOWS.glob("*.yml"))),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# Node 20 reached its end of life in April 2026; these releases run on Node 24.
CURRENT = {
    "actions/checkout": "v7.0.1",
    "actions/setup-python": "v7.0.0",
    "actions/upload-artifact": "v7.0.0",
    "actions/upload-pages-artifact": "v5.0.0",
    "actions/deploy-pages": "v5.0.0",
}


def test_actions_are_the_current_releases():
    used = {
        m["action"]: m["comment"].split()[0]
        for path in sorted(WORKFLOWS.glob("*.yml"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if (m := USES.match(line))
    }
    assert used == CURRENT


def test_no_system_library_for_the_pdf_engine():
    """Typst comes from PyPI with the compiler inside: neither the workflows nor .ci/run install a library for the
    PDF (WeasyPrint needed Pango and HarfBuzz). poppler-utils stays: a test reads the PDF with its tools."""
    runs = "\n".join(_runs(_load(PR)) + _runs(_load(PUBLISH)))
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for text in (runs, ci):
        assert not re.search(r"pango|harfbuzz|cairo|gobject", text, re.I), text


@pytest.mark.slow  # a Python tool as a process of its own
def test_dependabot_updates_actions_and_python_weekly_in_groups():
    config = yaml.safe_load(DEPENDABOT.read_text(encoding="utf-8"))
    updates = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(updates) == {"github-actions", "pip"}
    for update in updates.values():
        assert update["directory"] == "/" and update["schedule"]["interval"] == "weekly"
        assert [g["patterns"] for g in update["groups"].values()] == [["*"]]  # one pull request a week
    result = subprocess.run(
        [BIN / "check-jsonschema", "--builtin-schema", "vendor.dependabot", str(DEPENDABOT)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- pre-commit ----------------------------------------------------------------------------------


def _hook() -> dict:
    config = yaml.safe_load(PRE_COMMIT.read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    (hook,) = repo["hooks"]
    return hook


def test_pre_commit_hook_runs_the_checker_on_data_and_schema_changes():
    hook = _hook()
    assert hook["entry"] == "python -m macros check"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("data/parter/nacka.yaml") and files.search("data/beslut/ksl-rekommendation-2015.yaml")
    assert files.search("schema/part.schema.json")
    assert not files.search("docs/index.md") and not files.search("macros/tools/cli.py")


def test_pre_commit_hook_pins_the_same_versions_as_the_project():
    pins = {
        re.split(r"[=<>]", d)[0].lower(): d
        for d in tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    }
    for dep in _hook()["additional_dependencies"]:
        assert pins[dep.split("==")[0].lower()] == dep, f"{dep} differs from pyproject.toml"


@pytest.mark.slow  # a Python tool as a process of its own
def test_pre_commit_config_is_valid():
    result = subprocess.run(
        [BIN / "pre-commit", "validate-config", str(PRE_COMMIT)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow  # a Python tool as a process of its own
def test_pre_commit_stops_a_commit_with_broken_data(tmp_path):
    """The real hook in a scratch repository: pre-commit installs its pinned dependencies (from PyPI, once,
    then cached) and the checker stops the broken file with its usual message."""
    repo = tmp_path / "repo"
    for name in ("data", "schema", "macros"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PRE_COMMIT, repo / PRE_COMMIT.name)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    nacka = repo / "data" / "parter" / "nacka.yaml"
    nacka.write_text(
        nacka.read_text(encoding="utf-8").replace("namn: Nacka kommun", 'namn: "Nacka kommun'), encoding="utf-8"
    )
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRE_COMMIT")}
    result = subprocess.run(
        [BIN / "pre-commit", "run", "--all-files"], cwd=repo, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "data/parter/nacka.yaml:" in result.stdout and "[yaml-syntax]" in result.stdout
