"""MkDocs hooks: generated party and forum pages, their nav entries, open data files, glossary links.

Loaded by path, not as part of the package, so imports are absolute.

A generated page holds only a front-matter title; on_page_markdown renders its body from the model with the
same function the macro of that name calls. Its edit link points at the data file, not at the page, which
exists only in the build.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable
from functools import partial

from mkdocs.structure.files import File, Files, InclusionLevel

from macros import escape, opendata, site, termlinks, themefix
from macros.render.common import Kontext, forum_sida, part_sida
from macros.render.forum import forumsida
from macros.render.macros import edit_base
from macros.render.parter import partsida
from macros.schemas import SCHEMA_DIR
from macros.site import load


def on_startup(command, dirty):
    site.serving(command)


def on_post_build(config):
    site.build_finished()


def on_build_error(error):
    site.build_finished()


# Material writes the whole menu into every page, so a menu entry per page makes the site grow with the
# square of the data. Above this many, a section's pages are left out of the menu: its index page lists them
# all, and search finds them. The real agreement (37 parties, 6 forums) lists every one.
NAV_MAX = 100


def on_config(config):
    handbok = load(config.config_file_path)
    if _in_nav(handbok.parter):
        _extend_nav(
            config.nav or [], "Parter", [{_nav_title(p.namn): part_sida(p.id)} for p in handbok.parter.values()]
        )
    if _in_nav(handbok.forum):
        _extend_nav(config.nav or [], "Forum", [{_nav_title(f.namn): forum_sida(f.id)} for f in handbok.forum.values()])
    return config


def _in_nav(pages: dict) -> bool:
    return len(pages) <= NAV_MAX


def _nav_title(name: str) -> str:
    return escape.title(name)


def _extend_nav(nav: list, section: str, entries: list) -> None:
    for item in nav:
        if isinstance(item, dict) and section in item:
            item[section] = [*item[section], *entries]
            return
    raise ValueError(f"mkdocs.yml saknar avsnittet {section!r} i nav")


def on_files(files: Files, config) -> Files:
    global _handbok
    handbok = _handbok = load(config.config_file_path)
    _generated.clear()
    for p in handbok.parter.values():
        files.append(
            _page(config, part_sida(p.id), p.namn, partial(partsida, ident=p.id), p.fil, _in_nav(handbok.parter))
        )
    for f in handbok.forum.values():
        files.append(
            _page(config, forum_sida(f.id), f.namn, partial(forumsida, ident=f.id), f.fil, _in_nav(handbok.forum))
        )
    for name, content in opendata.files(handbok).items():
        files.append(File.generated(config, name, content=content))
    for schema in sorted(SCHEMA_DIR.glob("*.schema.json")):
        files.append(File.generated(config, f"schema/{schema.name}", abs_src_path=str(schema)))
    return files


GLOSSARY = "ordlista.md"
_handbok = None  # the model of the build in progress
_generated: dict[str, Callable[[Kontext], str]] = {}  # generated page -> its render function


def on_page_markdown(markdown: str, page, config, files) -> str:
    """A generated page is its render function's output; mkdocs-macros leaves it alone (render_macros: false)."""
    render = _generated.get(page.file.src_uri)
    if render is None:
        return markdown
    return render(Kontext(_handbok, page.file.src_uri, edit_base=edit_base(config)))


def on_page_content(html: str, page, config, files) -> str:
    """Link glossary terms at their first use on every page but the glossary itself."""
    if page.file.src_uri == GLOSSARY:
        return html
    handbok = _handbok  # loaded in on_files: asking the pipeline per page stats every data file per page
    target = files.get_file_from_path(GLOSSARY)
    href = posixpath.relpath(target.url, posixpath.dirname(page.file.url) or ".")
    return termlinks.link_terms(html, handbok.ordlista, href)


def on_post_page(output: str, page, config) -> str:
    """Repair the theme's invalid attributes (macros/themefix.py), so every page is valid HTML."""
    return themefix.repair(output)


def on_post_template(output: str, template_name: str, config) -> str:
    """The same for the pages made from a theme template alone (404.html)."""
    return themefix.repair(output) if template_name.endswith(".html") else output


def _page(config, src_uri: str, name: str, render: Callable[[Kontext], str], data_file: str, in_nav: bool) -> File:
    # The title goes through YAML (json.dumps is valid YAML) and then HTML: entities keep it inert. The body is
    # rendered by on_page_markdown straight from the model: running it through Jinja as a macro call cost more
    # than the page itself (1 ms a page, seconds for thousands).
    content = f"---\ntitle: {json.dumps(escape.title(name))}\nrender_macros: false\n---\n"
    _generated[src_uri] = render
    inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
    file = File.generated(config, src_uri, content=content, inclusion=inclusion)
    # Material's edit button: point at the data file (urljoin resolves the ../ against edit_uri's docs/).
    file.edit_uri = "../" + data_file
    return file
