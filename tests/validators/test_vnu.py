"""Every page of the built site, theme chrome included, is valid HTML by the Nu Html Checker (vnu)."""

from __future__ import annotations

import json
import subprocess
from collections import Counter

import pytest

from .tools import npm_file, npm_version, program


@pytest.mark.parametrize("builder", ["mkdocs"], indirect=True)  # the MkDocs build, as before
def test_nu_html_checker_finds_no_error_on_any_page(builder, published_site):
    java = program("java")
    jar = npm_file("vnu-jar/build/dist/vnu.jar")
    site = published_site
    run = subprocess.run(
        [java, "-jar", str(jar), "--skip-non-html", "--errors-only", "--format", "json", str(site)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = [m for m in json.loads(run.stderr or '{"messages": []}')["messages"] if m.get("type") == "error"]
    pages = Counter(m["url"].removeprefix(site.as_uri() + "/") for m in messages)
    kinds = Counter(m["message"] for m in messages)
    assert not messages, (
        f"vnu {npm_version('vnu-jar')}: {len(messages)} errors on {len(pages)} pages\n"
        + "\n".join(f"  {n} × {text}" for text, n in kinds.most_common())
        + "\nfirst pages: "
        + ", ".join(sorted(pages)[:5])
    )
    assert run.returncode == 0, run.stderr[-2000:]
