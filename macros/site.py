"""The site's view of the pipeline: where the data is, and turning data errors into a failed build."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from . import pipeline
from .model import Handbok
from .problems import DataError, report

log = logging.getLogger("mkdocs.plugins.samverkanshandboken")


def data_dir(config_file: str | os.PathLike) -> Path:
    """data/ beside mkdocs.yml, or HANDBOK_DATA (tests build the fixture dataset this way)."""
    override = os.environ.get("HANDBOK_DATA")
    return Path(override) if override else Path(config_file).resolve().parent / "data"


def load(config_file: str | os.PathLike) -> Handbok:
    """The checked model. Bad data stops the build with every checker message and a non-zero exit."""
    try:
        handbok, warnings = pipeline.load(data_dir(config_file))
    except DataError as exc:
        raise PluginError("Datan har fel, så handboken byggs inte:\n" + report(exc.problems)) from None
    if id(handbok) not in _reported:  # the model is cached; report its warnings once per change
        _reported.add(id(handbok))
        for w in warnings:
            log.info(w.format())
    return handbok


_reported: set[int] = set()
