"""`python -m bench` (`nox -s bench`): the handbook's speed at 1×, 10× and 100× the real data, in one run.

For each scale: generate the dataset (bench/synth.py), capture the baseline project (bench/baseline.py), then
repeat, rotating the order so that a busy moment of the shared machine does not hit one step only: the checker,
our site build (each followed by the offline zip of that site), the plain Material build of the same pages and
the PDF; at 1× also the Material build with mkdocs-macros alone, and the whole `python -m macros build`, cold and
again after a one-file edit (bench/steps.py has the commands). Then the live preview: time from a one-file data
edit to the served page showing it. Medians, with min–max; peak memory per process. Then the verdicts
(bench/verdicts.py), a profile of each missed target (bench/profiles.py) and RESULTS.md (bench/report.py).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path

from . import baseline, synth
from .measure import Failed, compile_our_code, measured, party_name, preview_edits, renamed
from .profiles import event_times, profile_misses
from .report import report, table
from .scale import Scale
from .steps import commands
from .verdicts import evaluate

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
DEFAULT_REPS = {1: 5, 10: 3, 100: 3}
DEFAULT_SLOW_REPS = {1: 5, 10: 3, 100: 1}  # PDF and live preview: minutes per run at 100×
SLOW = ("pdf", "full", "full-edit")
YEARS = 12  # budget years 2015-2026: the agreement's age when the handbook is brought up to date in 2026
PART = "nacka"  # the party file the preview test and the rebuild after an edit change


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100", help="comma-separated multiples of the real data")
    parser.add_argument("--reps", default=None, help="repetitions per scale, e.g. 1:5,10:3,100:3")
    parser.add_argument("--slow-reps", default=None, help="PDF and preview repetitions, e.g. 1:5,10:3,100:1")
    parser.add_argument("--work", default=str(Path(os.environ.get("TMPDIR", "/tmp")) / "handbok-bench"))
    parser.add_argument("--out", default=str(RESULTS), help="results file (Markdown); '-' to print only")
    parser.add_argument("--no-profile", action="store_true", help="skip profiling missed targets")
    parser.add_argument(
        "--years", type=int, default=YEARS, help=f"budget years at every scale (default {YEARS}; 1 = the real data)"
    )
    args = parser.parse_args(argv)
    scales = [int(s) for s in args.scales.split(",")]
    reps = {**DEFAULT_REPS, **_per_scale(args.reps)}
    slow = {**DEFAULT_SLOW_REPS, **_per_scale(args.slow_reps)}
    work = Path(args.work)
    started = datetime.now(UTC)
    load_before = os.getloadavg()
    compile_our_code()
    results = []
    for k in scales:
        results.append(_measure_scale(k, work / f"x{k}", reps.get(k, 3), slow.get(k, 1), args.years))
        print(table(results), flush=True)
    load_after = os.getloadavg()
    verdicts = evaluate(results)
    profiles = {} if args.no_profile else profile_misses(verdicts, results, work)
    events = {} if args.no_profile else event_times(verdicts, results, work)
    text = report(results, verdicts, profiles, events, started, load_before, load_after, argv or sys.argv[1:])
    print(text)
    if args.out != "-":
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"Skrev {args.out}")
    return 0


def _per_scale(spec: str | None) -> dict[int, int]:
    if not spec:
        return {}
    return {int(k): int(v) for k, v in (part.split(":") for part in spec.split(","))}


def _measure_scale(k: int, work: Path, reps: int, slow_reps: int, years: int = 1) -> Scale:
    print(f"\n== {k}× ==", flush=True)
    work.mkdir(parents=True, exist_ok=True)
    data = synth.generate(k, work / "data", years=years)
    scale = Scale(k, synth.size(data))
    print(f"data: {scale.size}", flush=True)
    base_config = baseline.project(baseline.capture(data, work), work)
    steps = commands(k, work, data, base_config)
    order = [s for s in ("check", "build", "baseline", "macros-only", "pdf", "full", "full-edit") if s in steps]
    for rep in range(reps):
        rotated = order[rep % len(order) :] + order[: rep % len(order)]
        for step in rotated:
            if step in SLOW and rep >= slow_reps:
                continue
            if step in ("pdf", "full", "full-edit"):
                shutil.rmtree(work / step, ignore_errors=True)  # every PDF run starts from nothing
            if step == "full-edit":
                _time_after_edit(scale, data, *steps[step])
            else:
                _time(scale, step, *steps[step])
            if step == "build" and "zip" in steps:
                _time(scale, "zip", *steps["zip"])
    try:
        runs, first = preview_edits(data, PART, slow_reps, timeout=max(120.0, 4 * (scale.median("build") or 30)))
        scale.runs["preview"] = runs
        scale.first_preview_build = first
        print(f"  preview: {[round(r.seconds, 2) for r in runs]}", flush=True)
    except Failed as exc:
        print(f"  preview failed: {exc}", flush=True)
    return scale


def _time_after_edit(scale: Scale, data: Path, cmd: list[str], env: dict) -> None:
    """`python -m macros build` as a coordinator runs it again after changing one party's name: the PDF cache
    holds the previous build's PDFs (made here, untimed), so the agreement and that party's sheet are rendered."""
    measured(cmd, env)
    path = data / "parter" / f"{PART}.yaml"
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(renamed(original, party_name(original) + " (ändrad)"), encoding="utf-8")
        _time(scale, "full-edit", cmd, env)
    finally:
        path.write_text(original, encoding="utf-8")


def _time(scale: Scale, step: str, cmd: list[str], env: dict) -> None:
    run = measured(cmd, env)
    scale.runs.setdefault(step, []).append(run)
    print(f"  {step:9} {run.seconds:8.2f} s {run.peak_mb:8.0f} MB", flush=True)
