"""The PDFs: accessible PDF/UA-1 read from the structure tree, equal to the model, laid out
for print, reproducible, and every sheet one page at any number of budget years; a sheet whose data cannot fit
one page continues on a second, and the build never fails for it.

The real data is built once per session (fixture `built`) and every PDF is parsed once (`parsed`, `trees`),
so the checks below only read. Figures are compared with what macros.core.fees computes from the same model.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pdfplumber
import pikepdf
import pypdf
import pytest

from bench import synth
from macros.core import fees, pipeline
from macros.core.pages import OVERENSKOMMELSE_PDF, aktiveringskort_fil, partblad_fil
from macros.core.utgava import Utgava, utgava
from macros.pdf import PDF_DIR, cache, document, overenskommelse, partblad, plan, write
from macros.pdf.cache import PdfCache
from macros.render import diagram
from macros.text.format import belopp, datum, kronor, procent, tal
from tests.helpers import HOSTILE

from .helpers import PDF_EPOCH, PDF_REVISION, ROOT, VALID

DATA = ROOT / "data"
EPOCH, REVISION = PDF_EPOCH, PDF_REVISION  # the edition of the shared PDFs (tests/conftest.py: real_pdfs)
MM = 72 / 25.4  # points per millimetre


def _utgava() -> Utgava:
    return Utgava(datetime.fromtimestamp(EPOCH, UTC), REVISION)


@pytest.fixture(scope="session")
def handbok():
    return pipeline.load(DATA)[0]


@pytest.fixture(scope="session")
def built(real_pdfs):
    """The shipped data's PDFs at the edition _utgava() names (tests/conftest.py: real_pdfs)."""
    return real_pdfs


@dataclass
class Page:
    width: float
    height: float
    chars: list[dict]
    text: str  # lines joined by \n, no-break spaces as spaces


def _parse(path: Path) -> list[Page]:
    with pdfplumber.open(path) as pdf:
        return [Page(p.width, p.height, p.chars, _norm(p.extract_text())) for p in pdf.pages]


@pytest.fixture(scope="session")
def parsed(built) -> dict[str, list[Page]]:
    """Every PDF's pages, parsed once: file name relative to the output folder → pages."""
    return {path.relative_to(built.out).as_posix(): _parse(path) for path in built.files}


def _norm(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u2060", "")  # Typst joins a contents line's page number


def _text(pages: list[Page]) -> str:
    return "\n".join(p.text for p in pages)


def _outline(reader: pypdf.PdfReader) -> list[tuple[int, str, int, float]]:
    """Bookmarks as (level, title, page number from 1, top of the destination), in order."""

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                yield from walk(item, level + 1)
            else:
                yield level, item.title, reader.get_destination_page_number(item) + 1, float(item.top)

    return list(walk(reader.outline, 1))


def _main(built) -> pypdf.PdfReader:
    return pypdf.PdfReader(built.out / OVERENSKOMMELSE_PDF)


# --- The structure tree, read with pikepdf --------------------------------------------------------


@dataclass
class Tree:
    """A PDF's structure tree as reached from StructTreeRoot, and what its pages mark."""

    elements: list[pikepdf.Dictionary] = field(default_factory=list)  # every element reached, in order
    reached: set[tuple[tuple[int, int], int]] = field(default_factory=set)  # (page, MCID) pairs the tree names
    annotations: set[tuple[int, int]] = field(default_factory=set)  # annotations the tree names (OBJR)
    all_elements: list[pikepdf.Dictionary] = field(default_factory=list)  # every StructElem in the file
    pdf: pikepdf.Pdf | None = None


def _tree(path: Path) -> Tree:
    pdf = pikepdf.open(path)
    tree = Tree()

    def walk(node, page):
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid, page)
            return
        if isinstance(node, int):
            tree.reached.add((page, int(node)))
            return
        if not isinstance(node, pikepdf.Dictionary):
            return
        kind = node.get("/Type")
        here = node.Pg.objgen if "/Pg" in node else page
        if kind == "/MCR":
            tree.reached.add((here, int(node.MCID)))
        elif kind == "/OBJR":
            tree.annotations.add(node.Obj.objgen)
        else:
            tree.elements.append(node)
            if "/K" in node:
                walk(node.K, here)

    walk(pdf.Root.StructTreeRoot.K, None)
    tree.all_elements = [o for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and "/S" in o and "/P" in o]
    tree.pdf = pdf
    return tree


@pytest.fixture(scope="session")
def trees(built) -> dict[str, Tree]:
    return {path.relative_to(built.out).as_posix(): _tree(path) for path in built.files}


def _marked(page: pikepdf.Page) -> list[tuple[str, int | None]]:
    """Each marked-content sequence opened on the page, as (tag, MCID): its own MCID or that of the sequence
    it is nested in (a span that only carries /ActualText), None if neither has one. Inside an artifact
    the tag is "Artifact"."""
    out: list[tuple[str, int | None]] = []
    stack: list[tuple[str, int | None]] = []
    for operands, op in pikepdf.parse_content_stream(page):
        if str(op) in ("BDC", "BMC"):
            tag = str(operands[0]).lstrip("/")
            props = operands[1] if str(op) == "BDC" else None
            mcid = int(props.MCID) if isinstance(props, pikepdf.Dictionary) and "/MCID" in props else None
            if stack:
                tag = "Artifact" if stack[-1][0] == "Artifact" else tag
                mcid = stack[-1][1] if mcid is None else mcid
            stack.append((tag, mcid))
            out.append((tag, mcid))
        elif str(op) == "EMC":
            stack.pop()
        elif str(op) in ("Tj", "TJ", "'", '"', "Do", "sh") and not stack:
            out.append(("unmarked " + str(op), None))  # text or a drawing in no sequence at all
    assert not stack, "a marked-content sequence is never closed"
    return out


def test_every_marked_content_is_reached_from_the_root_or_an_artifact(trees):
    for name, tree in trees.items():
        for number, page in enumerate(tree.pdf.pages, 1):
            for tag, mcid in _marked(page):
                if tag == "Artifact":
                    continue
                assert mcid is not None, f"{name} page {number}: a {tag} without MCID is in no element"
                assert (page.obj.objgen, mcid) in tree.reached, f"{name} page {number}: {tag} {mcid} is orphaned"


def test_no_structure_element_is_outside_the_tree(trees):
    """Today's WeasyPrint PDF had 15 NonStruct elements for the running header that no path from the root
    reached; every element in the file must be reachable."""
    for name, tree in trees.items():
        reached = {e.objgen for e in tree.elements}
        orphans = [str(e.S) for e in tree.all_elements if e.objgen not in reached]
        assert not orphans, f"{name}: elements outside the tree: {orphans[:5]}"
        assert tree.elements[0].S == "/Document", name


def test_running_header_and_footer_are_artifacts_and_the_rest_is_tagged(parsed):
    for name, pages in parsed.items():
        top, bottom = (20 * MM, 20 * MM) if name == OVERENSKOMMELSE_PDF else (12 * MM, 12 * MM)  # in the margins
        for number, page in enumerate(pages, 1):
            for c in page.chars:
                if c["top"] < top or c["bottom"] > page.height - bottom:  # the agreement's header and footer
                    assert c.get("tag") == "Artifact" and c.get("mcid") is None, f"{name} p{number}: {c['text']!r}"
                # The rest is marked content that the test above follows to the root. (pdfplumber loses the
                # tag after a nested span ends, as in a contents line, so it cannot check that part.)
    page = parsed[OVERENSKOMMELSE_PDF][3]
    header = [c for c in page.chars if c["top"] < 20 * MM]
    footer = [c for c in page.chars if c["bottom"] > page.height - 20 * MM]
    assert "".join(c["text"] for c in header).startswith("Samverkan Stockholmsregionen")
    assert "".join(c["text"] for c in footer).endswith("sida 4 av " + str(len(parsed[OVERENSKOMMELSE_PDF])))


def test_the_contents_is_toc_and_toci_one_entry_per_chapter_and_section(trees, built):
    tree = trees[OVERENSKOMMELSE_PDF]
    tocs = [e for e in tree.elements if e.S == "/TOC"]
    entries = [e for e in tree.elements if e.S == "/TOCI"]
    outline = [b for b in _outline(_main(built)) if b[0] <= 2]
    assert tocs and len(entries) == len(outline)
    assert not [e for e in tree.elements if e.S == "/TOCI" and e.P.S != "/TOC"]
    assert not any(e.S in ("/L", "/LI") and e.P.get("/S") == "/TOC" for e in tree.elements)


def test_links_have_human_descriptions_and_are_in_the_tree(trees):
    seen = 0
    for name, tree in trees.items():
        for page in tree.pdf.pages:
            for annot in page.obj.get("/Annots") or []:
                if annot.Subtype != "/Link":
                    continue
                seen += 1
                contents = str(annot.get("/Contents", "")).strip()
                uri = str(annot.A.get("/URI", "")) if "/A" in annot else ""
                assert contents, f"{name}: a link without a description"
                if uri:
                    assert contents == uri, f"{name}: {contents!r} for {uri}"  # the address, as printed
                else:  # within the document: the target's title and page, as "Bilaga 1. Parter, sida 5"
                    assert re.fullmatch(r"\W*[A-ZÅÄÖ].*\w\W*,? sida \d+", contents), f"{name}: {contents!r}"
                    assert contents.strip(" ”").split("”")[0] != str(annot.Dest), f"{name}: a slug {contents!r}"
                assert annot.objgen in tree.annotations, f"{name}: link {contents!r} is not in the tree"
    assert seen > 20


def test_chart_is_vector_with_alternative_text(trees, handbok):
    tree = trees[OVERENSKOMMELSE_PDF]
    for page in tree.pdf.pages:
        for xobject in (page.obj.Resources.get("/XObject") or {}).values():
            assert xobject.get("/Subtype") != "/Image", "a raster image in the PDF"
    figures = [e for e in tree.elements if e.S == "/Figure"]
    assert len(figures) == 1
    assert str(figures[0].Alt) == diagram.beskrivning(handbok)
    for name, t in trees.items():  # every figure anywhere has alternative text
        assert all(str(e.get("/Alt", "")).strip() for e in t.elements if e.S == "/Figure"), name


def test_every_pdf_is_tagged_pdf_ua_with_title_and_swedish(built, handbok):
    sheets = {built.out / partblad_fil(p.id): p.namn for p in handbok.parter.values()}
    cards = {built.out / aktiveringskort_fil(p.id): p.namn for p in handbok.parter.values()}
    assert set(built.files) == {built.out / OVERENSKOMMELSE_PDF, *sheets, *cards}
    for path in built.files:
        reader = pypdf.PdfReader(path)
        root = reader.trailer["/Root"]
        xmp = root["/Metadata"].get_data().decode()
        assert re.search(r"""pdfuaid:part(="1"|>1<)""", xmp), f"{path.name}: no PDF/UA-1 identification"
        assert bool(root["/MarkInfo"]["/Marked"]), path.name
        assert "/StructTreeRoot" in root, path.name
        assert root["/Lang"] == "sv", path.name
        assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]), path.name
        title = reader.metadata.title
        assert title and title in xmp, path.name
        if path in sheets:
            assert title == f"{sheets[path]} – partblad, {handbok.overenskommelse.namn}"
        elif path in cards:
            assert title == f"{cards[path]} – aktiveringskort, {handbok.overenskommelse.namn}"
        else:
            assert title.startswith(handbok.overenskommelse.namn)


def _get(dictionary, key) -> dict:
    value = dictionary.get(key)
    return value.get_object() if value is not None else {}


def _fonts(obj, seen=None):
    """Every font dictionary reachable from a page, including form XObjects (the chart is one)."""
    seen = set() if seen is None else seen
    resources = _get(obj, "/Resources")
    for font in _get(resources, "/Font").values():
        font = font.get_object()
        if id(font) not in seen:
            seen.add(id(font))
            yield font
    for xobject in _get(resources, "/XObject").values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form":
            yield from _fonts(xobject, seen)


def test_all_fonts_embedded_and_only_the_shipped_font(built):
    for path in built.files:
        reader = pypdf.PdfReader(path)
        names = set()
        for page in reader.pages:
            for font in _fonts(page):
                descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
                descriptor = descendant["/FontDescriptor"].get_object()
                assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), f"{path.name}: {font['/BaseFont']}"
                names.add(str(font["/BaseFont"]).split("+", 1)[-1])
        assert names and all(n.startswith(("AtkinsonHyperlegible-", "PublicSans-")) for n in names), (path.name, names)


def test_the_digit_zero_alone_comes_from_public_sans(built):
    """Atkinson Hyperlegible's slashed zero reads as the letter Ø in Swedish ("2Ø15"): every zero is drawn from
    Public Sans, and nothing else is (templates/gemensamt.typ)."""
    for path in built.files:
        with pdfplumber.open(path) as pdf:
            chars = [c for page in pdf.pages for c in page.chars if c["text"].strip()]
        zeros = {c["fontname"].split("+", 1)[-1] for c in chars if c["text"] == "0"}
        others = {c["text"] for c in chars if c["text"] != "0" and "PublicSans-" in c["fontname"]}
        assert zeros and all(z.startswith("PublicSans-") for z in zeros), (path.name, zeros)
        assert not others, f"{path.name}: drawn from Public Sans besides the zero: {sorted(others)}"


# --- Contents, bookmarks, pages -------------------------------------------------------------------


def _line_at(page: Page, top: float) -> str:
    """The text of the line whose top is `top` points from the page's top."""
    chars = sorted((c for c in page.chars if abs(c["top"] - top) < 3), key=lambda c: c["x0"])
    return _norm("".join(c["text"] for c in chars)).strip()


def test_bookmarks_are_the_headings_where_they_stand(built, parsed, handbok):
    pages = parsed[OVERENSKOMMELSE_PDF]
    outline = _outline(_main(built))
    for _level, title, number, top in outline:
        page = pages[number - 1]
        heading = [c for c in page.chars if c["top"] >= page.height - top - 1]
        line = _line_at(page, min(c["top"] for c in heading))
        assert line == title, f"bookmark {title!r} points at {line!r} on page {number}"
    chapters = [title for level, title, _, _ in outline if level == 1]
    data = overenskommelse.overenskommelse(handbok, _utgava())
    assert chapters == ["Överenskommelsen", *(b["titel"] for b in data["bilagor"])]


def test_contents_page_lists_every_chapter_and_section_with_its_page(built, parsed):
    outline = _outline(_main(built))
    first_chapter = outline[0][2]
    entries = []
    for page in parsed[OVERENSKOMMELSE_PDF][1 : first_chapter - 1]:
        for line in page.text.splitlines():
            if m := re.fullmatch(r"(.+?)[ .]*\.\s*(\d+)", line.strip()):
                entries.append((m.group(1).strip(), int(m.group(2))))
    expected = [(title, page) for level, title, page, _ in outline if level <= 2]
    assert entries == expected


def test_no_heading_alone_at_the_bottom_of_a_page(built, parsed):
    pages = parsed[OVERENSKOMMELSE_PDF]
    for _level, title, number, top in _outline(_main(built)):
        page = pages[number - 1]
        heading = sorted((c for c in page.chars if c["top"] >= page.height - top - 1), key=lambda c: c["top"])
        size = heading[0]["size"]
        below = [c for c in heading if c["size"] != size and c["bottom"] < page.height - 22 * MM]
        assert below, f"'{title}' is the last thing on page {number}"


def test_text_is_extractable_and_inside_the_page(parsed):
    for name, pages in parsed.items():
        assert "å" in _text(pages) and "ä" in _text(pages) and "ö" in _text(pages), name
        for number, page in enumerate(pages, 1):
            _inside(page, f"{name} page {number}")


def _overlaps(page: Page) -> list[str]:
    """Characters drawn over one another: a line over a heading, a word running into the next table cell.
    Kerning ("Tä") overlaps a little; an overlap counts beyond a fifth of the font size across and a third
    down."""
    chars = sorted((c for c in page.chars if c["text"].strip()), key=lambda c: c["x0"])
    found = []
    for i, a in enumerate(chars):
        for b in chars[i + 1 :]:
            size = min(a["size"], b["size"])
            if b["x0"] > a["x1"] - 0.2 * size:
                break
            if min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 0.3 * size:
                found.append(f"{a['text']}/{b['text']} at {a['x0']:.0f},{a['top']:.0f}")
    return found


def test_no_text_is_drawn_over_other_text(parsed):
    for name, pages in parsed.items():
        for number, page in enumerate(pages, 1):
            assert not _overlaps(page), f"{name} page {number}: {_overlaps(page)[:3]}"


def _inside(page: Page, where: str) -> None:
    outside = [
        c["text"]
        for c in page.chars
        if c["x0"] < 0 or c["top"] < 0 or c["x1"] > page.width or c["bottom"] > page.height
    ]
    assert not outside, f"{where}: text outside the page: {''.join(outside)[:60]}"


def test_pages_are_a4_with_running_header_and_page_x_of_y(parsed):
    pages = parsed[OVERENSKOMMELSE_PDF]
    for number, page in enumerate(pages, 1):
        assert (round(page.width / MM), round(page.height / MM)) == (210, 297)
        if number > 1:  # the cover has no header or footer
            assert f"sida {number} av {len(pages)}" in page.text.splitlines()[-1]
            assert page.text.splitlines()[0].startswith("Samverkan Stockholmsregionen")
        else:
            assert "sida" not in page.text.splitlines()[-1]


# --- Content equals the model -----------------------------------------------------------------


def test_cover_says_version_dates_and_revision(parsed, handbok):
    cover = parsed[OVERENSKOMMELSE_PDF][0].text
    a = handbok.overenskommelse
    assert a.namn in cover and f"Version {a.version}" in cover
    assert f"Gäller från {datum(a.galler_fran)}" in cover
    assert "Utskriften skapad 1 januari 2026" in cover
    assert f"Datans version {REVISION}" in cover


def test_sentences_from_data_are_not_glued_together(parsed):
    for name, pages in parsed.items():
        words = " ".join(w for w in _text(pages).split() if "/" not in w)  # web addresses aside
        assert not re.findall(r"\w+[a-zåäö][.:;][A-ZÅÄÖ]\w+", words), name


def test_every_party_name_is_in_the_agreement_and_on_its_sheet(parsed, handbok):
    text = " ".join(_text(parsed[OVERENSKOMMELSE_PDF]).split())
    for p in handbok.parter.values():
        assert p.namn in text
        sheet = parsed[partblad_fil(p.id)]
        assert p.namn in sheet[0].text
        _check_sheet_pages(sheet, p.namn)


def _check_sheet_pages(sheet: list[Page], namn: str) -> None:
    """A sheet of one page has no footer; a longer one says on every page whose sheet it is and "sida N av M"."""
    if len(sheet) == 1:
        assert "sida 1 av" not in sheet[0].text
        return
    for number, page in enumerate(sheet, 1):
        last = page.text.splitlines()[-1]
        assert last.startswith(f"Partblad · {namn}") and last.endswith(f"sida {number} av {len(sheet)}"), last


def _fee_appendix(path: Path, pages: list[Page], ar: int) -> str:
    outline = _outline(pypdf.PdfReader(path))
    start = next(page for level, title, page, _ in outline if level == 1 and title.endswith(f"Avgifter {ar}"))
    end = next((page for level, _, page, _ in outline if level == 1 and page > start), None)
    return _text(pages[start - 1 : end - 1 if end else None])


SAKNAS = "uppgift saknas"


def _rate(value) -> str:
    """A rate as the PDF prints it: "uppgift saknas" for a year whose rate is unknown."""
    return SAKNAS if value is None else _norm(belopp(value))


def _check_fee_appendix(text: str, handbok) -> None:
    """Every row of the latest year equals macros.core.fees; with more years, every year's known sum too."""
    tabell = fees.avgiftstabell(handbok, handbok.avgifter.budgetar[-1].ar)
    lines = text.splitlines()
    rate = _rate(tabell.belopp_per_invanare)
    expected_amounts = {rate} - {SAKNAS}
    for r in tabell.rader:
        if r.belopp is None:
            row = f"{r.part.namn} uppgift saknas {rate} uppgift saknas –"
        else:
            row = " ".join(
                _norm(x) for x in (r.part.namn, tal(r.folkmangd), rate, kronor(r.belopp), procent(tabell.andel(r)))
            )
            expected_amounts.add(_norm(kronor(r.belopp)))
        assert row in lines, f"no row '{row}'"
    total = _norm(kronor(tabell.summa_kanda))
    expected_amounts.add(total)
    assert total in text and _norm(tal(tabell.folkmangd_kanda)) in text
    if len(handbok.avgifter.budgetar) > 1:
        for b in handbok.avgifter.budgetar:
            t = fees.avgiftstabell(handbok, b.ar)
            rate_b, sum_b = _rate(b.belopp_per_invanare), _norm(kronor(t.summa_kanda))
            known = len(t.rader) - t.antal_okanda
            assert f"{b.ar} {rate_b} {known} av {len(t.rader)} {sum_b}" in lines, f"no total for {b.ar}"
            expected_amounts |= {rate_b, sum_b} - {SAKNAS}
    printed = set(re.findall(r"\d{1,3}(?: \d{3})*(?:,\d\d)? kr", text))
    assert printed == expected_amounts, "amounts in the fee appendix that the model does not give"


def test_every_fee_figure_equals_the_model(built, parsed, handbok):
    text = _fee_appendix(built.out / OVERENSKOMMELSE_PDF, parsed[OVERENSKOMMELSE_PDF], handbok.avgifter.budgetar[-1].ar)
    _check_fee_appendix(text, handbok)


def _check_sheet_fees(sheet: str, handbok, p) -> list[int]:
    """The years the sheet's fee table shows: the latest, at least three (or all), each equal to macros.core.fees;
    when some are left out a sentence names the party's page. Returns the years shown."""
    years = [b.ar for b in handbok.avgifter.budgetar if p.part_under_ar(b.ar)]  # a sheet shows years as a party
    shown = [int(y) for y in re.findall(r"^(\d{4}) .* (?:kr|uppgift saknas)$", sheet, re.M)]
    assert shown == years[len(years) - len(shown) :], f"{p.id}: not the latest years: {shown}"
    assert len(shown) >= min(3, len(years)), f"{p.id}: only {len(shown)} years"
    for ar in shown:
        a = fees.avgift(handbok, p, ar)
        fee = "uppgift saknas" if a.belopp is None else _norm(kronor(a.belopp))
        population = "uppgift saknas" if a.folkmangd is None else _norm(tal(a.folkmangd))
        assert re.search(rf"^{ar} {re.escape(population)} \(.*\) .* {re.escape(fee)}$", sheet, re.M), f"{p.id} {ar}"
    flat = " ".join(sheet.split())
    if len(shown) < len(years):
        assert f"de {len(shown)} senaste av {len(years)} budgetår" in flat
        assert f"parter/{p.id}.html" in flat, f"{p.id}: the sentence does not name the party's page"
    else:
        assert "senaste av" not in flat
    return shown


def test_each_municipality_sheet_shows_its_fee(parsed, handbok):
    for p in (p for p in handbok.parter.values() if p.kategori == "kommun"):
        sheet = parsed[partblad_fil(p.id)][0].text
        for ar in _check_sheet_fees(sheet, handbok, p):
            if fees.avgift(handbok, p, ar).belopp is None:  # the sheet says why
                assert f"{ar}: Avgiften kan inte räknas ut" in " ".join(sheet.split()), (p.id, ar)


def test_a_sheet_says_why_a_fee_cannot_be_worked_out(valid_handbok):
    """The small valid dataset has a municipality without a population (Vaxholm) and one with (Nacka)."""
    for ident, says in (("vaxholm", True), ("nacka", False)):
        data = document.as_json(partblad.partblad(valid_handbok, _utgava(), valid_handbok.parter[ident]))
        assert ("2015: Avgiften kan inte räknas ut eftersom folkmängden den 30 juni 2014 saknas" in data) == says


def test_forums_with_both_modes_are_in_the_agreement(parsed, handbok):
    text = " ".join(_text(parsed[OVERENSKOMMELSE_PDF]).split())
    for f in handbok.forum.values():
        assert f"{f.namn} i ordinarie läge" in text and f"{f.namn} i aktiverat läge" in text
        for task in (*f.uppgifter.ordinarie_lage, *f.uppgifter.aktiverat_lage):
            assert " ".join(task.split()) in text, task


def test_no_word_is_hyphenated_over_two_lines(parsed, built, handbok):
    """Ragged right without hyphenation: a broken word ("Ska-/pat") is harder to read and to search. A line
    may end in a hyphen only where the data has one ("Nord-/Ost")."""
    data = " ".join(pdf.data for pdf in plan.plan(handbok, _utgava()))
    for name, pages in parsed.items():
        lines = _text(pages).splitlines()
        for line, following in itertools.pairwise(lines):
            if m := re.search(r"(\w+-)$", line):
                word = m.group(1) + following.split()[0] if following.split() else m.group(1)
                assert word.rstrip(".,;:)") in data, f"{name}: {line!r} / {following!r}"


# --- Any number of budget years ---------------------------------------------------------------


@pytest.mark.pdf  # writes a whole set of PDFs itself
@pytest.mark.parametrize("years", [1, 5, 12, 30])
def test_every_sheet_is_one_page_and_the_fees_fit_at_any_number_of_years(tmp_path, years):
    data = synth.generate(1, tmp_path / "data", years=years)  # the shipped data: real names, forums and texts
    h = pipeline.load(data)[0]
    assert len(h.avgifter.budgetar) >= years  # as many as asked for, or the shipped data's own if it has more
    out = tmp_path / "out"
    files = write.write_pdfs(h, out, _utgava())
    for p in h.kommuner():
        (page,) = _parse(out / partblad_fil(p.id))  # one page: the fee table shows the years that fit
        _inside(page, p.id)
        assert not _overlaps(page), (p.id, _overlaps(page)[:3])
        shown = _check_sheet_fees(page.text, h, p)
        if len(h.avgifter.budgetar) <= 5:  # every year it was a party fits
            assert len(shown) == len([b for b in h.avgifter.budgetar if p.part_under_ar(b.ar)])
    for p in h.parter.values():  # the activation card shows no fees: one page at any number of years
        (page,) = _parse(out / aktiveringskort_fil(p.id))
        _inside(page, p.id)
        assert not _overlaps(page), (p.id, _overlaps(page)[:3])
    _check_fee_appendix(_fee_appendix(files[0], _parse(files[0]), h.avgifter.budgetar[-1].ar), h)


@pytest.mark.pdf  # writes a whole set of PDFs itself
def test_a_sheet_that_cannot_fit_continues_on_a_second_page_with_every_year(tmp_path, monkeypatch):
    """A sheet too long for a page continues on a second, every budget year in it; the build goes on."""
    monkeypatch.setattr(partblad, "MIN_AR", 200)  # more rows than a page can hold, never left out
    data = synth.generate(1, tmp_path / "data", source=VALID, years=80)
    h = pipeline.load(data)[0]
    out = tmp_path / "out"
    write.write_pdfs(h, out, _utgava())
    nacka = h.parter["nacka"]
    sheet = _parse(out / partblad_fil("nacka"))
    assert len(sheet) >= 2
    _check_sheet_pages(sheet, nacka.namn)
    for page in sheet:
        _inside(page, "nacka")
        assert not _overlaps(page), _overlaps(page)[:3]
    assert _check_sheet_fees(_text(sheet), h, nacka) == [b.ar for b in h.avgifter.budgetar]  # every year, none cut
    assert (out / OVERENSKOMMELSE_PDF).exists()


# --- Data is text, never markup -----------------------------------------------------------------

TYPST_HOSTILE = [
    "#set page(width: 1cm)",
    "#panic(1)",
    "$x^2$",
    "*fet* _kursiv_",
    "`kod` ```rad```",
    "<etikett> @hänvisning",
    "\\ snedstreck \\",
    "[hak] {klammer}",
    "// kommentar /* block",
    "= Rubrik",
    "- punkt",
    "+ nummer",
    "/ Term: förklaring",
    "a~b",
    "\"citat\" 'enkla'",
    "https://example.org/x",
    '#{"a" + "b"}',
    '}"; #panic(2); "',
    HOSTILE,
]


def test_as_json_is_the_only_way_data_reaches_typst_and_roundtrips():
    import json

    data = {"ö": TYPST_HOSTILE, "n": None}
    assert json.loads(document.as_json(data)) == data
    assert document.as_json({"b": 1, "a": 2}) == '{"a":2,"b":1}'  # sorted: same data, same input


@pytest.mark.pdf  # Typst makes a sheet for each
@pytest.mark.parametrize("hostile", TYPST_HOSTILE)
def test_typst_markup_in_data_is_printed_literally(valid_handbok, hostile):
    p = valid_handbok.parter["nacka"]
    data = partblad.partblad(valid_handbok, _utgava(), p)
    data["part"] = hostile
    data["forum"][0][3] = f"vid {hostile} slut"
    data["ansvar_gemensamma_inledning"] = f"Också {hostile}:"  # a sentence from render/sentences/, whole
    pdf = plan.Pdf("x.pdf", plan.SHEET_TEMPLATE, document.as_json(data), data["titel"], EPOCH, "nacka")
    import io

    (page,) = pypdf.PdfReader(io.BytesIO(write.compile_pdf(pdf))).pages  # content order: a wrapped cell whole
    text = "".join(_norm(page.extract_text()).split())  # spaces aside: a narrow cell breaks a web address
    assert text.count("".join(hostile.split())) >= 3, text[:300]


@pytest.mark.pdf  # writes a whole set of PDFs itself
def test_hostile_party_name_is_printed_literally(tmp_path):
    data = shutil.copytree(VALID, tmp_path / "data")
    part = data / "parter" / "nacka.yaml"
    name = "#set page(width: 1cm) *x* <b>" + HOSTILE
    text = part.read_text(encoding="utf-8").replace("namn: Nacka kommun", f"namn: '{name}'")
    part.write_text(text, encoding="utf-8")
    handbok = pipeline.load(data)[0]
    out = tmp_path / "out"
    write.write_pdfs(handbok, out, _utgava())
    for path in (out / OVERENSKOMMELSE_PDF, out / partblad_fil("nacka")):
        # pypdf reads in content order, so a name wrapped in a table cell stays whole
        text = " ".join(_norm(" ".join(p.extract_text() for p in pypdf.PdfReader(path).pages)).split())
        assert name in text, path.name
    sheet = pypdf.PdfReader(out / partblad_fil("nacka"))
    assert sheet.metadata.title.startswith(name)


# --- Reproducible, cached ---------------------------------------------------------------------


def test_same_data_and_epoch_give_the_same_bytes_in_a_new_process(built, tmp_path):
    script = (
        "import sys; from datetime import UTC, datetime; from pathlib import Path;"
        "from macros.core import pipeline; from macros.pdf import write; from macros.core.utgava import Utgava;"
        f"h = pipeline.load(Path({str(DATA)!r}))[0];"
        f"write.write_pdfs(h, Path(sys.argv[1]), Utgava(datetime.fromtimestamp({EPOCH}, UTC), {REVISION!r}))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", script, str(tmp_path)], cwd=ROOT, env=env, check=True, timeout=600)
    for path in built.files:
        again = tmp_path / path.relative_to(built.out)
        assert again.read_bytes() == path.read_bytes(), f"{path.name} differs between two builds"


def test_an_unchanged_pdf_comes_from_the_cache_with_the_same_bytes(built, handbok, tmp_path, monkeypatch):
    pdf_cache = PdfCache(tmp_path / "cache")
    first = write.write_pdfs(handbok, tmp_path / "a", _utgava(), cache=pdf_cache)
    assert len(list(pdf_cache.folder.glob("*.pdf"))) == len(first)

    def no_typst(_pdf):
        raise AssertionError("compiled although everything was in the cache")

    monkeypatch.setattr(write, "compile_pdf", no_typst)
    again = write.write_pdfs(handbok, tmp_path / "b", _utgava(), cache=PdfCache(pdf_cache.folder))
    for path in built.files:  # the same bytes as a build without a cache
        rel = path.relative_to(built.out)
        assert (tmp_path / "b" / rel).read_bytes() == path.read_bytes() == (tmp_path / "a" / rel).read_bytes()
    assert len(again) == len(first)


@pytest.mark.pdf  # writes a whole set of PDFs itself
def test_after_a_data_edit_only_the_pdfs_that_show_it_are_compiled(tmp_path, monkeypatch):
    data = shutil.copytree(VALID, tmp_path / "data")
    pdf_cache = PdfCache(tmp_path / "cache")
    write.write_pdfs(pipeline.load(data)[0], tmp_path / "a", _utgava(), cache=pdf_cache)
    part = data / "parter" / "nacka.yaml"
    part.write_text(part.read_text(encoding="utf-8").replace("95182", "95183"), encoding="utf-8")
    edited = pipeline.load(data)[0]

    compiled = []
    real = write.compile_pdf
    monkeypatch.setattr(write, "compile_pdf", lambda pdf: compiled.append(pdf.fil) or real(pdf))
    write.write_pdfs(edited, tmp_path / "b", _utgava(), cache=PdfCache(pdf_cache.folder))
    assert compiled == [OVERENSKOMMELSE_PDF, partblad_fil("nacka")]
    # The agreement, and a sheet and an activation card per party: the old two are gone. The population is not on
    # the card, so no card was compiled again.
    assert len(list(pdf_cache.folder.glob("*.pdf"))) == 2 * len(edited.parter) + 1

    monkeypatch.setattr(write, "compile_pdf", real)
    fresh = write.write_pdfs(edited, tmp_path / "c", _utgava())
    for path in fresh:
        rel = path.relative_to(tmp_path / "c")
        assert (tmp_path / "b" / rel).read_bytes() == path.read_bytes(), rel


def _copy_pdf_dir(tmp_path, monkeypatch) -> Path:
    copy = shutil.copytree(PDF_DIR, tmp_path / "pdf", ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "TEMPLATES", copy / "templates")
    monkeypatch.setattr(cache, "FONTS", copy / "fonts")
    cache.fixed_inputs.cache_clear()
    return copy


@pytest.mark.parametrize(
    "changed", ["templates/gemensamt.typ", "templates/partblad.typ", "fonts/AtkinsonHyperlegible-Regular.ttf"]
)
def test_the_cache_key_changes_with_the_templates_and_the_fonts(tmp_path, monkeypatch, changed):
    copy = _copy_pdf_dir(tmp_path, monkeypatch)
    key = PdfCache(tmp_path).key("partblad.typ", "{}", EPOCH)
    with (copy / changed).open("ab") as f:
        f.write(b"\n")
    cache.fixed_inputs.cache_clear()
    try:
        assert PdfCache(tmp_path).key("partblad.typ", "{}", EPOCH) != key
    finally:
        cache.fixed_inputs.cache_clear()


def test_the_cache_key_changes_with_data_template_time_typst_and_standard(tmp_path, monkeypatch):
    c = PdfCache(tmp_path)
    key = c.key("partblad.typ", "{}", EPOCH)
    assert len({key, c.key("overenskommelse.typ", "{}", EPOCH), c.key("partblad.typ", "{ }", EPOCH)}) == 3
    assert c.key("partblad.typ", "{}", EPOCH + 86400) != key
    try:
        monkeypatch.setattr(cache, "_version", lambda _p: "0.0.0")
        cache.fixed_inputs.cache_clear()
        assert c.key("partblad.typ", "{}", EPOCH) != key
        monkeypatch.undo()
        monkeypatch.setattr(cache, "PDF_STANDARDS", ("ua-1", "a-2a"))
        cache.fixed_inputs.cache_clear()
        assert c.key("partblad.typ", "{}", EPOCH) != key
    finally:
        cache.fixed_inputs.cache_clear()


def test_the_cache_key_ignores_the_python_code_and_the_font_notes(tmp_path, monkeypatch):
    """A changed message in write.py or a new line in the fonts' README shapes no byte of a PDF."""
    copy = _copy_pdf_dir(tmp_path, monkeypatch)
    key = PdfCache(tmp_path).key("partblad.typ", "{}", EPOCH)
    for changed in ("write.py", "plan.py", "fonts/README.md"):
        with (copy / changed).open("a", encoding="utf-8") as f:
            f.write("\n# ändrad\n")
    cache.fixed_inputs.cache_clear()
    try:
        assert PdfCache(tmp_path).key("partblad.typ", "{}", EPOCH) == key
    finally:
        cache.fixed_inputs.cache_clear()


def test_a_cache_that_cannot_be_used_only_costs_time(built, handbok, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)  # others could plant files here: not used
    for folder in (Path("/dev/null/x"), shared):
        out = tmp_path / f"out-{folder.name}"
        files = write.write_pdfs(handbok, out, _utgava(), cache=PdfCache(folder))
        assert [f.read_bytes() for f in files] == [f.read_bytes() for f in built.files]
    assert list(shared.iterdir()) == []


def test_build_date_comes_from_source_date_epoch_and_revision_falls_back(monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    utg = utgava(tmp_path)
    assert utg.dag == "2026-01-01" and datum(utg.dag) == "1 januari 2026"  # as the cover writes it
    assert utg.revision == "" and utg.slug == ""  # outside git: no line about git for a reader
    assert plan.tidpunkt(utg) == EPOCH


def test_a_removed_party_loses_its_sheet(built, handbok, tmp_path):
    out = tmp_path / "out"
    stale = out / partblad_fil("borttagen")
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"%PDF-")
    card = out / aktiveringskort_fil("borttagen")
    card.parent.mkdir(parents=True)
    card.write_bytes(b"%PDF-")
    write.write_pdfs(handbok, out, _utgava())
    assert not stale.exists() and not card.exists()


# --- With poppler's tools, as a reader's machine sees the files -------------------------------


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} saknas: installera poppler-utils (.ci/run gör det)")
        pytest.skip(f"{name} is not installed (poppler-utils)")
    return path


def test_poppler_says_tagged_embedded_and_extractable(built, handbok):
    main = str(built.out / OVERENSKOMMELSE_PDF)
    info = subprocess.run([_tool("pdfinfo"), main], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(r"^Page size:.*\(A4\)$", info, re.M)
    for path in built.files:
        fonts = subprocess.run([_tool("pdffonts"), str(path)], capture_output=True, text=True, check=True).stdout
        rows = fonts.splitlines()[2:]
        assert rows and all(row.split()[-5] == "yes" for row in rows), fonts  # the "emb" column
    text = subprocess.run([_tool("pdftotext"), main, "-"], capture_output=True, text=True, check=True).stdout
    text = _norm(text)
    assert _norm(handbok.regionala_radet().namn) in text


def test_a_template_error_is_one_pdf_error_naming_the_file(handbok):
    good = plan.plan(handbok, _utgava())[1]
    broken = plan.Pdf(good.fil, good.mall, good.data.replace('"part":', '"inte_part":'), good.titel, EPOCH, good.part)
    with pytest.raises(write.PdfError, match=r"^Typst: .*\"part\" \[.*templates/partblad\.typ:\d+:\d+\]$"):
        write.compile_pdf(broken)
