"""The decision log page and its links from party and forum pages, and the data reference generated from the
schemas: in the built site, and its examples checked against the schemas they document."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from macros.core import schemas
from macros.core.loader import load_bytes
from macros.render import beslut, datareferens
from macros.render.common import Kontext
from macros.text.format import datum
from tests.helpers import visible_text
from tests.sitebuild import read


@pytest.fixture(scope="module")
def site(real_site) -> Path:
    return real_site


@pytest.fixture(scope="module")
def handbok(real_handbok):
    return real_handbok


def test_the_log_is_in_date_order(handbok):
    assert [b.datum for b in handbok.beslut] == sorted(b.datum for b in handbok.beslut)


def test_a_decision_reads_with_its_body_start_and_source(valid_handbok):
    ksl = valid_handbok.beslut[0]
    assert (ksl.organ, ksl.galler_fran, ksl.kallor) == ("KSL:s styrelse", "2015-01-01", ("beslut-nacka-ks",))


def test_log_page_lists_every_decision_with_an_anchor(site, handbok):
    page = read(site, "beslut.html")
    assert "<title>Beslut och ändringar" in page
    positions = [page.index(f'id="{b.id}"') for b in handbok.beslut]
    assert positions == sorted(positions)  # oldest first
    text = visible_text(page)
    for b in handbok.beslut:
        assert f"{datum(b.datum)}: {b.rubrik}" in text, b.id
        if b.galler_fran:
            assert f"Gäller från: {datum(b.galler_fran)}" in text, b.id


def test_party_and_forum_pages_link_to_their_decisions(site, handbok):
    for ident in handbok.parter:
        page = read(site, f"parter/{ident}.html")
        for b in handbok.beslut_om_part(ident):
            assert f'href="../beslut.html#{b.id}"' in page, (ident, b.id)
    for ident in handbok.forum:
        page = read(site, f"forum/{ident}.html")
        decisions = handbok.beslut_om_forum(ident)
        for b in decisions:
            assert f'href="../beslut.html#{b.id}"' in page, (ident, b.id)
        # A forum no decision names has no decision section.
        assert ('id="beslut-och-andringar"' in page) == bool(decisions), ident


def test_empty_log_and_hostile_text(handbok):
    empty = dataclasses.replace(handbok, beslut=())
    assert beslut.beslutslogg(Kontext(empty, "beslut.md")).startswith("Inga beslut finns i handbokens data ännu.")
    assert beslut.beslut_avsnitt(Kontext(empty, "parter/nacka.md"), []) == ""
    hostile = dataclasses.replace(handbok.beslut[0], rubrik="<script>x</script> {{ 7*7 }}", organ="*fet* | a")
    text = beslut.beslutslogg(Kontext(dataclasses.replace(handbok, beslut=(hostile,)), "beslut.md"))
    assert "<script>" not in text and "{{" not in text and "*fet*" not in text
    assert "&lt;script&gt;" in text and "&#123;&#123; 7&#42;7 &#125;&#125;" in text


# --- The data reference --------------------------------------------------------------------------


def _keys(node) -> set[str]:
    """Every property name anywhere in a schema, following $refs: what the reference page must mention."""
    out: set[str] = set()
    if isinstance(node, dict):
        out |= set(node.get("properties", {}))
        for value in node.values():
            out |= _keys(value)
    elif isinstance(node, list):
        for value in node:
            out |= _keys(value)
    return out


def test_reference_page_covers_every_kind_and_key(site):
    page = read(site, "datareferens.html")
    for f in datareferens.filsorter():
        assert f'id="{f.kind}"' in page, f.kind
        raw = json.loads(schemas.schema_path(f.kind).read_text(encoding="utf-8"))
        for key in _keys(schemas.resolved_schema(f.kind)) | set(raw.get("properties", {})):
            assert f"<code>{key}</code>" in page, f"{f.kind}: {key}"
        assert f'href="schema/{f.kind}.schema.json"' in page


def test_reference_table_says_what_is_required():
    rows = {x.path: x for x in datareferens.falt(schemas.resolved_schema("part"))}
    assert rows[("namn",)].kravs and not rows[("kommunkod",)].kravs
    assert rows[("folkmangd", "datum")].kravs and rows[("folkmangd", "datum")].typ == "datum (ÅÅÅÅ-MM-DD)"
    assert rows[("kategori",)].typ.startswith("ett av: <code>kommun</code>")
    assert datareferens.alternativ(schemas.resolved_schema("part")) == [
        (("tidigare_namn",), [["till"], ["uppgift_saknas"]]),
        (("folkmangd",), [["antal", "kalla"], ["uppgift_saknas"]]),
        (("ansluten",), [["datum", "kalla"], ["uppgift_saknas"]]),
        (("lamnat",), [["datum", "kalla"], ["uppgift_saknas"]]),
    ]


@pytest.mark.parametrize("kind", [f.kind for f in datareferens.filsorter()])
def test_every_example_passes_the_loader_and_its_schema(kind):
    f = next(x for x in datareferens.filsorter() if x.kind == kind)
    text = datareferens.exempelfil(f)
    doc, problems = load_bytes(text.encode("utf-8"), f"exempel/{kind}.yaml")
    assert problems == [] and doc is not None, text
    assert schemas.validate(doc, kind) == [], text
    assert doc.first_line.endswith(f"schema/{kind}.schema.json")


def test_schemas_are_published_with_the_site_unchanged(site):
    published = sorted(p.name for p in (site / "schema").glob("*.schema.json"))
    assert published == sorted(p.name for p in schemas.SCHEMA_DIR.glob("*.schema.json"))
    for name in published:
        assert (site / "schema" / name).read_bytes() == (schemas.SCHEMA_DIR / name).read_bytes()


def test_reference_page_names_each_file_location():
    text = datareferens.datareferens(Kontext(None, "datareferens.md"))
    assert re.search(r"<code>data/parter/ID\.yaml</code>", text) and "<code>data/beslut/ID.yaml</code>" in text
