"""Write the PDFs with WeasyPrint as tagged PDF/UA-1: the agreement, and every party's one-page sheet.

HTML comes from the print templates (Jinja2, autoescape on) and the model; nothing is read from the web pages.
The same model, revision and SOURCE_DATE_EPOCH give the same bytes.
"""

from __future__ import annotations

import copy
import hashlib
import itertools
import logging
import os
import sys
import time
from dataclasses import dataclass
from functools import cache, partial
from html.parser import HTMLParser
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .. import fees, parallel, pipeline
from ..model import Forum, Handbok, Medlem, Part, Roll
from ..problems import DataError, report
from ..render import diagram
from ..render.avgifter import AVRUNDNINGSREGEL, andel_text
from ..render.common import (
    Kontext,
    antal,
    belopp,
    dag_och_manad,
    datum,
    deltar_som,
    kategori,
    kronor,
    niva_namn,
    procent,
    tal,
)
from ..utgava import Utgava, utgava
from . import OVERENSKOMMELSE_PDF, PARTBLAD_DIR, partblad_fil
from .cache import PdfCache, default_cache

PDF_DIR = Path(__file__).parent
VARIANT = "pdf/ua-1"
FONT_FAMILY = "Atkinson Hyperlegible"  # the @font-face family in print.css

# Appendices after the agreement, in order: (id, title, template). The fee title gets the year.
BILAGOR = (
    ("bilaga-parter", "Parter", "bilaga_parter.html"),
    ("bilaga-styrning", "Organisationsschema", "bilaga_styrning.html"),
    ("bilaga-forum", "Forumen och deras uppgifter", "bilaga_forum.html"),
    ("bilaga-avgifter", "Avgifter {ar}", "bilaga_avgifter.html"),
    ("bilaga-kallor", "Källor", "bilaga_kallor.html"),
)


def run(data_dir: Path, out_dir: Path) -> int:
    """`python -m macros pdf`: check the data, write every PDF, and say how long it took. 1 on any error."""
    start = time.perf_counter()
    try:
        handbok, _warnings = pipeline.load(data_dir)
        files = build(handbok, out_dir, utgava(data_dir), cache=default_cache())
    except DataError as exc:
        print(report(exc.problems), file=sys.stderr)
        print("Datan har fel, så inga PDF-filer skrevs.", file=sys.stderr)
        return 1
    except PdfError as exc:
        print(f"PDF-filerna kunde inte skapas: {exc}", file=sys.stderr)
        return 1
    seconds = f"{time.perf_counter() - start:.1f}".replace(".", ",")
    print(f"Skrev {len(files)} PDF-filer till {out_dir} på {seconds} s.")
    return 0


class PdfError(Exception):
    """WeasyPrint reported a problem (bad CSS, missing alt text ...): the PDF would be wrong, so stop."""


def build(
    handbok: Handbok, out_dir: Path, utg: Utgava, processes: int | None = None, cache: PdfCache | None = None
) -> list[Path]:
    """Write overenskommelse.pdf and pdf/parter/<id>.pdf under out_dir; return the files written.

    A PDF found in the cache is copied; the rest are shared between processes (one per core by default):
    WeasyPrint uses one core, and the documents are independent. Neither changes a file's bytes.
    """
    import weasyprint  # noqa: F401 -- once, before the processes fork, rather than once in each

    for stale in (out_dir / PARTBLAD_DIR).glob("*.pdf"):  # a party removed from data/ loses its sheet
        if stale.stem not in handbok.parter:
            stale.unlink()
    kontext = _kontext(handbok, utg)
    plan = _plan(handbok, utg, kontext)
    missing = []
    for pdf in plan:
        data = cache.get(cache.key(pdf.html, pdf.titel)) if cache else None
        if data is None:
            missing.append(pdf)
        else:
            _save(out_dir / pdf.fil, data)
    work = [
        partial(_skriv_del, handbok, utg, out_dir, kontext, agreement, sheets, cache)
        for agreement, sheets in _fordela(missing, processes or parallel.cores())
    ]
    too_long = [ident for long in parallel.run(work) for ident in long]
    if too_long:
        names = sorted(i for i in too_long if i and i != "inga")
        raise PdfError(f"partbladen ska vara en sida var; längre: {', '.join(names) or 'inga'}")
    if cache:
        cache.keep_only_used()
    return [out_dir / pdf.fil for pdf in plan]


@dataclass(frozen=True)
class _Pdf:
    """One PDF to write: where, its HTML (also the source of its identifier and cache key), and its title."""

    fil: str
    html: str
    titel: str
    part: str | None  # the party whose sheet it is; None for the agreement


def _plan(h: Handbok, utg: Utgava, kontext: dict) -> list[_Pdf]:
    """Every PDF of the build, the agreement first and then the sheets in the parties' order."""
    plan = [_Pdf(OVERENSKOMMELSE_PDF, dokument_html(h, utg, kontext), kontext["titel"], None)]
    for p in h.parter.values():
        titel = f"{p.namn} – partblad, {h.overenskommelse.namn}"
        plan.append(_Pdf(partblad_fil(p.id), partblad_html(h, utg, [p], kontext), titel, p.id))
    return plan


def _fordela(missing: list[_Pdf], processes: int) -> list[tuple[_Pdf | None, list[_Pdf]]]:
    """Each process's share: the agreement (in the first share only, if it is to be written) and a run of sheets."""
    agreement = next((p for p in missing if p.part is None), None)
    sheets = [p for p in missing if p.part is not None]
    delar = _delar(len(sheets), processes, agreement is not None)
    return [(agreement if n == 0 else None, sheets[a:b]) for n, (a, b) in enumerate(delar)]


# The agreement takes about as long as a third of the sheets (1x: 1.1 s against 3.3 s for 37 sheets; its
# appendices grow with the parties as the sheets do), so its process takes fewer sheets.
OVERENSKOMMELSE_VIKT = 1 / 3


def _delar(sheets: int, processes: int, agreement: bool = True) -> list[tuple[int, int]]:
    """Split the sheets into at most `processes` runs of about equal time; the first run's process also
    writes the agreement, if it is to be written. An empty run is left out unless it carries the agreement."""
    processes = max(1, min(processes, sheets))
    vikt = sheets * OVERENSKOMMELSE_VIKT if agreement else 0
    forsta = max(0, min(sheets, round((sheets + vikt) / processes - vikt)))
    granser = [0, forsta] + [forsta + round((sheets - forsta) * n / (processes - 1)) for n in range(1, processes)]
    delar = list(itertools.pairwise(granser))
    return [d for i, d in enumerate(delar) if d[1] > d[0] or (i == 0 and agreement)]


def _skriv_del(h, utg, out_dir: Path, kontext: dict, agreement: _Pdf | None, sheets: list[_Pdf], cache):
    """Write one process's share; returns the parties whose sheet is not one page."""
    css, font_config = _stil()
    if agreement:
        _write(out_dir, agreement, _render(agreement.html, css, font_config), cache)
    too_long: list[str] = []
    by_part = {pdf.part: pdf for pdf in sheets}
    for ident, doc in _partblad(h, utg, list(by_part), css, font_config, kontext, too_long):
        _write(out_dir, by_part[ident], doc, cache)
    return too_long


def render_pdf(html: str) -> bytes:
    """Any print HTML to PDF/UA-1 bytes with the project's stylesheet and font (tests use it for layout rules)."""
    css, font_config = _stil()
    with _fail_on_warnings():
        return _render(html, css, font_config).write_pdf(pdf_variant=VARIANT)


def _stil():
    """print.css with its fonts, per process: WeasyPrint's font configuration is not shared across a fork."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    return CSS(filename=str(PDF_DIR / "print.css"), font_config=font_config), font_config


def dokument_html(handbok: Handbok, utg: Utgava, kontext: dict | None = None) -> str:
    """The agreement as print HTML: the body first, then the contents page made from its headings."""
    env = _env()
    ctx = kontext or _kontext(handbok, utg)
    body = env.get_template("innehall.html").render(ctx)
    return env.get_template("dokument.html").render(ctx, body=Markup(body), toc=rubriker(body))


def partblad_html(
    handbok: Handbok,
    utg: Utgava,
    parter: list[Part] | None = None,
    kontext: dict | None = None,
    forsats: str | None = None,
) -> str:
    """All parties' sheets (or the given parties') in one document, one page each; forsats: the id of an empty
    first page."""
    blad = [_blad(handbok, p) for p in (handbok.parter.values() if parter is None else parter)]
    return (
        _env()
        .get_template("partblad.html")
        .render(
            kontext or _kontext(handbok, utg),
            blad_lista=blad,
            titel=f"Partblad – {handbok.overenskommelse.namn}",
            forsats=forsats,
        )
    )


@dataclass(frozen=True)
class Rubrik:
    id: str
    titel: str
    avsnitt: list[Rubrik]


def rubriker(html: str) -> list[Rubrik]:
    """The h1 chapters with their h2 sections, in document order: the contents page."""
    parser = _Rubriker()
    parser.feed(html)
    return parser.kapitel


class _Rubriker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.kapitel: list[Rubrik] = []
        self._open: tuple[str, str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2"):
            ident = dict(attrs).get("id")
            if not ident:
                raise PdfError(f"en rubrik <{tag}> i utskriftsmallarna saknar id")
            self._open, self._text = (tag, ident), []

    def handle_data(self, data):
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag):
        if self._open and tag == self._open[0]:
            rubrik = Rubrik(self._open[1], " ".join("".join(self._text).split()), [])
            if tag == "h1":
                self.kapitel.append(rubrik)
            else:
                self.kapitel[-1].avsnitt.append(rubrik)
            self._open = None


@dataclass(frozen=True)
class _Rad:
    """One forum a party sits in, and as what."""

    forum: Forum
    medlem: Medlem
    niva: str
    som: str


@dataclass(frozen=True)
class _Blad:
    part: Part
    forum: list[_Rad]
    avgifter: list[fees.Avgift]


def _blad(h: Handbok, p: Part) -> _Blad:
    rows = [
        _Rad(forum, medlem, niva_namn(h, forum), deltar_som(p.id, forum, medlem))
        for forum, medlem in h.medlemskap(p.id)
    ]
    avgifter = [fees.avgift(h, p, b.ar) for b in h.avgifter.budgetar] if p.kategori == "kommun" else []
    return _Blad(p, rows, avgifter)


def _kontext(h: Handbok, utg: Utgava) -> dict:
    a = h.overenskommelse
    tabell = fees.avgiftstabell(h, h.avgifter.budgetar[-1].ar)  # the latest budget year
    budget_sources = [b.kalla for b in h.avgifter.budgetar if b.ar == tabell.ar]
    avgiftskallor = sorted({r.kalla for r in tabell.rader if r.kalla} | set(budget_sources))
    bilagor = [{"id": i, "titel": t.format(ar=tabell.ar), "mall": m} for i, t, m in BILAGOR]

    def roll(r: Roll) -> str:
        if r.part is None:  # the source names the function only
            return f"{r.funktion} (källan anger inte från vilken part)"
        name = h.parter[r.part].namn
        return f"{name} ({r.funktion})" if r.funktion else name

    return {
        "h": h,
        "utgava": utg,
        "titel": f"{a.namn} – överenskommelsen, version {a.version}",
        "beskrivning": a.devis,
        "tabell": tabell,
        "avgiftskallor": avgiftskallor,
        "andel": andel_text(h.avgifter.kommunernas_andel),
        "underlagsdag": dag_och_manad(h.avgifter.underlagsdag),
        "regel": AVRUNDNINGSREGEL[h.avgifter.avrundning.regel],
        "bilagor": bilagor,
        "bilaga_nr": {b["id"]: n for n, b in enumerate(bilagor, 1)},
        "nivanamn": {n.id: n.namn for n in a.styrning.nivaer},
        "roll": roll,
        "schema_svg": _schema_svg(h),
        "schema_text": diagram.beskrivning(h),
        "overenskommelse_pdf": OVERENSKOMMELSE_PDF,
    }


def _schema_svg(h: Handbok) -> Markup:
    """The site's governance chart (escaped by diagram.py), with its text in the embedded font.

    WeasyPrint applies no document CSS inside inline SVG, and the chart names system fonts that the PDF
    must not depend on, so a style rule inside the SVG takes precedence over its font-family attribute.
    """
    svg = diagram.styrningsschema_svg(Kontext(h, "overenskommelse.md"))
    end = svg.index(">") + 1  # the end of the opening <svg ...> tag; attribute values hold no raw ">"
    return Markup(f'{svg[:end]}<style>text {{ font-family: "{FONT_FAMILY}"; }}</style>{svg[end:]}')


@cache
def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(PDF_DIR / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        tal=tal,
        antal=antal,
        kronor=kronor,
        belopp=belopp,
        datum=datum,
        kategori=kategori,
        procent=lambda n: "–" if n is None else procent(n),
    )
    return env


FORSATS = "_forsats"  # the empty first page's anchor; "_" is never in a party's id (schema), so no clash

# Sheets laid out together and then split into one PDF each: a batch shares the layout work, and only one batch
# is in memory at a time (all 370 sheets of the benchmark's 10x data at once took 1.6 GB).
SHEETS_PER_LAYOUT = 100


def _partblad(h: Handbok, utg: Utgava, ids: list[str], css, font_config, kontext: dict, too_long: list[str]):
    """Lay out the given parties' sheets a batch at a time, then split: one document per page, each with its
    own title. A party whose sheet is not one page goes into too_long instead."""
    for first in range(0, len(ids), SHEETS_PER_LAYOUT):
        batch = [h.parter[i] for i in ids[first : first + SHEETS_PER_LAYOUT]]
        # Each batch starts with an empty page, laid out and dropped: the first page of a document sits a little
        # differently from a page after a break, and a sheet must have the same bytes wherever it is laid out
        # (first or not, in whichever batch, process or build; the cache relies on it).
        doc = _render(partblad_html(h, utg, batch, kontext, forsats=FORSATS), css, font_config)
        pages: dict[str, list] = {}
        current = None
        for page in doc.pages:
            starts = [a.removeprefix("partblad-") for a in page.anchors if a.startswith("partblad-")]
            current = starts[0] if starts else current
            pages.setdefault(current, []).append(page)
        if pages.pop(FORSATS, None) is None:
            raise PdfError("partbladens tomma inledande sida saknas")
        too_long += [ident for ident, ps in pages.items() if len(ps) != 1]
        if set(pages) != {p.id for p in batch}:
            too_long.append("inga")
        for ident, ps in pages.items():
            if len(ps) != 1 or ident not in h.parter:
                continue
            sheet = doc.copy(ps)
            sheet.metadata = copy.copy(doc.metadata)
            sheet.metadata.title = f"{h.parter[ident].namn} – partblad, {h.overenskommelse.namn}"
            yield ident, sheet


def _render(html: str, css, font_config):
    from weasyprint import HTML

    with _fail_on_warnings():
        return HTML(string=html, base_url=str(PDF_DIR) + "/").render(
            stylesheets=[css], font_config=font_config, pdf_variant=VARIANT
        )


def _write(out_dir: Path, pdf: _Pdf, doc, cache: PdfCache | None) -> None:
    # A fixed identifier from the content instead of a random one: same input, same bytes.
    identifier = hashlib.sha256(pdf.html.encode()).hexdigest()[:32].encode()
    if doc.metadata.title != pdf.titel:
        raise PdfError(f"{pdf.fil} fick titeln {doc.metadata.title!r}, väntad {pdf.titel!r}")
    with _fail_on_warnings():
        data = doc.write_pdf(pdf_variant=VARIANT, pdf_identifier=identifier)
    _save(out_dir / pdf.fil, data)
    if cache:
        cache.put(cache.key(pdf.html, pdf.titel), data)


def _save(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)  # never a half-written PDF in the site


class _fail_on_warnings(logging.Handler):
    """Collect WeasyPrint's warnings and errors while it works, and raise them as one PdfError."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())

    def __enter__(self):
        logging.getLogger("weasyprint").addHandler(self)
        return self

    def __exit__(self, exc_type, exc, tb):
        logging.getLogger("weasyprint").removeHandler(self)
        if exc_type is None and self.messages:
            raise PdfError("WeasyPrint: " + "; ".join(self.messages))
