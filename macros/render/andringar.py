"""The change summary in Swedish Markdown, for a pull request's job summary or a terminal: every changed field as
"Label: before → after", ids as the names they stand for, sources by title, dates and numbers the Swedish way,
and what a population change does to the fee."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from fractions import Fraction

from ..core.checks.references import PLACES
from ..core.compare import Andringar, Falt, Nyckel, Samling
from ..core.feecompare import ABSENT, NO_YEAR, AvgiftAr, belopp_for
from ..core.model import Handbok, Part
from ..text import escape
from ..text.format import belopp, datum, kronor, tal
from ..text.kategorier import KATEGORIER, kategori

RUBRIK = "## Så ändrar den här ändringen handboken"
INGA = (
    "Ändringen påverkar inte handbokens data: inga parter, forum, avgifter, beslut, källor eller texter "
    "i data/ har ändrats."
)
# The handbook's collections: heading, a new one, a removed one. Another collection is named by its key.
SAMLINGAR = {
    "parter": ("Parter", "Ny part", "Borttagen part"),
    "forum": ("Forum", "Nytt forum", "Borttaget forum"),
    "kallor": ("Källor", "Ny källa", "Borttagen källa"),
    "beslut": ("Beslut", "Nytt beslut", "Borttaget beslut"),
    "ordlista": ("Ordlista", "Nytt begrepp", "Borttaget begrepp"),
    "ansvar": ("Ansvar", "Nytt ansvar", "Borttaget ansvar"),
}
DELAR = {"overenskommelse": "Överenskommelsen", "avgifter": "Avgifter"}
# The order a reviewer reads them in: who is a party and where they sit first; anything else after these.
ORDNING = ("parter", "forum", "beslut", "kallor", "ansvar", "ordlista", "overenskommelse", "avgifter")
# Keys as a reader says them; a key not here (a field added tomorrow) is shown as written, _ as a space.
ORD = {
    "aktiverat_lage": "aktiverat läge",
    "andrar": "ändrar",
    "ansluten": "part från",
    "anslutningsbeslut": "beslut att ansluta",
    "aterrapportering": "återrapportering",
    "atagande": "åtaganden",
    "belopp_per_invanare": "belopp per invånare",
    "budgetar": "budgetår",
    "forklaring": "förklaring",
    "folkmangd": "folkmängd",
    "galler_fran": "gäller från",
    "kalla": "källa",
    "kallor": "källor",
    "kommunernas_andel": "kommunernas andel",
    "lamnat": "part till och med",
    "lagen": "lägen",
    "medlemmar": "medlem",
    "niva": "nivå",
    "nivaer": "nivåer",
    "ordforande": "ordförande",
    "ordinarie_lage": "ordinarie läge",
    "tidigare_namn": "tidigare namn",
    "sokord": "sökord",
    "uppfoljning": "uppföljning",
    "uppgift_saknas": "uppgift saknas",
    "utgangspunkter": "utgångspunkter",
}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NAME_FIELDS = ("namn", "titel", "rubrik", "term", "vad")
_LIST_FILES = {"ansvar"}  # kinds whose file is a list: PLACES paths begin "<kind>.*."


def sammanfattning(a: Andringar, old: Handbok, new: Handbok, fore: str, efter: str) -> str:
    out = [f"{RUBRIK}\n\nJämför <code>{escape.html(fore)}</code> med <code>{escape.html(efter)}</code>.\n"]
    if a.tom():
        return out[0] + f"\n{INGA}\n"
    sections = {s.nyckel: _samling(s, old, new) for s in a.samlingar}
    for key, found in a.delar:
        rows = "".join(_rad(key, f, old, new) for f in found)
        sections[key] = f"\n### {DELAR.get(key, _ord(key).capitalize())}\n\n{rows}"
    order = {key: ORDNING.index(key) if key in ORDNING else len(ORDNING) for key in sections}
    out += [sections[key] for key in sorted(sections, key=order.__getitem__)]
    out += [_avgift_ar(y) for y in a.avgifter]
    return "".join(out)


def _samling(s: Samling, old: Handbok, new: Handbok) -> str:
    rubrik, ny, borta = SAMLINGAR.get(s.nyckel, (_ord(s.nyckel).capitalize(), "Ny post", "Borttagen post"))
    out = [f"\n### {rubrik}\n\n"]
    out += [f"- {ny}: {_vem(x)}{_om_ny(x, new)}\n" for x in s.nya]
    out += [f"- {borta}: {_vem(x)}\n" for x in s.borttagna]
    for _before, after, found in s.andrade:
        out.append(f"{'' if len(out) == 1 else chr(10)}#### {_vem(after, bold=False)}\n\n")
        fees = _avgift_per_datum(after, old, new) if isinstance(after, Part) else {}
        for f in found:
            out.append(_rad(s.nyckel, f, old, new, fees.pop(_datum_i(f), "")))
    return "".join(out)


def _vem(x, bold: bool = True) -> str:
    """An entity by its name (or title, heading, term) and its id."""
    name = next((getattr(x, n) for n in _NAME_FIELDS if hasattr(x, n)), x.id)
    shown = escape.text(name)
    return f"{f'**{shown}**' if bold else shown} (<code>{escape.html(x.id)}</code>)"


def _om_ny(x, h: Handbok) -> str:
    """What a reader needs to know of a new entity at once: a party's kind and first day, a decision's date."""
    if isinstance(x, Part):
        if x.ansluten is None:
            first = f"part från överenskommelsens start ({datum(h.overenskommelse.galler_fran)})"
        elif x.ansluten.datum is None:
            first = "dagen då den blir part saknas"
        else:
            first = f"part från {datum(x.ansluten.datum)}"
        last = f", part till och med {datum(x.lamnat.datum)}" if x.lamnat and x.lamnat.datum else ""
        return f", {kategori(x.kategori).lower()}, {first}{last}."
    if getattr(x, "datum", None):
        return f", {datum(x.datum)}."
    if getattr(x, "utgivare", None):
        return f", {escape.text(x.utgivare)}."
    return "."


def _rad(kind: str, f: Falt, old: Handbok, new: Handbok, tillagg: str = "") -> str:
    label = _etikett(f.vag, new)
    before, after = (_varde(kind, f.vag, v, h) for v, h in ((f.fore, old), (f.efter, new)))
    if f.fore is None:
        return f"- {label}, ny: {after}{tillagg}\n"
    if f.efter is None:
        return f"- {label}, borttagen: {before}{tillagg}\n"
    return f"- {label}: {before} → {after}{tillagg}\n"


def _ord(key: str) -> str:
    return ORD.get(key, key.replace("_", " "))


def _etikett(vag: tuple, h: Handbok) -> str:
    """A path as words: Ordförande; Medlem Salems kommun, mandat; Folkmängd 30 juni 2014, antal."""
    names = [x for x in vag if not isinstance(x, Nyckel)]
    if len(names) > 1 and names[-1] == "part" and not isinstance(vag[-1], Nyckel):
        vag = vag[:-1]  # a role's party is the role: "Ordförande: X → Y"
    words = []
    for x in vag:
        if isinstance(x, Nyckel):
            words[-1] += f" {_nyckel(x.varde, h)}"
        else:
            words.append(_ord(x))
    text = ", ".join(words)
    return text[:1].upper() + text[1:]


def _nyckel(key, h: Handbok) -> str:
    if isinstance(key, tuple):  # a forum member: ("part", id) or ("kategori", id)
        kind, ident = key
        return escape.text(h.parter[ident].namn) if kind == "part" and ident in h.parter else kategori(ident, True)
    if isinstance(key, str) and _ISO_DATE.match(key):
        return datum(key)
    return escape.text(_ord(key) if isinstance(key, str) else key)


def _targets() -> dict[tuple[str, str], str]:
    """(file kind, path with * for list items) -> what an id there names (part, forum, niva, kategori)."""
    out = {}
    for p in PLACES:
        path = p.path.removeprefix(f"{p.kind}.*.") if p.kind in _LIST_FILES else p.path
        out[p.kind, path] = p.target
    return out


TARGETS = _targets()


def _varde(kind: str, vag: tuple, value, h: Handbok) -> str:
    """A value as the reader knows it: the name an id stands for, a source's title, a date or number in Swedish."""
    if value is None:
        return "–"
    dotted = ".".join("*" if isinstance(x, Nyckel) else x for x in vag)
    if dataclasses.is_dataclass(value):
        return _sammandrag(kind, vag, value, h)
    if isinstance(value, tuple):
        return ", ".join(_varde(kind, vag, v, h) for v in value) or "–"
    last = next((x for x in reversed(vag) if not isinstance(x, Nyckel)), "")
    target = TARGETS.get((kind, dotted)) or TARGETS.get((kind, f"{dotted}.*"))
    if last in ("kalla", "kallor") and value in h.kallor:
        return f"”{escape.text(h.kallor[value].titel)}”"
    if target == "part" and value in h.parter:
        return escape.text(h.parter[value].namn)
    if target == "forum" and value in h.forum:
        return escape.text(h.forum[value].namn)
    if target == "niva":
        levels = {n.id: n.namn for n in h.overenskommelse.styrning.nivaer}
        return escape.text(levels.get(value, value))
    if target == "kategori" or (kind == "parter" and last == "kategori"):
        return kategori(value, plural=target == "kategori") if value in KATEGORIER else escape.text(value)
    return _enkel(value)


def _sammandrag(kind: str, vag: tuple, value, h: Handbok) -> str:
    """An added or removed item in short: its fields that say something (not its key, not a default), a date
    first, the source last: "96 000 enligt ”SCB …”", "31 december 2020 enligt ”Beslut …”"."""
    key = vag[-1].varde if vag and isinstance(vag[-1], Nyckel) else None
    keys = set(key) if isinstance(key, tuple) else {key}
    shown, source = [], ""
    for fl in dataclasses.fields(value):
        v = getattr(value, fl.name)
        if fl.name in ("fil", "id") or v in (None, (), {}, "") or v in keys or v == fl.default:
            continue
        text = _varde(kind, (*vag, fl.name), v, h)
        if fl.name in ("kalla", "kallor"):
            source = f" enligt {text}"
        elif fl.name == "datum":
            shown.insert(0, text)
        else:  # a text after its label takes a colon ("uppgift saknas: Siffran ..."); a date reads on ("till 1 maj")
            sep = ": " if isinstance(v, str) and not _ISO_DATE.match(v) else " "
            shown.append(f"{_ord(fl.name)}{sep}{text}")
    return "; ".join(shown) + source


def _enkel(value) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, int):
        return tal(value)
    if isinstance(value, Decimal):
        return belopp(value)
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, str) and _ISO_DATE.match(value):
        return datum(value)
    return escape.text(value)


def _datum_i(f: Falt) -> str | None:
    """The date of the population entry a change is in, if it is one."""
    if len(f.vag) > 1 and f.vag[0] == "folkmangd" and isinstance(f.vag[1], Nyckel):
        return f.vag[1].varde
    return None


def _avgift_per_datum(p: Part, old: Handbok, new: Handbok) -> dict[str, str]:
    """For each basis date: what the party's fee for the budget year that date serves does before → after."""
    out = {}
    for h in (old, new):
        for b in h.avgifter.budgetar:
            day = h.avgifter.underlagsdatum(b.ar)
            was, now = belopp_for(old, p.id, b.ar), belopp_for(new, p.id, b.ar)
            if was != now and day not in out:
                out[day] = f" (avgiften {b.ar}: {_kr(was)} → {_kr(now)})"
    return out


def _avgift_ar(y: AvgiftAr) -> str:
    out = [f"\n### Avgifter för budgetåret {y.ar}\n\n"]
    if y.rader:
        out.append("| Kommun | Före | Efter | Skillnad |\n|---|--:|--:|--:|\n")
        for r in y.rader:
            diff = _skillnad(r.fore, r.efter)
            out.append(f"| {escape.text(r.part.namn)} | {_kr(r.fore)} | {_kr(r.efter)} | {diff} |\n")
    before, after = (NO_YEAR if s is None else s for s in y.summa)
    out.append(f"\n**Summa av de kända avgifterna:** {_kr(before)} → {_kr(after)} ({_skillnad(before, after)}).")
    if y.okanda[0] or y.okanda[1]:
        was, now = ("–" if n is None else n for n in y.okanda)
        out.append(f" Kommuner med okänd folkmängd, som inte ingår i summan: {was} → {now}.")
    return "".join(out) + "\n"


def _kr(value: Decimal | str | None) -> str:
    if value == ABSENT:
        return "inte part"
    if value == NO_YEAR:
        return "–"
    if value is None:
        return "uppgift saknas"
    return kronor(value)


def _skillnad(before, after) -> str:
    if not isinstance(before, Decimal) or not isinstance(after, Decimal):
        return "–"
    diff = after - before
    if not diff:
        return "0\u00a0kr"
    return ("+" if diff > 0 else "\u2212") + kronor(abs(diff))
