"""What the PDFs can print: every character of every text is in the embedded fonts (core/glyphs.py).

Any text may end up in a PDF (a party's name on its sheet, a source's title in the agreement), so every string
in every file is checked, not only those printed today: a character Typst lacks would otherwise stop the
build late, naming a template instead of the data file.
"""

from __future__ import annotations

import unicodedata

from .. import glyphs
from ..dataset import Dataset
from ..problems import Problem
from .common import documents, problem_at, texts
from .names import LOOKALIKE

# Characters people paste from word processors and the web, and what to write instead. Anything else is
# replaced by what Unicode says it is compatible with (ﬁ: fi, a thin space: a space) when the fonts have that.
INSTEAD = {
    "\t": " ",  # a tab inside quotes
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2012": "–",  # figure dash
    "\u2015": "–",  # horizontal bar
    "\u2192": "till",  # →
    "\u21d2": "till",  # ⇒
    "\u2190": "från",  # ←
    "\u2713": "ja",  # ✓
    "\u2714": "ja",  # ✔
    "\u2717": "nej",  # ✗
    "\u00ad": "",  # soft hyphen: invisible in the text, a stray hyphen in the PDF
    "\u200b": "",  # zero width space
    "\u2060": "",  # word joiner
    "\ufeff": "",  # byte order mark inside a text
}


def check_font_has_characters(ds: Dataset) -> list[Problem]:
    """Every character of every text is one the PDFs' fonts can show (in all four styles)."""
    out = []
    for _kind, _ident, doc in documents(ds):
        for path, value in texts(doc.data):
            missing = glyphs.missing(value)
            if missing:
                out.append(problem_at(doc, path, "font-has-characters", message(missing)))
    return out


def message(missing: list[str]) -> str:
    char = missing[0]
    more = f" (och {len(missing) - 1} tecken till som saknas)" if len(missing) > 1 else ""
    return f"tecknet {shown(char)} finns inte i PDF-filernas typsnitt, så PDF:en kan inte visa det{more}; {fix(char)}"


def shown(char: str) -> str:
    """The character as a reader can identify it: itself when visible, and always its code point and name."""
    name = unicodedata.name(char, "")
    code = f"U+{ord(char):04X}" + (f" {name}" if name else "")
    visible = unicodedata.category(char)[0] not in "CZM"  # not a control, space, format character or accent
    return f"'{char}' ({code})" if visible else code


def fix(char: str) -> str:
    """What to write instead, if the fonts have something that says the same."""
    instead = INSTEAD.get(char)
    if instead is None and char.translate(LOOKALIKE) != char:
        instead = char.translate(LOOKALIKE)
    if instead is None:
        compatible = unicodedata.normalize("NFKC", char)
        plain = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        instead = next((c for c in (compatible, plain) if c and c != char and not glyphs.missing(c)), None)
    if instead == "":
        return "ta bort tecknet, det syns inte i texten"
    if instead is None:
        return "skriv texten utan tecknet, till exempel med ord, eller ta bort det"
    return f"skriv '{instead}' i stället"
