"""`python -m bench.events [--time-imports] MKDOCS-ARGS`: one MkDocs run with the wall time of every plugin and
hook event, printed as JSON on the last line of stdout.

A profile without cProfile's overhead, to show where our layer's time goes next to the baseline's: each event
method is timed on its own (key "event:plugin"). With --time-imports, mkdocs-macros and our modules are
imported first, after MkDocs' own modules, and timed as "import:mkdocs-macros" and "import:macros", and
reading and checking our data (macros.site.state.model, inside the events that call it) as
"data:macros.site.state.model".
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict


def main(argv: list[str]) -> None:
    start = time.perf_counter()
    times: dict[str, float] = defaultdict(float)
    if argv and argv[0] == "--time-imports":
        argv = argv[1:]
        import material.plugins.search.plugin  # noqa: F401 -- what both builds import, untimed
        import mkdocs.commands.build

        t = time.perf_counter()
        import mkdocs_macros.plugin  # noqa: F401

        times["import:mkdocs-macros"] = time.perf_counter() - t
        t = time.perf_counter()
        import macros.outputs.opendata
        import macros.site.macros
        import macros.site.state
        import macros.site.termlinks

        times["import:macros"] = time.perf_counter() - t
        model = macros.site.state.model

        def timed_model(*args, **kwargs):  # our data: read, checked and made a model (once per build; then held)
            t = time.perf_counter()
            try:
                return model(*args, **kwargs)
            finally:
                times["data:macros.site.state.model"] += time.perf_counter() - t

        macros.site.state.model = timed_model

    import mkdocs.plugins
    from mkdocs.__main__ import cli

    def run_event(self, name, item=None, **kwargs):  # mkdocs.plugins.PluginCollection.run_event, timed
        pass_item = item is not None
        for method in self.events[name]:
            self._current_plugin = self._event_origins.get(method, "<unknown>")
            t = time.perf_counter()
            result = method(item, **kwargs) if pass_item else method(**kwargs)
            times[f"{name}:{self._current_plugin}"] += time.perf_counter() - t
            if result is not None:
                item = result
        self._current_plugin = None
        return item

    mkdocs.plugins.PluginCollection.run_event = run_event
    try:
        cli(argv, standalone_mode=False)
    finally:
        times["total"] = time.perf_counter() - start
        print(json.dumps(times))


if __name__ == "__main__":
    main(sys.argv[1:])
