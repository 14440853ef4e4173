"""Which characters the PDFs can show: those every embedded font style has, read from the fonts' own character
maps (the OpenType ``cmap`` table), so that the checker refuses a character before Typst meets it in a build.

A text may be set in any of the four styles (a name is bold in a heading, italic in a note), so a character
counts only if all of them have it. The reader knows the two subtable formats that map Unicode: 4 (the Basic
Multilingual Plane) and 12 (all planes); a font with neither stops the program, as a missing font would.
"""

from __future__ import annotations

import struct
import unicodedata
from functools import cache
from pathlib import Path

from .repo import PDF_FONTS, PDF_ZERO_FONT

# Unicode subtables, best first: (platform, encoding) -> preference. 3,10 and 0,4+ are full Unicode (format 12).
_UNICODE = {(3, 10): 0, (0, 6): 1, (0, 4): 2, (3, 1): 3, (0, 3): 4}


class FontError(Exception):
    """A font file the reader cannot use: the program's own files are broken, not the data."""


def font_files(folder: Path = PDF_FONTS) -> list[Path]:
    """The text's font files; not the font that draws the digit zero alone (PDF_ZERO_FONT), which shows no other
    character."""
    files = sorted(folder.glob("*.ttf")) + sorted(folder.glob("*.otf"))
    return [path for path in files if not path.name.startswith(PDF_ZERO_FONT)]


def missing(text: str, folder: Path = PDF_FONTS) -> list[str]:
    """The characters of text that the fonts cannot show, in order of first appearance.

    A character the fonts' maps lack may still be shown as Typst shows it: as its canonical decomposition, a
    letter and accents that are there (Ĉ as C and U+0302). Spaces and line breaks are never drawn."""
    mapped = _mapped(folder)
    if mapped.issuperset(text):  # one C-level test for the usual text
        return []
    return [
        char
        for char in dict.fromkeys(text)
        if char not in mapped
        and not mapped.issuperset(unicodedata.normalize("NFD", char))
        and unicodedata.category(char) != "Zs"  # a space of any width is spacing, not a glyph
    ]


@cache
def _mapped(folder: Path) -> frozenset[str]:
    """The characters every font style in ``folder`` maps to a glyph, and the line break."""
    files = font_files(folder)
    if not files:
        raise FontError(f"mappen {folder} har inga typsnitt")
    common = frozenset.intersection(*(codepoints(path.read_bytes(), path.name) for path in files))
    return frozenset(map(chr, common)) | {"\n"}


def codepoints(font: bytes, name: str = "typsnittet") -> frozenset[int]:
    """Every code point the font's best Unicode cmap subtable maps to a glyph other than .notdef."""
    try:
        return frozenset(_read(font))
    except (struct.error, IndexError) as exc:
        raise FontError(f"{name} går inte att läsa som OpenType ({exc})") from None


def _read(font: bytes) -> set[int]:
    cmap = _table(font, b"cmap")
    _version, count = struct.unpack_from(">HH", font, cmap)
    subtables = []
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", font, cmap + 4 + 8 * i)
        fmt = struct.unpack_from(">H", font, cmap + offset)[0]
        if (platform, encoding) in _UNICODE and fmt in (4, 12):
            subtables.append((_UNICODE[(platform, encoding)], fmt, cmap + offset))
    if not subtables:
        raise struct.error("ingen Unicode-tabell i format 4 eller 12")
    _rank, fmt, at = min(subtables)
    return _format12(font, at) if fmt == 12 else _format4(font, at)


def _table(font: bytes, tag: bytes) -> int:
    count = struct.unpack_from(">H", font, 4)[0]
    for i in range(count):
        found, _checksum, offset, _length = struct.unpack_from(">4sIII", font, 12 + 16 * i)
        if found == tag:
            return offset
    raise struct.error(f"tabellen {tag.decode()} saknas")


def _format4(font: bytes, at: int) -> set[int]:
    """Segments of the BMP: ends, starts, deltas and range offsets into the glyph array (OpenType spec, cmap 4)."""
    segments = struct.unpack_from(">H", font, at + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", font, at + 14)
    starts = struct.unpack_from(f">{segments}H", font, at + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", font, at + 16 + 4 * segments)
    offsets_at = at + 16 + 6 * segments
    offsets = struct.unpack_from(f">{segments}H", font, offsets_at)
    found = set()
    for i, (start, end, delta, offset) in enumerate(zip(starts, ends, deltas, offsets, strict=True)):
        for point in range(start, min(end, 0xFFFE) + 1):
            if offset == 0:
                glyph = (point + delta) & 0xFFFF
            else:
                index = struct.unpack_from(">H", font, offsets_at + 2 * i + offset + 2 * (point - start))[0]
                glyph = (index + delta) & 0xFFFF if index else 0
            if glyph:
                found.add(point)
    return found


def _format12(font: bytes, at: int) -> set[int]:
    """Groups of consecutive code points mapped to consecutive glyphs (OpenType spec, cmap 12)."""
    groups = struct.unpack_from(">I", font, at + 12)[0]
    found = set()
    for i in range(groups):
        start, end, first_glyph = struct.unpack_from(">III", font, at + 16 + 12 * i)
        found.update(p for p in range(start, min(end, 0x10FFFF) + 1) if first_glyph + (p - start))
    return found
