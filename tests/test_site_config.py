"""macros/site/config.py: what the site reads from mkdocs.yml, the edit address of the data files above all."""

from __future__ import annotations

import pytest
import yaml
from mkdocs.config import load_config

from macros.site.config import edit_base
from tests.helpers import ROOT

CONFIG = ROOT / "mkdocs.yml"


def test_the_data_files_edit_address_is_the_one_of_docs_less_its_folder():
    """repo_url + edit_uri in mkdocs.yml is the one home of the forge and the branch, for both builders."""
    raw = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))  # what Zensical's step reads
    mkdocs = load_config(config_file=str(CONFIG))  # MkDocs's own config object: docs_dir is absolute there
    base = edit_base(raw)
    assert base == edit_base(mkdocs)
    assert base + "docs/" == raw["repo_url"].rstrip("/") + "/" + raw["edit_uri"]
    assert base.startswith(raw["repo_url"]) and base.endswith("/")


@pytest.mark.parametrize(
    ("conf", "base"),
    [
        (
            {"repo_url": "https://forge.invalid/r", "edit_uri": "edit/trunk/docs/"},
            "https://forge.invalid/r/edit/trunk/",
        ),
        (
            {"repo_url": "https://forge.invalid/r/", "edit_uri": "edit/trunk/docs"},
            "https://forge.invalid/r/edit/trunk/",
        ),
        (
            {"repo_url": "https://forge.invalid/r", "edit_uri": "_edit/dev/sidor/", "docs_dir": "/checkout/sidor"},
            "https://forge.invalid/r/_edit/dev/",
        ),
        ({"repo_url": "https://forge.invalid/r"}, ""),
        ({"edit_uri": "edit/main/docs/"}, ""),
        ({}, ""),
    ],
)
def test_another_branch_or_forge_moves_the_data_files_edit_address_too(conf, base):
    assert edit_base(conf) == base


def test_an_edit_uri_that_does_not_end_in_the_docs_folder_is_refused():
    with pytest.raises(ValueError, match="edit_uri"):
        edit_base({"repo_url": "https://forge.invalid/r", "edit_uri": "edit/main/"})


def test_the_branch_is_named_only_in_mkdocs_yml():
    for path in sorted((ROOT / "macros").rglob("*.py")):
        assert "edit/main" not in path.read_text(encoding="utf-8"), path.relative_to(ROOT)
