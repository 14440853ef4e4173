"""The generated pages, files and menu entries (macros/site/generate.py) handed to MkDocs by its hooks.

Zensical, which runs no hooks, gets the same pages from the same function written to disk before its build
(macros/site/zensical.py). What is generated comes from this build's model (macros/site/state.py).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File, Files, InclusionLevel

from . import generate, state


def extend_nav(config):
    """The on_config hook: the generated menu entries appended to their sections of mkdocs.yml's nav."""
    generate.extend_nav(config.nav or [], state.generated(config).nav)
    return config


def add_files(files: Files, config) -> Files:
    """The on_files hook: every generated page and file among MkDocs's files."""
    gen = state.generated(config)
    for page in gen.pages:
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion))
    for name, content in gen.files.items():
        if isinstance(content, Path):
            files.append(File.generated(config, name, abs_src_path=str(content)))
        else:
            files.append(File.generated(config, name, content=content))
    return files
