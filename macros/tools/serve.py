"""``python -m macros serve``: mkdocs serve, after a check that the address can be used, so that a busy port
is a Swedish sentence with exit code 3 (ENVIRONMENT), not a traceback."""

from __future__ import annotations

import argparse
import errno
import os
import sys
from pathlib import Path

from ..core.exitcodes import DATA, ENVIRONMENT, OK, USAGE, fail
from ..core.repo import CONFIG
from .usage import add_data


def add_serve(commands) -> None:
    serve = commands.add_parser("serve", help="bygg och visa handboken i webbläsaren, och bygg om vid ändringar")
    serve.add_argument("--adress", default="127.0.0.1:8000", help="var sidorna visas (standard: 127.0.0.1:8000)")
    add_data(serve, default=None)
    serve.add_argument("mkdocs", nargs=argparse.REMAINDER, help="fler flaggor till mkdocs serve")


def run_serve(args: argparse.Namespace) -> int:
    """mkdocs serve, after a check that the address can be used: a busy port is a sentence, not a traceback."""
    import socket
    import subprocess

    adress, extra, data_dir = args.adress, args.mkdocs, args.data
    host, _, port = adress.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        return fail(f"adressen '{adress}' går inte att använda; skriv den som 127.0.0.1:8000", USAGE)
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        # As the server itself binds (SO_REUSEADDR): a port whose last connections are still closing (TIME_WAIT,
        # a minute after Ctrl+C) is free for it. On Windows that option would take a port in use, so there the
        # probe asks for the port alone instead.
        if os.name == "nt":
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
        else:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host.strip("[]"), int(port)))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return fail(
                    f"porten {port} används redan av ett annat program (kanske en förhandsvisning som redan är "
                    f"igång); stäng det eller välj en annan port, till exempel --adress {host}:{int(port) + 1}",
                    ENVIRONMENT,
                )
            return fail(f"adressen {adress} går inte att använda här ({exc.strerror}); välj en annan", ENVIRONMENT)
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", adress, "-f", str(CONFIG), *extra]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if data_dir is not None:  # another folder than data/ beside mkdocs.yml: build from it and watch it
        env["HANDBOK_DATA"] = str(Path(data_dir).resolve())
        command[4:4] = ["--watch", env["HANDBOK_DATA"]]
    try:
        return subprocess.call(command, env=env) and DATA
    except KeyboardInterrupt:  # Ctrl-C is how a preview ends
        return OK
