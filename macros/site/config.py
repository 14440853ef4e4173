"""What the site reads from its builder's configuration (mkdocs.yml): the config file, the data folder, the
forge's edit address and the site's published address. MkDocs hands over its config object, Zensical a dict of
the same keys."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urljoin


def config_file(conf) -> str:
    """The builder's config file: MkDocs's config object names it; Zensical's config is a dict with the
    project folder (macros/site/zensical.py writes the mkdocs.yml there and sets HANDBOK_DATA)."""
    path = getattr(conf, "config_file_path", None)
    return path if path else os.path.join(conf.get("root_dir", "."), "mkdocs.yml")


def data_dir(config_file: str | os.PathLike) -> Path:
    """data/ beside mkdocs.yml, or HANDBOK_DATA (tests build the fixture dataset this way)."""
    override = os.environ.get("HANDBOK_DATA")
    return Path(override) if override else Path(config_file).resolve().parent / "data"


def edit_base(conf) -> str:
    """The forge's edit address of the checkout's root, to which a data file's path is added; "" for none.

    mkdocs.yml's ``repo_url`` and ``edit_uri`` (the edit address of docs/, so of one branch) are the one home
    of both: the base is the address MkDocs makes for docs/ without that last folder, as data/ lies beside it.
    """
    repo, uri = conf.get("repo_url"), conf.get("edit_uri")
    if not repo or not uri:
        return ""
    if not uri.startswith("/") and not repo.endswith("/"):  # as MkDocs joins them for a page's edit address
        repo += "/"
    docs = urljoin(repo, uri if uri.endswith("/") else uri + "/")
    folder = Path(conf.get("docs_dir") or "docs").name + "/"
    if not docs.endswith("/" + folder):
        raise ValueError(f"edit_uri i mkdocs.yml ska sluta med mappen {folder} (docs_dir), men är {uri!r}")
    return docs.removesuffix(folder)


def site_url(conf) -> str:
    """The site's published address, ending in /, from mkdocs.yml's ``site_url``; "" when it is not set."""
    url = conf.get("site_url") or ""
    return url if not url or url.endswith("/") else url + "/"
