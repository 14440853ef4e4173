"""Read a population table as SCB's Statistikdatabasen (PxWeb) exports it: CSV or JSON-stat 2.0.

Both give one number per municipality, keyed by kommunkod. What PxWeb writes, and what is read here:

- CSV: a header row, then one row per region. The region cell is "0182 Nacka" (code and name) or only the
  code. Comma, semicolon or tab between fields, fields in double quotes or not, UTF-8 with or without byte
  order mark (Windows-1252 is accepted too, as older exports use it). The number column is the one whose
  cells are numbers; if there are several (several periods), the one whose header names the period, such as
  2025M06. Spaces inside numbers are allowed; ".." (no figure) is reported, never read as 0.
- JSON-stat 2.0: ``version``, ``class: dataset``, ``id`` (the dimension order), ``size``, ``dimension``
  (each with ``category.index`` as an object or a list, and ``category.label``) and ``value`` (a list in row
  major order, or an object from position to value). The region dimension is the one with role ``geo`` or
  named Region; every other dimension must hold a single category (one sex, one period).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..core.plainfile import NotPlainFile, read_plain

_CODE = re.compile(r"^\s*(\d{4})(?:\s|$)")
_NUMBER = re.compile(r"^[0-9]{1,3}(?:[ \u00a0]?[0-9]{3})*$|^[0-9]+$")
MISSING = {"..", ".", "-", ""}
MAX_BYTES = 16 * 1024 * 1024  # the table of every municipality in Sweden is about 20 KB
MAX_DIGITS = 9  # no municipality has a billion inhabitants; longer is a broken cell (and int() refuses 4 300+)


class TableError(Exception):
    """The file is not a population table this reader understands; the message says why in Swedish."""


@dataclass
class Table:
    """Population per kommunkod; codes without a figure (".."), and the period the file names, if any."""

    antal: dict[str, int] = field(default_factory=dict)
    saknas: list[str] = field(default_factory=list)
    perioder: list[str] = field(default_factory=list)  # e.g. 2025M06, as the file writes it


def read(path: Path, datum: str) -> Table:
    """The table in the file at path. A FIFO, a device or a folder is refused before it is read (reading a FIFO
    would wait forever), and so is a file far larger than any population table."""
    try:
        raw = read_plain(path, MAX_BYTES + 1, follow_links=True)  # a link to a downloaded table is fine
    except NotPlainFile as exc:
        raise TableError(f"det här är {exc.strerror}; spara tabellen från SCB som en fil och ange den") from None
    if len(raw) > MAX_BYTES:
        raise TableError(
            f"filen är större än {MAX_BYTES // 1024 // 1024} MB och är ingen folkmängdstabell från SCB; "
            "kontrollera att rätt fil är angiven"
        )
    text = _decode(raw)
    if text.lstrip().startswith("{"):
        return read_jsonstat(text, datum)
    return read_csv(text, datum)


def _decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def _period_matches(label: str, datum: str) -> bool:
    """True when a header or category names the date's period: 2025M06, 2025-06, or the year alone."""
    year, month = datum[:4], datum[5:7]
    found = re.findall(r"(\d{4})(?:M(\d{2})|-(\d{2}))?", label)
    return any(y == year and (m or n or month) == month for y, m, n in found)


def _periods(label: str) -> list[str]:
    return re.findall(r"\d{4}M\d{2}|\d{4}K\d|\d{4}", label)


def read_csv(text: str, datum: str) -> Table:
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < 2:
        raise TableError("filen har ingen rad med data under rubrikraden")
    delimiter = max((";", ",", "\t"), key=lines[0].count)
    rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
    header, body = rows[0], rows[1:]
    region = next((i for i, h in enumerate(header) if h.strip().lower().startswith("region")), 0)
    numeric = [
        i
        for i in range(len(header))
        if i != region
        and all(_NUMBER.match(_cell(r, i)) or _cell(r, i) in MISSING for r in body)
        and any(_NUMBER.match(_cell(r, i)) for r in body)
    ]
    if not numeric:
        raise TableError("ingen kolumn med folkmängd hittades; exportera tabellen med en kolumn med antal")
    if len(numeric) > 1:
        numeric = [i for i in numeric if _period_matches(header[i], datum)]
        if len(numeric) != 1:
            raise TableError(
                f"tabellen har flera kolumner med tal och ingen enda för {datum}; exportera bara den perioden"
            )
    column = numeric[0]
    table = Table(perioder=_periods(header[column]))
    if table.perioder and not _period_matches(header[column], datum):
        raise TableError(f"kolumnen '{header[column]}' gäller en annan period än {datum}; kontrollera --datum")
    for r in body:
        match = _CODE.match(_cell(r, region))
        if not match:
            continue  # the county or the country ("01 Stockholms län", "00 Riket")
        _add(table, match.group(1), _cell(r, column))
    return table


def _cell(row: list[str], i: int) -> str:
    return row[i].strip() if i < len(row) else ""


def _add(table: Table, code: str, value: str) -> None:
    if code in table.antal or code in table.saknas:
        raise TableError(f"kommunkoden {code} står på flera rader; exportera bara totalen (till exempel kön: totalt)")
    if value in MISSING:
        table.saknas.append(code)
    elif _NUMBER.match(value) and len(digits := re.sub(r"[ \u00a0]", "", value)) <= MAX_DIGITS:
        table.antal[code] = int(digits)
    else:  # JSON-stat can hold anything: a negative number, a fraction, a word; a cell can be absurdly long
        raise TableError(f"kommunkoden {code} har '{value[:40]}' som folkmängd; bara ett heltal eller .. går att läsa")


def read_jsonstat(text: str, datum: str) -> Table:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TableError(f"filen är inte giltig JSON (rad {exc.lineno}): {exc.msg}") from None
    if not isinstance(doc, dict) or doc.get("class") != "dataset" or not str(doc.get("version", "")).startswith("2"):
        raise TableError('filen är inte JSON-stat 2.0 (version "2.0" och class "dataset" saknas)')
    ids, sizes, dims = doc.get("id"), doc.get("size"), doc.get("dimension")
    if not (isinstance(ids, list) and isinstance(sizes, list) and isinstance(dims, dict) and len(ids) == len(sizes)):
        raise TableError("filen saknar id, size eller dimension som JSON-stat 2.0 kräver")
    geo = (doc.get("role") or {}).get("geo") or [d for d in ids if d.lower() == "region"]
    if len(geo) != 1 or geo[0] not in ids:
        raise TableError("ingen dimension för region hittades (role geo eller Region)")
    region = geo[0]
    table = Table()
    for dim, size in zip(ids, sizes, strict=True):
        if dim == region:
            continue
        if size != 1:
            raise TableError(f"dimensionen '{dim}' har {size} värden; exportera bara ett (till exempel totalt)")
        category = dims[dim].get("category", {})
        for code in _codes(category):
            label = f"{code} {category.get('label', {}).get(code, '')}"
            if _periods(label):
                table.perioder += _periods(label)
                if not _period_matches(label, datum):
                    raise TableError(f"tabellen gäller {code}, inte {datum}; kontrollera --datum")
    codes = _codes(dims[region].get("category", {}))
    values = doc.get("value")
    position = ids.index(region)
    stride = 1
    for s in sizes[position + 1 :]:
        stride *= s
    for i, code in enumerate(codes):
        value = values[i * stride] if isinstance(values, list) else (values or {}).get(str(i * stride))
        match = _CODE.match(code)
        if match:
            _add(table, match.group(1), _json_number(value))
    return table


def _json_number(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _codes(category: dict) -> list[str]:
    index = category.get("index")
    if isinstance(index, list):
        return [str(c) for c in index]
    if isinstance(index, dict):
        return [c for c, _ in sorted(index.items(), key=lambda kv: kv[1])]
    return list(category.get("label", {}))  # one category: the index may be left out
