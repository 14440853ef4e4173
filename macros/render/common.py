"""Small helpers shared by the render functions that need the model: links, markers and sources, all escaped."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache

from ..core import pages
from ..core.model import Handbok
from ..text import escape
from ..text.kategorier import KATEGORIER

# The marker after a statement that is the handbook's reading; it links to pages.SLUTSATSER, which explains it.
MARKOR = "(slutsats)"  # the visible marker: text, not colour alone

# A secondary source's link: print never writes out its address, which may carry a private person's name.
ANDRAHAND_KLASS = "{ .handbok-andrahand }"


@dataclass(frozen=True)
class Kontext:
    """What a render function needs besides the model: the page it writes into (for relative links)."""

    handbok: Handbok
    sida: str  # source path of the page in docs/, e.g. "parter/nacka.md"
    edit_base: str = ""  # the forge's edit address for data files; empty for no edit link

    def lank(self, target: str, label_html: str, anchor: str = "") -> str:
        """Markdown link to another page in docs/, relative so it works offline and from file://."""
        rel = relpath(target, posixpath.dirname(self.sida) or ".")
        return f"[{label_html}]({rel}{'#' + anchor if anchor else ''})"

    def part(self, ident: str) -> str:
        return self.lank(pages.part_sida(ident), escape.text(self.handbok.parter[ident].namn))

    def forum(self, ident: str) -> str:
        return self.lank(pages.forum_sida(ident), escape.text(self.handbok.forum[ident].namn))

    def kalla(self, ident: str) -> str:
        """A source as text: its title linked when it has an https address, then its publisher."""
        k = self.handbok.kallor[ident]
        label = escape.text(k.titel)
        if k.url:
            label = f"[{label}]({escape.url(k.url)}){ANDRAHAND_KLASS if k.typ == 'sekundar' else ''}"
        andrahand = " (andrahandskälla)" if k.typ == "sekundar" else ""
        return f"{label}, {escape.text(k.utgivare)}{andrahand}"

    def kallor(self, idents) -> str:
        return "; ".join(self.kalla(i) for i in idents)

    def markor(self, ankare: str | None) -> str:
        """The inference marker after a statement: a short text link to why (empty when ankare is None)."""
        if ankare is None:
            return ""
        href = relpath(pages.html(pages.SLUTSATSER), posixpath.dirname(self.sida) or ".") + "#" + ankare
        return (
            f' <a class="handbok-slutsats" href="{escape.html(href)}">{MARKOR}'
            '<span class="handbok-dold"> – handbokens slutsats, läs varför</span></a>'
        )

    def forum_markor(self, forum, nyckel: str) -> str:
        """The marker for one statement about a forum (niva, medlemmar, ...), if it is the handbook's reading."""
        return self.markor(forum_ankare(forum.id, nyckel) if forum.slutsats(nyckel) else None)

    def niva_markor(self, niva) -> str:
        slutsats = niva.underlag is not None and niva.underlag.status == "slutsats"
        return self.markor(f"niva-{niva.id}" if slutsats else None)

    def forklaring(self) -> str:
        """The legend for the marker, as a paragraph: on every page that shows one."""
        href = relpath(pages.html(pages.SLUTSATSER), posixpath.dirname(self.sida) or ".")
        return (
            f'<p class="handbok-forklaring">Märket <strong>{MARKOR}</strong> visar att uppgiften är handbokens '
            "egen slutsats. Ingen källa säger det rakt ut. Märket är en länk till skälen. Alla slutsatser står "
            f'på sidan <a href="{escape.html(href)}">'
            "Underlag och slutsatser</a>.</p>\n\n"
        )

    def redigera(self, fil: str) -> str:
        """Footer for a generated page: which data file it comes from, and a link to edit that file."""
        path = fil.replace("\\", "/")
        edit = (
            f' <a href="{escape.html(self.edit_base + path)}">Föreslå en ändring i datafilen</a>.'
            if self.edit_base
            else ""
        )
        return (
            f'\n\n<p class="handbok-kalla">Sidan är skapad från datafilen <code>{escape.html(path)}</code>.{edit}</p>\n'
        )


@lru_cache(maxsize=65536)
def relpath(target: str, start: str) -> str:
    """posixpath.relpath, which asks the OS for the working directory twice per link; pages share few folders."""
    return posixpath.relpath(target, start)


def forum_ankare(forum_id: str, nyckel: str) -> str:
    """Anchor on the conclusions page for one statement about a forum, e.g. forum-x-rapporterar-till."""
    return f"forum-{forum_id}-{nyckel.replace('_', '-')}"


def niva_namn(handbok: Handbok, forum) -> str:
    """The level a forum sits on, by name; Regionala rådet stands above the levels."""
    if forum.niva is None:
        return "Över nivåerna"
    return next(n.namn for n in handbok.overenskommelse.styrning.nivaer if n.id == forum.niva)


def deltar_som(part_id: str, forum, medlem) -> str:
    """How a party takes part in a forum: as itself or through its category, and as chair or convener."""
    som = "part" if medlem.part else kategori(medlem.kategori, plural=True).lower()
    roles = [
        name
        for name, role in (("ordförande", forum.ordforande), ("sammankallande", forum.sammankallande))
        if role.part == part_id
    ]
    return som + (", " + " och ".join(roles) if roles else "")


def kategori(ident: str, plural: bool = False) -> str:
    return KATEGORIER[ident][1 if plural else 0]
