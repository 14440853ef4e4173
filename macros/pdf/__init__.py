"""The agreement as an accessible, print-ready PDF, and a one-page sheet per party.

Rendered from the model through print templates (templates/, print.css), never captured from the web
pages. A separate step after the site build (``python -m macros pdf``), not an MkDocs hook, so the site
builds without WeasyPrint and the PDF step can move to another site generator unchanged.

This module holds only the file names, so the site can link to the PDFs without importing WeasyPrint.
"""

from __future__ import annotations

# Paths in the built site, relative to its root.
OVERENSKOMMELSE_PDF = "overenskommelse.pdf"
PARTBLAD_DIR = "pdf/parter"


def partblad_fil(ident: str) -> str:
    """The party's one-page sheet, relative to the site root."""
    return f"{PARTBLAD_DIR}/{ident}.pdf"
