"""Golden output for every render function over the fixture dataset, and determinism.

After an intended change in rendering, update the expected files with `nox -s bless`
(or `pytest tests/test_render.py --bless`) and review the diff.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from macros.core import columns, pages, pipeline
from macros.core.model import Begrepp
from macros.core.pages import forum_sida, part_sida
from macros.outputs import opendata
from macros.render import aktivering, avgifter, forum, oppna_data, ordlista, overenskommelse, parter, partsida
from macros.render.common import Kontext
from macros.site import termlinks
from macros.text import escape
from tests.helpers import VALID

FIXTURE = VALID
GOLDEN = Path(__file__).parent / "golden" / "render"
EDIT = "https://forge.invalid/edit/main/"


@pytest.fixture(scope="module")
def handbok(valid_handbok):
    return valid_handbok


def _renderings(h) -> dict[str, str]:
    def ctx(page: str) -> Kontext:
        return Kontext(h, page, edit_base=EDIT)

    out = {
        "partlista.md": parter.partlista(ctx("parter/index.md")),
        "partlankar.md": parter.partlankar(ctx("index.md")),
        "forum_per_niva.md": forum.forum_per_niva(ctx("forum/index.md")),
        "forum_ingress.md": forum.forum_ingress(ctx("forum/index.md")),
        "avgiftstabeller.md": avgifter.avgiftstabeller(ctx("avgifter.md")),
        "overenskommelse.md": overenskommelse.overenskommelse(ctx("overenskommelse.md")),
        "namn.md": overenskommelse.namn(ctx("index.md")),
        "avgiftsregel.md": avgifter.avgiftsregel(ctx("avgifter.md")),
        "avgiftstabell-2015.md": avgifter.avgiftstabell_md(ctx("avgifter.md"), 2015),
        "ordlista.md": ordlista.ordlista(ctx("ordlista.md")),
        "oppna_data.md": oppna_data.oppna_data(ctx("oppna-data.md")),
        "aktiverat_lage.md": aktivering.aktiverat_lage(ctx("aktiverat-lage.md")),
        "samverkan.json": opendata.model_json(h),
        "avgifter-2015.json": opendata.avgift_json(h, 2015),
        "avgifter-2015.csv": opendata.avgift_csv(h, 2015).decode("utf-8"),
        "avgifter-alla-ar.csv": opendata.avgift_csv_alla_ar(h).decode("utf-8"),
        "avgifter-alla-ar.json": opendata.avgift_json_alla_ar(h),
    }
    for ident in h.parter:
        out[f"part-{ident}.md"] = partsida.partsida(ctx(part_sida(ident)), ident)
    for ident in h.forum:
        out[f"forum-{ident}.md"] = forum.forumsida(ctx(forum_sida(ident)), ident)
    return out


def test_render_matches_golden(handbok, bless):
    rendered = _renderings(handbok)
    if bless:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for old in GOLDEN.iterdir():
            old.unlink()
        for name, text in rendered.items():
            with open(GOLDEN / name, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
    expected = {p.name for p in GOLDEN.iterdir()}
    assert expected == set(rendered), "golden files differ in name; run `nox -s bless` and review the diff"
    for name, text in rendered.items():
        with open(GOLDEN / name, encoding="utf-8", newline="") as handle:
            want = handle.read()
        assert text == want, f"{name} differs from tests/golden/render/{name}; run `nox -s bless` if intended"


def test_render_is_deterministic(handbok):
    again, _ = pipeline.check(FIXTURE)
    assert _renderings(handbok) == _renderings(again)


def test_nacka_fee_in_fixture_is_computed():
    h, _ = pipeline.check(FIXTURE)
    page = partsida.partsida(Kontext(h, part_sida("nacka")), "nacka")
    assert "95\u00a0182 invånare × 1,50\u00a0kr = **142\u00a0773\u00a0kr**" in page


def test_every_published_column_is_explained_in_the_order_written(handbok):
    """core/columns.py explains the columns to readers (LASMIG.txt, the open data page); the writer must agree."""
    header = opendata.avgift_csv(handbok, 2015).decode("utf-8-sig").splitlines()[0].split(";")
    assert header == list(columns.KOLUMNER), "the fee CSV's columns differ from columns.KOLUMNER: update both"
    assert opendata.avgift_csv_alla_ar(handbok).decode("utf-8-sig").splitlines()[0].split(";") == header
    sums = opendata.sums_csv(handbok).decode("utf-8-sig").splitlines()[0].split(";")
    assert sums == list(columns.SUMMOR), "the sums CSV's columns differ from columns.SUMMOR: update both"


def test_every_page_the_code_links_to_is_in_docs():
    """macros/core/pages.py names the hand-written pages the render functions link to; each must exist."""
    docs = Path(__file__).parent.parent / "docs"
    named = [v for k, v in vars(pages).items() if k.isupper() and isinstance(v, str) and v.endswith(".md")]
    assert named, "pages.py names no page"
    missing = [name for name in named if not (docs / name).is_file()]
    assert not missing, f"macros/core/pages.py names pages that are not in docs/: {missing}"


def test_csv_cells_cannot_start_a_formula():
    assert escape.csv_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert escape.csv_cell("-1") == "'-1"
    assert escape.csv_cell("Nacka") == "Nacka"
    # A leading space let a formula through; spreadsheets skip it.
    for cell in (" =HYPERLINK(1)", "  +1", "\u00a0-1", " @SUM(A1)", "\tx", "\rx"):
        assert escape.csv_cell(cell) == "'" + cell, cell
    assert escape.csv_cell("Nacka -1") == "Nacka -1"


@pytest.mark.parametrize(
    "value", ["- 1. Täby", "+ x", "1. x", "12) x", "!!! note", "??? x", ": x", "# x", "> x", "| a |", "=== x", "---"]
)
def test_text_from_data_never_starts_a_block(value):
    """A party name "- 1. Täby" made a nested list. What text() and inline() return begins with no list
    marker, no admonition and no other block syntax, in the places where data begins a line."""
    import markdown

    for out in (escape.text(value), escape.inline(value)):
        assert html.unescape(out) == value
        for line in (out, f"- {out}", f"| {out} |\n|---|\n| {out} |", f"## {out}"):
            rendered = markdown.markdown(line, extensions=["admonition", "tables", "attr_list", "footnotes"])
            assert html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip().endswith(value), (line, rendered)
            assert not re.search(r"<(ol|blockquote|div|pre|hr)\b", rendered), rendered
            assert rendered.count("<ul>") == line.startswith("- "), rendered
            assert rendered.count("<h2") == line.startswith("##"), rendered


def test_text_escape_neutralises_markup_markdown_and_jinja():
    out = escape.text("<b>x</b> | {{ 7*7 }} [a](javascript:alert(1)) *y*\nny rad")
    for raw in ("<", ">", "|", "{", "}", "[", "]", "*", "\n"):
        assert raw not in out
    assert escape.text("Länsstyrelsen i Stockholms län") == "Länsstyrelsen i Stockholms län"


def test_url_escape_allows_only_https():
    with pytest.raises(ValueError):
        escape.url("javascript:alert(1)")


TERMS = (
    Begrepp("aktiverat-lage", "aktiverat läge", "När något händer.", ("aktiverade läget",)),
    Begrepp("rsib", "RSIB", "Beredskap."),
)


def test_term_linked_once_at_first_use_only_in_plain_text():
    html = (
        "<h2>Aktiverat läge</h2><p>Om <a href='x'>aktiverat läge</a> och <code>RSIB</code>.</p>"
        "<p>I aktiverade läget gör RSIB saker. Sedan aktiverat läge igen och RSIB.</p>"
    )
    out = termlinks.link_terms(html, TERMS, "../ordlista.html")
    assert out.count('href="../ordlista.html#aktiverat-lage"') == 1
    assert out.count('href="../ordlista.html#rsib"') == 1
    assert '<a class="handbok-term" href="../ordlista.html#aktiverat-lage">aktiverade läget</a>' in out
    assert "<h2>Aktiverat läge</h2>" in out and "<code>RSIB</code>" in out


def test_term_not_matched_inside_longer_word():
    out = termlinks.link_terms("<p>RSIBX och xRSIB</p>", TERMS, "o.html")
    assert "handbok-term" not in out
