"""Open data published with the site: the checked model as JSON, and the fee tables as CSV and JSON."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from decimal import Decimal
from fractions import Fraction

from ..core import columns, pages
from ..core.fees import avgiftstabell
from ..core.model import Handbok
from ..text import escape
from ..text.format import SAKNAS

# The model file's format. Raise it when a key that readers of this format may read goes away or changes its type;
# a new key needs no new format. tests/test_opendata_format.py records the shape of each format and says which.
# 2: a party's namn is today's name; senare_namn became tidigare_namn.
# 3: the decision log's one file (beslut_fil) gave way to one file per decision (each decision's fil).
FORMAT = "samverkanshandboken/3"


def files(handbok: Handbok) -> dict[str, str | bytes]:
    """Path in the site → content. Same model, same bytes."""
    out: dict[str, str | bytes] = {pages.MODEL_FILE: model_json(handbok)}
    for b in handbok.avgifter.budgetar:
        out[pages.avgift_fil(b.ar, "csv")] = avgift_csv(handbok, b.ar)
        out[pages.avgift_fil(b.ar, "json")] = avgift_json(handbok, b.ar)
    out[pages.avgift_fil(pages.ALLA_AR, "csv")] = avgift_csv_alla_ar(handbok)
    out[pages.avgift_fil(pages.ALLA_AR, "json")] = avgift_json_alla_ar(handbok)
    out[pages.SUM_FILE] = sums_csv(handbok)
    out[pages.README_FILE] = readme(handbok)
    return out


def _plain(value):
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (Decimal, Fraction)):
        return str(value)
    return value


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def model_json(handbok: Handbok) -> str:
    """The whole model; parter holds every party ever, and parter_idag, kommande_parter and tidigare_parter split
    them as of idag."""
    today = {
        "parter_idag": [p.id for p in handbok.parter_idag()],
        "kommande_parter": [p.id for p in handbok.kommande_parter()],
        "tidigare_parter": [p.id for p in handbok.tidigare_parter()],
    }
    return _dump({"format": FORMAT, **_plain(handbok), **today})


def _avgift_rader(handbok: Handbok, ar: int) -> list[dict]:
    t = avgiftstabell(handbok, ar)
    return [
        {
            "kommun": r.part.namn,
            "kommunkod": r.part.kommunkod,
            "budgetar": ar,
            "underlagsdatum": r.underlagsdatum,
            "folkmangd": r.folkmangd,
            "kalla": r.kalla,
            "belopp_per_invanare": None if r.belopp_per_invanare is None else str(r.belopp_per_invanare),
            # The municipality's fee (fees.Avgift) in kronor, which the model calls the fee's belopp. The column
            # has been named avgift since the open data was first published: a public name, kept as it is.
            "avgift": None if r.belopp is None else str(r.belopp),
            "andel_procent": None if r.belopp is None else f"{t.andel(r):.2f}",
            "uppgift_saknas": r.uppgift_saknas if r.belopp is None else None,
            "avrundning_underlag": handbok.avgifter.avrundning.underlag.status,
        }
        for r in t.rader
    ]


def avgift_json(handbok: Handbok, ar: int) -> str:
    return _dump(_avgift_ar(handbok, ar))


def _avgift_ar(handbok: Handbok, ar: int) -> dict:
    t = avgiftstabell(handbok, ar)
    return {
        "budgetar": ar,
        "underlagsdatum": t.underlagsdatum,
        "belopp_per_invanare": None if t.belopp_per_invanare is None else str(t.belopp_per_invanare),
        "uppgift_saknas": t.uppgift_saknas,
        "avrundning": handbok.avgifter.avrundning.regel,
        "summa_kanda": str(t.summa_kanda),
        "antal_okanda": t.antal_okanda,
        "anmarkning": "summa_kanda omfattar bara kommuner med känd folkmängd; avgift är null där uppgift saknas",
        "rader": _avgift_rader(handbok, ar),
    }


def avgift_json_alla_ar(handbok: Handbok) -> str:
    """Every budget year's table in one file, oldest first: the same objects as each year's own file."""
    years = [_avgift_ar(handbok, b.ar) for b in handbok.avgifter.budgetar]
    return _dump({"budgetar": years})


def avgift_csv_alla_ar(handbok: Handbok) -> bytes:
    """Long format: one row per municipality and budget year, oldest year first; no sum rows."""
    return _avgift_csv([row for b in handbok.avgifter.budgetar for row in _avgift_rader(handbok, b.ar)])


def avgift_csv(handbok: Handbok, ar: int) -> bytes:
    """Semicolon-separated UTF-8 with BOM and decimal commas, as Swedish Excel opens it."""
    return _avgift_csv(_avgift_rader(handbok, ar))


def _avgift_csv(rows: list[dict]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(rows[0].keys() if rows else [])
    for row in rows:
        writer.writerow([escape.csv_cell(_csv_value(k, v)) for k, v in row.items()])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def sums_csv(handbok: Handbok) -> bytes:
    """The sums of the known fees, one row per budget year, in a file of their own: never among the data rows."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns.SUMMOR)
    for b in handbok.avgifter.budgetar:
        t = avgiftstabell(handbok, b.ar)
        writer.writerow([b.ar, len(t.rader) - t.antal_okanda, len(t.rader), t.folkmangd_kanda, _comma(t.summa_kanda)])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def readme(handbok: Handbok) -> str:
    """LASMIG.txt: what each file holds and what every column means, in plain Swedish."""
    years = ", ".join(str(b.ar) for b in handbok.avgifter.budgetar)
    out = [
        "Öppna data från Samverkanshandboken",
        "",
        "Filerna är gjorda från handbokens data. CSV-filerna har semikolon mellan fälten, decimalkomma och",
        "UTF-8 med byte order mark, så att Excel med svenska inställningar läser dem rätt. En cell där en",
        f"uppgift inte är känd innehåller orden {SAKNAS}, aldrig 0 och aldrig en tom cell.",
        "",
        f"avgifter-ÅR.csv: en rad per kommun för budgetåret ÅR ({years}).",
        f"{_name(pages.avgift_fil(pages.ALLA_AR, 'csv'))}: samma kolumner, en rad per kommun och budgetår.",
        f"{_name(pages.SUM_FILE)}: summan av de kända avgifterna, en rad per budgetår.",
        f"{_name(pages.MODEL_FILE)}: hela handbokens data i en JSON-fil.",
        "",
        "Kolumner i avgifter-ÅR.csv och avgifter-alla-ar.csv:",
        *(f"  {k}: {v}" for k, v in columns.KOLUMNER.items()),
        "",
        f"Kolumner i {_name(pages.SUM_FILE)}:",
        *(f"  {k}: {v}" for k, v in columns.SUMMOR.items()),
    ]
    return "\n".join(out) + "\n"


def _name(path: str) -> str:
    """A file's name as LASMIG.txt, which lies beside it, gives it."""
    return path.removeprefix(pages.DATA_DIR + "/")


def _csv_value(key: str, value) -> str:
    if value is None:  # an empty cell reads as zero in a spreadsheet: say what is missing instead
        return "" if key == "uppgift_saknas" else SAKNAS
    if key in ("belopp_per_invanare", "avgift", "andel_procent"):
        return _comma(value)
    return str(value)


def _comma(value) -> str:
    return str(value).replace(".", ",")
