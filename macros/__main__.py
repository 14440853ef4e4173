"""Command line: ``python -m macros KOMMANDO [--data MAPP]``, for example ``check --data data``."""

from .tools.cli import main

raise SystemExit(main())
