"""`python -m macros folkmangd-saknas --ar ÅR --skal SKÄL`: mark every missing population for a budget year as unknown
in one go, with the reason, instead of writing uppgift_saknas in each municipality's file by hand.

Only municipalities that are parties during the budget year and have no entry for its basis date get one; a figure
or a gap already there is left alone, so the command can run before or after the SCB import (folkmangd.py) and
twice with no change the second time. The files are edited as text, as the import does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..core import tid
from ..core.checks import run_checks
from ..core.checks.membership import part_in_year
from ..core.checks.text import figure_in
from ..core.dataset import load_dataset
from ..core.exitcodes import DATA, USAGE, CommandError
from ..core.problems import errors
from .folkmangd import infoga

MIN_SKAL = 10  # as uppgift_saknas in schema/defs.schema.json: a reason, not a word


@dataclass
class Markerade:
    datum: str  # the basis date of the budget year
    skrivna: list[tuple[str, str]] = field(default_factory=list)  # (file, name) given uppgift_saknas
    fanns: list[str] = field(default_factory=list)  # names that already have a figure or a gap for the date
    inte_part: list[str] = field(default_factory=list)  # names of municipalities that are no party that year


def markera(ar: int, skal: str, kallor: list[str], data_dir: Path) -> Markerade:
    """Write uppgift_saknas with the reason for every municipality of budget year ar that lacks its population."""
    skal = " ".join(skal.split())
    if len(skal) < MIN_SKAL:
        raise CommandError(
            f"skriv skälet i en mening, minst {MIN_SKAL} tecken, till exempel var siffran har sökts", USAGE
        )
    if figure_in(skal) and not kallor:
        raise CommandError(
            f"skälet nämner siffran {figure_in(skal)}; ange källan till den med --kalla, eller ta bort siffran", USAGE
        )
    ds, problems = load_dataset(data_dir)
    blocking = [p for p in errors(problems + run_checks(ds)) if p.rule != "population-for-basis-date"]
    if blocking:
        raise CommandError(f"datan har {len(blocking)} fel; rätta dem först (python3 noxfile.py -s check)", DATA)
    unknown = [k for k in kallor if k not in ds.kallor]
    if unknown:
        raise CommandError(
            f"källan '{unknown[0]}' finns inte i data/kallor/; lägg till den först som data/kallor/{unknown[0]}.yaml",
            DATA,
        )
    fees = ds.singles["avgifter"].data
    if ar not in {b["ar"] for b in fees["budgetar"]}:
        raise CommandError(f"budgetåret {ar} finns inte i data/avgifter.yaml; lägg till det under budgetar först", DATA)
    result = Markerade(tid.underlagsdatum(ar, fees["underlagsdag"]))
    rest = [f"uppgift_saknas: {json.dumps(skal, ensure_ascii=False)}"]  # a JSON string is a quoted YAML text
    if kallor:
        rest += ["kallor:", *(f"  - {k}" for k in kallor)]
    municipalities = sorted((d for d in ds.parter.values() if d.data["kategori"] == "kommun"), key=_name)
    for doc in municipalities:
        name = doc.data["namn"]
        if not part_in_year(doc.data, ar):
            result.inte_part.append(name)
        elif any(e["datum"] == result.datum for e in doc.data.get("folkmangd", [])):
            result.fanns.append(name)
        else:
            path = Path(data_dir) / "parter" / f"{doc.data['id']}.yaml"
            text = path.read_bytes().decode("utf-8")
            path.write_bytes(infoga(text, doc, result.datum, rest).encode("utf-8"))
            result.skrivna.append((doc.path, name))
    return result


def _name(doc) -> tuple[str, str]:
    return (doc.data["namn"], doc.data["id"])


def rapport(result: Markerade, ar: int) -> str:
    """What the command did, in Swedish."""
    out = [f"{path}: skrev uppgift_saknas för folkmängden den {result.datum} ({name})" for path, name in result.skrivna]
    if result.fanns:
        out.append(f"Har redan en siffra eller ett skäl för {result.datum}, oförändrade: {', '.join(result.fanns)}.")
    if result.inte_part:
        out.append(f"Inte part budgetåret {ar}, ingen ändring: {', '.join(result.inte_part)}.")
    out.append(
        f"Skrev uppgift_saknas i {len(result.skrivna)} {'fil' if len(result.skrivna) == 1 else 'filer'} och ändrade "
        "inget annat."
    )
    if result.skrivna:
        out.append("Kör python3 noxfile.py -s check och sedan python3 noxfile.py -s diff -- HEAD.")
    return "\n".join(out) + "\n"
