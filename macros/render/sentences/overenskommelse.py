"""The agreement and its parties: the facts about the agreement, how many parties there are and since when."""

from __future__ import annotations

from ...core.model import Handbok, Part
from ...text.format import antal, datum, stycken
from .mening import Fet, Mening, listan, part


def galler_fran(h: Handbok) -> str:
    a = h.overenskommelse
    retro = " Den gäller retroaktivt, alltså även för tiden före parternas beslut." if a.retroaktiv else ""
    return f"{datum(a.galler_fran)}.{retro}"


def forslag_fran(h: Handbok) -> str:
    f = h.overenskommelse.foreslagen_av
    return f"{f.namn} ({f.forkortning}" + (f", i dag {f.senare_namn}" if f.senare_namn else "") + ")"


def rekommenderad_av(h: Handbok) -> str:
    r = h.overenskommelse.rekommendation
    return f"{r.organ} den {datum(r.datum)}"


KAN_ANSLUTA = "Fler parter kan ansluta med tiden."
TIDIGARE_PARTER = "De här organisationerna har lämnat överenskommelsen och räknas inte med bland parterna ovan."
KOMMANDE_PARTER = (
    "De här organisationerna har beslutat att ansluta men är inte parter än. De räknas inte med bland parterna ovan "
    "förrän den dag de ansluter."
)


def antal_parter(h: Handbok, fet: bool = False) -> Mening:
    """How many parties there are today: municipalities and other organisations (coming parties are not yet)."""
    idag = len(h.parter_idag())
    kommuner = len(h.kommuner())
    n = stycken(idag, "part", "parter")
    andra = stycken(idag - kommuner, "annan organisation", "andra organisationer")
    return ("Överenskommelsen har ", Fet(n) if fet else n, f": {stycken(kommuner, 'kommun', 'kommuner')} och {andra}.")


def kommande(h: Handbok) -> Mening:
    """The parties still to join, each with its first day; that more may join when none is on its way."""
    coming = h.kommande_parter()
    if not coming:
        return (KAN_ANSLUTA,)
    n = len(coming)
    lead = "En part till ansluter" if n == 1 else f"{antal(n, utrum=True).capitalize()} parter till ansluter"
    who = listan([(part(h, p.id), f" den {datum(p.ansluten.datum)}") for p in coming])
    return (f"{lead} senare och räknas inte med förrän dess: ", *who, ".")


def parter_sedan(h: Handbok, utom: bool) -> str:
    """Since when today's parties are parties; with `utom` the exceptions follow as a list."""
    start = datum(h.overenskommelse.galler_fran)
    if utom:
        return f"Parterna är med sedan överenskommelsen började gälla den {start}, utom:"
    return f"Alla är parter sedan överenskommelsen började gälla den {start}."


def tidigare_namn(p: Part) -> str:
    """The party's earlier names with their last day where known: Stockholms läns landsting (till och med 31 december
    2018). The 2015 decision names several parties so."""
    return ", ".join(t.namn + (f" (till och med {datum(t.till)})" if t.till else "") for t in p.tidigare_namn)


def ataganden(h: Handbok) -> str:
    n = len(h.overenskommelse.atagande)
    return f"Alla parter åtar sig {antal(n, utrum=True)} {'sak' if n == 1 else 'saker'}:"
