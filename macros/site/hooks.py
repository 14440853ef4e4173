"""MkDocs hooks: the generated pages, files and menu entries (macros/site/generate.py) handed to MkDocs.

Loaded by path, not as part of the package, so imports are absolute. Everything here is MkDocs's way in to
steps that do not depend on MkDocs: Zensical, which runs no hooks, gets the same pages from the same function
written to disk before its build (macros/site/zensical.py). The glossary links are a Markdown extension
(macros/site/termlinks.py) and the edit button of a generated page reads its front matter, so both builders share
those too.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from macros.site import generate, preview, sokindex, state, themefix
from macros.site.config import edit_base
from macros.site.state import load


def on_startup(command, dirty):
    state.serving(command)


@event_priority(-50)  # after the search plugin writes its index, before the offline plugin copies it
def on_post_build(config):
    sokindex.rewrite(config.site_dir, _keywords)
    state.build_finished()
    if state.is_serving():  # the live preview makes and serves the PDFs too, apart from the page rebuild
        preview.after_build(config.site_dir, state.data_dir(config.config_file_path))


def on_shutdown():
    preview.stop()


def on_build_error(error):
    state.build_finished()


def on_config(config):
    generate.extend_nav(config.nav or [], _generated(config).nav)
    return config


_keywords: dict[str, list[str]] = {}  # page URL -> its front matter's sokord (search keywords)


def on_files(files: Files, config) -> Files:
    _keywords.clear()
    gen = _generated(config)
    for page in gen.pages:
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion))
    for name, content in gen.files.items():
        if isinstance(content, Path):
            files.append(File.generated(config, name, abs_src_path=str(content)))
        else:
            files.append(File.generated(config, name, content=content))
    return files


def on_post_page(output: str, page, config) -> str:
    """Note the page's search keywords; repair the theme's invalid attributes (macros/site/themefix.py)."""
    if page.meta.get("sokord"):
        _keywords[page.url] = [str(word) for word in page.meta["sokord"]]
    return themefix.repair(output)


def on_post_template(output: str, template_name: str, config) -> str:
    """The same for the pages made from a theme template alone (404.html)."""
    return themefix.repair(output) if template_name.endswith(".html") else output


_made: tuple[object, generate.Generated] | None = None  # (model, what was generated from it)


def _generated(config) -> generate.Generated:
    """Generated once per model: on_config and on_files of one build, and the preview until the data changes."""
    global _made
    handbok = load(config.config_file_path)
    if _made is None or _made[0] is not handbok:
        _made = (handbok, generate.generated(handbok, edit_base(config)))
    return _made[1]
