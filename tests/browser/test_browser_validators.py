"""Two more accessibility checkers on every page of the served site, besides axe (test_browser_pages.py):
HTML_CodeSniffer through pa11y, and Lighthouse's accessibility category. Both drive Debian's chromium from
Node (tests/validators/*.mjs, packages pinned in tests/package-lock.json).

pa11y runs every page in both colour schemes, at 1280 and at 320 px, loading it once per width and switching the
scheme in place (tests/validators/pa11y.mjs says why that tests the same). Lighthouse is slow (seconds a page), so it
runs every page twice, light at 1280 px and dark at 320 px, in two Chromium processes at once; its accessibility
audits are axe rules, which test_browser_pages.py runs on every page in all four combinations.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.validators.tools import npm_file, npm_version, program

from .conftest import MKDOCS_ONLY, SCHEMES, serve

SCRIPTS = Path(__file__).resolve().parent.parent / "validators"
WIDTHS = [1280, 320]


def run_node(script: str, base_url: str, pages: list[str], schemes: list[str], widths: list[int]) -> dict:
    """Run tests/validators/<script> on the pages; its JSON result."""
    node, chromium = program("node"), program("chromium")
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as job:
        json.dump({"base": base_url, "pages": pages, "schemes": schemes, "widths": widths, "palettes": SCHEMES}, job)
    try:
        run = subprocess.run(
            [node, str(SCRIPTS / script), job.name],
            capture_output=True,
            text=True,
            timeout=3600,
            env={**os.environ, "CHROME_PATH": chromium, "PUPPETEER_SKIP_DOWNLOAD": "1"},
        )
    finally:
        os.unlink(job.name)
    assert run.returncode == 0, f"{script} failed:\n{run.stderr[-3000:]}"
    return json.loads(run.stdout)


def wrong_scheme(found: dict) -> list[str]:
    """The results ("<scheme> <width> <page>") whose page showed another palette than the scheme's."""
    return [key for key, v in found.items() if v["scheme"] != SCHEMES[key.split()[0]]]


@MKDOCS_ONLY
def test_html_codesniffer_finds_no_error_on_any_page(builder, base_url, pages):
    npm_file("pa11y/package.json")
    found = run_node("pa11y.mjs", base_url, pages, ["light", "dark"], WIDTHS)
    assert len(found) == 4 * len(pages)
    assert not wrong_scheme(found), f"the colour scheme was not applied: {wrong_scheme(found)}"
    errors = {key: v["issues"] for key, v in found.items() if v["issues"]}
    report = "\n".join(
        f"  {key}: " + "; ".join(f"{i['code']} at {i['selector']}" for i in issues) for key, issues in errors.items()
    )
    assert not errors, f"pa11y {npm_version('pa11y')} (HTML_CodeSniffer, WCAG2AA), {len(errors)} failing:\n{report}"


# A rule for the dark palette only: grey text on a grey background (contrast about 1.3:1).
DARK_ONLY_LOW_CONTRAST = (
    "<style>[data-md-color-scheme=slate] #planted { color: #666; background: #555; }</style>"
    '<p id="planted">Planterad text med för låg kontrast i mörkt läge.</p>'
)


@MKDOCS_ONLY
def test_html_codesniffer_sees_the_scheme_it_is_switched_to(builder, site, tmp_path):
    """The scheme switch in tests/validators/pa11y.mjs: contrast that fails in the dark scheme only is reported
    in the dark scheme only, at both widths."""
    npm_file("pa11y/package.json")
    copy = tmp_path / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("*.pdf", "*.zip"))
    index = copy / "index.html"
    html = index.read_text(encoding="utf-8")
    assert "</article>" in html, "the front page has no <article> to plant the text in"
    index.write_text(html.replace("</article>", DARK_ONLY_LOW_CONTRAST + "</article>", 1), encoding="utf-8")
    with serve(copy) as planted_url:
        found = run_node("pa11y.mjs", planted_url, ["index.html"], ["light", "dark"], WIDTHS)
    contrast = {key: [i for i in v["issues"] if "1_4_3" in i["code"]] for key, v in found.items()}
    assert {key for key, issues in contrast.items() if issues} == {f"dark {w} index.html" for w in WIDTHS}, contrast
    assert all(i["selector"].endswith("#planted") for issues in contrast.values() for i in issues), contrast


@MKDOCS_ONLY
def test_lighthouse_gives_every_page_100_for_accessibility(builder, base_url, pages):
    npm_file("lighthouse/package.json")
    halves = [pages[0::2], pages[1::2]]
    combos = [(["light"], [1280]), (["dark"], [320])]
    jobs = [(half, schemes, widths) for half in halves for schemes, widths in combos]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda job: run_node("lighthouse.mjs", base_url, *job), jobs))
    found = {key: value for result in results for key, value in result.items()}
    assert len(found) == 2 * len(pages)
    assert not wrong_scheme(found), f"the colour scheme was not applied: {wrong_scheme(found)}"
    low = {key: v for key, v in found.items() if v["score"] != 1}
    lowest = min(v["score"] for v in found.values())
    assert not low, f"Lighthouse {npm_version('lighthouse')} accessibility below 100 (lowest {lowest * 100:.0f}):\n" + (
        "\n".join(f"  {key}: {v['score'] * 100:.0f} {v['failed']}" for key, v in sorted(low.items()))
    )
