"""The built handbook: facts from data reach every page, a one-file change reaches all of them, and
hostile text in data is shown as text everywhere.

What a page says about a named party or figure is tested on the small valid dataset (valid_site), whose figures
only the tests change; the shipped data's site (real_site) gets what holds for any valid data, with counts and
names read from its model."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from macros.core import fees
from tests.helpers import HOSTILE, VALID, visible_text
from tests.sitebuild import build, copy_data, read, search_docs

NEW_PARTY = """\
# yaml-language-server: $schema=../../schema/part.schema.json
id: testby
namn: Testby kommun
kategori: kommun
kommunkod: "0199"
folkmangd:
  - datum: "2014-06-30"
    antal: 10001
    kalla: scb-folkmangd-2014-06-30
kallor:
  - beslut-nacka-ks
"""
HOSTILE_URL = "https://example.com/a)[klick](javascript:alert(document.domain))x/"


@pytest.fixture(scope="module")
def new_party_site(tmp_path_factory, builder) -> Path:
    """The valid dataset and one more municipality."""
    data = copy_data(tmp_path_factory.mktemp("data-new") / "data", VALID)
    assert not (data / "parter" / "testby.yaml").exists()
    (data / "parter" / "testby.yaml").write_text(NEW_PARTY, encoding="utf-8")
    site = tmp_path_factory.mktemp("site-new")
    result = build(data, site, builder)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="module")
def hostile_text_site(tmp_path_factory, builder) -> Path:
    """The valid dataset with a party name that is markup, a table separator and a template expression, and a
    source address that the schema accepts but that tries to end its Markdown link and start another."""
    data = copy_data(tmp_path_factory.mktemp("data-hostile") / "data", VALID)
    nacka = data / "parter" / "nacka.yaml"
    nacka.write_text(
        nacka.read_text(encoding="utf-8").replace("namn: Nacka kommun", f"namn: '{HOSTILE}'"), encoding="utf-8"
    )
    kalla = data / "kallor" / "scb-folkmangd-2014-06-30.yaml"
    text = kalla.read_text(encoding="utf-8")
    start = text.index("url: https://web.archive.org")
    end = text.index("\n", start)
    kalla.write_text(text[:start] + f"url: '{HOSTILE_URL}'" + text[end:], encoding="utf-8")
    site = tmp_path_factory.mktemp("site-hostile")
    result = build(data, site, builder)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


# --- A named party and its figures (the valid dataset) ------------------------------------------------------


def test_nacka_fee_2015_is_computed_with_calculation_and_source(valid_site):
    text = visible_text(read(valid_site, "parter/nacka.html"))
    assert "95\u00a0182 invånare × 1,50\u00a0kr = 142\u00a0773\u00a0kr" in text
    assert "Folkmängd i riket, län och kommuner 30 juni 2014" in text
    assert "web.archive.org" in read(valid_site, "parter/nacka.html")


def test_fee_table_shows_gaps_as_unknown_never_zero(valid_site, valid_handbok):
    text = visible_text(read(valid_site, "avgifter.html"))
    table = fees.avgiftstabell(valid_handbok, 2015)
    assert "Vaxholms stad uppgift saknas" in text
    assert f"Summa, {len(table.rader) - table.antal_okanda} kommuner med känd folkmängd" in text
    assert "ingår inte i summan" in text


def test_unknown_population_page_says_why(valid_site):
    text = visible_text(read(valid_site, "parter/vaxholm.html"))
    assert "Avgiften kan inte räknas ut eftersom folkmängden den 30 juni 2014 saknas" in text


def test_generated_page_says_its_data_file_and_edits_it(valid_site):
    html = read(valid_site, "parter/nacka.html")
    assert "<code>data/parter/nacka.yaml</code>" in html
    assert "/edit/main/data/parter/nacka.yaml" in html
    assert "docs/parter/nacka.md" not in html


def test_open_data_has_each_municipalitys_fee_or_says_it_is_unknown(valid_site):
    raw = (valid_site / "data" / "avgifter-2015.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    nacka = next(r for r in rows if r[0] == "Nacka kommun")
    assert nacka[7] == "142773"
    vaxholm = next(r for r in rows if r[0] == "Vaxholms stad")
    assert vaxholm[4] == "uppgift saknas" and vaxholm[7] == "uppgift saknas"


# --- The shipped data: what holds for any valid data ---------------------------------------------------------


def test_open_data_is_published_at_stable_paths(real_site, real_handbok):
    model = json.loads(read(real_site, "data/samverkan-stockholmsregionen.json"))
    assert set(model["parter"]) == set(real_handbok.parter)
    assert (real_site / "schema" / "part.schema.json").is_file()
    for b in real_handbok.avgifter.budgetar:
        raw = (real_site / "data" / f"avgifter-{b.ar}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), b.ar
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))[1:]
        table = fees.avgiftstabell(real_handbok, b.ar)
        assert sorted(r[0] for r in rows) == sorted(a.part.namn for a in table.rader), b.ar


def test_fee_table_names_every_unknown_population_and_counts_the_known(real_site, real_handbok):
    """The newest year's table: each municipality whose population is unknown says so, and the sum says how many
    municipalities it covers."""
    newest = max(b.ar for b in real_handbok.avgifter.budgetar)
    table = fees.avgiftstabell(real_handbok, newest)
    text = visible_text(read(real_site, "avgifter.html"))
    known = len(table.rader) - table.antal_okanda
    assert f"Summa, {known} {'kommun' if known == 1 else 'kommuner'} med känd folkmängd" in text
    for a in table.rader:
        if a.folkmangd is None:
            assert f"{a.part.namn} uppgift saknas" in text, a.part.id


def _sum_2015(site: Path) -> int:
    return int(json.loads(read(site, "data/avgifter-2015.json"))["summa_kanda"])


def test_new_party_file_appears_everywhere(valid_site, new_party_site, valid_handbok):
    site = new_party_site
    assert "Testby kommun" in read(site, "parter/index.html")
    page = visible_text(read(site, "parter/testby.html"))
    assert "10\u00a0001 invånare × 1,50\u00a0kr = 15\u00a0002\u00a0kr" in page  # 15 001,50 rounded half up
    assert "Testby kommun" in read(site, "avgifter.html")
    assert _sum_2015(site) == _sum_2015(valid_site) + 15002
    assert "Testby kommun" in read(site, "data/avgifter-2015.csv").replace("\ufeff", "")
    assert "testby" in json.loads(read(site, "data/samverkan-stockholmsregionen.json"))["parter"]
    assert any(d["location"].startswith("parter/testby.html") for d in search_docs(site))
    # The forum pages count category members: a forum open to all parties has one more.
    everyone = f"Alla parter ({len(valid_handbok.parter) + 1})"
    assert everyone in visible_text(read(site, "forum/regionala-radet.html"))


def test_removed_party_is_gone_everywhere(valid_site, new_party_site):
    """The valid dataset's build is the 'removed' state: nothing of the new party remains there."""
    for page in (
        "parter/index.html",
        "avgifter.html",
        "data/avgifter-2015.csv",
        "data/samverkan-stockholmsregionen.json",
        "forum/index.html",
    ):
        assert "Testby" in read(new_party_site, page), page
        assert "Testby" not in read(valid_site, page), page
    assert "Testby" not in json.dumps(search_docs(valid_site), ensure_ascii=False)
    assert not (valid_site / "parter" / "testby.html").exists()


def _pages(site: Path):
    return sorted(p for p in site.rglob("*.html"))


def test_hostile_name_is_shown_literally_everywhere(hostile_text_site):
    site = hostile_text_site
    seen = []
    for page in _pages(site):
        html = page.read_text(encoding="utf-8")
        assert "<b>x</b>" not in html, page
        assert "| 49" not in visible_text(html), page  # the template expression was never evaluated
        if HOSTILE in visible_text(html):
            seen.append(page.relative_to(site).as_posix())
    assert {"parter/nacka.html", "parter/index.html", "avgifter.html"} <= set(seen)
    title = re.search(r"<title>(.*?)</title>", read(site, "parter/nacka.html"), re.S).group(1)
    assert visible_text(title).startswith(HOSTILE)


def test_hostile_name_keeps_tables_intact(hostile_text_site, valid_site):
    def rows(site):
        return len(re.findall(r"<tr[\s>]", read(site, "avgifter.html")))

    assert rows(hostile_text_site) == rows(valid_site) > 0
    cells = re.findall(r"<tr[^>]*>(.*?)</tr>", read(hostile_text_site, "avgifter.html"), re.S)
    widths = {c.count("<td") + c.count("<th") for c in cells}
    assert len(widths) == 1, widths


def test_hostile_name_in_csv_and_search_is_text(hostile_text_site):
    text = (hostile_text_site / "data" / "avgifter-2015.csv").read_text(encoding="utf-8-sig")
    assert HOSTILE in text
    titles = [d["title"] for d in search_docs(hostile_text_site) if d["location"].startswith("parter/nacka.html")]
    assert titles and "<b>" not in titles[0]


def test_hostile_source_url_stays_one_https_link(hostile_text_site):
    hrefs = []
    for page in _pages(hostile_text_site):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"""href=["']?\s*javascript:""", html, re.I), page
        hrefs += re.findall(r'href="(https://example\.com/[^"]*)"', html)
    assert hrefs, "the source link is on the pages"
    assert set(hrefs) == {"https://example.com/a%29%5Bklick%5D%28javascript:alert%28document.domain%29%29x/"}
