"""Where the time goes for a missed target: one cProfile run of the step behind it, grouped by package, and
for a missed overhead at 1× or 10× the time of every plugin and hook event (bench/events.py), ours next to the
baseline's."""

from __future__ import annotations

import json
import pstats
import shutil
import statistics
import subprocess
from pathlib import Path

from .measure import ENV, ROOT, Failed, measured
from .scale import Scale
from .steps import PY, commands
from .verdicts import over_limit


def profile_misses(verdicts, results: list[Scale], work: Path) -> dict[str, str]:
    """One cProfile run of the step behind each missed target, summarised by package and by function."""
    by_k = {s.k: s for s in results}
    wanted = []
    if verdicts.get("check", (True,))[0] is False:
        wanted.append(("check", 100))
    if verdicts.get("growth", (True,))[0] is False:
        wanted.append(("build", max(by_k)))
    for s in results:  # where our layer costs more than the target allows: ours and the baseline, side by side
        if over_limit(s):
            wanted += [("build", s.k), ("baseline", s.k)]
    if verdicts.get("full", (True,))[0] is False:
        wanted += [("build", 1), ("pdf", 1)]
    out = {}
    for step, k in dict.fromkeys(wanted):
        w = work / f"x{k}"
        base_config = w / "baseline" / "mkdocs.yml"
        cmd, env = commands(k, w, w / "data", base_config)[step]
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


def event_times(verdicts, results: list[Scale], work: Path) -> dict[int, str]:
    """Where a scale's overhead goes: bench/events.py on our build and the baseline, in turns; medians in ms."""
    out = {}
    for s in results:
        if not over_limit(s) or s.k > 10:
            continue
        w = work / f"x{s.k}"
        steps = commands(s.k, w, w / "data", w / "baseline" / "mkdocs.yml")
        ours_cmd, ours_env = steps["build"]
        base_cmd, _ = steps["baseline"]
        runs: dict[str, list[dict]] = {"ours": [], "base": []}
        for _ in range(EVENT_REPS):
            runs["ours"].append(_events([PY, "-m", "bench.events", "--time-imports", *ours_cmd[3:]], ours_env))
            runs["base"].append(_events([PY, "-m", "bench.events", *base_cmd[3:]], {}))
        out[s.k] = event_table(runs["ours"], runs["base"])
    return out


def _events(cmd: list[str], env: dict) -> dict[str, float]:
    proc = subprocess.run(cmd, cwd=ROOT, env={**ENV, **env}, capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def event_table(ours: list[dict], base: list[dict]) -> str:
    def med(runs: list[dict], key: str) -> float:
        return statistics.median(r.get(key, 0.0) for r in runs) * 1000

    keys = sorted({k for r in ours + base for k in r} - {"total"}, key=lambda k: -med(ours, k))
    lines = [
        f"Median av {len(ours)} körningar av `python -m bench.events` (vårt bygge och Material-bygget turvis), "
        "millisekunder. `data:` ligger inom händelsen som först läser datan (config:macros eller "
        "config:macros/site/hooks.py) och räknas inte två gånger i summan.",
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
