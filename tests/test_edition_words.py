"""What a reader is told about the edition outside a git checkout (a downloaded copy): nothing about git on the
PDF's cover, the party sheet or in the offline archive, whose folder ends with the date."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime

from macros.core.utgava import Utgava
from macros.outputs import offline
from macros.pdf.overenskommelse import overenskommelse
from macros.pdf.partblad import partblad

OUTSIDE_GIT = Utgava(datetime(2026, 1, 1, 12, tzinfo=UTC), None)
JARGON = ("git", "okänd", "okand", "utcheckning")


def test_the_cover_and_the_sheet_name_no_revision_they_do_not_know(valid_handbok):
    cover = overenskommelse(valid_handbok, OUTSIDE_GIT)["omslag"]["fakta"]
    text = " ".join(f"{k} {v}" for k, v in cover)
    assert "Utskriften skapad" in text and not any(word in text.lower() for word in JARGON), text
    sheet = partblad(valid_handbok, OUTSIDE_GIT, next(iter(valid_handbok.parter.values())))
    assert sheet["revision"] == ""  # the template leaves "från datans version" out


def test_a_known_revision_is_on_the_cover(valid_handbok):
    cover = dict(overenskommelse(valid_handbok, Utgava(OUTSIDE_GIT.skapad, "abc1234"))["omslag"]["fakta"])
    assert cover["Datans version"] == "abc1234"


def test_the_archive_folder_ends_with_the_date_and_its_note_says_nothing_of_git(tmp_path):
    (tmp_path / "index.html").write_text("<p>x</p>", encoding="utf-8")
    archive = offline.write_archive(tmp_path, OUTSIDE_GIT)
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        folder = names[0].split("/")[0]
        about = zf.read(f"{folder}/{offline.README}").decode("utf-8")
    assert folder == "samverkanshandboken-2026-01-01"
    assert not any(word in about.lower() for word in JARGON), about
