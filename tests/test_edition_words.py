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


def _git(cwd, *args, day: str = "2026-03-04T12:00:00"):
    import os
    import subprocess

    env = {**os.environ, "GIT_COMMITTER_DATE": day, "GIT_AUTHOR_DATE": day}
    ident = ["-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", *ident, *args], cwd=cwd, env=env, check=True, capture_output=True)


def test_a_page_says_the_day_its_data_file_last_changed(tmp_path, valid_handbok):
    from macros.core.andringsdagar import andringsdagar
    from macros.render.common import Kontext

    data = tmp_path / "data" / "parter"
    data.mkdir(parents=True)
    (data / "nacka.yaml").write_text("id: nacka\n", encoding="utf-8")
    (data / "salem.yaml").write_text("id: salem\n", encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "first", day="2026-03-04T12:00:00")
    (data / "nacka.yaml").write_text("id: nacka\nnamn: x\n", encoding="utf-8")
    _git(tmp_path, "commit", "-q", "-am", "second", day="2026-05-06T12:00:00")
    days = andringsdagar(tmp_path / "data")
    assert days["data/parter/nacka.yaml"] == "2026-05-06" and days["data/parter/salem.yaml"] == "2026-03-04"
    footer = Kontext(valid_handbok, "parter/nacka.md", andrad=days).redigera("data/parter/nacka.yaml")
    assert "Uppgifterna i filen ändrades senast den 6 maj 2026." in footer


def test_outside_git_no_day_is_claimed(tmp_path, valid_handbok):
    from macros.core.andringsdagar import andringsdagar
    from macros.render.common import Kontext

    (tmp_path / "data").mkdir()
    assert andringsdagar(tmp_path / "data") == {}
    assert "ändrades" not in Kontext(valid_handbok, "parter/nacka.md").redigera("data/parter/nacka.yaml")
