"""The README's commands on clean Debian 12 and 13 machines, as a newcomer would run them (`nox -s fresh`).

Nothing this machine already has can help: each run gets a clean Debian root made by debootstrap with only
python3, python3-venv, git and ca-certificates, a git clone of the committed project (HEAD, not the work tree),
and commands run through ``env -i ... chroot`` with no CI variable. In each root:

1. ``python3 noxfile.py -s tests`` must pass (the browser tests skip there: no Chromium);
2. ``python3 noxfile.py -s build`` must write the site, every PDF and the offline zip;
3. ``python3 noxfile.py -s serve`` must answer with Nacka's page and a working PDF link within 90 s of the
   server's cold start (no earlier build, no PDF cache); the time nox takes first to install the session's
   environment is reported apart.

The pristine roots are made once per machine and kept in ~/.cache/samverkanshandboken/roots/; every run works
on an overlay (or a copy) of one, removed afterwards, so runs never see each other's leftovers. Logs stay in
~/.cache/samverkanshandboken/runs/. It needs root (debootstrap, chroot, mount).

This is development tooling, not part of the handbook, so it lives beside the tests rather than in macros/;
it is not collected by pytest (tests/test_fresh.py tests its small parts).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("HANDBOK_FRESH_CACHE", Path.home() / ".cache" / "samverkanshandboken"))
RELEASES = {"bookworm": "Debian 12", "trixie": "Debian 13"}
PACKAGES = "python3,python3-venv,git,ca-certificates"  # what a newcomer's minimal Debian has, nothing more
PROJECT = "/root/samverkanshandboken"  # where the clone lives inside the root
ENV = ["env", "-i", "HOME=/root", "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8"]
TIMEOUT = {"tests": 45 * 60, "build": 20 * 60}  # seconds; the suite takes about 5 min on an idle machine
SERVE_WITHIN = 90  # seconds from the server's cold start to Nacka's page with a working PDF link
INSTALL_WITHIN = 15 * 60  # seconds for nox to make the serve session's environment first (pip, from PyPI)
SERVER_STARTS = "-m macros serve"  # nox's line when the installation is done and the server starts
ENVIRONMENT = 3  # exit code: the machine lacks something (see macros/core/exitcodes.py)


class Missing(Exception):
    """This machine cannot make or enter the roots: one Swedish line to print."""


@dataclass
class Step:
    name: str
    seconds: float
    ok: bool
    tail: list[str] = field(default_factory=list)
    note: str = ""


def check_machine() -> None:
    """Root, debootstrap and chroot are needed; say which is missing and how to get it."""
    if os.geteuid() != 0:
        raise Missing("nox -s fresh måste köras som root (debootstrap, chroot och mount kräver det): sudo nox -s fresh")
    for program, package in (("debootstrap", "debootstrap"), ("chroot", "coreutils"), ("mount", "mount")):
        if shutil.which(program) is None:
            raise Missing(f"{program} saknas; installera det med: apt-get install {package}")


def pristine(release: str, log) -> Path:
    """The clean root of a release, made with debootstrap the first time (about 5 minutes)."""
    root = CACHE / "roots" / release
    if (root / "usr" / "bin" / "python3").exists():
        return root
    partial = root.with_name(root.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.parent.mkdir(parents=True, exist_ok=True)
    log(f"debootstrap {release} (en gång per maskin, ungefär 5 min) ...")
    cmd = ["debootstrap", "--variant=minbase", f"--include={PACKAGES}", release, str(partial)]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode:
        raise Missing(f"debootstrap {release} misslyckades: {_last(result.stdout + result.stderr, 1)[0]}")
    partial.rename(root)
    return root


class Root:
    """A throwaway working copy of a pristine root, with /proc, /dev, /sys and /dev/shm mounted.

    An overlay when the kernel allows it (instant), else a copy. Always unmounted and removed on exit.
    """

    def __init__(self, pristine_root: Path, work: Path):
        self.pristine, self.work = pristine_root, work
        self.dir = work / "root"
        self.mounts: list[Path] = []

    def __enter__(self) -> Root:
        shutil.rmtree(self.work, ignore_errors=True)
        (self.work / "upper").mkdir(parents=True)
        (self.work / "overlay-work").mkdir()
        self.dir.mkdir()
        try:
            self._setup()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _setup(self) -> None:
        options = f"lowerdir={self.pristine},upperdir={self.work / 'upper'},workdir={self.work / 'overlay-work'}"
        if self._mount(["-t", "overlay", "overlay", "-o", options], self.dir, check=False):
            self.kind = "overlay"
        else:
            self.dir.rmdir()
            subprocess.run(["cp", "-a", "--reflink=auto", str(self.pristine), str(self.dir)], check=True)
            self.kind = "kopia"
        # The network as this machine has it: name resolution and the CA certificates (a proxy's, too).
        shutil.copy("/etc/resolv.conf", self.dir / "etc" / "resolv.conf")
        certs = Path("/etc/ssl/certs/ca-certificates.crt")
        if certs.exists():
            shutil.copy(certs, self.dir / "etc" / "ssl" / "certs" / certs.name)
        self._mount(["-t", "proc", "proc"], self.dir / "proc")
        for name in ("dev", "sys"):
            self._mount(["--rbind", f"/{name}"], self.dir / name)
            # Private: nothing mounted below the root's /dev (the tmpfs next) may reach this machine's /dev.
            subprocess.run(["mount", "--make-rprivate", str(self.dir / name)], check=True)
        (self.dir / "dev" / "shm").mkdir(exist_ok=True)
        self._mount(["-t", "tmpfs", "-o", "mode=1777", "tmpfs"], self.dir / "dev" / "shm")

    def _mount(self, args: list[str], target: Path, check: bool = True) -> bool:
        result = subprocess.run(["mount", *args, str(target)], capture_output=True, text=True)
        if result.returncode:
            if check:
                raise Missing(f"mount {target} misslyckades: {result.stderr.strip()}")
            return False
        self.mounts.append(target)
        return True

    def __exit__(self, *exc) -> None:
        for target in reversed(self.mounts):  # lazily: a process still holding a file cannot keep it mounted
            subprocess.run(["umount", "-l", str(target)], capture_output=True)
        self.mounts.clear()
        still = [line.split()[4] for line in Path("/proc/self/mountinfo").read_text().splitlines()]
        leftover = [m for m in still if m.startswith(str(self.dir))]
        if leftover:  # never delete through a mount into this machine's /dev or /sys
            print(f"fresh: lämnar {self.work} kvar, fortfarande monterat: {', '.join(leftover)}", file=sys.stderr)
            return
        # rm is much faster than shutil.rmtree on three virtual environments; never across a file system.
        subprocess.run(["rm", "-rf", "--one-file-system", str(self.work)], check=False)

    def command(self, shell: str) -> list[str]:
        """A command run in the project's clone inside the root, with an empty environment."""
        return [*ENV, "chroot", str(self.dir), "/bin/sh", "-c", f"cd {PROJECT} && {shell}"]


def clone(root: Root, revision: str) -> None:
    """The committed project as a newcomer gets it: a git clone, on a branch, of the given commit."""
    target = root.dir / PROJECT.lstrip("/")
    subprocess.run(["git", "clone", "-q", "--no-checkout", "--no-hardlinks", str(ROOT), str(target)], check=True)
    subprocess.run(["git", "-C", str(target), "checkout", "-q", "-B", "main", revision], check=True)


def run_step(root: Root, name: str, shell: str, log_file: Path, timeout: float) -> Step:
    start = time.monotonic()
    with log_file.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(root.command(shell), stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            code = proc.wait(timeout=timeout)
            note = ""
        except subprocess.TimeoutExpired:
            code, note = -1, f"stoppad efter {timeout:.0f} s"
        finally:  # also when this run is stopped: nothing may go on inside the root after it is unmounted
            _stop(proc)
    text = log_file.read_text(encoding="utf-8", errors="replace")
    return Step(name, time.monotonic() - start, code == 0, _last(text, 4), note or f"slutkod {code}")


def expected_pdfs(project: Path) -> int:
    """The PDFs a build of the project's data writes: the agreement, and for each party a sheet and, when the data
    describes aktiverat läge, an activation card (macros/pdf/plan.py). Counted from the data files, since this
    runs without the project's dependencies."""
    data = project / "data"
    parties = len(list((data / "parter").glob("*.yaml")))
    return 1 + parties * (2 if (data / "aktivering.yaml").is_file() else 1)


def check_build(root: Root) -> str:
    """What the build wrote: the site's start page, the PDFs and the zip; empty if all is there."""
    project = root.dir / PROJECT.lstrip("/")
    site = project / "site"
    pdfs = sorted(site.rglob("*.pdf"))
    problems = []
    if not (site / "index.html").is_file():
        problems.append("site/index.html saknas")
    if len(pdfs) != expected_pdfs(project):
        problems.append(f"{len(pdfs)} PDF-filer, väntade {expected_pdfs(project)}")
    if not (site / "handbok-offline.zip").is_file():
        problems.append("site/handbok-offline.zip saknas")
    return "; ".join(problems)


def serve_step(root: Root, log_file: Path) -> Step:
    """Start the preview as the README says (on a free port, so that it cannot meet another server), wait for
    Nacka's page and fetch the PDF it links to; the server is always stopped."""
    port = _free_port()
    shell = f"exec python3 noxfile.py -s serve -- --adress 127.0.0.1:{port}"
    start = time.monotonic()
    found = ""
    page_at = server_at = None
    with log_file.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen(root.command(shell), stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            while proc.poll() is None and not found:
                now = time.monotonic()
                if server_at is None and SERVER_STARTS in log_file.read_text(encoding="utf-8", errors="replace"):
                    server_at = now
                if (server_at or start + INSTALL_WITHIN) + SERVE_WITHIN < now:
                    break
                page, found = _page_and_pdf(port)
                if page and page_at is None:
                    page_at = now
                if not found:
                    time.sleep(0.5)
        finally:
            seconds = time.monotonic() - start
            _stop(proc)
    text = log_file.read_text(encoding="utf-8", errors="replace")
    install = f"installation {server_at - start:.0f} s" if server_at else "servern startade aldrig"
    page = f"sidan {page_at - server_at:.0f} s efter serverns start" if page_at and server_at else "ingen sida"
    pdf = f"PDF-länken {seconds - (server_at - start):.0f} s efter; {found}" if found and server_at else ""
    note = f"{install}, {page}, " + (pdf or f"ingen fungerande PDF-länk inom {SERVE_WITHIN} s")
    return Step("serve", seconds, bool(found), _last(text, 4), note)


def _page_and_pdf(port: int) -> tuple[bool, str]:
    """Whether Nacka's page answers with a PDF link, and once that PDF answers as a PDF, what was fetched."""
    base = _site_folder(f"http://127.0.0.1:{port}")
    page = _fetch(f"{base}/parter/nacka.html").decode("utf-8", "replace")
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    link = re.search(r'href="([^"]+\.pdf)"', page)
    if not (h1 and "Nacka" in h1.group(1) and link):
        return False, ""
    url = urllib.parse.urljoin(f"{base}/parter/nacka.html", link.group(1))
    body = _fetch(url)
    if not body.startswith(b"%PDF-"):
        return True, ""
    return True, f"/parter/nacka.html: {h1.group(1).strip()}; {url.removeprefix(base)}: {len(body)} byte PDF"


def _site_folder(server: str) -> str:
    """Where the preview shows the site: the server's root redirects to site_url's path (mkdocs.yml)."""
    try:
        with urllib.request.urlopen(server + "/", timeout=5) as r:
            return r.geturl().rstrip("/")
    except OSError:
        return server


def _fetch(url: str) -> bytes:
    """The body of a 200 answer, else b''."""
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read()
    except OSError:  # not answering yet, or 404 (urllib's errors are OSErrors)
        return b""


def fresh(releases: list[str], revision: str, log) -> list[tuple[str, list[Step]]]:
    results = []
    runs = CACHE / "runs"
    for release in releases:
        base = pristine(release, log)
        logs = runs / f"{release}-logs"
        shutil.rmtree(logs, ignore_errors=True)
        logs.mkdir(parents=True)
        steps: list[Step] = []
        with Root(base, runs / f"{release}-{os.getpid()}") as root:
            clone(root, revision)
            log(f"{RELEASES[release]} ({release}, {root.kind}): {revision[:12]} klonad; loggar i {logs}")
            for name in ("tests", "build"):
                log(f"{RELEASES[release]}: python3 noxfile.py -s {name} ...")
                step = run_step(root, name, f"python3 noxfile.py -s {name}", logs / f"{name}.log", TIMEOUT[name])
                if name == "build" and step.ok:
                    missing = check_build(root)
                    step.ok, step.note = not missing, missing or "PDF-filerna, webbplatsen och zip-filen finns"
                steps.append(step)
                _print_step(release, step, log)
            log(f"{RELEASES[release]}: python3 noxfile.py -s serve ...")
            steps.append(serve_step(root, logs / "serve.log"))
            _print_step(release, steps[-1], log)
        results.append((release, steps))
    return results


def _print_step(release: str, step: Step, log) -> None:
    verdict = "ok" if step.ok else "FEL"
    log(f"{RELEASES[release]}: {step.name}: {verdict} på {step.seconds:.0f} s ({step.note})")
    for line in step.tail:
        log(f"    {line}")


def _last(text: str, n: int) -> list[str]:
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    return lines[-n:] or [""]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@contextlib.contextmanager
def _sigterm_unwinds() -> Iterator[None]:
    """Stopped from outside (CI cancelling): unwind like an error, so that every mount goes."""
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nox -s fresh --", description=__doc__.split("\n")[0])
    parser.add_argument("releases", nargs="*", metavar="RELEASE", help=f"{' or '.join(RELEASES)} (default: both)")
    parser.add_argument("--revision", default="HEAD", help="the commit to clone (default: HEAD)")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.releases) - set(RELEASES))
    if unknown:
        parser.error(f"okänd version: {', '.join(unknown)}; välj bland {', '.join(RELEASES)}")

    def log(line: str) -> None:
        print(f"fresh: {line}", flush=True)

    try:
        check_machine()
        revision = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", f"{args.revision}^{{commit}}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        with _sigterm_unwinds():
            results = fresh(args.releases or list(RELEASES), revision, log)
    except Missing as exc:
        print(f"fel: {exc}", file=sys.stderr)
        return ENVIRONMENT
    failed = [f"{RELEASES[r]} {s.name}" for r, steps in results for s in steps if not s.ok]
    log("allt gick igenom" if not failed else f"misslyckades: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
