"""The app's icons: the handbook's own mark, an open book in the PDFs' dark blue, drawn here as SVG and rendered
to the PNG sizes a phone's home screen asks for.

The mark is a few paths written below, not anyone's artwork; the PNGs are rendered by Typst, which the PDFs
already need (no image library more). Typst renders the same bytes on every machine, so the icons are the
same every build, and the app's edition (a hash over what it keeps) moves only when the handbook does.

Two shapes: "any" is a rounded square with the book at full size, for browsers that show the icon as it is;
"maskable" fills the whole square and keeps the book within the middle 80 %, the safe zone that Android's
masks (circle, squircle, teardrop) never cut (https://www.w3.org/TR/appmanifest/#icon-masks).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ...core import pages

BLUE = "#1a237e"  # the PDFs' blue (macros/pdf/templates/gemensamt.typ: bla)
WHITE = "#ffffff"
VIEW = 512  # the SVG's own units; every size is this scaled

# The book in VIEW units around the middle: two pages that curve as an open book's do, a gap for the spine,
# and three lines of text on each page.
BOOK = (
    f'<path fill="{WHITE}" '
    'd="M96 160Q176 124 248 166V388Q176 348 96 380Z M416 160Q336 124 264 166V388Q336 348 416 380Z"/>'
    f'<path fill="none" stroke="{BLUE}" stroke-width="14" stroke-linecap="round" opacity="0.35" '
    'd="M132 214Q176 198 216 216M132 262Q176 246 216 264M132 310Q176 294 216 312'
    'M296 216Q336 198 380 214M296 264Q336 246 380 262M296 312Q336 294 380 310"/>'
)


@dataclass(frozen=True)
class Icon:
    namn: str  # the file's name under pages.APP_DIR
    size: int  # pixels, square; 0 for the SVG
    purpose: str  # the manifest's purpose: "any" or "maskable"

    @property
    def fil(self) -> str:
        return pages.app_ikon(self.namn)


SVG_ICON = Icon("ikon.svg", 0, "any")
# 192 and 512 are the sizes Chrome asks for (install and splash screen); 180 is the iPhone's home screen
# (<link rel="apple-touch-icon">), which iOS rounds itself, so it gets the full square.
ICONS = (
    SVG_ICON,
    Icon("ikon-192.png", 192, "any"),
    Icon("ikon-512.png", 512, "any"),
    Icon("ikon-maskable-192.png", 192, "maskable"),
    Icon("ikon-maskable-512.png", 512, "maskable"),
)
APPLE_TOUCH_ICON = Icon("apple-touch-icon.png", 180, "maskable")


def svg(purpose: str) -> str:
    """The mark as an SVG document: a rounded square ("any"), or a full square with the book smaller (maskable)."""
    if purpose == "maskable":
        scale = 0.8  # the book's corners then lie within the safe zone's circle (radius 40 % of the side)
        shift = VIEW * (1 - scale) / 2
        ground = f'<rect width="{VIEW}" height="{VIEW}" fill="{BLUE}"/>'
        book = f'<g transform="translate({shift:g} {shift:g}) scale({scale:g})">{BOOK}</g>'
    else:
        ground = f'<rect width="{VIEW}" height="{VIEW}" rx="96" fill="{BLUE}"/>'
        book = BOOK
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {VIEW} {VIEW}" role="img">'
        f"<title>Samverkanshandboken</title>{ground}{book}</svg>\n"
    )


_TYPST = (
    b"#set page(width: 512pt, height: 512pt, margin: 0pt, fill: none)\n"
    b'#image(bytes(sys.inputs.svg), format: "svg", width: 100%, height: 100%)\n'
)


@cache
def _compiler():
    """One compiler per process; no fonts, since the mark has no text (looking for the system's takes time)."""
    import typst

    return typst.Compiler(ignore_system_fonts=True)


def png(icon: Icon) -> bytes:
    """The icon rendered at its size by Typst: a 512 pt page at size/512 of 72 pixels per inch."""
    ppi = 72 * icon.size / VIEW
    return _compiler().compile(input=_TYPST, format="png", ppi=ppi, sys_inputs={"svg": svg(icon.purpose)})


def icon_bytes(icon: Icon) -> bytes:
    return svg(icon.purpose).encode() if icon.size == 0 else png(icon)
