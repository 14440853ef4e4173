"""What a machine can lack, said in one Swedish line with the command that fixes it (exit code 3).

Not the data and not the command line: the PDF engine's Python package, a font file shipped with the project,
the browser for the browser tests, and disk space. Each message names what is missing and how to get it on
Debian/Ubuntu, macOS and Windows, so that a coordinator never has to read a traceback. The commands raise
Missing, a CommandError with exit code ENVIRONMENT, and macros/tools/cli.py prints it as ``fel: ...``.
"""

from __future__ import annotations

import errno
import importlib
import os
import shutil
from pathlib import Path

from ..core.exitcodes import ENVIRONMENT, CommandError
from ..core.repo import ROOT
from ..pdf import PDF_DIR

FONT_DIR = PDF_DIR / "fonts"
# Atkinson Hyperlegible, and Public Sans for the digit zero alone (macros/pdf/fonts/README.md).
FONT_FILES = tuple(
    f"{family}-{style}.ttf"
    for family in ("AtkinsonHyperlegible", "PublicSans")
    for style in ("Regular", "Bold", "Italic", "BoldItalic")
)
PDF_ENGINE = "typst"  # the only PDF engine (macros/pdf/write.py): PyPI name = module name, no system library
REINSTALL = "python -m pip install -c constraints.txt -e ."  # in the project folder, in the environment used
MIN_FREE = 200 * 1024 * 1024  # bytes: the site, 38 PDFs and the zip take about 30 MB; room to spare


class Missing(CommandError):
    """The machine lacks something a command needs: one line, exit code ENVIRONMENT."""

    def __init__(self, message: str):
        super().__init__(message, ENVIRONMENT)


def per_system(debian: str, macos: str, windows: str) -> str:
    if debian == macos == windows:
        return f"{debian} (Debian/Ubuntu, macOS och Windows)"
    return f"{debian} (Debian/Ubuntu), {macos} (macOS), {windows} (Windows)"


def require_pdf_engine() -> None:
    """The PDF engine imports, and every font file it embeds is there."""
    engine = PDF_ENGINE
    try:
        importlib.import_module(engine)
    except ImportError:
        raise Missing(
            f"Python-paketet {engine} saknas, så PDF-filerna kan inte skapas; installera det i projektets mapp med: "
            + per_system(REINSTALL, REINSTALL, REINSTALL)
        ) from None
    missing = [name for name in FONT_FILES if not (FONT_DIR / name).is_file()]
    if missing:
        where = _shown(FONT_DIR / missing[0])
        fix = "git checkout -- macros/pdf/fonts"  # they are part of the project
        raise Missing(
            f"typsnittsfilen {where} saknas, så PDF-filerna kan inte skapas; hämta den igen med: "
            + per_system(fix, fix, fix)
        )


CHROMIUM_INSTALL = (
    "sudo apt-get install chromium (Debian), sudo snap install chromium (Ubuntu), "
    "brew install --cask chromium (macOS), winget install Hibbiki.Chromium (Windows)"
)
# Where the installers above put the browser, when it is not on PATH as `chromium`.
CHROMIUM_PLACES = (
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    os.path.expandvars(r"%LOCALAPPDATA%\Chromium\Application\chrome.exe"),
)


def chromium() -> str | None:
    """The Chromium the browser tests drive, or None."""
    for name in ("chromium", "chromium-browser"):
        if found := shutil.which(name):
            return found
    return next((place for place in CHROMIUM_PLACES if Path(place).is_file()), None)


def chromium_missing() -> str:
    return f"webbläsaren Chromium saknas, så webbläsartesterna hoppas över; installera den med: {CHROMIUM_INSTALL}"


def disk_full(where: Path | str) -> str:
    free = _free(where)
    amount = f" (ledigt: {free // (1024 * 1024)} MB)" if free is not None else ""
    return (
        f"disken är full{amount}, så {where} kunde inte skrivas; frigör plats och försök igen, till exempel med: "
        + per_system("rm -rf .nox .cache site", "rm -rf .nox .cache site", "rmdir /s /q .nox .cache site")
    )


def require_space(where: Path) -> None:
    """Room for a build under where (its nearest existing folder), before anything is written."""
    free = _free(where)
    if free is not None and free < MIN_FREE:
        raise Missing(disk_full(where))


def is_disk_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)


def _shown(path: Path) -> str:
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def _free(where: Path | str) -> int | None:
    path = Path(where).resolve()
    while not path.exists() and path != path.parent:
        path = path.parent
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return None
