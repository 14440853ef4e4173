"""The shipped data in data/: it passes the checker, and its known gaps are warnings, not errors."""

from __future__ import annotations

import re
import subprocess
import sys
import time

import pytest

from tests.helpers import ROOT

LINE = re.compile(r"^(data/\S+):(\d+):(\d+): (fel|varning): (.+) \[([a-z0-9-]+)\]$")


@pytest.fixture(scope="module")
def handbok(real_handbok):
    return real_handbok


def test_check_passes_and_lists_the_known_gaps_as_warnings(handbok):
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "macros", "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    elapsed = time.perf_counter() - start
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    found = [LINE.match(line) for line in lines[:-1]]
    assert all(found), lines
    assert {(m.group(4), m.group(6)) for m in found} == {("varning", "population-for-basis-date")}
    # Exactly the municipalities whose population on a basis date is recorded as unknown.
    gaps = {
        p.fil
        for p in handbok.kommuner()
        for b in handbok.avgifter.budgetar
        if (f := p.folkmangd_pa(handbok.avgifter.underlagsdatum(b.ar))) and f.uppgift_saknas
    }
    assert {m.group(1) for m in found} == gaps
    assert lines[-1] == f"Hittade {len(found)} varningar. Inga fel."
    assert elapsed < 10, f"the checker took {elapsed:.1f} s on the real data"


def test_parties(handbok):
    kommuner = handbok.kommuner()
    assert len(handbok.parter) == 37
    assert len(kommuner) == 26
    codes = [p.kommunkod for p in kommuner]
    assert len(set(codes)) == 26 and all(re.fullmatch(r"01\d\d", c) for c in codes)
    assert all(p.kommunkod is None for p in handbok.parter.values() if p.kategori != "kommun")


def test_every_municipality_has_a_population_or_a_reason(handbok):
    for p in handbok.kommuner():
        for b in handbok.avgifter.budgetar:
            f = p.folkmangd_pa(handbok.avgifter.underlagsdatum(b.ar))
            assert f is not None, p.id
            assert (f.antal is not None and f.kalla in handbok.kallor) != bool(f.uppgift_saknas), p.id


def test_forums_on_every_level_under_regionala_radet(handbok):
    radet = handbok.regionala_radet()
    assert radet.niva is None and radet.rapporterar_till is None
    for niva in handbok.overenskommelse.styrning.nivaer:
        assert handbok.forum_pa_niva(niva.id), niva.id
    for forum in handbok.forum.values():
        assert forum.ordforande.part in handbok.parter or (forum.ordforande.part is None and forum.ordforande.funktion)
        assert all(m.funktion and m.mandat for m in forum.medlemmar)


def test_samordningskansliet_is_led_by_a_samordningschef_not_a_party(handbok):
    """The source says a samordningschef leads the office; it names no party as its chair."""
    ordforande = handbok.forum["samordningskansliet"].ordforande
    assert (ordforande.part, ordforande.funktion) == (None, "samordningschef")
