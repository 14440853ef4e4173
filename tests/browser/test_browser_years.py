"""Twelve budget years in the browser: the fee page and a municipality's page on a phone (320 px) and a desktop
(1280 px) pass axe, the fee page itself does not scroll sideways (the year table scrolls in its own box), and
the table's headers are real headers. Synthetic data (bench/synth.py) from the fixture dataset; the site only."""

from __future__ import annotations

import functools
import threading

import pytest

from bench import synth
from tests.browser.conftest import _QuietHandler, _Server, guarded_context
from tests.browser.test_browser_pages import AXE_OPTIONS
from tests.helpers import VALID
from tests.sitebuild import build

PAGES = ["avgifter.html", "parter/nacka.html"]


@pytest.fixture(scope="module")
def twelve_years(tmp_path_factory):
    root = tmp_path_factory.mktemp("years")
    data = synth.generate(1, root / "data", source=VALID, years=12)
    result = build(data, root / "site")
    assert result.returncode == 0, result.stderr
    server = _Server(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=root / "site"))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("width", [320, 1280])
def test_many_years_read_well_on_a_phone_and_a_desktop(browser, twelve_years, width):
    from axe_playwright_python.sync_playwright import Axe

    context, guard = guarded_context(browser, twelve_years, viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        for name in PAGES:
            page.goto(twelve_years + name)
            page.wait_for_load_state("load")
            violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
            assert not violations, (name, width, [v["id"] for v in violations])
        # The year table scrolls in its own box; the page itself stays as wide as the screen.
        page.goto(twelve_years + "avgifter.html")
        page_width = page.evaluate("document.scrollingElement.scrollWidth")
        assert page_width <= width, f"the fee page scrolls sideways at {width} px ({page_width} px wide)"
        headers = page.eval_on_selector_all(".handbok-avgifter th[scope=col]", "cells => cells.map(c => c.textContent)")
        assert headers == ["Kommun", *(str(y) for y in range(2026, 2014, -1))]
        rows = page.eval_on_selector_all(".handbok-avgifter tbody th[scope=row]", "cells => cells.length")
        assert rows == 3
        assert not guard.off_origin and not guard.errors
    finally:
        context.close()
