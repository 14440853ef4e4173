"""What the live preview shows in the browser while the handbook cannot be built: a banner on every page, and a page
of its own where there is no page to show, each naming the file, line and column of every problem with the fix.

The pages behind the banner are the last version that could be built, and the banner says so. Everything from the
data or a message is escaped for HTML. Plain styles in the element itself: it must show whatever the theme does.
"""

from __future__ import annotations

import re

from ..core.problems import Problem
from ..text import escape

SHOWN = 20  # problems listed in the browser; the terminal lists them all
_STYLE = (
    "margin:0;padding:.8rem 1rem;background:#fdecea;color:#410e0b;border-bottom:4px solid #b3261e;"
    "font:1rem/1.5 system-ui,sans-serif;overflow-wrap:anywhere"
)


def banner(problems: list[Problem], failure: str | None) -> str:
    """The banner's HTML: what is wrong, where, and that the page below is the last version that could be built."""
    if problems:
        heading = "Datan har fel, så handboken kan inte byggas om."
        items = [_item(p) for p in problems[:SHOWN]]
        if len(problems) > SHOWN:
            items.append(f"<li>… och {len(problems) - SHOWN} till. Terminalen visar alla.</li>")
        detail = f"<ul style='margin:.4rem 0;padding-left:1.4rem'>{''.join(items)}</ul>"
        fix = "Rätta felen och spara filen. Sidan laddas om av sig själv när handboken går att bygga igen."
    else:
        heading = "Handboken kunde inte byggas om."
        detail = f"<pre style='margin:.4rem 0;white-space:pre-wrap;font-size:.85rem'>{escape.html(failure or '')}</pre>"
        fix = "Terminalen där förhandsvisningen körs visar mer. Sidan laddas om av sig själv efter nästa ändring."
    return (
        f"<div role='alert' id='handbok-forhandsvisning-fel' style='{_STYLE}'>"
        f"<p style='margin:0'><strong>{heading}</strong> Det du ser nedanför är den senaste versionen som gick att "
        f"bygga.</p>{detail}<p style='margin:0'>{fix}</p></div>"
    )


def _item(p: Problem) -> str:
    kind = "Fel" if p.severity == "fel" else "Varning"
    return (
        f"<li><strong>{kind} i <code>{escape.html(p.path)}</code>, rad {p.line}, kolumn {p.column}:</strong> "
        f"{escape.html(p.message)} <span style='white-space:nowrap'>[{escape.html(p.rule)}]</span></li>"
    )


def with_banner(page: bytes, banner_html: str) -> bytes:
    """The page with the banner first in its body."""
    m = re.search(rb"<body[^>]*>", page)
    at = m.end() if m else 0
    return page[:at] + banner_html.encode("utf-8") + page[at:]


def error_page(banner_html: str, status: str) -> bytes:
    """A page of its own for an address with nothing to show while the handbook cannot be built."""
    return (
        "<!doctype html><html lang='sv'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width,initial-scale=1'>"
        f"<title>Förhandsvisningen: {escape.html(status)}</title></head><body style='margin:0'>"
        f"{banner_html}<main style='padding:1rem;font:1rem/1.5 system-ui,sans-serif'>"
        "<h1 style='font-size:1.4rem'>Sidan finns inte i den senaste versionen som gick att bygga</h1>"
        "<p><a href='/'>Till startsidan</a></p></main></body></html>"
    ).encode()
