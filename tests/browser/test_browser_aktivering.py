"""Aktiverat läge on a phone: from the start page at 320 px, how to raise it and whom to reach are one tap away,
and the page answers both in its first lines; every page's menu and every party page lead there too."""

from __future__ import annotations

import re

from macros.core import pages
from tests.sitebuild import ROOT

PHONE = {"width": 320, "height": 640}


def test_from_the_start_page_at_320_px_one_tap_answers_how_to_raise_it_and_whom_to_reach(context_factory, base_url):
    context, guard = context_factory(base_url, viewport=PHONE, color_scheme="light")
    page = context.new_page()
    page.goto(base_url + "index.html")
    link = page.get_by_role("link", name="Så larmar ni och vem ni når")
    assert link.is_visible()
    box = link.bounding_box()
    assert box and box["y"] + box["height"] <= PHONE["height"], f"the link is below the first screen: {box}"
    with page.expect_navigation():
        link.click()
    assert page.url.endswith(pages.html(pages.AKTIVERAT_LAGE))
    content = page.locator("article")
    first = content.locator("p").nth(0).inner_text()
    second = content.locator("p").nth(1).inner_text()
    assert first.startswith("Så begär ni aktiverat läge:"), first
    assert second.startswith("Vem ni når när något händer:"), second
    for paragraph in (content.locator("p").nth(0), content.locator("p").nth(1)):
        top = paragraph.bounding_box()["y"]
        assert top < PHONE["height"], "an answer starts below the first screen"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways at 320 px ({width} px)"
    assert not guard.off_origin, guard.off_origin


def test_every_page_has_the_page_in_its_menu(site):
    target = pages.html(pages.AKTIVERAT_LAGE)
    missing = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel in ("404.html",) or rel.startswith(("assets/", "search/")):
            continue
        depth = "../" * rel.count("/")
        link = re.compile(rf'<a href="(?:\./)?{re.escape(depth + target)}" class="md-nav__link')  # Zensical: ./
        if not link.search(path.read_text(encoding="utf-8")):
            missing.append(rel)
    assert not missing, f"{len(missing)} pages lack the menu link, e.g. {missing[:5]}"


def test_a_phone_reader_reaches_it_from_a_party_page_in_one_tap(context_factory, base_url):
    from macros.core import pipeline
    from macros.site.config import data_dir

    handbok = pipeline.load(data_dir(ROOT / "mkdocs.yml"))[0]
    part = handbok.parter[sorted(handbok.parter)[0]]
    context, _guard = context_factory(base_url, viewport=PHONE, color_scheme="light")
    page = context.new_page()
    page.goto(base_url + pages.html(pages.part_sida(part.id)))
    card = page.get_by_role("link", name="Aktiveringskort som PDF")
    assert card.get_attribute("href") == "../" + pages.aktiveringskort_fil(part.id)
    with page.expect_navigation():
        page.get_by_role("link", name="Så larmar ni och vem ni når").click()
    assert page.url.endswith(pages.html(pages.AKTIVERAT_LAGE))
