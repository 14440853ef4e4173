"""Keyboard only: a skip link that skips the menu, a focus indicator you can see at every tab stop, and search and
the PDF reachable and usable without a mouse."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import MKDOCS_ONLY, ZensicalSearch, settled

MAX_TABS = 400  # more tab stops than any page has; reaching the limit means the target is not reachable

# The element that has focus, or the label that Material draws for a visually hidden control (the scheme toggle).
FOCUSED_BOX = """() => {
  let e = document.activeElement;
  if (!e || e === document.body) return null;
  let r = e.getBoundingClientRect();
  if ((r.width < 2 || r.height < 2) && e.nextElementSibling && e.nextElementSibling.tagName === 'LABEL') {
    r = e.nextElementSibling.getBoundingClientRect();  // Material's toggles: a hidden input, then its button
  }
  return {x: r.x, y: r.y, width: r.width, height: r.height, scroll: window.scrollY,
          name: e.tagName + (e.className ? '.' + String(e.className).split(' ')[0] : '') + ' ' +
                (e.getAttribute('href') || e.getAttribute('aria-label') || e.innerText || '').slice(0, 50)};
}"""


def _tab_to(page, predicate_js: str) -> bool:
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(predicate_js):
            return True
    return False


def test_skip_link_is_first_visible_and_skips_the_menu(page, base_url):
    from playwright.sync_api import expect

    page.goto(base_url + "parter/nacka.html")
    page.keyboard.press("Tab")
    skip = page.locator("a.md-skip")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')"), "first Tab stop is not the skip link"
    assert skip.is_visible() and skip.inner_text().strip(), "the skip link does not show when it has focus"
    box = skip.bounding_box()
    assert box and box["y"] >= 0 and box["x"] >= 0, f"the focused skip link is off screen: {box}"
    target = skip.get_attribute("href")
    assert target.startswith("#") and page.locator(target).count() == 1, f"skip link target {target} is missing"
    page.keyboard.press("Enter")
    # The jump to the fragment lands after the key press returns, later on a busy machine: wait for it.
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('.md-content')"), (
        "after the skip link, Tab should land in the page content, not in the menu: "
        + page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
    )


def _stops_without_visible_focus(page, limit: int = MAX_TABS) -> tuple[int, list[str]]:
    """Tab through the page (up to ``limit`` stops); return the number of stops and those that look no different
    with focus than without it."""
    invisible, seen, first = [], 0, None
    for _ in range(limit):
        page.keyboard.press("Tab")
        box = page.evaluate(FOCUSED_BOX)
        if box is None or (first is not None and box["name"] == first and seen > 1):
            break  # back at the start of the page: every stop has been seen
        first = first or box["name"]
        seen += 1
        if box["width"] < 1 or box["height"] < 1:
            invisible.append(f"{box['name']} (no size)")
            continue
        pad = 6  # the indicator may be drawn outside the element (outline, offset)
        clip = {
            "x": max(box["x"] - pad, 0),
            "y": max(box["y"] - pad, 0),
            "width": box["width"] + 2 * pad,
            "height": box["height"] + 2 * pad,
        }
        focused = page.screenshot(clip=clip, animations="disabled", caret="initial")
        # The same spot without focus: step back with Shift+Tab as a reader would (so the theme reacts as it
        # does to a reader), then Tab forward again. If stepping back scrolled the page, blur instead.
        page.keyboard.press("Shift+Tab")
        if page.evaluate("window.scrollY") != box["scroll"]:
            page.keyboard.press("Tab")
            page.evaluate("document.activeElement.blur()")  # Tab goes on from here (focus navigation start point)
            unfocused = page.screenshot(clip=clip, animations="disabled", caret="initial")
        else:
            unfocused = page.screenshot(clip=clip, animations="disabled", caret="initial")
            page.keyboard.press("Tab")
        if focused == unfocused:
            invisible.append(box["name"])
    return seen, invisible


@pytest.mark.parametrize("rel", ["index.html", "parter/nacka.html"])
def test_every_tab_stop_shows_visible_focus(page, base_url, rel):
    """At each tab stop the focused element looks different from the same element without focus."""
    page.goto(base_url + rel)
    settled(page)  # the theme mounts its components (search, tables) after load
    seen, invisible = _stops_without_visible_focus(page)
    assert seen > 20, f"only {seen} tab stops on {rel}"
    assert not invisible, f"{len(invisible)} of {seen} tab stops on {rel} show no focus:\n  " + "\n  ".join(invisible)


def test_focus_check_catches_a_hidden_focus_indicator(page, base_url):
    """The check itself: with every focus style flattened away, the menu links show no focus and are reported."""
    page.goto(base_url + "index.html")
    page.add_style_tag(
        content="*, *:focus, *:focus-visible { outline: none !important; box-shadow: none !important;"
        " color: #000 !important; background: #fff !important; text-decoration: none !important; }"
    )
    _seen, invisible = _stops_without_visible_focus(page, limit=8)
    assert sum(name.startswith("A.md-nav__link") for name in invisible) >= 2, invisible


def test_search_works_by_keyboard(page, base_url, builder):
    page.goto(base_url + "index.html")
    if builder == "zensical":  # a button opens the search dialog; focus goes to its input, ArrowDown moves the
        # selection among the results (aria-activedescendant) and Enter opens the selected one
        assert _tab_to(page, "document.activeElement.matches('button.md-search__button')"), "Tab never reaches search"
        page.keyboard.press("Enter")
        page.locator(ZensicalSearch.INPUT).wait_for()
        page.keyboard.type("Nacka")
        page.locator(ZensicalSearch.RESULT_LINK).first.wait_for()
        page.keyboard.press("ArrowDown")
        selected = page.locator(f"{ZensicalSearch.RESULT_LINK}[aria-selected=true]")
        assert selected.count() == 1, "ArrowDown: no result selected"
    else:
        assert _tab_to(page, "document.activeElement.matches('input.md-search__input')"), "Tab never reaches search"
        page.keyboard.type("Nacka")
        page.wait_for_selector(".md-search-result__item")
        page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.matches('.md-search-result__link')"), "ArrowDown: no result"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.split("?")[0].endswith("/parter/nacka.html"), page.url


def _pdf_links(site: Path, pages: list[str]) -> dict[str, str]:
    """page -> the first link to a PDF on it, for pages that have one."""
    found = {}
    for rel in pages:
        m = re.search(r'<a [^>]*href="([^"#?]+\.pdf)"', (site / rel).read_text(encoding="utf-8"))
        if m:
            found[rel] = m.group(1)
    return found


def test_pdf_is_reachable_and_opens_by_keyboard(context_factory, base_url, site, pages):
    # Without the app's service worker: a page it controls fetches the PDF itself, unseen by page.route below.
    page = context_factory(base_url, color_scheme="light", service_workers="block")[0].new_page()
    links = _pdf_links(site, pages)
    assert links, "no page links to a PDF"
    # The agreement's PDF where the site links it, otherwise a party's sheet.
    rel = next((p for p in ("index.html", "overenskommelse.html") if p in links), sorted(links)[0])
    href = links[rel]
    page.goto(base_url + rel)
    assert _tab_to(page, f"document.activeElement.getAttribute('href') === {href!r}"), f"Tab never reaches {href}"
    # Fetch what Enter asks for, then stop there: Chromium's PDF viewer would keep the context from closing.
    got = {}

    def fetch_pdf(route):
        response = route.fetch()
        got.update(url=route.request.url, status=response.status, head=response.body()[:5])
        route.abort()

    page.route("**/*.pdf", fetch_pdf)
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    try:
        with page.expect_event("requestfailed", timeout=10_000):  # fetched, then aborted by fetch_pdf
            page.keyboard.press("Enter")
    except PlaywrightTimeoutError:
        pytest.fail(f"Enter on {href} requested no PDF")
    assert got, f"Enter on {href} requested no PDF"
    assert got["url"] == base_url + _normalise_join(rel, href), got["url"]
    assert got["status"] == 200 and got["head"] == b"%PDF-", f"{href} from {rel}: {got}"


def _normalise_join(rel: str, href: str) -> str:
    parts = [*rel.split("/")[:-1], *href.split("/")]
    out: list[str] = []
    for part in parts:
        if part == "..":
            out.pop()
        elif part not in ("", "."):
            out.append(part)
    return "/".join(out)


# The focused element's box and the sticky header's bottom edge, in the window's coordinates.
FOCUS_AND_HEADER = """() => {
  const e = document.activeElement;
  const header = document.querySelector(".md-header").getBoundingClientRect();
  if (!e || !e.closest("article")) return null;
  const r = e.getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, header: header.bottom, room: innerHeight - header.bottom,
          name: e.tagName + " " + (e.getAttribute("href") || e.innerText || "").slice(0, 50)};
}"""


@MKDOCS_ONLY
@pytest.mark.parametrize("rel", ["overenskommelse.html", "parter/index.html"])
def test_sticky_header_never_hides_the_focused_element(builder, context_factory, base_url, rel):
    """WCAG 2.4.11 Focus not obscured: going back up a long page with Shift+Tab (the browser scrolls each link in
    at the top, under the sticky header), every focused link in the text stays wholly below the header."""
    context, _ = context_factory(base_url, viewport={"width": 1280, "height": 600})
    page = context.new_page()
    page.goto(base_url + rel)
    page.evaluate("() => { const a = [...document.querySelectorAll('article a[href]')].pop(); a.focus(); }")
    hidden, seen = [], 0
    for _ in range(60):
        page.keyboard.press("Shift+Tab")
        box = page.evaluate(FOCUS_AND_HEADER)
        if box is None:
            break
        seen += 1
        # An element taller than the room below the header (a table's scroll box) need not start below it, but a
        # part of it must show (2.4.11: not entirely hidden).
        fits = box["bottom"] - box["top"] <= box["room"]
        if (box["top"] < box["header"] - 0.5) if fits else (box["bottom"] < box["header"] + 24):
            hidden.append(box)
    assert seen >= 10, f"only {seen} links in the text of {rel}"
    report = "\n".join(f"  {b['name']}: top {b['top']:.0f}, header ends at {b['header']:.0f}" for b in hidden[:10])
    assert not hidden, f"{len(hidden)} focused links start under the sticky header:\n{report}"
