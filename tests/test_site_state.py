"""macros/site/state.py, the one holder of the site's model: a build reads and checks the data once, a rebuild
with the same data not at all, and a rebuild after a data edit once more (so the live preview sees the edit)."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys

import pytest

from tests.helpers import ROOT, VALID
from tests.sitebuild import copy_data

# MkDocs in a process of its own, as `mkdocs build` and each rebuild of `mkdocs serve` run it, with every call of
# the pipeline counted: define_env, the hooks and the glossary links all ask state.py, which asks the pipeline.
_BUILDS = """
import json, os, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
from macros.core import pipeline

calls, load = [], pipeline.load
pipeline.load = lambda data_dir: calls.append(str(data_dir)) or load(data_dir)
config, site, data = sys.argv[1], sys.argv[2], Path(os.environ["HANDBOK_DATA"])
counts = []
for edit in (False, False, True):
    if edit:
        st = (data / "ordlista.yaml").stat()
        os.utime(data / "ordlista.yaml", ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    build(load_config(config_file=config, site_dir=site, strict=True))
    counts.append(len(calls))
print(json.dumps(counts))
"""


@pytest.mark.slow  # three site builds in a process of its own
def test_a_build_checks_the_data_once_and_a_rebuild_only_after_an_edit(tmp_path):
    data = copy_data(tmp_path / "data", VALID)
    env = {**os.environ, "HANDBOK_DATA": str(data), "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run(
        [sys.executable, "-c", _BUILDS, str(ROOT / "mkdocs.yml"), str(tmp_path / "site")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout.splitlines()[-1]) == [1, 1, 2]


def test_the_hooks_file_keeps_nothing_and_hands_each_event_over():
    """macros/site/hooks.py is loaded anew on every rebuild: imports and on_* events of a few lines, no state."""
    tree = ast.parse((ROOT / "macros" / "site" / "hooks.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            body = [n for n in node.body if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))]
            assert node.name.startswith("on_") and len(body) <= 3, node.name
            assert not any(isinstance(n, ast.Global) for n in ast.walk(node)), node.name
        else:
            docstring = isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
            assert docstring or isinstance(node, (ast.Import, ast.ImportFrom)), ast.unparse(node)[:80]
