"""Where every page and every published file lives in the site: the one home of these paths.

Pages are named by their source in docs/ (``x.md``; MkDocs publishes it as ``x.html``). Files are named
relative to the site's root. The render functions link with these names, the page generator writes the
party and forum pages under them, and the PDF, open data, feed and archive steps write their files there,
so a link and the file it points to cannot drift apart.
"""

from __future__ import annotations

# Hand-written pages in docs/ that the code links to.
AKTIVERAT_LAGE = "aktiverat-lage.md"  # how to raise aktiverat läge and whom to reach: one tap from every page
ANDRA_HANDBOKEN = "andra-handboken.md"  # the coordinators' guide
START = "index.md"  # the start page: the app opens there
ANSVAR = "ansvar.md"
AVGIFTER = "avgifter.md"
BESLUT = "beslut.md"
ORDLISTA = "ordlista.md"  # the glossary: the terms link there
OVERENSKOMMELSE = "overenskommelse.md"
SLUTSATSER = "slutsatser.md"  # why each statement marked as the handbook's reading is one

# Pages generated from the model, one per party and per forum, each folder with its hand-written index.
PART_DIR = "parter"
FORUM_DIR = "forum"
PARTER = f"{PART_DIR}/index.md"
FORUM = f"{FORUM_DIR}/index.md"


def part_sida(ident: str) -> str:
    return f"{PART_DIR}/{ident}.md"


def forum_sida(ident: str) -> str:
    return f"{FORUM_DIR}/{ident}.md"


def html(sida: str) -> str:
    """The published address of a page: ``parter/nacka.md`` → ``parter/nacka.html``."""
    return sida.removesuffix(".md") + ".html"


# The PDFs (python -m macros pdf).
OVERENSKOMMELSE_PDF = "overenskommelse.pdf"
PARTBLAD_DIR = "pdf/parter"


def partblad_fil(ident: str) -> str:
    """The party's one-page sheet."""
    return f"{PARTBLAD_DIR}/{ident}.pdf"


AKTIVERINGSKORT_DIR = "pdf/aktiveringskort"


def aktiveringskort_fil(ident: str) -> str:
    """The party's one-page activation card (what to do when something happens); the app keeps every card."""
    return f"{AKTIVERINGSKORT_DIR}/{ident}.pdf"


# Open data (outputs/opendata.py).
DATA_DIR = "data"
MODEL_FILE = f"{DATA_DIR}/samverkan-stockholmsregionen.json"
SUM_FILE = f"{DATA_DIR}/avgifter-summor.csv"
README_FILE = f"{DATA_DIR}/LASMIG.txt"
ALLA_AR = "alla-ar"  # the fee file with every budget year: avgift_fil(ALLA_AR, ext)


def avgift_fil(ar: int | str, ext: str) -> str:
    """One budget year's fee table (or every year's, ar=ALLA_AR) as csv or json."""
    return f"{DATA_DIR}/avgifter-{ar}.{ext}"


def schema_file(name: str) -> str:
    """A JSON Schema, published as it is in the repository's schema/."""
    return f"schema/{name}"


# The decision log as a feed, beside the decisions page (outputs/atom.py).
BESLUT_ATOM = "beslut.atom"

# The whole site in one file for reading offline (outputs/offline.py); docs/index.md links to it.
OFFLINE_ARKIV = "handbok-offline.zip"

# The installable app (outputs/app/): the manifest and the service worker lie at the site's root, so that the
# worker's scope is the whole site; the rest beside each other under APP_DIR.
APP_MANIFEST = "manifest.webmanifest"
APP_WORKER = "serviceworker.js"
APP_DIR = "assets/app"
APP_SCRIPT = f"{APP_DIR}/app.js"
APP_STYLE = f"{APP_DIR}/app.css"


def app_ikon(namn: str) -> str:
    """One of the app's icons (outputs/app/icons.py names them)."""
    return f"{APP_DIR}/{namn}"
