"""The output folder is the build's alone, and nothing from a git-ignored path reaches the output.

Every test works in a copy of the project (a git repository of its own), so that a guard that failed could
only harm the copy. A refusal comes before any build work, but each test runs the command as a process of its
own, so they are marked slow, as are the ones that build for real.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from macros.core.pages import OVERENSKOMMELSE_PDF
from macros.tools import outdir, swap
from tests.helpers import ROOT

MANIFEST = outdir.MANIFEST


def _git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the checkout's files (tracked and new, not ignored) as a git repository of its own."""
    copy = tmp_path / "projekt"
    listed = _git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    _git(copy, "init", "-q")
    _git(copy, "add", "-A")
    _git(copy, "commit", "-q", "-m", "kopia")
    return copy


def _run(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "macros", *args],
        cwd=project,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "NO_MKDOCS_2_WARNING": "1", "HANDBOK_PDF_CACHE": "", **env},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
    )


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file and folder with its content's hash, less git's and Python's own caches (__pycache__: Python
    writes it when it imports the copy's code, wherever bytecode caching is on)."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
        for p in sorted(folder.rglob("*"))
        if (".git" not in p.relative_to(folder).parts or p.name == "HEAD")
        and "__pycache__" not in p.relative_to(folder).parts
    }


@pytest.mark.parametrize(
    ("out", "says"),
    [
        ("data", "datamappen"),
        ("data/parter", "datamappen"),
        (".", "projektets mapp"),
        ("..", "projektets mapp"),
        ("docs", "docs/"),
        (".git", ".git/"),
        ("schema", "schema/"),
    ],
)
@pytest.mark.slow  # the command as a process of its own, in a copy of the project
def test_a_folder_of_the_project_is_refused_and_nothing_is_touched(project, out, says):
    before = _snapshot(project.parent)
    result = _run(project, "build", "--out", out)
    assert result.returncode == 2, result.stderr
    assert says in result.stderr and result.stderr.startswith("fel: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert _snapshot(project.parent) == before


@pytest.mark.slow  # the command as a process of its own, in a copy of the project
def test_a_folder_with_someone_elses_file_is_refused_and_the_file_kept(project, tmp_path):
    theirs = tmp_path / "anteckningar"
    theirs.mkdir()
    (theirs / "viktigt.txt").write_text("mitt", encoding="utf-8")
    result = _run(project, "build", "--out", str(theirs))
    assert result.returncode == 2
    assert "ingen handbok som det här programmet har byggt" in result.stderr
    assert (theirs / "viktigt.txt").read_text(encoding="utf-8") == "mitt"
    assert sorted(p.name for p in theirs.iterdir()) == ["viktigt.txt"]


@pytest.mark.slow  # the command as a process of its own, in a copy of the project
@pytest.mark.parametrize("cmd", ["build", "pdf"])
def test_a_checkout_elsewhere_is_refused_even_when_empty_of_a_manifest(project, tmp_path, cmd):
    other = tmp_path / "annan"
    (other / ".git").mkdir(parents=True)
    (other / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (other / MANIFEST).write_text("# förfalskad\n.git/HEAD\n", encoding="utf-8")
    result = _run(project, cmd, "--out", str(other))
    assert result.returncode == 2 and ".git" in result.stderr
    assert (other / ".git" / "HEAD").is_file()


@pytest.mark.slow  # the command as a process of its own, in a copy of the project
def test_through_a_file_a_symlink_or_a_folder_above_is_refused(project, tmp_path):
    (tmp_path / "fil").write_text("x", encoding="utf-8")
    (tmp_path / "mal").mkdir()
    (tmp_path / "mal" / "kvar.txt").write_text("x", encoding="utf-8")
    (tmp_path / "lank").symlink_to(tmp_path / "mal")
    for out, says in [
        (tmp_path / "fil" / "site", "är en fil, inte en mapp"),
        (tmp_path / "lank", "symbolisk länk"),
        (tmp_path, "projektets mapp eller en mapp ovanför"),
    ]:
        result = _run(project, "build", "--out", str(out))
        assert result.returncode == 2, (out, result.stderr)
        assert says in result.stderr
    assert (tmp_path / "mal" / "kvar.txt").is_file() and (tmp_path / "fil").read_text(encoding="utf-8") == "x"


def test_refusal_names_a_file_added_to_a_built_site(tmp_path):
    site = tmp_path / "site"
    (site / "pdf").mkdir(parents=True)
    (site / "index.html").write_text("x", encoding="utf-8")
    (site / "pdf" / "a.pdf").write_bytes(b"%PDF")
    outdir.mark(site)
    assert outdir.refusal(site, None) is None
    (site / "pdf" / "egen.pdf").write_bytes(b"mine")
    (site / "lank").symlink_to(tmp_path)
    assert outdir.strangers(site) == ["lank", "pdf/egen.pdf"]
    assert "lank, som bygget inte skrev (och 1 fler)" in outdir.refusal(site, None)


def test_a_mount_point_is_emptied_of_the_previous_build_and_filled_in_place(tmp_path, monkeypatch):
    """A mount point cannot be renamed: the swap replaces the listed files where they are, keeps the folder."""
    target, new = tmp_path / "mount", tmp_path / "ny"
    (target / "old").mkdir(parents=True)
    (target / "old" / "gammal.html").write_text("gammal", encoding="utf-8")
    (target / "index.html").write_text("förra", encoding="utf-8")
    outdir.mark(target)
    (new / "pdf").mkdir(parents=True)
    (new / "index.html").write_text("nya", encoding="utf-8")
    (new / "pdf" / "a.pdf").write_bytes(b"%PDF")
    outdir.mark(new)
    inode = target.stat().st_ino
    monkeypatch.setattr(os.path, "ismount", lambda p: Path(p) == target)
    swap.swap_in(new, target)
    assert target.stat().st_ino == inode
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*")) == [
        MANIFEST,
        "index.html",
        "pdf",
        "pdf/a.pdf",
    ]
    assert (target / "index.html").read_text(encoding="utf-8") == "nya"
    assert outdir.strangers(target) == []


@pytest.mark.slow  # the command as a process of its own, in a copy of the project
def test_the_lock_file_is_never_followed_through_a_symlink(project, tmp_path):
    outside = tmp_path / "utanfor.txt"
    outside.write_text("orörd\n", encoding="utf-8")
    (project / ".site.lock").symlink_to(outside)
    result = _run(project, "build", "--out", "site")
    assert result.returncode == 2 and "låsfilen .site.lock är en symbolisk länk" in result.stderr
    assert outside.read_text(encoding="utf-8") == "orörd\n"


@pytest.mark.slow  # the command as a process of its own, in a copy of the project
@pytest.mark.parametrize("value", ["abc", "-1", "nan", "inf"])
def test_a_bad_build_wait_is_a_usage_error(project, value):
    result = _run(project, "build", "--out", "site", HANDBOK_BUILD_WAIT=value)
    assert result.returncode == 2
    expected = f"HANDBOK_BUILD_WAIT ska vara ett antal sekunder, till exempel 60, men är '{value}'"
    assert result.stderr == f"fel: {expected}; rätta eller ta bort variabeln\n"


def test_no_tracked_file_lies_under_an_ignored_path():
    """`git add -f` can commit what .gitignore keeps out (a planted PDF cache, a site); none may be."""
    tracked_but_ignored = _git(ROOT, "ls-files", "--cached", "--ignored", "--exclude-standard")
    assert tracked_but_ignored == "", f"tracked files under ignored paths: {tracked_but_ignored}"


@pytest.mark.slow
def test_a_build_leaves_a_site_others_can_read_and_a_second_build_replaces_it(project):
    os.umask(0o022)
    first = _run(project, "build", "--out", "site")
    assert first.returncode == 0, first.stderr
    site = project / "site"
    assert oct(site.stat().st_mode & 0o777) == "0o755"
    assert oct((site / "index.html").stat().st_mode & 0o777) == "0o644"
    assert outdir.strangers(site) == []
    again = _run(project, "build", "--out", "site")
    assert again.returncode == 0, again.stderr
    (site / "egen.txt").write_text("min", encoding="utf-8")
    third = _run(project, "build", "--out", "site")
    assert third.returncode == 2 and "egen.txt, som bygget inte skrev" in third.stderr
    assert (site / "egen.txt").read_text(encoding="utf-8") == "min"


@pytest.mark.slow
def test_committed_cache_files_and_symlinks_never_reach_the_output(project, tmp_path):
    """A planted PDF under build/pdf-cache/ (committed with git add -f, at the key a build would look for) is
    never published, and a committed symlink for the cache leads no build to delete or write outside."""
    keys = tmp_path / "nycklar"
    first = _run(project, "pdf", "--out", str(tmp_path / "forsta"), HANDBOK_PDF_CACHE=str(keys))
    assert first.returncode == 0, first.stderr
    planted = b"%PDF-1.7 planterad"
    cache = project / "build" / "pdf-cache"
    cache.mkdir(parents=True)
    for key in keys.glob("*.pdf"):
        (cache / key.name).write_bytes(planted)
    _git(project, "add", "-f", "build/pdf-cache")
    _git(project, "commit", "-q", "-m", "planterad cache")
    env = {k: v for k, v in os.environ.items() if k not in ("HANDBOK_PDF_CACHE", "CI")}
    result = subprocess.run(
        [sys.executable, "-m", "macros", "build", "--out", "site"],
        cwd=project,
        env={**env, "PYTHONIOENCODING": "utf-8", "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert (project / "site" / OVERENSKOMMELSE_PDF).read_bytes() != planted
    assert all(p.read_bytes() != planted for p in (project / "site").rglob("*.pdf"))

    # The cache folder as a committed symlink to a folder outside: nothing there is read, deleted or added.
    outside = tmp_path / "utanfor"
    outside.mkdir()
    (outside / "annat.pdf").write_bytes(b"annat")
    for key in keys.glob("*.pdf"):
        (outside / key.name).write_bytes(planted)
    _git(project, "rm", "-rq", "--cached", "build/pdf-cache")
    shutil.rmtree(cache)
    cache.symlink_to(outside)
    _git(project, "add", "-f", "build/pdf-cache")
    _git(project, "commit", "-q", "-m", "symlänk")
    before = _snapshot(outside)
    result = subprocess.run(
        [sys.executable, "-m", "macros", "pdf", "--out", "site"],
        cwd=project,
        env={**env, "PYTHONIOENCODING": "utf-8"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert _snapshot(outside) == before
    assert all(p.read_bytes() != planted for p in (project / "site").rglob("*.pdf"))


@pytest.mark.slow
def test_a_committed_symlink_for_the_sheets_folder_deletes_nothing_elsewhere(project, tmp_path):
    outside = tmp_path / "andras-pdf"
    outside.mkdir()
    (outside / "bort.pdf").write_bytes(b"%PDF andras")
    (project / "site" / "pdf").mkdir(parents=True)
    (project / "site" / "pdf" / "parter").symlink_to(outside)
    _git(project, "add", "-f", "site")
    _git(project, "commit", "-q", "-m", "symlänk i site")
    result = _run(project, "pdf", "--out", "site")
    assert result.returncode == 2, result.stderr
    assert (outside / "bort.pdf").read_bytes() == b"%PDF andras"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the child processes through /proc (Linux)")
def test_the_site_builder_ends_when_the_build_is_killed(project):
    proc = subprocess.Popen(
        [sys.executable, "-m", "macros", "build", "--out", "site"],
        cwd=project,
        env={**os.environ, "HANDBOK_BUILD_PAUSE": "mkdocs", "HANDBOK_PDF_CACHE": "", "NO_MKDOCS_2_WARNING": "1"},
        stderr=subprocess.PIPE,
        text=True,
    )
    for line in proc.stderr:
        if "HANDBOK_BUILD_PAUSE mkdocs" in line:
            break
    family = _descendants(proc.pid)
    assert family, "the build started no site builder"
    proc.send_signal(signal.SIGKILL)  # the build alone, not its process group
    proc.wait()
    deadline = time.monotonic() + 120
    while (alive := [pid for pid in family if Path(f"/proc/{pid}").exists() and not _zombie(pid)]) and (
        time.monotonic() < deadline
    ):
        time.sleep(0.2)
    assert alive == [], f"still running after the build was killed: {alive}"


def _descendants(pid: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            child = int(stat.parent.name)
            children += [child, *_descendants(child)]
    return children


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True
