"""The theme's interface in plain Swedish on every page (overrides/partials/language.html, overrides/404.html): no
English text in a control's name, title or placeholder, none of the theme's Swedish texts that say the wrong
thing, and a page for a missing address that says so in Swedish."""

from __future__ import annotations

import re
from pathlib import Path

import material

from tests.sitebuild import read

# Material's English interface texts, which a page must not show where the Swedish ones belong.
_ENGLISH = Path(material.__file__).parent / "templates" / "partials" / "languages" / "en.html"
# The theme's Swedish texts that are wrong or unclear, and what overrides/partials/language.html says instead.
WRONG = {
    "Gå till datakatalog": "Handbokens källkod och data",  # the repository link: neither a "katalog" nor data alone
    "Initialiserar sök": "Sökningen förbereds",
    "Redigera sidan": "Föreslå en ändring av sidan",  # a reader proposes a change; nobody edits the site directly
    "Tillbaka till toppen": "Till början av sidan",
}
_ATTRIBUTE = re.compile(r'\s(?:title|aria-label|placeholder|alt)="([^"]*)"')


def english_texts() -> set[str]:
    pairs = re.findall(r'^\s*"([\w.]+)": "([^"]*)"', _ENGLISH.read_text(encoding="utf-8"), re.M)
    assert len(pairs) > 30, f"{_ENGLISH}: the theme's English texts were not found; has the file changed?"
    return {text for key, text in pairs if key not in {"language", "search.config.lang", "search.config.pipeline"}}


def test_no_english_or_wrong_interface_text_on_any_page(real_site):
    english = english_texts()
    found = {}
    for path in sorted(real_site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        names = set(_ATTRIBUTE.findall(html))
        bad = sorted(names & english) + [w for w in WRONG if w in html]
        if bad:
            found[path.relative_to(real_site).as_posix()] = bad
    assert not found, "page → English or wrong interface text:\n" + "\n".join(f"  {p}: {b}" for p, b in found.items())


def test_the_right_texts_are_there(real_site):
    """The replacements show where the wrong texts were (a test above that finds nothing proves nothing alone)."""
    page = read(real_site, "parter/nacka.html")
    right = ["Handbokens källkod och data", "Föreslå en ändring av sidan"]
    if 'data-md-component="search-result"' in page:  # Material's search box (Zensical draws its own)
        right.append("Sökningen förbereds")
    for text in right:
        assert text in page, text


def test_the_page_for_a_missing_address_is_swedish(real_site):
    page = read(real_site, "404.html")
    assert re.search(r"<h1[^>]*>\s*Sidan finns inte\s*</h1>", page), "404.html has no Swedish heading"
    assert "<title>Sidan finns inte - " in page
    assert "Not found" not in page
