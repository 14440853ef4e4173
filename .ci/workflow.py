"""Run the pull-request workflow's steps here as GitHub runs them: `python3 noxfile.py -s workflow -- BASE HEAD`.

Reads .github/workflows/pull-request.yml itself (HEAD's, as GitHub does), so what runs here is what runs there:
in a fresh clone of the repository at HEAD, each step in order, with the workflow's env and each step's `if:`
(`!cancelled()`, `steps.ID.outcome == 'success'`), `run:` under bash as GitHub starts it (`bash -e`, or
`bash -eo pipefail` for `shell: bash`), GITHUB_STEP_SUMMARY collected into summary.md. Three actions are played
here: checkout (the clone, with all history), setup-python (this machine's python3), upload-artifact (a copy
under artifacts/NAME/). The annotations are read from the steps' output and shown as GitHub shows them: at most
ten of each kind per step.

Everything goes into --out (default: a new temporary folder): clone/, artifacts/, summary.md, one log per step and
report.txt. Exit code 0 when every step succeeded, 1 otherwise. --skip NAME leaves out a step by its name (the test
suite takes long; the report says it was skipped).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "pull-request.yml"
SHOWN_PER_STEP = 10  # GitHub shows at most ten annotations of each kind per step
COMMAND = re.compile(r"^::(error|warning|notice)(?: ([^:]*))?::(.*)$")
EMULATED = ("actions/checkout", "actions/setup-python", "actions/upload-artifact")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nox -s workflow --", description=__doc__.split("\n")[0])
    parser.add_argument("base", help="basen som pull requesten jämförs med, till exempel main")
    parser.add_argument("head", help="pull requestens sista commit, till exempel en gren")
    parser.add_argument("--repo", type=Path, default=ROOT, help="förrådet att klona (standard: det här)")
    parser.add_argument("--out", type=Path, help="mappen för klonen, artefakterna och loggarna")
    parser.add_argument("--skip", action="append", default=[], metavar="NAMN", help="hoppa över steget NAMN")
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="handbok-workflow-"))
    return run(args.repo, args.base, args.head, out, set(args.skip))


def _sha(repo: Path, rev: str) -> str:
    command = ["git", "-C", str(repo), "rev-parse", "--verify", f"{rev}^{{commit}}"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()


def load(path: Path = WORKFLOW) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # PyYAML 1.1 reads the key `on` as true
    return data


def run(repo: Path, base: str, head: str, out: Path, skip: set[str]) -> int:
    base_sha, head_sha = _sha(repo, base), _sha(repo, head)
    out.mkdir(parents=True, exist_ok=True)
    clone = out / "clone"
    shutil.rmtree(clone, ignore_errors=True)
    subprocess.run(["git", "clone", "--quiet", "--no-local", str(repo), str(clone)], check=True)
    subprocess.run(["git", "-C", str(clone), "checkout", "--quiet", "--detach", head_sha], check=True)
    context = {"github.event.pull_request.base.sha": base_sha, "github.event.pull_request.number": "0"}
    workflow = load(clone / WORKFLOW.relative_to(ROOT))  # a pull request runs its own version of the workflow
    report = [f"{WORKFLOW.relative_to(ROOT)}: {base} ({base_sha[:10]}) → {head} ({head_sha[:10]}), i {clone}"]
    summary = out / "summary.md"
    summary.write_text("", encoding="utf-8")
    outcomes: dict[str, str] = {}
    failed = False
    for job_id, job in workflow["jobs"].items():
        env = {**_env(workflow.get("env", {}), context), **_env(job.get("env", {}), context)}
        for number, step in enumerate(job["steps"], 1):
            name = step.get("name", step.get("uses", step.get("run", "")).splitlines()[0])
            if name in skip:
                report.append(f"{number:2}. {name}: hoppades över (--skip)")
                continue
            if not condition(step.get("if"), outcomes, failed):
                outcome, shown = "skipped", []
            else:
                log = out / f"steg-{number:02}.log"
                outcome, shown = _step(step, clone, out, {**env, **_env(step.get("env", {}), context)}, log, summary)
            if "id" in step:
                outcomes[step["id"]] = outcome
            failed |= outcome == "failure"
            report.append(f"{number:2}. {name}: {_SWEDISH[outcome]}")
            report += [f"      {line}" for line in shown]
        report.append(f"Jobbet {job_id}: {'misslyckades' if failed else 'lyckades'}")
    artifacts = sorted(p.name for p in (out / "artifacts").glob("*"))
    report.append(f"Artefakter: {', '.join(artifacts) or 'inga'}; sammanfattningen: {summary}")
    (out / "report.txt").write_text("\n".join(report) + "\n", encoding="utf-8")
    print("\n".join(report))
    return 1 if failed else 0


_SWEDISH = {"success": "lyckades", "failure": "MISSLYCKADES", "skipped": "kördes inte (if:)"}


def _env(values: dict, context: dict) -> dict[str, str]:
    return {key: expand(str(value), context) for key, value in values.items()}


def expand(text: str, context: dict) -> str:
    """${{ name }} replaced by its value; a name this runner does not know stops it (it would differ from GitHub)."""

    def value(m: re.Match) -> str:
        name = m.group(1).strip()
        if name not in context:
            raise SystemExit(f"fel: {WORKFLOW.name} använder ${{{{ {name} }}}}, som .ci/workflow.py inte känner till")
        return context[name]

    return re.sub(r"\$\{\{(.*?)\}\}", value, text)


_TOKENS = re.compile(r"\s*(\$\{\{|\}\}|&&|\|\||==|!=|!|\(|\)|'[^']*'|[A-Za-z_][\w.-]*\(\)|[A-Za-z_][\w.-]*)")


def condition(expression: str | None, outcomes: dict[str, str], failed: bool) -> bool:
    """A step's `if:`, for the functions and contexts the workflow uses; anything else stops the runner."""
    if expression is None:
        return not failed  # success()
    text, python, pos = str(expression).strip(), [], 0
    while pos < len(text):
        m = _TOKENS.match(text, pos)
        if not m:
            raise SystemExit(f"fel: .ci/workflow.py förstår inte if: {expression}")
        token, pos = m.group(1), m.end()
        if token in ("${{", "}}"):
            continue
        words = {"&&": " and ", "||": " or ", "!": " not ", "==": "==", "!=": "!=", "(": "(", ")": ")"}
        functions = {"success()": not failed, "failure()": failed, "cancelled()": False, "always()": True}
        if token in words:
            python.append(words[token])
        elif token in functions:
            python.append(repr(functions[token]))
        elif token.startswith("'"):
            python.append(repr(token[1:-1]))
        elif m2 := re.fullmatch(r"steps\.([\w-]+)\.(outcome|conclusion)", token):
            python.append(repr(outcomes.get(m2.group(1), "")))
        else:
            raise SystemExit(f"fel: .ci/workflow.py känner inte till {token} i if: {expression}")
    return bool(eval("".join(python), {"__builtins__": {}}, {}))  # only the literals and operators above


def _step(step: dict, clone: Path, out: Path, env: dict, log: Path, summary: Path) -> tuple[str, list[str]]:
    if "uses" in step:
        return _action(step, clone, out)
    part = log.with_suffix(".summary.md")
    part.write_text("", encoding="utf-8")
    script = log.with_suffix(".sh")
    script.write_text(step["run"], encoding="utf-8")
    shell = ["bash", "--noprofile", "--norc", "-eo", "pipefail"] if step.get("shell") == "bash" else ["bash", "-e"]
    full_env = {**os.environ, **env, "GITHUB_STEP_SUMMARY": str(part), "GITHUB_WORKSPACE": str(clone), "CI": "true"}
    with log.open("w", encoding="utf-8") as out_file:
        code = subprocess.run(
            [*shell, str(script)],
            cwd=clone / step.get("working-directory", "."),
            env=full_env,
            stdout=out_file,
            stderr=subprocess.STDOUT,
            check=False,
        ).returncode
    with summary.open("a", encoding="utf-8") as total:
        total.write(part.read_text(encoding="utf-8"))
    return ("success" if code == 0 else "failure"), annotations(log.read_text(encoding="utf-8", errors="replace"))


def annotations(output: str) -> list[str]:
    """The workflow commands in a step's output as GitHub shows them, at most ten of each kind."""
    shown, counts = [], {"error": 0, "warning": 0, "notice": 0}
    for line in output.splitlines():
        m = COMMAND.match(line.strip())
        if not m:
            continue
        kind, props, message = m.groups()
        counts[kind] += 1
        if counts[kind] > SHOWN_PER_STEP:
            continue
        where = dict(p.split("=", 1) for p in (props or "").split(",") if "=" in p)
        place = ":".join(_unescape(where[k]) for k in ("file", "line", "col") if k in where)
        lines = _unescape(message).split("\n")
        more = f" (+{len(lines) - 1} rader)" if len(lines) > 1 else ""
        shown.append(f"{kind}: {place + ': ' if place else ''}{lines[0]}{more}")
    hidden = {k: n - SHOWN_PER_STEP for k, n in counts.items() if n > SHOWN_PER_STEP}
    shown += [f"({n} {k} till visas inte av GitHub)" for k, n in hidden.items()]
    return shown


def _unescape(text: str) -> str:
    return text.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def _action(step: dict, clone: Path, out: Path) -> tuple[str, list[str]]:
    action = step["uses"].split("@")[0]
    if action not in EMULATED:
        raise SystemExit(f"fel: .ci/workflow.py kan inte spela {action}; lägg till det i EMULATED")
    if action != "actions/upload-artifact":
        return "success", []  # the clone is the checkout; this machine's python3 is the one set up
    with_ = step.get("with", {})
    source = clone / with_["path"]
    files = [p for p in source.rglob("*") if p.is_file()] if source.is_dir() else []
    if not files:
        missing = with_.get("if-no-files-found", "warn") == "error"
        said = f"{'error' if missing else 'warning'}: inga filer i {with_['path']}"
        return ("failure" if missing else "success"), [said]
    target = out / "artifacts" / with_["name"]
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    return "success", [f"artefakt {with_['name']}: {len(files)} filer"]


if __name__ == "__main__":
    sys.exit(main())
