"""The coordinators' command line. Output and messages are Swedish; exit 1 means errors in the data."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import pipeline
from .problems import errors, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description="Verktyg för samverkanshandbokens data.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="kontrollera all data och skriv ut alla problem")
    check.add_argument("data_dir", nargs="?", default="data", help="mappen med data (standard: data)")
    check.add_argument(
        "--format", choices=["text", "github"], default="text", help="github skriver anteckningar för GitHub Actions"
    )
    pdf = commands.add_parser("pdf", help="skriv överenskommelsen och ett blad per part som PDF")
    pdf.add_argument("data_dir", nargs="?", default="data", help="mappen med data (standard: data)")
    pdf.add_argument("--out", default="site", help="mappen att skriva PDF-filerna i (standard: site)")
    build = commands.add_parser("build", help="bygg webbplatsen, PDF-filerna och arkivet för läsning utan nät")
    build.add_argument("data_dir", nargs="?", default="data", help="mappen med data (standard: data)")
    build.add_argument("--out", required=True, help="mappen att bygga till")
    _add_new(commands)
    _add_diff(commands)
    args = parser.parse_args(argv)
    if args.command == "check":
        return _check(Path(args.data_dir), args.format)
    if args.command == "pdf":
        from .pdf.build import run  # imports WeasyPrint, which only this command needs

        return run(Path(args.data_dir), Path(args.out))
    if args.command == "build":
        from .publish import build

        return build(Path(args.out), Path(args.data_dir))
    if args.command == "new":
        return _new(args.sort, args.id, Path(args.data), args.kategori)
    if args.command == "diff":
        return _diff(args.base, args.head, Path(args.data))
    return 2


def _check(data_dir: Path, fmt: str) -> int:
    _handbok, problems = pipeline.check(data_dir)
    for problem in problems:
        print(problem.format_github() if fmt == "github" else problem.format())
    print(summary(problems), file=sys.stderr if fmt == "github" else sys.stdout)
    return 1 if errors(problems) else 0


def _add_new(commands) -> None:
    from .model import KATEGORIER

    new = commands.add_parser("new", help="skapa en ny fil för en part eller ett forum, med rader att fylla i")
    new.add_argument("sort", choices=["party", "part", "forum"], help="party (eller part) eller forum")
    new.add_argument("id", help="id:t, till exempel nya-kommunen; blir filnamnet")
    new.add_argument(
        "--kategori",
        choices=[k for k in KATEGORIER if k != "alla"],
        help="partens kategori; för kommun fylls rader för kommunkod och folkmängd i",
    )
    new.add_argument("--data", default="data", help="mappen med data (standard: data)")


def _new(sort: str, ident: str, data_dir: Path, kategori: str | None) -> int:
    from .scaffold import FYLL_I, ScaffoldError, new

    try:
        made = new(sort, ident, data_dir, kategori)
    except ScaffoldError as exc:
        print(f"fel: {exc}", file=sys.stderr)
        return 1
    print(f"Skapade {made.path}. Fyll i raderna som är märkta {FYLL_I} och kör python -m macros check.")
    print("Skriv också in beslutet bakom ändringen i data/beslut.yaml.")
    return 0


def _add_diff(commands) -> None:
    diff = commands.add_parser(
        "diff",
        help="visa vad en ändring gör med handboken, som Markdown",
        description="Jämför datan i två Git-revisioner. Utan HEAD jämförs med "
        "arbetskopian, alltså även ändringar som inte är incheckade.",
    )
    diff.add_argument("base", help="revisionen före ändringen, till exempel main eller origin/main")
    diff.add_argument("head", nargs="?", help="revisionen efter ändringen (standard: arbetskopian)")
    diff.add_argument("--data", default="data", help="mappen med data (standard: data)")


def _diff(base: str, head: str | None, data_dir: Path) -> int:
    from .diff import DiffError, compare, load_revision
    from .render.andringar import sammanfattning

    try:
        old = load_revision(data_dir, base)
        new = load_revision(data_dir, head)
    except DiffError as exc:
        print(f"fel: {exc}", file=sys.stderr)
        for problem in exc.problems:
            print(problem.format(), file=sys.stderr)
        return 1
    print(sammanfattning(compare(old, new), old, new, base, head or "arbetskopian"), end="")
    return 0
