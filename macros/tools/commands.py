"""Each command of ``python -m macros`` but serve: its arguments (``add_*``) and what runs it (``run_*``, which
returns the exit code). The work itself is in the modules named for it (publish, scaffold, diff, folkmangd)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core import pipeline
from ..core.exitcodes import DATA, OK, fail
from ..core.problems import errors, summary
from .environment import require_pdf_engine, require_space
from .usage import add_data


def add_check(commands) -> None:
    check = commands.add_parser("check", help="kontrollera all data och skriv ut alla problem")
    add_data(check, old_positional=True)
    check.add_argument(
        "--format", choices=["text", "github"], default="text", help="github skriver anteckningar för GitHub Actions"
    )
    check.add_argument(
        "--bas",
        metavar="REVISION",
        help="med --format github: först det som står i filerna som ändrats sedan REVISION, sedan en samlad "
        "notis för varningar i andra filer",
    )


def run_check(args: argparse.Namespace) -> int:
    _handbok, problems = pipeline.check(Path(args.data))
    if args.format == "github":
        lines = [problem.format_github() for problem in problems]
        if args.bas:
            from .github import annotations, changed_files, repo_top

            top = repo_top(Path(args.data))
            lines = annotations(problems, changed_files(top, args.bas), top)
    else:
        lines = [problem.format() for problem in problems]
    for line in lines:
        print(line)
    print(summary(problems), file=sys.stderr if args.format == "github" else sys.stdout)
    return DATA if errors(problems) else OK


def add_pdf(commands) -> None:
    pdf = commands.add_parser("pdf", help="skriv överenskommelsen och ett blad per part som PDF")
    add_data(pdf, old_positional=True)
    pdf.add_argument("--out", default="site", help="mappen att skriva PDF-filerna i (standard: site)")


def run_pdf(args: argparse.Namespace) -> int:
    _require_pdf_machine(Path(args.out))
    from .publish import pdfs_only

    return pdfs_only(Path(args.data), Path(args.out))


def add_build(commands) -> None:
    build = commands.add_parser("build", help="bygg webbplatsen, PDF-filerna och arkivet för läsning utan nät")
    add_data(build, old_positional=True)
    build.add_argument("--out", default="site", help="mappen att bygga till (standard: site)")
    build.add_argument(
        "--builder",
        choices=["mkdocs", "zensical"],
        default="mkdocs",
        help="webbplatsbyggaren: mkdocs (standard) eller zensical (kräver beroendegruppen zensical)",
    )


def run_build(args: argparse.Namespace) -> int:
    _require_pdf_machine(Path(args.out))
    from .publish import build

    return build(Path(args.out), Path(args.data), args.builder)


def _require_pdf_machine(out: Path) -> None:
    """What the machine must have to write PDFs, said before anything is written."""
    require_pdf_engine()
    require_space(out)


def add_new(commands) -> None:
    from ..core.schemas import kategorier
    from .scaffold import SORTER

    new = commands.add_parser(
        "new", help="skapa en ny fil för en part, ett forum, en källa eller ett beslut, med rader att fylla i"
    )
    new.add_argument("sort", choices=list(SORTER), help="part, forum, kalla eller beslut")
    new.add_argument("id", help="id:t, till exempel nya-kommunen; blir filnamnet")
    new.add_argument(
        "--kategori",
        choices=kategorier(),
        help="partens kategori; för kommun fylls rader för kommunkod och folkmängd i",
    )
    new.add_argument(
        "--ansluten",
        type=_iso_date,
        help="första dagen som part, ÅÅÅÅ-MM-DD; folkmängd efterfrågas bara för budgetåren från den dagen",
    )
    add_data(new)


def run_new(args: argparse.Namespace) -> int:
    from .scaffold import FYLL_I, ScaffoldError, new

    try:
        made = new(args.sort, args.id, Path(args.data), args.kategori, args.ansluten)
    except ScaffoldError as exc:
        return fail(str(exc), DATA)
    print(f"Skapade {made.path}. Fyll i raderna som är märkta {FYLL_I} och kör python3 noxfile.py -s check.")
    if args.sort in ("part", "forum"):
        print("Skriv också in beslutet bakom ändringen: python3 noxfile.py -s new -- beslut ID.")
    return OK


def add_diff(commands) -> None:
    diff = commands.add_parser(
        "diff",
        help="visa vad en ändring gör med handboken, som Markdown",
        description="Jämför datan i två Git-revisioner. Utan HEAD jämförs med "
        "arbetskopian, alltså även ändringar som inte är incheckade.",
    )
    diff.add_argument("base", help="revisionen före ändringen, till exempel main eller origin/main")
    diff.add_argument("head", nargs="?", help="revisionen efter ändringen (standard: arbetskopian)")
    diff.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="github skriver en sammanfattning för GitHub Actions, med filerna utanför datan som ändras",
    )
    add_data(diff)


def run_diff(args: argparse.Namespace) -> int:
    from ..core.compare import compare
    from ..render.andringar import sammanfattning
    from . import github
    from .diff import DiffError, load_revision

    try:
        old = load_revision(Path(args.data), args.base)
        new = load_revision(Path(args.data), args.head)
    except DiffError as exc:
        if args.format == "github":  # the job summary says why, and the step fails
            print(github.failed(str(exc), exc.problems), end="")
            return exc.code
        fail(str(exc), exc.code)
        for problem in exc.problems:
            print(problem.format(), file=sys.stderr)
        return exc.code
    text = sammanfattning(compare(old, new), old, new, args.base, args.head or "arbetskopian")
    if args.format == "github":
        top = github.repo_top(Path(args.data))
        changed = github.changed_files(top, args.base, args.head)
        text += "\n" + github.outside_data(changed, github.in_repo(Path(args.data), top))
    print(text, end="")
    return OK


def add_folkmangd(commands) -> None:
    cmd = commands.add_parser(
        "folkmangd",
        help="lägg in folkmängden för ett datum från en tabell från SCB i varje kommuns fil",
        description="Läser en tabell som SCB:s Statistikdatabasen sparar den (CSV eller JSON-stat 2.0), "
        "matchar raderna på kommunkod och lägger till folkmängden med källa i varje kommuns fil. Bara de nya "
        "raderna skrivs; en siffra som redan finns ersätts aldrig.",
    )
    cmd.add_argument("fil", help="tabellen från SCB, .csv eller .json")
    cmd.add_argument("--datum", required=True, type=_iso_date, help="dagen som folkmängden gäller, ÅÅÅÅ-MM-DD")
    cmd.add_argument("--kalla", required=True, help="id för tabellens källa, en fil i data/kallor/")
    add_data(cmd)


def _iso_date(text: str) -> str:
    import datetime

    try:
        return datetime.date.fromisoformat(text).isoformat() if len(text) == 10 else _bad_date(text)
    except ValueError:
        return _bad_date(text)


def _bad_date(text: str) -> str:
    raise argparse.ArgumentTypeError(f"'{text}' är inget datum; skriv ÅÅÅÅ-MM-DD, till exempel 2025-06-30")


def run_folkmangd(args: argparse.Namespace) -> int:
    from .folkmangd import exit_code, importera, rapport

    result = importera(Path(args.fil), args.datum, args.kalla, Path(args.data))
    print(rapport(result, args.datum), end="")
    return exit_code(result)


def add_folkmangd_saknas(commands) -> None:
    cmd = commands.add_parser(
        "folkmangd-saknas",
        help="skriv uppgift_saknas med skälet för varje kommun som saknar folkmängd för ett budgetår",
        description="För varje kommun som är part under budgetåret och saknar folkmängd för dess underlagsdag "
        "skrivs en post med uppgift_saknas och skälet. Siffror och skäl som redan finns lämnas orörda.",
    )
    cmd.add_argument("--ar", required=True, type=_budget_year, help="budgetåret, till exempel 2026")
    cmd.add_argument("--skal", required=True, help="skälet, i en mening, till exempel var siffran har sökts")
    cmd.add_argument(
        "--kalla", action="append", default=[], help="id för en källa till det skälet säger (kan anges flera gånger)"
    )
    add_data(cmd)


def _budget_year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"'{text}' är inget budgetår; skriv året med fyra siffror, till exempel 2026")
    return int(text)


def run_folkmangd_saknas(args: argparse.Namespace) -> int:
    from .folkmangd_saknas import markera, rapport

    result = markera(args.ar, args.skal, args.kalla, Path(args.data))
    print(rapport(result, args.ar), end="")
    return OK
