"""`python -m macros folkmangd`: the yearly population update from an SCB table, CSV or JSON-stat 2.0.

The example tables in tests/fixtures/scb/ have made-up numbers. The fixture dataset has Nacka (0182),
Salem (0128) and Vaxholm (0187); the tables have Nacka, Salem, Upplands Väsby (no party) and the county.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import json
from pathlib import Path

import pytest

from macros.tools import cli, scb
from tests.helpers import FIXTURES, ROOT, make_data, run_check, valid_position
from tests.test_diff import NBSP, Repo

SCB = FIXTURES / "scb"
CSV = SCB / "folkmangd-exempel.csv"
JSONSTAT = SCB / "folkmangd-exempel.json"
SOURCE = "scb-folkmangd-2014-06-30"  # a source the fixture has (data/kallor/)


def run(workdir: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(workdir), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["folkmangd", *args])
    return code, out.getvalue(), err.getvalue()


def files(data: Path) -> dict[str, bytes]:
    return {p.relative_to(data).as_posix(): p.read_bytes() for p in sorted(data.rglob("*.yaml"))}


def test_import_adds_only_its_lines_and_keeps_comments(tmp_path):
    data = make_data(tmp_path)
    nacka = data / "parter" / "nacka.yaml"
    nacka.write_text(
        nacka.read_text(encoding="utf-8").replace("folkmangd:\n", "folkmangd:  # uppdateras varje år\n"),
        encoding="utf-8",
    )
    before = files(data)
    code, out, err = run(tmp_path, str(CSV), "--datum", "2025-06-30", "--kalla", SOURCE)
    assert (code, err) == (0, ""), err
    after = files(data)
    assert {k for k in after if after[k] != before[k]} == {"parter/nacka.yaml", "parter/salem.yaml"}
    for name in ("parter/nacka.yaml", "parter/salem.yaml"):
        old, new = before[name].decode().splitlines(), after[name].decode().splitlines()
        ops = [op for op in difflib.SequenceMatcher(a=old, b=new).get_opcodes() if op[0] != "equal"]
        assert [op[0] for op in ops] == ["insert"], ops  # nothing changed or removed, only lines added
    assert "# uppdateras varje år" in after["parter/nacka.yaml"].decode()
    assert (
        '    kalla: scb-folkmangd-2014-06-30\n  - datum: "2025-06-30"\n    antal: 33333\n'
        "    kalla: scb-folkmangd-2014-06-30\nanslutningsbeslut:"
    ) in after["parter/nacka.yaml"].decode()
    assert f"data/parter/nacka.yaml: lade till folkmängden 33{NBSP}333 den 2025-06-30 för Nacka kommun" in out
    assert "Saknas i tabellen, ingen ändring: Vaxholms stad (0187)." in out
    assert "Koder i tabellen som inte är någon part: 0114." in out
    assert run_check(tmp_path, "--data", "data")[0] == 0
    # The same file again changes nothing.
    code, out, _ = run(tmp_path, str(CSV), "--datum", "2025-06-30", "--kalla", SOURCE)
    assert code == 0 and files(data) == after
    assert "Fanns redan med samma siffra, oförändrade: 2 kommuner." in out and "Lade till 0" in out


def test_json_stat_gives_the_same_files_as_csv(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for folder, table in ((a, CSV), (b, JSONSTAT)):
        make_data(folder)
        assert run(folder, str(table), "--datum", "2025-06-30", "--kalla", SOURCE)[0] == 0
    assert files(a / "data") == files(b / "data")


def test_a_changed_number_is_reported_never_overwritten(tmp_path):
    data = make_data(tmp_path)
    table = tmp_path / "t.csv"
    table.write_text('"region","2014M06"\n"0182 Nacka",95200\n"0128 Salem",16076\n', encoding="utf-8")
    before = files(data)
    code, out, _ = run(tmp_path, str(table), "--datum", "2014-06-30", "--kalla", SOURCE)
    assert code == 1 and files(data) == before
    nacka = valid_position("parter/nacka.yaml", 'datum: "2014-06-30"')
    assert (
        f"{nacka}: datan har 95{NBSP}182 för 2014-06-30, tabellen 95{NBSP}200; "
        "inget ändrades, rätta för hand om tabellen är rätt"
    ) in out
    assert "data/parter/vaxholm.yaml:" not in out  # Vaxholm is not in the table
    assert "Saknas i tabellen, ingen ändring: Vaxholms stad (0187)." in out


def test_the_source_must_exist_in_kallor(tmp_path):
    make_data(tmp_path)
    code, _, err = run(tmp_path, str(CSV), "--datum", "2025-06-30", "--kalla", "scb-2025")
    assert code == 1
    assert err.startswith(
        "fel: källan 'scb-2025' finns inte i data/kallor/; lägg till den först som data/kallor/scb-2025.yaml"
    )


def test_a_bad_date_is_a_usage_error(tmp_path):
    make_data(tmp_path)
    code, _, err = run(tmp_path, str(CSV), "--datum", "2025-6-30", "--kalla", SOURCE)
    assert code == 2 and "2025-6-30" in err


@pytest.mark.parametrize(
    "raw",
    [
        '"region","kön","2025M06"\n"0182 Nacka","totalt",33333\n'.encode(),
        "\ufeffregion;kön;2025M06\r\n0182 Nacka;totalt;33 333\r\n".encode(),
        "region\tFolkmängd 2025M06\n0182\t33\u00a0333\n".encode(),
        '"region","kön","2025M06"\n"0182 Nacka","totalt",33333\n'.encode("cp1252"),
        b'"region","2024M06","2025M06"\n"0182 Nacka",30000,33333\n"0128 Salem",..,..\n',
    ],
    ids=["comma", "semicolon-bom-spaces", "tab-code-only", "windows-1252", "two-periods-and-missing"],
)
def test_csv_variants(raw, tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes(raw)
    table = scb.read(path, "2025-06-30")
    assert table.antal == {"0182": 33333}
    assert table.saknas == (["0128"] if b"0128" in raw else [])


def test_a_table_for_another_period_or_with_several_rows_per_municipality_is_refused(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('"region","2024M12"\n"0182 Nacka",1\n', encoding="utf-8")
    with pytest.raises(scb.TableError, match="en annan period än 2025-06-30"):
        scb.read(path, "2025-06-30")
    path.write_text('"region","kön","2025M06"\n"0182 Nacka","män",1\n"0182 Nacka","kvinnor",2\n', encoding="utf-8")
    with pytest.raises(scb.TableError, match="står på flera rader"):
        scb.read(path, "2025-06-30")
    doc = json.loads(JSONSTAT.read_text(encoding="utf-8"))
    doc["size"][1] = 2
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(scb.TableError, match="dimensionen 'Kon' har 2 värden"):
        scb.read(path, "2025-06-30")


def test_json_stat_value_as_an_object_and_index_as_a_list(tmp_path):
    doc = json.loads(JSONSTAT.read_text(encoding="utf-8"))
    doc["value"] = {"2": 22222, "3": 33333}
    doc["dimension"]["Region"]["category"]["index"] = ["01", "0114", "0128", "0182"]
    path = tmp_path / "t.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    table = scb.read(path, "2025-06-30")
    assert table.antal == {"0128": 22222, "0182": 33333} and table.saknas == ["0114"]


@pytest.mark.parametrize("value", [-5, 1.5, True, "abc", [1], "\u0663\u0663\u0663", "1" * 5000])
def test_a_json_stat_value_that_is_no_whole_number_is_refused_with_a_sentence(value, tmp_path):
    doc = json.loads(JSONSTAT.read_text(encoding="utf-8"))
    doc["value"][3] = value
    path = tmp_path / "t.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(scb.TableError, match=r"kommunkoden 0182 har .* som folkmängd; bara ett heltal"):
        scb.read(path, "2025-06-30")
    data = make_data(tmp_path)
    before = files(data)
    code, _out, err = run(tmp_path, str(path), "--datum", "2025-06-30", "--kalla", SOURCE)
    assert code == 1 and "kommunkoden 0182" in err and "oväntat" not in err, err
    assert files(data) == before


def test_then_diff_shows_the_effect_on_every_fee(tmp_path):
    repo = Repo(tmp_path / "repo")
    repo.edit(
        "avgifter.yaml",
        "    kalla: beslut-nacka-ks\ntotal_kostnad:",
        '    kalla: beslut-nacka-ks\n  - ar: 2016\n    belopp_per_invanare: "1,50"\n'
        "    kalla: beslut-nacka-ks\ntotal_kostnad:",
    )
    table = repo.root / "t.csv"
    table.write_text('"region","2015M06"\n"0182 Nacka",33333\n"0128 Salem",22222\n"0187 Vaxholm",..\n')
    code, out, _ = run(repo.root, str(table), "--datum", "2015-06-30", "--kalla", SOURCE)
    assert code == 0, out
    assert "Utan siffra i tabellen (..), ingen ändring: Vaxholms stad (0187)." in out
    repo.edit(  # by hand, as the guide says: the gap with its reason
        "parter/vaxholm.yaml",
        "folkmangd:\n",
        'folkmangd:\n  - datum: "2015-06-30"\n    uppgift_saknas: Tabellen från SCB har ingen siffra (..).\n',
    )
    diff = repo.changed("HEAD")
    assert f"| Nacka kommun | – | 50{NBSP}000{NBSP}kr | – |" in diff
    assert f"| Salems kommun | – | 33{NBSP}333{NBSP}kr | – |" in diff


def test_the_guide_shows_the_example_file_as_it_is():
    guide = (ROOT / "docs" / "andra-handboken.md").read_text(encoding="utf-8")
    example = CSV.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    assert f"```text\n{example}```" in guide
    assert "python3 noxfile.py -s folkmangd -- --datum 2025-06-30" in guide


# --- folkmangd-saknas: a budget year's missing populations marked unknown in one command ----------------------------


def saknas(workdir: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(workdir), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["folkmangd-saknas", *args])
    return code, out.getvalue(), err.getvalue()


REASON = "SCB:s tabell för 30 juni 2015 har inte hämtats ännu."


def _new_year(data: Path) -> None:
    """Budget year 2016 in the fixture, its rate unknown: every municipality then lacks the 2015-06-30 figure."""
    fees = data / "avgifter.yaml"
    text = fees.read_text(encoding="utf-8")
    old = "    kalla: beslut-nacka-ks\ntotal_kostnad:"
    assert old in text
    fees.write_text(
        text.replace(
            old,
            "    kalla: beslut-nacka-ks\n  - ar: 2016\n    uppgift_saknas: Beloppet har inte sökts.\ntotal_kostnad:",
        ),
        encoding="utf-8",
    )


def test_a_budget_years_missing_populations_are_marked_unknown_in_one_command(tmp_path):
    data = make_data(tmp_path)
    _new_year(data)
    salem = data / "parter" / "salem.yaml"  # Salem has its figure already: it is left alone
    salem.write_text(
        salem.read_text(encoding="utf-8").replace(
            "kallor:\n", '  - datum: "2015-06-30"\n    antal: 16200\n    kalla: scb-folkmangd-2014-06-30\nkallor:\n', 1
        ),
        encoding="utf-8",
    )
    code, out, _ = run_check(tmp_path, "--data", "data")
    lacking = sorted(line.split(":")[0] for line in out.splitlines() if "fel: folkmängd den 2015-06-30 saknas" in line)
    assert code == 1 and lacking and "data/parter/salem.yaml" not in lacking
    before = files(data)

    code, out, err = saknas(tmp_path, "--ar", "2016", "--skal", REASON)
    assert (code, err) == (0, ""), err
    after = files(data)
    assert sorted(f"data/{k}" for k in after if after[k] != before[k]) == lacking
    for name in (k for k in after if after[k] != before[k]):
        old, new = before[name].decode().splitlines(), after[name].decode().splitlines()
        ops = [op for op in difflib.SequenceMatcher(a=old, b=new).get_opcodes() if op[0] != "equal"]
        assert [op[0] for op in ops] == ["insert"], ops
        assert f'  - datum: "2015-06-30"\n    uppgift_saknas: "{REASON}"\n' in after[name].decode()
    assert [line.split(":")[0] for line in out.splitlines() if "skrev uppgift_saknas" in line] == lacking
    assert "Har redan en siffra eller ett skäl för 2015-06-30, oförändrade: Salems kommun." in out
    assert f"Skrev uppgift_saknas i {len(lacking)} filer och ändrade inget annat." in out
    code, out, _ = run_check(tmp_path, "--data", "data")
    assert code == 0 and "[population-for-basis-date]" in out  # the gaps stay visible, as warnings
    # Again: nothing to do.
    assert saknas(tmp_path, "--ar", "2016", "--skal", REASON)[0] == 0 and files(data) == after


def test_a_municipality_that_is_no_party_that_year_gets_no_entry(tmp_path):
    data = make_data(tmp_path)
    _new_year(data)
    nacka = data / "parter" / "nacka.yaml"
    nacka.write_text(
        nacka.read_text(encoding="utf-8").replace(
            "kallor:\n", 'lamnat:\n  datum: "2015-12-31"\n  kalla: beslut-nacka-ks\nkallor:\n'
        ),
        encoding="utf-8",
    )
    before = files(data)
    code, out, _ = saknas(tmp_path, "--ar", "2016", "--skal", REASON)
    assert code == 0 and "Inte part budgetåret 2016, ingen ändring: Nacka kommun." in out
    assert files(data)["parter/nacka.yaml"] == before["parter/nacka.yaml"]
    assert run_check(tmp_path, "--data", "data")[0] == 0


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--ar", "2031", "--skal", REASON], 1, "fel: budgetåret 2031 finns inte i data/avgifter.yaml"),
        (["--ar", "2016", "--skal", "okänd"], 2, "fel: skriv skälet i en mening, minst 10 tecken"),
        (["--ar", "2016", "--skal", "Länets folkmängd var 2 181 318."], 2, "fel: skälet nämner siffran 2 181 318;"),
        (["--ar", "2016", "--skal", REASON, "--kalla", "finns-inte"], 1, "fel: källan 'finns-inte' finns inte"),
        (["--ar", "16", "--skal", REASON], 2, "är inget budgetår; skriv året med fyra siffror"),
    ],
)
def test_folkmangd_saknas_refuses_with_a_sentence_and_writes_nothing(args, code, message, tmp_path):
    data = make_data(tmp_path)
    _new_year(data)
    before = files(data)
    got, out, err = saknas(tmp_path, *args)
    assert got == code and message in err and out == ""
    assert files(data) == before


def test_a_reason_with_a_figure_and_its_source_passes_the_check(tmp_path):
    data = make_data(tmp_path)
    _new_year(data)
    reason = "Länets folkmängd var 2 181 318, men kommunens egen siffra saknas."
    assert saknas(tmp_path, "--ar", "2016", "--skal", reason, "--kalla", SOURCE)[0] == 0
    assert f"    kallor:\n      - {SOURCE}\n" in (data / "parter" / "nacka.yaml").read_text(encoding="utf-8")
    assert run_check(tmp_path, "--data", "data")[0] == 0
