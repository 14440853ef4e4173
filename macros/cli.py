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
    check.add_argument("--format", choices=["text", "github"], default="text",
                       help="github skriver anteckningar för GitHub Actions")
    pdf = commands.add_parser("pdf", help="skriv överenskommelsen och ett blad per part som PDF")
    pdf.add_argument("data_dir", nargs="?", default="data", help="mappen med data (standard: data)")
    pdf.add_argument("--out", default="site", help="mappen att skriva PDF-filerna i (standard: site)")
    args = parser.parse_args(argv)
    if args.command == "check":
        return _check(Path(args.data_dir), args.format)
    if args.command == "pdf":
        from .pdf.build import run  # imports WeasyPrint, which only this command needs

        return run(Path(args.data_dir), Path(args.out))
    return 2


def _check(data_dir: Path, fmt: str) -> int:
    _handbok, problems = pipeline.check(data_dir)
    for problem in problems:
        print(problem.format_github() if fmt == "github" else problem.format())
    print(summary(problems), file=sys.stderr if fmt == "github" else sys.stdout)
    return 1 if errors(problems) else 0
