"""The agreement as an accessible, print-ready PDF, and a one-page sheet per party.

Laid out by Typst (PyPI `typst`: the compiler is inside the wheel, no system library) as tagged PDF/UA-1 from
the model, never captured from the web pages: document.py turns the model into each document's JSON, the
templates in templates/ lay it out, plan.py lists the documents, write.py compiles and writes them, and
cache.py keeps unchanged ones. A separate step after the site build (``python -m macros pdf``), not an
MkDocs hook, so the PDF step can move to another site generator unchanged.

This module holds only names and paths, so the site can link to the PDFs without importing the compiler.
"""

from __future__ import annotations

from pathlib import Path

# Paths in the built site, relative to its root.
OVERENSKOMMELSE_PDF = "overenskommelse.pdf"
PARTBLAD_DIR = "pdf/parter"

PDF_DIR = Path(__file__).parent
TEMPLATES = PDF_DIR / "templates"
FONTS = PDF_DIR / "fonts"
FONT_FAMILY = "Atkinson Hyperlegible"  # the family of the font files in FONTS, the only font Typst is given
PDF_STANDARDS = ("ua-1",)


def partblad_fil(ident: str) -> str:
    """The party's one-page sheet, relative to the site root."""
    return f"{PARTBLAD_DIR}/{ident}.pdf"
