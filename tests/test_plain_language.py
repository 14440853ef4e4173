"""Measured truth in the built pages: plain Swedish by LIX, the handbook's own words, and a
source for every figure.

LIX is measured on each page's main text (tests/textmain.py): headings, paragraphs, list items and table
cells end a sentence, and a long word has more than six letters. Språklagen asks for plain Swedish; a LIX
above 50 is hard text, so every page must stay at or below it.
"""

from __future__ import annotations

import csv
import io
import re
import statistics
from decimal import Decimal
from pathlib import Path

import pytest

from macros.core import fees
from tests import ownwords
from tests.helpers import ROOT
from tests.textmain import lix, main_text, words

MAX_LIX = 50
# Pages about the tool, not the agreement: their numbers are limits of the software and made-up examples.
TOOL_PAGES = {"datareferens.html", "andra-handboken.html"}
# The decision document itself is not in the repository; where a checkout has it beside it (shared/sources/), the
# test also checks that the fingerprint (tests/ownwords.py) is that document's.
DECISION_NAME = f"shared/sources/{ownwords.DOCUMENT}"
DECISION = next((p / DECISION_NAME for p in ROOT.parents[:3] if (p / DECISION_NAME).exists()), None)
# A figure: a number written with thousands separated by a space, or five digits or more in a row.
# A standard's number (EN 301 549) is a name, not a figure.
FIGURE = re.compile(r"(?<![\d§,-])(?<!EN )\d{1,3}(?:[ \u00a0]\d{3})+(?![\d-])|(?<![\d§,-])\d{5,}(?![\d-])")


def _pages(site: Path) -> dict[str, str]:
    """Page path -> main text, for every built page that has an article."""
    out = {}
    for path in sorted(site.rglob("*.html")):
        text = main_text(path.read_text(encoding="utf-8"))
        if text.strip():
            out[path.relative_to(site).as_posix()] = text
    return out


def test_every_page_has_lix_at_most_50(real_site):
    figures = {}
    for page, text in _pages(real_site).items():
        measured = lix(text)
        if measured:
            figures[page] = measured
    assert len(figures) > 20
    too_hard = [
        f"{page}: LIX {v:.1f} ({n} ord, {s} meningar, {long_} långa ord)"
        for page, (v, n, s, long_) in sorted(figures.items(), key=lambda x: -x[1][0])
        if v > MAX_LIX
    ]
    highest = max(figures.items(), key=lambda x: x[1][0])
    median = statistics.median(v[0] for v in figures.values())
    assert not too_hard, (
        f"sidor med LIX över {MAX_LIX}: " + "; ".join(too_hard) + f" (median {median:.1f}); skriv kortare ord "
        "och hela, kortare meningar"
    )
    print(f"LIX: högst {highest[1][0]:.1f} ({highest[0]}), median {median:.1f}, {len(figures)} sidor")


def test_lix_counts_headings_and_cells_as_sentences():
    text = main_text("<article><h1>Rubrik</h1><table><tr><td>Kommunerna</td><td>Ett</td></tr></table></article>")
    value, n_words, sentences, long_words = lix(text)
    assert (n_words, sentences, long_words) == (3, 3, 1)
    assert value == pytest.approx(1 + 100 / 3)
    assert main_text("<nav><p>Meny</p></nav><article><p>Text.</p></article>").split() == [".", "Text.", "."]


def _copied(text: str, source: set[str]) -> list[str]:
    """The runs of seven words in text whose hash is in the decision document's fingerprint."""
    return sorted({" ".join(run) for run in ownwords.runs(words(text)) if ownwords.digest(run) in source})


def _data_texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _data_texts(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _data_texts(item)


def _without_titles(text: str, titles: list[str]) -> str:
    """A source's title may be quoted as it is: that is citing, not copying."""
    for title in titles:
        text = text.replace(title, " ")
    return text


def test_no_run_of_seven_words_matches_the_decision_document(real_site, real_handbok):
    source, _ = ownwords.load()
    titles = sorted((k.titel for k in real_handbok.kallor.values()), key=len, reverse=True)
    found = []
    for page, text in _pages(real_site).items():
        found += [f"{page}: {run}" for run in _copied(_without_titles(text, titles), source)]
    import yaml

    for path in sorted((ROOT / "data").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.parent.name == "kallor":
            data = [data.get("kommentar", "")]
        for text in _data_texts(data):
            found += [f"{path.relative_to(ROOT)}: {run}" for run in _copied(text, source)]
    assert not found, "texten upprepar beslutsunderlaget ord för ord; skriv med egna ord:\n" + "\n".join(found)


def test_the_fingerprint_is_the_decision_documents():
    """Made from the document with the tokenizer the test uses; remade when either changes (tests/ownwords.py)."""
    hashes, check = ownwords.load()
    remake = f"make it again: python -m tests.ownwords PATH/TO/{ownwords.DOCUMENT}"
    assert check == ownwords.tokenizer_check(), f"tests/textmain.py words() splits text differently now; {remake}"
    assert len(hashes) > 500 and all(len(h) == 16 for h in hashes)
    if DECISION is not None:  # a checkout with the document beside it: the very same hashes
        expected = ownwords.render(DECISION.read_text(encoding="utf-8"))
        assert ownwords.FINGERPRINT.read_text(encoding="utf-8") == expected, f"the document has changed; {remake}"


def test_the_fingerprint_finds_a_copied_run_and_only_that():
    """The matching itself, on a made-up document: seven words copied are found, six are not, nor other words."""
    document = "Parterna ska gemensamt verka för en trygg och säker region i hela länet varje år."
    source = ownwords.fingerprint(document)
    assert _copied("Vi vill att parterna ska gemensamt verka för en trygg region.", source) == [
        "parterna ska gemensamt verka för en trygg"
    ]
    assert _copied("Parterna ska gemensamt verka för en bättre region.", source) == []
    assert _copied("Region i hela länet, varje år och dag.", source) == []  # six in a row


def _sourced_figures(handbok) -> set[int]:
    """Figures the handbook may show: a population with a source in data/kallor/, any fee or sum worked out from
    such figures, and figures written in a data text that names its source."""
    out: set[int] = set()
    for p in handbok.parter.values():
        out |= {f.antal for f in p.folkmangd if f.antal is not None and f.kalla in handbok.kallor}
    for b in handbok.avgifter.budgetar:
        t = fees.avgiftstabell(handbok, b.ar)
        out |= {int(r.belopp) for r in t.rader if r.belopp is not None}
        out |= {int(t.summa_kanda), t.folkmangd_kanda}
    for text in _texts_with_sources(handbok):
        out |= {_number(m.group(0)) for m in FIGURE.finditer(text)}
    return out


def _texts_with_sources(handbok):
    """Texts in the model that stand next to a source: uppgift_saknas with kallor, an underlag's kommentar,
    and a source's own comment (which describes that source)."""
    for p in handbok.parter.values():
        for f in p.folkmangd:
            if f.uppgift_saknas and all(k in handbok.kallor for k in f.kallor) and f.kallor:
                yield f.uppgift_saknas
    yield handbok.avgifter.avrundning.underlag.kommentar or ""
    for k in handbok.kallor.values():
        yield k.kommentar or ""
    for f in handbok.forum.values():
        yield from (u.kommentar or "" for u in (f.underlag, *f.underlag_for.values()))


def _number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def test_the_figures_a_page_may_show_include_the_fees_worked_out(valid_handbok):
    assert 142773 in _sourced_figures(valid_handbok)  # Nacka's 2015 fee, worked out from SCB's figure


def test_no_figure_in_the_built_site_lacks_a_source_in_kallor(real_site, real_handbok):
    allowed = _sourced_figures(real_handbok)
    unsourced = []
    for page, text in _pages(real_site).items():
        if page in TOOL_PAGES:
            continue
        for m in FIGURE.finditer(text):
            if _number(m.group(0)) not in allowed:
                unsourced.append(f"{page}: {m.group(0)}")
    assert not unsourced, "siffror utan källa i data/kallor/:\n" + "\n".join(sorted(set(unsourced)))


def test_a_private_persons_name_never_shows_as_text(real_site):
    """The secondary source's address carries a person's name: never as text, on any page or in the data."""
    for path in sorted(real_site.rglob("*.html")):
        text = main_text(path.read_text(encoding="utf-8"))
        assert "yvonne" not in text.lower(), path


def _excel_rows(raw: bytes) -> list[dict[str, str]]:
    """Read a CSV file as Excel with Swedish settings does: UTF-8 with BOM, semicolons."""
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def _swedish_number(cell: str) -> Decimal:
    """A number with a decimal comma, as Swedish Excel reads it; fails on anything else."""
    assert re.fullmatch(r"-?\d+(,\d+)?", cell), cell
    return Decimal(cell.replace(",", "."))


NUMERIC = ("folkmangd", "belopp_per_invanare", "avgift", "andel_procent")


def _fee_files(handbok) -> list[str]:
    return [f"avgifter-{b.ar}.csv" for b in handbok.avgifter.budgetar] + ["avgifter-alla-ar.csv"]


def test_fee_csv_reads_right_in_a_swedish_spreadsheet(real_site, real_handbok):
    unknown = {
        (a.part.namn, str(b.ar))
        for b in real_handbok.avgifter.budgetar
        for a in fees.avgiftstabell(real_handbok, b.ar).rader
        if a.folkmangd is None
    }
    for name in _fee_files(real_handbok):
        _reads_right(_excel_rows((real_site / "data" / name).read_bytes()), name, unknown)


def test_fee_csv_says_unknown_where_a_figure_is_unknown(valid_site):
    rows = _excel_rows((valid_site / "data" / "avgifter-2015.csv").read_bytes())
    _reads_right(rows, "avgifter-2015.csv", {("Vaxholms stad", "2015")})
    vaxholm = next(r for r in rows if r["kommun"] == "Vaxholms stad")
    assert vaxholm["folkmangd"] == vaxholm["avgift"] == vaxholm["andel_procent"] == "uppgift saknas"


def _reads_right(rows: list[dict[str, str]], name: str, unknown: set[tuple[str, str]]) -> None:
    """Every row a municipality, every number a Swedish number, and 'uppgift saknas' exactly where the
    population is unknown (unknown: (municipality, budget year))."""
    assert rows, name
    for row in rows:
        assert re.fullmatch(r"01\d\d", row["kommunkod"]), row  # every row is a municipality: no sum row here
        for key in NUMERIC:
            cell = row[key]
            assert cell, f"{name}: empty cell in {key} for {row['kommun']} (an empty cell reads as 0)"
            if cell != "uppgift saknas":
                _swedish_number(cell)
        assert all(row[k] for k in row if k != "uppgift_saknas"), row
        assert bool(row["uppgift_saknas"]) == (row["avgift"] == "uppgift saknas"), row
        if (row["kommun"], row["budgetar"]) in unknown:
            assert row["folkmangd"] == row["avgift"] == row["andel_procent"] == "uppgift saknas", (name, row)


def test_the_sum_is_in_its_own_file_and_matches_the_rows(real_site, real_handbok):
    sums = {r["budgetar"]: r for r in _excel_rows((real_site / "data" / "avgifter-summor.csv").read_bytes())}
    for b in real_handbok.avgifter.budgetar:
        rows = _excel_rows((real_site / "data" / f"avgifter-{b.ar}.csv").read_bytes())
        known = [r for r in rows if r["avgift"] != "uppgift saknas"]
        year = sums[str(b.ar)]
        assert _swedish_number(year["summa_kanda"]) == sum(_swedish_number(r["avgift"]) for r in known), b.ar
        assert int(year["kommuner_med_kand_avgift"]) == len(known), b.ar
        if known:
            shares = sum(_swedish_number(r["andel_procent"]) for r in known)
            assert abs(shares - 100) < Decimal("0.1"), b.ar  # a share of the known total only


def test_the_readme_explains_every_column(real_site, real_handbok):
    readme = (real_site / "data" / "LASMIG.txt").read_text(encoding="utf-8")
    for name in (_fee_files(real_handbok)[0], "avgifter-summor.csv"):
        for column in _excel_rows((real_site / "data" / name).read_bytes())[0]:
            assert f"  {column}: " in readme, column
    assert "andelen av hela kostnaden" in readme  # andel_procent is a share of the known total only
    assert "LASMIG.txt" in (real_site / "oppna-data.html").read_text(encoding="utf-8")
