"""The site builder's step of a build, run as the build's child process (publish.py): MkDocs's or Zensical's own
command line, with their failures made the program's (cli.guarded). A disk that fills up while the site is
written is one Swedish sentence and exit code 3 (ENVIRONMENT), never a traceback; the build passes the code on.

`python -m macros.tools.siterun mkdocs build ...` and `python -m macros.tools.siterun zensical build ...`.
"""

from __future__ import annotations

import sys

from ..core.terminal import protect_streams
from .cli import guarded


def main(argv: list[str]) -> int:
    protect_streams()
    return guarded(lambda: _run(argv[0], argv[1:]))


def _run(builder: str, argv: list[str]) -> int:
    if builder == "zensical":
        from zensical.main import cli
    else:
        from mkdocs.__main__ import cli
    # Standalone, as the builder's own command runs: click ends with SystemExit and the builder's code (1 for a
    # failed strict build); an error of the file system, or of the builder itself, is raised on to guarded.
    cli.main(args=argv, prog_name=builder)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
