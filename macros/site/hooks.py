"""MkDocs hooks: one line or two per event, each handing over to the module that does the work.

Loaded by path (mkdocs.yml's ``hooks:``), not as part of the package, so imports are absolute; and loaded anew
on every rebuild of the live preview, so nothing is kept here: what a build holds is in macros/site/state.py.
Zensical runs no hooks: it gets the generated pages written to disk before its build (macros/site/zensical.py),
and the glossary links are a Markdown extension (macros/site/termlinks.py), so both builders share those.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from macros.site import pages, preview, sokindex, state, themefix


def on_startup(command, dirty):
    state.serving(command)


def on_config(config):
    preview.on_config(config)
    return pages.extend_nav(config)


def on_files(files, config):
    return pages.add_files(files, config)


def on_post_page(output: str, page, config) -> str:
    state.note_keywords(page.url, sokindex.keywords_of(page))
    return themefix.repair(output)


def on_post_template(output: str, template_name: str, config) -> str:
    """The pages made from a theme template alone (404.html)."""
    return themefix.repair_template(output, template_name)


@event_priority(-50)  # after the search plugin writes its index, before the offline plugin copies it
def on_post_build(config):
    sokindex.rewrite(config.site_dir, state.keywords())
    state.build_finished()
    preview.after_build(config)


def on_build_error(error):
    state.build_finished()


def on_serve(server, config, builder):
    return preview.on_serve(server, builder)


def on_shutdown():
    preview.stop()
