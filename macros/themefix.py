"""Three repairs to the HTML that Material for MkDocs 9.8.2 writes around every page, so that the Nu Html Checker
(vnu) reports no error on any page (tests/validators/test_vnu.py).

Why a step after rendering rather than copies of Material's partials in overrides/: two of the three sit where no
partial reaches (the toggles are written by base.html outside any block), and a copied partial (nav-item.html is
160 lines) freezes the theme's menu at the copied version, silently, while a theme update changes the original.
Each repair here changes one attribute, matches the theme's markup exactly, and leaves a page it does not match
unchanged: if a later Material writes other markup, nothing breaks, and the vnu test says what is new.

Called for every page and for 404.html by macros/mkdocs_hooks.py (on_post_page, on_post_template).
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


def repair(html: str) -> str:
    """The page with Material's three invalid attributes repaired (see the module's docstring)."""
    html = _EMPTY_TABINDEX.sub(r"\1", html)
    html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    if _TOC_LABEL in html and _TOC_CONTROL not in html:
        html = html.replace(_TOC_LABEL, '<label class="md-nav__title">')
    return html
