"""What a pull request's run on GitHub Actions shows (.github/workflows/pull-request.yml).

Annotations: GitHub shows at most ten errors and ten warnings per step, so the checker's findings in the files the
pull request changes come first, then errors in other files (a change can break a reference elsewhere), and the
warnings that already stood in files the pull request does not touch become one notice that lists them all.

The job summary: the change summary (render/andringar.py), the files outside the data folder that the pull request
changes, and, when the summary cannot be made, why. Names and messages go into a code fence longer than any run of
backticks in them, with control characters shown as escapes, so that no file name or message can end the fence
and become Markdown or HTML.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..core.exitcodes import USAGE, CommandError
from ..core.problems import FEL, Problem, github_command
from ..render.andringar import RUBRIK
from .diff import git

# C0 and C1 controls (line breaks too: a name is one line), DEL, and the characters that reorder text.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def repo_top(folder: Path) -> Path:
    """The top folder of the Git repository that folder is in."""
    top = git(folder, "rev-parse", "--show-toplevel")
    if top.returncode:
        raise CommandError(f"mappen {folder} ligger inte i ett Git-förråd; kör kommandot i handbokens mapp", USAGE)
    return Path(os.fsdecode(top.stdout.strip()))


def changed_files(top: Path, base: str, head: str | None = None) -> list[str]:
    """The files that differ between base and head (or the working tree, untracked files too), as paths from the
    top of the repository."""
    revisions = [base] if head is None else [base, head]
    for rev in revisions:
        if git(top, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").returncode:
            raise CommandError(f"hittar inte revisionen '{rev}'; ange en gren, en tagg eller en commit", USAGE)
    out = git(top, "diff", "--name-only", "--no-renames", "-z", *revisions, "--").stdout
    if head is None:
        out += git(top, "ls-files", "--others", "--exclude-standard", "-z").stdout
    return sorted({os.fsdecode(name) for name in out.split(b"\0") if name})


def annotations(problems: list[Problem], changed: list[str], top: Path) -> list[str]:
    """Workflow commands for the problems: the changed files' first, errors before warnings; then errors in other
    files; then one notice for the warnings in files that did not change (changed: paths from the top folder)."""
    touched = {_key(top / name) for name in changed}
    mine = [p for p in problems if _key(Path(p.path)) in touched]
    others = [p for p in problems if _key(Path(p.path)) not in touched]
    first = sorted(mine, key=lambda p: (p.severity != FEL, p))
    lines = [p.format_github() for p in first + [p for p in others if p.severity == FEL]]
    standing = sorted(p for p in others if p.severity != FEL)
    if standing:
        n = len(standing)
        title = f"{n} {'varning' if n == 1 else 'varningar'} i filer som ändringen inte rör"
        body = (
            f"De här {'varningen' if n == 1 else 'varningarna'} fanns redan och stoppar inte ändringen. De gäller "
            "filer som den här pull requesten inte ändrar:\n" + "\n".join(p.format() for p in standing)
        )
        lines.append(github_command("notice", body, title=title))
    return lines


def in_repo(folder: Path, top: Path) -> str:
    """folder as a path from the repository's top (load_revision has refused a data folder outside it)."""
    return Path(os.path.abspath(folder)).relative_to(top.resolve()).as_posix()


def _key(path: Path) -> str:
    return os.path.normcase(os.path.abspath(path))


def visible(text: str) -> str:
    """text with every control character written as an escape (\\x1b, \\u202e), so a name stays one line and
    cannot move the cursor or turn text around."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text)


def fence(text: str) -> str:
    """text as a Markdown code block that nothing in it can close: the fence is longer than its longest run of
    backticks."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    marks = "`" * max(3, longest + 1)
    return f"{marks}text\n{text.rstrip(chr(10))}\n{marks}\n"


def outside_data(changed: list[str], data_rel: str) -> str:
    """The job summary's section on the files outside the data folder that the pull request changes."""
    heading = f"### Filer utanför {data_rel}/ som ändringen ändrar\n\n"
    others = [name for name in changed if not (name + "/").startswith(data_rel.rstrip("/") + "/")]
    if not others:
        return heading + f"Inga: ändringen rör bara {data_rel}/.\n"
    intro = (
        f"Ändringen rör {len(others)} {'fil' if len(others) == 1 else 'filer'} utanför datan. Det är kod, text "
        "eller inställningar som granskas för sig, utöver sammanfattningen ovan:\n\n"
    )
    return heading + intro + fence("\n".join(visible(name) for name in others))


def failed(message: str, problems: list[Problem]) -> str:
    """The job summary when the change summary cannot be made: why, in a fence, one line per problem."""
    lines = [f"fel: {message}", *(p.format() for p in problems)]
    return f"{RUBRIK}\n\nSammanfattningen kunde inte räknas ut:\n\n{fence(chr(10).join(map(visible, lines)))}"
