"""From a checked dataset to the typed model (model.py): each file kind's plain YAML value becomes its frozen
dataclasses, lists sorted by a stable key so that the same data gives the same pages."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from . import tid
from .dataset import Dataset
from .model import (
    Andrar,
    Anslutningsbeslut,
    Ansvar,
    Avgifter,
    Avrundning,
    Begrepp,
    Beslut,
    Budgetar,
    Folkmangd,
    ForeslagenAv,
    Forum,
    Handbok,
    Kalla,
    Medlem,
    Niva,
    Overenskommelse,
    Part,
    Punkt,
    Rekommendation,
    Roll,
    SenareNamn,
    Styrning,
    Tidpunkt,
    TotalKostnad,
    Underlag,
    Uppgifter,
    Vem,
)


def _underlag(raw: dict) -> Underlag:
    return Underlag(raw["status"], tuple(raw["kallor"]), raw.get("kommentar"))


def _folkmangd(raw: dict) -> Folkmangd:
    return Folkmangd(**{**raw, "kallor": tuple(raw.get("kallor", []))})


def _part(raw: dict, fil: str) -> Part:
    return Part(
        id=raw["id"],
        namn=raw["namn"],
        kategori=raw["kategori"],
        kallor=tuple(raw["kallor"]),
        fil=fil,
        kommunkod=raw.get("kommunkod"),
        senare_namn=tuple(SenareNamn(**s) for s in raw.get("senare_namn", [])),
        sokord=tuple(raw.get("sokord", [])),
        folkmangd=tuple(sorted((_folkmangd(f) for f in raw.get("folkmangd", [])), key=lambda f: f.datum)),
        anslutningsbeslut=Anslutningsbeslut(**raw["anslutningsbeslut"]) if "anslutningsbeslut" in raw else None,
        ansluten=Tidpunkt(**raw["ansluten"]) if "ansluten" in raw else None,
        lamnat=Tidpunkt(**raw["lamnat"]) if "lamnat" in raw else None,
    )


def _forum(raw: dict, fil: str) -> Forum:
    return Forum(
        id=raw["id"],
        namn=raw["namn"],
        syfte=raw["syfte"],
        ordforande=Roll(**raw["ordforande"]),
        sammankallande=Roll(**raw["sammankallande"]),
        medlemmar=tuple(Medlem(**m) for m in raw["medlemmar"]),
        uppgifter=Uppgifter(tuple(raw["uppgifter"]["ordinarie_lage"]), tuple(raw["uppgifter"]["aktiverat_lage"])),
        aterrapportering=raw["aterrapportering"],
        underlag=_underlag(raw["underlag"]),
        fil=fil,
        niva=raw.get("niva"),
        rapporterar_till=raw.get("rapporterar_till"),
        underlag_for={k: _underlag(u) for k, u in raw.get("underlag_for", {}).items()},
    )


def _niva(raw: dict) -> Niva:
    return Niva(raw["id"], raw["namn"], raw["fokus"], _underlag(raw["underlag"]) if "underlag" in raw else None)


def _overenskommelse(raw: dict, fil: str) -> Overenskommelse:
    s = raw["styrning"]
    styrning = Styrning(
        regionala_radet=s["regionala_radet"],
        sammankallande=s["sammankallande"],
        beskrivning=s["beskrivning"],
        principer=tuple(Punkt(**p) for p in s["principer"]),
        nivaer=tuple(_niva(n) for n in s["nivaer"]),
        lagen=Uppgifter(s["lagen"]["ordinarie_lage"], s["lagen"]["aktiverat_lage"]),
    )
    return Overenskommelse(
        namn=raw["namn"],
        devis=raw["devis"],
        version=raw["version"],
        syfte=raw["syfte"],
        foreslagen_av=ForeslagenAv(**raw["foreslagen_av"]),
        rekommendation=Rekommendation(**raw["rekommendation"]),
        galler_fran=raw["galler_fran"],
        retroaktiv=raw["retroaktiv"],
        utgangspunkter=tuple(raw["utgangspunkter"]),
        atagande=tuple(Punkt(**a) for a in raw["atagande"]),
        styrning=styrning,
        uppfoljning=raw["uppfoljning"],
        ekonomi=raw["ekonomi"],
        kallor=tuple(raw["kallor"]),
        fil=fil,
    )


def _avgifter(raw: dict, fil: str) -> Avgifter:
    return Avgifter(
        kommunernas_andel=Fraction(raw["kommunernas_andel"]),
        underlagsdag=raw["underlagsdag"],
        avrundning=Avrundning(raw["avrundning"]["regel"], _underlag(raw["avrundning"]["underlag"])),
        budgetar=tuple(
            sorted(
                (
                    Budgetar(
                        b["ar"],
                        Decimal(b["belopp_per_invanare"].replace(",", ".")) if "belopp_per_invanare" in b else None,
                        b.get("kalla"),
                        b.get("uppgift_saknas"),
                    )
                    for b in raw["budgetar"]
                ),
                key=lambda b: b.ar,
            )
        ),
        total_kostnad=TotalKostnad(raw["total_kostnad"]["uppgift_saknas"]),
        kallor=tuple(raw["kallor"]),
        fil=fil,
    )


def _beslut(raw: dict) -> Beslut:
    a = raw["andrar"]
    andrar = Andrar(
        a["beskrivning"], a.get("alla_parter", False), tuple(a.get("parter", [])), tuple(a.get("forum", []))
    )
    return Beslut(**{**raw, "andrar": andrar, "kallor": tuple(raw["kallor"])})


def build_model(ds: Dataset, idag: str | None = None) -> Handbok:
    """Turn a checked dataset into the model. Parties sort by name, forums by level order then name.

    idag (ISO date) decides who is a party today; by default the build's day (macros/core/tid.py)."""
    agreement = _overenskommelse(ds.singles["overenskommelse"].data, ds.repo_path(ds.singles["overenskommelse"]))
    level_order = {n.id: i for i, n in enumerate(agreement.styrning.nivaer)}
    parter = sorted(
        (_part(d.data, ds.repo_path(d)) for d in ds.parter.values()), key=lambda p: (_sort_key(p.namn), p.id)
    )
    forum = sorted(
        (_forum(d.data, ds.repo_path(d)) for d in ds.forum.values()),
        key=lambda f: (level_order.get(f.niva, -1), _sort_key(f.namn), f.id),
    )
    kallor = {k["id"]: Kalla(**k) for k in ds.singles["kallor"].data["kallor"]}
    return Handbok(
        overenskommelse=agreement,
        avgifter=_avgifter(ds.singles["avgifter"].data, ds.repo_path(ds.singles["avgifter"])),
        kallor=dict(sorted(kallor.items())),
        parter={p.id: p for p in parter},
        forum={f.id: f for f in forum},
        ordlista=tuple(
            sorted(
                (
                    Begrepp(b["id"], b["term"], b["forklaring"], tuple(b.get("former", [])), tuple(b.get("kallor", [])))
                    for b in ds.singles["ordlista"].data["begrepp"]
                ),
                key=lambda b: (_sort_key(b.term), b.id),
            )
        ),
        ordlista_fil=ds.repo_path(ds.singles["ordlista"]),
        idag=idag or tid.idag(),
        **_beslutslogg(ds),
        **_ansvar(ds),
    )


def _ansvar(ds: Dataset) -> dict:
    """Responsibilities are optional: without data/ansvar.yaml there are none."""
    doc = ds.singles.get("ansvar")
    if doc is None:
        return {}
    items = tuple(
        Ansvar(a["id"], a["vad"], Vem(**a["vem"]), tuple(a["lagen"]), _underlag(a["underlag"]))
        for a in doc.data["ansvar"]
    )
    return {"ansvar": items, "ansvar_fil": ds.repo_path(doc)}


def _beslutslogg(ds: Dataset) -> dict:
    """The decision log is optional: without data/beslut.yaml it is empty."""
    doc = ds.singles.get("beslut")
    if doc is None:
        return {}
    entries = sorted((_beslut(b) for b in doc.data["beslut"]), key=lambda b: (b.datum, b.id))
    return {"beslut": tuple(entries), "beslut_fil": ds.repo_path(doc)}


_SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "Å": "{", "Ä": "|", "Ö": "}", "é": "e", "É": "e"})


def _sort_key(text: str) -> str:
    """Swedish alphabetical order (å, ä, ö after z) without depending on the machine's locale."""
    return text.lower().translate(_SWEDISH_ORDER)
