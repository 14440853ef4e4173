"""The coordinators' command line. Output and messages are Swedish; the exit codes are in exitcodes.py.

Every failure ends as one Swedish line on stderr and a documented exit code, never a traceback: argparse's
own usage errors are translated, and an error of the machine (a full disk, a folder one may not write to)
is named as such.
"""

from __future__ import annotations

import argparse
import errno
import os
import re
import shlex
import sys
from pathlib import Path

from ..core import pipeline
from ..core.exitcodes import DATA, ENVIRONMENT, INTERNAL, OK, USAGE, CommandError, fail
from ..core.problems import errors, summary
from ..core.repo import CONFIG
from .environment import disk_full, require_pdf_engine, require_space

HELP_HINT = "skriv python -m macros --help för att se kommandona"


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "användning: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse in Swedish: the help's headings, and usage errors as one line with exit code 2 (USAGE)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, add_help=False, **{k: v for k, v in kwargs.items() if k != "add_help"})
        self._positionals.title, self._optionals.title = "argument", "flaggor"
        self.add_argument("-h", "--help", action="help", help="visa den här hjälpen och avsluta")

    def error(self, message: str):
        print(f"fel: {_swedish_usage(message)}; {HELP_HINT}", file=sys.stderr)
        raise SystemExit(USAGE)


# argparse's messages (Python 3.11–3.13) -> Swedish. Unknown ones are kept, after "fel i kommandot:".
_USAGE_MESSAGES = [
    (r"the following arguments are required: (.+)", "det här saknas i kommandot: {0}"),
    (r"argument (\S+): invalid choice: '?([^'(]*?)'? \(choose from (.+)\)", "{0} kan inte vara '{1}'; välj bland {2}"),
    (r"argument (\S+): expected one argument", "{0} behöver ett värde"),
    (r"argument (\S+): expected at most one argument", "{0} tar bara ett värde"),
    (r"unrecognized arguments: (.+)", "okänt i kommandot: {0}"),
    (r"argument (\S+): ignored explicit argument '(.*)'", "{0} tar inget värde, men fick '{1}'"),
    (r"ambiguous option: (\S+) could match (.+)", "{0} kan betyda flera saker: {1}"),
    (r"argument (\S+): invalid \S+ value: '(.*)'", "{0} kan inte vara '{1}'"),
    (r"argument (\S+): (.+)", "{0}: {1}"),  # our own ArgumentTypeError messages, already Swedish
]


def _swedish_usage(message: str) -> str:
    for pattern, swedish in _USAGE_MESSAGES:
        found = re.fullmatch(pattern, message.strip())
        if found:
            return swedish.format(*(g.replace("'", "") for g in found.groups()))
    return f"fel i kommandot ({message.strip()})"


def main(argv: list[str] | None = None) -> int:
    """Run one command; every failure becomes one Swedish line and an exit code from exitcodes.py."""
    try:
        return _main(argv)
    except SystemExit as exc:  # argparse: --help (0) or a usage error already printed (2)
        return exc.code if isinstance(exc.code, int) else USAGE
    except CommandError as exc:
        return fail(exc.message, exc.code)
    except KeyboardInterrupt:
        return fail("avbrutet", ENVIRONMENT)
    except OSError as exc:
        return fail(*os_error(exc))
    except RecursionError:
        return fail("uppgifterna är för djupt nästlade för programmet; förenkla filen som nämns ovan", DATA)
    except Exception as exc:  # a fault in the program itself: still one line, and how to see the details
        if os.environ.get("HANDBOK_DEBUG"):
            raise
        return fail(
            f"ett oväntat fel i programmet ({type(exc).__name__}: {exc}); kör igen med HANDBOK_DEBUG=1 "
            "för detaljerna och rapportera felet",
            INTERNAL,
        )


def os_error(exc: OSError) -> tuple[str, int]:
    """A Swedish sentence and exit code for an error of the file system."""
    where = f" ({exc.filename})" if exc.filename else ""
    if exc.errno == errno.ENOSPC or exc.errno == getattr(errno, "EDQUOT", None):
        return disk_full(exc.filename or "filen"), ENVIRONMENT
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"programmet får inte skriva eller läsa här{where}; välj en annan mapp eller ändra behörigheten", (
            ENVIRONMENT
        )
    if exc.errno == errno.ENOENT:
        return f"filen eller mappen finns inte{where}; kontrollera sökvägen", DATA
    if exc.errno == errno.ENOTDIR:
        return f"en del av sökvägen är en fil, inte en mapp{where}; kontrollera sökvägen", DATA
    if exc.errno == errno.EISDIR:
        return f"sökvägen är en mapp, inte en fil{where}; kontrollera sökvägen", DATA
    return f"filsystemet svarade med ett fel{where}: {exc.strerror or exc}; försök igen", ENVIRONMENT


def _main(argv: list[str] | None) -> int:
    parser = _Parser(prog="python -m macros", description="Verktyg för samverkanshandbokens data.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")
    check = commands.add_parser("check", help="kontrollera all data och skriv ut alla problem")
    _add_data(check, old_positional=True)
    check.add_argument(
        "--format", choices=["text", "github"], default="text", help="github skriver anteckningar för GitHub Actions"
    )
    pdf = commands.add_parser("pdf", help="skriv överenskommelsen och ett blad per part som PDF")
    _add_data(pdf, old_positional=True)
    pdf.add_argument("--out", default="site", help="mappen att skriva PDF-filerna i (standard: site)")
    build = commands.add_parser("build", help="bygg webbplatsen, PDF-filerna och arkivet för läsning utan nät")
    _add_data(build, old_positional=True)
    build.add_argument("--out", default="site", help="mappen att bygga till (standard: site)")
    build.add_argument(
        "--builder",
        choices=["mkdocs", "zensical"],
        default="mkdocs",
        help="webbplatsbyggaren: mkdocs (standard) eller zensical (kräver beroendegruppen zensical)",
    )
    _add_new(commands)
    _add_diff(commands)
    _add_folkmangd(commands)
    _add_serve(commands)
    argv = sys.argv[1:] if argv is None else list(argv)
    old = _old_kind(argv)
    if old:
        return fail(old, USAGE)
    args = parser.parse_args(argv)
    old = _old_form(args, argv)
    if old:
        return fail(old, USAGE)
    if args.command == "check":
        return _check(Path(args.data), args.format)
    if args.command in ("pdf", "build"):  # what the machine must have, said before anything is written
        require_pdf_engine()
        require_space(Path(args.out))
    if args.command == "pdf":
        from .publish import pdfs_only

        return pdfs_only(Path(args.data), Path(args.out))
    if args.command == "build":
        from .publish import build

        return build(Path(args.out), Path(args.data), args.builder)
    if args.command == "new":
        return _new(args.sort, args.id, Path(args.data), args.kategori)
    if args.command == "diff":
        return _diff(args.base, args.head, Path(args.data))
    if args.command == "serve":
        return _serve(args.adress, args.mkdocs, args.data)
    if args.command == "folkmangd":
        return _folkmangd(Path(args.fil), args.datum, args.kalla, Path(args.data))
    return USAGE


def _add_data(command, default: str | None = "data", old_positional: bool = False) -> None:
    """``--data MAPP``, the one way every command is told where the data is. ``old_positional``: the command
    once took the folder as a bare word (``check data``); that word is caught to say how to write it now."""
    command.add_argument("--data", default=default, metavar="MAPP", help="mappen med data (standard: data)")
    if old_positional:
        command.add_argument("old_data", nargs="?", help=argparse.SUPPRESS)


_VALUED = ("--data", "--out", "--format", "--builder", "--kategori")  # options whose next word is their value


def _old_form(args, argv: list[str]) -> str | None:
    """The fix, as the command to type, when ``argv`` names the data folder the old way, without --data
    (``check data``)."""
    if getattr(args, "old_data", None) is not None:
        if any(word == "--data" or word.startswith("--data=") for word in argv):
            return f"ange mappen bara en gång, med --data; ta bort '{args.old_data}' ur kommandot"
        fixed = list(argv)
        for i, word in enumerate(fixed):
            if i and word == args.old_data and fixed[i - 1] not in _VALUED:
                fixed[i : i + 1] = ["--data", word]
                break
        return f"ange mappen med --data: python -m macros {shlex.join(fixed)}"
    return None


def _old_kind(argv: list[str]) -> str | None:
    """The fix for ``new party ID``: the kind is spelled as its data folder's noun, ``part``."""
    if argv[:1] != ["new"]:
        return None
    for i, word in enumerate(argv[1:], 1):
        if word == "party" and argv[i - 1] not in _VALUED:
            return f"skriv part, inte party: python -m macros {shlex.join([*argv[:i], 'part', *argv[i + 1 :]])}"
        if not word.startswith("-") and argv[i - 1] not in _VALUED:
            return None  # the first positional word is the kind, and it is not party
    return None


def _check(data_dir: Path, fmt: str) -> int:
    _handbok, problems = pipeline.check(data_dir)
    for problem in problems:
        print(problem.format_github() if fmt == "github" else problem.format())
    print(summary(problems), file=sys.stderr if fmt == "github" else sys.stdout)
    return DATA if errors(problems) else OK


def _add_new(commands) -> None:
    from ..core.schemas import kategorier
    from .scaffold import SORTER

    new = commands.add_parser("new", help="skapa en ny fil för en part eller ett forum, med rader att fylla i")
    new.add_argument("sort", choices=list(SORTER), help="part eller forum")
    new.add_argument("id", help="id:t, till exempel nya-kommunen; blir filnamnet")
    new.add_argument(
        "--kategori",
        choices=kategorier(),
        help="partens kategori; för kommun fylls rader för kommunkod och folkmängd i",
    )
    _add_data(new)


def _new(sort: str, ident: str, data_dir: Path, kategori: str | None) -> int:
    from .scaffold import FYLL_I, ScaffoldError, new

    try:
        made = new(sort, ident, data_dir, kategori)
    except ScaffoldError as exc:
        print(f"fel: {exc}", file=sys.stderr)
        return DATA
    print(f"Skapade {made.path}. Fyll i raderna som är märkta {FYLL_I} och kör python -m macros check.")
    print("Skriv också in beslutet bakom ändringen i data/beslut.yaml.")
    return OK


def _add_diff(commands) -> None:
    diff = commands.add_parser(
        "diff",
        help="visa vad en ändring gör med handboken, som Markdown",
        description="Jämför datan i två Git-revisioner. Utan HEAD jämförs med "
        "arbetskopian, alltså även ändringar som inte är incheckade.",
    )
    diff.add_argument("base", help="revisionen före ändringen, till exempel main eller origin/main")
    diff.add_argument("head", nargs="?", help="revisionen efter ändringen (standard: arbetskopian)")
    _add_data(diff)


def _diff(base: str, head: str | None, data_dir: Path) -> int:
    from ..core.compare import compare
    from ..render.andringar import sammanfattning
    from .diff import DiffError, load_revision

    try:
        old = load_revision(data_dir, base)
        new = load_revision(data_dir, head)
    except DiffError as exc:
        print(f"fel: {exc}", file=sys.stderr)
        for problem in exc.problems:
            print(problem.format(), file=sys.stderr)
        return exc.code
    print(sammanfattning(compare(old, new), old, new, base, head or "arbetskopian"), end="")
    return OK


def _add_serve(commands) -> None:
    serve = commands.add_parser("serve", help="bygg och visa handboken i webbläsaren, och bygg om vid ändringar")
    serve.add_argument("--adress", default="127.0.0.1:8000", help="var sidorna visas (standard: 127.0.0.1:8000)")
    _add_data(serve, default=None)
    serve.add_argument("mkdocs", nargs=argparse.REMAINDER, help="fler flaggor till mkdocs serve")


def _serve(adress: str, extra: list[str], data_dir: str | None) -> int:
    """mkdocs serve, after a check that the address can be used: a busy port is a sentence, not a traceback."""
    import socket
    import subprocess

    host, _, port = adress.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        return fail(f"adressen '{adress}' går inte att använda; skriv den som 127.0.0.1:8000", USAGE)
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host.strip("[]"), int(port)))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return fail(
                    f"porten {port} används redan av ett annat program (kanske en förhandsvisning som redan är "
                    f"igång); stäng det eller välj en annan port, till exempel --adress {host}:{int(port) + 1}",
                    ENVIRONMENT,
                )
            return fail(f"adressen {adress} går inte att använda här ({exc.strerror}); välj en annan", ENVIRONMENT)
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", adress, "-f", str(CONFIG), *extra]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if data_dir is not None:  # another folder than data/ beside mkdocs.yml: build from it and watch it
        env["HANDBOK_DATA"] = str(Path(data_dir).resolve())
        command[4:4] = ["--watch", env["HANDBOK_DATA"]]
    try:
        return subprocess.call(command, env=env) and DATA
    except KeyboardInterrupt:  # Ctrl-C is how a preview ends
        return OK


def _add_folkmangd(commands) -> None:
    cmd = commands.add_parser(
        "folkmangd",
        help="lägg in folkmängden för ett datum från en tabell från SCB i varje kommuns fil",
        description="Läser en tabell som SCB:s Statistikdatabasen sparar den (CSV eller JSON-stat 2.0), "
        "matchar raderna på kommunkod och lägger till folkmängden med källa i varje kommuns fil. Bara de nya "
        "raderna skrivs; en siffra som redan finns ersätts aldrig.",
    )
    cmd.add_argument("fil", help="tabellen från SCB, .csv eller .json")
    cmd.add_argument("--datum", required=True, type=_iso_date, help="dagen som folkmängden gäller, ÅÅÅÅ-MM-DD")
    cmd.add_argument("--kalla", required=True, help="id för tabellens källa i data/kallor.yaml")
    _add_data(cmd)


def _iso_date(text: str) -> str:
    import datetime

    try:
        return datetime.date.fromisoformat(text).isoformat() if len(text) == 10 else _bad_date(text)
    except ValueError:
        return _bad_date(text)


def _bad_date(text: str) -> str:
    raise argparse.ArgumentTypeError(f"'{text}' är inget datum; skriv ÅÅÅÅ-MM-DD, till exempel 2025-06-30")


def _folkmangd(table: Path, datum: str, kalla: str, data_dir: Path) -> int:
    from .folkmangd import exit_code, importera, rapport

    result = importera(table, datum, kalla, data_dir)
    print(rapport(result, datum), end="")
    return exit_code(result)
