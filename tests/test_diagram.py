"""The organisation charts: golden output, valid accessible SVG, geometry that fits, escaping, and the built page.

Update the expected files after an intended change with `nox -s bless` (or `pytest tests/test_diagram.py
--bless`) and review the diff.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.core import pipeline
from macros.render import diagram, diagram_layout, matris
from macros.render.common import Kontext, html_lank
from macros.render.textmatt import radbryt, textbredd
from macros.text import escape
from tests.helpers import HOSTILE, VALID, assert_golden, make_data
from tests.sitebuild import build, copy_data, read

GOLDEN = Path(__file__).parent / "golden" / "diagram"
SVG = "{http://www.w3.org/2000/svg}"

PAGE = "forum/index.md"


def _model(data: Path):
    h, problems = pipeline.check(data)
    assert h is not None, [p.format() for p in problems]
    return h


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer contains {old!r}; update the test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def handbok():
    return _model(VALID)


def _renderings(h) -> dict[str, str]:
    ctx = Kontext(h, PAGE)
    return {
        "styrningsschema.md": diagram.styrningsdiagram(ctx),
        "styrningsschema.svg": diagram.styrningsdiagram_svg(ctx) + "\n",
        "vem_sitter_var.html": matris.vem_sitter_var(ctx),
    }


@pytest.mark.parametrize("name", ["styrningsschema.md", "styrningsschema.svg", "vem_sitter_var.html"])
def test_matches_golden(handbok, bless, name):
    assert_golden(GOLDEN / name, _renderings(handbok)[name], bless)


def test_same_data_same_bytes():
    assert _renderings(_model(VALID)) == _renderings(_model(VALID))


# --- The SVG ------------------------------------------------------------------------------------


def _texts(svg: ET.Element) -> list[str]:
    """Each <text> element's lines joined with spaces: a label as the reader sees it."""
    return [" ".join(t.text or "" for t in el.iter(f"{SVG}tspan")) for el in svg.iter(f"{SVG}text")]


@pytest.mark.parametrize("linked", [False, True])
def test_svg_is_xml_with_title_description_and_every_name(handbok, linked):
    ctx = Kontext(handbok, PAGE)
    lank = (lambda ident: html_lank(ctx, f"forum/{ident}.md")) if linked else None
    svg = ET.fromstring(diagram.styrningsdiagram_svg(ctx, lank=lank))
    title, desc = svg[0], svg[1]
    assert (title.tag, desc.tag) == (f"{SVG}title", f"{SVG}desc")
    assert svg.get("aria-labelledby") == title.get("id") and svg.get("aria-describedby") == desc.get("id")
    # An image when static; a group when its boxes are links, so the links stay reachable.
    assert svg.get("role") == ("group" if linked else "img")
    texts = _texts(svg)
    for f in handbok.forum.values():
        assert f.namn in texts
        assert f.namn in desc.text
    for n in handbok.overenskommelse.styrning.nivaer:
        assert n.namn in texts
        assert n.namn in desc.text
    links = [a.get("href") for a in svg.iter(f"{SVG}a")]
    assert links == ([f"{ident}.html" for ident in handbok.forum] if linked else [])


def _boxes_and_arrows(h):
    s = diagram_layout.layout(h)
    return s, list(s.rutor.values()), s.pilar


def _crosses(seg, r) -> bool:
    """Does an axis-parallel segment pass through the inside of a box (touching an edge is fine)?"""
    (x1, y1), (x2, y2) = seg
    if x1 == x2:
        return r.x < x1 < r.x + r.w and max(min(y1, y2), r.y) < min(max(y1, y2), r.y + r.h)
    return r.y < y1 < r.y + r.h and max(min(x1, x2), r.x) < min(max(x1, x2), r.x + r.w)


def _on_edge(point, r) -> bool:
    x, y = point
    return (r.x <= x <= r.x + r.w and y in (r.y, r.y + r.h)) or (r.y <= y <= r.y + r.h and x in (r.x, r.x + r.w))


def _check_geometry(h):
    s, boxes, arrows = _boxes_and_arrows(h)
    for i, a in enumerate(boxes):
        assert a.x >= 0 and a.y >= 0 and a.x + a.w <= s.bredd and a.y + a.h <= s.hojd
        for b in boxes[i + 1 :]:
            assert a.x + a.w <= b.x or b.x + b.w <= a.x or a.y + a.h <= b.y or b.y + b.h <= a.y, (a, b)
    reports = [(f.id, f.rapporterar_till) for f in h.forum.values() if f.rapporterar_till]
    assert len(arrows) == len(reports)
    for (child, parent), points in zip(reports, arrows, strict=True):
        assert _on_edge(points[0], s.rutor[child]) and _on_edge(points[-1], s.rutor[parent])
        for seg in itertools.pairwise(points):
            assert seg[0][0] == seg[1][0] or seg[0][1] == seg[1][1], "lines run horizontally or vertically"
            for box in boxes:
                assert not _crosses(seg, box), f"{child} → {parent} crosses {box.forum.id}"
    for band, level in zip(s.band, h.overenskommelse.styrning.nivaer, strict=True):
        for box in (s.rutor[f.id] for f in h.forum_pa_niva(level.id)):
            assert band.y <= box.y and box.y + box.h <= band.y + band.h


def test_geometry_of_the_fixture(handbok):
    _check_geometry(handbok)


def test_geometry_with_every_kind_of_arrow(tmp_path):
    """Up one level, within a level, past a level, and downwards: no arrow crosses a box."""
    data = make_data(tmp_path)
    forum = data / "forum"
    # Same level: a second forum on the coordinating level that reports to its neighbour.
    text = (forum / "regional-samordningsgrupp.yaml").read_text(encoding="utf-8")
    text = text.replace("id: regional-samordningsgrupp", "id: avstamning").replace(
        "namn: Regional samordningsgrupp", "namn: Avstämning"
    )
    text = text.replace("rapporterar_till: regionala-chefsgruppen", "rapporterar_till: regional-samordningsgrupp")
    (forum / "avstamning.yaml").write_text(text, encoding="utf-8")
    # Past a level: the secretariat straight to the council; downwards: the managers to the secretariat.
    _edit(forum / "samordningskansliet.yaml", "rapporterar_till: regional-samordningsgrupp",
          "rapporterar_till: regionala-radet")  # fmt: skip
    _edit(forum / "regionala-chefsgruppen.yaml", "rapporterar_till: regionala-radet",
          "rapporterar_till: samordningskansliet")  # fmt: skip
    h = _model(data)
    _check_geometry(h)
    ET.fromstring(diagram.styrningsdiagram_svg(Kontext(h, PAGE)))


def test_long_names_wrap_inside_their_boxes(tmp_path):
    data = make_data(tmp_path)
    long_name = "Regional samordnings- och uppföljningsgrupp för " * 3 + "Mellanstatligaövergripandesamverkansforumet"
    _edit(data / "forum" / "samordningskansliet.yaml", "namn: Samordningskansliet", f"namn: '{long_name.strip()}'")
    h = _model(data)
    _check_geometry(h)
    box = diagram_layout.layout(h).rutor["samordningskansliet"]
    assert len(box.rader) > 3
    assert "".join(box.rader).replace(" ", "") == long_name.replace(" ", "")
    for line in box.rader:
        assert textbredd(line, diagram_layout.FONT) <= box.w - 2 * diagram_layout.PAD_X


def test_wrap_splits_a_word_longer_than_a_line():
    lines = radbryt("a " + "x" * 80 + " b", 100, 14)
    assert "".join(lines).replace(" ", "") == "a" + "x" * 80 + "b"
    assert all(textbredd(line, 14) <= 100 for line in lines)


# --- Hostile names --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory) -> Path:
    """The fixture dataset with a hostile name on a forum and on a party that has its own row."""
    data = make_data(tmp_path_factory.mktemp("hostile"))
    _edit(data / "forum" / "samordningskansliet.yaml", "namn: Samordningskansliet", f"namn: '{HOSTILE}'")
    _edit(data / "parter" / "stockholms-lans-landsting.yaml", "namn: Stockholms läns landsting",
          f"namn: '{HOSTILE}'")  # fmt: skip
    return data


def test_hostile_names_are_text_in_svg_and_table(hostile_data):
    h = _model(hostile_data)
    ctx = Kontext(h, PAGE)
    svg_src = diagram.styrningsdiagram_svg(ctx)
    assert "<b>" not in svg_src
    svg = ET.fromstring(svg_src)
    assert HOSTILE in _texts(svg) and HOSTILE in svg[1].text
    assert "<b>" not in matris.vem_sitter_var(ctx)
    table = _table(h)  # well-formed: the table is intact
    headers = ["".join(th.find("a").itertext()) for th in table.iter("th") if th.find("a") is not None]
    assert headers.count(HOSTILE) == 2  # the forum's column and the party's row
    text = diagram.textversion(ctx)
    assert "<b>" not in text and f"[{escape.text(HOSTILE)}](samordningskansliet.md)" in text


# --- Who sits where -------------------------------------------------------------------------------


def _table(h) -> ET.Element:
    """The table's wrapper element, parsed as XML: it must be well-formed (the reading guide comes first)."""
    html = matris.vem_sitter_var(Kontext(h, PAGE))
    start = html.index('<div class="handbok-matris">')
    return ET.fromstring(html[start : html.index("</table>\n</div>", start) + len("</table>\n</div>")])


def _rows(h) -> dict[str, list[str]]:
    """The table's rows: row header text (parties joined by ", " and " och ") -> its cells' text."""
    return {
        "".join(r[0].itertext()): ["".join(td.itertext()) for td in r.findall("td")]
        for r in _table(h).findall("table/tbody/tr")
    }


def _alike(h) -> dict[str, str]:
    """The list of forums where all take part alike: forum name -> the function."""
    text = matris.vem_sitter_var(Kontext(h, PAGE))
    return dict(re.findall(r"^- \[([^\]]+)\]\([^)]+\): (.+)$", text, re.M))


def test_each_forum_is_either_in_the_list_of_alike_or_a_column_of_the_table(handbok):
    """What is the same for all is said once; the table has a column only where the parties differ."""
    table = _table(handbok).find("table")
    assert table[0].tag == "caption" and table[0].text
    cols = table.findall("thead/tr/th")
    assert [c.get("scope") for c in cols] == ["col"] * len(cols)
    columns = ["".join(c.find("a").itertext()) for c in cols[1:]]
    alike = _alike(handbok)
    assert alike and columns, "the valid data has forums of both kinds"
    names = [f.namn for f in handbok.forum.values()]
    assert sorted([*alike, *columns]) == sorted(names)  # each forum once, in one of the two
    assert columns == [n for n in names if n in columns]  # in the model's order
    for row in table.findall("tbody/tr"):
        assert row[0].tag == "th" and row[0].get("scope") == "row"
        assert len(row.findall("td")) == len(columns)
        assert any("handbok-ja" in ET.tostring(td, encoding="unicode") for td in row.findall("td"))


def test_a_forum_is_listed_as_alike_only_when_every_party_takes_part_with_that_function(handbok):
    for name, function in _alike(handbok).items():
        for p in handbok.parter_idag():
            functions = {m.funktion for f, m in handbok.medlemskap(p.id) if f.namn == name}
            assert {x.lower() for x in functions} == {function.lower()}, (name, p.namn, functions)


def test_parties_that_take_part_alike_share_a_row_and_chairs_are_named(handbok):
    rows = _rows(handbok)
    kommuner = len(handbok.kommuner())
    assert f"Kommunerna ({kommuner})" in rows
    labelled = [name for label in rows for name in re.split(r", | och ", label)]
    assert len(labelled) == len(set(labelled)), "a party on two rows"
    text = matris.vem_sitter_var(Kontext(handbok, PAGE))
    for f in handbok.forum.values():
        for role in (f.ordforande, f.sammankallande):
            if role.part is not None:
                assert f"[{handbok.parter[role.part].namn}](../parter/{role.part}.md) är " in text


def test_a_municipality_that_differs_gets_its_own_row(tmp_path):
    data = make_data(tmp_path)
    salem = "  - part: salem\n    funktion: kommundirektör\n    mandat: Beslutar för kommunen.\n"
    _edit(data / "forum" / "regionala-chefsgruppen.yaml", "medlemmar:\n", "medlemmar:\n" + salem)
    h = _model(data)
    rows = _rows(h)
    kommuner = len(h.kommuner())
    assert f"Övriga kommuner ({kommuner - 1})" in rows and "Salems kommun" in rows
    assert any("Kommundirektör" in cell for cell in rows["Salems kommun"])


def test_one_new_party_file_reaches_the_table(tmp_path):
    """Acceptance: a copied municipality raises the group's count; another organisation gets its own row."""
    data = make_data(tmp_path)
    parter = data / "parter"
    salem = (parter / "salem.yaml").read_text(encoding="utf-8")
    salem = salem.replace("id: salem", "id: testby").replace("Salems kommun", "Testby kommun")
    (parter / "testby.yaml").write_text(salem.replace('"0128"', '"0199"'), encoding="utf-8")
    sll = (parter / "stockholms-lans-landsting.yaml").read_text(encoding="utf-8")
    sll = (
        sll.replace("id: stockholms-lans-landsting", "id: testverket")
        .replace("Stockholms läns landsting", "Testverket")
        .replace("Region Stockholm", "Testregionen")  # two parties never share a name (name-unique)
    )
    (parter / "testverket.yaml").write_text(sll, encoding="utf-8")
    h = _model(data)
    assert f"Kommunerna ({len(_model(VALID).kommuner()) + 1})" in _rows(h)
    text = matris.vem_sitter_var(Kontext(h, PAGE))
    assert "[Testverket](../parter/testverket.md)" in text or 'testverket.html">Testverket</a>' in text
    assert "Testby kommun" not in text


def test_a_party_in_no_forum_says_so(tmp_path):
    data = make_data(tmp_path)
    kansliet = data / "forum" / "samordningskansliet.yaml"
    for _ in range(2):  # chair and convener: the county board then has no part in the secretariat
        _edit(kansliet, "part: lansstyrelsen-stockholm", "part: stockholms-lans-landsting")
    h = _model(data)
    assert "Länsstyrelsen i Stockholms län" not in _rows(h)
    text = matris.vem_sitter_var(Kontext(h, PAGE))
    outside = text[text.rindex("</div>") :]
    assert "[Länsstyrelsen i Stockholms län](../parter/lansstyrelsen-stockholm.md)" in outside
    assert outside.rstrip().endswith("deltar inte i något av forumen i tabellen.")


# --- The built page ---------------------------------------------------------------------------


class _Page(HTMLParser):
    """Text inside the chart's figure, the SVG link targets, and whether any script sits in the figure."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.figure_text: list[str] = []
        self.all_text: list[str] = []
        self.hrefs: list[str] = []
        self.script_in_figure = False
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "figure" and "handbok-schema" in (a.get("class") or ""):
            self.depth = 1
        elif self.depth and tag == "figure":
            self.depth += 1
        self.script_in_figure |= bool(self.depth and tag == "script")
        self.skip += tag in ("script", "style")
        if tag == "a" and a.get("href") and (self.depth or a.get("href", "").startswith("../parter/")):
            self.hrefs.append(a["href"])

    def handle_endtag(self, tag):
        if self.depth and tag == "figure":
            self.depth -= 1
        self.skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self.skip:
            self.all_text.append(data)
            if self.depth:
                self.figure_text.append(data)


def _parse(html: str) -> _Page:
    p = _Page()
    p.feed(html)
    return p


@pytest.fixture(scope="module")
def site(real_site) -> Path:
    return real_site


def test_page_shows_chart_text_without_javascript(site):
    h = _model(Path("data"))
    html = read(site, "forum/index.html")
    page = _parse(html)
    figure = " ".join(" ".join(page.figure_text).split())
    text = " ".join(" ".join(page.all_text).split())
    assert not page.script_in_figure
    for name in [*(f.namn for f in h.forum.values()), *(n.namn for n in h.overenskommelse.styrning.nivaer)]:
        for line in radbryt(name, diagram_layout.NAMN_BREDD, diagram_layout.FONT):
            assert line in figure  # in the SVG
        assert name in text  # and in the text version beside it
    assert "assets/diagram.css" in html and (site / "assets" / "diagram.css").exists()


def test_page_links_resolve(site):
    html = read(site, "forum/index.html")
    hrefs = _parse(html).hrefs
    assert hrefs, "the chart and the table link to forum and party pages"
    for href in hrefs:
        path, _, anchor = href.partition("#")
        target = (site / "forum" / path).resolve()
        assert target.is_file(), href
        if anchor:
            assert re.search(rf'id="{re.escape(anchor)}"', target.read_text(encoding="utf-8")), href


@pytest.mark.slow  # a site build of its own, from changed data
def test_page_shows_hostile_names_literally(tmp_path_factory):
    data = copy_data(tmp_path_factory.mktemp("data-diagram-hostile") / "data")
    _edit(data / "forum" / "avstamningskonferens.yaml", "namn: Avstämningskonferens", f"namn: '{HOSTILE}'")
    _edit(data / "parter" / "sos-alarm.yaml", "namn: SOS Alarm", f"namn: '{HOSTILE}'")
    out = tmp_path_factory.mktemp("site-diagram-hostile")
    result = build(data, out)
    assert result.returncode == 0, result.stderr
    html = read(out, "forum/index.html")
    assert "<b>x</b>" not in html
    page = _parse(html)
    figure = "".join(page.figure_text)
    text = "".join(page.all_text)
    assert HOSTILE in figure  # the SVG label
    assert text.count(HOSTILE) >= 5  # SVG, text version (twice), table column and row, level list
    assert "49" not in figure
