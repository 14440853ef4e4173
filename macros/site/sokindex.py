"""Search that understands Swedish, the index side: words without å, ä and ö, and each page's own keywords.

Material's search (lunr with lunr.sv) indexes what the page shows. This step, run after the search plugin has
written ``search/search_index.json`` and before the offline plugin copies it into ``search_index.js``, gives
every entry three more fields, declared with their weights in mkdocs.yml (``plugins.search.fields``):

- ``sokord``: the page's keywords from its front matter (``sokord:``), as written and without diacritics, for the
  page's first entry, weighed like the title: the words readers use for what the page answers;
- ``sokrubrik``: the title's words written without diacritics ("Taby kommun" beside "Täby kommun");
- ``soktext``: the same for the text's words.

The two folded fields weigh less than the title and the text they fold: a word typed without å, ä and ö still
finds its page, but a page with the word exactly as typed ranks above one where it only matches when folded
("kallar" above "källor"). lunr runs the same pipeline (Swedish stemmer included, ``plugins.search.pipeline``)
over these fields as over the others. The query side is docs/assets/sok.js. Nothing here touches what a reader
sees in the results, except that titles and texts lose their soft hyphens.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import yaml

from ..text import escape
from . import hyphenate

KEYWORDS, TITLE, TEXT = "sokord", "sokrubrik", "soktext"
_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[^>]*>")


def fold(text: str) -> str:
    """The text without diacritics: å, ä → a, ö → o, é → e (what a keyboard without them types)."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def folded_words(text: str) -> list[str]:
    """The words of the text that change when folded, folded, once each, in order of first use."""
    seen: dict[str, None] = {}
    looked_at: set[str] = set()
    for word in _WORD.findall(_TAG.sub(" ", text)):
        if word.isascii() or word in looked_at:  # it folds to itself, or its folded form is in seen already
            continue
        looked_at.add(word)
        plain = fold(word).lower()
        # Every one, short ones too: a word typed without å, ä and ö (docs/assets/sok.js) finds a page only
        # through the folded form of its word ("lan" → "län").
        if plain != word.lower():
            seen.setdefault(plain, None)
    return list(seen)


def keywords_field(keywords: list[str]) -> str:
    """A page's keywords as typed and folded."""
    return " ".join(dict.fromkeys([*keywords, *(fold(k) for k in keywords)]))


def keywords_of(page) -> list[str]:
    """A built page's own search keywords, from its front matter's ``sokord:`` (none: an empty list)."""
    return [str(word) for word in page.meta.get("sokord") or []]


def augment(index: dict, keywords: dict[str, list[str]]) -> dict:
    """The index with the three fields added to every entry; ``keywords`` maps a page's URL to its keywords.
    Titles and texts lose their soft hyphens (macros/site/hyphenate.py): a reader types words whole."""
    for doc in index["docs"]:
        for field in ("title", "text"):
            if field in doc:
                doc[field] = hyphenate.without(doc[field])
        doc[KEYWORDS] = keywords_field(keywords.get(doc["location"], []))
        doc[TITLE] = " ".join(folded_words(doc.get("title", "")))
        doc[TEXT] = " ".join(folded_words(doc.get("text", "")))
    return index


def rewrite(site_dir: Path, keywords: dict[str, list[str]]) -> None:
    """Add the fields to the built site's search index, in place."""
    path = Path(site_dir) / "search" / "search_index.json"
    if not path.is_file():  # search switched off
        return
    index = augment(json.loads(path.read_text(encoding="utf-8")), keywords)
    fields = index["config"]["fields"]
    missing = {KEYWORDS, TITLE, TEXT} - set(fields)
    if missing:
        raise ValueError(f"mkdocs.yml: plugins.search.fields saknar {sorted(missing)}; sökningen kan inte läsa dem")
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")  # ASCII, as Material writes it


def keywords_in(docs: Path) -> dict[str, list[str]]:
    """Each page's keywords from the front matter of the Markdown files under docs (Zensical's work folder,
    where no hook notes them): page URL -> keywords."""
    found = {}
    for path in Path(docs).rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n") and "\nsokord:" in text.split("\n---\n", 1)[0]:
            meta = yaml.safe_load(text[4:].split("\n---\n", 1)[0]) or {}
            found[path.relative_to(docs).with_suffix(".html").as_posix()] = [str(w) for w in meta.get("sokord") or []]
    return found


def augment_zensical(index: dict, keywords: dict[str, list[str]]) -> dict:
    """Zensical's index (search.json) with each page's keywords in its first entry, which is all its search reads
    (title, text and path; no field of one's own). Hidden on the page they never reach; in a result's excerpt
    they show, named as search words, so a reader sees why the page was found. Titles and texts lose their soft
    hyphens."""
    for item in index["items"]:
        for field in ("title", "text"):
            if field in item:
                item[field] = hyphenate.without(item[field])
        words = keywords.get(item["location"])
        if words:
            item["text"] += f"<p hidden>Sökord: {escape.html(', '.join(words))}</p>"
    return index
