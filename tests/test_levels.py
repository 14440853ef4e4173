"""Any number of levels: fixtures with two and with four levels (tests/fixtures/levels/) check, build and read right.

The shared fixture and the shipped data both have three levels, so a "de tre nivåerna" written by hand would pass
every other test. Here every sentence that counts the levels must say two or four, every level must be shown by
its name, and the built site and PDFs must never say three.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pypdf
import pytest

from macros.core import pages, pipeline
from macros.core.model import Handbok
from macros.core.utgava import Utgava
from macros.pdf.overenskommelse import overenskommelse as agreement_data
from macros.render import diagram, forum, overenskommelse
from macros.render.common import Kontext
from tests.helpers import FIXTURES, PDF_EPOCH, ROOT, make_data, run_check, visible_text
from tests.test_pdf import _overlaps, _parse

# case folder -> (levels it has, the number in words as a sentence says it)
CASES = {"two": (2, "två"), "four": (4, "fyra")}
THREE = re.compile(r"\btre nivå", re.IGNORECASE)


@dataclass(frozen=True)
class Case:
    name: str
    antal: int
    ord: str
    data: Path
    handbok: Handbok

    @property
    def nivaer(self) -> list[str]:
        return [n.namn for n in self.handbok.overenskommelse.styrning.nivaer]


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request, tmp_path_factory) -> Case:
    data = make_data(tmp_path_factory.mktemp(f"levels-{request.param}"), FIXTURES / "levels" / request.param)
    model, problems = pipeline.check(data)
    assert model is not None, "\n".join(p.format() for p in problems)
    return Case(request.param, *CASES[request.param], data, model)


def test_the_fixture_has_its_levels_each_with_a_forum_and_checks_clean(case, tmp_path):
    assert len(case.nivaer) == case.antal
    assert all(case.handbok.forum_pa_niva(n.id) for n in case.handbok.overenskommelse.styrning.nivaer)
    code, out, err = run_check(tmp_path, "--data", str(case.data))
    assert code == 0, out + err
    assert "fel:" not in out + err


def _pages(h: Handbok) -> dict[str, str]:
    """The pages that count or show the levels, as Markdown."""
    radet = h.regionala_radet()
    index = "forum/index.md"
    return {
        index: forum.forum_ingress(Kontext(h, index))
        + diagram.styrningsdiagram(Kontext(h, index))
        + forum.forum_per_niva(Kontext(h, index)),
        pages.OVERENSKOMMELSE: overenskommelse.overenskommelse(Kontext(h, pages.OVERENSKOMMELSE)),
        pages.forum_sida(radet.id): forum.forumsida(Kontext(h, pages.forum_sida(radet.id)), radet.id),
        "index.md": forum.nivaerna(Kontext(h, "index.md")),
    }


def test_the_pages_count_the_levels_and_show_each_by_name(case):
    h = case.handbok
    md = _pages(h)
    index, agreement = md["forum/index.md"], md[pages.OVERENSKOMMELSE]
    assert f"Under rådet finns {case.ord} nivåer med sammanlagt" in index
    assert f"Under rådet finns {case.ord} nivåer." in index  # the chart's description
    assert index.count('<g class="niva">') == case.antal  # a band per level in the chart
    assert f"Överenskommelsen nämner rådet och de {case.ord} nivåerna." in agreement
    assert f"står över de {case.ord} nivåerna" in md[pages.forum_sida(h.regionala_radet().id)]
    assert md["index.md"] == f"de {case.ord} nivåerna"
    for niva in h.overenskommelse.styrning.nivaer:
        assert f"## {niva.namn} {{ #{niva.id} }}" in index
        assert f"- **{niva.namn}:** {niva.fokus}" in agreement
    assert not [page for page, text in md.items() if THREE.search(text)]


def test_the_pdf_data_counts_the_levels_and_shows_each_by_name(case):
    h = case.handbok
    d = agreement_data(h, Utgava(datetime.fromtimestamp(PDF_EPOCH, UTC), "test"))
    assert f"rådet och de {case.ord} nivåerna." in d["avsnitt"]["slutsats"]
    assert [n["rubrik"] for n in d["avsnitt"]["nivaer"]] == ["Överst", *case.nivaer]
    radet = next(f for f in d["forum"] if f["id"] == f"forum-{h.regionala_radet().id}")
    assert dict(radet["fakta"])["Nivå"].startswith(f"Står över de {case.ord} nivåerna")
    assert f"Under rådet finns {case.ord} nivåer." in d["styrning"]["alt"]
    assert {row[1].removesuffix(" (slutsats)") for row in d["styrning"]["rapport"]} == {"Över nivåerna", *case.nivaer}


# --- The whole publication ------------------------------------------------------------------------------------


def _text(pdf: Path) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf.read_bytes()))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.mark.slow  # a real build (site, PDFs, offline archive) per fixture
def test_the_built_site_and_pdfs_read_right(case, tmp_path):
    out = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "macros", "build", "--data", str(case.data), "--out", str(out)],
        cwd=ROOT,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "HANDBOK_PDF_CACHE": "", "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    html = {p.relative_to(out).as_posix(): visible_text(p.read_text(encoding="utf-8")) for p in out.rglob("*.html")}
    assert f"Regionala rådet och forumen på de {case.ord} nivåerna." in html["index.html"]
    assert f"Under rådet finns {case.ord} nivåer" in html["forum/index.html"]
    assert f"står över de {case.ord} nivåerna" in html[pages.html(pages.forum_sida(case.handbok.regionala_radet().id))]
    assert f"rådet och de {case.ord} nivåerna" in html["overenskommelse.html"]
    assert all(name in html["forum/index.html"] and name in html["overenskommelse.html"] for name in case.nivaer)

    agreement = _text(out / pages.OVERENSKOMMELSE_PDF)
    assert f"rådet och de {case.ord} nivåerna" in agreement
    assert f"Står över de {case.ord} nivåerna" in agreement
    assert all(name in agreement for name in case.nivaer)
    sheets = " ".join(_text(out / pages.partblad_fil(p)) for p in case.handbok.parter)
    assert all(name in sheets for name in case.nivaer), "a level that no sheet's forum table names"

    pdfs = {p.relative_to(out).as_posix(): _text(p) for p in out.rglob("*.pdf")}
    assert not [page for page, text in {**html, **pdfs}.items() if THREE.search(text)]
    for number, page in enumerate(_parse(out / pages.OVERENSKOMMELSE_PDF), 1):  # a taller chart, its caption
        assert not _overlaps(page), f"page {number}: {_overlaps(page)[:3]}"
