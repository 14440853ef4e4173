"""The validators from npm (tests/package.json, installed with `npm ci` in tests/) and the programs they need.

On a developer's machine without them the tests that need them skip with one line; in CI (``CI`` set) they fail.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent.parent
NODE_MODULES = TESTS / "node_modules"
INSTALL = "cd tests && npm ci (.ci/run does it)"


def missing(what: str) -> None:
    message = f"{what}; install it with: {INSTALL}"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def program(name: str) -> str:
    """A program on PATH (java, node, chromium)."""
    found = shutil.which(name)
    if not found:
        missing(f"{name} is not on PATH")
    return found


def npm_file(relative: str) -> Path:
    """A file of an npm package in tests/node_modules."""
    path = NODE_MODULES / relative
    if not path.exists():
        missing(f"tests/node_modules/{relative} is missing")
    return path


def npm_version(package: str) -> str:
    import json

    return json.loads(npm_file(f"{package}/package.json").read_text(encoding="utf-8"))["version"]
