"""Command line: ``python -m macros check [DATA_DIR] [--format github]``."""

from .tools.cli import main

raise SystemExit(main())
