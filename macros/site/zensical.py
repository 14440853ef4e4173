"""The site built with Zensical instead of MkDocs: `python -m macros build --builder zensical --out DIR`.

Zensical reads mkdocs.yml and runs ``define_env`` through its own macros extension, but runs no MkDocs hooks.
So before its build, the generation step (macros/site/generate.py) writes a project of its own into a work folder:
a copy of docs/ with the party and forum pages, the open data and the schemas added, and a mkdocs.yml made from
the real one with the generated menu entries, the work folder's docs/ and site/, and absolute paths for
everything that stays in the repository (overrides/, the watched folders). Zensical then builds that project;
macros/tools/publish.py copies the site out and adds the PDFs and the zip as for MkDocs. Nothing is written to docs/.

The work folder (build/zensical/ by default, git-ignored) is kept between builds, and a file whose content has
not changed is not rewritten: Zensical's cache (build/zensical/.cache/, which `zensical build --clean` empties)
then rebuilds only what changed. Zensical must lie within the work folder, which is its project root.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from ..core import pipeline
from ..core.andringsdagar import andringsdagar
from ..core.exitcodes import DATA, OK
from ..core.model import Handbok
from ..core.repo import ROOT
from . import generate, sokindex, themefix
from .config import edit_base, site_url

WORK = ROOT / "build" / "zensical"


def prepare(handbok: Handbok, data_dir: Path, work: Path = WORK) -> Path:
    """Write the Zensical project for the model handbok of data_dir into work; its config file."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    gen = generate.generated(handbok, edit_base(config), site_url(config), andringsdagar(Path(data_dir).resolve()))
    generate.write_docs(gen, ROOT / config.get("docs_dir", "docs"), work / "docs")
    config["docs_dir"], config["site_dir"] = "docs", "site"
    config["nav"] = generate.extend_nav(config["nav"], gen.nav)
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    # Zensical's own look ("modern") marks the current menu entry in a blue with 3.75:1 contrast on its
    # background; "classic" is Material's look, the one the handbook's CSS and tests were made for.
    config["theme"].setdefault("variant", "classic")
    config.pop("hooks", None)  # Zensical ignores them; what they did is done above
    # The Swedish query rewrite (docs/assets/sok.js) and the stemmer files it loads are made for Material's
    # search worker and the stemmer files are Material's own (Zensical has neither): left out.
    extra = config.get("extra") or {}
    extra["polyfills"] = [
        p for p in extra.get("polyfills", []) if p != "assets/sok.js" and not p.startswith("assets/javascripts/lunr/")
    ]
    # A change in the data, the code or the schemas must rebuild every page, as a change to a page does.
    config["watch"] = [str(Path(data_dir).resolve())] + [str(ROOT / w) for w in config.get("watch", []) if w != "data"]
    text = (
        "# Made by macros/site/zensical.py from mkdocs.yml for one build; edit mkdocs.yml instead.\n"
        + yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    )
    target = work / "mkdocs.yml"
    if not target.is_file() or target.read_text(encoding="utf-8") != text:  # unchanged: Zensical's cache holds
        work.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return target


def command(config_file: Path) -> list[str]:
    """Zensical's build, through the build's runner of site builders (macros/tools/siterun.py): a failure of
    Zensical's own (0.0.73 may end in "RuntimeError: Watcher disconnected") is then one sentence, not a traceback."""
    return [
        sys.executable,
        "-m",
        "macros.tools.siterun",
        "zensical",
        "build",
        "--strict",
        "--config-file",
        str(config_file),
    ]


def finish(work: Path, out_dir: Path) -> None:
    """Copy the built site to out_dir (kept in work: Zensical compares its next build with it), with the same
    repairs to the theme's HTML as the MkDocs build (macros/site/themefix.py)."""
    site = work / "site"
    if out_dir.exists():
        shutil.rmtree(out_dir)
    shutil.copytree(site, out_dir)
    for path in out_dir.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        repaired = themefix.repair(html)
        if repaired != html:
            path.write_text(repaired, encoding="utf-8")
    # Its search index, online (search.json) and in the offline zip (search.js, the same as a script): the pages'
    # keywords added and soft hyphens taken out, as for Material's (sokindex.py).
    keywords = sokindex.keywords_in(work / "docs")
    for name, before, after in (("search.json", "", ""), ("search.js", "var __index = ", ";")):
        path = out_dir / name
        if path.is_file():
            text = path.read_text(encoding="utf-8").strip()
            if not (text.startswith(before) and text.endswith(after)):
                raise ValueError(f"{name}: Zensicals sökindex har ett okänt format; uppdatera macros/site/zensical.py")
            index = sokindex.augment_zensical(json.loads(text[len(before) : len(text) - len(after)]), keywords)
            path.write_text(
                before + json.dumps(index, ensure_ascii=False, separators=(",", ":")) + after, encoding="utf-8"
            )


def env(data_dir: Path) -> dict[str, str]:
    """Zensical's environment: the data folder named, since its project folder is not the repository."""
    return {**os.environ, "HANDBOK_DATA": str(Path(data_dir).resolve())}


def build_site(data_dir: Path, out_dir: Path, work: Path = WORK) -> int:
    """The site alone (no PDFs, no zip) built with Zensical into out_dir: what the tests build for each dataset."""
    from ..core.problems import DataError, report

    try:
        config_file = prepare(pipeline.load(data_dir)[0], data_dir, work)
    except DataError as exc:
        print("Datan har fel, så handboken byggs inte:\n" + report(exc.problems), file=sys.stderr)
        return DATA
    code = subprocess.run(command(config_file), env=env(data_dir), cwd=work).returncode
    if code == OK:
        finish(work, Path(out_dir))
    return code
