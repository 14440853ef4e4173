"""Fee tables: every municipality's fee for a budget year, with the rule, the sum and the gaps."""

from __future__ import annotations

from fractions import Fraction

from .. import escape
from ..fees import avgiftstabell
from .common import ANDRAHAND_KLASS, Kontext, belopp, dag_och_manad, datum, kronor, procent, tal

# The rounding rule in words; the PDF uses the same wording.
AVRUNDNINGSREGEL = {
    "hela-kronor": "Avgiften avrundas till hela kronor; 50 öre avrundas uppåt.",
    "ore": "Avgiften avrundas till hela ören; ett halvt öre avrundas uppåt.",
}


_ANDEL = {
    Fraction(1, 2): "halva kostnaden",
    Fraction(1, 3): "en tredjedel av kostnaden",
    Fraction(1, 4): "en fjärdedel av kostnaden",
    Fraction(1, 1): "hela kostnaden",
}


def andel_text(andel: Fraction) -> str:
    """The municipalities' share in words: halva kostnaden, en tredjedel av kostnaden, ..."""
    return _ANDEL.get(andel, f"{andel.numerator}/{andel.denominator} av kostnaden")


def avgiftsregel(ctx: Kontext) -> str:
    """The fee rule in words, from data."""
    a = ctx.handbok.avgifter
    andel = andel_text(a.kommunernas_andel)
    years = ", ".join(f"{b.ar}: {belopp(b.belopp_per_invanare)} per invånare" for b in a.budgetar)
    out = [
        f"- Kommunerna betalar tillsammans **{andel}** för samverkansfunktionen.\n",
        f"- Varje kommun betalar ett belopp per invånare och år ({years}).\n",
        f"- Folkmängden räknas den {dag_och_manad(a.underlagsdag)} året före budgetåret.\n",
        f"- {AVRUNDNINGSREGEL[a.avrundning.regel]}",
    ]
    if a.avrundning.underlag.status == "slutsats":
        out.append(" Regeln är handbokens val: " + escape.text(a.avrundning.underlag.kommentar or ""))
    out.append("\n")
    out.append(f"- Hela kostnaden: uppgift saknas. {escape.text(a.total_kostnad.uppgift_saknas)}\n")
    return "".join(out)


def avgiftstabeller(ctx: Kontext) -> str:
    """One section per budget year in the data, the latest first."""
    out = []
    for b in sorted(ctx.handbok.avgifter.budgetar, key=lambda b: -b.ar):
        out.append(f"\n## Budgetåret {b.ar} {{ #ar-{b.ar} }}\n\n{avgiftstabell_md(ctx, b.ar)}")
    return "".join(out)


def avgiftstabell_md(ctx: Kontext, ar: int) -> str:
    """One budget year: a row per municipality, unknown figures shown as such and left out of the sum."""
    h = ctx.handbok
    t = avgiftstabell(h, ar)
    out = [
        f"Avgift för budgetåret {ar}: folkmängden den {datum(t.underlagsdatum)} × "
        f"{belopp(t.belopp_per_invanare)} per invånare. {AVRUNDNINGSREGEL[h.avgifter.avrundning.regel]}\n\n",
        f"| Kommun | Folkmängd {datum(t.underlagsdatum)} | Källa | Per invånare | Avgift {ar} | Andel |\n",
        "|---|--:|---|--:|--:|--:|\n",
    ]
    for r in t.rader:
        if r.belopp is None:
            out.append(
                f"| {ctx.part(r.part.id)} | uppgift saknas[^saknas-{ar}] | – | {belopp(r.belopp_per_invanare)} "
                "| uppgift saknas | – |\n"
            )
        else:
            out.append(
                f"| {ctx.part(r.part.id)} | {tal(r.folkmangd)} | {_kalla_kort(ctx, r.kalla)} | "
                f"{belopp(r.belopp_per_invanare)} | {kronor(r.belopp)} | {procent(t.andel(r))} |\n"
            )
    known = len(t.rader) - t.antal_okanda
    out.append(
        f"| **Summa, {known} kommuner med känd folkmängd** | **{tal(t.folkmangd_kanda)}** | | | "
        f"**{kronor(t.summa_kanda)}** | **100,0\u00a0%** |\n"
    )
    if t.antal_okanda:
        missing = ", ".join(escape.text(r.part.namn) for r in t.rader if r.belopp is None)
        kommuner = "kommun" if t.antal_okanda == 1 else "kommuner"
        out.append(
            f"\n[^saknas-{ar}]: Folkmängden den {datum(t.underlagsdatum)} saknas för {t.antal_okanda} "
            f"{kommuner}: {missing}. Avgiften kan då inte räknas ut och ingår inte i summan, som därför "
            "är lägre än kommunernas verkliga sammanlagda avgift. Andelen är andel av den kända summan.\n"
        )
    return "".join(out)


def _kalla_kort(ctx: Kontext, ident: str) -> str:
    k = ctx.handbok.kallor[ident]
    label = escape.text(k.utgivare) + (" (andrahand)" if k.typ == "sekundar" else "")
    if not k.url:
        return label
    return f"[{label}]({escape.url(k.url)}){ANDRAHAND_KLASS if k.typ == 'sekundar' else ''}"
