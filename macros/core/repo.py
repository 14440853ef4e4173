"""Where the checkout's own folders are: one home, so no module counts `.parent` steps of its own."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the checkout: mkdocs.yml, data/, schema/, docs/
CONFIG = ROOT / "mkdocs.yml"
SCHEMA_DIR = ROOT / "schema"
