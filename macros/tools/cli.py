"""The coordinators' command line: the menu of commands, and every failure as one Swedish line.

Each command's arguments and what runs it are in commands.py (serve in serve.py); argparse speaks Swedish
through usage.py. Every failure ends as one Swedish line on stderr and a documented exit code (exitcodes.py),
never a traceback: argparse's own usage errors are translated, and an error of the machine (a full disk, a
folder one may not write to) is named as such.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable

from ..core.exitcodes import DATA, ENVIRONMENT, INTERNAL, USAGE, CommandError, fail
from ..core.terminal import protect_streams
from . import commands, serve
from .environment import disk_full
from .usage import Parser, old_form, old_kind

# Each command: what adds its arguments and what runs it, in the order --help lists them.
COMMANDS = {
    "check": (commands.add_check, commands.run_check),
    "pdf": (commands.add_pdf, commands.run_pdf),
    "build": (commands.add_build, commands.run_build),
    "new": (commands.add_new, commands.run_new),
    "diff": (commands.add_diff, commands.run_diff),
    "folkmangd": (commands.add_folkmangd, commands.run_folkmangd),
    "folkmangd-saknas": (commands.add_folkmangd_saknas, commands.run_folkmangd_saknas),
    "serve": (serve.add_serve, serve.run_serve),
}


def main(argv: list[str] | None = None) -> int:
    """Run one command; every failure becomes one Swedish line and an exit code from exitcodes.py."""
    protect_streams()  # before anything is printed: an ASCII-only terminal gets å as a, not a traceback
    return guarded(lambda: _main(argv))


def guarded(run: Callable[[], int]) -> int:
    """run(), with every failure as one Swedish line and its exit code (the build's MkDocs step uses it too)."""
    try:
        return run()
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
    parser = Parser(prog="python -m macros", description="Verktyg för samverkanshandbokens data.")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")
    for add, _run in COMMANDS.values():
        add(subparsers)
    argv = sys.argv[1:] if argv is None else list(argv)
    old = old_kind(argv)
    if old:
        return fail(old, USAGE)
    args = parser.parse_args(argv)
    old = old_form(args, argv)
    if old:
        return fail(old, USAGE)
    _add, run = COMMANDS[args.command]
    return run(args)
