"""The one holder of the site's current model: every part of a site build asks here for the checked model.

mkdocs-macros (``define_env``), the hooks that add the generated pages (macros/site/pages.py) and the glossary
links (macros/site/termlinks.py) all ask ``model(conf)``. The first ask of a build loads and checks the data
(macros/core/pipeline.py) and the rest of that build gets the same model, so a build reads the data once. The
next build (the live preview's rebuild after a save) keeps it if no file under the data folder has changed and
it is the same day (who is a party, and the stale-year warning, depend on the day); otherwise it loads again, so
a data edit is seen. The pages generated from a model (macros/site/generate.py) are made once per model, and the
search keywords the pages note during a build (macros/site/sokindex.py) are kept here until the build ends.

A bad data set stops ``mkdocs build`` with every checker message and a non-zero exit. Except in the live preview
(``mkdocs serve``): there a save with a mistake must not stop the preview. MkDocs's server stops answering page
requests after a failed rebuild until a rebuild succeeds, so on bad data the preview keeps building from the last
good model and prints the checker's messages; the next good save shows again.

Zensical runs no hooks, so it never ends a build here: one ``zensical build`` process is one build.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError

from ..core import pipeline, tid
from ..core.andringsdagar import andringsdagar
from ..core.model import Handbok
from ..core.problems import DataError, report
from . import generate
from .config import config_file, data_dir, edit_base, site_url

log = logging.getLogger("mkdocs.plugins.samverkanshandboken")


@dataclass
class _Loaded:
    """A checked model without errors, what it was loaded from, and the pages generated from it."""

    stamp: tuple
    handbok: Handbok
    generated: generate.Generated | None = None


@dataclass
class _State:
    serving: bool = False  # set by the on_startup hook: True under `mkdocs serve`
    last_good: dict[Path, _Loaded] = field(default_factory=dict)  # data folder -> its newest model without errors
    problems: dict[Path, list] = field(default_factory=dict)  # data folder -> its errors now, while it has any
    this_build: dict[Path, _Loaded] = field(default_factory=dict)  # data folder -> the model this build uses
    keywords: dict[str, list[str]] = field(default_factory=dict)  # page URL -> its search keywords, this build


_state = _State()  # in a module imported once: MkDocs loads the hooks file anew on every rebuild


def model(conf) -> Handbok:
    """The checked model of this build; conf is the builder's config (MkDocs's object or Zensical's dict).

    Bad data stops the build with every checker message and a non-zero exit (in the live preview: see above)."""
    return _loaded(conf).handbok


def generated(conf) -> generate.Generated:
    """Every page, file and menu entry generated from this build's model, made once per model."""
    loaded = _loaded(conf)
    if loaded.generated is None:
        where = data_dir(config_file(conf)).resolve()
        loaded.generated = generate.generated(loaded.handbok, edit_base(conf), site_url(conf), andringsdagar(where))
    return loaded.generated


def _loaded(conf) -> _Loaded:
    where = data_dir(config_file(conf)).resolve()
    current = _state.this_build.get(where)
    if current is None:
        current = _state.this_build[where] = _load(where)
    return current


def _load(where: Path) -> _Loaded:
    stamp = (tid.idag(), _stamp(where))
    kept = _state.last_good.get(where)
    if kept is not None and kept.stamp == stamp:
        _state.problems.pop(where, None)
        return kept
    try:
        handbok, warnings = pipeline.load(where)
    except DataError as exc:
        if not (_state.serving and kept is not None):
            raise PluginError("Datan har fel, så handboken byggs inte:\n" + report(exc.problems)) from None
        _report_kept(exc.problems)
        _state.problems[where] = exc.problems
        return kept  # the rest of this build asks no more: the data is checked once per build
    _state.problems.pop(where, None)
    for w in warnings:  # once per change of the data
        log.info(w.format())
    loaded = _state.last_good[where] = _Loaded(stamp, handbok)
    return loaded


def preflight(data_dir: Path) -> list:
    """Under the live preview, before a rebuild: the data's errors now, or [] when it builds. A good model is kept
    for the build that follows, so the data is still read once per change (macros/site/preview.py)."""
    where = Path(data_dir).resolve()
    _load(where)
    return _state.problems.get(where, [])


def _stamp(data_dir: Path) -> tuple:
    entries = []
    for dirpath, dirnames, filenames in os.walk(data_dir):
        dirnames.sort()
        for name in sorted(filenames):
            st = os.lstat(os.path.join(dirpath, name))  # a broken link is a file the checker refuses
            entries.append((dirpath, name, st.st_mtime_ns, st.st_size))
    return tuple(entries)


def _report_kept(problems: list) -> None:
    log.error(
        "Datan har fel. Förhandsvisningen visar den senaste fungerande versionen tills felen är rättade:\n"
        + report(problems)
    )


# --- The build's life: MkDocs's hooks call these ----------------------------------------------------------------


def serving(command: str) -> None:
    """Called once when MkDocs starts: remember whether this is the live preview."""
    _state.serving = command == "serve"


def is_serving() -> bool:
    return _state.serving


def note_keywords(url: str, words: list[str]) -> None:
    """A built page's search keywords, for the search index written when the build ends."""
    if words:
        _state.keywords[url] = words


def keywords() -> dict[str, list[str]]:
    """Page URL -> search keywords, of every page built so far in this build."""
    return _state.keywords


def build_finished() -> None:
    """Called after each build, failed or not: the next build asks for its model again."""
    _state.this_build.clear()
    _state.keywords = {}
