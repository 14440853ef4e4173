"""macros/site/themefix.py: each repair changes exactly the theme's invalid attribute and nothing else."""

from __future__ import annotations

from macros.site.themefix import repair


def test_empty_tabindex_on_a_section_label_is_dropped():
    html = '<label class="md-nav__link " for="__nav_3" id="__nav_3_label" tabindex="">Parter</label>'
    assert repair(html) == '<label class="md-nav__link " for="__nav_3" id="__nav_3_label">Parter</label>'


def test_a_real_tabindex_stays():
    html = '<label class="md-nav__link " for="__nav_3" id="__nav_3_label" tabindex="0">Parter</label>'
    assert repair(html) == html


def test_autocomplete_is_dropped_from_the_toggles_only():
    toggle = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
    field = '<input type="text" class="md-search__input" name="query" autocomplete="off" required>'
    assert repair(toggle + field) == (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">' + field
    )


def test_toc_label_loses_for_only_where_there_is_no_toc_control():
    label = '<label class="md-nav__title" for="__toc">Innehåll</label>'
    assert repair(label) == '<label class="md-nav__title">Innehåll</label>'
    with_control = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">' + label
    assert repair(with_control) == with_control


def test_search_dialog_gets_a_name():
    html = '<div class="md-search" data-md-component="search" role="dialog"><label>'
    assert repair(html) == '<div class="md-search" data-md-component="search" role="dialog" aria-label="Sök"><label>'


def test_palette_form_becomes_a_div_and_search_form_gets_a_hidden_submit_button():
    palette = '<form class="md-header__option" data-md-component="palette"><input type="radio"></form>'
    search = '<form class="md-search__form" name="search"><input type="text"></form>'
    assert repair(palette + search) == (
        '<div class="md-header__option" data-md-component="palette"><input type="radio"></div>'
        '<form class="md-search__form" name="search"><button type="submit" hidden>Sök</button>'
        '<input type="text"></form>'
    )


def test_section_nav_is_named_by_its_title_not_by_the_empty_toggle_label():
    html = (
        '<nav class="md-nav" data-md-level="1" aria-labelledby="__nav_3_label" aria-expanded="false">\n'
        '  <label class="md-nav__title" for="__nav_3">Parter</label>'
    )
    assert repair(html) == (
        '<nav class="md-nav" data-md-level="1" aria-labelledby="__nav_3_title" aria-expanded="false">\n'
        '  <label class="md-nav__title" for="__nav_3" id="__nav_3_title">Parter</label>'
    )


def test_other_markup_is_left_alone():
    html = '<p tabindex="">text</p><input type="checkbox" autocomplete="off">'
    assert repair(html) == html
