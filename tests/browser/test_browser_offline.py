"""Offline use: the zip linked from the start page holds the whole site with its date and data revision, and the
site unpacked from it works from disk (file://): navigation, search and the PDF, with no request anywhere else."""

from __future__ import annotations

import re

import pytest

from macros.core.pages import OFFLINE_ARKIV as ARKIV
from macros.outputs.offline import README
from macros.tools.outdir import MANIFEST

from .conftest import shown


def test_start_page_links_to_the_archive(site):
    assert re.search(rf'<a [^>]*href="{re.escape(ARKIV)}"', (site / "index.html").read_text(encoding="utf-8"))
    assert (site / ARKIV).is_file()


def test_archive_holds_the_whole_site_with_date_and_revision(site, unpacked):
    assert re.fullmatch(r"samverkanshandboken-\d{4}-\d{2}-\d{2}-[0-9a-z-]+", unpacked.name), unpacked.name
    about = (unpacked / README).read_text(encoding="utf-8")
    date = unpacked.name.split("-")[1:4]
    assert re.search(rf"Byggd: {'-'.join(date)} \d\d:\d\d UTC", about), about
    revision = re.search(r"Datans revision \(git\): (\S+)", about).group(1)
    assert unpacked.name.endswith("-" + revision)
    # The build's list of what it wrote (macros/tools/outdir.py) is written after the zip, and lists it.
    in_site = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()} - {ARKIV, MANIFEST}
    in_zip = {p.relative_to(unpacked).as_posix() for p in unpacked.rglob("*") if p.is_file()} - {README}
    assert in_zip == in_site, (
        f"only in the site: {sorted(in_site - in_zip)[:5]}; only in the zip: {sorted(in_zip - in_site)[:5]}"
    )


@pytest.fixture
def disk_page(context_factory, unpacked):
    root = unpacked.as_uri() + "/"
    context, guard = context_factory(root)  # anything not under the unpacked folder is off-origin here
    page = context.new_page()
    page.goto(root + "index.html")
    return page, guard, root


def test_navigation_works_from_disk(disk_page):
    page, guard, root = disk_page
    with page.expect_navigation():
        page.locator(".md-nav--primary a.md-nav__link[href$='parter/index.html']").first.click()
    assert page.url == root + "parter/index.html"
    assert page.locator("h1").inner_text().strip()
    with page.expect_navigation():
        page.locator("article a[href$='nacka.html']").first.click()
    assert page.url == root + "parter/nacka.html"
    assert shown(page.locator("h1")) == "Nacka kommun"
    assert page.locator("link[rel=stylesheet][href*='main']").evaluate("l => l.sheet !== null"), "no stylesheet"
    assert not guard.off_origin, guard.off_origin
    assert not guard.errors, guard.errors


def test_search_works_from_disk(disk_page, search_driver):
    page, guard, root = disk_page
    search = search_driver(page, root)
    assert search.query("Nacka")[0] == "parter/nacka.html"
    assert search.query("SLL")[0] == "parter/stockholms-lans-landsting.html"
    with page.expect_navigation():
        page.locator(search.RESULT_LINK).first.click()
    assert page.url.split("?")[0] == root + "parter/stockholms-lans-landsting.html"
    assert not guard.off_origin, guard.off_origin
    assert not guard.errors, guard.errors


def test_pdf_links_work_from_disk(unpacked):
    """Every link to a PDF, from every page of the unpacked site, points at a PDF file that is there."""
    links = 0
    for html in unpacked.rglob("*.html"):
        for href in re.findall(r'href="([^"#?]+\.pdf)"', html.read_text(encoding="utf-8")):
            target = (html.parent / href).resolve()
            assert target.is_file() and target.read_bytes()[:5] == b"%PDF-", f"{html.name}: {href}"
            links += 1
    assert links, "no page links to a PDF"
