"""Small helpers shared by the render functions that need the model: links, markers and sources, all escaped."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from ..core import pages
from ..core.model import Handbok
from ..text import escape
from ..text.format import datum, och
from .sentences import mening
from .sentences.mening import MARKOR, Fet, Markor, Mening, Namn

# A secondary source's link: print never writes out its address, which may carry a private person's name.
ANDRAHAND_KLASS = "{ .handbok-andrahand }"


@dataclass(frozen=True)
class Kontext:
    """What a render function needs besides the model: the page it writes into (for relative links)."""

    handbok: Handbok
    sida: str  # source path of the page in docs/, e.g. "parter/nacka.md"
    edit_base: str = ""  # the forge's edit address for data files; empty for no edit link
    andrad: Mapping[str, str] = field(default_factory=dict)  # data file -> day it last changed (core/andringsdagar)

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

    def md(self, m: Mening | str) -> str:
        """A sentence (render/sentences/) as Markdown: text escaped, names linked, markers as links to the reasons."""
        if isinstance(m, str):
            return escape.inline(m).strip()
        out = [self._md(d) for d in m]
        if m and isinstance(m[0], str):  # the sentence's own ends, not a marker's leading space
            out[0] = out[0].lstrip()
        if m and isinstance(m[-1], str):
            out[-1] = out[-1].rstrip()
        return "".join(out)

    def _md(self, d) -> str:
        if isinstance(d, str):
            return escape.inline(d)
        if isinstance(d, Fet):
            return f"**{escape.text(d.text)}**"
        if isinstance(d, Markor):
            return self.markor(d.ankare)
        if d.slag == "niva":  # a level: its section on the forum overview
            return self.lank(pages.FORUM, escape.text(d.text), d.id)
        return {"part": self.part, "forum": self.forum, "kalla": self.kalla}[d.slag](d.id)

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
        return self.md(mening.forum_markor(forum, nyckel))

    def niva_markor(self, niva) -> str:
        return self.md(mening.niva_markor(niva))

    def forklaring(self) -> str:
        """The legend for the marker, as a paragraph: on every page that shows one."""
        href = relpath(pages.html(pages.SLUTSATSER), posixpath.dirname(self.sida) or ".")
        return (
            f'<p class="handbok-forklaring">{_html(mening.forklaring())} Märket är en länk till skälen. Alla '
            f'slutsatser står på sidan <a href="{escape.html(href)}">Underlag och slutsatser</a>.</p>\n\n'
        )

    def slutsatser(self, grupper: list[tuple[str, list[tuple[str, str]]]]) -> str:
        """One legend for a group of statements (a table, a list) instead of a marker after each: the marker once,
        then which statements are the handbook's own reading, each named and linked to why. Empty when none is.

        grupper: (what kind of statement, e.g. "nivån för", [(name, anchor on the conclusions page), ...])."""
        delar = [(vad, punkter) for vad, punkter in grupper if punkter]
        if not delar:
            return ""
        href = relpath(pages.html(pages.SLUTSATSER), posixpath.dirname(self.sida) or ".")

        def lank(namn: str, ankare: str) -> str:
            return (
                f'<a class="handbok-slutsats" href="{escape.html(href)}#{escape.html(ankare)}">{escape.html(namn)}'
                '<span class="handbok-dold"> – handbokens slutsats, läs varför</span></a>'
            )

        text = "; ".join(
            (f"{escape.html(vad)} " if vad else "") + och([lank(n, a) for n, a in punkter]) for vad, punkter in delar
        )
        return (
            f'<p class="handbok-forklaring"><strong>{MARKOR}</strong> {escape.html(mening.SLUTSATSER_I_GRUPPEN)} '
            f"{text}. {escape.html(mening.LANKARNA_TILL_SKALEN)}</p>\n\n"
        )

    def slutsats_lista(self, ankare: str) -> str:
        """The legend over a list whose every item is the handbook's own reading: the marker once, and a link to
        the reasons (ankare: their section on the conclusions page)."""
        href = relpath(pages.html(pages.SLUTSATSER), posixpath.dirname(self.sida) or ".") + "#" + ankare
        return (
            f'<p class="handbok-forklaring"><strong>{MARKOR}</strong> {escape.html(mening.LISTAN_AR_SLUTSATSER)} '
            f'<a class="handbok-slutsats" href="{escape.html(href)}">Läs varför</a>.</p>\n\n'  # says it all here
        )

    def redigera(self, fil: str, inledning: str = "Sidan är skapad från datafilen") -> str:
        """Footer for a generated page (or a part of one): which data file it comes from, and a link to edit it."""
        path = fil.replace("\\", "/")
        edit = (
            f' <a href="{escape.html(self.edit_base + path)}">Föreslå en ändring i datafilen</a>.'
            if self.edit_base
            else ""
        )
        day = self.andrad.get(path)
        when = f" Uppgifterna i filen ändrades senast den {datum(day)}." if day else ""
        return f'\n\n<p class="handbok-kalla">{inledning} <code>{escape.html(path)}</code>.{when}{edit}</p>\n'


def html_lank(ctx: Kontext, target: str) -> str:
    """href from the current page to another page's built .html file (use_directory_urls is off)."""
    html = pages.html(target) if target.endswith(".md") else target
    return relpath(html, posixpath.dirname(ctx.sida) or ".")


@lru_cache(maxsize=65536)
def relpath(target: str, start: str) -> str:
    """posixpath.relpath, which asks the OS for the working directory twice per link; pages share few folders."""
    return posixpath.relpath(target, start)


def _html(m: Mening) -> str:
    """A sentence of text and bold inside raw HTML, which Markdown leaves alone (so no Markdown bold, no links)."""
    out = []
    for d in m:
        if isinstance(d, Namn | Markor):
            raise TypeError(f"raw HTML cannot hold {d!r}: write the sentence with Kontext.md in Markdown")
        out.append(f"<strong>{escape.html(d.text)}</strong>" if isinstance(d, Fet) else escape.html(d))
    return "".join(out)
