"""The agreement PDF and the party sheets say what the site says about certainty and responsibility:
the (slutsats) marker with its legend where the level mapping or a membership appears, the
appendix Vem ansvarar för vad, each sheet's own responsibilities first, and a secondary source's address
never printed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from macros.text.format import antal


@pytest.fixture(scope="module")
def pdf_texts(real_pdfs) -> dict[str, str]:
    """The text of each of the shipped data's PDFs (tests/conftest.py: real_pdfs), file name → text."""
    texts = {}
    for path in real_pdfs.files:
        # pypdf (a test dependency), not poppler's pdftotext: the tests pass on a machine with pip alone.
        text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
        texts[Path(path).relative_to(real_pdfs.out).as_posix()] = re.sub(r"\s+", " ", text.replace("\u00a0", " "))
    return texts


def test_agreement_marks_the_level_mapping_and_names_the_reasons(pdf_texts, real_handbok):
    text = pdf_texts["overenskommelse.pdf"]
    radet = real_handbok.regionala_radet().namn
    assert f"{radet}: {radet}" not in text
    start = text.index(f"Organisation och styrning {radet}")  # the section, not the contents line
    section = text[start : text.index("Principer för alla forum", start)]
    inferred = [n for n in real_handbok.overenskommelse.styrning.nivaer if n.underlag.status == "slutsats"]
    assert section.count("(slutsats)") >= len(inferred)
    if inferred:
        assert "Märket (slutsats) visar" in section
    for title in ("Vem ansvarar för vad", "Underlag och slutsatser"):
        assert text.count(title) >= 2, title  # in the contents and as the appendix


def test_the_responsibilities_appendix_lists_every_item(pdf_texts, real_handbok):
    text = pdf_texts["overenskommelse.pdf"]
    appendix = text[text.rindex("Vem ansvarar för vad") :]
    for a in real_handbok.ansvar:
        assert re.sub(r"\s+", " ", a.vad) in appendix, a.id


def test_every_sheet_marks_memberships_and_lists_its_own_responsibilities_first(pdf_texts, real_handbok):
    h = real_handbok
    for ident in h.parter:
        text = pdf_texts[f"pdf/parter/{ident}.pdf"]
        seats = h.sitter_i(ident)
        # one legend under the forum table names each forum whose level or members are the handbook's reading
        niva = [f.namn for f, _ in seats if f.slutsats("niva")]
        vem = [f.namn for f, _ in seats + h.kan_sitta_i(ident) if f.slutsats("medlemmar")]
        if niva or vem:
            legend = text[text.index("(slutsats) Handbokens egen slutsats") :]
            legend = legend[: legend.index("Skälen står i")]
            assert all(n in legend for n in niva + vem), (ident, legend)
        else:
            assert "Märket (slutsats) visar" in text, ident
        if seats:
            assert f"deltar i {antal(len(seats))} forum" in text, ident
        egna, gemensamma = h.ansvar_for_part(ident)
        if egna and gemensamma:
            assert text.index(egna[0].vad[:40]) < text.index(gemensamma[0].vad[:40]), ident
        assert all(a.vad[:40] in text for a in gemensamma), ident


def test_a_secondary_sources_address_is_never_printed(pdf_texts):
    for name, text in pdf_texts.items():
        assert "yvonne" not in text.lower(), name
