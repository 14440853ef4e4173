"""The checker knows what the PDFs can print: the fonts' character maps, read by macros/core/glyphs.py, agree with
Typst itself, and every character the checker passes is set in a PDF without a warning."""

from __future__ import annotations

import json
import random
import struct
import unicodedata

import pytest

from macros.core import glyphs
from macros.core.checks.fonts import fix, message
from macros.pdf import FONTS, PDF_STANDARDS
from tests.helpers import ROOT

# The characters that failed the PDF step late, and some that word processors paste.
ISSUE_25 = "ŋΑαЖж‐→😀\u200bﬁ①"
SWEDISH = "Åsa, Älvsjö och Öckerö – ”citat” 1 234,50 kr § 3 € é"
PROBE = """#set text(font: "Atkinson Hyperlegible", fallback: false, lang: "sv")  // as templates/gemensamt.typ
#set document(title: "prov")
#let d = json(bytes(sys.inputs.data))
#for c in d [#c #text(weight: "bold", c) #emph(c) #text(weight: "bold", emph(c)) ]
"""


@pytest.fixture(scope="module")
def typeset(tmp_path_factory):
    """Typst's verdict on a list of characters, in every style, with only the shipped fonts: its warnings."""
    import typst

    root = tmp_path_factory.mktemp("glyphs")
    (root / "prov.typ").write_text(PROBE, encoding="utf-8")
    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(FONTS)])
    compiler = typst.Compiler(root=str(root), font_paths=fonts, ignore_system_fonts=True)

    def warnings(chars: list[str]) -> list[str]:
        try:
            _pdf, found = compiler.compile_with_warnings(
                input=str(root / "prov.typ"),
                format="pdf",
                sys_inputs={"data": json.dumps(chars)},
                pdf_standards=list(PDF_STANDARDS),  # as the build compiles: PDF/UA-1 wants every glyph
            )
        except typst.TypstError as exc:
            return [exc.message]
        return [w.message for w in found]

    return warnings


def _sample() -> list[str]:
    """Every character of the shipped data, the issue's, and a seeded draw from the scripts near Latin."""
    rng = random.Random(25)
    shipped = set().union(*(p.read_text(encoding="utf-8") for p in (ROOT / "data").rglob("*.yaml")))
    drawn = {chr(rng.randrange(0x20, 0x2500)) for _ in range(300)}
    chars = sorted(shipped | set(ISSUE_25) | set(SWEDISH) | drawn)
    return [c for c in chars if unicodedata.category(c) not in ("Cc", "Cs", "Zl", "Zp")]


def test_what_the_checker_passes_typst_sets_without_a_warning(typeset):
    passed = [c for c in _sample() if not glyphs.missing(c)]
    assert set("åäöÅÄÖé–”§€") <= set(passed)
    assert typeset(passed) == []


def test_what_the_checker_refuses_typst_cannot_set(typeset):
    """Each refused character alone makes Typst warn: the checker refuses nothing the PDF could show. Format
    characters and lone marks (zero width space, joiners, variation selectors) Typst drops silently; they are
    refused as invisible."""
    refused = [c for c in _sample() if glyphs.missing(c) and unicodedata.category(c) not in ("Cf", "Mn")]
    assert set(ISSUE_25) - {"\u200b"} <= set(refused)
    assert [c for c in refused if not typeset([c])] == []


def test_the_checker_reads_the_text_font_alone():
    """Public Sans draws the digit zero alone (templates/gemensamt.typ): the characters a text may use are Atkinson
    Hyperlegible's, not fewer where Public Sans lacks one of them."""
    names = [path.name for path in glyphs.font_files()]
    assert names and all(name.startswith("AtkinsonHyperlegible-") for name in names), names
    assert {path.name for path in FONTS.glob("PublicSans-*.ttf")}, "the zero's font is shipped beside the text's"


def test_the_shipped_data_and_swedish_print():
    assert glyphs.missing(SWEDISH + "\u2009\u202f") == []  # thin spaces are spacing, not glyphs
    text = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "data").rglob("*.yaml"))
    assert glyphs.missing(text) == []


def test_a_letter_and_its_accents_are_enough():
    """Ĉ is not in the fonts' map, but C and the combining circumflex are: Typst sets it as the two."""
    assert "Ĉ" not in {chr(p) for p in glyphs.codepoints((FONTS / "AtkinsonHyperlegible-Regular.ttf").read_bytes())}
    assert glyphs.missing("Ĉ") == []


def _font(groups: list[tuple[int, int]]) -> bytes:
    """The smallest OpenType file the reader accepts: one cmap table with a format 12 subtable (3, 10) mapping
    each (first, last) range of code points to glyphs from 1."""
    body = b"".join(struct.pack(">III", first, last, 1) for first, last in groups)
    sub = struct.pack(">HHIII", 12, 0, 16 + len(body), 0, len(groups)) + body
    cmap = struct.pack(">HHHHI", 0, 1, 3, 10, 12) + sub
    return struct.pack(">IHHHH", 0x00010000, 1, 16, 0, 0) + struct.pack(">4sIII", b"cmap", 0, 28, len(cmap)) + cmap


def test_every_style_must_have_the_character(tmp_path):
    (tmp_path / "a.ttf").write_bytes((FONTS / "AtkinsonHyperlegible-Regular.ttf").read_bytes())
    (tmp_path / "b.ttf").write_bytes(_font([(0x20, 0x7E), (0x1F600, 0x1F600)]))  # ASCII and one emoji
    assert glyphs.codepoints(_font([(0x41, 0x43)])) == {0x41, 0x42, 0x43}
    assert glyphs.missing("abc", tmp_path) == []
    assert glyphs.missing("åbc😀", tmp_path) == ["å", "😀"]  # the first lacks å, the second the emoji


def test_a_broken_font_is_said_to_be_broken():
    with pytest.raises(glyphs.FontError):
        glyphs.codepoints(b"\x00\x01\x00\x00\x00\x00", "trasig.ttf")


def test_the_message_names_the_character_and_what_to_write():
    assert message(["‐"]).endswith("skriv '-' i stället")
    assert "U+2010 HYPHEN" in message(["‐"])
    assert fix("ﬁ") == "skriv 'fi' i stället"
    assert fix("о") == "skriv 'o' i stället"  # Cyrillic o
    assert fix("\u200b") == "ta bort tecknet, det syns inte i texten"
    assert fix("ŋ").startswith("skriv texten utan tecknet")
    assert "'\u200b'" not in message(["\u200b"])  # an invisible character is named, never printed
    assert "och 1 tecken till" in message(["ŋ", "→"])
