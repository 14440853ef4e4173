"""The hostile corpus: inputs a careless or hostile contributor could write, each as edits to the valid fixture
dataset (tests/fixtures/valid/), with what `check` must say about it: the rules that refuse it, or nothing, in
which case `build` must publish it whole (tests/test_hostile.py).

Every case that is about data is here by name; seeded random values from a pool of structure,
markup and Unicode add more. An edit sets a value at a path in a file (the file is read and written back as YAML,
with its schema line), or replaces text in it where only the text can say it (a block scalar `|`).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path

import yaml

Path_ = tuple  # keys and list indexes from the document root


@dataclass(frozen=True)
class Put:
    """Set value at path in data/rel (read and written back as YAML, its schema line kept); a path ending in "+"
    appends to the list before it."""

    rel: str
    path: Path_
    value: object

    def __call__(self, data: Path) -> None:
        target = data / self.rel
        text = target.read_text(encoding="utf-8")
        first = text.partition("\n")[0]
        doc = yaml.safe_load(text)
        node = doc
        for key in self.path[:-1]:
            node = node[key]
        if self.path[-1] == "+":
            node.append(self.value)
        else:
            node[self.path[-1]] = self.value
        body = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100_000)
        target.write_text(first + "\n" + body, encoding="utf-8")


@dataclass(frozen=True)
class Replace:
    """Replace text in data/rel, where only the text can say it (a block scalar)."""

    rel: str
    old: str
    new: str

    def __call__(self, data: Path) -> None:
        target = data / self.rel
        text = target.read_text(encoding="utf-8")
        assert self.old in text, f"{self.rel} has no {self.old!r}: update tests/hostile.py"
        target.write_text(text.replace(self.old, self.new, 1), encoding="utf-8")


@dataclass(frozen=True)
class Input:
    """One input: a name for messages, its edits in order, and the rules check must refuse it with (none: it builds)."""

    name: str
    edits: tuple[Put | Replace, ...]
    refused_by: frozenset[str] = field(default_factory=frozenset)

    def texts(self) -> list[str]:
        """The texts the input sets."""
        return [e.value for e in self.edits if isinstance(e, Put) and isinstance(e.value, str)]

    def slots(self) -> set[tuple[str, Path_]]:
        return {(e.rel, e.path) for e in self.edits if isinstance(e, Put)}


def apply(data: Path, inputs) -> None:
    for one in inputs:
        for edit in one.edits:
            edit(data)


def _refused(name: str, *rules: str, edits) -> Input:
    return Input(name, tuple(edits), frozenset(rules))


# A responsibility as long as the schema allows, in words a sheet must wrap, without a figure (figure-has-source).
LONG = ("Parten håller ordning på sina egna kontaktvägar och ser till att rätt funktion kan nås dygnet runt. " * 19)[
    :1990
].strip()


def _responsibility(n: int) -> dict:
    return {
        "id": f"langt-ansvar-{n}",
        "vad": LONG,
        "vem": {"part": "salem"},
        "lagen": ["ordinarie_lage", "aktiverat_lage"],
        "underlag": {"status": "slutsats", "kallor": ["beslut-nacka-ks"], "kommentar": "Ett prov."},
    }


def _budget_year(ar: int) -> dict:
    return {"ar": ar, "belopp_per_invanare": "1,50", "kalla": "beslut-nacka-ks"}


YEARS = (2016, 2017, 2018, 2019)
KOMMUNER = ("nacka", "salem", "vaxholm")  # the valid fixture's municipalities


def _unknown(ar: int) -> dict:
    """The population on the basis day of budget year ar, unknown: the sheet then explains each year's gap."""
    return {"datum": f"{ar - 1}-06-30", "uppgift_saknas": "Siffran har sökts hos SCB men inte hittats för den dagen."}


# --- Reported cases, by name -----------------------------------------------------------------------------------

NAMED: list[Input] = [
    # "check says Inga fel and build then fails"
    _refused(
        "url-written-as-block",
        "text-whitespace",
        edits=[
            Replace(
                "kallor/scb-folkmangd-2014-06-30.yaml",
                "url: https://web.archive.org",
                "url: |\n  https://web.archive.org",
            )
        ],
    ),
    _refused(
        "kommunkod-ends-in-line-break", "text-whitespace", edits=[Put("parter/salem.yaml", ("kommunkod",), "0128\n")]
    ),
    _refused(
        "decision-id-over-two-lines",
        "text-whitespace",
        edits=[
            Replace(
                "beslut/ksl-rekommendation-2015.yaml", "id: ksl-rekommendation-2015", 'id: "ksl-rekommendation-2015\\n"'
            )
        ],
    ),
    *(
        _refused(f"name-with-{label}", "font-has-characters", *extra, edits=[Put("parter/salem.yaml", ("namn",), name)])
        for label, name, extra in [
            ("eng", "Salems koŋmun", ()),
            ("greek", "Salems κommun", ("name-latin",)),
            ("cyrillic", "Salems кommun", ("name-latin",)),
            ("hyphen-u2010", "Salem‐Rönninge kommun", ()),
            ("arrow", "Salem → Rönninge", ()),
            ("emoji", "Salems kommun 😀", ()),
        ]
    ),
    _refused(
        "population-with-decimals", "schema", edits=[Put("parter/salem.yaml", ("folkmangd", 0, "antal"), 16076.0)]
    ),
    _refused("budget-year-with-decimals", "schema", edits=[Put("avgifter.yaml", ("budgetar", 0, "ar"), 2015.0)]),
    # "Smaller"
    _refused("whitespace-only-name", "text-whitespace", edits=[Put("parter/salem.yaml", ("namn",), "   ")]),
    _refused("whitespace-only-term", "text-whitespace", edits=[Put("ordlista.yaml", ("begrepp", 0, "term"), "\u00a0")]),
    _refused("two-parties-one-name", "name-unique", edits=[Put("parter/vaxholm.yaml", ("namn",), "salems KOMMUN")]),
    _refused(
        "one-cyrillic-letter-apart",
        "name-unique",
        "name-latin",
        "font-has-characters",
        edits=[Put("parter/vaxholm.yaml", ("namn",), "Salems kоmmun")],
    ),
    # Built whole: they passed check before and failed the build; or data that looks like structure.
    Input(
        "five-long-responsibilities-for-one-party",
        tuple(Put("ansvar.yaml", ("ansvar", "+"), _responsibility(n)) for n in range(5)),
    ),
    Input(
        "population-unknown-for-four-budget-years",
        tuple(Put("avgifter.yaml", ("budgetar", "+"), _budget_year(ar)) for ar in YEARS)
        + tuple(Put(f"parter/{k}.yaml", ("folkmangd", "+"), _unknown(ar)) for k in KOMMUNER for ar in YEARS),
    ),
    Input("name-like-a-nested-list", (Put("parter/salem.yaml", ("namn",), "- 1. Täby"),)),
    Input("name-like-a-heading", (Put("parter/nacka.yaml", ("namn",), "# Nacka"),)),
    Input("name-like-a-table-row", (Put("parter/vaxholm.yaml", ("namn",), "| Vaxholm | stad |"),)),
    Input("name-like-a-quote", (Put("parter/lansstyrelsen-stockholm.yaml", ("namn",), "> Länsstyrelsen"),)),
    Input(
        "name-like-an-admonition", (Put("parter/stockholms-lans-landsting.yaml", ("namn",), "!!! note Landstinget"),)
    ),
    Input("forum-like-a-numbered-item", (Put("forum/samordningskansliet.yaml", ("namn",), "1. Kansliet"),)),
    Input("forum-like-a-plus-item", (Put("forum/regionala-radet.yaml", ("namn",), "+ Rådet"),)),
    Input("term-like-a-list", (Put("ordlista.yaml", ("begrepp", 0, "term"), "- aktiverat läge"),)),
    Input(
        "source-title-a-formula", (Put("kallor/beslut-nacka-ks.yaml", ("titel",), '=HYPERLINK("https://x.invalid")'),)
    ),
    Input(
        "decision-title-markup",
        (Put("beslut/ksl-rekommendation-2015.yaml", ("rubrik",), "<b>x</b> | {{ 7*7 }} ]]> --> #set"),),
    ),
]

# --- Seeded random values ----------------------------------------------------------------------------------

SEED = 25  # the number; change it only on purpose (every run of the suite tries the same inputs)
STARTS = ["- ", "+ ", "* ", "1. ", "12) ", "# ", "> ", "| ", "!!! note ", "=== ", "--- ", "```", "~~~", "    "]
STARTS += ["<b>", "</title>", "{{ ", "{% ", "{#", "#set page(width: 1cm) ", "$x$ ", "\\", "=", "+1", "@SUM(A1)"]
STARTS += ["[^1]", "*[x]: ", "&amp;", "]]>", "<!-- ", "[a](javascript:alert(1))", "`", "_", "~", ""]
MIDDLES = ["Täby", "Södertälje", "Upplands Väsby", "Ö", "x", "a|b", "1 250 000", "§ 3", "”citat”", "1,50 kr"]
MIDDLES += ["e\u0301", "ß", "Œ", "€", "½", "–", "—", "…", "\u00a0kr", "\u2009"] * 2  # printable, twice as often
MIDDLES += ["ŋ", "Ω", "α", "Ж", "‐", "→", "😀"]  # what the PDF fonts lack: check refuses these
ENDS = ["", " |", " #", " *", "  ", ":", " {#x}", " }}", "\\", " 1.", " -->", "]]>"]
# Where a random value goes: the names and texts that reach lists, tables, headings, the diagram, titles, the
# search index, the CSV, the Atom feed and the PDFs.
SLOTS = [
    ("parter/salem.yaml", ("namn",)),
    ("parter/nacka.yaml", ("namn",)),
    ("parter/vaxholm.yaml", ("namn",)),
    ("parter/lansstyrelsen-stockholm.yaml", ("namn",)),
    ("parter/stockholms-lans-landsting.yaml", ("namn",)),
    ("forum/samordningskansliet.yaml", ("namn",)),
    ("forum/regionala-radet.yaml", ("namn",)),
    ("forum/regionala-chefsgruppen.yaml", ("syfte",)),
    ("ordlista.yaml", ("begrepp", 0, "term")),
    ("ordlista.yaml", ("begrepp", 1, "forklaring")),
    ("kallor/beslut-nacka-ks.yaml", ("titel",)),
    ("kallor/scb-folkmangd-2014-06-30.yaml", ("utgivare",)),
    ("beslut/ksl-rekommendation-2015.yaml", ("rubrik",)),
    ("beslut/ksl-rekommendation-2015.yaml", ("sammanfattning",)),
    ("ansvar.yaml", ("ansvar", 0, "vad")),
]


def random_value(rng: random.Random) -> str:
    return rng.choice(STARTS) + rng.choice(MIDDLES) + rng.choice(MIDDLES) + rng.choice(ENDS)


def seeded(count: int, seed: int = SEED) -> list[Input]:
    """count random inputs, one value each, in SLOTS order so that a batch of len(SLOTS) touches each slot once.
    Whether check refuses one is for check to say: the test learns it by running check on each alone."""
    rng = random.Random(seed)
    out = []
    for n in range(count):
        rel, path = SLOTS[n % len(SLOTS)]
        value = random_value(rng)
        out.append(Input(f"random-{n}: {rel} {'/'.join(map(str, path))} = {json.dumps(value, ensure_ascii=False)}",
                         (Put(rel, path, value),)))  # fmt: skip
    return out
