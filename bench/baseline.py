"""The baseline: the very pages our data layer produces, saved as static Markdown in a plain Material project.

One build with bench/capture_hook.py added to a copy of mkdocs.yml saves every page's Markdown after the
macros ran, every generated file, and the final menu. The baseline project is mkdocs.yml with the same theme,
Markdown extensions, validation and Material plugins (search, offline), but without mkdocs-macros, our hooks
and the data: what MkDocs and Material cost for these pages on their own.
"""

from __future__ import annotations

import json
import posixpath
import shutil
import sys
from pathlib import Path

import yaml

from .measure import ROOT, run

CONFIG = ROOT / "mkdocs.yml"
HOOK = Path(__file__).resolve().parent / "capture_hook.py"


def _config() -> dict:
    return yaml.safe_load(CONFIG.read_text(encoding="utf-8"))


def _absolute(config: dict) -> dict:
    """Paths in mkdocs.yml are relative to it; the copies live elsewhere."""
    config["docs_dir"] = str(ROOT / config.get("docs_dir", "docs"))
    theme = config.get("theme", {})
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str(ROOT / theme["custom_dir"])
    config["hooks"] = [str(ROOT / h) for h in config.get("hooks", [])]
    config["watch"] = [str(ROOT / w) for w in config.get("watch", [])]
    for entry in config.get("plugins", []):
        if isinstance(entry, dict) and "macros" in entry and entry["macros"].get("module_name"):
            entry["macros"]["module_name"] = str(ROOT / entry["macros"]["module_name"])
    return config


def capture(data_dir: Path, work: Path) -> Path:
    """Build our site once with the capture hook; the saved pages and menu land in work/capture."""
    out = work / "capture"
    shutil.rmtree(out, ignore_errors=True)
    config = _absolute(_config())
    config["hooks"].append(str(HOOK))
    path = work / "capture.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(path), "-d", str(work / "site-capture")],
        env={"HANDBOK_DATA": str(data_dir), "BENCH_CAPTURE": str(out)},
    )
    shutil.rmtree(work / "site-capture", ignore_errors=True)
    return out


def project(captured: Path, work: Path) -> Path:
    """Write the baseline project (work/baseline/mkdocs.yml + docs/) from a capture; returns its config."""
    base = work / "baseline"
    shutil.rmtree(base, ignore_errors=True)
    shutil.copytree(captured / "docs", base / "docs")
    config = _absolute(_config())
    config["docs_dir"] = str(base / "docs")
    config["nav"] = json.loads((captured / "nav.json").read_text(encoding="utf-8"))
    config["not_in_nav"] = "\n".join(_patterns(json.loads((captured / "not_in_nav.json").read_text(encoding="utf-8"))))
    config["plugins"] = [p for p in config.get("plugins", []) if _plugin_name(p) != "macros"]
    # Our own Markdown extensions (the glossary links, macros.site.termlinks) read the data: they are our layer too.
    config["markdown_extensions"] = [
        e for e in config.get("markdown_extensions", []) if not _plugin_name(e).startswith("macros.")
    ]
    for key in ("hooks", "watch"):
        config.pop(key, None)
    path = base / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _plugin_name(entry) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def _patterns(pages: list[str]) -> list[str]:
    """One pattern per folder rather than thousands of single pages, which MkDocs would match one by one."""
    return sorted(
        {f"/{folder}/*.md" if folder else f"/{page}" for page in pages for folder in [posixpath.dirname(page)]}
    )
