"""The macros that pages in docs/ and the generated pages call. Each wraps one render function."""

from __future__ import annotations

from ..core.andringsdagar import andringsdagar
from ..core.model import Handbok
from ..render import (
    aktivering,
    ansvar,
    avgifter,
    beslut,
    datareferens,
    diagram,
    forum,
    matris,
    oppna_data,
    ordlista,
    overenskommelse,
    parter,
    partsida,
    slutsatser,
)
from ..render.common import Kontext
from .config import config_file, data_dir, edit_base


def register(env, handbok: Handbok) -> None:
    andrad = andringsdagar(data_dir(config_file(env.conf)))  # once per build: a page's footer says its data's day

    def ctx() -> Kontext:
        return Kontext(handbok, page_path(env.page), edit_base=edit_base(env.conf), andrad=andrad)

    macros = {
        "overenskommelse": lambda: overenskommelse.overenskommelse(ctx()),
        "fakta": lambda: overenskommelse.fakta(ctx()),
        "namn": lambda: overenskommelse.namn(ctx()),
        "partlista": lambda: parter.partlista(ctx()),
        "partsida": lambda ident: partsida.partsida(ctx(), ident),
        "partlankar": lambda: parter.partlankar(ctx()),
        "forum_per_niva": lambda: forum.forum_per_niva(ctx()),
        "forum_ingress": lambda: forum.forum_ingress(ctx()),
        "nivaerna": lambda: forum.nivaerna(ctx()),
        "forumsida": lambda ident: forum.forumsida(ctx(), ident),
        "beslutslogg": lambda: beslut.beslutslogg(ctx()),
        "datareferens": lambda: datareferens.datareferens(ctx()),
        "styrningsdiagram": lambda: diagram.styrningsdiagram(ctx()),
        "vem_sitter_var": lambda: matris.vem_sitter_var(ctx()),
        "avgiftsregel": lambda: avgifter.avgiftsregel(ctx()),
        "avgiftstabell": lambda ar: avgifter.avgiftstabell_md(ctx(), ar),
        "avgiftstabeller": lambda: avgifter.avgiftstabeller(ctx()),
        "avgift_i_korthet": lambda: avgifter.avgift_i_korthet(ctx()),
        "ordlista": lambda: ordlista.ordlista(ctx()),
        "oppna_data": lambda: oppna_data.oppna_data(ctx()),
        "slutsatser": lambda: slutsatser.slutsatser(ctx()),
        "ansvar": lambda: ansvar.ansvarssida(ctx()),
        "aktiverat_lage": lambda: aktivering.aktiverat_lage(ctx()),
    }
    # Only macros, never the model itself: a template could otherwise print data unescaped.
    for name, fn in macros.items():
        env.macro(fn, name)


def page_path(page) -> str:
    """The page's path in docs/: MkDocs's page has its file, Zensical's page only the path."""
    file = getattr(page, "file", None)
    return file.src_uri if file is not None else page.path.replace("\\", "/")
