"""Repairs to the HTML that Material for MkDocs 9.8.2 writes around every page: three so that the Nu Html Checker
(vnu) reports no error on any page (tests/validators/test_vnu.py), three for the accessibility checkers (axe,
HTML_CodeSniffer, Lighthouse; tests/browser/test_browser_pages.py, tests/validators/).

Why a step after rendering rather than copies of Material's partials in overrides/: some sit where no partial
reaches (the toggles are written by base.html outside any block), and a copied partial (nav-item.html is 160
lines, search.html 45) freezes that part of the theme at the copied version, silently, while a theme update
changes the original. Each repair here changes one attribute or element, matches the theme's markup exactly, and
leaves a page it does not match unchanged: if a later Material writes other markup, nothing breaks, and the
validator tests say what is new.

Called for every page and for 404.html by macros/site/hooks.py (on_post_page, on_post_template).
"""

from __future__ import annotations

import re

# 1. partials/nav-item.html gives a section's label `tabindex="{{ tabindex }}"`, empty when the section's label
#    is not meant to be focusable; an empty tabindex is no integer. Leaving the attribute out is what was meant.
_EMPTY_TABINDEX = re.compile(r'(<label class="md-nav__link[^"<>]*"[^<>]*?) tabindex=""')

# 2. base.html writes the drawer and search toggles as `<input type="checkbox" ... autocomplete="off">`;
#    autocomplete is not allowed on a checkbox. (Its aim: Firefox should not restore a toggle's state when a
#    reader goes back. Without it, Firefox may show the menu or search open as it was left.)
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^<>]*type="checkbox"[^<>]*?) autocomplete="off"')

# 3. partials/toc.html labels the table of contents' title `for="__toc"`, but the `__toc` checkbox is written
#    only for a page that is itself a menu entry, not for a section's index page (navigation.indexes). There
#    the label names no control; without `for` it is the plain title it looks like.
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'
_TOC_CONTROL = 'id="__toc"'


# 4. partials/search.html makes the search a `role="dialog"` without a name (axe and Lighthouse:
#    aria-dialog-name). Named as its field is, "Sök".
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_SEARCH_NAMED = '<div class="md-search" data-md-component="search" role="dialog" aria-label="Sök">'

# 5. HTML_CodeSniffer H32.2: a form needs a submit button.
#    - partials/palette.html wraps the two colour scheme switches in a <form> that is never sent: a <div> does
#      the same (the theme's script reads the radio buttons, not the form).
#    - partials/search.html's form is sent by Enter in the search field (the theme's script opens the first
#      result); the button that says so is hidden, as Enter is the way. The form itself must stay: the theme's
#      script listens to its reset event.
_PALETTE_FORM = re.compile(r'<form (class="md-header__option" data-md-component="palette")>(.*?)</form>', re.S)
_SEARCH_FORM = '<form class="md-search__form" name="search">'
_SEARCH_SUBMIT = _SEARCH_FORM + '<button type="submit" hidden>Sök</button>'


# 6. partials/nav-item.html names each menu section's <nav> by the label of its toggle
#    (aria-labelledby="__nav_3_label"); with navigation.indexes that label holds only an icon, so the section
#    navs are landmarks without a name, all alike (axe: landmark-unique). The nav's own title label, which holds
#    the section's name, is given an id and names the nav instead.
_SECTION_NAV = re.compile(
    r'(<nav class="md-nav" data-md-level="\d+") aria-labelledby="(__nav_[0-9_]+)_label"'
    r'( aria-expanded="(?:true|false)">\s*<label class="md-nav__title" for="\2")>'
)


def repair(html: str) -> str:
    """The page with Material's invalid or unnamed parts repaired (see the module's docstring)."""
    html = _EMPTY_TABINDEX.sub(r"\1", html)
    html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    if _TOC_LABEL in html and _TOC_CONTROL not in html:
        html = html.replace(_TOC_LABEL, '<label class="md-nav__title">')
    html = html.replace(_SEARCH_DIALOG, _SEARCH_NAMED)
    html = _PALETTE_FORM.sub(r"<div \1>\2</div>", html, count=1)
    html = _SECTION_NAV.sub(r'\1 aria-labelledby="\2_title"\3 id="\2_title">', html)
    return html.replace(_SEARCH_FORM, _SEARCH_SUBMIT)


def repair_template(output: str, template_name: str) -> str:
    """A page made from a theme template alone (404.html) repaired the same way; other templates as they are."""
    return repair(output) if template_name.endswith(".html") else output
