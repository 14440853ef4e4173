"""Samverkanshandboken's jobs, one session each. Run `nox -l` for the menu.

Without nox installed, `python3 noxfile.py -s SESSION` installs it first (see the bottom of this file).
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
NOX_VERSION = "2026.10.20"


def _bootstrap() -> None:
    """Run this file with nox from a private virtual environment, creating it the first time."""
    import subprocess
    import venv

    env_dir = ROOT / ".nox" / "_bootstrap"
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if Path(sys.prefix).resolve() == env_dir.resolve() or not python.exists():
        # First time, or an earlier first time was cut short (nox missing in its own environment: install it
        # again here rather than start this file over and over). Within constraints.txt, like everything else.
        print(f"Installerar nox {NOX_VERSION} i {env_dir} (en gång) ...", file=sys.stderr)
        if not python.exists():
            venv.EnvBuilder(with_pip=True).create(env_dir)
        pip = [python, "-m", "pip", "install", "--quiet", "-c", ROOT / "constraints.txt", f"nox=={NOX_VERSION}"]
        if subprocess.run(pip, check=False).returncode:
            print(
                f"fel: nox {NOX_VERSION} kunde inte installeras i {env_dir}; kontrollera att datorn når "
                "pypi.org (eller det paketindex som PIP_INDEX_URL anger) och kör kommandot igen",
                file=sys.stderr,
            )
            raise SystemExit(3)  # the machine lacks something (macros/core/exitcodes.py)
    os.execv(python, [str(python), __file__, *sys.argv[1:]])


if __name__ == "__main__":
    try:
        import nox
    except ImportError:
        _bootstrap()

import nox  # noqa: E402

nox.options.default_venv_backend = "venv"
nox.options.reuse_venv = "yes"
nox.options.sessions = ["check", "lint", "tests"]
PYPROJECT = nox.project.load_toml("pyproject.toml")
SITE = ROOT / "site"


CONSTRAINTS = "constraints.txt"  # every indirect dependency at its tested version
# The exit code for "the machine lacks something" (macros/core/exitcodes.py; noxfile.py cannot import the package
# before it is installed).
ENVIRONMENT = 3


def _install(session: nox.Session, *groups: str, project: bool = True) -> None:
    """The project and its pinned dependencies, plus the named dependency groups, all within constraints.txt.

    Only when they are not already there: pip takes 8-20 s even when nothing is missing, and needs the package
    index. The environment remembers what it was last given (installed-pins); while pyproject.toml,
    constraints.txt and the groups are the same, no pip runs, so every session works without a network."""
    commands = [["-e", "."]] if project else []
    commands += [nox.project.dependency_groups(PYPROJECT, group) for group in groups]
    pins = hashlib.sha256(b"".join((ROOT / name).read_bytes() for name in ("pyproject.toml", CONSTRAINTS)))
    wanted = "".join(f"pip install -c {CONSTRAINTS} {' '.join(c)}\n" for c in commands) + pins.hexdigest() + "\n"
    stamp = Path(session.virtualenv.location) / "installed-pins"
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == wanted:
        return
    stamp.unlink(missing_ok=True)  # a failed install below must not count as done
    for command in commands:
        _pip(session, "install", "--quiet", "-c", CONSTRAINTS, *command)
    stamp.write_text(wanted, encoding="utf-8")


def _pip(session: nox.Session, *args: str) -> None:
    """pip in the session's environment. Its English output goes to a log file; a failure is one Swedish sentence
    and exit code 3."""
    import subprocess

    python = Path(session.bin) / ("python.exe" if os.name == "nt" else "python")
    log = Path(session.virtualenv.location) / "pip.log"
    session.log(f"pip install i {session.name} (pip skriver i {log.name})")
    with log.open("w", encoding="utf-8") as out:
        code = subprocess.run([python, "-m", "pip", *args], cwd=ROOT, stdout=out, stderr=out, check=False).returncode
    if code:
        print(
            f"fel: det som sessionen {session.name} behöver kunde inte installeras; kontrollera att datorn når "
            f"pypi.org (eller det paketindex som PIP_INDEX_URL anger) och kör igen. Vad pip skrev står i {log}",
            file=sys.stderr,
        )
        raise SystemExit(ENVIRONMENT)


def _macros(session: nox.Session, *args: str, env: dict | None = None) -> None:
    """python -m macros ARGS; the session ends with the command's own exit code (0 ok, 1 data, 2 usage, ...).

    The command's stderr stays its own (nox would mix it into stdout), so stdout can be kept as it is: the pull
    request's job summary is the stdout of diff --format github."""
    try:
        session.run("python", "-m", "macros", *args, env=env, stderr=None)
    except nox.command.CommandFailed as exc:
        raise SystemExit(exc.return_code or 1) from None


@nox.session
def check(session: nox.Session) -> None:
    """Kontrollera all data mot scheman och regler (python -m macros check)."""
    _install(session)
    _macros(session, "check", *session.posargs)


@nox.session
def build(session: nox.Session) -> None:
    """Bygg webbplatsen strikt till site/; vid fel eller avbrott lämnas en tidigare site/ hel."""
    _install(session)
    build_site(session)


def build_site(session: nox.Session, builder: str = "mkdocs", site: Path = SITE) -> None:
    # Site, PDFs and offline archive in one step (macros/tools/publish.py), the same one the tests run: it builds
    # into a staging folder of its own, swaps it in whole, and waits while another build of the folder runs.
    _macros(session, "build", "--builder", builder, "--out", str(site), *session.posargs)
    session.log(f"Webbplatsen finns i {site}")


@nox.session(default=False)
def zensical(session: nox.Session) -> None:
    """Bygg hela handboken med Zensical i stället för MkDocs till site-zensical/ (se ZENSICAL.md)."""
    _install(session, "zensical")
    build_site(session, "zensical", ROOT / "site-zensical")


@nox.session(name="tests-zensical", default=False)
def tests_zensical(session: nox.Session) -> None:
    """Kör webbplatsens tester och webbläsartesterna mot Zensical-bygget (och MkDocs-bygget)."""
    _install(session, "test", "zensical")
    session.run(
        "pytest",
        *(session.posargs or ["tests/test_site.py", "tests/test_builders.py", "tests/browser"]),
        env={"NO_MKDOCS_2_WARNING": "1", "HANDBOK_BUILDERS": "mkdocs,zensical"},
    )


@nox.session
def pdf(session: nox.Session) -> None:
    """Skriv överenskommelsen till site/overenskommelse.pdf och ett blad per part till site/pdf/parter/."""
    _install(session)
    _macros(session, "pdf", "--out", str(SITE), *session.posargs)


@nox.session
def serve(session: nox.Session) -> None:
    """Bygg och visa handboken på http://127.0.0.1:8000; bygger om vid ändringar i data, mallar och text."""
    _install(session)
    # python -m macros serve: mkdocs serve, after saying in Swedish if the port is taken (exit code 3).
    _macros(session, "serve", *session.posargs)


@nox.session(default=False)
def new(session: nox.Session) -> None:
    """Skapa en fil att fylla i för en ny part, ett forum, en källa eller ett beslut: nox -s new -- part ny-kommun."""
    _install(session)
    _macros(session, "new", *session.posargs)


@nox.session(default=False)
def diff(session: nox.Session) -> None:
    """Visa vad ändringarna gör med handboken jämfört med en revision: nox -s diff -- main."""
    _install(session)
    _macros(session, "diff", *session.posargs)


@nox.session(default=False)
def folkmangd(session: nox.Session) -> None:
    """Lägg in folkmängden ur en tabell från SCB: nox -s folkmangd -- --datum 2025-06-30 --kalla KALLA tabell.csv."""
    _install(session)
    _macros(session, "folkmangd", *session.posargs)


@nox.session(name="folkmangd-saknas", default=False)
def folkmangd_saknas(session: nox.Session) -> None:
    """Skriv uppgift_saknas med skälet för varje kommun som saknar folkmängd ett budgetår: nox -s folkmangd-saknas
    -- --ar 2026 --skal SKÄL."""
    _install(session)
    _macros(session, "folkmangd-saknas", *session.posargs)


@nox.session
def tests(session: nox.Session) -> None:
    """Kör hela testsviten."""
    # Zensical too: the site and browser tests run against both builders (ZENSICAL.md).
    _install(session, "test", "zensical")
    session.run(
        "pytest",
        # One worker per core, at most four (pytest-xdist): most of the time goes to browsers, builds and
        # validators in processes of their own. Tests that share minutes of work per builder stay in one worker
        # (loadgroup: PER_BUILDER_FIXTURES in tests/conftest.py).
        *("-n", "auto", "--maxprocesses", "4", "--dist", "loadgroup"),
        *session.posargs,
        env={"NO_MKDOCS_2_WARNING": "1"},
    )


# The inner loop: every test but the browser tests, the ones that make a whole set of PDFs and the slow ones
# (markers set in tests/conftest.py), against the MkDocs build only.
QUICK = "not browser and not pdf and not slow"


@nox.session(default=False)
def quick(session: nox.Session) -> None:
    """Kör de snabba testerna (under en halv minut processortid): allt utom webbläsar-, PDF- och långsamma tester."""
    _install(session, "test")
    session.run(
        "pytest",
        "-m",
        QUICK,
        "-q",
        # One process: what is left is in-process work, and each xdist worker would collect the suite again
        # (seconds of CPU), which a busy machine cannot spare.
        "-n",
        "0",
        *session.posargs,
        # Keep compiled bytecode, even where PYTHONDONTWRITEBYTECODE is set: the loop runs again and again, and
        # compiling the package and rewriting the tests' asserts each time costs more than the tests.
        env={"NO_MKDOCS_2_WARNING": "1", "HANDBOK_BUILDERS": "mkdocs", "PYTHONDONTWRITEBYTECODE": None},
    )


@nox.session
def lint(session: nox.Session) -> None:
    """Granska Python-koden med ruff."""
    _install(session, "lint", project=False)
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", "--diff", ".")


@nox.session(default=False)
def bless(session: nox.Session) -> None:
    """Skriv om de förväntade utdata (golden files) efter en avsiktlig ändring i renderingen."""
    _install(session, "test")
    # Only the tests that compare with an expected file (marker golden: they ask for the bless fixture), and
    # so every file that a --bless of the whole suite would write.
    session.run("pytest", "tests", "-m", "golden", "--bless", *session.posargs)


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Mät kontroll, bygge, PDF och förhandsvisning vid 1×, 10× och 100× data; skriver bench/RESULTS.md."""
    _install(session)
    session.run("python", "-m", "bench", *session.posargs, env={"NO_MKDOCS_2_WARNING": "1"})


@nox.session(default=False)
def workflow(session: nox.Session) -> None:
    """Kör pull requestens arbetsflöde här, steg för steg, på en ny klon: nox -s workflow -- main min-gren."""
    _install(session)  # PyYAML, to read the workflow
    session.run("python", ".ci/workflow.py", *session.posargs)


@nox.session(default=False, venv_backend="none")
def fresh(session: nox.Session) -> None:
    """Kör README:s kommandon i rena Debian 12- och 13-rötter (kräver root och debootstrap): nox -s fresh."""
    # Only the standard library: tests/fresh.py makes the roots, clones HEAD into them and runs the commands.
    session.run(sys.executable, "-m", "tests.fresh", *session.posargs, external=True)


@nox.session(default=False, reuse_venv=False)  # a fresh environment resolves everything anew
def lock(session: nox.Session) -> None:
    """Lös om alla beroenden och skriv constraints.txt (gör det medvetet och kör sedan testerna)."""
    groups = [*nox.project.dependency_groups(PYPROJECT, "test"), *nox.project.dependency_groups(PYPROJECT, "zensical")]
    # nox too: the first run of this file installs it within the same constraints (_bootstrap above).
    session.install("-e", ".", *groups, f"nox=={NOX_VERSION}")
    frozen = session.run("python", "-m", "pip", "freeze", "--exclude-editable", silent=True)
    header = (ROOT / CONSTRAINTS).read_text(encoding="utf-8").split("\n")[:3]
    lines = [line for line in frozen.splitlines() if line and not line.startswith(("-e", "samverkanshandboken"))]
    (ROOT / CONSTRAINTS).write_text("\n".join([*header, *lines]) + "\n", encoding="utf-8")


if __name__ == "__main__":
    nox.main()
