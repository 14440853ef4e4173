"""Samverkanshandboken: the agreement as data, checked and rendered.

``define_env`` is the mkdocs-macros entry point: a thin adapter that exposes the render functions
as macros. The code is in one package per stage: ``core`` (load, check, build the model) and ``text``
(escaping, Swedish formatting) → ``render`` (the site's page sections) → ``site`` (the MkDocs and Zensical
adapters), ``pdf``, ``outputs`` (publish, open data, the offline zip) and ``tools`` (the command line).
"""

from __future__ import annotations


def define_env(env) -> None:
    """Called by mkdocs-macros (MkDocs) once per build, and by Zensical's macros extension once per page."""
    from .site import macros as site_macros
    from .site import state

    site_macros.register(env, state.model(env.conf))
