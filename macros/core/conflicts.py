"""Git's conflict markers, found before the file is read as YAML: a merge that was not resolved leaves lines
such as ``<<<<<<< HEAD`` in a data file, which YAML would misread as a missing colon on some other line. Each
marker is reported at its own line, with how to resolve the merge."""

from __future__ import annotations

import re

from .problems import Problem

# Git writes seven marker characters at the start of a line, then a space and a label (=======: nothing). No data
# line can start so: a text's lines are indented, and a key is a word.
_MARKER = re.compile(r"^(<{7}|\|{7}|>{7})(?: |\r?$)|^(={7})\r?$", re.MULTILINE)

_ROLE = {
    "<<<<<<<": "<<<<<<< inleder konflikten",
    "|||||||": "||||||| inleder den gemensamma tidigare versionen",
    "=======": "======= skiljer de två versionerna",
    ">>>>>>>": ">>>>>>> avslutar konflikten",
}


def conflict_markers(text: str, name: str) -> list[Problem]:
    """One problem per marker line."""
    found = [(text.count("\n", 0, m.start()) + 1, m.group(1) or m.group(2)) for m in _MARKER.finditer(text)]
    kinds = [marker for marker in _ROLE if any(marker == m for _, m in found)]  # the markers this file has
    return [Problem(name, n, 1, "merge-conflict", _message(marker, kinds)) for n, marker in sorted(found)]


def _message(marker: str, kinds: list[str]) -> str:
    rows = ", ".join(kinds[:-1]) + f" och {kinds[-1]}" if len(kinds) > 1 else kinds[0]
    return (
        f"raden är en markering från en sammanslagning i Git som inte är löst ({_ROLE[marker]}); behåll det "
        f"som ska gälla, ofta båda versionerna, och ta bort raderna med {rows}"
    )
