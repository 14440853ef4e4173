"""The pages and files that exist only in the build, made once for every site builder.

Party and forum pages, the open data files, the published schemas and their menu entries come from the model,
not from docs/. ``generated()`` makes them all; MkDocs adds them to its files from its hooks
(macros/site/pages.py), and ``write_docs()`` writes them beside a copy of docs/ for a builder that runs no hooks
(Zensical, macros/site/zensical.py). Both get the same bytes, so both builders publish the same pages.

A generated page is complete Markdown: a front matter with a plain-text title, ``render_macros: false`` (its
body is already rendered from the model, and names from data must never be read as Jinja) and ``edit_url``,
the data file to edit (overrides/partials/actions.html points the edit button there), then its body, rendered
by the same function as the macro of that name.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..core.model import Handbok
from ..core.pages import BESLUT_ATOM, forum_sida, part_sida, schema_file
from ..core.schemas import schema_files
from ..outputs import atom, opendata
from ..render.common import Kontext
from ..render.forum import forumsida
from ..render.partsida import partsida
from ..text import escape

# Material writes the whole menu into every page, so a menu entry per page makes the site grow with the
# square of the data. Above this many, a section's pages are left out of the menu: its index page lists them
# all, and search finds them. The real agreement (37 parties, 6 forums) lists every one.
NAV_MAX = 100


@dataclass(frozen=True)
class Page:
    """A generated page: where it goes in the docs folder, its Markdown, and whether the menu lists it."""

    src_uri: str
    markdown: str
    in_nav: bool


@dataclass(frozen=True)
class Generated:
    pages: list[Page]
    files: dict[str, str | bytes | Path]  # path in the site -> its content, or the file to copy (the schemas)
    nav: dict[str, list[dict]]  # menu section -> entries to append, {title: src_uri} or {title: [entries]}


def generated(
    handbok: Handbok, edit_base: str, site_url: str = "", andrad: Mapping[str, str] | None = None
) -> Generated:
    """Every page, file and menu entry the build adds to docs/. ``edit_base`` is the forge's edit address,
    ``site_url`` the site's published address (macros/site/config.py), ``andrad`` each data file's last day
    (macros/core/andringsdagar.py)."""
    andrad = andrad or {}
    parter_in_nav, forum_in_nav = _in_nav(handbok.parter), _in_nav(handbok.forum)
    pages = []
    for p in handbok.parter.values():
        uri = part_sida(p.id)
        body = partsida(Kontext(handbok, uri, edit_base=edit_base, andrad=andrad), p.id)
        keywords = [*p.sokord, *(t.namn for t in p.tidigare_namn)]
        pages.append(Page(uri, _markdown(p.namn, _edit_url(edit_base, p.fil), body, keywords), parter_in_nav))
    for f in handbok.forum.values():
        uri = forum_sida(f.id)
        body = forumsida(Kontext(handbok, uri, edit_base=edit_base, andrad=andrad), f.id)
        pages.append(Page(uri, _markdown(f.namn, _edit_url(edit_base, f.fil), body), forum_in_nav))
    files: dict[str, str | bytes | Path] = dict(opendata.files(handbok))
    files[BESLUT_ATOM] = atom.beslut_atom(handbok, site_url)
    for schema in schema_files():
        files[schema_file(schema.name)] = schema
    nav = {}
    if parter_in_nav:
        nav["Parter"] = [{escape.title(p.namn): part_sida(p.id)} for p in handbok.parter_idag()]
        # Parties still to join and those that have left are not listed among today's (as on parter/index.md).
        apart = {"Kommande parter": handbok.kommande_parter(), "Tidigare parter": handbok.tidigare_parter()}
        for label, parties in apart.items():
            if parties:
                nav["Parter"].append({label: [{escape.title(p.namn): part_sida(p.id)} for p in parties]})
    if forum_in_nav:
        nav["Forum"] = [{escape.title(f.namn): forum_sida(f.id)} for f in handbok.forum.values()]
    return Generated(pages, files, nav)


def extend_nav(nav: list, entries: dict[str, list[dict[str, str]]]) -> list:
    """The configured menu with the generated entries appended to their sections (changed in place)."""
    for section, added in entries.items():
        for item in nav:
            if isinstance(item, dict) and section in item:
                item[section] = [*item[section], *added]
                break
        else:
            raise ValueError(f"mkdocs.yml saknar avsnittet {section!r} i nav")
    return nav


def write_docs(gen: Generated, docs_dir: Path, target: Path) -> None:
    """target = docs_dir plus every generated page and file; files that are already right are left untouched.

    Untouched files keep their modification time, so a builder with a cache (Zensical) rebuilds only what
    changed; files that are no longer made (a removed party) are deleted.
    """
    wanted: dict[Path, bytes | Path] = {}
    for path in sorted(p for p in docs_dir.rglob("*") if p.is_file()):
        wanted[target / path.relative_to(docs_dir)] = path
    for page in gen.pages:
        wanted[target / page.src_uri] = page.markdown.encode("utf-8")
    for name, content in gen.files.items():
        wanted[target / name] = content.encode("utf-8") if isinstance(content, str) else content
    for path, content in wanted.items():
        data = content.read_bytes() if isinstance(content, Path) else content
        if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".part")
        partial.write_bytes(data)
        os.replace(partial, path)
    if target.is_dir():
        for path in sorted(target.rglob("*"), reverse=True):  # files before the folders that hold them
            if path.is_file() and path not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()


def _in_nav(pages: dict) -> bool:
    return len(pages) <= NAV_MAX


def _edit_url(edit_base: str, data_file: str) -> str:
    return edit_base + data_file.replace("\\", "/") if edit_base else ""


def _markdown(name: str, edit_url: str, body: str, keywords: list[str] = ()) -> str:
    # The title goes through YAML (json.dumps is valid YAML) and then HTML: entities keep it inert.
    meta = [f"title: {json.dumps(escape.title(name))}", "render_macros: false"]
    if keywords:  # the search index's keywords, weighed like the title (macros/site/sokindex.py)
        meta.append(f"sokord: {json.dumps(list(keywords))}")
    if edit_url:
        meta.append(f"edit_url: {json.dumps(edit_url)}")
    return "---\n" + "\n".join(meta) + "\n---\n" + body
