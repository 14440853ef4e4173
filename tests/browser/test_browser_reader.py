"""The reader test: a newcomer's five questions, each answered one tap from the start page, on a phone (320×640)
and at a desk (1280×800). For each: start on the start page, tap the one link that leads to the answer, and find
the answer's own text on screen without scrolling sideways: what we commit to, where we sit and with which function,
what happens in aktiverat läge, what we pay, whom to reach. The party is the first municipality in the shipped data,
as a municipality's security coordinator would read it; names, functions and figures come from the data."""

from __future__ import annotations

import pytest

from macros.core import fees, pages, pipeline
from macros.site.config import data_dir
from macros.text.format import kronor
from tests.sitebuild import ROOT

HANDBOK = pipeline.load(data_dir(ROOT / "mkdocs.yml"))[0]
SIZES = {"phone": {"width": 320, "height": 640}, "desk": {"width": 1280, "height": 800}}
PART = next(p for p in HANDBOK.parter_idag() if p.kategori == "kommun")


def _newest_fee() -> str:
    ar = max(b.ar for b in HANDBOK.avgifter.budgetar if PART.part_under_ar(b.ar))
    return kronor(fees.avgift(HANDBOK, PART, ar).belopp)


# question → (the link's name on the start page, the page it leads to, the answer's text there)
QUESTIONS = {
    "what we commit to": (
        "De gemensamma åtagandena",
        pages.html(pages.OVERENSKOMMELSE),
        HANDBOK.overenskommelse.atagande[0].rubrik,
    ),
    "where we sit, with which function": (
        PART.namn,
        pages.html(pages.part_sida(PART.id)),
        HANDBOK.sitter_i(PART.id)[0][1].funktion,
    ),
    "what happens in aktiverat läge": (
        "Så larmar ni och vem ni når",
        "aktiverat-lage.html",
        "Så begär ni aktiverat läge",
    ),
    "what we pay": (PART.namn, pages.html(pages.part_sida(PART.id)), _newest_fee()),
    "whom to reach": ("Så larmar ni och vem ni når", "aktiverat-lage.html", "Vem ni når när något händer"),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("question", QUESTIONS)
def test_each_question_is_answered_one_tap_from_the_start_page(context_factory, base_url, size, question, tmp_path):
    viewport = SIZES[size]
    link_name, target, answer = QUESTIONS[question]
    context, guard = context_factory(base_url, viewport=viewport, color_scheme="light")
    page = context.new_page()
    page.goto(base_url + "index.html")
    link = page.locator("article").get_by_role("link", name=link_name, exact=True).first
    assert link.is_visible(), f"{question}: no link '{link_name}' on the start page at {viewport['width']} px"
    with page.expect_navigation():
        link.click()  # the one tap
    assert page.url.partition("#")[0].endswith(target), f"{question}: the link led to {page.url}"

    found = page.locator("article").get_by_text(answer, exact=False).first
    found.wait_for(state="visible")
    # Scroll the page down to the answer, never sideways: Playwright's own scrolling would also scroll a table's
    # box sideways, which is exactly what a reader should not have to do.
    found.evaluate("el => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 80)")
    sideways = found.evaluate(
        "el => { let n = 0; for (let e = el; e; e = e.parentElement) n += e.scrollLeft; return n + window.scrollX; }"
    )
    assert sideways == 0, f"{question}: something scrolled sideways to show the answer ({sideways} px)"
    box = found.bounding_box()
    page.screenshot(path=str(tmp_path / f"{question.replace(' ', '-')}-{viewport['width']}.png"))
    assert box is not None, f"{question}: the answer '{answer}' is not shown"
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"] + 1, (
        f"{question}: at {viewport['width']} px the answer '{answer}' lies outside the screen ({box}); "
        "a reader would have to scroll sideways to see it"
    )
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"{question}: the page scrolls sideways ({width} px)"
    assert not guard.off_origin, guard.off_origin
