"""A problem found in the data: where, how bad, what to do, and which rule found it."""

from __future__ import annotations

from dataclasses import dataclass

from .terminal import visible

FEL = "fel"
VARNING = "varning"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding, printed as ``PATH:LINE:COL: fel: MESSAGE [rule]``.

    Field order is the sort order: by file, then position, then rule.
    """

    path: str
    line: int
    column: int
    rule: str
    message: str
    severity: str = FEL

    def format(self) -> str:
        """One line; a control character in the file's name or the message is shown as an escape (terminal.py)."""
        return visible(f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message} [{self.rule}]")

    def format_github(self) -> str:
        """GitHub Actions workflow command, so the forge annotates the changed line."""
        kind = "error" if self.severity == FEL else "warning"
        where = {"file": self.path, "line": self.line, "col": self.column, "title": self.rule}
        return github_command(kind, f"{self.message} [{self.rule}]", **where)


def github_command(kind: str, message: str, **properties) -> str:
    """A GitHub Actions workflow command (``::error file=…::message``), escaped so that no file name or message
    can end it early or start another, nor print a control character raw (terminal.py)."""
    props = ",".join(f"{key}={visible(_github_escape_property(str(value)))}" for key, value in properties.items())
    return f"::{kind}{' ' + props if props else ''}::{visible(_github_escape(message))}"


def _github_escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_escape_property(text: str) -> str:
    return _github_escape(text).replace(":", "%3A").replace(",", "%2C")


class DataError(Exception):
    """The data has errors: nothing may be built from it."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(report(self.problems))


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == FEL]


def summary(problems: list[Problem]) -> str:
    """The Swedish closing line with counts."""
    n_err = len(errors(problems))
    n_warn = len(problems) - n_err
    if not problems:
        return "Inga problem hittades."
    parts = []
    if n_err:
        parts.append(f"{n_err} fel")
    if n_warn:
        parts.append(f"{n_warn} {'varning' if n_warn == 1 else 'varningar'}")
    verdict = "Rätta felen och kör kontrollen igen." if n_err else "Inga fel."
    return f"Hittade {' och '.join(parts)}. {verdict}"


def report(problems: list[Problem]) -> str:
    lines = [p.format() for p in sorted(problems)]
    lines.append(summary(problems))
    return "\n".join(lines)
