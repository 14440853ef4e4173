"""The guide "Så ändrar du handboken" shows real checker messages: each example mistake, made in a copy of the
small valid dataset (tests/fixtures/valid, which mirrors a few of the handbook's files), gives exactly the error
lines that the guide prints. If a message changes, update the guide. The fixture, not data/, so that a
coordinator's edit to data/ never moves a line number the guide shows."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.helpers import VALID, run_check

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "andra-handboken.md"

# anchor in the guide -> (file under data/, text before, text after)
CASES = {
    "stavfel-i-nyckel": ("parter/salem.yaml", "kategori: kommun", "kateogri: kommun"),
    "mellanslag-i-tal": ("parter/salem.yaml", "antal: 16076", "antal: 16 076"),
    "radbrytning-i-slutet": (
        "kallor/samverkan-stockholmsregionen-webb.yaml",
        "url: https://samverkanstockholmsregionen.se/\n",
        "url: |\n  https://samverkanstockholmsregionen.se/\n",
    ),
    "tecken-i-pdf": ("parter/salem.yaml", "namn: Salems kommun", "namn: Salems‐kommun"),
    "citattecken-saknas": ("parter/salem.yaml", "namn: Salems kommun", 'namn: "Salems kommun'),
    "okand-part": (
        "forum/regionala-chefsgruppen.yaml",
        "ordforande:\n  part: lansstyrelsen-stockholm",
        "ordforande:\n  part: lansstyrelsen",
    ),
    "schemaraden-saknas": ("parter/salem.yaml", "# yaml-language-server: $schema=../../schema/part.schema.json\n", ""),
    "okant-forum-i-beslut": (
        "beslut/ksl-rekommendation-2015.yaml",
        "organ: KSL:s styrelse",
        "forum: regionala-radet-2",
    ),
    "granser": ("parter/salem.yaml", "namn: Salems kommun", "namn: Salems \u202ekommun"),
}


def _section(anchor: str) -> str:
    """The guide's text from the heading with this anchor to the next heading."""
    text = GUIDE.read_text(encoding="utf-8")
    start = text.index(f"{{ #{anchor} }}")
    end = text.find("\n#", start)
    return text[start : end if end > 0 else None]


def _broken(tmp_path: Path, rel: str, old: str, new: str) -> Path:
    shutil.copytree(VALID, tmp_path / "data")
    path = tmp_path / "data" / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"the example no longer fits tests/fixtures/valid/{rel}: update CASES and the guide"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("anchor", CASES)
def test_guide_shows_the_checkers_real_messages(tmp_path, anchor):
    workdir = _broken(tmp_path, *CASES[anchor])
    code, out, _ = run_check(workdir)
    errors = [line for line in out.splitlines() if ": fel: " in line]
    assert code == 1 and errors
    shown = re.findall(r"```text\n(.*?)```", _section(anchor), re.S)
    assert shown, f"no example output under #{anchor}"
    hint = f"update the example under #{anchor} in {GUIDE.name} to:\n" + "\n".join(errors)
    assert shown[0].splitlines() == errors, hint


def test_guide_shows_the_real_annotation(tmp_path):
    workdir = _broken(tmp_path, *CASES["mellanslag-i-tal"])
    code, out, _ = run_check(workdir, "--format", "github")
    (annotation,) = [line for line in out.splitlines() if line.startswith("::error ")]
    assert code == 1 and annotation.startswith("::error file=data/parter/salem.yaml,line=8,col=12,")
    assert re.findall(r"```text\n(.*?)```", _section("anteckningar"), re.S) == [annotation + "\n"]


@pytest.mark.parametrize("doc", [GUIDE, ROOT / "README.md"], ids=lambda p: p.name)
def test_guide_names_commands_that_exist(doc):
    """Every `python3 noxfile.py -s NAME -- ARGS` is a session, and the command behind it takes ARGS."""
    from macros.tools import cli

    noxfile = (ROOT / "noxfile.py").read_text(encoding="utf-8")
    found = re.findall(r"noxfile\.py -s ([\w-]+)(?: -- ([^\n`|]+))?", doc.read_text(encoding="utf-8"))
    assert found
    for name, args in found:
        session = re.search(rf"\ndef {name.replace('-', '_')}\(session.*?(?=\n@nox|\nif __name__)", noxfile, re.S)
        assert session, f"{doc.name} names the session {name}, which noxfile.py lacks"
        verb = re.search(r'_macros\(session, "([\w-]+)"', session.group(0))
        if args and verb:
            words = ["x" if word.isupper() else word for word in args.split()]  # KALLA, TABELL: placeholders
            assert cli.main([verb.group(1), *words, "--help"]) == 0, (name, args)


@pytest.mark.parametrize("doc", [GUIDE, ROOT / "README.md"], ids=lambda p: p.name)
def test_guide_commands_need_no_environment_of_ones_own(doc):
    """`python -m macros` needs an environment a newcomer does not have; the nox sessions make their own."""
    text = doc.read_text(encoding="utf-8")
    assert not re.findall(r"python -m macros \w+", text), f"{doc.name}: write python3 noxfile.py -s SESSION instead"


def test_guide_states_the_limits_and_exit_codes_of_the_code():
    from macros.core import exitcodes, limits

    section = _section("granser")
    for figure in (f"{limits.MAX_BYTES // 1024} KB", limits.MAX_LINE, limits.MAX_DEPTH, limits.MAX_NODES):
        assert f"| {figure}" in section, f"update the limits under #granser in {GUIDE.name}: {figure}"
    for code in (exitcodes.OK, exitcodes.DATA, exitcodes.USAGE, exitcodes.ENVIRONMENT, exitcodes.INTERNAL):
        assert f"\n| {code} |" in section
    for char in ("U+202A–U+202E", "U+2066–U+2069", "U+200E", "U+200F", "U+061C", "U+2028", "U+FFFE"):
        assert char in section
