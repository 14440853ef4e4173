"""Open data published with the site: the checked model as JSON, and the fee tables as CSV and JSON."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from decimal import Decimal
from fractions import Fraction
from functools import cache

from . import escape
from .fees import avgiftstabell
from .model import Handbok

DATA_DIR = "data"
MODEL_FILE = f"{DATA_DIR}/samverkan-stockholmsregionen.json"


ALL_YEARS = "alla-ar"  # the fee file with every budget year: fee_file(ALL_YEARS, ext)


def fee_file(ar: int | str, ext: str) -> str:
    return f"{DATA_DIR}/avgifter-{ar}.{ext}"


def files(handbok: Handbok) -> dict[str, str | bytes]:
    """Path in the site → content. Same model, same bytes."""
    out: dict[str, str | bytes] = {MODEL_FILE: model_json(handbok)}
    for b in handbok.avgifter.budgetar:
        out[fee_file(b.ar, "csv")] = fee_csv(handbok, b.ar)
        out[fee_file(b.ar, "json")] = fee_json(handbok, b.ar)
    out[fee_file(ALL_YEARS, "csv")] = fees_csv_all_years(handbok)
    out[fee_file(ALL_YEARS, "json")] = fees_json_all_years(handbok)
    return out


def _plain(value):
    names = _public_fields(type(value))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (Decimal, Fraction)):
        return str(value)
    return value


@cache
def _public_fields(cls: type) -> tuple[str, ...] | None:
    """A model class's field names, looked up once per class rather than per object (thousands at 10x)."""
    if not dataclasses.is_dataclass(cls):
        return None
    return tuple(f.name for f in dataclasses.fields(cls) if not f.name.startswith("_"))


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def model_json(handbok: Handbok) -> str:
    """The whole model; parter holds every party ever, parter_idag and tidigare_parter split them as of idag."""
    today = {
        "parter_idag": [p.id for p in handbok.parter_idag()],
        "tidigare_parter": [p.id for p in handbok.tidigare_parter()],
    }
    return _dump({"format": "samverkanshandboken/1", **_plain(handbok), **today})


def _fee_rows(handbok: Handbok, ar: int) -> list[dict]:
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
            "avgift": None if r.belopp is None else str(r.belopp),
            "andel_procent": None if r.belopp is None else f"{t.andel(r):.2f}",
            "uppgift_saknas": r.uppgift_saknas if r.belopp is None else None,
        }
        for r in t.rader
    ]


def fee_json(handbok: Handbok, ar: int) -> str:
    return _dump(_fee_year(handbok, ar))


def _fee_year(handbok: Handbok, ar: int) -> dict:
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
        "rader": _fee_rows(handbok, ar),
    }


def fees_json_all_years(handbok: Handbok) -> str:
    """Every budget year's table in one file, oldest first: the same objects as each year's own file."""
    years = [_fee_year(handbok, b.ar) for b in handbok.avgifter.budgetar]
    return _dump({"budgetar": years})


def fees_csv_all_years(handbok: Handbok) -> bytes:
    """Long format: one row per municipality and budget year, oldest year first; no sum rows."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    rows = [row for b in handbok.avgifter.budgetar for row in _fee_rows(handbok, b.ar)]
    writer.writerow(rows[0].keys() if rows else [])
    for row in rows:
        writer.writerow([escape.csv_cell(_csv_value(k, v)) for k, v in row.items()])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def fee_csv(handbok: Handbok, ar: int) -> bytes:
    """Semicolon-separated UTF-8 with BOM and decimal commas, as Swedish Excel opens it."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    rows = _fee_rows(handbok, ar)
    writer.writerow(rows[0].keys() if rows else [])
    for row in rows:
        writer.writerow([escape.csv_cell(_csv_value(k, v)) for k, v in row.items()])
    t = avgiftstabell(handbok, ar)
    writer.writerow(
        [
            escape.csv_cell(f"Summa för kommuner med känd folkmängd ({len(rows) - t.antal_okanda} av {len(rows)})"),
            "",
            ar,
            "",
            t.folkmangd_kanda,
            "",
            "",
            _comma(t.summa_kanda),
            "",
            "",
        ]
    )
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _csv_value(key: str, value) -> str:
    if value is None:
        return "uppgift saknas" if key in ("folkmangd", "avgift", "belopp_per_invanare") else ""
    if key in ("belopp_per_invanare", "avgift", "andel_procent"):
        return _comma(value)
    return str(value)


def _comma(value) -> str:
    return str(value).replace(".", ",")
