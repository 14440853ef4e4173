"""The shipped data in data/: it passes the checker, its known gaps are warnings, not errors, and it holds what
the code relies on. Only what any valid change keeps true is tested here, with counts and names read from the data;
what the code makes of a named party or figure is tested on the fixtures (tests/fixtures/valid)."""

from __future__ import annotations

import re

import pytest

from tests.helpers import ROOT, run_check

LINE = re.compile(r"^(data/\S+):(\d+):(\d+): (fel|varning): (.+) \[([a-z0-9-]+)\]$")


@pytest.fixture(scope="module")
def handbok(real_handbok):
    return real_handbok


def test_check_passes_and_lists_the_known_gaps_as_warnings(handbok):
    code, out, err = run_check(ROOT)
    assert (code, err) == (0, ""), out
    lines = out.splitlines()
    found = [LINE.match(line) for line in lines[:-1]]
    assert all(found), lines
    assert {m.group(4) for m in found} <= {"varning"}
    # The population warnings are exactly the municipalities whose population on a basis date of a year they
    # were parties is recorded as unknown.
    gaps = {
        f"data/parter/{p.id}.yaml"
        for p in handbok.parter.values()
        if p.kategori == "kommun"
        for b in handbok.avgifter.budgetar
        if p.part_under_ar(b.ar) and (f := p.folkmangd_pa(handbok.avgifter.underlagsdatum(b.ar))) and f.uppgift_saknas
    }
    assert {m.group(1) for m in found if m.group(6) == "population-for-basis-date"} == gaps
    n = len(found)
    assert lines[-1] == (
        f"Hittade {n} {'varning' if n == 1 else 'varningar'}. Inga fel." if n else "Inga problem hittades."
    )


def test_parties(handbok):
    assert set(handbok.parter) == {p.stem for p in (ROOT / "data" / "parter").glob("*.yaml")}
    kommuner = [p for p in handbok.parter.values() if p.kategori == "kommun"]
    codes = [p.kommunkod for p in kommuner]
    assert kommuner and len(set(codes)) == len(kommuner) and all(re.fullmatch(r"01\d\d", c) for c in codes)
    assert all(p.kommunkod is None for p in handbok.parter.values() if p.kategori != "kommun")


def test_every_municipality_has_a_population_or_a_reason_for_each_year_it_is_a_party(handbok):
    for p in handbok.parter.values():
        if p.kategori != "kommun":
            continue
        for b in handbok.avgifter.budgetar:
            f = p.folkmangd_pa(handbok.avgifter.underlagsdatum(b.ar))
            if not p.part_under_ar(b.ar):
                assert f is None, (p.id, b.ar)  # no fee basis for a year it was not a party
                continue
            assert f is not None, (p.id, b.ar)
            assert (f.antal is not None and f.kalla in handbok.kallor) != bool(f.uppgift_saknas), (p.id, b.ar)


def test_forums_on_every_level_under_regionala_radet(handbok):
    radet = handbok.regionala_radet()
    assert radet.niva is None and radet.rapporterar_till is None
    for niva in handbok.overenskommelse.styrning.nivaer:
        assert handbok.forum_pa_niva(niva.id), niva.id
    for forum in handbok.forum.values():
        assert forum.ordforande.part in handbok.parter or (forum.ordforande.part is None and forum.ordforande.funktion)
        assert all(m.funktion and m.mandat for m in forum.medlemmar)
