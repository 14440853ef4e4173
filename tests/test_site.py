"""The built handbook: facts from data reach every page, a one-file change reaches all of them, and
hostile text in data is shown as text everywhere."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from tests.helpers import HOSTILE, visible_text
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


@pytest.fixture(scope="module")
def new_party_site(tmp_path_factory, builder) -> Path:
    data = copy_data(tmp_path_factory.mktemp("data-new") / "data")
    (data / "parter" / "testby.yaml").write_text(NEW_PARTY, encoding="utf-8")
    site = tmp_path_factory.mktemp("site-new")
    result = build(data, site, builder)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="module")
def hostile_name_site(tmp_path_factory, builder) -> Path:
    data = copy_data(tmp_path_factory.mktemp("data-hostile") / "data")
    nacka = data / "parter" / "nacka.yaml"
    nacka.write_text(
        nacka.read_text(encoding="utf-8").replace("namn: Nacka kommun", f"namn: '{HOSTILE}'"), encoding="utf-8"
    )
    site = tmp_path_factory.mktemp("site-hostile")
    result = build(data, site, builder)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_nacka_fee_2015_is_computed_with_calculation_and_source(real_site):
    text = visible_text(read(real_site, "parter/nacka.html"))
    assert "95\u00a0182 invånare × 1,50\u00a0kr = 142\u00a0773\u00a0kr" in text
    assert "Folkmängd i riket, län och kommuner 30 juni 2014" in text
    assert "web.archive.org" in read(real_site, "parter/nacka.html")


def test_fee_table_shows_gaps_as_unknown_never_zero(real_site):
    text = visible_text(read(real_site, "avgifter.html"))
    assert "Vaxholms stad uppgift saknas" in text
    assert "Summa, 21 kommuner med känd folkmängd" in text
    assert "ingår inte i summan" in text


def test_unknown_population_page_says_why(real_site):
    text = visible_text(read(real_site, "parter/vaxholm.html"))
    assert "Avgiften kan inte räknas ut eftersom folkmängden den 30 juni 2014 saknas" in text


def test_generated_page_says_its_data_file_and_edits_it(real_site):
    html = read(real_site, "parter/nacka.html")
    assert "<code>data/parter/nacka.yaml</code>" in html
    assert "/edit/main/data/parter/nacka.yaml" in html
    assert "docs/parter/nacka.md" not in html


def test_open_data_is_published_at_stable_paths(real_site):
    model = json.loads(read(real_site, "data/samverkan-stockholmsregionen.json"))
    assert len(model["parter"]) == 37
    assert (real_site / "schema" / "part.schema.json").is_file()
    raw = (real_site / "data" / "avgifter-2015.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    nacka = next(r for r in rows if r[0] == "Nacka kommun")
    assert nacka[7] == "142773"
    vaxholm = next(r for r in rows if r[0] == "Vaxholms stad")
    assert vaxholm[4] == "uppgift saknas" and vaxholm[7] == "uppgift saknas"


def _sum_2015(site: Path) -> int:
    return int(json.loads(read(site, "data/avgifter-2015.json"))["summa_kanda"])


@pytest.mark.slow  # a site build of its own, from changed data
def test_new_party_file_appears_everywhere(real_site, new_party_site):
    site = new_party_site
    assert "Testby kommun" in read(site, "parter/index.html")
    page = visible_text(read(site, "parter/testby.html"))
    assert "10\u00a0001 invånare × 1,50\u00a0kr = 15\u00a0002\u00a0kr" in page  # 15 001,50 rounded half up
    assert "Testby kommun" in read(site, "avgifter.html")
    assert _sum_2015(site) == _sum_2015(real_site) + 15002
    assert "Testby kommun" in read(site, "data/avgifter-2015.csv").replace("\ufeff", "")
    assert "testby" in json.loads(read(site, "data/samverkan-stockholmsregionen.json"))["parter"]
    assert any(d["location"].startswith("parter/testby.html") for d in search_docs(site))
    # The forum pages count category members: every forum open to all parties now has 38.
    assert "Alla parter (38)" in visible_text(read(site, "forum/regionala-radet.html"))


@pytest.mark.slow  # a site build of its own, from changed data
def test_removed_party_is_gone_everywhere(real_site, new_party_site):
    """The real build is the 'removed' state: nothing of the new party remains there."""
    for page in (
        "parter/index.html",
        "avgifter.html",
        "data/avgifter-2015.csv",
        "data/samverkan-stockholmsregionen.json",
        "forum/index.html",
    ):
        assert "Testby" not in read(real_site, page), page
    assert "Testby" not in json.dumps(search_docs(real_site), ensure_ascii=False)
    assert not (real_site / "parter" / "testby.html").exists()


def _pages(site: Path):
    return sorted(p for p in site.rglob("*.html"))


@pytest.mark.slow  # a site build of its own, from changed data
def test_hostile_name_is_shown_literally_everywhere(hostile_name_site):
    site = hostile_name_site
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


@pytest.mark.slow  # a site build of its own, from changed data
def test_hostile_name_keeps_tables_intact(hostile_name_site, real_site):
    def rows(site):
        return read(site, "avgifter.html").count("<tr>")

    assert rows(hostile_name_site) == rows(real_site)
    cells = re.findall(r"<tr>(.*?)</tr>", read(hostile_name_site, "avgifter.html"), re.S)
    widths = {c.count("<td") + c.count("<th") for c in cells}
    assert len(widths) == 1, widths


@pytest.mark.slow  # a site build of its own, from changed data
def test_hostile_name_in_csv_and_search_is_text(hostile_name_site):
    text = (hostile_name_site / "data" / "avgifter-2015.csv").read_text(encoding="utf-8-sig")
    assert HOSTILE in text
    titles = [d["title"] for d in search_docs(hostile_name_site) if d["location"].startswith("parter/nacka.html")]
    assert titles and "<b>" not in titles[0]


HOSTILE_URL = "https://example.com/a)[klick](javascript:alert(document.domain))x/"


@pytest.fixture(scope="module")
def hostile_url_site(tmp_path_factory, builder) -> Path:
    """A source address that the schema accepts but that tries to end its Markdown link and start another."""
    data = copy_data(tmp_path_factory.mktemp("data-url") / "data")
    kallor = data / "kallor.yaml"
    text = kallor.read_text(encoding="utf-8")
    start = text.index("    url: https://web.archive.org")
    end = text.index("\n", start)
    kallor.write_text(text[:start] + f"    url: '{HOSTILE_URL}'" + text[end:], encoding="utf-8")
    site = tmp_path_factory.mktemp("site-url")
    result = build(data, site, builder)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.mark.slow  # a site build of its own, from changed data
def test_hostile_source_url_stays_one_https_link(hostile_url_site):
    hrefs = []
    for page in _pages(hostile_url_site):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"""href=["']?\s*javascript:""", html, re.I), page
        hrefs += re.findall(r'href="(https://example\.com/[^"]*)"', html)
    assert hrefs, "the source link is on the pages"
    assert set(hrefs) == {"https://example.com/a%29%5Bklick%5D%28javascript:alert%28document.domain%29%29x/"}
