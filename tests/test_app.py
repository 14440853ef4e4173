"""The app's files (macros/outputs/app/) written into a small built site: what the worker keeps, the edition that
names its cache, the lines in each page's head, the manifest and the icons. The browser tests
(tests/browser/test_browser_app.py) drive the same files in Chromium."""

from __future__ import annotations

import json
import re
import shutil
import struct
from pathlib import Path

import pytest

from macros.core import pages
from macros.outputs import app
from macros.outputs.app import head, icons, precache
from macros.tools import outdir

PAGE = "<!doctype html><html lang=sv><head><title>{}</title></head><body><h1>{}</h1></body></html>"


@pytest.fixture
def site(tmp_path) -> Path:
    """A built site in small: pages at two depths, styles, scripts, Material's search index and lunr files, the
    agreement, a card, a party sheet, open data, the zip and the build's list of written files."""
    root = tmp_path / "site"
    files = {
        "index.html": PAGE.format("Start", "Start"),
        "404.html": PAGE.format("404", "Sidan finns inte"),
        pages.html(pages.part_sida("nacka")): PAGE.format("Nacka", "Nacka kommun"),
        "assets/stylesheets/main.css": "body{}",
        "assets/javascripts/bundle.js": "1",
        "assets/javascripts/lunr/min/lunr.stemmer.support.min.js": "2",
        "assets/javascripts/lunr/min/lunr.sv.min.js": "3",
        "assets/javascripts/lunr/min/lunr.da.min.js": "4",
        "assets/javascripts/lunr/tinyseg.js": "5",
        precache.SEARCH_INDEXES[0]: json.dumps({"config": {"lang": ["sv"]}, "docs": []}),
        "search/search_index.js": "var __index = {}",
        precache.SITEMAP: "<urlset/>",
        pages.OVERENSKOMMELSE_PDF: "%PDF-agreement",
        pages.aktiveringskort_fil("nacka"): "%PDF-card",
        pages.partblad_fil("nacka"): "%PDF-sheet",
        pages.MODEL_FILE: "{}",
        pages.OFFLINE_ARKIV: "zip",
        outdir.MANIFEST: "list",
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def written(site: Path) -> app.App:
    return app.write_app(site, "Samverkanshandboken", "Handbok för samverkan.")


def worker_list(site: Path, name: str) -> list[str]:
    code = (site / pages.APP_WORKER).read_text(encoding="utf-8")
    return json.loads(re.search(rf"^const {name} = (.*?);$", code, re.M | re.S).group(1))


def test_the_worker_keeps_pages_styles_scripts_search_agreement_and_cards(site):
    result = written(site)
    kept = worker_list(site, "PRECACHE")
    assert {"index.html", "404.html", pages.html(pages.part_sida("nacka"))} <= set(kept)
    assert {"assets/stylesheets/main.css", "assets/javascripts/bundle.js"} <= set(kept)
    assert {pages.APP_SCRIPT, pages.APP_STYLE} <= set(kept)
    assert {precache.SEARCH_INDEXES[0], precache.SITEMAP, pages.APP_MANIFEST} <= set(kept)
    assert {pages.OVERENSKOMMELSE_PDF, pages.aktiveringskort_fil("nacka")} <= set(kept)
    assert {icon.fil for icon in (*icons.ICONS, icons.APPLE_TOUCH_ICON)} <= set(kept)
    # The search worker's language files for Swedish, and no other language's.
    lunr = [p for p in kept if "/lunr/" in p]
    assert lunr == [f"assets/javascripts/lunr/min/lunr.{name}.min.js" for name in ("stemmer.support", "sv")]
    for never in (pages.partblad_fil("nacka"), pages.OFFLINE_ARKIV, pages.MODEL_FILE, "search/search_index.js",
                  outdir.MANIFEST, pages.APP_WORKER):  # fmt: skip
        assert never not in kept
    assert kept == sorted(kept)
    assert result.files == len(kept)
    assert result.bytes == sum((site / p).stat().st_size for p in kept)
    assert worker_list(site, "SHEETS") == pages.PARTBLAD_DIR + "/"
    assert worker_list(site, "NEVER") == [pages.OFFLINE_ARKIV]


def test_a_missing_search_language_file_stops_the_build(site):
    (site / "assets/javascripts/lunr/min/lunr.sv.min.js").unlink()
    with pytest.raises(app.AppError, match=re.escape("lunr.sv.min.js saknas")):
        written(site)


def test_the_same_site_gives_the_same_bytes(site, tmp_path):
    twin = shutil.copytree(site, tmp_path / "twin")
    assert written(site) == written(twin)
    for path in site.rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (twin / path.relative_to(site)).read_bytes(), path


def test_the_edition_moves_with_what_is_kept_only(site, tmp_path):
    base = written(shutil.copytree(site, tmp_path / "a")).edition
    sheet = shutil.copytree(site, tmp_path / "b")
    (sheet / pages.partblad_fil("nacka")).write_text("%PDF-another sheet")
    assert written(sheet).edition == base
    card = shutil.copytree(site, tmp_path / "c")
    (card / pages.aktiveringskort_fil("nacka")).write_text("%PDF-another card")
    assert written(card).edition != base
    page = shutil.copytree(site, tmp_path / "d")
    (page / "index.html").write_text(PAGE.format("Start", "Ny start"))
    new = written(page).edition
    assert new != base
    assert worker_list(page, "EDITION") == new


def test_every_page_links_the_app_relative_to_itself(site):
    written(site)
    start = (site / "index.html").read_text(encoding="utf-8")
    party = (site / pages.html(pages.part_sida("nacka"))).read_text(encoding="utf-8")
    assert head.tags("index.html") in start and start.count(head.END) == 1
    assert f'<link rel="manifest" href="../{pages.APP_MANIFEST}">' in party
    assert f'src="../{pages.APP_SCRIPT}" data-worker="../{pages.APP_WORKER}" defer' in party
    assert party.index(pages.APP_MANIFEST) < party.index(head.END)


def test_a_page_without_a_head_stops_the_build(site):
    (site / "404.html").write_text("<html><body>no head</body></html>")
    with pytest.raises(app.AppError, match=re.escape("404.html har inget </head>")):
        written(site)


def test_the_manifest_is_swedish_and_relative_to_any_sub_path(site):
    written(site)
    manifest = json.loads((site / pages.APP_MANIFEST).read_text(encoding="utf-8"))
    assert manifest["lang"] == "sv" and manifest["name"] == "Samverkanshandboken"
    assert manifest["start_url"] == "./index.html" and manifest["scope"] == "./"
    assert not any(icon["src"].startswith("/") for icon in manifest["icons"])
    purposes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable"), ("any", "any")} <= purposes


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_the_icons_have_the_sizes_they_are_listed_with(site):
    written(site)
    for icon in (*icons.ICONS, icons.APPLE_TOUCH_ICON):
        data = (site / icon.fil).read_bytes()
        if icon.size:
            assert png_size(data) == (icon.size, icon.size), icon
        else:
            assert data.startswith(b"<svg") and b"<title>" in data


def test_a_maskable_icon_fills_its_square_and_the_other_has_round_corners():
    assert 'rx="' not in icons.svg("maskable").split("<g")[0]
    assert 'rx="96"' in icons.svg("any")
