"""Editor support: VS Code maps every file kind to its schema and recommends the YAML extension. (That the
schemas are published with the site is tested in test_beslut_datareferens.py, on a built site.)"""

from __future__ import annotations

import json
from fnmatch import fnmatch
from pathlib import Path

from macros.core.dataset import FOLDERS, SINGLE_FILES, data_files

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = ROOT / ".vscode" / "settings.json"


def _schemas() -> dict[str, list[str]]:
    return json.loads(SETTINGS.read_text(encoding="utf-8"))["yaml.schemas"]


def test_every_file_kind_is_mapped_to_its_schema():
    expected = {f"./schema/{kind}.schema.json": [f"data/{folder}/*.yaml"] for folder, kind in FOLDERS.items()}
    expected |= {f"./schema/{kind}.schema.json": [f"data/{name}"] for name, kind in SINGLE_FILES.items()}
    assert _schemas() == expected, "add the new file kind to .vscode/settings.json (yaml.schemas)"
    for schema in _schemas():
        assert (ROOT / schema).is_file(), schema


def test_every_data_file_gets_exactly_the_schema_its_first_line_names():
    """The editor mapping and the files' own yaml-language-server lines agree, for every real data file."""
    for path, kind in data_files(ROOT / "data"):
        rel = path.relative_to(ROOT).as_posix()
        matches = [s for s, globs in _schemas().items() if any(fnmatch(rel, g) for g in globs)]
        assert matches == [f"./schema/{kind}.schema.json"], rel
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first.endswith(f"schema/{kind}.schema.json"), f"{rel}: {first}"


def test_yaml_extension_is_recommended_and_the_schema_store_stays_off():
    recommended = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))["recommendations"]
    assert "redhat.vscode-yaml" in recommended
    settings = json.loads(SETTINGS.read_text(encoding="utf-8"))
    assert settings["yaml.schemaStore.enable"] is False  # no schemas fetched from elsewhere for our files
    assert settings["[yaml]"]["editor.insertSpaces"] is True
