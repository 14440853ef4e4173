"""The agreement as an accessible, print-ready PDF, and a one-page sheet per party.

Laid out by Typst (PyPI `typst`: the compiler is inside the wheel, no system library) as tagged PDF/UA-1 from
the model, never captured from the web pages: overenskommelse.py (with bilagor.py) and partblad.py turn the
model into each document's JSON, document.py holds what they share, the templates in templates/ of the same
names lay it out, plan.py lists the documents, write.py compiles and writes them, and cache.py keeps unchanged
ones. A step of its own, not an MkDocs hook: ``python -m macros build`` runs it
while the site builds, ``python -m macros pdf`` alone, so the PDF step can move to another site generator
unchanged.

This module holds only the package's own folders and settings; where the PDFs go in the site is in
macros/core/pages.py, so the site links to them without importing anything of this package.
"""

from __future__ import annotations

from pathlib import Path

from ..core.repo import PDF_FONTS

PDF_DIR = Path(__file__).parent
TEMPLATES = PDF_DIR / "templates"
FONTS = PDF_FONTS  # core/repo.py: core/glyphs.py reads the same files, so the checker knows what Typst can show
FONT_FAMILY = "Atkinson Hyperlegible"  # the text's font in FONTS; its zero is Public Sans' (fonts/README.md)
PDF_STANDARDS = ("ua-1",)
