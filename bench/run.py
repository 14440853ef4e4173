"""`python -m bench` (`nox -s bench`): the handbook's speed at 1×, 10× and 100× the real data, in one run.

For each scale: generate the dataset (bench/synth.py), capture the baseline project (bench/baseline.py), then
repeat, rotating the order so that a busy moment of the shared machine does not hit one step only:
the checker, our site build, the plain Material build of the same pages, the PDF and the offline zip. Then the
live preview: time from a one-file data edit to the served page showing it. Medians, with min–max; peak
memory per process. A target that is missed gets a profile (cProfile, grouped by package) in the results.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from . import baseline, synth
from .measure import ENV, ROOT, Failed, Run, compile_our_code, measured, preview_edits

PY = sys.executable
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
DEFAULT_REPS = {1: 5, 10: 3, 100: 3}
DEFAULT_SLOW_REPS = {1: 5, 10: 3, 100: 1}  # PDF and live preview: minutes per run at 100×
GROWTH_STEPS = ("check", "build", "baseline", "pdf")
SLOW = ("pdf", "full", "full-edit")
YEARS = 12  # budget years 2015-2026: the agreement's age when the handbook is brought up to date in 2026
PARTY = "nacka"  # the party file the preview test and the rebuild after an edit change
COLD = {"HANDBOK_PDF_CACHE": ""}  # no PDF from an earlier build: every PDF is rendered

TARGETS = {
    "check": "Kontrollen vid 100× under 2 s",
    "overhead": "Vårt lager högst 20 % över Material-bygget av samma sidor, vid varje skala",
    "growth": "Bygget vid 100× högst 11 × bygget vid 10×",
    "full": "Verklig data: hela bygget med PDF under 4 s",
    "preview": "Verklig data: från dataändring till uppdaterad förhandsvisning under 2 s",
}


@dataclass
class Scale:
    k: int
    size: dict
    runs: dict[str, list[Run]] = field(default_factory=dict)
    first_preview_build: float | None = None

    def median(self, step: str) -> float | None:
        runs = self.runs.get(step)
        return statistics.median(r.seconds for r in runs) if runs else None

    def peak(self, step: str) -> float | None:
        runs = self.runs.get(step)
        return max(r.peak_mb for r in runs) if runs else None

    def full(self) -> float | None:
        """The whole `nox -s build` (python -m macros build): measured as one command where it was run,
        else site + PDF + offline zip added up per repetition; the median."""
        if self.runs.get("full"):
            return self.median("full")
        parts = [self.runs.get(s) for s in ("build", "pdf", "zip") if s in self.runs]
        if not self.runs.get("build") or not self.runs.get("pdf"):
            return None
        n = min(len(p) for p in parts)
        return statistics.median(sum(p[i].seconds for p in parts) for i in range(n))


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
    profiles = {} if args.no_profile else _profile_misses(verdicts, results, work)
    events = {} if args.no_profile else _event_times(verdicts, results, work)
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


def _steps(k: int, work: Path, data: Path, base_config: Path) -> dict[str, tuple[list[str], dict]]:
    env = {"HANDBOK_DATA": str(data)}
    steps = {
        "check": ([PY, "-m", "macros", "check", str(data)], {}),
        "build": ([PY, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(work / "site")], env),
        "baseline": (
            [PY, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(base_config), "-d", str(work / "site-baseline")],
            {},
        ),
    }
    commands = _commands()
    if "pdf" in commands:
        steps["pdf"] = ([PY, "-m", "macros", "pdf", str(data), "--out", str(work / "pdf")], COLD)
    if importlib.util.find_spec("macros.offline"):
        archive = (
            "import sys, pathlib; from macros.offline import write_archive; "
            "write_archive(*map(pathlib.Path, sys.argv[1:]))"
        )
        steps["zip"] = ([PY, "-c", archive, str(work / "site"), str(data)], {})
    if "build" in commands and k == 1:  # the target's step, as nox -s build runs it
        build = [PY, "-m", "macros", "build", str(data), "--out", str(work / "full")]
        steps["full"] = (build, COLD)
        steps["full-edit"] = (build, {"HANDBOK_PDF_CACHE": str(work / "pdf-cache")})
    if k == 1:  # what mkdocs-macros alone costs: the baseline plus the plugin with an empty module
        steps["macros-only"] = (
            [
                PY,
                "-m",
                "mkdocs",
                "build",
                "--strict",
                "-q",
                "-f",
                str(_macros_only(base_config)),
                "-d",
                str(work / "site-macros-only"),
            ],
            {},
        )
    return steps


def _macros_only(base_config: Path) -> Path:
    import yaml

    module = base_config.parent / "tom_makromodul.py"
    module.write_text("def define_env(env):\n    pass\n", encoding="utf-8")
    config = yaml.safe_load(base_config.read_text(encoding="utf-8"))
    config["plugins"] = [
        *config["plugins"],
        {"macros": {"module_name": str(module.with_suffix("")), "on_error_fail": True, "on_undefined": "strict"}},
    ]
    path = base_config.with_name("mkdocs-macros-only.yml")
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _commands() -> str:
    """The subcommands of python -m macros (the PDF and build steps arrived while this was written)."""
    return subprocess.run([PY, "-m", "macros", "--help"], cwd=ROOT, capture_output=True, text=True).stdout


def _measure_scale(k: int, work: Path, reps: int, slow_reps: int, years: int = 1) -> Scale:
    print(f"\n== {k}× ==", flush=True)
    work.mkdir(parents=True, exist_ok=True)
    data = synth.generate(k, work / "data", years=years)
    scale = Scale(k, synth.size(data))
    print(f"data: {scale.size}", flush=True)
    base_config = baseline.project(baseline.capture(data, work), work)
    steps = _steps(k, work, data, base_config)
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
        runs, first = preview_edits(data, PARTY, slow_reps, timeout=max(120.0, 4 * (scale.median("build") or 30)))
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
    path = data / "parter" / f"{PARTY}.yaml"
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(re.sub(r"^namn: (.+)$", r"namn: \1 (ändrad)", original, count=1, flags=re.M), encoding="utf-8")
        _time(scale, "full-edit", cmd, env)
    finally:
        path.write_text(original, encoding="utf-8")


def _time(scale: Scale, step: str, cmd: list[str], env: dict) -> None:
    run = measured(cmd, env)
    scale.runs.setdefault(step, []).append(run)
    print(f"  {step:9} {run.seconds:8.2f} s {run.peak_mb:8.0f} MB", flush=True)


# --- Verdicts -------------------------------------------------------------------------------------------------


def evaluate(results: list[Scale]) -> dict[str, tuple[bool | None, str]]:
    by_k = {s.k: s for s in results}
    out: dict[str, tuple[bool | None, str]] = {}
    if 100 in by_k:
        t = by_k[100].median("check")
        out["check"] = (t < 2.0, f"{t:.2f} s")
    over = [(s.k, s.median("build") / s.median("baseline") - 1) for s in results if s.median("baseline")]
    if over:
        out["overhead"] = (all(o <= 0.20 for _, o in over), ", ".join(f"{k}×: {o:+.0%}" for k, o in over))
    if 10 in by_k and 100 in by_k:
        g = by_k[100].median("build") / by_k[10].median("build")
        out["growth"] = (g <= 11, f"{g:.1f} ×")
    if 1 in by_k:
        full = by_k[1].full()
        edit = by_k[1].median("full-edit")
        after = "" if edit is None else f" (efter en ändring i en partfil, med PDF-cachen: {edit:.2f} s)"
        out["full"] = (None, "ingen PDF-körning") if full is None else (full < 4.0, f"{full:.2f} s{after}")
        p = by_k[1].median("preview")
        out["preview"] = (None, "ej mätt") if p is None else (p < 2.0, f"{p:.2f} s")
    return out


def _profile_misses(verdicts, results: list[Scale], work: Path) -> dict[str, str]:
    """One cProfile run of the step behind each missed target, summarised by package and by function."""
    by_k = {s.k: s for s in results}
    wanted = []
    if verdicts.get("check", (True,))[0] is False:
        wanted.append(("check", 100))
    if verdicts.get("growth", (True,))[0] is False:
        wanted.append(("build", max(by_k)))
    for s in results:  # where our layer costs more than 20 %: ours and the baseline, side by side
        if s.median("baseline") and s.median("build") / s.median("baseline") - 1 > 0.20:
            wanted += [("build", s.k), ("baseline", s.k)]
    if verdicts.get("full", (True,))[0] is False:
        wanted += [("build", 1), ("pdf", 1)]
    out = {}
    for step, k in dict.fromkeys(wanted):
        w = work / f"x{k}"
        base_config = w / "baseline" / "mkdocs.yml"
        cmd, env = _steps(k, w, w / "data", base_config)[step]
        if step == "pdf":
            shutil.rmtree(w / "pdf", ignore_errors=True)
        prof = w / f"{step}.prof"
        profiled = [PY, "-m", "cProfile", "-o", str(prof), *cmd[1:]]
        try:
            measured(profiled, env)
        except Failed as exc:
            out[f"{step} {k}×"] = f"profilering misslyckades: {exc}"
            continue
        out[f"{step} {k}×"] = summarise(prof)
    return out


EVENT_REPS = 5


def _event_times(verdicts, results: list[Scale], work: Path) -> dict[int, str]:
    """Where a scale's overhead goes: bench/events.py on our build and the baseline, in turns; medians in ms."""
    out = {}
    for s in results:
        if not s.median("baseline") or s.median("build") / s.median("baseline") - 1 <= 0.20 or s.k > 10:
            continue
        w = work / f"x{s.k}"
        ours_cmd, ours_env = _steps(s.k, w, w / "data", w / "baseline" / "mkdocs.yml")["build"]
        base_cmd, _ = _steps(s.k, w, w / "data", w / "baseline" / "mkdocs.yml")["baseline"]
        runs: dict[str, list[dict]] = {"ours": [], "base": []}
        for _ in range(EVENT_REPS):
            runs["ours"].append(_events([PY, "-m", "bench.events", "--time-imports", *ours_cmd[3:]], ours_env))
            runs["base"].append(_events([PY, "-m", "bench.events", *base_cmd[3:]], {}))
        out[s.k] = event_table(runs["ours"], runs["base"])
    return out


def _events(cmd: list[str], env: dict) -> dict[str, float]:
    import json

    proc = subprocess.run(cmd, cwd=ROOT, env={**ENV, **env}, capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def event_table(ours: list[dict], base: list[dict]) -> str:
    def med(runs: list[dict], key: str) -> float:
        return statistics.median(r.get(key, 0.0) for r in runs) * 1000

    keys = sorted({k for r in ours + base for k in r} - {"total"}, key=lambda k: -med(ours, k))
    lines = [
        f"Median av {len(ours)} körningar av `python -m bench.events` (vårt bygge och Material-bygget turvis), "
        "millisekunder. `data:` ligger inom händelsen som först läser datan (config:macros eller "
        "config:macros/mkdocs_hooks.py) och räknas inte två gånger i summan.",
        "",
        "| Händelse eller import | Vårt bygge ms | Material-bygget ms | Skillnad ms |",
        "|---|--:|--:|--:|",
    ]
    for k in keys:
        a, b = med(ours, k), med(base, k)
        if max(a, b) >= 1:
            lines.append(f"| `{k}` | {a:.0f} | {b:.0f} | {a - b:+.0f} |")
    a, b = med(ours, "total"), med(base, "total")
    counted = sum(med(ours, k) - med(base, k) for k in keys if not k.startswith("data:"))
    lines += [
        f"| **hela körningen** | {a:.0f} | {b:.0f} | {a - b:+.0f} |",
        "",
        f"Händelserna och importerna förklarar {counted:.0f} ms av skillnaden på {a - b:.0f} ms; resten är MkDocs och "
        "Material som gör mer av samma sak (större sidor med termlänkar, skräpsamling i annan takt).",
    ]
    return "\n".join(lines)


def summarise(prof: Path, top: int = 12) -> str:
    stats = pstats.Stats(str(prof))
    total = sum(v[2] for v in stats.stats.values())  # tottime over all functions = profiled time
    packages: dict[str, float] = {}
    for (filename, _line, _name), (_cc, _nc, tt, _ct, _callers) in stats.stats.items():
        packages[_package(filename)] = packages.get(_package(filename), 0.0) + tt
    lines = [
        f"Profilerad tid {total:.2f} s (cProfile gör allt långsammare; andelarna är det som räknas).",
        "",
        "| Paket | Egen tid | Andel |",
        "|---|--:|--:|",
    ]
    for pkg, tt in sorted(packages.items(), key=lambda kv: -kv[1])[:top]:
        lines.append(f"| {pkg} | {tt:.2f} s | {tt / total:.0%} |")
    ours = [
        (ct, filename, line, name)
        for (filename, line, name), (_cc, _nc, _tt, ct, _cl) in stats.stats.items()
        if ("mkdocs_macros" in filename or filename.startswith(str(ROOT / "macros"))) and not name.startswith("<")
    ]
    if ours:
        lines += ["", "| Vårt lager och mkdocs-macros (kumulativ tid) | Tid |", "|---|--:|"]
        lines += [
            f"| `{_short(f)}:{line} {name}` | {ct:.2f} s |" for ct, f, line, name in sorted(ours, reverse=True)[:top]
        ]
    lines += ["", "| Funktion (kumulativ tid) | Tid |", "|---|--:|"]
    ranked = sorted(stats.stats.items(), key=lambda kv: -kv[1][3])
    shown = 0
    for (filename, line, name), (_cc, _nc, _tt, ct, _callers) in ranked:
        if name.startswith("<") or "runpy" in filename or "click" in filename or filename == "~":
            continue
        lines.append(f"| `{_short(filename)}:{line} {name}` | {ct:.2f} s |")
        shown += 1
        if shown == top:
            break
    return "\n".join(lines)


def _package(filename: str) -> str:
    if "site-packages/" in filename:
        rest = filename.split("site-packages/", 1)[1]
        first = rest.split("/", 1)[0]
        if first == "material" and "/templates/" in rest:
            return "material (Jinja-mallar)"
        return first.removesuffix(".py")
    if filename.startswith(str(ROOT)):
        return Path(filename).relative_to(ROOT).parts[0] + " (vårt)"
    if filename == "~":
        return "inbyggt (C)"
    return "python (standardbibliotek)"


def _short(filename: str) -> str:
    if "site-packages/" in filename:
        return filename.split("site-packages/", 1)[1]
    if filename.startswith(str(ROOT)):
        return str(Path(filename).relative_to(ROOT))
    return Path(filename).name


# --- Report ---------------------------------------------------------------------------------------------------


def _fmt(runs: list[Run] | None) -> str:
    if not runs:
        return "–"
    values = [r.seconds for r in runs]
    med = statistics.median(values)
    return f"{med:.2f}" if len(values) == 1 else f"{med:.2f} ({min(values):.2f}–{max(values):.2f})"


def _mb(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def table(results: list[Scale]) -> str:
    steps = [
        ("check", "Kontroll"),
        ("build", "Bygge (vårt)"),
        ("baseline", "Material-bygge"),
        ("pdf", "PDF"),
        ("zip", "Offline-zip"),
        ("full", "python -m macros build"),
        ("full-edit", "Samma efter en ändring"),
        ("preview", "Ändring → förhandsvisning"),
    ]
    head = "| Skala | " + " | ".join(f"{label} s" for _, label in steps) + " | Hela bygget s | Överskott |"
    lines = [head, "|---" * (len(steps) + 3) + "|"]
    for s in results:
        over = f"{s.median('build') / s.median('baseline') - 1:+.0%}" if s.median("baseline") else "–"
        full = s.full()
        lines.append(
            f"| {s.k}× | "
            + " | ".join(_fmt(s.runs.get(step)) for step, _ in steps)
            + f" | {'–' if full is None else f'{full:.2f}'} | {over} |"
        )
    lines += [
        "",
        "Högsta minne (MB, största process i steget):",
        "",
        "| Skala | " + " | ".join(label for _, label in steps) + " |",
        "|---" * (len(steps) + 1) + "|",
    ]
    for s in results:
        lines.append(f"| {s.k}× | " + " | ".join(_mb(s.peak(step)) for step, _ in steps) + " |")
    if any(not s.runs.get("full") and s.full() for s in results):
        lines += [
            "",
            "Hela bygget: uppmätt `python -m macros build` där det kördes (1×), annars webbplatsen, PDF-filerna och "
            "arkivet i följd: en övre gräns, eftersom `python -m macros build` gör webbplatsen och PDF-filerna "
            "samtidigt.",
        ]
    if any(s.runs.get("full-edit") for s in results):
        lines += [
            "",
            "Samma efter en ändring: datan ligger här utanför git, så revisionen som varje PDF visar är densamma före "
            "och efter ändringen. I en git-utcheckning ändras den vid den första ändringen efter en incheckning och "
            "vid varje ny incheckning; då görs alla PDF-filer om, som i det kalla bygget, och därefter som här.",
        ]
    for s in results:
        if s.runs.get("macros-only"):
            lines += [
                "",
                f"Vid {s.k}×: Material-bygget med mkdocs-macros men utan data och makron (vad insticksmodulen "
                f"själv kostar): {_fmt(s.runs['macros-only'])} s, "
                f"{s.median('macros-only') / s.median('baseline') - 1:+.0%} mot Material-bygget.",
            ]
    by_k = {s.k: s for s in results}
    if 10 in by_k and 100 in by_k:
        a, b = by_k[10], by_k[100]
        lines += [
            "",
            "Tillväxt från 10× till 100× (data och tider):",
            "",
            "| Filer | kB data | Kontroll | Bygge (vårt) | Material-bygge | PDF |",
            "|--:|--:|--:|--:|--:|--:|",
            "| "
            + " | ".join(
                [
                    _ratio(b.size["filer"], a.size["filer"]),
                    _ratio(b.size["kB"], a.size["kB"]),
                    *(_ratio(b.median(st), a.median(st)) for st in GROWTH_STEPS),
                ]
            )
            + " |",
        ]
    return "\n".join(lines)


def _ratio(x: float | None, y: float | None) -> str:
    return "–" if not x or not y else f"{x / y:.1f} ×"


def machine() -> list[str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem = next(
        (
            int(line.split()[1]) // 1024 // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    packages = [
        "mkdocs",
        "mkdocs-material",
        "mkdocs-macros-plugin",
        "pymdown-extensions",
        "markdown",
        "jinja2",
        "jsonschema",
        "jsonschema-rs",
        "pyyaml",
        "typst",
    ]
    versions = ", ".join(f"{p} {_version(p)}" for p in packages)
    import yaml

    rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return [
        f"- Processor: {cpu}, {os.cpu_count()} kärnor; minne {mem} GB; {platform.platform()}",
        f"- Python {platform.python_version()}; {versions}; libyaml {'ja' if yaml.__with_libyaml__ else 'nej'}",
        f"- Kod: {rev.stdout.strip() or 'okänd'}",
    ]


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "saknas"


def report(results, verdicts, profiles, events, started, load_before, load_after, argv) -> str:
    mark = {True: "uppfyllt", False: "**inte uppfyllt**", None: "ej mätt"}
    lines = [
        "# Prestanda: kontroll, bygge, PDF och förhandsvisning vid 1×, 10× och 100× data",
        "",
        "Skrivet av `nox -s bench` (`python -m bench`); skriv inte för hand. Vad som mäts och varför står i "
        "[bench/README.md](README.md).",
        "",
        f"Körd {started:%Y-%m-%d %H:%M} UTC med `python -m bench {' '.join(argv)}`.".replace("  ", " "),
        "",
        "## Maskinen",
        "",
        *machine(),
        f"- Belastning (load average 1/5/15 min) före: {' / '.join(f'{x:.1f}' for x in load_before)}, "
        f"efter: {' / '.join(f'{x:.1f}' for x in load_after)}. Maskinen delas med andra byggen och tester: "
        "därför jämförs tider från samma körning, som median, med min–max inom parentes.",
        "",
        "## Data",
        "",
        "| Skala | Parter | Varav kommuner | Forum | Budgetår | Filer | kB |",
        "|---|--:|--:|--:|--:|--:|--:|",
        *(
            f"| {s.k}× | {s.size['parter']} | {s.size['kommuner']} | {s.size['forum']} | {s.size['budgetar']} | "
            f"{s.size['filer']} | {s.size['kB']} |"
            for s in results
        ),
        "",
        "## Tider (sekunder, median och min–max)",
        "",
        table(results),
        "",
        "## Målen",
        "",
        "| Mål | Mätt | Resultat |",
        "|---|---|---|",
        *(f"| {TARGETS[key]} | {value} | {mark[ok]} |" for key, (ok, value) in verdicts.items()),
        "",
    ]
    if any(s.first_preview_build for s in results):
        lines += [
            "Förhandsvisningens första bygge (start av `mkdocs serve` tills sidan svarar): "
            + ", ".join(f"{s.k}×: {s.first_preview_build:.1f} s" for s in results if s.first_preview_build)
            + ".",
            "",
        ]
    lines += explanations(verdicts, results, events)
    for k, table_text in events.items():
        lines += [f"## Var tiden går vid {k}×: tid per händelse", "", table_text, ""]
    if profiles:
        lines += ["## Profiler för mål som inte nåddes", ""]
        for name, text in profiles.items():
            lines += [f"### {name}", "", text, ""]
    return "\n".join(lines).rstrip() + "\n"


def explanations(verdicts, results: list[Scale], events: dict[int, str]) -> list[str]:
    """Why a missed target is not met in this stack: what the measurements and profiles below show."""
    by_k = {s.k: s for s in results}
    out: list[str] = []
    if verdicts.get("overhead", (True,))[0] is False:
        missed = [s for s in results if s.median("baseline") and s.median("build") / s.median("baseline") - 1 > 0.20]
        met = [s for s in results if s.median("baseline") and s not in missed]
        one = by_k.get(1)
        text = [
            "## Varför överskottet inte ryms inom 20 % vid " + ", ".join(f"{s.k}×" for s in missed),
            "",
            "Vårt lager är mkdocs-macros plus det som gör handboken till handbok: datan läses och kontrolleras i "
            "varje bygge (felaktig data får aldrig bli en webbplats), blir en modell, sidorna renderas från den och "
            "ordlistans termer länkas på varje sida.",
        ]
        if one and one.median("macros-only") and one.median("baseline"):
            share = one.median("macros-only") / one.median("baseline") - 1
            text[-1] += (
                f" Vid 1× kostar mkdocs-macros ensam {share:+.0%} (Material-bygget med insticksmodulen och en tom "
                "makromodul: dess import av bland annat requests, dess git-anrop för variabeln `git` och en "
                f"Jinja-mall per sida), {max(share, 0) / 0.20:.0%} av marginalen på 20 %, innan något av vårt eget "
                "arbete har börjat."
            )
        if 1 in events:
            text += [
                "",
                "Tabellen *Var tiden går vid 1×* nedan visar resten, händelse för händelse: importen av vår kod "
                "(`import:macros`), inläsningen och kontrollen av datan (`data:`), renderingen av sidorna från "
                "modellen (`page_markdown`, `files`) och termlänkarna (`page_content`). Var och en är några "
                "hundradelar av en sekund och ingen av dem går att ta bort utan att ta bort en funktion: "
                "Material-bygget av de 55 sidorna tar under en sekund, så varje hundradel är en procentenhet.",
            ]
        if met:
            text += [
                "",
                "Vid "
                + ", ".join(f"{s.k}× ({s.median('build') / s.median('baseline') - 1:+.0%})" for s in met)
                + " ryms överskottet: där är det Markdown, mallar och sökindex i Material som dominerar, och "
                "mkdocs-macros fasta kostnad är liten i förhållande till bygget.",
            ]
        text += [
            "",
            "Det som skulle nå målet vid 1× ändrar hur handboken byggs, inte hur snabbt: en liten egen hook i stället "
            "för mkdocs-macros (som användaren valt), eller ett bygge som litar på en kontroll som redan körts.",
            "",
        ]
        out += text
    if verdicts.get("full", (True,))[0] is False:
        one = by_k.get(1)
        pdf = one.median("pdf") if one else None
        site = one.median("build") if one else None
        out += [
            "## Varför hela bygget med PDF inte ryms inom 4 s",
            "",
            (
                f"PDF-steget ensamt tar {pdf:.1f} s och webbplatsen {site:.1f} s med verklig data. "
                if pdf and site
                else ""
            )
            + "`python -m macros build` gör dem samtidigt, PDF-filerna i en process medan MkDocs bygger i en "
            "annan: på två kärnor är den kortaste tiden ungefär det längsta av stegen, plus arkivet. Typst skriver "
            "de 38 dokumenten på under en sekund processortid, så det är webbplatsen som avgör. Blir maskinen "
            "upptagen av annat når bygget inte under 4 s; med PDF-cachen (oförändrade PDF-filer återanvänds) görs "
            "efter en ändring bara överenskommelsen och den ändrade partens blad om.",
            "",
        ]
    return out
