"""One home per sentence: the sentences the site and the PDFs share are written once (macros/render/sentences/),
the site writes them as Markdown and the PDF as plain text, and no other module writes their words again."""

from __future__ import annotations

import dataclasses

import pytest

from macros.render.common import Kontext
from macros.render.sentences import mening, overenskommelse, styrning
from macros.render.sentences.mening import MARKOR, Fet, Markor, Namn, plain
from macros.text.format import antal
from tests.helpers import HOSTILE

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
