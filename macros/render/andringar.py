"""The change summary in Swedish Markdown, for a pull request's job summary or a terminal."""

from __future__ import annotations

from decimal import Decimal

from ..core.compare import ABSENT, NO_YEAR, Andringar, AvgiftAr, ForumAndring
from ..core.model import Beslut, Handbok, Medlem
from ..text import escape
from ..text.format import belopp, datum, kanske, kronor
from ..text.kategorier import kategori

RUBRIK = "## Så ändrar den här ändringen handboken"
INGA = (
    "Ändringen påverkar inte handbokens data: inga parter, forum, avgifter, beslut, källor eller texter "
    "i data/ har ändrats."
)
_FALT = {
    "namn": "Namn",
    "niva": "Nivå",
    "rapporterar_till": "Rapporterar till",
    "ordforande": "Ordförande",
    "sammankallande": "Sammankallande",
}
_LAGE = {"ordinarie_lage": "ordinarie läge", "aktiverat_lage": "aktiverat läge"}
# The party keys _parter writes a sentence of its own for; any other changed key is named (_ovrig).
_PART_MENINGAR = ("namn", "kategori", "kommunkod", "senare_namn", "ansluten", "lamnat")


def sammanfattning(a: Andringar, old: Handbok, new: Handbok, fore: str, efter: str) -> str:
    out = [f"{RUBRIK}\n\nJämför <code>{escape.html(fore)}</code> med <code>{escape.html(efter)}</code>.\n"]
    if a.tom():
        return out[0] + f"\n{INGA}\n"
    out.append(_parter(a))
    out.append(_forum(a, old, new))
    out += [_avgift_ar(y) for y in a.avgifter]
    out.append(_beslut(a))
    if a.ovrigt:
        out.append("\n### Övrigt\n\n" + "".join(f"- {escape.text(x)}\n" for x in a.ovrigt))
    return "".join(out)


def _namn(name: str, ident: str) -> str:
    return f"**{escape.text(name)}** (<code>{escape.html(ident)}</code>)"


def _parter(a: Andringar) -> str:
    rows = [f"- Ny part: {_namn(p.namn, p.id)}, {kategori(p.kategori).lower()}.\n" for p in a.nya_parter]
    rows += [f"- Borttagen part: {_namn(p.namn, p.id)}.\n" for p in a.borttagna_parter]
    for old, new, keys in a.andrade_parter:
        if "namn" in keys:
            rows.append(f"- Nytt namn: {escape.text(old.namn)} heter nu {_namn(new.namn, new.id)}.\n")
        if "kategori" in keys:
            rows.append(
                f"- {_namn(new.namn, new.id)} har bytt slag: {kategori(old.kategori)} → {kategori(new.kategori)}.\n"
            )
        if "kommunkod" in keys:
            rows.append(
                f"- {_namn(new.namn, new.id)} har ny kommunkod: {escape.text(old.kommunkod or '–')} → "
                f"{escape.text(new.kommunkod or '–')}.\n"
            )
        if "senare_namn" in keys:
            rows.append(f"- {_namn(new.namn, new.id)} har ändrade senare namn.\n")
        for key, what in (("ansluten", "när parten blev part"), ("lamnat", "när parten lämnade överenskommelsen")):
            if key in keys:
                was, now = (_tidpunkt(getattr(x, key)) for x in (old, new))
                rows.append(f"- {_namn(new.namn, new.id)}: ändrat {what}: {was} → {now}.\n")
        rows += [f"- {_namn(new.namn, new.id)}: {_ovrig(key)}\n" for key in keys if key not in _PART_MENINGAR]
    return "\n### Parter\n\n" + "".join(rows) if rows else ""


def _tidpunkt(t) -> str:
    if t is None:
        return "–"
    return kanske(t.datum, datum)


def _forum(a: Andringar, old: Handbok, new: Handbok) -> str:
    out = [f"- Nytt forum: {_namn(f.namn, f.id)}.\n" for f in a.nya_forum]
    out += [f"- Borttaget forum: {_namn(f.namn, f.id)}.\n" for f in a.borttagna_forum]
    sections = [_forumandring(c, old, new) for c in a.andrade_forum]
    if not out and not sections:
        return ""
    return "\n### Forum\n\n" + "".join(out) + "".join(sections)


def _forumandring(c: ForumAndring, old: Handbok, new: Handbok) -> str:
    out = [f"\n#### {escape.text(c.efter.namn)} (<code>{escape.html(c.efter.id)}</code>)\n\n"]
    for key, before, after in c.falt:
        out.append(f"- {_FALT[key]}: {_varde(key, before, old)} → {_varde(key, after, new)}\n")
    out += [f"- Ny medlem: {_medlem(m, new)}\n" for m in c.nya_medlemmar]
    out += [f"- Medlem borttagen: {_medlem(m, old)}\n" for m in c.borttagna_medlemmar]
    for before, after in c.andrade_medlemmar:
        out.append(
            f"- Ändrad medlem: {_medlem(after, new)} (var: {escape.text(before.funktion)}; "
            f"{escape.text(before.mandat)})\n"
        )
    out += [f"- Ny uppgift i {_LAGE[lage]}: {escape.text(t)}\n" for lage, t in c.nya_uppgifter]
    out += [f"- Uppgift borttagen i {_LAGE[lage]}: {escape.text(t)}\n" for lage, t in c.borttagna_uppgifter]
    out += [f"- {_ovrig(key)[:1].upper()}{_ovrig(key)[1:]}\n" for key in c.ovriga]
    return "".join(out)


def _ovrig(key: str) -> str:
    """A changed key without a sentence of its own (a new field too): named as the data file writes it."""
    return f"uppgiften <code>{escape.html(key)}</code> i datafilen har ändrats."


def _varde(key: str, value: str | None, h: Handbok) -> str:
    """A forum field's value in words: a party's or forum's or level's name where it is an id."""
    if value is None:
        return "–"
    names = {"ordforande": h.parter, "sammankallande": h.parter, "rapporterar_till": h.forum}.get(key, {})
    if value in names:
        return escape.text(names[value].namn)
    if key == "niva":
        levels = {n.id: n.namn for n in h.overenskommelse.styrning.nivaer}
        return escape.text(levels.get(value, value))
    return escape.text(value)


def _medlem(m: Medlem, h: Handbok) -> str:
    who = escape.text(h.parter[m.part].namn) if m.part in h.parter else kategori(m.kategori, plural=True)
    return f"{who}, {escape.text(m.funktion)}. Mandat: {escape.text(m.mandat)}"


def _avgift_ar(y: AvgiftAr) -> str:
    out = [f"\n### Avgifter för budgetåret {y.ar}\n\n"]
    before_rate, after_rate = y.per_invanare
    if before_rate != after_rate:
        out.append(f"Belopp per invånare: {_rate(before_rate)} → {_rate(after_rate)}.\n\n")
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


def _rate(value: Decimal | None) -> str:
    return belopp(value) if value is not None else "–"


def _kr(value: Decimal | str | None) -> str:
    if value == ABSENT:
        return "inte part"
    if value == NO_YEAR:
        return "–"
    return kanske(value, kronor)


def _skillnad(before, after) -> str:
    if not isinstance(before, Decimal) or not isinstance(after, Decimal):
        return "–"
    diff = after - before
    if not diff:
        return "0\u00a0kr"
    return ("+" if diff > 0 else "\u2212") + kronor(abs(diff))


def _beslut(a: Andringar) -> str:
    rows = [f"- Nytt beslut: {_beslutsrad(b)}\n" for b in a.nya_beslut]
    rows += [f"- Ändrat beslut: {_beslutsrad(b)}\n" for b in a.andrade_beslut]
    rows += [f"- Borttaget beslut: {_beslutsrad(b)}\n" for b in a.borttagna_beslut]
    return "\n### Beslut\n\n" + "".join(rows) if rows else ""


def _beslutsrad(b: Beslut) -> str:
    return f"{datum(b.datum)}, {escape.text(b.rubrik)} (<code>{escape.html(b.id)}</code>)"
