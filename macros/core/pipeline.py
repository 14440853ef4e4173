"""load → check → model: the one pipeline behind the checker, the site, the PDF and the tests."""

from __future__ import annotations

from pathlib import Path

from .build_model import build_model
from .checks import run_checks
from .dataset import load_dataset
from .model import Handbok
from .problems import DataError, Problem, errors


def check(data_dir: Path) -> tuple[Handbok | None, list[Problem]]:
    """All problems in the data, sorted; the model too if there is no error."""
    ds, problems = load_dataset(data_dir)
    problems = sorted(set(problems + run_checks(ds)))
    if errors(problems):
        return None, problems
    return build_model(ds), problems


def load(data_dir: Path) -> tuple[Handbok, list[Problem]]:
    """The checked model and its warnings; raises DataError with every problem if there is an error.

    Every call reads and checks the data again: a caller that asks more than once keeps the model itself (the
    site: macros/site/state.py).
    """
    handbok, problems = check(Path(data_dir).resolve())
    if handbok is None:
        raise DataError(problems)
    return handbok, problems
