"""``python -m macros new part|forum|kalla|beslut ID``: a commented skeleton for a new data file.

Every line to fill in is marked ``FYLL I`` and left empty, so the checker refuses the file until it is
filled in; once it is, the file passes the schema. The comments are the schema's own descriptions, and every
other key the schema allows follows, commented out with its description (a key added to the schema
tomorrow too), so the skeleton cannot drift from the schema. Choices (levels, categories, basis dates) come
from the checked model when the data has no errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..core import pipeline
from ..core.checks.ids import SHARED_IDS, is_id, slug
from ..core.dataset import FOLDERS, display_path
from ..core.model import Handbok, Tidpunkt, is_part_in_year
from ..core.schemas import SCHEMA_COMMENT, resolved_schema

FYLL_I = "FYLL I"
# The command's word for the kind of file -> its folder in data/.
SORTER = {"part": "parter", "forum": "forum", "kalla": "kallor", "beslut": "beslut"}


class ScaffoldError(Exception):
    """The file cannot be made; the message says why and what to do, in Swedish."""


@dataclass(frozen=True)
class Skapad:
    path: Path
    text: str


def new(sort: str, ident: str, data_dir: Path, kategori: str | None = None, ansluten: str | None = None) -> Skapad:
    """Write the skeleton for a new party, forum, source or decision and return where; refuses bad ids and existing
    files.

    ansluten (ISO date), a party's first day, is written in, and decides which basis dates a municipality's
    populations are asked for: those of the budget years it is a party, and no others."""
    folder = SORTER[sort]
    kind = FOLDERS[folder]
    _check_id(sort, ident, data_dir)
    handbok, _ = pipeline.check(data_dir)
    skeleton = part_skeleton(ident, handbok, kategori, ansluten) if kind == "part" else None
    text = skeleton or SKELETONS[kind](ident, handbok)
    path = data_dir / folder / f"{ident}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
        handle.write(text)
    return Skapad(path, text)


def _check_id(sort: str, ident: str, data_dir: Path) -> None:
    if not data_dir.is_dir():
        raise ScaffoldError(
            f"mappen {display_path(data_dir)} finns inte; ange handbokens datamapp med --data, till exempel data"
        )
    if not is_id(ident):
        raise ScaffoldError(
            f"id:t '{ident}' går inte att använda; ett id har små bokstäver a–z, siffror och "
            f"bindestreck, till exempel {slug(ident) or 'nya-kommunen'}"
        )
    kind = FOLDERS[SORTER[sort]]
    # Parties and forums share one namespace (a member or a decision names either by id); sources and decisions
    # each have their own.
    kinds = SHARED_IDS if kind in SHARED_IDS else (kind,)
    for folder in (f for f, k in FOLDERS.items() if k in kinds):
        existing = data_dir / folder / f"{ident}.yaml"
        if existing.exists():
            raise ScaffoldError(
                f"filen {display_path(existing)} finns redan; välj ett annat id eller ändra i den befintliga filen"
            )


# --- Skeletons -----------------------------------------------------------------------------------


class _Lines:
    """Builds the YAML text: each key with its schema description as a comment above it."""

    def __init__(self, kind: str):
        self.schema = resolved_schema(kind)
        self.lines: list[str] = [f"{SCHEMA_COMMENT}../../schema/{kind}.schema.json"]
        self.written: set[str] = set()  # the top-level keys the skeleton has a line for

    def comment(self, text: str, indent: int = 0) -> None:
        self.lines += [" " * indent + "# " + line for line in _wrap(text, 100 - indent)]

    def key(
        self,
        path: tuple[str, ...],
        value: str = "",
        indent: int = 0,
        hint: str = "",
        item: bool = False,
        parent: bool = False,
    ) -> None:
        """``key: value``; without a value, an empty key marked FYLL I (and ``- `` first for a list item)."""
        desc = _description(self.schema, path)
        if desc:
            self.comment(desc, indent)
        lead = " " * indent + ("- " if item else "")
        mark = f"  # {FYLL_I}{': ' + hint if hint else ''}" if not (value or parent) else ""
        self.lines.append(f"{lead}{path[-1]}:{' ' + value if value else ''}{mark}")
        self.written.add(path[0])

    def item(self, indent: int, hint: str = "") -> None:
        """An empty list item to fill in."""
        self.lines.append(" " * indent + f"- # {FYLL_I}{': ' + hint if hint else ''}")

    def optional(self) -> None:
        """Every top-level key of the schema without a line yet, commented out under its description."""
        rest = [key for key in self.schema.get("properties", {}) if key not in self.written]
        if not rest:
            return
        self.lines += ["", "# Fler uppgifter som filen kan ha. Ta bort '# ' före en nyckel och fyll i den."]
        for key in rest:
            self.comment(_description(self.schema, (key,)))
            self.lines.append(f"# {key}:")

    def text(self) -> str:
        self.optional()
        return "\n".join(self.lines) + "\n"


def part_skeleton(ident: str, handbok: Handbok | None, kategori: str | None = None, ansluten: str | None = None) -> str:
    s = _Lines("part")
    s.comment(
        f"Ny part. Fyll i varje rad som är märkt {FYLL_I}, ta bort markeringen och kör python3 noxfile.py -s check."
    )
    s.key(("id",), ident)
    s.key(("namn",), hint="till exempel Exempelby kommun")
    kategorier = s.schema["properties"]["kategori"]["enum"]
    s.key(("kategori",), kategori or "", hint="en av " + ", ".join(kategorier))
    s.lines.append("")
    s.key(("ansluten",), parent=True)
    first = "den första dagen som part, ÅÅÅÅ-MM-DD inom citattecken"
    s.key(("ansluten", "datum"), f'"{ansluten}"' if ansluten else "", indent=2, hint=first)
    s.key(("ansluten", "kalla"), indent=2, hint="id för beslutet, en fil i data/kallor/")
    if kategori in (None, "kommun"):
        s.lines += ["", *_kommun_lines(handbok, ansluten, commented=kategori is None)]
    s.written.update(KOMMUN_KEYS)  # written above for a municipality; another category has none
    s.lines.append("")
    s.key(("kallor",), parent=True)
    s.item(2, "id för en källa i data/kallor/ som visar att organisationen är part" + _known_kallor(handbok))
    return s.text()


KOMMUN_KEYS = ("kommunkod", "folkmangd")  # only a municipality has them (part.schema.json)


def _kommun_lines(handbok: Handbok | None, ansluten: str | None, commented: bool) -> list[str]:
    """kommunkod and one population entry per basis date of a budget year the municipality is a party (all of
    them known only with its first day); commented out unless a kommun."""
    block = _Lines("part")
    block.lines = []
    block.key(("kommunkod",), hint="SCB:s kod inom citattecken, med fyra siffror som börjar på 01")
    dates = _underlagsdatum(handbok, ansluten)
    if not dates:  # it joins after the newest budget year: no fee yet, so no population to give
        newest = handbok.avgifter.budgetar[-1].ar
        block.comment(
            f"Kommunen är inte part under något budgetår i data/avgifter.yaml (det senaste är {newest}), så "
            "ingen folkmängd behövs än. Lägg till folkmangd när budgetåret då kommunen blir part läggs in."
        )
        return _commented(block.lines) if commented else block.lines
    block.key(("folkmangd",), parent=True)
    for datum in dates:
        hint = (
            "" if datum else "dagen underlagsdag i data/avgifter.yaml året före budgetåret, ÅÅÅÅ-MM-DD inom citattecken"
        )
        block.key(("folkmangd", "datum"), f'"{datum}"' if datum else "", indent=2, item=True, hint=hint)
        block.key(("folkmangd", "antal"), indent=4, hint="antal invånare, bara siffror")
        block.key(("folkmangd", "kalla"), indent=4, hint="källans id, en fil i data/kallor/")
    return _commented(block.lines) if commented else block.lines


def _commented(lines: list[str]) -> list[str]:
    intro = [
        "# Bara för en kommun: ta bort '# ' före kommunkod, folkmangd, datum, antal och kalla nedan",
        "# och fyll i dem.",
    ]
    return intro + [line if line.lstrip().startswith("#") else "# " + line for line in lines]


def _underlagsdatum(handbok: Handbok | None, ansluten: str | None) -> list[str]:
    """The basis dates of the budget years the new party is a party in; [""] (one to fill in) without its first
    day or when the data has errors just now, as then the years are not known."""
    if handbok is None or ansluten is None:
        return [""]
    first = Tidpunkt(ansluten)
    years = [b.ar for b in handbok.avgifter.budgetar if is_part_in_year(first, None, b.ar)]
    return sorted({handbok.avgifter.underlagsdatum(ar) for ar in years})


def _known_kallor(handbok: Handbok | None) -> str:
    return f", till exempel {next(iter(handbok.kallor))}" if handbok and handbok.kallor else ""


def forum_skeleton(ident: str, handbok: Handbok | None) -> str:
    s = _Lines("forum")
    s.comment(
        f"Nytt forum. Fyll i varje rad som är märkt {FYLL_I}, ta bort markeringen och kör python3 noxfile.py -s check."
    )
    s.key(("id",), ident)
    s.key(("namn",))
    levels = [n.id for n in handbok.overenskommelse.styrning.nivaer] if handbok else []
    s.key(("niva",), hint="en av " + ", ".join(levels) if levels else "")
    s.key(("syfte",))
    for role in ("ordforande", "sammankallande"):
        s.key((role,), parent=True)
        s.key((role, "part"), indent=2, hint=_part_hint(handbok))
        s.comment("Valfritt: funktion: med funktionen, till exempel länsöverdirektör. Aldrig en persons namn.", 2)
    s.key(("medlemmar",), parent=True)
    s.key(("medlemmar", "part"), indent=2, item=True, hint="en parts id, eller byt raden mot kategori: kommun")
    s.key(("medlemmar", "funktion"), indent=4)
    s.key(("medlemmar", "mandat"), indent=4)
    s.key(("uppgifter",), parent=True)
    for lage in ("ordinarie_lage", "aktiverat_lage"):
        s.key(("uppgifter", lage), indent=2, parent=True)
        s.item(4, "en uppgift, en mening")
    top = handbok.overenskommelse.styrning.regionala_radet if handbok else ""
    s.key(("rapporterar_till",), hint=f"till exempel {top}" if top else "")
    s.key(("aterrapportering",))
    s.key(("underlag",), parent=True)
    s.key(("underlag", "status"), indent=2, hint="kalla eller slutsats")
    s.key(("underlag", "kallor"), indent=2, parent=True)
    s.item(4, "källans id, en fil i data/kallor/")
    return s.text()


def kalla_skeleton(ident: str, handbok: Handbok | None) -> str:
    s = _Lines("kalla")
    s.comment(
        f"Ny källa. Fyll i varje rad som är märkt {FYLL_I}, ta bort markeringen och kör python3 noxfile.py -s check."
    )
    s.key(("id",), ident)
    s.key(("titel",))
    s.key(("utgivare",))
    s.key(("typ",), hint="primar eller sekundar")
    return s.text()


def beslut_skeleton(ident: str, handbok: Handbok | None) -> str:
    s = _Lines("beslut")
    s.comment(
        f"Nytt beslut. Fyll i varje rad som är märkt {FYLL_I}, ta bort markeringen och kör python3 noxfile.py -s check."
    )
    s.key(("id",), ident)
    s.key(("datum",), hint="dagen då beslutet fattades, ÅÅÅÅ-MM-DD inom citattecken")
    s.key(("organ",), hint="vem som beslutade; tog ett forum beslutet, byt raden mot forum: och forumets id")
    s.key(("rubrik",))
    s.key(("sammanfattning",))
    s.key(("andrar",), parent=True)
    s.key(("andrar", "beskrivning"), indent=2)
    s.comment("Valfritt: parter: och forum: med listor av id, eller alla_parter: true.", 2)
    s.key(("kallor",), parent=True)
    s.item(2, "källans id, en fil i data/kallor/" + _known_kallor(handbok))
    return s.text()


SKELETONS = {"forum": forum_skeleton, "kalla": kalla_skeleton, "beslut": beslut_skeleton}


def _part_hint(handbok: Handbok | None) -> str:
    example = "lansstyrelsen-stockholm" if handbok and "lansstyrelsen-stockholm" in handbok.parter else ""
    return f"en parts id, till exempel {example}" if example else "en parts id"


def _description(node: dict, path: tuple[str, ...]) -> str:
    for key in path:
        node = node.get("items", node) if node.get("type") == "array" else node
        node = node.get("properties", {}).get(key, {})
    return node.get("description", "")


def _wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines
