"""The agreement over time: many budget years, parties that join and leave, later names, a stale handbook.

The fixture dataset is budget year 2015 and the tests run on 1 July 2015 (tests/conftest.py); a test that needs
another day sets SOURCE_DATE_EPOCH itself. Leaving is tested on fixture data only: no real party has left.
"""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from bench import synth
from macros.core import fees, pipeline
from macros.core.model import Tidpunkt, has_joined, has_left, is_part_in_year
from macros.core.pages import part_sida
from macros.outputs import opendata
from macros.render import avgifter, parter, partsida
from macros.render.common import Kontext
from macros.render.sentences.mening import plain
from macros.render.sentences.overenskommelse import antal_parter, kommande
from macros.site import generate
from macros.text.format import kronor
from tests.helpers import ROOT, VALID, make_data, position, run_check, visible_text
from tests.sitebuild import build, read, search_docs


def _epoch(day: str) -> str:
    return str(int(datetime.fromisoformat(day).replace(hour=12, tzinfo=UTC).timestamp()))


def _set(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _leave(data, ident: str, day: str) -> None:
    """Give a fixture party a leaving date (fictional, for the test), after its kategori line."""
    path = data / "parter" / f"{ident}.yaml"
    text = path.read_text(encoding="utf-8")
    line = re.search(r"^kategori: .*\n", text, re.M).group(0)
    _set(path, line, f'{line}lamnat:\n  datum: "{day}"\n  kalla: beslut-nacka-ks\n')


def _model(data):
    h, problems = pipeline.check(data)
    assert h is not None, "\n".join(p.format() for p in problems)
    return h


# --- Parties that leave ---------------------------------------------------------------------------------


@pytest.fixture
def salem_left(tmp_path):
    """Salem left on 30 June 2015, the day before the tests' today: a party during budget year 2015."""
    data = make_data(tmp_path)
    _leave(data, "salem", "2015-06-30")
    return data


def test_a_party_that_left_is_listed_apart_and_still_pays_for_its_years(salem_left):
    h = _model(salem_left)
    assert [p.id for p in h.tidigare_parter()] == ["salem"]
    assert "salem" not in [p.id for p in h.parter_idag()]
    listing = parter.partlista(Kontext(h, "parter/index.md"))
    today, former = listing.split("## Tidigare parter")
    assert "Salems kommun" not in today and "**4 parter**: 2 kommuner" in today
    assert "| [Salems kommun](salem.md) | 30 juni 2015 |" in former
    assert "**Tidigare parter:** [Salems kommun](parter/salem.md)" in parter.partlankar(Kontext(h, "index.md"))
    # 2015 began while Salem was a party: its fee for 2015 stays in the year's table.
    assert "salem" in [r.part.id for r in fees.avgiftstabell(h, 2015).rader]
    page = partsida.partsida(Kontext(h, part_sida("salem")), "salem")
    assert "är inte längre part" in page and "- **Part till och med:** 30 juni 2015 enligt" in page
    assert "inte längre part och sitter därför inte i något forum" in page
    # Category members ("kommunerna") are today's parties only.
    assert "salem" not in [p.id for p in h.parter_i_kategori("kommun")]
    model = json.loads(opendata.model_json(h))
    assert model["tidigare_parter"] == ["salem"] and "salem" not in model["parter_idag"]
    assert model["parter"]["salem"]["lamnat"]["datum"] == "2015-06-30"


def test_a_party_that_leaves_later_is_a_party_until_then(tmp_path):
    data = make_data(tmp_path)
    _leave(data, "salem", "2016-06-30")
    h = _model(data)
    assert h.tidigare_parter() == []
    page = partsida.partsida(Kontext(h, part_sida("salem")), "salem")
    assert "- **Part till och med:** 30 juni 2016 (i framtiden" in page


def test_a_party_that_left_before_a_budget_year_pays_nothing_that_year(tmp_path):
    data = synth.generate(1, tmp_path / "data", source=VALID, years=3)
    salem = data / "parter" / "salem.yaml"
    # Remove the populations for 2016-06-30 (the 2017 fee) so that leaving at the end of 2016 is consistent.
    text = salem.read_text(encoding="utf-8")
    salem.write_text(re.sub(r"- datum: '2016-06-30'\n  antal: \d+\n  kalla: \S+\n", "", text), encoding="utf-8")
    _leave(data, "salem", "2016-12-31")
    h = _model(data)
    assert "salem" in [r.part.id for r in fees.avgiftstabell(h, 2016).rader]
    assert "salem" not in [r.part.id for r in fees.avgiftstabell(h, 2017).rader]
    table = avgifter.avgift_per_ar_html(Kontext(h, "avgifter.md"), [2017, 2016, 2015])
    salem_row = next(r for r in table.split("<tr>") if "Salems kommun" in r)
    assert salem_row.count("inte part") == 1  # 2017 only
    page = partsida.partsida(Kontext(h, part_sida("salem")), "salem")
    assert "| 2017 |" not in page and "| 2016 |" in page


def test_forum_rules_follow_the_day(tmp_path, monkeypatch):
    """A party whose last day is 30 June 2016 may sit in a forum until then; from the day after the checker says no."""
    data = make_data(tmp_path)
    _leave(data, "stockholms-lans-landsting", "2016-06-30")
    assert run_check(tmp_path, "--data", "data")[0] == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch("2016-06-30"))
    assert run_check(tmp_path, "--data", "data")[0] == 0  # its last day: still a party
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch("2016-07-01"))
    code, out, _ = run_check(tmp_path, "--data", "data")
    assert code == 1
    assert "[forum-member-while-party]" in out and "är inte längre part (sista dagen var 2016-06-30)" in out


# --- The first and the last day -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ansluten", "lamnat", "years"),
    [
        (None, "2020-12-31", {2020}),  # leaves at the turn of the year: 2020 is its last year
        (None, "2021-01-01", {2020, 2021}),  # one day of 2021 is a day as a party
        ("2027-01-01", None, {2027}),  # joins at the turn of the year: not a party in 2026
        ("2026-12-31", None, {2026, 2027}),
        ("2021-03-01", "2021-03-01", {2021}),  # one day as a party
    ],
)
def test_ansluten_is_the_first_day_and_lamnat_the_last(ansluten, lamnat, years):
    first = Tidpunkt(ansluten, "k") if ansluten else None
    last = Tidpunkt(lamnat, "k") if lamnat else None
    assert {ar for ar in (2020, 2021, 2026, 2027) if is_part_in_year(first, last, ar)} == years
    for day in (ansluten, lamnat):
        if day:  # both days are days as a party
            assert has_joined(first, day) and not has_left(last, day)
    if lamnat:
        assert has_left(last, "9999-12-31") and not has_left(last, lamnat)
    if ansluten:
        assert not has_joined(first, "2000-01-01")


def test_the_last_day_is_a_day_as_a_party(tmp_path):
    data = make_data(tmp_path)
    _leave(data, "salem", "2015-07-01")  # the tests' today
    h = _model(data)
    assert "salem" in [p.id for p in h.parter_idag()] and h.tidigare_parter() == []
    after = dataclasses.replace(h, idag="2015-07-02")
    assert [p.id for p in after.tidigare_parter()] == ["salem"] and "salem" not in [p.id for p in after.parter_idag()]


# --- Parties still to join ------------------------------------------------------------------------------

EXEMPELBY = """\
# yaml-language-server: $schema=../../schema/part.schema.json
id: exempelby
namn: Exempelby kommun
kategori: kommun
kommunkod: "0199"
ansluten:
  datum: "2016-01-01"
  kalla: beslut-nacka-ks
  kommentar: Ett påhittat exempel för testet.
kallor:
  - beslut-nacka-ks
"""


@pytest.fixture
def coming(tmp_path):
    """The valid dataset and the same with a municipality that joins on 1 January 2016, after the tests' today."""
    base = _model(make_data(tmp_path / "base"))
    data = make_data(tmp_path / "coming")
    (data / "parter" / "exempelby.yaml").write_text(EXEMPELBY, encoding="utf-8")
    assert run_check(tmp_path / "coming", "--data", "data")[0] == 0
    return base, _model(data)


def test_a_party_still_to_join_is_counted_nowhere_today(coming):
    base, h = coming
    assert [p.id for p in h.kommande_parter()] == ["exempelby"]
    assert [p.id for p in h.parter_idag()] == [p.id for p in base.parter_idag()]
    assert [p.id for p in h.kommuner()] == [p.id for p in base.kommuner()]
    assert antal_parter(h) == antal_parter(base)
    assert plain(kommande(h)) == (
        "En part till ansluter senare och räknas inte med förrän dess: Exempelby kommun den 1 januari 2016."
    )
    assert plain(kommande(base)) == "Fler parter kan ansluta med tiden."
    # Not in a forum through its category, though forums take every party of it.
    assert any(m.kategori == "alla" for f in h.forum.values() for m in f.medlemmar)
    assert h.sitter_i("exempelby") == [] and h.sitter_i("nacka") == base.sitter_i("nacka")
    assert "exempelby" not in [r.part.id for r in fees.avgiftstabell(h, 2015).rader]
    model = json.loads(opendata.model_json(h))
    assert model["kommande_parter"] == ["exempelby"] and "exempelby" not in model["parter_idag"]
    assert model["parter_idag"] == json.loads(opendata.model_json(base))["parter_idag"]


def test_a_party_still_to_join_is_listed_with_its_date(coming):
    base, h = coming
    listing = parter.partlista(Kontext(h, "parter/index.md"))
    assert f"## Kommuner ({len(base.kommuner())})" in listing
    coming_section = listing[listing.index("## Kommande parter (1)") :]
    assert "| [Exempelby kommun](exempelby.md) | 1 januari 2016 |" in coming_section
    lead = listing[: listing.index("\n")]
    assert lead.endswith("räknas inte med förrän dess: [Exempelby kommun](exempelby.md) den 1 januari 2016.")
    assert "Exempelby" not in listing[len(lead) : listing.index("## Kommande parter")]
    links = parter.partlankar(Kontext(h, "index.md"))
    assert "**Kommande parter:** [Exempelby kommun](parter/exempelby.md) (ansluter 1 januari 2016)" in links
    page = partsida.partsida(Kontext(h, part_sida("exempelby")), "exempelby")
    assert '!!! note "Kommande part"' in page and "blir part i överenskommelsen den 1 januari 2016" in page
    assert "- **Blir part:** 1 januari 2016 enligt" in page
    assert "blir part den 1 januari 2016 och sitter inte i något forum före den dagen" in page
    assert "Kommunen blir part den 1 januari 2016 och betalar avgift från budgetåret 2016." in page
    nav = generate.generated(h, "").nav["Parter"]
    assert nav[-1] == {"Kommande parter": [{"Exempelby kommun": part_sida("exempelby")}]}
    assert {"Exempelby kommun": part_sida("exempelby")} not in nav


def test_the_pdf_counts_today_and_lists_a_party_still_to_join_apart(coming):
    from macros.core.utgava import Utgava
    from macros.pdf.overenskommelse import overenskommelse

    base, h = coming
    doc = overenskommelse(h, Utgava(datetime(2015, 7, 1, tzinfo=UTC), "testrev"))
    assert doc["parter"]["kommande"] == [["Exempelby kommun", "Kommun", "1 januari 2016"]]
    assert "Exempelby kommun" not in [row[0] for row in doc["parter"]["kommuner"]]
    assert len(doc["parter"]["kommuner"]) == len(base.kommuner())
    assert doc["avsnitt"]["parter"] == f"{plain(antal_parter(base))} {plain(kommande(h))}"
    assert dict(doc["omslag"]["fakta"])["Parter"] == str(len(base.parter_idag()))


def test_a_party_becomes_one_on_its_first_day(coming):
    _base, h = coming
    assert "exempelby" in [p.id for p in h.kommande_parter()]
    on_the_day = dataclasses.replace(h, idag="2016-01-01")
    assert on_the_day.kommande_parter() == [] and "exempelby" in [p.id for p in on_the_day.kommuner()]
    assert on_the_day.sitter_i("exempelby")  # now through its category


# --- An unknown joining date and later names ----------------------------------------------------------------


def test_an_unknown_joining_date_is_a_gap_the_handbook_shows(tmp_path):
    """As for Kustbevakningen in the shipped data: a party whose joining date no source gives."""
    data = make_data(tmp_path)
    path = data / "parter" / "stockholms-lans-landsting.yaml"
    line = re.search(r"^kategori: .*\n", path.read_text(encoding="utf-8"), re.M).group(0)
    _set(
        path,
        line,
        f"{line}ansluten:\n  uppgift_saknas: Dagen står inte i någon källa (ett påhittat fall för testet).\n",
    )
    h = _model(data)
    sll = h.parter["stockholms-lans-landsting"]
    assert sll.ansluten.datum is None and "påhittat" in sll.ansluten.uppgift_saknas
    assert all(p.ansluten is None for p in h.parter.values() if p is not sll)  # from the start, as decided
    assert h.tidigare_parter() == []
    page = partsida.partsida(Kontext(h, part_sida(sll.id)), sll.id)
    assert "- **Part sedan:** uppgift saknas." in page
    listing = parter.partlista(Kontext(h, "parter/index.md"))
    assert "utom:\n\n- [Stockholms läns landsting](stockholms-lans-landsting.md): part sedan uppgift saknas" in listing


def test_an_earlier_name_without_its_last_day_says_why(tmp_path):
    h = _model(make_data(tmp_path))
    sll = h.parter["stockholms-lans-landsting"]
    (earlier,) = sll.tidigare_namn
    assert earlier.till is None and "källor" in earlier.uppgift_saknas
    page = partsida.partsida(Kontext(h, part_sida(sll.id)), sll.id)
    assert f"- **Tidigare namn:** {earlier.namn} enligt " in page and f". {earlier.uppgift_saknas}\n" in page


def test_an_earlier_name_with_its_last_day_says_until_when(tmp_path):
    data = make_data(tmp_path)
    _set(
        data / "parter" / "stockholms-lans-landsting.yaml",
        "    uppgift_saknas: Dagen då namnet byttes står inte i handbokens källor.\n",
        '    till: "2018-12-31"\n',
    )  # a fictional date, for the test
    h = _model(data)
    page = partsida.partsida(Kontext(h, part_sida("stockholms-lans-landsting")), "stockholms-lans-landsting")
    assert "- **Tidigare namn:** Landstinget i Stockholms län, till och med 31 december 2018 enligt" in page


def _earlier_names_are_shown_and_searchable(site, handbok) -> int:
    """namn is today's name (facts §5.5): the page's title says it; each earlier name is shown as an earlier name and
    is in the page's search entries. Returns how many parties have one."""
    docs = search_docs(site)
    renamed = [p for p in handbok.parter.values() if p.tidigare_namn]
    for p in renamed:
        text = visible_text(read(site, f"parter/{p.id}.html"))
        assert f"{p.namn} - Samverkanshandboken" in text, p.id
        entries = [d for d in docs if d["location"].startswith(f"parter/{p.id}.html")]
        for t in p.tidigare_namn:
            assert f"Tidigare namn: {t.namn}" in text, (p.id, t.namn)
            assert entries and any(t.namn in d["text"] for d in entries), (p.id, t.namn)
    return len(renamed)


def test_search_finds_a_party_by_its_earlier_name(valid_site, valid_handbok):
    assert _earlier_names_are_shown_and_searchable(valid_site, valid_handbok) >= 1


def test_every_shipped_party_is_shown_by_todays_name_and_found_by_its_earlier_ones(real_site, real_handbok):
    _earlier_names_are_shown_and_searchable(real_site, real_handbok)


# --- Budget years ---------------------------------------------------------------------------------------


def test_an_unknown_rate_is_shown_as_unknown_never_zero(tmp_path):
    data = make_data(tmp_path)
    _set(
        data / "avgifter.yaml",
        '    belopp_per_invanare: "1,50"\n    kalla: beslut-nacka-ks\n',
        "    uppgift_saknas: Beloppet står inte i någon källa (ett påhittat fall för testet).\n",
    )
    h = _model(data)
    table = avgifter.avgiftstabell_md(Kontext(h, "avgifter.md"), 2015)
    assert "0\u00a0kr" not in table and "| [Nacka kommun](parter/nacka.md) | 95\u00a0182 |" in table
    assert "är inte känt, så ingen avgift kan räknas ut" in table
    rule = avgifter.avgiftsregel(Kontext(h, "avgifter.md"))
    assert "Beloppet för 2015, det senaste budgetåret, är inte känt." in rule
    csv = opendata.avgift_csv(h, 2015).decode("utf-8-sig")
    assert ";uppgift saknas;uppgift saknas;" in csv.splitlines()[1]
    assert json.loads(opendata.avgift_json(h, 2015))["belopp_per_invanare"] is None
    page = partsida.partsida(Kontext(h, part_sida("nacka")), "nacka")
    assert "| 2015 | 95\u00a0182 (30 juni 2014) | uppgift saknas | uppgift saknas |" in page


def test_schema_words_a_rate_with_both_a_value_and_a_gap(tmp_path):
    data = make_data(tmp_path)
    _set(
        data / "avgifter.yaml", "    kalla: beslut-nacka-ks\n", "    kalla: beslut-nacka-ks\n    uppgift_saknas: x" * 1
    )
    _set(data / "avgifter.yaml", "uppgift_saknas: xtotal", "uppgift_saknas: Ett påhittat skäl här.\ntotal")
    code, out, _ = run_check(tmp_path, "--data", "data")
    assert code == 1
    assert "skriv antingen belopp_per_invanare och kalla, eller uppgift_saknas med skälet, inte båda" in out


@pytest.fixture(scope="module")
def many_years(tmp_path_factory):
    data = synth.generate(1, tmp_path_factory.mktemp("twelve") / "data", source=VALID, years=12)
    return _model(data)


def test_fee_page_leads_with_the_newest_year_then_every_year_compactly(many_years):
    h = many_years
    page = avgifter.avgiftstabeller(Kontext(h, "avgifter.md"))
    assert page.startswith("\n## Senast kända avgift: budgetåret 2026 { #ar-2026 }")
    assert page.count("| Kommun | Folkmängd") == 1  # one full table, not twelve
    assert "## Alla budgetår, 2015–2026 { #alla-ar }" in page
    assert "<caption>Avgift per kommun och budgetår</caption>" in page
    header = re.search(r"<thead>\n<tr>(.*?)</tr>", page).group(1)
    assert re.findall(r'<th scope="col">(\d{4})</th>', header) == [str(y) for y in range(2026, 2014, -1)]
    assert page.count('<th scope="row">') == 3
    assert "| 2015 | 30 juni 2014 | 1,50\u00a0kr |" in page and "| 2026 | 30 juni 2025 | 1,72\u00a0kr |" in page


def test_a_party_page_shows_its_whole_fee_history_with_the_newest_year_worked_out(many_years):
    h = many_years
    page = partsida.partsida(Kontext(h, part_sida("nacka")), "nacka")
    rows = re.findall(r"^\| (\d{4}) \|", page, re.M)
    assert rows == [str(y) for y in range(2026, 2014, -1)]
    a = fees.avgift(h, h.parter["nacka"], 2026)
    assert a.underlagsdatum == "2025-06-30" and a.belopp == (Decimal(a.folkmangd) * Decimal("1.72")).quantize(1)
    assert f"**2026:** {a.folkmangd:,} invånare".replace(",", "\u00a0") in page
    assert f"= **{kronor(a.belopp)}**" in page


def test_open_data_has_one_file_per_year_and_all_years_in_long_format(many_years):
    files = opendata.files(many_years)
    assert {f"data/avgifter-{y}.csv" for y in range(2015, 2027)} <= set(files)
    long = files["data/avgifter-alla-ar.csv"].decode("utf-8-sig").splitlines()
    assert long[0].startswith("kommun;kommunkod;budgetar;")
    assert len(long) == 1 + 3 * 12 and not any(line.startswith("Summa") for line in long)
    every = json.loads(files["data/avgifter-alla-ar.json"])
    assert [y["budgetar"] for y in every["budgetar"]] == list(range(2015, 2027))


@pytest.mark.parametrize("page", ["avgifter", "nacka"])
def test_the_newest_known_fee_is_labelled_so_and_says_when_the_calendar_has_moved_on(tmp_path, page):
    """Never "nu" for a year long past: the newest budget year in the data is the newest *known*, and when today is
    in a later year the page says that no later fee is known."""
    h = _model(make_data(tmp_path))
    newest = h.avgifter.senaste().ar

    def text(hb):
        if page == "avgifter":
            return avgifter.avgift_i_korthet(Kontext(hb, "avgifter.md"))
        return partsida.partsida(Kontext(hb, part_sida("nacka")), "nacka")

    same_year = text(dataclasses.replace(h, idag=f"{newest}-07-01"))
    assert f"budgetåret {newest}" in same_year and "Senast kända avgift" in same_year
    assert "inga avgifter för åren efter" not in same_year
    later = text(dataclasses.replace(h, idag=f"{newest + 11}-03-01"))
    note = f"Handboken har inga avgifter för åren efter {newest}. Beloppet för {newest + 11} kan vara ett annat."
    assert note in later


@pytest.mark.slow  # a site build for each number of years
@pytest.mark.parametrize("years", [1, 5, 12, 30])
def test_the_site_builds_with_many_budget_years(years, tmp_path):
    data = synth.generate(1, tmp_path / "data", source=VALID, years=years)
    h = _model(data)
    result = build(data, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    newest = 2015 + years - 1
    page = visible_text(read(tmp_path / "site", "avgifter.html"))
    assert f"Senast kända avgift: budgetåret {newest}" in page
    nacka = visible_text(read(tmp_path / "site", "parter/nacka.html"))
    fee = fees.avgift(h, h.parter["nacka"], newest)
    assert f"{newest}: " in nacka and kronor(fee.belopp) in nacka
    assert (tmp_path / "site" / "data" / f"avgifter-{newest}.csv").exists()


# --- A stale handbook -----------------------------------------------------------------------------------


def test_the_real_data_warns_when_its_newest_budget_year_is_old_but_passes(real_handbok, monkeypatch):
    newest = max(b.ar for b in real_handbok.avgifter.budgetar)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(f"{newest + 1}-12-01"))
    code, out, _ = run_check(ROOT)
    assert code == 0, out
    stale = [line for line in out.splitlines() if "[budget-years]" in line]
    avgifter = (ROOT / "data" / "avgifter.yaml").read_text(encoding="utf-8")
    line, column = position(avgifter, f"- ar: {newest}\n", str(newest))
    basis = real_handbok.avgifter.underlagsdatum(newest + 1)
    assert stale == [
        f"data/avgifter.yaml:{line}:{column}: varning: det senaste budgetåret är {newest}, men i år är det "
        f"{newest + 1}, så handboken visar inte årets avgift; lägg till budgetåret {newest + 1} och folkmängden den "
        f"{basis} för varje kommun (python -m macros folkmangd) [budget-years]"
    ]


def test_no_stale_warning_when_the_newest_year_is_this_year(tmp_path, monkeypatch):
    make_data(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch("2015-12-31"))
    assert "[budget-years]" not in run_check(tmp_path, "--data", "data")[1]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch("2016-01-02"))
    assert "varning: det senaste budgetåret är 2015, men i år är det 2016" in run_check(tmp_path, "--data", "data")[1]


# --- The PDF: today's parties, former parties apart, a former party's sheet ------------------------------


@pytest.mark.pdf  # writes a whole set of PDFs itself
def test_the_pdf_lists_former_parties_apart_and_a_former_partys_sheet_says_so(salem_left, tmp_path):
    import pdfplumber

    from macros.core.pages import OVERENSKOMMELSE_PDF, partblad_fil
    from macros.core.utgava import Utgava
    from macros.pdf import write

    h = _model(salem_left)
    out = tmp_path / "pdf"
    write.write_pdfs(h, out, Utgava(datetime(2015, 7, 1, tzinfo=UTC), "testrev"))

    def text(path):
        with pdfplumber.open(path) as pdf:
            return "\n".join(p.extract_text() for p in pdf.pages).replace("\u00a0", " ")

    agreement = text(out / OVERENSKOMMELSE_PDF)
    parties = agreement[agreement.index("Kommuner (2)") :]
    today, former = parties[: parties.index("Tidigare parter (1)")], parties[parties.index("Tidigare parter (1)") :]
    assert "Salems kommun" not in today
    assert "Salems kommun Kommun 30 juni 2015" in former
    assert "Överenskommelsen har 4 parter: 2 kommuner och 2 andra organisationer." in agreement
    sheet = text(out / partblad_fil("salem"))
    assert "Part till och med 30 juni 2015" in sheet and "2015" in sheet
    assert "Part sedan 1 januari 2015" in text(out / partblad_fil("nacka"))


def test_the_build_date_and_today_are_one_clock(monkeypatch):
    """The PDFs' date (macros/core/utgava.py) and today's parties (macros/core/tid.py) read the same day."""
    from macros.core import tid, utgava

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767222000")  # 2025-12-31 23:00 UTC: already 2026 in Stockholm
    assert utgava.utgava(VALID).dag == tid.idag() == "2026-01-01"
