"""The live preview's banner and reasons (macros/site/previewbanner.py, macros/site/preview.py), without a server:
everything from the data is escaped, every problem names file, line and column, and a failed build is said in a
line or two. The server itself: tests/test_serve.py and tests/browser/test_browser_preview.py."""

from __future__ import annotations

from macros.core.problems import FEL, Problem
from macros.site import preview, previewbanner

HOSTILE = "<script>alert(1)</script> & 'x'"


def test_the_banner_names_file_line_and_column_and_escapes_everything():
    problem = Problem(f"data/parter/{HOSTILE}.yaml", 12, 7, "schema", f"namnet {HOSTILE} är fel", FEL)
    html = previewbanner.banner([problem], None)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "rad 12, kolumn 7:" in html and "[schema]" in html
    assert html.startswith("<div role='alert' id='handbok-forhandsvisning-fel'")
    assert "Datan har fel, så handboken kan inte byggas om." in html


def test_the_banner_lists_the_first_problems_and_says_how_many_more():
    problems = [Problem("data/x.yaml", n, 1, "schema", f"fel {n}", FEL) for n in range(1, previewbanner.SHOWN + 4)]
    html = previewbanner.banner(problems, None)
    assert html.count("<li>") == previewbanner.SHOWN + 1
    assert "… och 3 till. Terminalen visar alla." in html


def test_a_failed_build_is_said_escaped():
    html = previewbanner.banner([], f"RuntimeError: {HOSTILE}")
    assert "Handboken kunde inte byggas om." in html and "&lt;script&gt;" in html and "<script>" not in html


def test_the_banner_goes_first_in_the_body():
    page = b"<html><head><title>x</title></head><body class='a' dir=ltr><h1>Rubrik</h1></body></html>"
    out = previewbanner.with_banner(page, "<div>B</div>")
    assert out == page.replace(b"dir=ltr>", b"dir=ltr><div>B</div>")


def test_a_template_error_is_said_as_page_and_error():
    said = [
        "[macros] - ERROR # _Macro Rendering Error_\n\n_File_: `index.md`\n\n_UndefinedError_: 'x' is undefined\n\n"
        '```\nTraceback (most recent call last):\n  File "a.py", line 1\n```'
    ]
    assert preview._reason(SystemExit(100), said) == "Sidan index.md kunde inte göras: UndefinedError: 'x' is undefined"


def test_another_failure_keeps_what_was_logged_without_the_traceback():
    said = ['Något gick snett i sidan\nTraceback (most recent call last):\n  File "a.py", line 1, in f\n    x()']
    reason = preview._reason(ValueError("fel värde"), said)
    assert reason == "Något gick snett i sidan\nValueError: fel värde"
