"""The generation step both site builders share (macros/site/generate.py): what it makes and how it writes it, on the
small valid dataset (tests/fixtures/valid), whose parties the tests may name."""

from __future__ import annotations

import dataclasses
import os

from macros.core.model import Tidpunkt
from macros.site import generate
from tests.helpers import ROOT

EDIT = "https://example.org/repo/edit/main/"


def test_every_party_and_forum_page_is_complete_markdown(valid_handbok):
    gen = generate.generated(valid_handbok, EDIT)
    uris = {p.src_uri for p in gen.pages}
    assert len(uris) == len(valid_handbok.parter) + len(valid_handbok.forum)
    nacka = next(p for p in gen.pages if p.src_uri == "parter/nacka.md")
    head, _, body = nacka.markdown.removeprefix("---\n").partition("\n---\n")
    assert 'title: "Nacka kommun"' in head and "render_macros: false" in head
    assert f'edit_url: "{EDIT}data/parter/nacka.yaml"' in head
    assert body.startswith("# Nacka kommun") and "data/parter/nacka.yaml" in body
    assert "schema/part.schema.json" in gen.files and "data/samverkan-stockholmsregionen.json" in gen.files
    assert len(gen.nav["Parter"]) == len(valid_handbok.parter)


def test_a_party_that_has_left_is_in_the_menu_under_former_parties_only(valid_handbok):
    vaxholm = dataclasses.replace(valid_handbok.parter["vaxholm"], lamnat=Tidpunkt("2020-01-01", "beslut-nacka-ks"))
    h = dataclasses.replace(valid_handbok, parter={**valid_handbok.parter, "vaxholm": vaxholm}, idag="2026-12-01")
    entries = generate.generated(h, EDIT).nav["Parter"]
    today = [e for e in entries if "Tidigare parter" not in e]
    assert "parter/vaxholm.md" not in [uri for e in today for uri in e.values()]
    assert len(today) == len(valid_handbok.parter) - 1
    assert entries[-1] == {"Tidigare parter": [{"Vaxholms stad": "parter/vaxholm.md"}]}


def test_no_edit_url_without_a_forge(valid_handbok):
    gen = generate.generated(valid_handbok, "")
    assert all("edit_url" not in p.markdown.partition("\n---\n")[0] for p in gen.pages)


def test_menu_sections_get_the_generated_entries():
    nav = [{"Start": "index.md"}, {"Parter": ["parter/index.md"]}]
    generate.extend_nav(nav, {"Parter": [{"A": "parter/a.md"}]})
    assert nav[1] == {"Parter": ["parter/index.md", {"A": "parter/a.md"}]}


def test_write_docs_rewrites_only_what_changed_and_removes_what_is_gone(valid_handbok, tmp_path):
    gen = generate.generated(valid_handbok, EDIT)
    target = tmp_path / "docs"
    generate.write_docs(gen, ROOT / "docs", target)
    assert (target / "index.md").read_bytes() == (ROOT / "docs" / "index.md").read_bytes()
    assert (target / "parter" / "nacka.md").read_text(encoding="utf-8") == next(
        p.markdown for p in gen.pages if p.src_uri == "parter/nacka.md"
    )
    assert (target / "schema" / "part.schema.json").is_file()
    stale = target / "parter" / "borttagen.md"
    stale.write_text("gone", encoding="utf-8")
    os.utime(target / "index.md", ns=(1, 1))
    generate.write_docs(gen, ROOT / "docs", target)
    assert not stale.exists()
    assert (target / "index.md").stat().st_mtime_ns == 1  # unchanged content: not rewritten
