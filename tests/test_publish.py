"""Builds do not step on each other: ``python -m macros build`` (what ``nox -s build`` runs) builds into a
staging folder of its own, swaps it in whole, and keeps a second build of the same folder waiting or out.

The builds are real processes on the small valid dataset. HANDBOK_BUILD_PAUSE=POINT makes a build stop at
a named point of macros/tools/publish.py; the test then kills it with SIGKILL (its whole process group, MkDocs and
the PDF processes too) and looks at what is left.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pypdf
import pytest

from macros.core import tid, utgava
from macros.core.pages import OVERENSKOMMELSE_PDF
from macros.tools import publish, swap
from tests import sitebuild
from tests.helpers import ROOT, VALID

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(os, "killpg"), reason="the kill tests use process groups (POSIX)"),
]


def _start(out: Path, *args: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "macros", "build", "--data", str(VALID), "--out", str(out), *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "NO_MKDOCS_2_WARNING": "1", **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        start_new_session=True,  # its own process group: one kill reaches MkDocs and the PDF processes
    )


def _wait_for(proc: subprocess.Popen, marker: str, timeout: float = 300) -> str:
    """Read the build's stderr until marker appears; the text read so far."""
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line and proc.poll() is not None:
            break
        seen.append(line)
        if marker in line:
            return "".join(seen)
    raise AssertionError(f"{marker!r} never came; the build said:\n{''.join(seen)}")


def _kill(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    proc.stdout.close()
    proc.stderr.close()


def _manifest(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def _whole(site: Path, like: dict[str, str]) -> bool:
    """A complete site: the same files as a complete build (the archive and dates may differ in bytes)."""
    return site.is_dir() and set(_manifest(site)) == set(like) and (site / "index.html").stat().st_size > 0


@pytest.fixture(scope="module")
def previous(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A folder with one complete site, and that site's files with their hashes."""
    work = tmp_path_factory.mktemp("publish")
    proc = _start(work / "site")
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, out + err
    manifest = _manifest(work / "site")
    assert "index.html" in manifest and "overenskommelse.pdf" in manifest and "handbok-offline.zip" in manifest
    assert sorted(p.name for p in work.iterdir()) == [".site.lock", "site"]  # nothing left beside it
    return work, manifest


@pytest.mark.parametrize("point", ["staging", "mkdocs", "pdf", "swap"])
def test_a_build_killed_before_the_swap_leaves_the_previous_site_as_it_was(previous, point):
    work, manifest = previous
    proc = _start(work / "site", HANDBOK_BUILD_PAUSE=point)
    _wait_for(proc, f"HANDBOK_BUILD_PAUSE {point}")
    if point == "mkdocs":
        time.sleep(2)  # MkDocs is writing into the staging folder
    _kill(proc)
    assert _manifest(work / "site") == manifest
    swap.clean_up_after_killed(work / "site")  # what the next build does first, under the lock
    assert sorted(p.name for p in work.iterdir()) == [".site.lock", "site"]


def test_a_build_killed_just_after_the_swap_leaves_the_new_site(previous):
    work, manifest = previous
    proc = _start(work / "site", HANDBOK_BUILD_PAUSE="swapped")
    _wait_for(proc, "HANDBOK_BUILD_PAUSE swapped")
    _kill(proc)
    assert _whole(work / "site", manifest)
    swap.clean_up_after_killed(work / "site")
    assert sorted(p.name for p in work.iterdir()) == [".site.lock", "site"]


def test_without_the_atomic_exchange_a_build_killed_between_the_renames_is_put_right(previous):
    """Where folders cannot be exchanged in one step (Windows, some file systems), the previous site waits
    beside the new one, and the next build puts it back."""
    work, _manifest_of_first = previous
    before = _manifest(work / "site")
    proc = _start(work / "site", HANDBOK_BUILD_PAUSE="between-renames", HANDBOK_BUILD_NO_EXCHANGE="1")
    _wait_for(proc, "HANDBOK_BUILD_PAUSE between-renames")
    _kill(proc)
    olds = list(work.glob(".site-old-*"))
    assert not (work / "site").exists() and len(olds) == 1 and _manifest(olds[0]) == before
    swap.clean_up_after_killed(work / "site")
    assert _manifest(work / "site") == before
    assert sorted(p.name for p in work.iterdir()) == [".site.lock", "site"]


def test_two_builds_at_once_wait_or_refuse_and_end_with_a_whole_site(tmp_path, previous):
    _, manifest = previous
    site = tmp_path / "site"
    first = _start(site, HANDBOK_BUILD_PAUSE="mkdocs", HANDBOK_BUILD_PAUSE_SECONDS="3")
    _wait_for(first, "HANDBOK_BUILD_PAUSE mkdocs")
    refused = _start(site, HANDBOK_BUILD_WAIT="0")
    out, err = refused.communicate(timeout=120)
    assert refused.returncode == 3, out + err
    assert err == (
        f"fel: ett annat bygge av site/ pågår redan (process {first.pid}); vänta tills det är klart och "
        "bygg sedan igen\n"
    )
    waiting = _start(site)
    assert "Ett annat bygge av site/ pågår" in _wait_for(waiting, "väntar tills det är klart")
    out1, err1 = first.communicate(timeout=600)
    assert first.returncode == 0, out1 + err1
    out2, err2 = waiting.communicate(timeout=600)
    assert waiting.returncode == 0, out2 + err2
    assert "Traceback" not in err1 + err2 + err
    assert _whole(site, manifest)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"]


def test_two_zensical_builds_take_turns_in_its_one_work_folder(tmp_path):
    """Zensical builds in build/zensical/ whatever the site folder, so two Zensical builds into two folders
    wait for each other there; a MkDocs build at the same time does not wait."""
    sitebuild.require("zensical")
    first = _start(
        tmp_path / "a", "--builder", "zensical", HANDBOK_BUILD_PAUSE="mkdocs", HANDBOK_BUILD_PAUSE_SECONDS="3"
    )
    _wait_for(first, "HANDBOK_BUILD_PAUSE mkdocs")
    refused = _start(tmp_path / "b", "--builder", "zensical", HANDBOK_BUILD_WAIT="0")
    out, err = refused.communicate(timeout=120)
    assert refused.returncode == 3, out + err
    assert err == (
        f"fel: ett annat bygge med Zensical i build/zensical/ pågår redan (process {first.pid}); vänta tills det "
        "är klart och bygg sedan igen\n"
    )
    beside = _start(tmp_path / "c", HANDBOK_BUILD_WAIT="0")
    out2, err2 = beside.communicate(timeout=600)
    assert beside.returncode == 0, out2 + err2
    out1, err1 = first.communicate(timeout=600)
    assert first.returncode == 0, out1 + err1
    assert (tmp_path / "a" / "index.html").is_file() and not (tmp_path / "b").exists()


def test_nox_build_runs_exactly_this_command():
    """`nox -s build` is `python -m macros build --out site`: the swap and the lock are tested above."""
    noxfile = (ROOT / "noxfile.py").read_text(encoding="utf-8")
    helper = noxfile[noxfile.index("def _macros") :].split("\n@nox.session")[0]
    assert [line.strip() for line in helper.splitlines() if "session.run(" in line] == [
        'session.run("python", "-m", "macros", *args, env=env, stderr=None)'
    ]
    body = noxfile[noxfile.index("def build_site") :].split("\n@nox.session")[0]
    runs = [line.strip() for line in body.splitlines() if "session.run(" in line or "_macros(" in line]
    assert runs == ['_macros(session, "build", "--builder", builder, "--out", str(site), *session.posargs)']
    assert "rename" not in body and "rmtree" not in body


def test_the_pdfs_and_the_offline_archive_show_one_edition(tmp_path, monkeypatch):
    """The edition (git and the clock, macros/core/utgava.py) is taken once per build and handed to both: a
    clock that moves a day on at every reading cannot give the PDFs one day and the archive another."""
    readings: list[datetime] = []

    def nu() -> datetime:
        readings.append(datetime(2015, 7, 1, 12, tzinfo=UTC) + timedelta(days=len(readings) + 1))
        return readings[-1]

    monkeypatch.setattr(utgava, "tid", SimpleNamespace(nu=nu, i_stockholm=tid.i_stockholm))
    monkeypatch.setenv("HANDBOK_PDF_CACHE", "")
    monkeypatch.setenv("HANDBOK_BUILD_WAIT", "0")
    out = tmp_path / "site"
    assert publish.build(out, VALID) == 0
    assert len(readings) == 1
    with zipfile.ZipFile(out / "handbok-offline.zip") as zf:
        folder = zf.namelist()[0].split("/")[0]
        about = zf.read(f"{folder}/OM-ARKIVET.txt").decode("utf-8")
    revision = about.split("Datans revision (git): ")[1].splitlines()[0]
    reader = pypdf.PdfReader(out / OVERENSKOMMELSE_PDF)
    cover = " ".join(page.extract_text() for page in reader.pages[:2])
    day = readings[0].strftime("%Y-%m-%d")  # noon UTC: the same day in Stockholm
    assert folder.startswith(f"samverkanshandboken-{day}-") and f"Byggd: {day} 12:00 UTC" in about
    assert reader.metadata["/CreationDate"].startswith("D:" + day.replace("-", ""))
    assert revision and revision in cover
