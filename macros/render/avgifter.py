"""Fee tables: every municipality's fee for a budget year, with the rule, the sum and the gaps."""

from __future__ import annotations

from ..core import pages
from ..core.fees import avgiftstabell
from ..text import escape
from ..text.format import SAKNAS, belopp, datum, kanske, kronor, procent, tal
from .common import ANDRAHAND_KLASS, Kontext, html_lank
from .sentences.avgifter import (
    avgift_for_ar,
    avrundning,
    folkmangd_saknas,
    hela_kostnaden,
    kommunernas_andel,
    senast_kanda_belopp,
    summa_kanda,
    underlagsdag,
    varje_kommun_betalar,
)


def avgiftsregel(ctx: Kontext) -> str:
    """The fee rule in words, from data; the rate is the newest budget year's, with the others in a table."""
    h = ctx.handbok
    a = h.avgifter
    nu = a.senaste()
    if nu.belopp_per_invanare is not None:
        rate = f"För {nu.ar}, det senaste budgetåret, är beloppet {belopp(nu.belopp_per_invanare)} per invånare."
    else:
        rate = f"Beloppet för {nu.ar}, det senaste budgetåret, är inte känt. {escape.text(nu.uppgift_saknas)}"
    if len(a.budgetar) > 1:
        rate += f" Beloppen för alla budgetår står i {ctx.lank(pages.AVGIFTER, 'tabellen över beloppen', 'belopp')}."
    slutsats = a.avrundning.underlag.status == "slutsats"
    out = [
        f"- {ctx.md(kommunernas_andel(h))}\n",
        f"- {ctx.md(varje_kommun_betalar())} {rate}\n",
        f"- {ctx.md(underlagsdag(h))}\n",
        f"- {ctx.md(avrundning(h))}{ctx.markor('avrundning' if slutsats else None)}\n",
        f"- {ctx.md(hela_kostnaden(h))}\n",
    ]
    if slutsats:
        out.append("\n" + ctx.forklaring())
    return "".join(out)


def avgift_i_korthet(ctx: Kontext) -> str:
    """The fee page's answer first: the newest known rate with its year, and plainly when that year is past."""
    h = ctx.handbok
    nu = h.avgifter.senaste()
    rate = f"{belopp(nu.belopp_per_invanare)} per invånare" if nu.belopp_per_invanare is not None else SAKNAS
    out = [f"{ctx.md(senast_kanda_belopp(h, nu.ar, rate))}"]
    out.append(
        f" Din kommuns avgift står i {ctx.lank(pages.AVGIFTER, 'tabellen', f'ar-{nu.ar}')} och på kommunens sida.\n"
    )
    return "".join(out)


def avgiftstabeller(ctx: Kontext) -> str:
    """The newest budget year in full (what is paid now), then every year in two compact tables."""
    budgetar = ctx.handbok.avgifter.budgetar
    nu = budgetar[-1]
    out = [f"\n## Senast kända avgift: budgetåret {nu.ar} {{ #ar-{nu.ar} }}\n\n{avgiftstabell_md(ctx, nu.ar)}"]
    if len(budgetar) > 1:
        out.append(alla_ar(ctx))
    return "".join(out)


def alla_ar(ctx: Kontext) -> str:
    """Every budget year: the rate per year, then each municipality's fee per year, newest first."""
    h = ctx.handbok
    years = sorted(h.avgifter.budgetar, key=lambda b: -b.ar)
    out = [
        f"\n## Alla budgetår, {years[-1].ar}–{years[0].ar} {{ #alla-ar }}\n\n",
        "Här står varje budgetår, det senaste först. Hur ett års avgift har räknats ut för en viss kommun står "
        "på kommunens egen sida, och varje års tabell finns också som öppna data.\n\n",
        "### Belopp per invånare { #belopp }\n\n",
        "| Budgetår | Folkmängden den | Per invånare | Källa |\n|---|---|--:|---|\n",
    ]
    for b in years:
        source = _kalla_kort(ctx, b.kalla) if b.kalla else escape.text(b.uppgift_saknas or "")
        rate = kanske(b.belopp_per_invanare, belopp)
        out.append(f"| {b.ar} | {datum(h.avgifter.underlagsdatum(b.ar))} | {rate} | {source} |\n")
    out.append("\n### Avgift per kommun och år { #per-kommun-och-ar }\n\n")
    out.append(
        "En rad per kommun och en kolumn per budgetår. *Uppgift saknas* betyder att folkmängden eller beloppet "
        "per invånare inte är känt, och ett streck att kommunen inte var part det året.\n\n"
    )
    out.append(avgift_per_ar_html(ctx, [b.ar for b in years]))
    return "".join(out)


def avgift_per_ar_html(ctx: Kontext, years: list[int]) -> str:
    """Municipality × budget year as an HTML table: a caption, a header per year, a row header per municipality."""
    h = ctx.handbok
    rows: dict[str, dict[int, str]] = {}
    for ar in years:
        for r in avgiftstabell(h, ar).rader:
            rows.setdefault(r.part.id, {})[ar] = kanske(r.belopp, kronor)
    kommuner = [p for p in h.parter.values() if p.id in rows]  # the model's order: by name
    out = [
        '<div class="handbok-avgifter">\n<table>\n',
        "<caption>Avgift per kommun och budgetår</caption>\n",
        '<thead>\n<tr><th scope="col">Kommun</th>',
        *(f'<th scope="col">{ar}</th>' for ar in years),
        "</tr>\n</thead>\n<tbody>\n",
    ]
    for p in kommuner:
        href = escape.html(html_lank(ctx, pages.part_sida(p.id)) + "#avgift")
        out.append(f'<tr><th scope="row"><a href="{href}">{escape.html(p.namn)}</a></th>')
        for ar in years:
            cell = rows[p.id].get(ar)
            out.append(
                f"<td>{cell}</td>"
                if cell
                else '<td><span aria-hidden="true">–</span><span class="handbok-dold">inte part</span></td>'
            )
        out.append("</tr>\n")
    out.append("</tbody>\n</table>\n</div>\n")
    return "".join(out)


def avgiftstabell_md(ctx: Kontext, ar: int) -> str:
    """One budget year: a row per municipality, unknown figures shown as such and left out of the sum."""
    h = ctx.handbok
    t = avgiftstabell(h, ar)
    if t.belopp_per_invanare is None:
        return _utan_belopp(ctx, t)
    out = [
        f"{ctx.md(avgift_for_ar(h, t))}\n\n",
        f"| Kommun | Folkmängd {datum(t.underlagsdatum)} | Källa | Per invånare | Avgift {ar} | Andel |\n",
        "|---|--:|---|--:|--:|--:|\n",
    ]
    for r in t.rader:
        if r.belopp is None:
            out.append(
                f"| {ctx.part(r.part.id)} | {SAKNAS}[^saknas-{ar}] | – | {belopp(r.belopp_per_invanare)} "
                f"| {SAKNAS} | – |\n"
            )
        else:
            out.append(
                f"| {ctx.part(r.part.id)} | {tal(r.folkmangd)} | {_kalla_kort(ctx, r.kalla)} | "
                f"{belopp(r.belopp_per_invanare)} | {kronor(r.belopp)} | {procent(t.andel(r))} |\n"
            )
    out.append(
        f"| **{ctx.md(summa_kanda(t))}** | **{tal(t.folkmangd_kanda)}** | | | "
        f"**{kronor(t.summa_kanda)}** | **{procent(100)}** |\n"
    )
    if t.antal_okanda:
        out.append(f"\n[^saknas-{ar}]: {ctx.md(folkmangd_saknas(t))}\n")
    return "".join(out)


def _utan_belopp(ctx: Kontext, t) -> str:
    """A budget year whose rate is unknown: the populations, and no fee, sum or share."""
    b = ctx.handbok.avgifter.budgetar_for(t.ar)
    out = [
        f"Beloppet per invånare för budgetåret {t.ar} är inte känt, så ingen avgift kan räknas ut. "
        f"{escape.text(b.uppgift_saknas)}\n\n",
        f"| Kommun | Folkmängd {datum(t.underlagsdatum)} | Källa | Per invånare | Avgift {t.ar} |\n",
        "|---|--:|---|--:|--:|\n",
    ]
    for r in t.rader:
        known = r.folkmangd is not None
        source = _kalla_kort(ctx, r.kalla) if known else "–"
        out.append(f"| {ctx.part(r.part.id)} | {kanske(r.folkmangd, tal)} | {source} | {SAKNAS} | {SAKNAS} |\n")
    return "".join(out)


def _kalla_kort(ctx: Kontext, ident: str) -> str:
    k = ctx.handbok.kallor[ident]
    label = escape.text(k.utgivare) + (" (andrahand)" if k.typ == "sekundar" else "")
    if not k.url:
        return label
    return f"[{label}]({escape.url(k.url)}){ANDRAHAND_KLASS if k.typ == 'sekundar' else ''}"
