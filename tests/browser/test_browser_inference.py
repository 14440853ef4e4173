"""The (slutsats) marker and its legend with a keyboard and a screen reader: every marker is a link that Tab
reaches, whose accessible name says what it is, and that leads to the statement's basis; the legend's link is
reachable too. axe runs on every page in test_browser_pages, these pages included."""

from __future__ import annotations

import re

import pytest

MAX_TABS = 400


def _tab_to(page, js: str) -> bool:
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(js):
            return True
    return False


@pytest.mark.parametrize("path", ["forum/regional-samordningsgrupp.html", "parter/osteraker.html", "forum/index.html"])
def test_marker_is_reached_by_tab_named_and_leads_to_why(page, base_url, path):
    page.goto(base_url + path)
    marker = page.get_by_role("link", name=re.compile(r" – handbokens slutsats, läs varför$"))
    assert marker.count() > 0, f"{path}: no marker with an accessible name"
    assert _tab_to(page, "document.activeElement.classList.contains('handbok-slutsats')"), (
        f"{path}: Tab never reaches a marker"
    )
    focused = page.evaluate("document.activeElement.getBoundingClientRect().width")
    assert focused > 0, "the focused marker is not visible"
    href = page.evaluate("document.activeElement.getAttribute('href')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    anchor = href.partition("#")[2]
    assert page.url.endswith("slutsatser.html#" + anchor), page.url
    assert page.locator(f"[id='{anchor}']").count() == 1, f"the basis #{anchor} is missing"


def test_legend_is_visible_text_with_a_link_reached_by_tab(page, base_url):
    page.goto(base_url + "parter/nacka.html")
    legend = page.locator(".handbok-forklaring").first
    assert legend.is_visible() and "(slutsats)" in legend.inner_text()
    assert _tab_to(
        page, "!!document.activeElement.closest('.handbok-forklaring') && document.activeElement.tagName === 'A'"
    ), "Tab never reaches the legend's link"
