"""What keeps the handbook linear in the size of its data (see bench/): the who-sits-where table forum by forum
when a grid would be too large, and the fast paths of the loader and the schema check giving the same answers
as the strict ones."""

from __future__ import annotations

import re

import pytest

from macros import pipeline
from macros.render import matris
from macros.render.common import Kontext
from tests.helpers import VALID

PAGE = "forum/index.md"


@pytest.fixture(scope="module")
def handbok():
    h, problems = pipeline.check(VALID)
    assert h is not None, [p.format() for p in problems]
    return h


def test_large_who_sits_where_lists_each_forum_with_the_same_cells(handbok, monkeypatch):
    grid = matris.vem_sitter_var(Kontext(handbok, PAGE))
    monkeypatch.setattr(matris, "MAX_CELLER", 0)
    listed = matris.vem_sitter_var(Kontext(handbok, PAGE))
    assert "<caption>Vem sitter var</caption>" in listed
    cells = re.findall(r'<td><span class="handbok-ja".*?</td>', grid)
    rows = re.findall(r"<tr><th scope=\"row\">.*?</tr>", listed)
    # Every filled cell of the grid is one row of the list, and the list has no "does not take part" rows.
    assert sorted(cells) == sorted(re.search(r'<td><span class="handbok-ja".*?</td>', r).group(0) for r in rows)
    assert "deltar inte" not in listed
    for f in handbok.forum.values():
        if any(f.id in r for r in rows):
            assert f"{f.id}.html" in listed
