"""Samverkanshandboken: the agreement as data, checked and rendered.

``define_env`` is the mkdocs-macros entry point: a thin adapter that exposes the render functions
as macros. The code is in one package per stage, each importing only the stages before it: ``core`` (load,
check, build the model) and ``text`` (escaping, Swedish formatting) → ``render`` (the site's page sections) →
``pdf`` (the agreement and the party sheets) → ``outputs`` (open data, the decision feed, the offline zip) →
``site`` (the MkDocs and Zensical adapters) → ``tools`` (the command line, and publish: the whole publication
in one step). ARCHITECTURE.md draws it; tests/test_architecture.py holds it.
"""

from __future__ import annotations


def define_env(env) -> None:
    """Called by mkdocs-macros (MkDocs) once per build, and by Zensical's macros extension once per page."""
    from .site import macros as site_macros
    from .site import state

    site_macros.register(env, state.model(env.conf))
