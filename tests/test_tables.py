"""macros/site/tables.py: a table of three columns or more carries each column's name in its cells (the phone's
card view), with no ARIA roles; a narrower table is left as it is."""

from __future__ import annotations

import markdown

from macros.site.tables import StackedTables


def _html(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", StackedTables()])


def test_a_wide_table_is_marked_and_its_cells_named_after_their_columns():
    html = _html("| Datum | Beslut | Organ |\n|---|---|---|\n| 1 april | Ingår | KS |\n")
    assert "<table data-stack" in html
    assert '<td data-label="Beslut">Ingår</td>' in html and '<td data-label="Organ">KS</td>' in html
    assert "role=" not in html  # the Nu Html Checker refuses roles on a table's rows and cells


def test_a_two_column_table_is_left_alone():
    html = _html("| Kommun | Kod |\n|---|---|\n| Nacka | 0182 |\n")
    assert "data-stack" not in html and "data-label" not in html


def test_a_label_is_the_header_text_without_markup():
    html = _html("| Datum | **Avgift** 2015 | Källa |\n|---|---|---|\n| a | 1 kr | SCB |\n")
    assert 'data-label="Avgift 2015"' in html
