"""Building the model from a dataset: each entity's fil names its file as data/..., however the folder was read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.core.build_model import build_model
from macros.core.dataset import load_dataset

from .helpers import VALID


def _files(data: Path) -> list[str]:
    ds, problems = load_dataset(data)
    assert problems == []
    h = build_model(ds, idag="2026-01-01")
    singles = [h.overenskommelse.fil, h.avgifter.fil, h.ordlista_fil, h.ansvar_fil, h.aktivering.fil]
    entities = [*h.parter.values(), *h.forum.values(), *h.beslut]
    return sorted([*(x.fil for x in entities), *singles])


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(VALID, tmp_path / "kopia")
    return tmp_path / "kopia"


def _expected(data: Path) -> list[str]:
    return sorted(
        "data/" + p.relative_to(data).as_posix()
        for p in data.rglob("*.yaml")
        if p.parent.name != "kallor"  # sources have no page to edit
    )


def test_fil_names_the_file_under_data(data):
    assert _files(data) == _expected(data)


def test_fil_is_the_same_through_a_relative_path_and_a_link(data, tmp_path, monkeypatch):
    expected = _expected(data)
    (tmp_path / "lank").symlink_to(data, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    assert _files(Path("kopia")) == expected
    assert _files(Path("lank")) == expected
    assert _files(Path("lank/parter/..")) == expected  # the link, then up from a folder in it


def test_a_forum_led_by_a_function_has_no_party_as_its_chair(data):
    """As the sources say of the shipped data's samordningskansliet: a samordningschef leads it, no party."""
    path = data / "forum" / "samordningskansliet.yaml"
    text = path.read_text(encoding="utf-8")
    assert "ordforande:\n  part: lansstyrelsen-stockholm\n" in text
    path.write_text(
        text.replace("ordforande:\n  part: lansstyrelsen-stockholm\n", "ordforande:\n  funktion: samordningschef\n"),
        encoding="utf-8",
    )
    ds, problems = load_dataset(data)
    assert problems == []
    ordforande = build_model(ds, idag="2026-01-01").forum["samordningskansliet"].ordforande
    assert (ordforande.part, ordforande.funktion) == (None, "samordningschef")
