"""The live preview in a real browser (`python -m macros serve`, what `nox -s serve` runs), as a coordinator uses it:
a page stays open while files are saved, and reloads by itself.

- Broken data shows on the open page as a Swedish banner naming the file and line the checker names; the page comes
  back by itself when the file is fixed. A build that fails for another reason shows its reason the same way, and
  the server goes on answering.
- The PDFs and the offline zip are served from the start, not 404 while they are being made.
- After Ctrl+C the preview starts again at once on the same port.

Behaviours only: the times are measured by bench/preview.py. Each server runs in a copy of the project.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from tests.helpers import run_check
from tests.previewserver import NACKA, PAGE, Preview, copy_project, set_name

STARTUP = 300  # seconds: the first full build and the PDFs on a busy 2-core machine
REBUILD = 180  # milliseconds below: Playwright's timeouts
BANNER = "#handbok-forhandsvisning-fel"


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "handbok")


def _open(context_factory, server: Preview):
    server.wait_for("the first build", lambda: server.h1().startswith("200 "), STARTUP)
    context, _guard = context_factory(server.origin)
    page = context.new_page()
    page.goto(server.url + PAGE)
    return page


def test_broken_data_shows_on_the_open_page_and_the_page_recovers(project, context_factory):
    server = Preview(project)
    try:
        page = _open(context_factory, server)
        # From the start: the PDFs and the zip the start page links to, never a 404 while they are being made.
        for path in ("/pdf/parter/nacka.pdf", "/overenskommelse.pdf"):
            response = page.request.get(server.url + path, timeout=STARTUP * 1000)
            assert response.status == 200 and response.body().startswith(b"%PDF-"), path
        response = page.request.get(server.url + "/handbok-offline.zip", timeout=STARTUP * 1000)
        assert response.status == 200
        names = zipfile.ZipFile(io.BytesIO(response.body())).namelist()
        assert any(n.endswith("/index.html") for n in names) and any(n.endswith("/pdf/parter/nacka.pdf") for n in names)
        name = page.locator("h1").inner_text()
        assert page.locator(BANNER).count() == 0

        # A coordinator's typo: an opening quote never closed. The open page reloads by itself with the banner.
        set_name(project, 'namn: "Nacka stad')
        _code, out, _ = run_check(project)
        errors = [re.match(r"(.+?):(\d+):(\d+): fel: (.*) \[", line) for line in out.splitlines() if ": fel: " in line]
        assert errors and all(e and e.group(1) == NACKA.as_posix() for e in errors), out
        banner = page.locator(BANNER)
        banner.wait_for(timeout=REBUILD * 1000)
        assert banner.get_attribute("role") == "alert"
        text = banner.inner_text()
        assert text.startswith("Datan har fel, så handboken kan inte byggas om.")
        for e in errors:
            assert f"{e.group(1)}, rad {e.group(2)}, kolumn {e.group(3)}: {e.group(4)}" in text
        assert page.locator("h1").inner_text() == name  # below it, the last version that could be built

        # An address with nothing behind it says the same, and a page that is there still answers.
        missing = page.context.new_page()
        assert missing.goto(server.url + "/finns-inte.html").status == 404
        assert "data/parter/nacka.yaml" in missing.locator(BANNER).inner_text()
        assert missing.goto(server.url + "/index.html").status == 200
        missing.close()

        # Fixed: the same page, never reloaded by hand, shows the new name and no banner.
        set_name(project, "namn: Nacka stad")
        page.locator("h1", has_text="Nacka stad").wait_for(timeout=REBUILD * 1000)
        assert page.locator(BANNER).count() == 0

        # A build that fails for another reason than the data (a page calls a macro that does not exist): the
        # preview says so on the page and goes on answering; fixed, it recovers.
        index = project / "docs" / "index.md"
        original = index.read_text(encoding="utf-8")
        index.write_text(original + "\n{{ finns_inte() }}\n", encoding="utf-8")
        banner.wait_for(timeout=REBUILD * 1000)
        assert banner.inner_text().startswith("Handboken kunde inte byggas om.")
        assert "Sidan index.md kunde inte göras: UndefinedError:" in banner.inner_text()
        assert page.locator("h1").inner_text() == "Nacka stad"
        index.write_text(original, encoding="utf-8")
        banner.wait_for(state="detached", timeout=REBUILD * 1000)
        assert server.proc.poll() is None
    finally:
        server.stop()


def test_after_ctrl_c_the_preview_starts_again_at_once_on_the_same_port(project, context_factory):
    """The open page keeps a connection to the server (the reload poll); its port is in TIME_WAIT for a minute
    after Ctrl+C, which a probe without SO_REUSEADDR took for a port in use."""
    first = Preview(project)
    try:
        page = _open(context_factory, first)
        page.wait_for_load_state("load")
        assert first.interrupt() == 0
    finally:
        first.stop()
    again = Preview(project, port=first.port)
    try:
        again.wait_for("the second start", lambda: again.h1().startswith("200 "), STARTUP)
        assert "används redan" not in again.output()
        assert page.reload().status == 200
    finally:
        again.stop()
