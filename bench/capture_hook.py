"""MkDocs hook for the benchmark's baseline: save the site our data layer produces as a plain MkDocs project.

Listed after macros/site/hooks.py in a copy of mkdocs.yml, so it sees the final menu, every generated file
and each page's Markdown after mkdocs-macros has rendered it. It writes them to BENCH_CAPTURE/docs and the
menu to BENCH_CAPTURE/capture.json; bench/baseline.py turns that into a project without macros or hooks.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from mkdocs.structure.files import InclusionLevel

OUT = Path(os.environ.get("BENCH_CAPTURE", "bench-capture"))


def on_config(config):
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "nav.json").write_text(json.dumps(config.nav, ensure_ascii=False), encoding="utf-8")
    return config


def on_files(files, config):
    not_in_nav = []
    for f in files:
        if f.inclusion == InclusionLevel.NOT_IN_NAV:
            not_in_nav.append(f.src_uri)
        if f.is_documentation_page():
            continue  # written with its rendered Markdown in on_page_markdown
        target = OUT / "docs" / f.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(f.content_bytes)
    (OUT / "not_in_nav.json").write_text(json.dumps(sorted(not_in_nav)), encoding="utf-8")
    return files


def on_page_markdown(markdown, page, config, files):
    target = OUT / "docs" / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    meta = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in page.meta.items())
    target.write_text(f"---\n{meta}---\n\n{markdown}" if meta else markdown, encoding="utf-8")
    return markdown
