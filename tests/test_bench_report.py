"""The benchmark report's explanations: every figure comes from the runs, none is written into the text."""

from __future__ import annotations

from bench.measure import Run
from bench.report import explanations
from bench.scale import Scale


def _scale(**medians: float) -> Scale:
    return Scale(1, {}, {step: [Run(seconds, 50.0)] for step, seconds in medians.items()})


def _text(scale: Scale, **missed: bool) -> str:
    verdicts = {name: (False, "") for name in missed}
    return "\n".join(explanations(verdicts, [scale], {1: "| händelse |"}))


def test_the_overhead_explanation_gives_the_measured_material_build():
    text = _text(_scale(build=2.0, baseline=1.6), overhead=True)
    assert "Material-bygget av samma sidor tar 1.60 s, så varje hundradels sekund är 0.6% av det." in text


def test_the_full_build_explanation_says_the_site_decides_only_when_the_pdfs_are_done_first():
    faster_pdf = _text(_scale(build=3.0, pdf=1.0), full=True)
    slower_pdf = _text(_scale(build=1.0, pdf=3.0), full=True)
    assert "PDF-steget ensamt tar 1.0 s och webbplatsen 3.0 s" in faster_pdf
    assert "det är webbplatsen som avgör" in faster_pdf
    assert "det är webbplatsen som avgör" not in slower_pdf
