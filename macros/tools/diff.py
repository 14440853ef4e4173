"""``python -m macros diff BASE [HEAD]``: each revision's checked model, for core/compare.py to compare.

BASE and HEAD are Git revisions. Without HEAD the working tree is compared, uncommitted edits
included, so a coordinator sees the effect before committing; CI passes both revisions. Each
revision's data/ is taken out with ``git archive`` into a temporary folder and run through the
normal pipeline, so both sides are read and checked exactly as the site reads them.
"""

from __future__ import annotations

import dataclasses
import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

from ..core import pipeline, plainfile
from ..core.dataset import FOLDERS, LIST_FILES
from ..core.exitcodes import DATA, ENVIRONMENT, USAGE, CommandError
from ..core.model import Handbok
from ..core.problems import Problem, errors
from ..core.schemas import SCHEMA_COMMENT


class DiffError(Exception):
    """The comparison cannot be made; the message says why in Swedish. problems: the data's errors, if any."""

    def __init__(self, message: str, problems: list[Problem] | None = None, code: int = DATA):
        super().__init__(message)
        self.problems = problems or []
        self.code = code  # exit code (macros/core/exitcodes.py): a revision that does not exist is a usage error


def git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise CommandError(
            "programmet git saknas; installera det (apt install git, brew install git eller git-scm.com)", ENVIRONMENT
        ) from None


def load_revision(data_dir: Path, rev: str | None) -> Handbok:
    """The checked model of data_dir at a revision, or of the working tree when rev is None."""
    if rev is None:
        return _checked(data_dir, "arbetskopian")
    top = git(data_dir, "rev-parse", "--show-toplevel")
    if top.returncode:
        raise DiffError(f"mappen {data_dir} ligger inte i ett Git-förråd; kör kommandot i handbokens mapp", code=USAGE)
    root = Path(top.stdout.decode().strip())
    if git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").returncode:
        raise DiffError(
            f"hittar inte revisionen '{rev}'; ange en gren, en tagg eller en commit, till exempel main", code=USAGE
        )
    rel = data_dir.resolve().relative_to(root.resolve()).as_posix()
    archive = git(root, "archive", "--format=tar", rev, "--", rel)
    if archive.returncode:
        raise DiffError(f"revisionen '{rev}' har ingen mapp {rel}/", code=USAGE)
    with tempfile.TemporaryDirectory(prefix="handbok-diff-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            links = _extract(tar, tmp)
        for name, folder in LIST_FILES.items():
            _one_file_each(Path(tmp) / rel, name, folder)
        return _checked(Path(tmp) / rel, f"revisionen {rev}", shown_as=rel, found=links)


def _extract(tar: tarfile.TarFile, folder: str) -> list[Problem]:
    """Regular files and folders only, each inside folder; a committed link (or anything else) is not
    unpacked but becomes the problem the checker gives a link in data/, at its path in the repository."""
    problems, members = [], []
    for member in tar.getmembers():
        if member.name.startswith("/") or ".." in Path(member.name).parts:
            raise DiffError(f"git archive gav en fil som inte kan packas upp säkert: {member.name}")
        if member.isfile() or member.isdir():
            members.append(member)
        else:
            problems.append(plainfile.symlink(member.name))
    if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later; Debian 12's 3.11.2 has only the check above
        tar.extractall(folder, members=members, filter="data")
    else:
        tar.extractall(folder, members=members)  # every member checked above
    return problems


def _one_file_each(data: Path, name: str, folder: str) -> None:
    """A revision from before sources and decisions had a file each: its list file as one file per entry, as they
    are now, so that it compares with today's data. The entries' text is kept as written, only moved out of the
    list; a file not in the usual shape is left for the checker to report."""
    path = data / name
    if not path.is_file() or (data / folder).exists():
        return
    lines = path.read_text(encoding="utf-8").split("\n")
    if f"{folder}:" not in lines:
        return
    entries: list[list[str]] = []
    for line in lines[lines.index(f"{folder}:") + 1 :]:
        if line.startswith("  - "):
            entries.append([line[4:]])
        elif entries and (line.startswith("    ") or not line.strip()):
            entries[-1].append(line[4:])
        else:
            return
    files = {}
    for entry in entries:
        ident = entry[0].removeprefix("id:").strip()
        if not entry[0].startswith("id:") or not ident or f"{ident}.yaml" in files:
            return
        schema = f"{SCHEMA_COMMENT}../../schema/{FOLDERS[folder]}.schema.json"
        files[f"{ident}.yaml"] = "\n".join([schema, *entry]).rstrip("\n") + "\n"
    (data / folder).mkdir()
    for file_name, text in files.items():
        (data / folder / file_name).write_text(text, encoding="utf-8")
    path.unlink()


def _checked(data_dir: Path, label: str, shown_as: str | None = None, found: list[Problem] = ()) -> Handbok:
    handbok, problems = pipeline.check(data_dir)
    if handbok is None or found:
        problems = errors(problems)
        if shown_as:  # name the file as it is in the repository, not in the temporary folder
            problems = [dataclasses.replace(p, path=_in_repo(p.path, data_dir, shown_as)) for p in problems]
        message = f"datan i {label} har fel, så ändringarna kan inte räknas ut; rätta felen först"
        raise DiffError(message, sorted([*found, *problems]))
    return handbok


def _in_repo(path: str, data_dir: Path, rel: str) -> str:
    try:
        return f"{rel}/{Path(path).resolve().relative_to(data_dir.resolve()).as_posix()}"
    except ValueError:
        return path
