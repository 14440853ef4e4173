"""What a machine can lack, said in one Swedish line with the command that fixes it (exit code 3).

Not the data and not the command line: the PDF engine's Python package, a font file shipped with the project,
the browser for the browser tests, and disk space. Each message names what is missing and how to get it on
Debian/Ubuntu, macOS and Windows, so that a coordinator never has to read a traceback.
"""

from __future__ import annotations

import errno
import importlib
import os
import shutil
import sys
from pathlib import Path

ENVIRONMENT = 3  # the machine lacks something; the data is not the problem (docs/andra-handboken.md)

ROOT = Path(__file__).resolve().parent.parent
FONT_DIR = Path(__file__).resolve().parent / "pdf" / "fonts"
FONT_FILES = tuple(f"AtkinsonHyperlegible-{style}.ttf" for style in ("Regular", "Bold", "Italic", "BoldItalic"))
PDF_ENGINE = "typst"  # PyPI package and module: the PDF compiler, inside the wheel on every platform
INSTALL = "python3 noxfile.py -s build"  # (re)installs every pinned dependency into .nox/ and builds
MIN_FREE = 200 * 1024 * 1024  # bytes: the site, 38 PDFs and the zip are about 30 MB; room to spare


class Missing(Exception):
    """The machine lacks something a command needs; str() is the one line to print."""

    code = ENVIRONMENT


def per_system(debian: str, macos: str, windows: str) -> str:
    if debian == macos == windows:
        return f"{debian} (Debian/Ubuntu, macOS och Windows)"
    return f"{debian} (Debian/Ubuntu), {macos} (macOS), {windows} (Windows)"


def require_pdf_engine() -> None:
    """The PDF engine imports, and every font file it embeds is there."""
    try:
        importlib.import_module(PDF_ENGINE)
    except ImportError:
        raise Missing(
            f"Python-paketet {PDF_ENGINE} saknas, så PDF-filerna kan inte skapas; installera det med: "
            + per_system(INSTALL, INSTALL, "py noxfile.py -s build")
        ) from None
    missing = [name for name in FONT_FILES if not (FONT_DIR / name).is_file()]
    if missing:
        where = (FONT_DIR / missing[0]).relative_to(ROOT).as_posix()
        fix = f"git checkout -- {FONT_DIR.relative_to(ROOT).as_posix()}"
        raise Missing(f"typsnittsfilen {where} saknas, så PDF-filerna kan inte skapas; hämta den igen med: {fix}")


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


def _free(where: Path | str) -> int | None:
    path = Path(where).resolve()
    while not path.exists() and path != path.parent:
        path = path.parent
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return None


def report(exc: Missing) -> int:
    print(f"fel: {exc}", file=sys.stderr)
    return exc.code
