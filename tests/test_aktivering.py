"""Aktiverat läge: every statement on the page and the card has a source, inference is marked, a party's
readiness is to fill in until it is given, no personal data passes the checker, and the card is one page even at
the longest values the schema allows."""

from __future__ import annotations

import io
import re
import shutil
from datetime import UTC, datetime

import pdfplumber
import pypdf
import pytest
import yaml

from macros.core import pages, pipeline
from macros.core.checks import personal
from macros.core.schemas import read_schema
from macros.core.utgava import Utgava
from macros.pdf import aktiveringskort, document, plan, write
from macros.render import aktivering
from macros.render.common import Kontext
from macros.render.sentences import aktivering as meningar
from macros.render.sentences.mening import MARKOR

from .helpers import PDF_EPOCH, PDF_REVISION, ROOT, VALID

DATASETS = {"data": ROOT / "data", "valid": VALID}


@pytest.fixture(scope="module", params=sorted(DATASETS))
def handbok(request):
    return pipeline.load(DATASETS[request.param])[0]


def _utgava() -> Utgava:
    return Utgava(datetime.fromtimestamp(PDF_EPOCH, UTC), PDF_REVISION)


def _page(h) -> str:
    return aktivering.aktiverat_lage(Kontext(h, pages.AKTIVERAT_LAGE))


def test_every_statement_on_the_page_has_its_sources_as_notes(handbok):
    page = _page(handbok)
    a = handbok.aktivering
    for anchor, u in a.uppgifter():
        text = getattr(u, "hur", None) or u.text
        notes = "".join(f"[^kalla-{k}]" for k in u.underlag.kallor)
        assert u.underlag.kallor and f"{text.split()[-1]}{notes}" in page, (anchor, text[-40:])
    cited = set(re.findall(r"\[\^kalla-([a-z0-9-]+)\](?!:)", page))
    defined = set(re.findall(r"^\[\^kalla-([a-z0-9-]+)\]:", page, re.M))
    assert cited == defined and cited <= set(handbok.kallor), cited ^ defined


def test_the_page_answers_first_how_to_raise_it_and_whom_to_reach(handbok):
    page = _page(handbok)
    first, second = page.split("\n\n")[:2]
    assert first.startswith("**Så begär ni aktiverat läge:**")
    assert all(u.text.split()[0] in first for u in handbok.aktivering.larma)
    assert second.startswith("**Vem ni når när något händer:**")
    assert handbok.aktivering.kontaktvagar[0].namn.split()[0] in second


def test_inference_is_marked_and_listed_on_the_conclusions_page(handbok):
    from macros.render import slutsatser

    page = _page(handbok)
    conclusions = slutsatser.slutsatser(Kontext(handbok, pages.SLUTSATSER))
    inferred = [(anchor, u) for anchor, u in handbok.aktivering.uppgifter() if u.underlag.status == "slutsats"]
    assert inferred, "the data marks at least one reading as the handbook's"
    for anchor, _u in inferred:
        assert f'href="slutsatser.html#{anchor}"' in page
        assert f"{{ #{anchor} }}" in conclusions
    stated = [anchor for anchor, u in handbok.aktivering.uppgifter() if u.underlag.status == "kalla"]
    assert not [a for a in stated if f"#{a}" in page]


def test_examples_are_dated_and_said_not_to_be_rules(handbok):
    page = _page(handbok)
    assert "De är inga regler." in page.split("{ #exempel }")[1].split("##")[0]
    for e in handbok.aktivering.exempel:
        assert f"{e.rubrik}, {meningar.exempel_datum(e)}." in page


def test_gaps_show_as_gaps(handbok):
    page = _page(handbok)
    for lucka in handbok.aktivering.luckor:
        assert f"**{lucka.fraga}** Uppgift saknas: {lucka.uppgift_saknas}" in page


def test_every_statement_on_the_card_has_a_numbered_source(handbok):
    for p in handbok.parter.values():
        card = aktiveringskort.aktiveringskort(handbok, _utgava(), p)
        statements = card["larma"] + card["forsta"] + [k["rader"][1] for k in card["kontakt"]]
        for s in statements:
            numbers = re.fullmatch(r".+ \[(\d+(?:, \d+)*)\]", s)
            assert numbers, s
            assert all(1 <= int(n) <= len(card["kallor"]) for n in numbers.group(1).split(", ")), s
        titles = {f"{k.titel}, {k.utgivare}" for k in handbok.kallor.values()}
        assert set(card["kallor"]) <= titles


def test_readiness_is_to_fill_in_until_given(handbok):
    levels = handbok.overenskommelse.styrning.nivaer
    for p in handbok.parter.values():
        rows = meningar.foretradare(handbok, p)
        assert [namn for namn, _ in rows] == [n.namn for n in levels]
        given = [getattr(f, lage) for f in p.beredskap.foretradare for lage, _ in meningar.LAGEN]
        expected = 2 * len(levels) - sum(x is not None for x in given) + (p.beredskap.kallelser is None)
        assert meningar.att_fylla_i(handbok, p) == expected
        section = aktivering.om_nagot_hander(Kontext(handbok, pages.part_sida(p.id)), p)
        assert section.count(f">{meningar.ATT_FYLLA_I}<") == expected
        assert f"../{pages.aktiveringskort_fil(p.id)}" in section and "../aktiverat-lage.md" in section


def test_a_given_readiness_shows_on_the_party_page():
    h = pipeline.load(VALID)[0]
    p = next(p for p in h.parter.values() if p.beredskap.kallelser is not None)
    section = aktivering.om_nagot_hander(Kontext(h, pages.part_sida(p.id)), p)
    assert p.beredskap.kallelser.funktion in section
    for f in p.beredskap.foretradare:
        for lage, namn in meningar.LAGEN:
            if getattr(f, lage):
                assert f"{namn}: {getattr(f, lage)}" in section


# --- No personal data ---------------------------------------------------------------------------------------

SWITCHBOARDS = ["010-223 10 00", "08-508 290 00", "+46 8 508 290 00", "0771-14 14 00", "020-91 00 00"]
MOBILES = ["070-123 45 67", "0731234567", "+46 76 123 45 67", "+4672 123 45 67", "079-000 00 00", "075-100 10 10"]
MAILBOXES = ["info@samverkan.se", "tib@nacka.se", "beredskap-nacka@nacka.se", "krisledning@region.se"]
PERSONS = ["anna.svensson@nacka.se", "per-olof.berg@x.se", "Anna.Maria.Svensson@x.se", "åsa.öberg@x.se"]


@pytest.mark.parametrize("number", SWITCHBOARDS + MOBILES)
def test_a_mobile_number_is_refused_and_a_switchboard_is_not(number):
    assert bool(personal._MOBIL.match(personal._normalised(number))) == (number in MOBILES)


@pytest.mark.parametrize("address", MAILBOXES + PERSONS)
def test_firstname_lastname_is_refused_and_a_functional_mailbox_is_not(address):
    assert bool(personal._PERSON_EPOST.match(address)) == (address in PERSONS)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Tjänsteman i beredskap", False),
        ("Säkerhetschef, Regionala rådet", False),
        ("Kommunens beredskapsfunktion dygnet runt", False),
        ("Storgatan 12", True),
        ("Björkvägen 3 B", True),
        ("Box 12, 131 81 Nacka", True),
        ("Drottninggatan", False),  # a street without a number names a place, not an address
    ],
)
def test_a_street_address_is_found_and_a_function_is_not(text, found):
    assert bool(personal._GATUADRESS.search(text)) == found


def test_the_schema_allows_only_functional_forms_of_contact():
    defs = read_schema("defs.schema.json")["$defs"]
    phone = re.compile(defs["telefon"]["pattern"])
    assert all(phone.match(n) for n in SWITCHBOARDS + MOBILES)  # the checker, not the schema, refuses mobiles
    assert not phone.match("ring 112") and not phone.match("08-123<script>")
    mail = re.compile(defs["epost"]["pattern"])
    assert all(mail.match(a) for a in MAILBOXES) and not mail.match("mailto:info@x.se")


# --- The card at the schema's limits ------------------------------------------------------------------------


LONGEST_PHONE = "+46 8 12 34 56 78 90"  # the schema's longest telephone number
LONGEST_EPOST = "b" * (read_schema("defs.schema.json")["$defs"]["epost"]["maxLength"] - 5) + "@x.se"  # one word


def _longest(limit: int, word: str = "samverkanskonferensen") -> str:
    """Running Swedish-like text of exactly ``limit`` characters, ending with a full stop."""
    text = (f"{word} " * (limit // (len(word) + 1) + 1))[: limit - 1].rstrip() + "."
    return text[0].upper() + text[1:]


def _extreme(tmp_path):
    """The valid fixture with every list on the card at its most items and every text at its longest."""
    data = shutil.copytree(VALID, tmp_path / "data")
    schema = read_schema("aktivering.schema.json")
    defs = schema["$defs"]
    kort, namn = defs["kort_text"]["maxLength"], defs["kort_namn"]["maxLength"]

    def underlag():  # a new mapping each time: yaml.safe_dump would write a shared one as an alias
        return {"status": "slutsats", "kallor": ["ssr-introduktion", "lansstyrelsen-krisberedskap"]}

    a = yaml.safe_load((data / "aktivering.yaml").read_text(encoding="utf-8"))
    a["larma"] = [
        {"id": f"larma-{i}", "text": _longest(kort), "underlag": underlag()}
        for i in range(schema["properties"]["larma"]["maxItems"])
    ]
    a["kontaktvagar"] = [
        {
            "id": f"vag-{i}",
            "namn": _longest(namn),
            "nar": _longest(kort),
            "hur": _longest(kort),
            "telefon": LONGEST_PHONE,
            "epost": LONGEST_EPOST,
            "uppgift_saknas": _longest(1000),
            "underlag": underlag(),
        }
        for i in range(schema["properties"]["kontaktvagar"]["maxItems"])
    ]
    forsta = next(f for f in a["faser"] if f["id"] == "forsta-timmen")
    forsta["rubrik"] = _longest(namn)
    forsta["steg"] = [
        {"id": f"steg-{i}", "text": _longest(kort), "underlag": underlag()}
        for i in range(defs["fas"]["properties"]["steg"]["maxItems"])
    ]
    text = "# yaml-language-server: $schema=../schema/aktivering.schema.json\n" + yaml.safe_dump(a, allow_unicode=True)
    (data / "aktivering.yaml").write_text(text, encoding="utf-8")
    party = data / "parter" / "nacka.yaml"
    p = yaml.safe_load(party.read_text(encoding="utf-8"))
    funktion = read_schema("part.schema.json")["$defs"]["beredskapsfunktion"]["maxLength"]
    p["beredskap"] = {
        "kallelser": {"funktion": _longest(funktion), "telefon": LONGEST_PHONE, "epost": LONGEST_EPOST},
        "foretradare": [
            {"niva": n, "ordinarie_lage": _longest(funktion), "aktiverat_lage": _longest(funktion)}
            for n in ("inriktande", "samordnande", "verkstallande")
        ],
    }
    head = "# yaml-language-server: $schema=../../schema/part.schema.json\n"
    party.write_text(head + yaml.safe_dump(p, allow_unicode=True), encoding="utf-8")
    return data


def test_the_extreme_dataset_passes_the_check(tmp_path):
    h, problems = pipeline.load(_extreme(tmp_path))
    assert not [x for x in problems if x.severity == "fel"], problems
    assert len(h.parter["nacka"].beredskap.foretradare) == 3


def _short_card_with_longest_contacts() -> dict:
    """Little text, so the type is at its largest, and the longest telephone number and mailbox, one word each."""
    h = pipeline.load(VALID)[0]
    card = aktiveringskort.aktiveringskort(h, _utgava(), h.parter["nacka"])
    card["kallelser"] = f"Beredskap, telefon {LONGEST_PHONE}, e-post {LONGEST_EPOST}"
    card["kontakt"][0]["rader"] += [f"Telefon: {LONGEST_PHONE}", f"E-post: {LONGEST_EPOST}"]
    return card


@pytest.mark.pdf  # compiles a card at the limits
@pytest.mark.parametrize("case", ["every-text-longest", "largest-type-longest-contacts"])
def test_the_card_is_one_page_at_the_longest_values_the_schema_allows(tmp_path, case):
    if case == "every-text-longest":
        h = pipeline.load(_extreme(tmp_path))[0]
        card = aktiveringskort.aktiveringskort(h, _utgava(), h.parter["nacka"])
    else:
        card = _short_card_with_longest_contacts()
    pdf = plan.Pdf("x.pdf", plan.CARD_TEMPLATE, document.as_json(card), card["titel"], PDF_EPOCH, "nacka")
    data = write.compile_pdf(pdf)  # raises unless exactly one page
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    path = tmp_path / "kort.pdf"
    path.write_bytes(data)
    with pdfplumber.open(path) as parsed:
        (page,) = parsed.pages
        right = page.width - 14 * 72 / 25.4  # the card's right margin (aktiveringskort.typ)
        beyond = "".join(c["text"] for c in page.chars if c["x1"] > right + 0.5)
    assert not beyond, f"text beyond the right margin: {beyond[:40]}"
    text = " ".join(reader.pages[0].extract_text().split())
    assert MARKOR in text and "Uppgift saknas" in text and LONGEST_EPOST in text.replace(" ", "")


def test_without_the_file_the_page_says_so_and_no_card_is_planned(tmp_path):
    """A revision from before data/aktivering.yaml (what diff reads) still loads: the page states the gap and keeps
    the anchor the start page links to; no party page links to a card that is not made."""
    data = shutil.copytree(VALID, tmp_path / "data")
    (data / "aktivering.yaml").unlink()
    h = pipeline.load(data)[0]
    assert h.aktivering is None
    page = _page(h)
    assert "data/aktivering.yaml saknas" in page and "{ #kontakt }" in page
    assert not [p for p in plan.plan(h, _utgava()) if p.mall == plan.CARD_TEMPLATE]
    p = next(iter(h.parter.values()))
    assert aktivering.om_nagot_hander(Kontext(h, pages.part_sida(p.id)), p) == ""
