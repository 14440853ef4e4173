"""`python -m macros new part|forum ID`: the skeleton is refused until filled in, passes once it is, and
the whole path a coordinator takes: scaffold a new party, fill it in, check and build pass, and the change
summary against the previous commit lists the new party and the changed fee total."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from macros.core import pipeline
from macros.core.dataset import FOLDERS
from macros.core.fees import avgiftstabell
from macros.core.schemas import read_schema
from macros.text.format import kronor
from macros.tools import cli, scaffold
from macros.tools.scaffold import FYLL_I, SORTER
from tests.helpers import VALID
from tests.sitebuild import build, read

GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"]


def run(workdir: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(workdir), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(args))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def work(tmp_path) -> Path:
    """A scratch repository with the small valid dataset, committed: the tests name its parties and figures."""
    shutil.copytree(VALID, tmp_path / "data")
    subprocess.run([*GIT, "-C", str(tmp_path), "init", "-q"], check=True)
    subprocess.run([*GIT, "-C", str(tmp_path), "add", "-A"], check=True)
    subprocess.run([*GIT, "-C", str(tmp_path), "commit", "-q", "-m", "start"], check=True)
    return tmp_path


def fill(text: str, values: dict[str, str]) -> str:
    """What a coordinator does: give each marked key a value (first unfilled occurrence), remove the mark."""
    for key, value in values.items():
        pattern = re.compile(rf"^(\s*(?:- )?){re.escape(key)}:\s*# {FYLL_I}.*$", re.M)
        text, n = pattern.subn(lambda m, v=value, k=key: f"{m.group(1)}{k}: {v}", text, count=1)
        assert n == 1, f"no line to fill in for {key}"
    return text


def fill_items(text: str, *values: str) -> str:
    """Fill the marked list items (`- # FYLL I ...`) in order."""
    for value in values:
        text, n = re.subn(rf"^(\s*)- # {FYLL_I}.*$", lambda m, v=value: f"{m.group(1)}- {v}", text, count=1, flags=re.M)
        assert n == 1
    return text


def uncomment_kommun_block(text: str) -> str:
    """Remove '# ' before the commented-out keys, as the skeleton's instruction says."""
    return re.sub(r"^# (\s*(?:- )?(?:kommunkod|folkmangd|datum|antal|kalla):)", r"\1", text, flags=re.M)


@pytest.mark.slow  # a site build of its own, from changed data
def test_new_party_filled_in_passes_check_and_build_and_shows_in_the_change_summary(work, tmp_path):
    code, out, err = run(work, "new", "part", "testby")
    path = work / "data" / "parter" / "testby.yaml"
    assert (code, err) == (0, "")
    assert out.startswith(f"Skapade {Path('data/parter/testby.yaml')}. Fyll i raderna som är märkta FYLL I")
    skeleton = path.read_text(encoding="utf-8")
    assert skeleton.startswith("# yaml-language-server: $schema=../../schema/part.schema.json\n")

    # Unfilled, the checker refuses it, at the lines to fill in.
    code, out, _ = run(work, "check")
    assert code == 1
    assert re.search(r"^data/parter/testby\.yaml:\d+:\d+: fel: 'namn' ska vara en text, men är tomt", out, re.M)

    filled = uncomment_kommun_block(skeleton)
    filled = fill(filled, {"datum": '"2015-01-01"', "kalla": "beslut-nacka-ks"})  # ansluten, first in the file
    filled = fill(
        filled,
        {
            "namn": "Testby kommun",
            "kategori": "kommun",
            "kommunkod": '"0199"',
            "datum": '"2014-06-30"',  # the basis date: without --ansluten the command cannot know it
            "antal": "10000",
            "kalla": "scb-folkmangd-2014-06-30",
        },
    )
    filled = fill_items(filled, "beslut-nacka-ks")
    assert FYLL_I not in filled.split("\n", 3)[3]  # every mark is gone (the instruction on line 2 stays)
    path.write_text(filled, encoding="utf-8")
    code, out, _ = run(work, "check")
    assert code == 0, out
    assert "testby.yaml" not in out

    site = tmp_path / "site"
    result = build(work / "data", site)
    assert result.returncode == 0, result.stderr
    assert "Testby kommun" in read(site, "parter/testby.html")

    subprocess.run([*GIT, "-C", str(work), "add", "-A"], check=True)
    subprocess.run([*GIT, "-C", str(work), "commit", "-q", "-m", "Testby ansluter"], check=True)
    code, summary, err = run(work, "diff", "HEAD~1", "HEAD")
    assert (code, err) == (0, "")
    assert "- Ny part: **Testby kommun** (<code>testby</code>), kommun, part från 1 januari 2015.\n" in summary
    before, _ = pipeline.check(VALID)
    old_total = avgiftstabell(before, 2015).summa_kanda
    new_total = old_total + Decimal(15000)
    assert (
        f"**Summa av de kända avgifterna:** {kronor(old_total)} → {kronor(new_total)} (+{kronor(Decimal(15000))})"
        in summary
    )


def _basis_dates(data: Path, first_day: str) -> list[str]:
    """The basis dates of the budget years a party joining on first_day pays for, read from the data."""
    h, _ = pipeline.check(data)
    years = [b.ar for b in h.avgifter.budgetar if f"{b.ar}-12-31" >= first_day]
    return [h.avgifter.underlagsdatum(ar) for ar in years]


def test_new_municipality_with_its_first_day_asks_for_exactly_its_years_populations(work):
    first = "2015-01-01"
    dates = _basis_dates(work / "data", first)
    code, _, _ = run(work, "new", "part", "testby", "--kategori", "kommun", "--ansluten", first)
    path = work / "data" / "parter" / "testby.yaml"
    text = path.read_text(encoding="utf-8")
    assert code == 0 and dates and "\nkategori: kommun\n" in text and f'  datum: "{first}"\n' in text
    assert re.findall(r'- datum: "([\d-]+)"', text) == dates
    text = fill(text, {"kalla": "beslut-nacka-ks"})  # ansluten
    text = fill(text, {"namn": "Testby kommun", "kommunkod": '"0199"'})
    for _date in dates:
        text = fill(text, {"antal": "10000", "kalla": "scb-folkmangd-2014-06-30"})
    path.write_text(fill_items(text, "beslut-nacka-ks"), encoding="utf-8")
    code, out, _ = run(work, "check")
    assert code == 0, out


def test_a_municipality_joining_after_the_newest_budget_year_is_asked_for_no_population(work):
    """A 2025 joiner must not be given a 2014 population to fill in: that would be an error (fees-while-party)."""
    h, _ = pipeline.check(work / "data")
    first = f"{h.avgifter.budgetar[-1].ar + 1}-01-01"
    code, _, _ = run(work, "new", "part", "testby", "--kategori", "kommun", "--ansluten", first)
    path = work / "data" / "parter" / "testby.yaml"
    text = path.read_text(encoding="utf-8")
    assert code == 0 and not re.search(r"^\s*(- )?folkmangd:", text, re.M) and "folkmängd behövs än" in text
    text = fill(text, {"kalla": "beslut-nacka-ks", "namn": "Testby kommun", "kommunkod": '"0199"'})
    path.write_text(fill_items(text, "beslut-nacka-ks"), encoding="utf-8")
    code, out, _ = run(work, "check")
    assert code == 0, out
    h, _ = pipeline.check(work / "data")
    assert [p.id for p in h.kommande_parter()] == ["testby"] or h.idag >= first


def test_without_its_first_day_a_new_municipality_is_asked_for_the_dates_too(work):
    run(work, "new", "part", "testby", "--kategori", "kommun")
    text = (work / "data" / "parter" / "testby.yaml").read_text(encoding="utf-8")
    assert "- datum:  # FYLL I: dagen underlagsdag" in text and not re.findall(r'- datum: "', text)


def test_new_organisation_without_the_municipality_block(work):
    run(work, "new", "part", "ny-myndighet", "--kategori", "larmtjanst")
    path = work / "data" / "parter" / "ny-myndighet.yaml"
    text = path.read_text(encoding="utf-8")
    assert "kommunkod" not in text.replace("# Kommunkod", "")
    text = fill(text, {"namn": "Ny myndighet", "datum": '"2016-03-01"', "kalla": "beslut-nacka-ks"})
    path.write_text(fill_items(text, "beslut-nacka-ks"), encoding="utf-8")
    assert run(work, "check")[0] == 0


def test_new_forum_filled_in_passes_the_checker(work):
    code, _, _ = run(work, "new", "forum", "nytt-forum")
    path = work / "data" / "forum" / "nytt-forum.yaml"
    text = path.read_text(encoding="utf-8")
    assert code == 0 and text.startswith("# yaml-language-server: $schema=../../schema/forum.schema.json\n")
    assert "en av inriktande, samordnande, verkstallande" in text  # the levels, from the model
    assert run(work, "check")[0] == 1
    text = fill(
        text,
        {
            "namn": "Nytt forum",
            "niva": "samordnande",
            "syfte": "Samordnar ett nytt område.",
            "part": "lansstyrelsen-stockholm",
        },
    )
    text = fill(text, {"part": "lansstyrelsen-stockholm"})  # sammankallande
    text = fill(
        text,
        {
            "part": "nacka",
            "funktion": "säkerhetschef",
            "mandat": "Företräder kommunen.",
            "rapporterar_till": "regional-samordningsgrupp",
            "aterrapportering": "Deltagarna informerar sina organisationer.",
            "status": "slutsats",
        },
    )
    text = fill_items(text, "Följer upp arbetet.", "Samordnar insatser.", "beslut-nacka-ks")
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(work, "check")
    assert code == 0, out


def test_new_source_and_decision_filled_in_pass_the_checker(work):
    """A party's source and decision are files of their own too, made the same way."""
    code, out, _ = run(work, "new", "kalla", "nacka-ks-2025")
    kalla = work / "data" / "kallor" / "nacka-ks-2025.yaml"
    assert code == 0 and "beslut ID" not in out  # a source is no change that needs a decision
    text = kalla.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/kalla.schema.json\n")
    assert "\nid: nacka-ks-2025\n" in text
    kalla.write_text(fill(text, {"titel": "Protokoll", "utgivare": "Nacka kommun", "typ": "primar"}), encoding="utf-8")
    code, _, _ = run(work, "new", "beslut", "nacka-beslut-2025")
    beslut = work / "data" / "beslut" / "nacka-beslut-2025.yaml"
    text = beslut.read_text(encoding="utf-8")
    assert code == 0 and text.startswith("# yaml-language-server: $schema=../../schema/beslut.schema.json\n")
    assert run(work, "check")[0] == 1  # refused until filled in
    text = fill(
        text,
        {
            "datum": '"2025-03-01"',
            "organ": "Kommunstyrelsen",
            "rubrik": "Ett beslut",
            "sammanfattning": "Kommunen beslutar.",
            "beskrivning": "Inget ändras.",
        },
    )
    beslut.write_text(fill_items(text, "nacka-ks-2025"), encoding="utf-8")
    code, out, _ = run(work, "check")
    assert code == 0, out
    handbok, _ = pipeline.check(work / "data")
    assert handbok.kallor["nacka-ks-2025"].titel == "Protokoll"
    assert [b.id for b in handbok.beslut if b.id == "nacka-beslut-2025"] == ["nacka-beslut-2025"]


def test_a_source_may_share_its_id_with_a_party(work):
    """Sources have ids of their own: only parties and forums share one namespace."""
    assert run(work, "new", "kalla", "nacka")[0] == 0
    assert (work / "data" / "kallor" / "nacka.yaml").exists()
    code, _, err = run(work, "new", "kalla", "nacka")
    assert code == 1 and "data/kallor/nacka.yaml finns redan" in err.replace("\\", "/")


def test_an_existing_file_is_never_overwritten(work):
    nacka = work / "data" / "parter" / "nacka.yaml"
    before = nacka.read_bytes()
    code, out, err = run(work, "new", "part", "nacka")
    assert (code, out) == (1, "")
    assert err == (
        f"fel: filen {Path('data/parter/nacka.yaml')} finns redan; välj ett annat id eller ändra i "
        "den befintliga filen\n"
    )
    assert nacka.read_bytes() == before
    code, _, err = run(work, "new", "part", "regionala-radet")  # ids are unique across parties and forums
    assert code == 1 and "data/forum/regionala-radet.yaml finns redan" in err.replace("\\", "/")
    assert not (work / "data" / "parter" / "regionala-radet.yaml").exists()


@pytest.mark.parametrize(
    ("ident", "suggestion"),
    [
        ("Nya Kommunen", "nya-kommunen"),
        ("täby-2", "taby-2"),
        ("ny_kommun", "ny-kommun"),
        ("ny--kommun", "ny-kommun"),
    ],
)
def test_a_bad_id_is_refused_with_a_suggestion(work, ident, suggestion):
    before = sorted((work / "data").rglob("*"))
    code, out, err = run(work, "new", "part", ident)
    assert (code, out) == (1, "")
    assert err == (
        f"fel: id:t '{ident}' går inte att använda; ett id har små bokstäver a–z, siffror och "
        f"bindestreck, till exempel {suggestion}\n"
    )
    assert sorted((work / "data").rglob("*")) == before


def test_scaffold_works_while_the_data_has_errors(work):
    """The skeleton does not need a valid model: without one, the basis date is left to fill in."""
    (work / "data" / "parter" / "salem.yaml").write_text("namn: [\n", encoding="utf-8")
    code, _, _ = run(work, "new", "part", "testby", "--kategori", "kommun")
    text = (work / "data" / "parter" / "testby.yaml").read_text(encoding="utf-8")
    assert code == 0
    # The day is named where it is set (underlagsdag), not written out a second time here.
    assert re.search(
        rf"^  - datum:  # {FYLL_I}: dagen underlagsdag i data/avgifter.yaml året före budgetåret", text, re.M
    )


@pytest.mark.parametrize(
    ("sort", "args"), [("part", ()), ("part", ("--kategori", "region")), ("forum", ()), ("kalla", ()), ("beslut", ())]
)
def test_the_skeleton_offers_every_key_of_the_schema(tmp_path, sort, args):
    """Each top-level property has a line, filled in or commented out, but a municipality's keys for another
    category."""
    shutil.copytree(VALID, tmp_path / "data")
    code, _out, err = run(tmp_path, "new", sort, "ny", *args)
    assert (code, err) == (0, "")
    text = (tmp_path / "data" / SORTER[sort] / "ny.yaml").read_text(encoding="utf-8")
    keys = set(re.findall(r"^(?:# )?(\w+):", text, re.M))
    kind = FOLDERS[SORTER[sort]]
    left_out = scaffold.KOMMUN_KEYS if "--kategori" in args else ()  # a region has no kommunkod or folkmangd
    missing = [k for k in read_schema(f"{kind}.schema.json")["properties"] if k not in keys and k not in left_out]
    assert not missing, f"the skeleton for new {sort} {' '.join(args)} lacks {missing}"


def test_a_new_key_in_the_schema_is_offered_with_its_description(tmp_path, monkeypatch):
    """What the field recipe in ARCHITECTURE.md promises: a property added to the schema shows in `new part`."""
    real = scaffold.resolved_schema

    def with_new_key(kind):
        schema = real(kind)
        return {
            **schema,
            "properties": {
                **schema["properties"],
                "falt_fran_testet": {"description": "Ett fält som bara testet har."},
            },
        }

    monkeypatch.setattr(scaffold, "resolved_schema", with_new_key)
    shutil.copytree(VALID, tmp_path / "data")
    assert run(tmp_path, "new", "part", "ny")[0] == 0
    text = (tmp_path / "data" / "parter" / "ny.yaml").read_text(encoding="utf-8")
    assert "\n# Ett fält som bara testet har.\n# falt_fran_testet:\n" in text
