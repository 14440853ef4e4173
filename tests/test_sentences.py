"""One home per sentence: the sentences the site and the PDFs share are written once (macros/render/sentences/),
the site writes them as Markdown and the PDF as plain text, and no other module writes their words again."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest

from macros.render.common import Kontext
from macros.render.sentences import mening, overenskommelse, styrning
from macros.render.sentences.mening import MARKOR, Fet, Markor, Namn, plain
from macros.text.format import antal
from tests.helpers import HOSTILE, ROOT

PAGE = "parter/nacka.md"


@pytest.fixture(scope="module")
def handbok(valid_handbok):
    return valid_handbok


def test_the_site_escapes_the_text_links_the_names_and_marks_the_reading(handbok):
    ident = next(iter(handbok.parter))
    ctx = Kontext(handbok, PAGE)
    m = (f"Före {HOSTILE} ", Namn(HOSTILE, "part", ident), " och ", Fet(HOSTILE), ".", Markor("ankaret"))
    md = ctx.md(m)
    assert HOSTILE not in md  # every piece of text is escaped, the name's too
    assert md.startswith("Före &lt;b&gt;x&lt;/b&gt; &#124; &#123;&#123; 7&#42;7 &#125;&#125; ")
    assert ctx.part(ident) in md  # the name links to the party's page, with the party's own name
    assert f"**{ctx.md(HOSTILE)}**" in md
    assert md.endswith(ctx.markor("ankaret"))  # the marker keeps its leading space and links to the reasons
    assert plain(m) == f"Före {HOSTILE} {HOSTILE} och {HOSTILE}. {MARKOR}"  # the PDF sets it as text, as written


def test_the_site_keeps_the_sentences_no_break_spaces_and_drops_its_outer_spaces(handbok):
    ctx = Kontext(handbok, PAGE)
    assert ctx.md(" 1\u00a0250\u00a0kr \n per\tår ") == "1\u00a0250\u00a0kr per år"
    assert ctx.md(("\n x ", Namn("y", "forum", next(iter(handbok.forum))), " z\n")).startswith("x [")


def test_a_raw_html_sentence_cannot_hold_a_link(handbok):
    from macros.render.common import _html

    assert _html(mening.forklaring()).startswith(f"Märket <strong>{MARKOR}</strong> visar")
    with pytest.raises(TypeError, match="raw HTML"):
        _html(("x", Namn("y", "part", "z")))


def _with(h, nivaer: int, ataganden: int):
    """The model with only the first levels and commitments (counts from one up)."""
    a = h.overenskommelse
    styr = dataclasses.replace(a.styrning, nivaer=a.styrning.nivaer[:nivaer])
    return dataclasses.replace(
        h, overenskommelse=dataclasses.replace(a, styrning=styr, atagande=a.atagande[:ataganden])
    )


def test_counts_come_from_the_data_and_one_is_singular(handbok):
    n = len(handbok.overenskommelse.styrning.nivaer)
    assert styrning.nivaerna(handbok) == f"de {antal(n)} nivåerna"
    assert f"rådet och de {antal(n)} nivåerna." in styrning.nivaer_slutsats(handbok)
    one = _with(handbok, 1, 1)
    assert styrning.nivaerna(one) == "nivån"
    assert styrning.antal_nivaer(one) == "en nivå"
    assert overenskommelse.ataganden(one) == "Alla parter åtar sig en sak:"
    regionala_radet = one.regionala_radet()
    assert plain(styrning.forum_fakta(one, regionala_radet)[0][1]).startswith("står över nivån")


# --- No second home -----------------------------------------------------------------------------------------

HOMES = [
    *sorted((ROOT / "macros" / "render").rglob("*.py")),
    *sorted((ROOT / "macros" / "pdf").glob("*.py")),
    *sorted((ROOT / "macros" / "pdf" / "templates").glob("*.typ")),
]
RUN = 6  # words: a run this long written in two modules is one sentence with two homes


def _texts(path: Path) -> list[str]:
    """What a module writes for readers: its strings without HTML tags (docstrings left out), or a template's
    strings and content blocks (comments and code left out)."""
    source = path.read_text(encoding="utf-8")
    if path.suffix == ".typ":
        source = re.sub(r"//[^\n]*", "", source)
        return re.findall(r'"([^"\n]*)"', source) + re.findall(r"\[([^\[\]]*)\]", source)
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef) and node.body
        if isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        re.sub(r"<[^>]*>", " ", n.value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
    ]


def runs(paths: list[Path]) -> dict[str, set[str]]:
    """Every run of RUN words a module writes, with the files that write it."""
    out: dict[str, set[str]] = {}
    for path in paths:
        for text in _texts(path):
            words = re.findall(r"\w+", text.lower())
            for i in range(len(words) - RUN + 1):
                out.setdefault(" ".join(words[i : i + RUN]), set()).add(path.as_posix())
    return out


def shared(paths: list[Path]) -> list[str]:
    return sorted(
        f"{run!r}: {', '.join(sorted(Path(f).relative_to(ROOT).as_posix() for f in files))}"
        for run, files in runs(paths).items()
        if len(files) > 1
    )


def test_no_sentence_is_written_in_two_modules_of_the_site_and_the_pdf():
    found = shared(HOMES)
    assert not found, (
        "the same words in two places; write the sentence once in macros/render/sentences/ and use it from both:\n"
        + "\n".join(found)
    )


def test_the_one_home_check_finds_a_second_home_and_skips_docstrings_and_comments(tmp_path):
    code, template = tmp_path / "a.py", tmp_path / "b.typ"
    code.write_text(
        '"""Ingen källa säger det rakt ut här."""\n'
        'X = "Deltagarna kallas efter funktion och mandat, inte som namngivna personer."\n',
        encoding="utf-8",
    )
    template.write_text(
        "// deltagarna kallas efter funktion och mandat inte som namngivna\n"
        "par[Ingen källa säger det rakt ut här.]\n"
        "par[Deltagarna kallas efter funktion och mandat.]\n",
        encoding="utf-8",
    )
    assert [run for run, files in runs([code, template]).items() if len(files) > 1] == [
        "deltagarna kallas efter funktion och mandat"
    ]
