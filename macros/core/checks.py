"""Rules that span files. Each ``check_<rule>`` states its rule in one line; its name is the rule id.

They run on schema-valid documents only, so they may trust shapes and types.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from . import tid
from .dataset import FOLDERS, Dataset
from .loader import Document
from .problems import VARNING, Problem
from .schemas import SCHEMA_COMMENT
from .timechecks import (
    check_budget_years,
    check_fees_while_party,
    check_forum_member_while_party,
    check_membership_dates,
    left_by,
    party_in_year,
)


def _at(doc: Document, path: tuple, rule: str, message: str, severity: str = "fel", key: bool = False) -> Problem:
    line, column = doc.key_position(path) if key else doc.position(path)
    return Problem(doc.path, line, column, rule, message, severity)


def _parties(ds: Dataset) -> Iterator[tuple[str, Document]]:
    return iter(sorted(ds.parter.items()))


def _forums(ds: Dataset) -> Iterator[tuple[str, Document]]:
    return iter(sorted(ds.forum.items()))


def _source_ids(ds: Dataset) -> set[str]:
    doc = ds.singles.get("kallor")
    return {k["id"] for k in doc.data["kallor"]} if doc else set()


def _level_ids(ds: Dataset) -> set[str]:
    doc = ds.singles.get("overenskommelse")
    return {n["id"] for n in doc.data["styrning"]["nivaer"]} if doc else set()


def check_id_matches_filename(ds: Dataset) -> list[Problem]:
    """A party's or forum's id equals its file name without .yaml."""
    out = []
    for kind in FOLDERS.values():
        for stem, doc in sorted(ds.folder(kind).items()):
            if doc.data["id"] != stem:
                out.append(
                    _at(
                        doc,
                        ("id",),
                        "id-matches-filename",
                        f"id:t '{doc.data['id']}' är inte samma som filnamnet '{stem}.yaml'; "
                        f"ändra id till '{stem}' eller byt namn på filen till '{doc.data['id']}.yaml'",
                    )
                )
    return out


def check_id_unique(ds: Dataset) -> list[Problem]:
    """Ids are unique across party and forum files, and within each list (sources, commitments, levels, ...)."""
    out = []
    seen: dict[str, str] = {}
    for kind in FOLDERS.values():
        for _stem, doc in sorted(ds.folder(kind).items()):
            ident = doc.data["id"]
            if ident in seen:
                out.append(
                    _at(
                        doc,
                        ("id",),
                        "id-unique",
                        f"id:t '{ident}' används redan i {seen[ident]}; ge den här filen ett eget id",
                    )
                )
            else:
                seen[ident] = doc.path
    lists = [
        ("kallor", ("kallor",)),
        ("overenskommelse", ("atagande",)),
        ("overenskommelse", ("styrning", "principer")),
        ("overenskommelse", ("styrning", "nivaer")),
        ("ordlista", ("begrepp",)),
        ("beslut", ("beslut",)),
        ("ansvar", ("ansvar",)),
    ]
    for kind, path in lists:
        doc = ds.singles.get(kind)
        if not doc:
            continue
        items = doc.data
        for key in path:
            items = items[key]
        first: dict[str, int] = {}
        for i, item in enumerate(items):
            if item["id"] in first:
                line = doc.position((*path, first[item["id"]]))[0]
                out.append(
                    _at(
                        doc,
                        (*path, i, "id"),
                        "id-unique",
                        f"id:t '{item['id']}' finns redan på rad {line}; ge posten ett eget id",
                    )
                )
            first.setdefault(item["id"], i)
    return out


def _source_refs(ds: Dataset) -> Iterator[tuple[Document, tuple, str]]:
    """Every place that names a source: (document, path to the value, source id)."""
    for _ident, doc in [*_parties(ds), *_forums(ds), *sorted(ds.singles.items())]:
        yield from _walk_source_refs(doc, doc.data, ())


def _walk_source_refs(doc: Document, value, path: tuple) -> Iterator[tuple[Document, tuple, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "kalla" and isinstance(item, str):
                yield doc, (*path, key), item
            elif key == "kallor" and isinstance(item, list) and all(isinstance(x, str) for x in item):
                for i, source in enumerate(item):
                    yield doc, (*path, key, i), source
            else:
                yield from _walk_source_refs(doc, item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk_source_refs(doc, item, (*path, i))


def check_reference_exists(ds: Dataset) -> list[Problem]:
    """Every reference to a source, party, forum or level names one that exists."""
    out = []
    sources = _source_ids(ds)
    if "kallor" in ds.singles:
        for doc, path, source in _source_refs(ds):
            if source not in sources:
                out.append(
                    _at(
                        doc,
                        path,
                        "reference-exists",
                        f"källan '{source}' finns inte i data/kallor.yaml; rätta id:t eller lägg till källan där",
                    )
                )
    levels = _level_ids(ds)
    for ident, doc in _forums(ds):
        for i, member in enumerate(doc.data["medlemmar"]):
            if "part" in member and not ds.has_party(member["part"]):
                out.append(_party_missing(doc, ("medlemmar", i, "part"), "medlemmen", member["part"]))
        role = doc.data["sammankallande"]
        if "part" in role and not ds.has_party(role["part"]):
            out.append(_party_missing(doc, ("sammankallande", "part"), "sammankallande", role["part"]))
        target = doc.data.get("rapporterar_till")
        if target is not None and not ds.has_forum(target):
            out.append(
                _at(
                    doc,
                    ("rapporterar_till",),
                    "reference-exists",
                    f"forumet '{target}' som {ident} rapporterar till finns inte i data/forum/; "
                    "rätta id:t eller lägg till forumet",
                )
            )
        if "niva" in doc.data and levels and doc.data["niva"] not in levels:
            out.append(
                _at(
                    doc,
                    ("niva",),
                    "reference-exists",
                    f"nivån '{doc.data['niva']}' finns inte; välj en av {', '.join(sorted(levels))} "
                    "(styrning.nivaer i data/overenskommelse.yaml)",
                )
            )
    agreement = ds.singles.get("overenskommelse")
    if agreement:
        styrning = agreement.data["styrning"]
        if not ds.has_forum(styrning["regionala_radet"]):
            out.append(
                _at(
                    agreement,
                    ("styrning", "regionala_radet"),
                    "reference-exists",
                    f"forumet '{styrning['regionala_radet']}' finns inte i data/forum/; "
                    "rätta id:t eller lägg till forumet",
                )
            )
        if not ds.has_party(styrning["sammankallande"]):
            out.append(
                _party_missing(agreement, ("styrning", "sammankallande"), "sammankallande", styrning["sammankallande"])
            )
    return out


def _party_missing(doc: Document, path: tuple, role: str, ident: str) -> Problem:
    return _at(
        doc,
        path,
        "reference-exists",
        f"{role} '{ident}' finns inte bland parterna; rätta id:t eller lägg till parten i data/parter/",
    )


def check_chair_is_party(ds: Dataset) -> list[Problem]:
    """A forum's chair (ordforande) is one of the parties."""
    return [
        _at(
            doc,
            ("ordforande", "part"),
            "chair-is-party",
            f"ordförande '{doc.data['ordforande']['part']}' finns inte bland parterna; "
            "rätta id:t eller lägg till parten i data/parter/",
        )
        for _ident, doc in _forums(ds)
        if "part" in doc.data["ordforande"] and not ds.has_party(doc.data["ordforande"]["part"])
    ]


def check_reporting_no_cycle(ds: Dataset) -> list[Problem]:
    """Following rapporterar_till from any forum ends at Regionala rådet, never in a loop."""
    out = []
    reported: set[frozenset[str]] = set()
    for start, doc in _forums(ds):
        chain = [start]
        current = doc.data.get("rapporterar_till")
        while current in ds.forum and current not in chain:
            chain.append(current)
            current = ds.forum[current].data.get("rapporterar_till")
        if current in chain:
            loop = chain[chain.index(current) :]
            if frozenset(loop) in reported or start != current:
                continue
            reported.add(frozenset(loop))
            out.append(
                _at(
                    doc,
                    ("rapporterar_till",),
                    "reporting-no-cycle",
                    f"rapportvägarna går i cirkel: {' → '.join([*loop, current])}; "
                    "ändra rapporterar_till så att kedjan slutar vid Regionala rådet",
                )
            )
    return out


def check_regionala_radet_on_top(ds: Dataset) -> list[Problem]:
    """Regionala rådet has no level and reports to no forum; every other forum has both."""
    agreement = ds.singles.get("overenskommelse")
    if not agreement:
        return []
    top = agreement.data["styrning"]["regionala_radet"]
    out = []
    for ident, doc in _forums(ds):
        if ident == top:
            for key in ("niva", "rapporterar_till"):
                if key in doc.data:
                    out.append(
                        _at(
                            doc,
                            (key,),
                            "regionala-radet-on-top",
                            f"Regionala rådet står över nivåerna och ska inte ha '{key}'; ta bort raden",
                            key=True,
                        )
                    )
        else:
            for key, what in (
                ("niva", "vilken nivå forumet hör till"),
                ("rapporterar_till", "vilket forum det rapporterar till"),
            ):
                if key not in doc.data:
                    out.append(
                        _at(
                            doc,
                            (),
                            "regionala-radet-on-top",
                            f"nyckeln '{key}' saknas; ange {what} (bara Regionala rådet står utan)",
                        )
                    )
    return out


def check_level_has_forum(ds: Dataset) -> list[Problem]:
    """Every level in the agreement has at least one forum."""
    agreement = ds.singles.get("overenskommelse")
    if not agreement or ds.skipped.get("forum"):  # a forum with its own errors may be the missing one
        return []
    used = {doc.data.get("niva") for doc in ds.forum.values()}
    return [
        _at(
            agreement,
            ("styrning", "nivaer", i, "id"),
            "level-has-forum",
            f"nivån '{level['id']}' har inget forum; lägg till ett forum med niva: {level['id']} i data/forum/",
        )
        for i, level in enumerate(agreement.data["styrning"]["nivaer"])
        if level["id"] not in used
    ]


def check_member_category_has_parties(ds: Dataset) -> list[Problem]:
    """A forum member given as a category (kategori) matches at least one party."""
    categories = {doc.data["kategori"] for doc in ds.parter.values()} | {"alla"}
    return [
        _at(
            doc,
            ("medlemmar", i, "kategori"),
            "member-category-has-parties",
            f"ingen part har kategorin '{member['kategori']}'; välj en kategori som finns eller ange en part",
        )
        for _ident, doc in _forums(ds)
        for i, member in enumerate(doc.data["medlemmar"])
        if "kategori" in member and member["kategori"] not in categories
    ]


def check_kommunkod(ds: Dataset) -> list[Problem]:
    """Municipalities have a kommunkod, unique among parties; other parties have none."""
    out = []
    seen: dict[str, str] = {}
    for ident, doc in _parties(ds):
        code = doc.data.get("kommunkod")
        if doc.data["kategori"] == "kommun" and code is None:
            out.append(
                _at(
                    doc,
                    ("kategori",),
                    "kommunkod",
                    'en kommun behöver kommunkod; lägg till kommunkod: "01xx" med SCB:s kod',
                )
            )
        elif doc.data["kategori"] != "kommun" and code is not None:
            out.append(
                _at(
                    doc,
                    ("kommunkod",),
                    "kommunkod",
                    "bara kommuner har kommunkod; ta bort raden eller ändra kategori till kommun",
                    key=True,
                )
            )
        elif code is not None:
            if code in seen:
                out.append(
                    _at(
                        doc,
                        ("kommunkod",),
                        "kommunkod",
                        f"kommunkoden {code} används redan av {seen[code]}; kontrollera koden hos SCB",
                    )
                )
            seen.setdefault(code, ident)
    return out


def _basis_dates(ds: Dataset) -> list[tuple[int, str]]:
    fees = ds.singles.get("avgifter")
    if not fees:
        return []
    day = fees.data["underlagsdag"]
    return [(year["ar"], tid.underlagsdatum(year["ar"], day)) for year in fees.data["budgetar"]]


def check_population_for_basis_date(ds: Dataset) -> list[Problem]:
    """Every municipality has a population, or an explicit uppgift_saknas, for each budget year it was a party."""
    out = []
    for _ident, doc in _parties(ds):
        if doc.data["kategori"] != "kommun":
            continue
        entries = doc.data.get("folkmangd", [])
        by_date = {e["datum"]: i for i, e in enumerate(entries)}
        for year, basis in _basis_dates(ds):
            if not party_in_year(doc.data, year):  # no fee for a year it was not a party (fees-while-party)
                continue
            if basis not in by_date:
                where = ("folkmangd",) if entries else ("kategori",)
                out.append(
                    _at(
                        doc,
                        where,
                        "population-for-basis-date",
                        f"folkmängd den {basis} saknas (underlag för avgiften {year}); lägg till "
                        f'datum: "{basis}" med antal och kalla, eller uppgift_saknas med skälet',
                    )
                )
            elif "uppgift_saknas" in entries[by_date[basis]]:
                i = by_date[basis]
                out.append(
                    _at(
                        doc,
                        ("folkmangd", i, "uppgift_saknas"),
                        "population-for-basis-date",
                        f"folkmängden den {basis} är okänd, så avgiften för {year} kan inte räknas ut; "
                        "lägg till antal och kalla när siffran finns",
                        severity=VARNING,
                        key=True,
                    )
                )
    return out


def check_unique_dates_and_years(ds: Dataset) -> list[Problem]:
    """A party has one population per date, and each budget year appears once."""
    out = []
    for _ident, doc in _parties(ds):
        seen: dict[str, int] = {}
        for i, entry in enumerate(doc.data.get("folkmangd", [])):
            if entry["datum"] in seen:
                out.append(
                    _at(
                        doc,
                        ("folkmangd", i, "datum"),
                        "unique-dates-and-years",
                        f"folkmängd för {entry['datum']} finns redan på rad {seen[entry['datum']]}; ta bort den ena",
                    )
                )
            seen.setdefault(entry["datum"], doc.position(("folkmangd", i, "datum"))[0])
    fees = ds.singles.get("avgifter")
    if fees:
        years: dict[int, int] = {}
        for i, year in enumerate(fees.data["budgetar"]):
            if year["ar"] in years:
                out.append(
                    _at(
                        fees,
                        ("budgetar", i, "ar"),
                        "unique-dates-and-years",
                        f"budgetåret {year['ar']} finns redan på rad {years[year['ar']]}; ta bort det ena",
                    )
                )
            years.setdefault(year["ar"], fees.position(("budgetar", i, "ar"))[0])
    return out


def check_schema_comment(ds: Dataset) -> list[Problem]:
    """Each data file starts with the yaml-language-server line that points editors at its schema."""
    out = []
    docs = [(d, kind) for kind in FOLDERS.values() for d in ds.folder(kind).values()]
    docs += [(d, kind) for kind, d in ds.singles.items()]
    for doc, kind in docs:
        prefix = "../../" if kind in FOLDERS.values() else "../"
        expected = f"{SCHEMA_COMMENT}{prefix}schema/{kind}.schema.json"
        if doc.first_line != expected:
            out.append(
                Problem(
                    doc.path,
                    1,
                    1,
                    "schema-comment",
                    f"första raden ska vara '{expected}' så att redigeraren kan hjälpa dig; "
                    "lägg till eller rätta raden",
                )
            )
    return out


def check_glossary_forms_unique(ds: Dataset) -> list[Problem]:
    """A word in the glossary (term or one of its former) belongs to one term only."""
    doc = ds.singles.get("ordlista")
    if not doc:
        return []
    out = []
    owner: dict[str, str] = {}
    for i, item in enumerate(doc.data["begrepp"]):
        words = [(("begrepp", i, "term"), item["term"])]
        words += [(("begrepp", i, "former", j), f) for j, f in enumerate(item.get("former", []))]
        for path, word in words:
            key = word.casefold()
            if key in owner and owner[key] != item["id"]:
                out.append(
                    _at(
                        doc,
                        path,
                        "glossary-forms-unique",
                        f"'{word}' hör redan till begreppet '{owner[key]}'; ta bort det från ett av dem",
                    )
                )
            owner.setdefault(key, item["id"])
    return out


def check_decision_references(ds: Dataset) -> list[Problem]:
    """A decision names who decided (organ or forum, not both), and every party and forum it names exists."""
    doc = ds.singles.get("beslut")
    if not doc:
        return []
    out = []
    for i, entry in enumerate(doc.data["beslut"]):
        where = ("beslut", i)
        if "organ" in entry and "forum" in entry:
            out.append(
                _at(
                    doc,
                    (*where, "forum"),
                    "decision-references",
                    "skriv antingen organ eller forum, inte båda; ta bort den rad som inte gäller",
                    key=True,
                )
            )
        elif "organ" not in entry and "forum" not in entry:
            out.append(
                _at(
                    doc,
                    where,
                    "decision-references",
                    "ange vem som beslutade: organ med organets namn, eller forum med ett forums id",
                )
            )
        elif "forum" in entry and not ds.has_forum(entry["forum"]):
            out.append(
                _at(
                    doc,
                    (*where, "forum"),
                    "decision-references",
                    f"forumet '{entry['forum']}' som beslutade finns inte i data/forum/; rätta id:t, "
                    "eller skriv organ med namnet om beslutet togs någon annanstans",
                )
            )
        andrar = entry["andrar"]
        for j, ident in enumerate(andrar.get("parter", [])):
            if not ds.has_party(ident):
                out.append(
                    _at(
                        doc,
                        (*where, "andrar", "parter", j),
                        "decision-references",
                        f"parten '{ident}' finns inte bland parterna; rätta id:t eller lägg till parten i data/parter/",
                    )
                )
        for j, ident in enumerate(andrar.get("forum", [])):
            if not ds.has_forum(ident):
                out.append(
                    _at(
                        doc,
                        (*where, "andrar", "forum", j),
                        "decision-references",
                        f"forumet '{ident}' finns inte i data/forum/; rätta id:t eller lägg till forumet",
                    )
                )
    return out


def check_holder_exists(ds: Dataset) -> list[Problem]:
    """Every responsibility's holder is a party still, a category with parties (or alla), or a forum (or alla)."""
    doc = ds.singles.get("ansvar")
    if not doc:
        return []
    categories = {d.data["kategori"] for d in ds.parter.values()} | {"alla"}
    today = tid.idag()
    out = []
    for i, item in enumerate(doc.data["ansvar"]):
        vem = item["vem"]
        where = ("ansvar", i, "vem")
        if "part" in vem and not ds.has_party(vem["part"]):
            message = (
                f"parten '{vem['part']}' finns inte bland parterna; rätta id:t eller lägg till parten i data/parter/"
            )
            out.append(_at(doc, (*where, "part"), "holder-exists", message))
        elif "part" in vem and vem["part"] in ds.parter and left_by(ds.parter[vem["part"]].data, today):
            message = (
                f"parten '{vem['part']}' har lämnat överenskommelsen och kan inte ha ansvaret; "
                "ta bort posten eller ange vem som har ansvaret nu"
            )
            out.append(_at(doc, (*where, "part"), "holder-exists", message))
        elif "kategori" in vem and vem["kategori"] not in categories:
            message = f"ingen part har kategorin '{vem['kategori']}'; välj en kategori som finns, eller alla"
            out.append(_at(doc, (*where, "kategori"), "holder-exists", message))
        elif "forum" in vem and vem["forum"] != "alla" and not ds.has_forum(vem["forum"]):
            message = f"forumet '{vem['forum']}' finns inte i data/forum/; rätta id:t, eller skriv alla för alla forum"
            out.append(_at(doc, (*where, "forum"), "holder-exists", message))
    return out


# Statements that are often the handbook's reading rather than a source's words: each says what it rests on.
BASIS_KEYS = ("niva", "ordforande", "medlemmar", "aktiverat_lage", "rapporterar_till")


def check_basis_stated(ds: Dataset) -> list[Problem]:
    """A forum's level, chair, members, tasks in aktiverat läge and reporting line, and a level's focus have a basis."""
    out = []
    for _ident, doc in _forums(ds):
        given = doc.data.get("underlag_for", {})
        present = {k for k in BASIS_KEYS if k in doc.data or k in doc.data["uppgifter"]}
        for key in sorted(present - set(given), key=BASIS_KEYS.index):
            where = ("uppgifter", key) if key in doc.data["uppgifter"] else (key,)
            out.append(
                _at(
                    doc,
                    where,
                    "basis-stated",
                    f"'{key}' saknar underlag; lägg till underlag_for: {key}: med status (kalla eller slutsats), "
                    "kallor och en kommentar, så att läsaren ser om uppgiften är handbokens slutsats",
                    severity=VARNING,
                    key=True,
                )
            )
    agreement = ds.singles.get("overenskommelse")
    for i, level in enumerate(agreement.data["styrning"]["nivaer"] if agreement else []):
        if "underlag" not in level:
            out.append(
                _at(
                    agreement,
                    ("styrning", "nivaer", i, "fokus"),
                    "basis-stated",
                    f"nivån '{level['id']}' saknar underlag för sitt fokus; lägg till underlag: med status, kallor "
                    "och en kommentar",
                    severity=VARNING,
                    key=True,
                )
            )
    return out


# A figure in running text: a number of four digits or more, or thousands written with a space.
_FIGURE = re.compile(r"(?<![\d§-])\d{1,3}(?:[ \u00a0]\d{3})+(?![\d-])|(?<![\d§-])\d{5,}(?![\d-])")
_SOURCED = ("kalla", "kallor", "underlag")


def check_figure_has_source(ds: Dataset) -> list[Problem]:
    """A text that gives a figure stands in an entry that names its source (kalla, kallor or underlag)."""
    out = []
    for _ident, doc in [*_parties(ds), *_forums(ds), *sorted(ds.singles.items())]:
        if doc is ds.singles.get("kallor"):
            continue  # a source's own comment describes that source
        out += _unsourced_figures(doc, doc.data, ())
    return out


def _unsourced_figures(doc: Document, value, path: tuple) -> list[Problem]:
    out = []
    if isinstance(value, dict):
        sourced = any(k in value for k in _SOURCED)
        for key, item in value.items():
            if isinstance(item, str) and not sourced and _FIGURE.search(item):
                out.append(
                    _at(
                        doc,
                        (*path, key),
                        "figure-has-source",
                        f"texten nämner siffran {_FIGURE.search(item).group(0)} men ingen källa; lägg till "
                        "kallor: med källans id i data/kallor.yaml bredvid texten, eller ta bort siffran",
                    )
                )
            elif not isinstance(item, str):
                out += _unsourced_figures(doc, item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += _unsourced_figures(doc, item, (*path, i))
    return out


CHECKS: list[Callable[[Dataset], list[Problem]]] = [
    check_id_matches_filename,
    check_id_unique,
    check_reference_exists,
    check_chair_is_party,
    check_reporting_no_cycle,
    check_regionala_radet_on_top,
    check_level_has_forum,
    check_member_category_has_parties,
    check_kommunkod,
    check_population_for_basis_date,
    check_unique_dates_and_years,
    check_schema_comment,
    check_glossary_forms_unique,
    check_decision_references,
    check_membership_dates,
    check_fees_while_party,
    check_forum_member_while_party,
    check_budget_years,
    check_holder_exists,
    check_basis_stated,
    check_figure_has_source,
]


def rule_id(check: Callable) -> str:
    return check.__name__.removeprefix("check_").replace("_", "-")


def run_checks(ds: Dataset) -> list[Problem]:
    problems = []
    for check in CHECKS:
        problems += check(ds)
    return problems
