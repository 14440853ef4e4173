"""The PDFs (issue 4): accessible, equal to the model, laid out for print, reproducible.

The real data is built once per session (fixture `built`) and every PDF is parsed once (`parsed`), so
the checks below only read. Figures are compared with what macros.fees computes from the same model.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pdfplumber
import pypdf
import pytest

from macros import fees, pipeline
from macros.pdf import OVERENSKOMMELSE_PDF, partblad_fil
from macros.pdf import build as pdfbuild
from macros.pdf.cache import PdfCache
from macros.render.common import belopp, kronor, procent, tal
from tests.helpers import HOSTILE

from .helpers import ROOT, VALID

DATA = ROOT / "data"
EPOCH = 1767225600  # 2026-01-01T00:00:00Z
REVISION = "testrev"
MM = 72 / 25.4  # points per millimetre


def _utgava() -> pdfbuild.Utgava:
    return pdfbuild.Utgava(datetime.fromtimestamp(EPOCH, UTC), REVISION)


@dataclass
class Built:
    out: Path
    seconds: float
    files: list[Path]


@pytest.fixture(scope="session")
def handbok():
    return pipeline.load(DATA)[0]


@pytest.fixture(scope="session")
def built(tmp_path_factory, handbok) -> Built:
    out = tmp_path_factory.mktemp("pdf")
    start = time.perf_counter()
    files = pdfbuild.build(handbok, out, _utgava(), processes=3)  # shared even on a one-core machine
    return Built(out, time.perf_counter() - start, files)


@dataclass
class Page:
    width: float
    height: float
    chars: list[dict]
    text: str  # lines joined by \n, no-break spaces as spaces


@pytest.fixture(scope="session")
def parsed(built) -> dict[str, list[Page]]:
    """Every PDF's pages, parsed once: file name relative to the output folder → pages."""
    out = {}
    for path in built.files:
        with pdfplumber.open(path) as pdf:
            out[path.relative_to(built.out).as_posix()] = [
                Page(p.width, p.height, p.chars, _norm(p.extract_text())) for p in pdf.pages
            ]
    return out


def _norm(text: str) -> str:
    return text.replace("\u00a0", " ")


def _text(pages: list[Page]) -> str:
    return "\n".join(p.text for p in pages)


def _outline(reader: pypdf.PdfReader) -> list[tuple[int, str, int]]:
    """Bookmarks as (level, title, page number from 1), in order."""

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                yield from walk(item, level + 1)
            else:
                yield level, item.title, reader.get_destination_page_number(item) + 1

    return list(walk(reader.outline, 1))


def _main(built) -> pypdf.PdfReader:
    return pypdf.PdfReader(built.out / OVERENSKOMMELSE_PDF)


# --- Accessibility ------------------------------------------------------------------------------


def test_every_pdf_is_tagged_pdf_ua_with_title_and_swedish(built, handbok):
    sheets = {built.out / partblad_fil(p.id): p.namn for p in handbok.parter.values()}
    assert set(built.files) == {built.out / OVERENSKOMMELSE_PDF, *sheets}
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
        assert names and all(n.startswith("Atkinson-Hyperlegible") for n in names), (path.name, names)


def test_chart_is_vector_with_alternative_text(built):
    reader = _main(built)
    for page in reader.pages:
        xobjects = _get(_get(page, "/Resources"), "/XObject").values()
        assert not [x for x in xobjects if x.get_object().get("/Subtype") == "/Image"], "a raster image in the PDF"
    figures = []

    def walk(element):
        element = element.get_object()
        if element.get("/S") == "/Figure":
            figures.append(element)
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pypdf.generic.ArrayObject) else [kids] if kids is not None else []:
            if isinstance(kid, pypdf.generic.IndirectObject) and isinstance(kid.get_object(), dict):
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    assert len(figures) == 1
    assert str(figures[0]["/Alt"]).startswith("Styrningen i")


class _Headings(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._level = 0
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self._level, self._text = int(tag[1]), []

    def handle_data(self, data):
        if self._level:
            self._text.append(data)

    def handle_endtag(self, tag):
        if self._level and tag == f"h{self._level}":
            self.found.append((self._level, " ".join("".join(self._text).split())))
            self._level = 0


def test_bookmarks_are_the_headings(built, handbok):
    parser = _Headings()
    parser.feed(pdfbuild.dokument_html(handbok, _utgava()))
    assert [(level, title) for level, title, _ in _outline(_main(built))] == parser.found


def test_contents_page_lists_every_chapter_and_section_with_its_page(built, parsed):
    outline = _outline(_main(built))
    toc_page = next(page for _, title, page in outline if title == "Innehåll")
    first_chapter = next(page for level, _, page in outline if level == 1 and page > toc_page)
    entries = []
    for page in parsed[OVERENSKOMMELSE_PDF][toc_page - 1 : first_chapter - 1]:
        for line in page.text.splitlines():
            if m := re.fullmatch(r"(.+?)[ .]*\.\s*(\d+)", line.strip()):
                entries.append((m.group(1).strip(), int(m.group(2))))
    expected = [(title, page) for level, title, page in outline if level <= 2 and page >= first_chapter]
    assert entries == expected


def test_no_heading_alone_at_the_bottom_of_a_page(built, parsed):
    reader = _main(built)
    pages = parsed[OVERENSKOMMELSE_PDF]

    def walk(items):
        for item in items:
            yield from walk(item) if isinstance(item, list) else [item]

    for dest in walk(reader.outline):
        number = reader.get_destination_page_number(dest)
        page = pages[number]
        top = page.height - float(dest.top)
        heading = sorted((c for c in page.chars if c["top"] >= top - 1), key=lambda c: (c["top"], c["x0"]))
        size = heading[0]["size"]
        below = [c for c in heading if c["size"] != size and c["bottom"] < page.height - 22 * MM]
        assert below, f"'{dest.title}' is the last thing on page {number + 1}"


def test_text_is_extractable_and_inside_the_page(parsed):
    for name, pages in parsed.items():
        assert "å" in _text(pages) and "ä" in _text(pages) and "ö" in _text(pages), name
        for number, page in enumerate(pages, 1):
            outside = [
                c["text"]
                for c in page.chars
                if c["x0"] < 0 or c["top"] < 0 or c["x1"] > page.width or c["bottom"] > page.height
            ]
            assert not outside, f"{name} page {number}: text outside the page: {''.join(outside)[:60]}"


def test_pages_are_a4_with_running_header_and_page_x_of_y(parsed):
    pages = parsed[OVERENSKOMMELSE_PDF]
    for number, page in enumerate(pages, 1):
        assert (round(page.width / MM), round(page.height / MM)) == (210, 297)
        if number > 1:  # the cover has no header or footer
            assert f"sida {number} av {len(pages)}" in page.text.splitlines()[-1]
            assert page.text.splitlines()[0].startswith("Samverkan Stockholmsregionen")


# --- Content equals the model -----------------------------------------------------------------


def test_cover_says_version_dates_and_revision(parsed, handbok):
    cover = parsed[OVERENSKOMMELSE_PDF][0].text
    a = handbok.overenskommelse
    assert a.namn in cover and f"Version {a.version}" in cover
    assert "Gäller från 1 januari 2015" in cover
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
        assert len(sheet) == 1, f"{p.id}: the sheet is not one page"
        assert p.namn in sheet[0].text


def test_every_fee_figure_equals_the_model(built, parsed, handbok):
    tabell = fees.avgiftstabell(handbok, handbok.avgifter.budgetar[-1].ar)
    outline = _outline(_main(built))
    start = next(page for level, title, page in outline if level == 1 and title.endswith(f"Avgifter {tabell.ar}"))
    end = next((page for level, _, page in outline if level == 1 and page > start), None)
    text = _text(parsed[OVERENSKOMMELSE_PDF][start - 1 : end - 1 if end else None])
    lines = text.splitlines()
    rate = belopp(tabell.belopp_per_invanare).replace("\u00a0", " ")
    expected_amounts = {rate}
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
    printed = set(re.findall(r"\d{1,3}(?: \d{3})*(?:,\d\d)? kr", text))
    assert printed == expected_amounts, "amounts in the fee appendix that the model does not give"
    assert "142 773 kr" in text  # Nacka 2015, the figure checked against the decision document


def test_each_municipality_sheet_shows_its_fee(parsed, handbok):
    for p in handbok.kommuner():
        sheet = parsed[partblad_fil(p.id)][0].text
        for b in handbok.avgifter.budgetar:
            a = fees.avgift(handbok, p, b.ar)
            shown = "uppgift saknas" if a.belopp is None else _norm(kronor(a.belopp))
            assert re.search(rf"^{b.ar} .*{re.escape(shown)}$", sheet, re.M), f"{p.id} {b.ar}: {shown}"
    assert "142 773 kr" in parsed[partblad_fil("nacka")][0].text


def test_forums_with_both_modes_are_in_the_agreement(parsed, handbok):
    text = " ".join(_text(parsed[OVERENSKOMMELSE_PDF]).split())
    for f in handbok.forum.values():
        assert f"{f.namn} i ordinarie läge" in text and f"{f.namn} i aktiverat läge" in text
        for task in (*f.uppgifter.ordinarie_lage, *f.uppgifter.aktiverat_lage):
            assert " ".join(task.split()) in text.replace("- ", ""), task  # "- ": a hyphenation break


# --- Layout rules -----------------------------------------------------------------------------


def test_long_tables_repeat_their_header_and_never_split_a_row():
    rows = "".join(f"<tr><td>rad {n}<br>andra raden {n}</td><td>{n}</td></tr>" for n in range(1, 121))
    html = (
        '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Tabell</title></head><body>'
        '<section class="kapitel"><h1 id="t">Tabell</h1><table class="parter"><thead><tr><th scope="col">Kommun'
        f'</th><th scope="col">Kod</th></tr></thead><tbody>{rows}</tbody></table></section></body></html>'
    )
    with pdfplumber.open(io.BytesIO(pdfbuild.render_pdf(html))) as pdf:
        texts = [_norm(p.extract_text()) for p in pdf.pages]
    assert len(texts) > 2
    for text in texts:
        lines = text.splitlines()
        header = next(i for i, line in enumerate(lines) if line.startswith("Kommun"))
        assert lines[header + 1].startswith("rad "), "the header is not the first row on the page"
    for n in range(1, 121):
        first = [bool(re.search(rf"^rad {n} {n}$", t, re.M)) for t in texts]
        second = [bool(re.search(rf"^andra raden {n}$", t, re.M)) for t in texts]
        assert sum(first) == 1 and first == second, f"row {n} is split or missing"


# --- Reproducible, escaped, with the tools' own checks ---------------------------------------


def test_same_data_and_epoch_give_the_same_bytes_in_a_new_process(built, tmp_path):
    script = (
        "import sys; from datetime import UTC, datetime; from pathlib import Path;"
        "from macros import pipeline; from macros.pdf import build as b;"
        f"h = pipeline.load(Path({str(DATA)!r}))[0];"
        f"b.build(h, Path(sys.argv[1]), b.Utgava(datetime.fromtimestamp({EPOCH}, UTC), {REVISION!r}))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", script, str(tmp_path)], cwd=ROOT, env=env, check=True, timeout=600)
    for path in built.files:
        again = tmp_path / path.relative_to(built.out)
        assert again.read_bytes() == path.read_bytes(), f"{path.name} differs between two builds"


def test_sheets_are_the_same_bytes_whichever_process_writes_them(built, handbok, tmp_path):
    files = pdfbuild.build(handbok, tmp_path, _utgava(), processes=1)
    assert [f.relative_to(tmp_path) for f in files] == [f.relative_to(built.out) for f in built.files]
    for path in built.files:
        assert (tmp_path / path.relative_to(built.out)).read_bytes() == path.read_bytes(), path.name


@pytest.mark.parametrize("sheets", [0, 1, 2, 37, 3700])
@pytest.mark.parametrize("processes", [1, 2, 3, 8])
@pytest.mark.parametrize("agreement", [True, False])
def test_the_work_is_shared_without_gaps_and_the_agreement_once(sheets, processes, agreement):
    delar = pdfbuild._delar(sheets, processes, agreement)
    assert [i for a, b in delar for i in range(a, b)] == list(range(sheets))
    assert 1 <= len(delar) <= processes if agreement else len(delar) <= processes
    assert all(b > a for a, b in delar[1:])
    if (sheets, processes) == (37, 2):  # the agreement is worth about a third of the sheets
        assert delar == ([(0, 12), (12, 37)] if agreement else [(0, 18), (18, 37)])


@pytest.mark.parametrize("processes", [1, 2, 3])
def test_each_pdf_is_given_to_exactly_one_process(handbok, processes):
    plan = pdfbuild._plan(handbok, _utgava(), pdfbuild._kontext(handbok, _utgava()))
    shares = pdfbuild._fordela(plan, processes)
    assert len(shares) == processes
    given = [pdf.fil for agreement, sheets in shares for pdf in ([agreement] if agreement else []) + sheets]
    assert sorted(given) == sorted(pdf.fil for pdf in plan)
    assert shares[0][0] is plan[0] and all(agreement is None for agreement, _sheets in shares[1:])
    assert pdfbuild._fordela(plan[1:3], processes)[0][0] is None  # no agreement when it came from the cache


def test_an_unchanged_pdf_comes_from_the_cache_with_the_same_bytes(built, handbok, tmp_path, monkeypatch):
    cache = PdfCache(tmp_path / "cache")
    first = pdfbuild.build(handbok, tmp_path / "a", _utgava(), cache=cache)
    assert len(list(cache.folder.glob("*.pdf"))) == len(first)

    def no_weasyprint(*_args):
        raise AssertionError("rendered although everything was in the cache")

    monkeypatch.setattr(pdfbuild, "_render", no_weasyprint)
    again = pdfbuild.build(handbok, tmp_path / "b", _utgava(), cache=PdfCache(cache.folder))
    for path in built.files:  # the same bytes as a build without a cache
        rel = path.relative_to(built.out)
        assert (tmp_path / "b" / rel).read_bytes() == path.read_bytes() == (tmp_path / "a" / rel).read_bytes()
    assert len(again) == len(first)


def test_after_a_data_edit_only_the_pdfs_that_show_it_are_rendered(tmp_path, monkeypatch):
    data = shutil.copytree(VALID, tmp_path / "data")
    cache = PdfCache(tmp_path / "cache")
    pdfbuild.build(pipeline.load(data)[0], tmp_path / "a", _utgava(), processes=1, cache=cache)
    part = data / "parter" / "nacka.yaml"
    part.write_text(part.read_text(encoding="utf-8").replace("95182", "95183"), encoding="utf-8")
    edited = pipeline.load(data)[0]

    written = []
    real_write = pdfbuild._write
    monkeypatch.setattr(
        pdfbuild, "_write", lambda out, pdf, doc, c: written.append(pdf.fil) or real_write(out, pdf, doc, c)
    )
    pdfbuild.build(edited, tmp_path / "b", _utgava(), processes=1, cache=PdfCache(cache.folder))
    assert written == [OVERENSKOMMELSE_PDF, partblad_fil("nacka")]
    assert len(list(cache.folder.glob("*.pdf"))) == len(edited.parter) + 1  # the old two are gone

    monkeypatch.setattr(pdfbuild, "_write", real_write)
    fresh = pdfbuild.build(edited, tmp_path / "c", _utgava(), processes=1)
    for path in fresh:
        rel = path.relative_to(tmp_path / "c")
        assert (tmp_path / "b" / rel).read_bytes() == path.read_bytes(), rel


def test_a_cached_sheet_is_right_when_a_new_party_comes_first(tmp_path):
    """A sheet looks the same whether it is the first laid out or not, so the cache may serve it."""
    data = shutil.copytree(VALID, tmp_path / "data")
    cache = PdfCache(tmp_path / "cache")
    before = pipeline.load(data)[0]
    pdfbuild.build(before, tmp_path / "a", _utgava(), cache=cache)
    first = next(iter(before.parter.values()))
    text = (data / "parter" / f"{first.id}.yaml").read_text(encoding="utf-8")
    new = text.replace(f"id: {first.id}", "id: aaa-forst").replace(f"namn: {first.namn}", "namn: Aaa först")
    new = re.sub(r"^kommunkod: .*$", "kommunkod: '0199'", new, flags=re.M) if "kommunkod" in new else new
    (data / "parter" / "aaa-forst.yaml").write_text(new, encoding="utf-8")
    after = pipeline.load(data)[0]
    assert next(iter(after.parter)) == "aaa-forst"  # the new party is laid out first now

    cached = pdfbuild.build(after, tmp_path / "b", _utgava(), cache=PdfCache(cache.folder))
    fresh = pdfbuild.build(after, tmp_path / "c", _utgava())
    for b, c in zip(cached, fresh, strict=True):
        assert b.read_bytes() == c.read_bytes(), b.name


@pytest.mark.parametrize("changed", ["print.css", "build.py", "fonts/AtkinsonHyperlegible-Regular.ttf"])
def test_the_cache_key_changes_with_the_stylesheet_the_code_and_the_fonts(tmp_path, monkeypatch, changed):
    from macros.pdf import cache as pdfcache

    copy = shutil.copytree(pdfcache.PDF_DIR, tmp_path / "pdf", ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(pdfcache, "PDF_DIR", copy)
    pdfcache._fixed_inputs.cache_clear()
    key = PdfCache(tmp_path).key("<p>x</p>", "x")
    with (copy / changed).open("ab") as f:
        f.write(b"\n")
    pdfcache._fixed_inputs.cache_clear()
    try:
        assert PdfCache(tmp_path).key("<p>x</p>", "x") != key
    finally:
        pdfcache._fixed_inputs.cache_clear()


def test_a_cache_that_cannot_be_used_only_costs_time(built, handbok, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)  # others could plant files here: not used
    for folder in (Path("/dev/null/x"), shared):
        out = tmp_path / f"out-{folder.name}"
        files = pdfbuild.build(handbok, out, _utgava(), cache=PdfCache(folder))
        assert [f.read_bytes() for f in files] == [f.read_bytes() for f in built.files]
    assert list(shared.iterdir()) == []


def test_build_date_comes_from_source_date_epoch_and_revision_falls_back(monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    utg = pdfbuild.utgava(tmp_path)
    assert utg.dag == "2026-01-01" and utg.datum == "1 januari 2026"
    assert utg.revision == "okänd (inte en git-utcheckning)"


def test_hostile_party_name_is_printed_literally(tmp_path):
    data = shutil.copytree(VALID, tmp_path / "data")
    part = data / "parter" / "nacka.yaml"
    part.write_text(
        part.read_text(encoding="utf-8").replace("namn: Nacka kommun", f"namn: '{HOSTILE}'"), encoding="utf-8"
    )
    handbok = pipeline.load(data)[0]
    out = tmp_path / "out"
    pdfbuild.build(handbok, out, _utgava())
    for path in (out / OVERENSKOMMELSE_PDF, out / partblad_fil("nacka")):
        with pdfplumber.open(path) as pdf:
            text = " ".join(_norm("\n".join(p.extract_text() for p in pdf.pages)).split())
        assert HOSTILE in text, path.name
    sheet = pypdf.PdfReader(out / partblad_fil("nacka"))
    assert sheet.metadata.title.startswith(HOSTILE)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} saknas: installera poppler-utils (.ci/run gör det)")
        pytest.skip(f"{name} is not installed (poppler-utils)")
    return path


def test_poppler_says_tagged_embedded_and_extractable(built):
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
    assert "Regionala rådet" in text
    assert "142 773" in text


def test_build_time_is_recorded(built, record_property):
    record_property("pdf_build_seconds", round(built.seconds, 2))
    print(f"\nPDF-bygget (överenskommelsen och {len(built.files) - 1} partblad): {built.seconds:.1f} s")
    assert built.seconds < 120, f"the PDF build took {built.seconds:.0f} s"
