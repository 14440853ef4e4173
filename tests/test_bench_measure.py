"""The benchmark's one edit: a party's name changed in its data file, nothing else."""

from __future__ import annotations

from bench.measure import party_name, renamed

PARTY = "id: nacka\nnamn: Nacka kommun\nkategori: kommun\ntidigare_namn:\n  - namn: Nacka kommun\n"


def test_renamed_changes_the_name_line_only():
    text = renamed(PARTY, party_name(PARTY) + r" (ändrad \1)")
    assert party_name(text) == r"Nacka kommun (ändrad \1)"
    assert text.replace(r"Nacka kommun (ändrad \1)", "Nacka kommun", 1) == PARTY
