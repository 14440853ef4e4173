"""The site's view of the pipeline: where the data is, and turning data errors into a failed build.

Except in the live preview (``mkdocs serve``): there a save with a mistake must not stop the preview.
MkDocs's server stops answering page requests after a failed rebuild until a rebuild succeeds, so on
bad data the preview keeps building from the last good model and prints the checker's messages; the
next good save shows again. ``mkdocs build`` always fails on bad data.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from ..core import pipeline
from ..core.model import Handbok
from ..core.problems import DataError, report

log = logging.getLogger("mkdocs.plugins.samverkanshandboken")


def data_dir(config_file: str | os.PathLike) -> Path:
    """data/ beside mkdocs.yml, or HANDBOK_DATA (tests build the fixture dataset this way)."""
    override = os.environ.get("HANDBOK_DATA")
    return Path(override) if override else Path(config_file).resolve().parent / "data"


def config_file(conf) -> str:
    """The builder's config file: MkDocs's config object names it; Zensical's config is a dict with the
    project folder (macros/site/zensical.py writes the mkdocs.yml there and sets HANDBOK_DATA)."""
    path = getattr(conf, "config_file_path", None)
    return path if path else os.path.join(conf.get("root_dir", "."), "mkdocs.yml")


def load(config_file: str | os.PathLike) -> Handbok:
    """The checked model. Bad data stops the build with every checker message and a non-zero exit."""
    where = data_dir(config_file).resolve()
    if where in _failed_this_build:  # the preview already fell back in this build: don't check ~100 times
        return _last_good[where]
    try:
        handbok, warnings = pipeline.load(where)
    except DataError as exc:
        if not (_serving and where in _last_good):
            raise PluginError("Datan har fel, så handboken byggs inte:\n" + report(exc.problems)) from None
        _failed_this_build.add(where)
        _report_kept(exc.problems)
        return _last_good[where]
    _last_good[where] = handbok
    if id(handbok) not in _reported:  # the model is cached; report its warnings once per change
        _reported.add(id(handbok))
        for w in warnings:
            log.info(w.format())
    return handbok


_reported: set[int] = set()
_serving = False  # set by the on_startup hook: True under `mkdocs serve`
_last_good: dict[Path, Handbok] = {}  # data folder -> last model without errors, for the live preview
_failed_this_build: set[Path] = set()  # data folders that fell back to the last good model in this build


def serving(command: str) -> None:
    """Called once when MkDocs starts: remember whether this is the live preview."""
    global _serving
    _serving = command == "serve"


def is_serving() -> bool:
    return _serving


def build_finished() -> None:
    """Called after each build, so the next build checks the data again."""
    _failed_this_build.clear()


def _report_kept(problems: list) -> None:
    log.error(
        "Datan har fel. Förhandsvisningen visar den senaste fungerande versionen tills felen är rättade:\n"
        + report(problems)
    )
