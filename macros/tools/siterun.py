"""The MkDocs step of a build, run as the build's child process (publish.py): MkDocs's own command line, with
its failures made the program's (cli.guarded). A disk that fills up while MkDocs writes the site is one Swedish
sentence and exit code 3 (ENVIRONMENT), never a traceback; the build passes the code on."""

from __future__ import annotations

import sys

from ..core.terminal import protect_streams
from .cli import guarded


def main(argv: list[str]) -> int:
    protect_streams()
    return guarded(lambda: _mkdocs(argv))


def _mkdocs(argv: list[str]) -> int:
    from mkdocs.__main__ import cli

    # Standalone, as `mkdocs` runs: click ends with SystemExit and MkDocs's own code (1 for a failed strict
    # build); an error of the file system is raised on to guarded.
    cli.main(args=argv, prog_name="mkdocs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
