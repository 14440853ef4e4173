"""load → check → model: the one pipeline behind the checker, the site, the PDF and the tests."""

from __future__ import annotations

import os
from pathlib import Path

from . import tid
from .build_model import build_model
from .checks import run_checks
from .dataset import load_dataset
from .model import Handbok
from .problems import DataError, Problem, errors

_cache: dict[Path, tuple[tuple, Handbok, list[Problem]]] = {}


def check(data_dir: Path) -> tuple[Handbok | None, list[Problem]]:
    """All problems in the data, sorted; the model too if there is no error."""
    ds, problems = load_dataset(data_dir)
    problems = sorted(set(problems + run_checks(ds)))
    if errors(problems):
        return None, problems
    return build_model(ds), problems


def load(data_dir: Path) -> tuple[Handbok, list[Problem]]:
    """The checked model and its warnings; raises DataError with every problem if there is an error.

    The result is kept until a file under data_dir changes, so the site's several entry points and
    repeated live-preview builds read the data once per change.
    """
    data_dir = Path(data_dir).resolve()
    stamp = (tid.idag(), _stamp(data_dir))  # who is a party, and the stale-year warning, depend on the day
    hit = _cache.get(data_dir)
    if hit and hit[0] == stamp:
        return hit[1], hit[2]
    handbok, problems = check(data_dir)
    if handbok is None:
        raise DataError(problems)
    _cache[data_dir] = (stamp, handbok, problems)
    return handbok, problems


def _stamp(data_dir: Path) -> tuple:
    entries = []
    for dirpath, dirnames, filenames in os.walk(data_dir):
        dirnames.sort()
        for name in sorted(filenames):
            st = os.lstat(os.path.join(dirpath, name))  # a broken link is a file the checker refuses
            entries.append((dirpath, name, st.st_mtime_ns, st.st_size))
    return tuple(entries)
