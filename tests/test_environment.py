"""What a machine can lack is one Swedish line with the fix and exit code 3, never a traceback: the PDF
engine's package (hidden from a fresh interpreter), a font file, disk space (free space too low, or a write
that fails with ENOSPC), and the browser for the browser tests."""

from __future__ import annotations

import builtins
import errno
import io
import pathlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros.core.exitcodes import ENVIRONMENT
from macros.tools import cli, environment
from tests.helpers import VALID

ROOT = Path(__file__).resolve().parent.parent
SYSTEMS = ("(Debian/Ubuntu", "macOS", "Windows)")


def _one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("fel: "), stderr
    assert "Traceback" not in stderr
    return lines[0]


@pytest.mark.slow  # a process of its own
@pytest.mark.parametrize("command", ["pdf", "build"])
def test_a_hidden_pdf_engine_is_one_line_with_the_install_command(tmp_path, command):
    engine = environment.PDF_ENGINE
    script = (
        "import sys\n"
        f"sys.modules[{engine!r}] = None  # as if the package were not installed\n"
        "from macros.tools import cli\n"
        "sys.exit(cli.main(sys.argv[1:]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, command, "--data", str(VALID), "--out", str(tmp_path / "ut")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == ENVIRONMENT, result.stderr
    line = _one_line(result.stderr)
    assert f"Python-paketet {engine} saknas" in line and environment.REINSTALL in line, line
    assert not (tmp_path / "ut").exists()  # said before anything was written


def test_the_pdf_engine_is_the_one_the_project_depends_on():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'"{environment.PDF_ENGINE}==' in text and "weasyprint" not in text.lower()


def test_a_missing_font_file_names_it_and_how_to_get_it_back(tmp_path, monkeypatch, capsys):
    fonts = tmp_path / "macros" / "pdf" / "fonts"
    fonts.mkdir(parents=True)
    for name in environment.FONT_FILES[1:]:
        shutil.copy(environment.FONT_DIR / name, fonts / name)
    monkeypatch.setattr(environment, "FONT_DIR", fonts)
    assert cli.main(["pdf", "--data", str(VALID), "--out", str(tmp_path / "ut")]) == ENVIRONMENT
    line = _one_line(capsys.readouterr().err)
    assert f"typsnittsfilen {fonts / environment.FONT_FILES[0]} saknas" in line, line
    assert "git checkout -- macros/pdf/fonts" in line


def test_too_little_free_space_is_said_before_writing(tmp_path, monkeypatch, capsys):
    real = shutil.disk_usage
    monkeypatch.setattr(shutil, "disk_usage", lambda p: real(p)._replace(free=10 * 1024 * 1024))
    assert cli.main(["build", "--data", str(VALID), "--out", str(tmp_path / "ut")]) == ENVIRONMENT
    line = _one_line(capsys.readouterr().err)
    assert "disken är full (ledigt: 10 MB)" in line and all(s in line for s in SYSTEMS), line
    assert not (tmp_path / "ut").exists()


@pytest.mark.pdf  # Typst makes the PDFs that the full disk then refuses
def test_a_full_disk_while_writing_the_pdfs_is_one_line(tmp_path, monkeypatch, capsys):
    """Every write under the output folder fails as on a full disk (in this process and its forks)."""
    out = tmp_path / "ut"

    def full(path) -> None:
        if str(path).startswith(str(out)):
            raise OSError(errno.ENOSPC, "No space left on device", str(path))

    real_open, real_write = builtins.open, pathlib.Path.write_bytes

    def open_(file, mode="r", *args, **kwargs):
        if any(m in mode for m in "wax+"):
            full(file)
        return real_open(file, mode, *args, **kwargs)

    def write_bytes(self, data):
        full(self)
        return real_write(self, data)

    monkeypatch.setattr(builtins, "open", open_)
    monkeypatch.setattr(io, "open", open_)
    monkeypatch.setattr(pathlib.Path, "write_bytes", write_bytes)
    monkeypatch.setenv("HANDBOK_PDF_CACHE", "")  # a cached PDF is copied, not written by the engine
    assert cli.main(["pdf", "--data", str(VALID), "--out", str(out)]) == ENVIRONMENT
    line = _one_line(capsys.readouterr().err)
    assert line.startswith("fel: disken är full") and str(out) in line and all(s in line for s in SYSTEMS), line


def test_the_browser_message_says_how_to_install_it_everywhere():
    line = environment.chromium_missing()
    assert "Chromium saknas" in line and "\n" not in line
    for command in ("apt-get install chromium", "brew install --cask chromium", "winget install"):
        assert command in line
