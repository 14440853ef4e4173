"""The open data's fee files, column by column: the names the files use and what each means, in plain Swedish.

The writer (outputs/opendata.py: the CSV header, each row's keys, LASMIG.txt) and the open data page
(render/oppna_data.py) both take them from here. They live in core, not text/, because they are not
formatting but the published files' format: a public contract like the schemas, and a row's keys must
equal these names (tests/test_render.py checks it).
"""

from __future__ import annotations

# The columns of avgifter-ÅR.csv and avgifter-alla-ar.csv (and of each row in the JSON files), in order.
KOLUMNER = {
    "kommun": "Kommunens namn.",
    "kommunkod": "SCB:s kommunkod, fyra siffror. Läs den som text, så att nollan först blir kvar.",
    "budgetar": "Året som avgiften gäller.",
    "underlagsdatum": "Dagen som folkmängden räknas på: 30 juni året före budgetåret.",
    "folkmangd": "Antal invånare på underlagsdatumet, eller uppgift saknas.",
    "kalla": "Id för källan till folkmängden, en fil i data/kallor/ (se samverkan-stockholmsregionen.json), "
    "eller uppgift saknas.",
    "belopp_per_invanare": "Kronor per invånare för budgetåret, med decimalkomma, eller uppgift saknas.",
    "avgift": "Kommunens avgift i kronor: folkmängd gånger belopp per invånare, avrundad. Uppgift saknas "
    "när folkmängden eller beloppet saknas.",
    "andel_procent": "Kommunens andel i procent av summan för de kommuner vars avgift är känd. Det är inte "
    "andelen av hela kostnaden, eftersom alla avgifter inte är kända. Uppgift saknas när avgiften saknas.",
    "uppgift_saknas": "Varför folkmängden eller beloppet saknas. Tom när allt är känt.",
    "avrundning_underlag": "kalla om en källa anger hur avgiften avrundas, slutsats om avrundningen är "
    "handbokens eget val.",
}
# The columns of avgifter-summor.csv, in order.
SUMMOR = {
    "budgetar": "Året som summan gäller.",
    "kommuner_med_kand_avgift": "Hur många kommuner vars avgift är känd.",
    "kommuner": "Hur många kommuner som betalar avgift det året.",
    "folkmangd_kanda": "Summan av folkmängden för kommunerna med känd avgift.",
    "summa_kanda": "Summan av de kända avgifterna i kronor. Den är lägre än kommunernas verkliga summa när "
    "någon avgift saknas.",
}
