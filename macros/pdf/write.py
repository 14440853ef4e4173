"""Compile the planned PDFs with Typst as tagged PDF/UA-1 and write them into the site, each file atomically.

Typst is given only the shipped fonts (no system or built-in fonts), the templates folder as its root (a
template can read nothing outside it) and each document's JSON as `sys.inputs.data`. The same JSON, templates,
fonts, creation time and Typst version give the same bytes: the PDF identifier is a hash Typst derives from
the document, and the creation time is the build's day.
"""

from __future__ import annotations

import os
import re
import sys
import time
from functools import cache
from pathlib import Path

from ..core import pages, pipeline
from ..core.exitcodes import DATA, OK
from ..core.model import Handbok
from ..core.problems import DataError, report
from ..core.terminal import visible
from ..core.utgava import Utgava, utgava
from . import FONTS, PDF_STANDARDS, TEMPLATES
from .cache import PdfCache, default_cache
from .plan import ETT_BLAD, Pdf, plan


class PdfError(Exception):
    """Typst refused a document (a template error, a PDF/UA rule): stop."""


def run(data_dir: Path, out_dir: Path) -> int:
    """`python -m macros pdf`: check the data, write every PDF, and say how long it took. 1 on any error."""
    start = time.perf_counter()
    try:
        handbok, _warnings = pipeline.load(data_dir)
        files = write_pdfs(handbok, out_dir, utgava(data_dir), cache=default_cache())
    except DataError as exc:
        print(report(exc.problems), file=sys.stderr)
        print("Datan har fel, så inga PDF-filer skrevs.", file=sys.stderr)
        return DATA
    except PdfError as exc:
        print(f"PDF-filerna kunde inte skapas: {exc}", file=sys.stderr)
        return DATA
    seconds = f"{time.perf_counter() - start:.1f}".replace(".", ",")
    print(visible(f"Skrev {len(files)} PDF-filer till {out_dir} på {seconds} s."))
    return OK


def write_pdfs(handbok: Handbok, out_dir: Path, utg: Utgava, cache: PdfCache | None = None) -> list[Path]:
    """Write overenskommelse.pdf and pdf/parter/<id>.pdf under out_dir; return the files, in plan order.

    A PDF found in the cache is copied; the rest are compiled one after the other by one compiler, which
    keeps its fonts and parsed templates between documents. All 38 take well under a second of CPU (see
    bench/README.md), so neither processes nor threads would pay for their complexity. Nothing is written
    unless every PDF compiled.
    """
    for sheets in (out_dir / pages.PARTBLAD_DIR, out_dir / pages.AKTIVERINGSKORT_DIR):
        if not any(os.path.islink(p) for p in (sheets, sheets.parent)):  # never delete through a symlink
            for stale in sheets.glob("*.pdf"):  # a party removed from data/ loses its sheet and card
                if stale.stem not in handbok.parter and not stale.is_symlink():
                    stale.unlink()
    pdfs = plan(handbok, utg)
    keys = {pdf.fil: cache.key(pdf.mall, pdf.data, pdf.tidpunkt) for pdf in pdfs} if cache else {}
    missing = []
    for pdf in pdfs:
        data = cache.get(keys[pdf.fil]) if cache else None
        if data is None:
            missing.append(pdf)
        else:
            save(out_dir / pdf.fil, data)
    results = [_compile_or_error(pdf) for pdf in missing]
    errors = [f"{pdf.fil}: {r}" for pdf, r in zip(missing, results, strict=True) if isinstance(r, str)]
    if errors:
        raise PdfError("; ".join(errors))
    for pdf, data in zip(missing, results, strict=True):
        save(out_dir / pdf.fil, data)
        if cache:
            cache.put(keys[pdf.fil], data)
    if cache:
        cache.keep_only_used()
    return [out_dir / pdf.fil for pdf in pdfs]


@cache
def _compiler():
    """One compiler per process: the shipped fonts only (neither the system's nor Typst's built-in ones)."""
    import typst

    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(FONTS)])
    return typst.Compiler(root=str(TEMPLATES), font_paths=fonts, ignore_system_fonts=True)


def compile_pdf(pdf: Pdf) -> bytes:
    """One document's PDF bytes. Any Typst warning is an error too: a missing font or a dropped rule would
    make a wrong PDF (the checker refuses the characters the fonts lack, core/glyphs.py, so data never gets here).
    A party's sheet that does not fit one page continues on a second (templates/partblad.typ).
    An activation card must be exactly one page (templates/aktiveringskort.typ)."""
    import typst

    try:
        data, warnings = _compiler().compile_with_warnings(
            input=str(TEMPLATES / pdf.mall),
            format="pdf",
            sys_inputs={"data": pdf.data},
            pdf_standards=list(PDF_STANDARDS),
            timestamp=pdf.tidpunkt,
        )
    except typst.TypstError as exc:
        raise PdfError(_message(exc)) from None
    if warnings:
        raise PdfError("; ".join(_message(w) for w in warnings))
    if pdf.mall in ETT_BLAD and (pages := page_count(data)) != 1:
        raise PdfError(f"{ETT_BLAD[pdf.mall]} ska vara en sida men blev {pages}")
    return data


def _compile_or_error(pdf: Pdf) -> bytes | str:
    try:
        return compile_pdf(pdf)
    except PdfError as exc:
        return str(exc)


def _message(diagnostic) -> str:
    """Typst's message with where in the templates it arose, on one line."""
    where = re.search(r"┌─ (\S+)", getattr(diagnostic, "diagnostic", "") or "")
    hints = "".join(f" ({h})" for h in getattr(diagnostic, "hints", []) or [])
    return f"Typst: {diagnostic.message}{hints}" + (f" [{where.group(1)}]" if where else "")


def page_count(data: bytes) -> int:
    """The number of pages, from the PDF's XMP metadata (Typst always writes it, uncompressed)."""
    m = re.search(rb"<xmpTPg:NPages>(\d+)</xmpTPg:NPages>", data)
    if m is None:
        raise PdfError("PDF-filen saknar antal sidor i sina metadata")
    return int(m.group(1))


def save(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)  # never a half-written PDF in the site
