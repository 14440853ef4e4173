"""The built site, scanned file by file: nothing from the data runs as code, no template is left unrendered, every
internal link and anchor resolves, and no page or stylesheet loads anything from another site.

The site is the one the browser tests use (tests/browser/builtsite.py): built once per run, or HANDBOK_SITE.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.browser.builtsite import html_pages

# Elements whose src/href/data the browser fetches as part of the page (not links a reader follows).
ASSET_ATTRS = {
    "script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "frame": ("src",), "embed": ("src",),
    "object": ("data",), "audio": ("src",), "video": ("src", "poster"), "source": ("src", "srcset"),
    "track": ("src",), "input": ("src",), "link": ("href",), "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"), "feimage": ("href", "xlink:href"),
}  # fmt: skip
URL_ATTRS = ("href", "src", "action", "formaction", "data", "poster", "xlink:href", "srcset")
RAW_TEXT = {"script", "style"}
LITERAL = {"code", "pre"}  # where template syntax may be shown on purpose
TEMPLATE = re.compile(r"\{\{|\{%|\{#|%\}|\}\}")


@dataclass
class Page:
    rel: str
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str]] = field(default_factory=list)  # (tag, url) for every URL attribute
    assets: list[tuple[str, str]] = field(default_factory=list)  # (tag, url) fetched with the page
    handlers: list[str] = field(default_factory=list)
    inline_scripts: list[str] = field(default_factory=list)
    scripts_in_content: list[str] = field(default_factory=list)
    template_text: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)  # inline style attributes and <style> contents


class _Scanner(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.p = page
        self.stack: list[str] = []
        self.article_depth = None  # depth of <article>, the rendered Markdown

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs)
        if tag not in ("meta", "link", "img", "input", "br", "hr", "source", "track", "wbr", "area", "base", "col"):
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs)

    def _start(self, tag, attrs):
        p = self.p
        for name, value in attrs:
            value = value or ""
            if name in ("id", "name") and value:
                p.ids.add(value)
            if name.startswith("on"):
                p.handlers.append(f"<{tag} {name}={value[:60]!r}>")
            if name in URL_ATTRS and value:
                for url in _urls(name, value):
                    p.links.append((tag, url))
                    if name in ASSET_ATTRS.get(tag, ()) and not (tag == "link" and _is_link_rel(attrs)):
                        p.assets.append((tag, url))
            if name == "style":
                p.styles.append(value)
            if TEMPLATE.search(value):
                p.template_text.append(f"<{tag} {name}={value[:80]!r}>")
        if tag == "article" and self.article_depth is None:
            self.article_depth = len(self.stack)
        if tag == "script" and self._in_article():
            p.scripts_in_content.append(str(dict(attrs)))

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass
        if self.article_depth is not None and len(self.stack) <= self.article_depth and tag == "article":
            self.article_depth = -1  # closed: later scripts are the theme's

    def handle_data(self, data):
        top = self.stack[-1] if self.stack else ""
        if top == "script":
            if data.strip():
                self.p.inline_scripts.append(data)
        elif top == "style":
            self.p.styles.append(data)
        elif not LITERAL & set(self.stack) and TEMPLATE.search(data):
            self.p.template_text.append(data.strip()[:100])

    def _in_article(self) -> bool:
        return self.article_depth is not None and self.article_depth >= 0


def _urls(attr: str, value: str) -> list[str]:
    if attr == "srcset":
        return [part.strip().split()[0] for part in value.split(",") if part.strip()]
    return [value.strip()]


def _is_link_rel(attrs) -> bool:
    """<link rel=canonical/alternate/…> names a page; only stylesheets, icons, preloads and the like are fetched."""
    rel = dict(attrs).get("rel", "").lower().split()
    return bool(rel) and not set(rel) & {"stylesheet", "icon", "preload", "prefetch", "modulepreload",
                                         "preconnect", "dns-prefetch", "manifest", "apple-touch-icon"}  # fmt: skip


def _external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme and parts.scheme not in ("data",)) or url.startswith("//")


@pytest.fixture(scope="module")
def site(published_site) -> Path:
    return published_site


@pytest.fixture(scope="module")
def scanned(site) -> dict[str, Page]:
    out = {}
    for rel in html_pages(site):
        page = Page(rel)
        _Scanner(page).feed((site / rel).read_text(encoding="utf-8"))
        out[rel] = page
    assert len(out) > 10
    return out


def _fail(problems: list[str], what: str) -> None:
    assert not problems, f"{len(problems)} {what}:\n  " + "\n  ".join(problems[:60])


def test_no_script_in_page_content(scanned):
    _fail([f"{rel}: {s}" for rel, p in scanned.items() for s in p.scripts_in_content], "scripts inside <article>")


def _our_scripts() -> Counter:
    """The inline scripts our theme overrides write (overrides/*.html): fixed text in a template, never data."""
    overrides = Path(__file__).resolve().parent.parent / "overrides"
    found = Counter()
    for template in overrides.rglob("*.html"):
        for body in re.findall(r"<script>(.*?)</script>", template.read_text(encoding="utf-8"), re.S):
            assert "{{" not in body and "{%" not in body, f"{template.name}: a script filled in by the template"
            found[body.strip()] += 1
    return found


def test_inline_scripts_are_only_the_themes(scanned):
    """Every page has the same inline scripts as the start page (the theme's), apart from its relative base, and
    at most the fixed ones our overrides write (the 404 page finds the site's root)."""

    def normal(page: Page) -> Counter:
        return Counter(_without_base(s) for s in page.inline_scripts)

    theme = normal(scanned["index.html"])
    assert theme, "the start page has no inline script at all: has the theme changed?"
    allowed = theme + _our_scripts()
    _fail([f"{rel}: {next(iter((normal(p) - allowed).elements()))[:120]!r}" for rel, p in scanned.items()
           if normal(p) - allowed], "pages with inline scripts the theme does not write")  # fmt: skip


def _without_base(script: str) -> str:
    """A theme script with the page's path to the site root taken out (it differs by folder depth)."""
    script = re.sub(r'"base": ?"[^"]*"', '"base": ""', script)  # Material writes ": ", Zensical ":"
    script = re.sub(r'new URL\("[^"]*",location\)', 'new URL("",location)', script)
    return re.sub(r'(?<=")(?:\.\./)+|(?<=")\./|(?<=")/(?=assets/)', "", script).strip()  # Zensical: "./" too


def test_no_event_handler_attributes(scanned):
    _fail([f"{rel}: {h}" for rel, p in scanned.items() for h in p.handlers], "event handler attributes")


def test_no_javascript_urls(scanned):
    bad = [
        f"{rel}: <{tag}> {url[:80]}"
        for rel, p in scanned.items()
        for tag, url in p.links
        if re.sub(r"[\s\x00-\x1f]", "", url).lower().startswith(("javascript:", "vbscript:", "data:text/html"))
    ]
    _fail(bad, "script URLs")


def test_no_template_syntax_left(scanned):
    _fail([f"{rel}: {t!r}" for rel, p in scanned.items() for t in p.template_text], "unrendered template fragments")


def test_every_internal_link_and_anchor_resolves(site, scanned):
    _fail(_broken_links(site, scanned), "broken internal links")


def test_the_link_check_finds_a_missing_file_and_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    absolute = _published_root() + "a/b.html"  # from the site's root where it is published, as Zensical's 404 page
    (tmp_path / "index.html").write_text(
        f'<a href="a/b.html#here">ok</a><a href="a/b.html#gone">x</a><a href="{absolute}">ok</a>'
        f'<a href="{absolute}#gone">x</a>'
    )
    (tmp_path / "a" / "b.html").write_text('<h2 id="here">t</h2><a href="../nowhere.html">x</a><a href="#here">ok</a>')
    pages = {}
    for rel in ("index.html", "a/b.html"):
        pages[rel] = Page(rel)
        _Scanner(pages[rel]).feed((tmp_path / rel).read_text())
    assert _broken_links(tmp_path, pages) == [
        "index.html: <a> a/b.html#gone → no id 'gone' in a/b.html",
        f"index.html: <a> {absolute}#gone → no id 'gone' in a/b.html",
        "a/b.html: <a> ../nowhere.html → missing file nowhere.html",
    ]


def _broken_links(site: Path, scanned: dict[str, Page]) -> list[str]:
    problems = []
    ids_of = {rel: p.ids for rel, p in scanned.items()}
    for rel, page in scanned.items():
        for tag, url in page.links:
            parts = urlsplit(url)
            if _external(url) or parts.scheme in ("mailto", "tel", "data"):
                continue
            if tag == "base":  # names the site's root where it is published (the 404 page): no file to find
                if url != _published_root():
                    problems.append(f"{rel}: <base> {url} → not the published root {_published_root()}")
                continue
            if parts.path.startswith(_published_root()):  # absolute, as Zensical writes its 404 page's links
                target = unquote(parts.path).removeprefix(_published_root())
            else:
                target = rel if not parts.path else (Path(rel).parent / unquote(parts.path)).as_posix()
            target = _normalise(target)
            if target is None or not (site / target).is_file():
                problems.append(f"{rel}: <{tag}> {url} → missing file {target}")
                continue
            if parts.fragment and target.endswith(".html") and unquote(parts.fragment) not in ids_of[target]:
                problems.append(f"{rel}: <{tag}> {url} → no id {parts.fragment!r} in {target}")
    return problems


def _published_root() -> str:
    """The path of site_url in mkdocs.yml, with a slash at each end: where the published site's root lies."""
    mkdocs_yml = (Path(__file__).resolve().parent.parent / "mkdocs.yml").read_text(encoding="utf-8")
    path = urlsplit(re.search(r"^site_url:\s*(\S+)", mkdocs_yml, re.M).group(1)).path
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


def _normalise(path: str) -> str | None:
    """a/b/../c.html → a/c.html; None if the path climbs out of the site."""
    out: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not out:
                return None
            out.pop()
        else:
            out.append(part)
    result = "/".join(out)
    return result + "/index.html" if path.endswith("/") else result


def test_no_asset_from_another_site(site, scanned):
    problems = [f"{rel}: <{tag}> {url}" for rel, p in scanned.items() for tag, url in p.assets if _external(url)]
    css_url = re.compile(r"""url\(\s*['"]?\s*((?:https?:)?//[^'")\s]+)|@import\s+['"]((?:https?:)?//[^'"]+)""", re.I)
    for rel, p in scanned.items():
        problems += [f"{rel}: style {m.group(0)}" for s in p.styles for m in css_url.finditer(s)]
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        problems += [f"{css.relative_to(site)}: {m.group(0)[:100]}" for m in css_url.finditer(text)]
    _fail(problems, "assets from other sites")


def test_the_scanner_catches_what_it_looks_for(tmp_path):
    """The scanner itself, on a hostile page: every kind of problem is found."""
    page = Page("x.html")
    _Scanner(page).feed(
        '<html><head><link rel="stylesheet" href="https://cdn.example/x.css"></head><body>'
        '<article><p onclick="x()">{{ namn }}</p><script>alert(1)</script>'
        '<a href=" JaVaScript:alert(1)">a</a><img src="//cdn.example/i.png" style="background:url(https://t.example/p)">'
        "<code>{{ shown on purpose }}</code></article></body></html>"
    )
    assert page.handlers == ["<p onclick='x()'>"]
    assert page.scripts_in_content and page.inline_scripts == ["alert(1)"]
    assert page.template_text == ["{{ namn }}"]
    assert [u for _, u in page.assets if _external(u)] == ["https://cdn.example/x.css", "//cdn.example/i.png"]
    assert any("t.example" in s for s in page.styles)
    assert [u for _, u in page.links if u.lower().startswith("javascript:")] == ["JaVaScript:alert(1)"]
