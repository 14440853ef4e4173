"""nox -s fresh (tests/fresh.py) in its small parts: it refuses in one Swedish line without root or debootstrap,
runs every command with an empty environment (no CI variable) inside the root, and checks what the build wrote.
The whole run needs root and about half an hour; .ci/run does it."""

from __future__ import annotations

import shutil

import pytest

from tests import fresh


def test_without_root_it_says_so_in_one_line_and_exits_3(monkeypatch, capsys):
    monkeypatch.setattr(fresh.os, "geteuid", lambda: 1000)
    assert fresh.main([]) == fresh.ENVIRONMENT
    err = capsys.readouterr().err.strip()
    assert err.startswith("fel: ") and "\n" not in err and "root" in err and "sudo" in err


def test_without_debootstrap_it_names_the_package(monkeypatch, capsys):
    monkeypatch.setattr(fresh.os, "geteuid", lambda: 0)
    real = shutil.which
    monkeypatch.setattr(fresh.shutil, "which", lambda name: None if name == "debootstrap" else real(name))
    assert fresh.main(["bookworm"]) == fresh.ENVIRONMENT
    assert capsys.readouterr().err.strip() == "fel: debootstrap saknas; installera det med: apt-get install debootstrap"


def test_an_unknown_release_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        fresh.main(["buster"])
    assert exit_.value.code == 2 and "okänd version: buster" in capsys.readouterr().err


def test_commands_run_in_the_clone_with_an_empty_environment(tmp_path):
    root = fresh.Root(tmp_path, tmp_path / "run")
    command = root.command("python3 noxfile.py -s tests")
    assert command[:2] == ["env", "-i"]
    assert not any(c.startswith("CI=") for c in command)
    assert command[command.index("chroot") + 1] == str(root.dir)
    assert command[-1] == f"cd {fresh.PROJECT} && python3 noxfile.py -s tests"


def test_the_build_check_wants_the_site_every_pdf_and_the_zip(tmp_path):
    root = fresh.Root(tmp_path, tmp_path / "run")
    project = root.dir / fresh.PROJECT.lstrip("/")
    site = project / "site"
    (project / "data" / "parter").mkdir(parents=True)
    for name in ("nacka", "salem", "sll"):  # three parties: the agreement, three sheets and three cards
        (project / "data" / "parter" / f"{name}.yaml").write_text("id: x\n")
    (project / "data" / "aktivering.yaml").write_text("x: 1\n")
    assert fresh.expected_pdfs(project) == 7
    assert "site/index.html saknas" in fresh.check_build(root)
    (site / "pdf" / "parter").mkdir(parents=True)
    (site / "index.html").write_text("<h1>Start</h1>")
    (site / "overenskommelse.pdf").write_bytes(b"%PDF-")
    for n in range(5):
        (site / "pdf" / "parter" / f"{n}.pdf").write_bytes(b"%PDF-")
    assert fresh.check_build(root) == "6 PDF-filer, väntade 7; site/handbok-offline.zip saknas"
    (site / "pdf" / "parter" / "sista.pdf").write_bytes(b"%PDF-")
    (site / "handbok-offline.zip").write_bytes(b"PK")
    assert fresh.check_build(root) == ""
    (project / "data" / "aktivering.yaml").unlink()  # without aktiverat läge: no cards
    assert fresh.expected_pdfs(project) == 4
