"""The agreement PDF's appendix of conclusions (macros/pdf/bilagor.py): each reason cites its sources by their
number in the source appendix, where each title stands once, and statements with the same reasons share an item."""

from __future__ import annotations

from macros.pdf.bilagor import bilaga_slutsatser
from macros.render.slutsatser import punkter


def test_each_source_is_cited_by_its_number_in_the_source_appendix(valid_handbok):
    h = valid_handbok
    numbers = {ident: n for n, ident in enumerate(h.kallor, 1)}
    groups = bilaga_slutsatser(h, "bilaga 9")
    assert groups, "the data has conclusions"
    for group, (rubrik, items) in zip(groups, punkter(h), strict=True):
        assert group["rubrik"] == rubrik
        text = " ".join(group["punkter"])
        for name, u in items:
            assert name in text
            nr = [str(numbers[k]) for k in u.kallor]
            listed = nr[0] if len(nr) == 1 else f"{', '.join(nr[:-1])} och {nr[-1]}"
            if nr:
                assert f"{'Källa' if len(nr) == 1 else 'Källor'}: nr {listed} i bilaga 9." in text, (rubrik, name)
        for k in h.kallor.values():
            assert k.titel not in text, f"{rubrik}: a source's title written out again"


def test_statements_with_the_same_reasons_share_one_item(valid_handbok):
    for group, (_, items) in zip(bilaga_slutsatser(valid_handbok, "bilaga 9"), punkter(valid_handbok), strict=True):
        reasons = {(u.kommentar, tuple(u.kallor)) for _, u in items}
        assert len(group["punkter"]) == len(reasons)
