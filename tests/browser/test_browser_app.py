"""The handbook as an app (macros/outputs/app/): one visit over http on loopback (a secure context, as https is)
keeps the whole edition on the device, and with the network cut every kept page, the search, the agreement and
the activation cards still open; a new edition says so and shows after a reload, its old cache gone; the same
under a sub-path; and nothing of it on file://.

Which files the worker keeps is read from the built worker, so the tests cover what the build lists (the cards
among them once there are any) without being edited.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from macros.core import pages
from tests.sitebuild import ROOT

from .conftest import serve, shown

NOTICE = ".app-utgava"
NOTICE_TEXT = "En ny utgåva finns – ladda om sidan."
CONTROLLED = "navigator.serviceWorker.controller !== null"
CACHES = "caches.keys()"


def kept(site: Path) -> list[str]:
    """The files the built worker keeps (its PRECACHE list), as paths from the site's root."""
    code = (site / pages.APP_WORKER).read_text(encoding="utf-8")
    return json.loads(re.search(r"^const PRECACHE = (\[.*?\]);$", code, re.M | re.S).group(1))


def edition(site: Path) -> str:
    code = (site / pages.APP_WORKER).read_text(encoding="utf-8")
    return json.loads(re.search(r"^const EDITION = (.*);$", code, re.M).group(1))


def visit_once(context_factory, root: str):
    """A fresh browser (no cache, no worker) that has opened the start page once and is controlled by the worker."""
    context, guard = context_factory(root)
    page = context.new_page()
    page.goto(root + "index.html")
    page.wait_for_function(CONTROLLED)
    return context, guard, page


def fetch_all(page, root: str, paths: list[str]) -> dict[str, list]:
    """Each path fetched from the page: [status, bytes, answered by the worker's cache or not]."""
    return page.evaluate(
        """async ([root, paths]) => {
          const out = {};
          for (const path of paths) {
            try {
              const r = await fetch(root + path);
              out[path] = [r.status, (await r.arrayBuffer()).byteLength];
            } catch (error) {
              out[path] = [0, String(error)];
            }
          }
          return out;
        }""",
        [root, paths],
    )


def works_offline(context, page, root: str, site: Path, search_driver, guard) -> None:
    """With the network cut: every kept file comes back whole, pages never visited open with their styles, a
    search finds a party's page, and every kept PDF opens."""
    files = kept(site)
    context.set_offline(True)
    got = fetch_all(page, root, files)
    wrong = {p: v for p, v in got.items() if v != [200, (site / p).stat().st_size]}
    some = dict(list(wrong.items())[:5])
    assert not wrong, f"{len(wrong)} of {len(files)} kept files not served whole offline: {some}"

    never_visited = [p for p in files if p.endswith(".html") and p != "index.html" and "/" in p][:3]
    never_visited += [pages.html(pages.OVERENSKOMMELSE), pages.html(pages.ORDLISTA)]
    for rel in never_visited:
        response = page.goto(root + rel)
        assert response.ok and response.from_service_worker, rel
        assert page.locator("h1").first.inner_text().strip(), f"{rel}: no heading offline"
        assert page.locator("link[rel=stylesheet][href*='main']").evaluate("l => l.sheet !== null"), f"{rel}: no style"

    from macros.core import pipeline
    from macros.site.config import data_dir

    handbok = pipeline.load(data_dir(ROOT / "mkdocs.yml"))[0]
    part = handbok.parter[sorted(handbok.parter)[0]]
    target = pages.html(pages.part_sida(part.id))
    page.goto(root + pages.html(pages.AVGIFTER))  # a page never visited: its search worker starts offline
    found = search_driver(page, root).query(part.namn)
    assert target in found[:3], f"offline search for {part.namn!r}: {found[:5]}"

    pdfs = [p for p in files if p.endswith(".pdf")]
    assert pages.OVERENSKOMMELSE_PDF in pdfs, pdfs
    for rel in pdfs:
        response = page.goto(root + rel)
        assert response.ok and response.from_service_worker, rel
        assert response.header_value("content-type") == "application/pdf", rel
    assert not guard.off_origin, guard.off_origin
    assert not guard.errors, guard.errors


def test_the_worker_keeps_pages_search_agreement_and_cards_not_sheets_or_zip(site):
    files = kept(site)
    on_disk = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert set(files) <= on_disk, sorted(set(files) - on_disk)
    assert {p for p in on_disk if p.endswith(".html")} <= set(files)
    assert pages.OVERENSKOMMELSE_PDF in files
    cards = {p for p in on_disk if p.startswith(pages.AKTIVERINGSKORT_DIR + "/") and p.endswith(".pdf")}
    assert cards, "the build writes an activation card per party"
    assert cards <= set(files), sorted(cards - set(files))
    sheets = [p for p in on_disk if p.startswith(pages.PARTBLAD_DIR + "/")]
    assert sheets and not set(sheets) & set(files)
    assert pages.OFFLINE_ARKIV not in files and pages.APP_MANIFEST in files


def test_after_one_visit_the_handbook_works_offline(builder, context_factory, base_url, site, search_driver):
    context, guard, page = visit_once(context_factory, base_url)
    works_offline(context, page, base_url, site, search_driver, guard)


def test_under_a_sub_path_the_same_works(builder, context_factory, site, search_driver, tmp_path):
    """A GitHub Pages project site: the handbook at /samverkanshandboken/, the worker's scope that folder only."""
    (tmp_path / "samverkanshandboken").symlink_to(site, target_is_directory=True)
    with serve(tmp_path) as host:
        root = host + "samverkanshandboken/"
        context, guard, page = visit_once(context_factory, root)
        scope = page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.scope)")
        assert scope == root
        works_offline(context, page, root, site, search_driver, guard)


def test_a_party_sheet_is_kept_once_opened_and_the_zip_never(context_factory, base_url, site):
    sheets = sorted(p.relative_to(site).as_posix() for p in (site / pages.PARTBLAD_DIR).glob("*.pdf"))
    opened, unopened = sheets[0], sheets[-1]
    context, _guard, page = visit_once(context_factory, base_url)
    online = fetch_all(page, base_url, [opened, pages.OFFLINE_ARKIV])
    assert online[opened][0] == 200 and online[pages.OFFLINE_ARKIV][0] == 200, online
    context.set_offline(True)
    offline = fetch_all(page, base_url, [opened, unopened, pages.OFFLINE_ARKIV])
    assert offline[opened] == [200, (site / opened).stat().st_size], offline
    assert offline[unopened][0] == 0 and offline[pages.OFFLINE_ARKIV][0] == 0, offline
    response = page.goto(base_url + unopened)
    assert response.status == 503
    assert shown(page.locator("h1")) == "Sidan finns inte sparad på enheten"
    assert page.locator("html").get_attribute("lang") == "sv"


def test_on_file_urls_no_worker_registers(context_factory, unpacked):
    """The zip, unpacked and opened from disk: the app's script is on the page and does nothing."""
    root = unpacked.as_uri() + "/"
    context, guard = context_factory(root)
    asked = []
    context.on("request", lambda r: asked.append(r.url))
    page = context.new_page()
    page.goto(root + "index.html", wait_until="load")
    assert page.locator("script[data-worker]").count() == 1
    # Chromium has no workers for file:// at all (it refuses even to list them): none, or none listed.
    registrations = "navigator.serviceWorker?.getRegistrations().then(r => r.length, () => 0) ?? 0"
    assert page.evaluate(registrations) == 0
    assert page.locator(NOTICE).count() == 0, "the app's script ran on file://"
    assert not [u for u in asked if u.endswith(pages.APP_WORKER)], asked
    assert not guard.errors, guard.errors


# --- A new edition ----------------------------------------------------------------------------------------------


def new_edition(data: Path) -> tuple[str, str]:
    """Rename the first party in the data folder data: its page and the new name."""
    path = sorted((data / "parter").glob("*.yaml"))[0]
    text = path.read_text(encoding="utf-8")
    name = re.search(r"^namn: (.+)$", text, re.M).group(1).strip().strip("\"'")
    renamed = f"{name} Provutgåva"
    path.write_text(re.sub(r"^namn: .+$", f"namn: {renamed}", text, count=1, flags=re.M), encoding="utf-8")
    return pages.html(pages.part_sida(path.stem)), renamed


def build(data: Path, out: Path, builder: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "macros", "build", "--data", str(data), "--out", str(out), "--builder", builder],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_new_edition_is_announced_and_shown_after_a_reload(builder, context_factory, site, tmp_path):
    from axe_playwright_python.sync_playwright import Axe

    served = tmp_path / "site"
    shutil.copytree(site, served)
    data = shutil.copytree(ROOT / "data", tmp_path / "data")
    with serve(served) as root:
        _context, guard, page = visit_once(context_factory, root)
        before = page.evaluate(CACHES)
        assert len(before) == 1 and before[0].endswith(edition(served)), before
        rel, renamed = new_edition(data)
        build(data, served, builder)
        page.goto(root + rel)  # a visit looks for a new edition; this page is still the kept one
        assert shown(page.locator("h1")) != renamed
        notice = page.locator(NOTICE)
        notice.get_by_text(NOTICE_TEXT).wait_for()  # shown once the new edition's worker has taken over
        assert notice.get_attribute("role") == "status"
        after = page.evaluate(CACHES)
        assert after == [before[0].removesuffix(edition(site)) + edition(served)], after

        # By keyboard from the top of the page: the skip link, then the notice's button.
        for _ in range(5):
            page.keyboard.press("Tab")
            if page.evaluate(f"document.activeElement.closest('{NOTICE}') !== null"):
                break
        button = page.locator(f"{NOTICE} button")
        assert button.evaluate("b => b === document.activeElement"), "the notice's button is not near the top"
        assert button.inner_text() == "Ladda om"

        axe, schemes = Axe(), []
        for _ in range(2):  # in the light palette, then in the dark one
            schemes.append(page.get_attribute("body", "data-md-color-scheme"))
            found = axe.run(page, context=NOTICE, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]})
            assert not found.response["violations"], found.generate_report()
            page.locator("[data-md-component=palette] label:not([hidden])").click()  # the other palette
        assert schemes == ["default", "slate"], schemes

        button.focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert shown(page.locator("h1")) == renamed
        assert page.locator(NOTICE).inner_text() == ""
    assert not guard.off_origin, guard.off_origin
