"""Samverkanshandboken: the agreement as data, checked and rendered.

``define_env`` is the mkdocs-macros entry point: a thin adapter that exposes the render functions
as macros. Everything else lives in small modules: loader → dataset/schemas → checks → model → render.
"""

from __future__ import annotations


def define_env(env) -> None:
    from .render import macros as render_macros
    from .site import load

    handbok = load(env.conf.config_file_path)
    render_macros.register(env, handbok)
