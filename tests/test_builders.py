"""MkDocs + Material and Zensical build the same handbook from the same generation step (ZENSICAL.md): the same
pages, menu, glossary links, open data and schemas, and the same text in every page's article."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from tests import sitebuild
from tests.helpers import visible_text

# Builds the handbook with both builders (Zensical is not in nox -s quick's environment).
pytestmark = pytest.mark.slow

_ARTICLE = re.compile(r"<article\b[^>]*>(.*?)</article>", re.S)


@pytest.fixture(scope="module")
def sites() -> dict[str, Path]:
    """Both builders' sites of the shipped data: the same builds the fixture real_site reads (tests/sitebuild.py)."""
    sitebuild.require("zensical")  # skipped on a developer's machine without it, a failure in CI
    out = {}
    for builder in ("mkdocs", "zensical"):
        site, result = sitebuild.shipped(builder)
        assert result.returncode == 0, result.stdout + result.stderr
        out[builder] = site
    return out


def test_a_builder_that_is_missing_skips_here_and_fails_in_ci(monkeypatch):
    monkeypatch.setattr(sitebuild, "missing", lambda builder: f"{builder} is not installed")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        sitebuild.require("zensical")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="zensical is not installed"):
        sitebuild.require("zensical")


def _html(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def test_the_same_pages(sites):
    assert _html(sites["mkdocs"]).keys() == _html(sites["zensical"]).keys()


def test_the_same_glossary_links_on_every_page(sites):
    def links(site):
        return {rel: html.count('class="handbok-term"') for rel, html in _html(site).items()}

    mkdocs, zensical = links(sites["mkdocs"]), links(sites["zensical"])
    assert sum(mkdocs.values()) > 100
    assert mkdocs == zensical


def test_the_same_menu(sites):
    def menu(site):
        html = (site / "index.html").read_text(encoding="utf-8")
        nav = html[html.index('md-nav--primary"') :]
        return re.findall(r'class="md-nav__link[^"]*"[^>]*href="([^"]+)"|href="([^"]+)"[^>]*class="md-nav__link', nav)

    def hrefs(found) -> set[str]:  # Zensical writes ./page.html where Material writes page.html
        return {posixpath.normpath(a or b) for a, b in found}

    mkdocs, zensical = hrefs(menu(sites["mkdocs"])), hrefs(menu(sites["zensical"]))
    assert {"parter/nacka.html", "forum/regionala-radet.html"} <= mkdocs
    assert mkdocs == zensical


def test_the_same_article_text_on_every_page(sites):
    def text(html: str) -> str:
        m = _ARTICLE.search(html)
        return visible_text(m.group(1)) if m else ""

    mkdocs, zensical = _html(sites["mkdocs"]), _html(sites["zensical"])
    differ = [rel for rel in mkdocs if text(mkdocs[rel]) != text(zensical[rel])]
    assert not differ, differ


def test_the_same_open_data_and_schemas(sites):
    for folder in ("data", "schema"):
        files = sorted(p.relative_to(sites["mkdocs"]) for p in (sites["mkdocs"] / folder).rglob("*") if p.is_file())
        assert files
        for rel in files:
            assert (sites["zensical"] / rel).read_bytes() == (sites["mkdocs"] / rel).read_bytes(), rel
