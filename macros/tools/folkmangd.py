"""`python -m macros folkmangd`: add one date's population from an SCB table to every municipality's file.

The files are edited as text: the new entry's lines are inserted into the folkmangd list (in date order) and
nothing else changes, byte for byte, comments and quoting included. A YAML dumper would rewrite the whole file.
A date already in a file is never overwritten: the same number is left alone, a different one is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..core.checks import run_checks
from ..core.checks.membership import part_in_year
from ..core.dataset import display_path, load_dataset
from ..core.exitcodes import DATA, OK, CommandError
from ..core.loader import Document
from ..core.problems import errors
from ..core.terminal import visible
from ..text.format import tal
from . import scb

_TOP_KEY = re.compile(r"^[^\s#-]")


@dataclass
class Resultat:
    tillagda: list[tuple[str, str, int]] = field(default_factory=list)  # (file, name, number)
    samma: list[str] = field(default_factory=list)  # names whose file already has the same number
    andrade: list[str] = field(default_factory=list)  # messages: file:line:col: data has X, table Y
    saknas_i_tabellen: list[str] = field(default_factory=list)  # "Name (code)"
    utan_siffra: list[str] = field(default_factory=list)  # "Name (code)": the table has ".."
    inte_part_det_aret: list[str] = field(default_factory=list)
    okanda_koder: list[str] = field(default_factory=list)


def importera(table_file: Path, datum: str, kalla: str, data_dir: Path) -> Resultat:
    """Read the table, check the source, and write the new entries; returns what happened.

    The data may lack populations (a new budget year is often added first); any other error stops the import.
    """
    ds, problems = load_dataset(data_dir)
    blocking = [p for p in errors(problems + run_checks(ds)) if p.rule != "population-for-basis-date"]
    if blocking:
        raise CommandError(
            f"datan har {len(blocking)} fel; rätta dem först (python -m macros check --data {data_dir})", DATA
        )
    if kalla not in ds.kallor:
        raise CommandError(
            f"källan '{kalla}' finns inte i data/kallor/; lägg till den först som data/kallor/{kalla}.yaml (id, "
            "titel, utgivare, typ och url till tabellen) och ange dess id med --kalla",
            DATA,
        )
    try:
        table = scb.read(table_file, datum)
    except scb.TableError as exc:
        raise CommandError(f"{display_path(table_file)}: {exc}", DATA) from None
    result = Resultat()
    budget_year = int(datum[:4]) + 1
    parties = {d.data["kommunkod"]: d for d in ds.parter.values() if d.data["kategori"] == "kommun"}
    for code, doc in sorted(parties.items(), key=lambda kv: (kv[1].data["namn"], kv[0])):
        name = doc.data["namn"]
        who = f"{name} ({code})"
        entries = doc.data.get("folkmangd", [])
        existing = next((i for i, e in enumerate(entries) if e["datum"] == datum), None)
        if existing is None and not part_in_year(doc.data, budget_year):
            result.inte_part_det_aret.append(who)
            continue
        if code in table.saknas:
            result.utan_siffra.append(who)
            continue
        if code not in table.antal:
            result.saknas_i_tabellen.append(who)
            continue
        number = table.antal[code]
        path = Path(data_dir) / "parter" / f"{doc.data['id']}.yaml"
        if existing is not None:
            entry = entries[existing]
            if entry.get("antal") == number:
                result.samma.append(name)
            else:
                line, column = doc.position(("folkmangd", existing))
                had = tal(entry["antal"]) if "antal" in entry else "uppgift_saknas"
                result.andrade.append(
                    f"{doc.path}:{line}:{column}: datan har {had} för {datum}, tabellen {tal(number)}; "
                    "inget ändrades, rätta för hand om tabellen är rätt"
                )
            continue
        raw = path.read_bytes()
        path.write_bytes(lagg_till(raw.decode("utf-8"), doc, datum, number, kalla).encode("utf-8"))
        result.tillagda.append((doc.path, name, number))
    result.okanda_koder = sorted((set(table.antal) | set(table.saknas)) - set(parties))
    return result


def lagg_till(text: str, doc: Document, datum: str, antal: int, kalla: str) -> str:
    """The file's text with one folkmangd entry inserted; every other line as it was."""
    return infoga(text, doc, datum, [f"antal: {antal}", f"kalla: {kalla}"])


def infoga(text: str, doc: Document, datum: str, rest: list[str]) -> str:
    """The file's text with one folkmangd entry (its date, then the lines in rest) inserted in date order; every
    other line as it was. A YAML dumper would rewrite the whole file."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    entries = doc.data.get("folkmangd")
    if entries is None:  # no list yet: start one after kommunkod
        at = doc.key_position(("kommunkod",))[0]
        new = ["folkmangd:", *_entry("  ", datum, rest)]
        return newline.join(lines[:at] + new + lines[at:])
    key_line = doc.key_position(("folkmangd",))[0] - 1
    if lines[key_line].split(":", 1)[1].split("#", 1)[0].strip():
        raise CommandError(f"{doc.path}:{key_line + 1}: folkmangd står på en rad; skriv listan med en post per rad")
    starts = [doc.position(("folkmangd", i))[0] - 1 for i in range(len(entries))]
    first = lines[starts[0]]
    indent = first[: len(first) - len(first.lstrip())]
    later = [s for s, e in zip(starts, entries, strict=True) if e["datum"] > datum]
    if later and [e["datum"] for e in entries] == sorted(e["datum"] for e in entries):
        at = min(later)
        while at - 1 > key_line and lines[at - 1].strip().startswith("#"):  # a comment above belongs to its item
            at -= 1
    else:  # after the list's last line: trailing blank lines and comments at the margin belong to what follows
        at = next((i for i in range(key_line + 1, len(lines)) if _TOP_KEY.match(lines[i])), len(lines))
        while at - 1 > starts[-1] and (not lines[at - 1].strip() or lines[at - 1].startswith("#")):
            at -= 1
    return newline.join(lines[:at] + _entry(indent, datum, rest) + lines[at:])


def _entry(indent: str, datum: str, rest: list[str]) -> list[str]:
    return [f'{indent}- datum: "{datum}"', *(f"{indent}  {line}" for line in rest)]


def rapport(result: Resultat, datum: str) -> str:
    """What the import did, in Swedish, for the coordinator."""
    out = []
    for path, name, number in result.tillagda:
        out.append(f"{path}: lade till folkmängden {tal(number)} den {datum} för {name}")
    if result.samma:
        out.append(f"Fanns redan med samma siffra, oförändrade: {len(result.samma)} kommuner.")
    out += result.andrade
    groups = [
        ("Saknas i tabellen, ingen ändring", result.saknas_i_tabellen),
        ("Utan siffra i tabellen (..), ingen ändring", result.utan_siffra),
        (f"Inte part budgetåret {int(datum[:4]) + 1}, ingen ändring", result.inte_part_det_aret),
        ("Koder i tabellen som inte är någon part", result.okanda_koder),
    ]
    out += [f"{label}: {', '.join(items)}." for label, items in groups if items]
    summary = f"Lade till {len(result.tillagda)} och ändrade inget annat."
    if result.andrade:
        summary += f" {len(result.andrade)} siffror skiljer sig från datan och ersattes inte."
    out.append(summary)
    if result.tillagda:
        out.append("Kör python -m macros check och sedan python -m macros diff HEAD för att se avgifterna.")
    return "\n".join(visible(line) for line in out) + "\n"  # a file name can hold control characters


def exit_code(result: Resultat) -> int:
    return DATA if result.andrade else OK
