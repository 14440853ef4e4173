"""The exit codes of ``python -m macros`` and the nox sessions, one meaning each (docs/andra-handboken.md).

Every command ends with one of these, and every failure prints one Swedish line that says what to do,
never a traceback. Scripts and CI may rely on the numbers:

- ``OK`` (0): done; warnings may have been printed.
- ``DATA`` (1): the data has errors, or the command could not do its job with the data or files given
  (the messages say which file and line).
- ``USAGE`` (2): the command was called wrongly (an unknown command, a missing or bad argument).
- ``ENVIRONMENT`` (3): the machine lacks something the command needs (a program, a font, a browser, disk
  space, permission to write), or another build is running; the data is not the problem.
- ``INTERNAL`` (4): a fault in the program itself; the line says how to see the details (HANDBOK_DEBUG=1).
"""

from __future__ import annotations

import sys

from .terminal import visible

OK = 0
DATA = 1
USAGE = 2
ENVIRONMENT = 3
INTERNAL = 4


class CommandError(Exception):
    """A failure to report as one Swedish line with its exit code, raised anywhere below a command."""

    def __init__(self, message: str, code: int = DATA):
        super().__init__(message)
        self.message, self.code = message, code


def fail(message: str, code: int) -> int:
    """Print ``fel: MESSAGE`` on stderr, on one line with nothing hidden in it (a file name may hold control
    characters: terminal.py), and return the exit code, for ``return fail(...)`` in a command."""
    print(f"fel: {visible(message)}", file=sys.stderr)
    return code
