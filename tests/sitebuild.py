"""Build the site alone for tests, from a given data folder into a given folder: `mkdocs build --strict` (the
default) or Zensical's build (macros/site/zensical.py: build_site). Unlike `nox -s build` (python -m macros build,
macros/tools/publish.py) it writes no PDFs and no offline zip and does not swap the folder in whole; the tests
that need the whole publication use tests/browser/builtsite.py (fixture published_site)."""

from __future__ import annotations

import atexit
import functools
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILDERS = ("mkdocs", "zensical")
# Which builders the site and browser tests run against (comma-separated); both unless told otherwise.
ENV_VAR = "HANDBOK_BUILDERS"
_ZENSICAL = """\
import sys
from pathlib import Path
from macros.site import zensical
sys.exit(zensical.build_site(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])))
"""


def builders() -> list[str]:
    wanted = [b.strip() for b in os.environ.get(ENV_VAR, ",".join(BUILDERS)).split(",") if b.strip()]
    unknown = set(wanted) - set(BUILDERS)
    if unknown:
        raise RuntimeError(f"{ENV_VAR}: unknown builder(s) {sorted(unknown)}; known: {', '.join(BUILDERS)}")
    return wanted


def missing(builder: str) -> str | None:
    """Why this builder cannot run here, or None."""
    if builder == "zensical" and importlib.util.find_spec("zensical") is None:
        return "Zensical is not installed (dependency group zensical: nox -s tests-zensical installs it)"
    return None


def require(builder: str) -> None:
    """Skip a test whose builder cannot run here; in CI (CI set) fail it instead, as every other missing tool."""
    import pytest

    why = missing(builder)
    if why:
        if os.environ.get("CI"):
            pytest.fail(why)
        pytest.skip(why)


def build(data_dir: Path, site_dir: Path, builder: str = "mkdocs") -> subprocess.CompletedProcess:
    env = {**os.environ, "HANDBOK_DATA": str(data_dir), "NO_MKDOCS_2_WARNING": "1"}
    if builder == "zensical":  # its own work folder beside the site, so that builds of other data never mix
        work = Path(site_dir).parent / (Path(site_dir).name + "-zensical-work")
        cmd = [sys.executable, "-c", _ZENSICAL, str(data_dir), str(site_dir), str(work)]
    else:
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


@functools.cache
def _once(data_dir: Path, name: str, builder: str) -> tuple[Path, subprocess.CompletedProcess]:
    out = Path(tempfile.mkdtemp(prefix=f"handbok-{name}-site-{builder}-"))
    atexit.register(shutil.rmtree, out, ignore_errors=True)
    site = out / "site"
    site.mkdir()
    return site, build(data_dir, site, builder)


def shipped(builder: str) -> tuple[Path, subprocess.CompletedProcess]:
    """The site alone built from the shipped data with builder, once per test run, and how the build went: the
    fixture real_site (tests/conftest.py) and tests/test_builders.py read the same build."""
    return _once(ROOT / "data", "real", builder)


def valid(builder: str) -> tuple[Path, subprocess.CompletedProcess]:
    """The site alone built from the small valid dataset (tests/fixtures/valid) with builder, once per test run:
    the fixture valid_site (tests/conftest.py), where tests may name its parties and figures."""
    return _once(ROOT / "tests" / "fixtures" / "valid", "valid", builder)


def copy_data(target: Path, source: Path = ROOT / "data") -> Path:
    shutil.copytree(source, target)
    return target


def read(site_dir: Path, page: str) -> str:
    return (site_dir / page).read_text(encoding="utf-8")


def search_docs(site_dir: Path) -> list[dict]:
    """The search index's entries (location, title, text), whichever builder wrote it: Material writes
    search/search_index.json with "docs", Zensical search.json with "items"."""
    material = site_dir / "search" / "search_index.json"
    if material.is_file():
        return json.loads(material.read_text(encoding="utf-8"))["docs"]
    return json.loads((site_dir / "search.json").read_text(encoding="utf-8"))["items"]
