"""`python -m macros diff BASE [HEAD]`: one test per kind of change, in a scratch Git repository holding the
fixture dataset. Fees in the fixture: Nacka 95 182 × 1,50 = 142 773 kr, Salem 16 076 × 1,50 = 24 114 kr,
Vaxholm unknown; known sum 166 887 kr."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from macros.core import pipeline
from macros.core.compare import Falt, compare
from macros.render.andringar import INGA, RUBRIK, sammanfattning
from macros.tools import cli
from tests.helpers import VALID, valid_position

NBSP = "\u00a0"
GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"]

NEW_KOMMUN = """\
# yaml-language-server: $schema=../../schema/part.schema.json
id: testby
namn: Testby kommun
kategori: kommun
kommunkod: "0199"
folkmangd:
  - datum: "2014-06-30"
    antal: 10000
    kalla: scb-folkmangd-2014-06-30
kallor:
  - beslut-nacka-ks
"""


class Repo:
    def __init__(self, root: Path):
        self.root = root
        shutil.copytree(VALID, root / "data")
        (root / "README.md").write_text("Testförråd\n", encoding="utf-8")
        self.git("init", "-q")
        self.commit("start")

    def git(self, *args: str) -> str:
        return subprocess.run([*GIT, "-C", str(self.root), *args], check=True, capture_output=True, text=True).stdout

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.root / "data" / rel
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (rel, old)
        path.write_text(text.replace(old, new), encoding="utf-8")

    def write(self, rel: str, text: str) -> None:
        (self.root / "data" / rel).write_text(text, encoding="utf-8")

    def diff(self, *revs: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.chdir(self.root), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(["diff", *revs])
        return code, out.getvalue(), err.getvalue()

    def changed(self, *revs: str) -> str:
        code, out, err = self.diff(*revs)
        assert (code, err) == (0, ""), err
        assert out.startswith(RUBRIK + "\n")
        return out


@pytest.fixture
def repo(tmp_path) -> Repo:
    return Repo(tmp_path / "repo")


def kr(amount: str) -> str:
    return amount.replace(" ", NBSP) + f"{NBSP}kr"


def test_no_change_to_the_data_says_so(repo):
    (repo.root / "README.md").write_text("Bara texten ändras.\n", encoding="utf-8")
    repo.commit("readme")
    expected = f"{RUBRIK}\n\nJämför <code>HEAD~1</code> med <code>HEAD</code>.\n\n{INGA}\n"
    assert repo.changed("HEAD~1", "HEAD") == expected
    assert INGA in repo.changed("HEAD")  # the working tree, unchanged


def test_new_municipality_is_listed_with_its_fee_and_the_new_total(repo):
    repo.write("parter/testby.yaml", NEW_KOMMUN)
    repo.commit("Testby ansluter")
    out = repo.changed("HEAD~1", "HEAD")
    assert out == (
        f"{RUBRIK}\n\nJämför <code>HEAD~1</code> med <code>HEAD</code>.\n"
        "\n### Parter\n\n- Ny part: **Testby kommun** (<code>testby</code>), kommun, part från överenskommelsens "
        "start (1 januari 2015).\n"
        "\n### Avgifter för budgetåret 2015\n\n"
        "| Kommun | Före | Efter | Skillnad |\n|---|--:|--:|--:|\n"
        f"| Testby kommun | inte part | {kr('15 000')} | – |\n"
        f"\n**Summa av de kända avgifterna:** {kr('166 887')} → {kr('181 887')} (+{kr('15 000')})."
        " Kommuner med okänd folkmängd, som inte ingår i summan: 1 → 1.\n"
    )


def test_removed_party_and_its_fee(repo):
    (repo.root / "data" / "parter" / "salem.yaml").unlink()
    out = repo.changed("HEAD")
    assert "- Borttagen part: **Salems kommun** (<code>salem</code>)\n" in out
    assert f"| Salems kommun | {kr('24 114')} | inte part | – |\n" in out
    assert f"{kr('166 887')} → {kr('142 773')} (\u2212{kr('24 114')})" in out


def test_renamed_party(repo):
    repo.edit("parter/nacka.yaml", "namn: Nacka kommun", "namn: Nacka stad")
    out = repo.changed("HEAD")
    assert "#### Nacka stad (<code>nacka</code>)\n\n- Namn: Nacka kommun → Nacka stad\n" in out
    assert "Avgifter" not in out  # a new name changes no fee


def test_a_later_name_and_a_leaving_date_field_by_field(repo):
    repo.edit(
        "parter/stockholms-lans-landsting.yaml",
        "    uppgift_saknas: Dagen då namnet byttes står inte i handbokens källor.\n",
        '    till: "2018-12-31"\n',
    )
    repo.edit("parter/salem.yaml", "kallor:\n", 'lamnat:\n  datum: "2015-12-31"\n  kalla: beslut-nacka-ks\nkallor:\n')
    out = repo.changed("HEAD")
    assert "- Tidigare namn Landstinget i Stockholms län, till, ny: 31 december 2018\n" in out
    assert "- Tidigare namn Landstinget i Stockholms län, uppgift saknas, borttagen: Dagen då namnet" in out
    title = (
        "”Överenskommelse om länsgemensam funktion för en trygg, säker och störningsfri region (förslag till beslut)”"
    )
    assert (
        f"#### Salems kommun (<code>salem</code>)\n\n- Part till och med, ny: 31 december 2015 enligt {title}\n" in out
    )


def test_population_change_changes_the_fee_and_the_total(repo):
    repo.edit("parter/salem.yaml", "antal: 16076", "antal: 16176")
    out = repo.changed("HEAD")
    assert (
        f"- Folkmängd 30 juni 2014, antal: 16{NBSP}076 → 16{NBSP}176 (avgiften 2015: {kr('24 114')} → {kr('24 264')})\n"
    ) in out
    assert f"| Salems kommun | {kr('24 114')} | {kr('24 264')} | +{kr('150')} |\n" in out
    assert f"{kr('166 887')} → {kr('167 037')} (+{kr('150')})" in out
    assert "### Forum" not in out


def test_rate_change_and_a_new_budget_year(repo):
    repo.edit("avgifter.yaml", 'belopp_per_invanare: "1,50"', 'belopp_per_invanare: "1,60"')
    repo.edit(
        "avgifter.yaml",
        "    kalla: beslut-nacka-ks\ntotal_kostnad:",
        '    kalla: beslut-nacka-ks\n  - ar: 2016\n    belopp_per_invanare: "1,50"\n'
        "    kalla: beslut-nacka-ks\ntotal_kostnad:",
    )
    for party, antal in (("nacka", 96000), ("salem", 16200)):
        repo.edit(
            f"parter/{party}.yaml",
            "folkmangd:\n",
            f'folkmangd:\n  - datum: "2015-06-30"\n    antal: {antal}\n    kalla: scb-folkmangd-2014-06-30\n',
        )
    repo.edit(
        "parter/vaxholm.yaml",
        "folkmangd:\n",
        'folkmangd:\n  - datum: "2015-06-30"\n    uppgift_saknas: Siffran har inte sökts i testet.\n',
    )
    out = repo.changed("HEAD")
    assert f"### Avgifter\n\n- Budgetår 2015, belopp per invånare: 1,50{NBSP}kr → 1,60{NBSP}kr\n" in out
    title = (
        "”Överenskommelse om länsgemensam funktion för en trygg, säker och störningsfri region (förslag till beslut)”"
    )
    assert f"- Budgetår 2016, ny: belopp per invånare 1,50{NBSP}kr enligt {title}\n" in out
    assert f"| Nacka kommun | {kr('142 773')} | {kr('152 291')} | +{kr('9 518')} |\n" in out
    assert f"{kr('166 887')} → {kr('178 013')} (+{kr('11 126')})" in out
    assert "### Avgifter för budgetåret 2016\n\n| Kommun |" in out
    assert f"| Nacka kommun | – | {kr('144 000')} | – |\n" in out
    assert (
        f"**Summa av de kända avgifterna:** – → {kr('168 300')} (–). Kommuner med okänd folkmängd, "
        "som inte ingår i summan: – → 1.\n"
    ) in out


def test_forum_membership_chair_convener_and_tasks(repo):
    rel = "forum/regional-samordningsgrupp.yaml"
    repo.edit(
        rel,
        "sammankallande:\n  part: lansstyrelsen-stockholm",
        "sammankallande:\n  part: nacka\n  funktion: säkerhetschef",
    )
    repo.edit(rel, "ordforande:\n  part: lansstyrelsen-stockholm", "ordforande:\n  part: stockholms-lans-landsting")
    repo.edit(
        rel,
        "    mandat: Samordnar den egna organisationens beredskapsarbete med de andra parternas.\n",
        "    mandat: Samordnar beredskapsarbetet.\n"
        "  - part: salem\n    funktion: beredskapssamordnare\n    mandat: Företräder kommunen.\n",
    )
    repo.edit(
        rel,
        "    - Samordnar parternas arbete och resurser enligt den gemensamma inriktningen.\n",
        "    - Delar lägesbilden med alla parter.\n",
    )
    out = repo.changed("HEAD")
    section = out[out.index("#### Regional samordningsgrupp") :]
    assert "- Ordförande: Länsstyrelsen i Stockholms län → Stockholms läns landsting\n" in section
    assert "- Sammankallande: Länsstyrelsen i Stockholms län → Nacka kommun\n" in section
    assert "- Sammankallande, funktion, ny: säkerhetschef\n" in section
    assert "- Medlem Salems kommun, ny: funktion: beredskapssamordnare; mandat: Företräder kommunen.\n" in section
    assert (
        "- Medlem Alla parter, mandat: Samordnar den egna organisationens beredskapsarbete med de andra "
        "parternas. → Samordnar beredskapsarbetet.\n"
    ) in section
    assert "- Uppgifter, aktiverat läge, ny: Delar lägesbilden med alla parter.\n" in section
    assert (
        "- Uppgifter, aktiverat läge, borttagen: Samordnar parternas arbete och resurser enligt den "
        "gemensamma inriktningen.\n"
    ) in section


def test_a_changed_role_says_the_role_not_the_name_twice(repo):
    repo.edit("forum/regionala-chefsgruppen.yaml", "  funktion: länsöverdirektör", "  funktion: landshövding")
    out = repo.changed("HEAD")
    assert "- Ordförande, funktion: länsöverdirektör → landshövding\n" in out
    assert "Länsstyrelsen i Stockholms län → Länsstyrelsen i Stockholms län" not in out


def test_removed_member_and_new_forum(repo):
    rel = "forum/regional-samordningsgrupp.yaml"
    repo.edit(rel, "  - kategori: alla\n", "  - part: salem\n")
    text = (repo.root / "data" / rel).read_text(encoding="utf-8")
    repo.write(
        "forum/nytt-forum.yaml",
        text.replace("id: regional-samordningsgrupp", "id: nytt-forum").replace(
            "namn: Regional samordningsgrupp", "namn: Nytt forum"
        ),
    )
    out = repo.changed("HEAD")
    assert "- Nytt forum: **Nytt forum** (<code>nytt-forum</code>).\n" in out
    assert "- Medlem Alla parter, borttagen: funktion: chef med ansvar för säkerhet och beredskap;" in out
    assert "- Medlem Salems kommun, ny: funktion: chef med ansvar för säkerhet och beredskap;" in out


def test_new_decision(repo):
    repo.write(
        "beslut/salem-lamnar.yaml",
        "# yaml-language-server: $schema=../../schema/beslut.schema.json\n"
        'id: salem-lamnar\ndatum: "2016-01-01"\norgan: Kommunfullmäktige i Salem\n'
        "rubrik: Salem lämnar samverkan\nsammanfattning: Ett påhittat testbeslut.\n"
        "andrar:\n  beskrivning: Salem är inte längre part.\n  parter:\n    - salem\n"
        "kallor:\n  - beslut-nacka-ks\n",
    )
    out = repo.changed("HEAD")
    assert (
        "### Beslut\n\n- Nytt beslut: **Salem lämnar samverkan** (<code>salem-lamnar</code>), 1 januari 2016.\n"
    ) in out


def test_a_new_source_by_its_title_and_a_changed_reference_by_titles(repo):
    repo.write(
        "kallor/scb-2015.yaml",
        "# yaml-language-server: $schema=../../schema/kalla.schema.json\n"
        "id: scb-2015\ntitel: Folkmängd 30 juni 2015\nutgivare: SCB\ntyp: primar\n",
    )
    repo.edit("parter/salem.yaml", "    kalla: scb-folkmangd-2014-06-30", "    kalla: scb-2015")
    out = repo.changed("HEAD")
    assert "### Källor\n\n- Ny källa: **Folkmängd 30 juni 2015** (<code>scb-2015</code>), SCB.\n" in out
    assert "- Folkmängd 30 juni 2014, källa: ”Folkmängd i riket" in out and "” → ”Folkmängd 30 juni 2015”\n" in out
    assert "scb-folkmangd-2014-06-30" not in out and "scb-2015" not in out.split("### Källor")[0]


def test_a_changed_key_without_a_sentence_of_its_own_shows_field_by_field(repo):
    """Keys with nothing special about them (a party's search words, a forum's purpose) show before → after."""
    repo.edit("parter/nacka.yaml", "kallor:\n", "sokord:\n  - Nacka stad\nkallor:\n")
    text = (repo.root / "data/forum/regionala-radet.yaml").read_text(encoding="utf-8")
    syfte = next(line for line in text.splitlines() if line.startswith("syfte: "))[len("syfte: ") :]
    repo.edit("forum/regionala-radet.yaml", f"syfte: {syfte}", "syfte: Ett nytt syfte.")
    out = repo.changed("HEAD")
    assert "#### Nacka kommun (<code>nacka</code>)\n\n- Sökord, ny: Nacka stad\n" in out
    assert f"- Syfte: {syfte} → Ett nytt syfte.\n" in out


def test_a_field_the_model_gets_tomorrow_is_compared_and_shown():
    """What the field recipe in ARCHITECTURE.md promises: a field added to the model's Part or Forum is compared
    with no change to compare.py (made here by extending the classes, as adding it to model/ would)."""
    old, _ = pipeline.check(VALID)
    part, forum = old.parter["nacka"], next(iter(old.forum.values()))

    classes = {
        cls: dataclasses.make_dataclass(
            cls.__name__, [("beredskapsniva", str | None, dataclasses.field(default=None))], bases=(cls,), frozen=True
        )
        for cls in (type(part), type(forum))
    }

    def extended(entity, value):
        fields = {f.name: getattr(entity, f.name) for f in dataclasses.fields(entity)}
        return classes[type(entity)](**fields, beredskapsniva=value)

    def with_level(value):
        parter = {**old.parter, part.id: extended(part, value)}
        return dataclasses.replace(old, parter=parter, forum={**old.forum, forum.id: extended(forum, value)})

    before, after = with_level(None), with_level("förhöjd")
    a = compare(before, after)
    assert [(s.nyckel, [(x.id, c) for _o, x, c in s.andrade]) for s in a.samlingar] == [
        ("parter", [("nacka", [Falt(("beredskapsniva",), None, "förhöjd")])]),
        ("forum", [(forum.id, [Falt(("beredskapsniva",), None, "förhöjd")])]),
    ]
    out = sammanfattning(a, before, after, "a", "b")
    assert "#### Nacka kommun (<code>nacka</code>)\n\n- Beredskapsniva, ny: förhöjd\n" in out
    assert out.count("- Beredskapsniva, ny: förhöjd\n") == 2


def test_head_defaults_to_the_working_tree(repo):
    repo.edit("parter/nacka.yaml", "namn: Nacka kommun", "namn: Nacka stad")
    assert "Nacka stad" in repo.changed("HEAD")
    assert INGA in repo.changed("HEAD", "HEAD")  # a named revision ignores uncommitted edits


def test_text_from_data_is_escaped(repo):
    repo.edit("parter/nacka.yaml", "namn: Nacka kommun", "namn: '<b>Nacka</b> | *kommun*'")
    out = repo.changed("HEAD")
    assert "<b>" not in out and "&lt;b&gt;Nacka&lt;/b&gt; &#124; &#42;kommun&#42;" in out


def test_unknown_revision_is_refused_in_swedish(repo):
    code, out, err = repo.diff("finns-inte")
    assert (code, out) == (2, "")  # a usage error (macros/core/exitcodes.py)
    assert err == "fel: hittar inte revisionen 'finns-inte'; ange en gren, en tagg eller en commit, till exempel main\n"


def test_broken_data_names_the_file_as_in_the_repository(repo):
    repo.edit("parter/salem.yaml", "antal: 16076", "antal: 16 076")
    repo.commit("trasig")
    code, out, err = repo.diff("HEAD~1", "HEAD")
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == (
        "fel: datan i revisionen HEAD har fel, så ändringarna kan inte räknas ut; rätta felen först"
    )
    at = valid_position("parter/salem.yaml", "antal: 16076", "16076")
    assert err.splitlines()[1].startswith(f"{at}: fel: 'antal' ska vara ett heltal")


def _as_list_file(data: Path, folder: str) -> None:
    """The layout before sources and decisions had a file each: data/<folder>.yaml with a list of them."""
    items = []
    for path in sorted((data / folder).glob("*.yaml")):
        lines = path.read_text(encoding="utf-8").splitlines()[1:]  # without the schema line
        items += ["  - " + lines[0], *("    " + line if line else "" for line in lines[1:])]
        path.unlink()
    (data / folder).rmdir()
    schema = "kallor" if folder == "kallor" else "beslut"
    text = "\n".join([f"# yaml-language-server: $schema=../schema/{schema}.schema.json", f"{folder}:", *items])
    (data / f"{folder}.yaml").write_text(text + "\n", encoding="utf-8")


def test_a_revision_from_before_sources_and_decisions_had_a_file_each(repo):
    """diff reads an older revision's data/kallor.yaml and data/beslut.yaml as the files they became, so a change
    since a release made before compares field by field instead of failing on the old layout."""
    data = repo.root / "data"
    for folder in ("kallor", "beslut"):
        _as_list_file(data, folder)
    repo.commit("old layout")
    repo.git("rm", "-rq", "data")
    repo.git("checkout", "-q", "HEAD~1", "--", "data")  # today's layout back, beside the old one in HEAD
    assert not (data / "kallor.yaml").exists() and (data / "kallor" / "beslut-nacka-ks.yaml").exists()
    assert repo.changed("HEAD").endswith(INGA + "\n")  # the same data in either layout: no change
    repo.edit("kallor/beslut-nacka-ks.yaml", "utgivare: Nacka kommun, kommunstyrelsen", "utgivare: Nacka kommun")
    out = repo.changed("HEAD")
    assert "Utgivare: Nacka kommun, kommunstyrelsen → Nacka kommun" in out, out


def test_a_population_marked_unknown_reads_as_a_sentence(repo):
    """What folkmangd-saknas writes shows as 'uppgift saknas: reason', not the label run into the reason."""
    repo.edit(
        "parter/nacka.yaml",
        "folkmangd:\n",
        'folkmangd:\n  - datum: "2015-06-30"\n    uppgift_saknas: Siffran har inte hämtats från SCB ännu.\n',
    )
    out = repo.changed("HEAD")
    assert "- Folkmängd 30 juni 2015, ny: uppgift saknas: Siffran har inte hämtats från SCB ännu.\n" in out, out
