"""The open data page: what is published, at which stable path, in which format."""

from __future__ import annotations

from ..core import columns, pages
from ..core.schemas import schema_files
from ..text import escape
from ..text.format import SAKNAS
from .common import Kontext


def oppna_data(ctx: Kontext) -> str:
    h = ctx.handbok
    out = [
        "## Hela överenskommelsen { #modell }\n\n",
        f"- [{pages.MODEL_FILE}]({_rel(ctx, pages.MODEL_FILE)}): alla parter, forum, avgiftsregler, källor "
        "och ordlistan i en JSON-fil. Nycklarna är desamma som i datafilerna. Under parter står också "
        "kommande och tidigare parter; listorna parter_idag, kommande_parter och tidigare_parter skiljer dem åt, "
        "räknat den dag som står under idag.\n",
        "\n## Avgifter { #avgifter }\n\n",
        "CSV-filerna öppnas direkt i Excel med svenska inställningar: semikolon mellan fälten, decimalkomma och "
        f"UTF-8 med byte order mark. Där en uppgift saknas står *{SAKNAS}* i cellen, aldrig 0 och aldrig "
        "en tom cell. Summan av de kända avgifterna står i en egen fil, inte bland kommunernas rader. "
        f"Filen [{pages.README_FILE}]({_rel(ctx, pages.README_FILE)}) förklarar varje fil och kolumn, "
        "som tabellerna nedan.\n\n",
    ]
    csv, js = pages.avgift_fil(pages.ALLA_AR, "csv"), pages.avgift_fil(pages.ALLA_AR, "json")
    out.append(
        f"- Alla budgetår i en fil: [{csv}]({_rel(ctx, csv)}) har en rad per kommun och budgetår, "
        f"det äldsta året först, och [{js}]({_rel(ctx, js)}) har varje års tabell.\n"
    )
    for b in sorted(h.avgifter.budgetar, key=lambda b: -b.ar):
        csv, js = pages.avgift_fil(b.ar, "csv"), pages.avgift_fil(b.ar, "json")
        out.append(f"- Budgetåret {b.ar}: [{csv}]({_rel(ctx, csv)}) och [{js}]({_rel(ctx, js)})\n")
    out.append(f"- Summan för varje budgetår: [{pages.SUM_FILE}]({_rel(ctx, pages.SUM_FILE)})\n")
    out.append("\n### Kolumner i avgiftsfilerna { #kolumner }\n\n| Kolumn | Vad den innehåller |\n|---|---|\n")
    out += [f"| <code>{k}</code> | {escape.text(v)} |\n" for k, v in columns.KOLUMNER.items()]
    out.append("\n### Kolumner i summafilen { #kolumner-summor }\n\n| Kolumn | Vad den innehåller |\n|---|---|\n")
    out += [f"| <code>{k}</code> | {escape.text(v)} |\n" for k, v in columns.SUMMOR.items()]
    out.append(
        "\n## Scheman { #scheman }\n\nVarje sorts datafil beskrivs av ett JSON Schema (version 2020-12). "
        "Redigerare som VS Code använder dem för att hjälpa dig medan du skriver.\n\n"
    )
    for schema in schema_files():
        path = pages.schema_file(schema.name)
        out.append(f"- [{path}]({_rel(ctx, path)})\n")
    return "".join(out)


def _rel(ctx: Kontext, path: str) -> str:
    """Files beside the pages: a relative link works on the web, offline and from file://."""
    depth = ctx.sida.count("/")
    return "../" * depth + path
