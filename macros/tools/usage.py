"""argparse in Swedish: the help's headings, usage errors as one line with exit code 2 (USAGE), the one way
every command is told where the data is (``--data``), and the fix when a command is written the old way."""

from __future__ import annotations

import argparse
import re
import shlex

from ..core.exitcodes import USAGE, fail

HELP_HINT = "skriv python -m macros --help för att se kommandona"


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "användning: " if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """argparse in Swedish: the help's headings, and usage errors as one line with exit code 2 (USAGE)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, add_help=False, **{k: v for k, v in kwargs.items() if k != "add_help"})
        self._positionals.title, self._optionals.title = "argument", "flaggor"
        self.add_argument("-h", "--help", action="help", help="visa den här hjälpen och avsluta")

    def error(self, message: str):
        raise SystemExit(fail(f"{_swedish_usage(message)}; {HELP_HINT}", USAGE))


# argparse's messages (Python 3.11–3.13) -> Swedish. Unknown ones are kept, after "fel i kommandot:".
_USAGE_MESSAGES = [
    (r"the following arguments are required: (.+)", "det här saknas i kommandot: {0}"),
    (r"argument (\S+): invalid choice: '?([^'(]*?)'? \(choose from (.+)\)", "{0} kan inte vara '{1}'; välj bland {2}"),
    (r"argument (\S+): expected one argument", "{0} behöver ett värde"),
    (r"argument (\S+): expected at most one argument", "{0} tar bara ett värde"),
    (r"unrecognized arguments: (.+)", "okänt i kommandot: {0}"),
    (r"argument (\S+): ignored explicit argument '(.*)'", "{0} tar inget värde, men fick '{1}'"),
    (r"ambiguous option: (\S+) could match (.+)", "{0} kan betyda flera saker: {1}"),
    (r"argument (\S+): invalid \S+ value: '(.*)'", "{0} kan inte vara '{1}'"),
    (r"argument (\S+): (.+)", "{0}: {1}"),  # our own ArgumentTypeError messages, already Swedish
]


def _swedish_usage(message: str) -> str:
    for pattern, swedish in _USAGE_MESSAGES:
        found = re.fullmatch(pattern, message.strip())
        if found:
            return swedish.format(*(g.replace("'", "") for g in found.groups()))
    return f"fel i kommandot ({message.strip()})"


def add_data(command, default: str | None = "data", old_positional: bool = False) -> None:
    """``--data MAPP``, the one way every command is told where the data is. ``old_positional``: the command
    once took the folder as a bare word (``check data``); that word is caught to say how to write it now."""
    command.add_argument("--data", default=default, metavar="MAPP", help="mappen med data (standard: data)")
    if old_positional:
        command.add_argument("old_data", nargs="?", help=argparse.SUPPRESS)


_VALUED = ("--data", "--out", "--format", "--builder", "--kategori")  # options whose next word is their value


def old_form(args, argv: list[str]) -> str | None:
    """The fix, as the command to type, when ``argv`` names the data folder the old way, without --data
    (``check data``)."""
    if getattr(args, "old_data", None) is not None:
        if any(word == "--data" or word.startswith("--data=") for word in argv):
            return f"ange mappen bara en gång, med --data; ta bort '{args.old_data}' ur kommandot"
        fixed = list(argv)
        for i, word in enumerate(fixed):
            if i and word == args.old_data and fixed[i - 1] not in _VALUED:
                fixed[i : i + 1] = ["--data", word]
                break
        return f"ange mappen med --data: python -m macros {shlex.join(fixed)}"
    return None


def old_kind(argv: list[str]) -> str | None:
    """The fix for ``new party ID``: the kind is spelled as its data folder's noun, ``part``."""
    if argv[:1] != ["new"]:
        return None
    for i, word in enumerate(argv[1:], 1):
        if word == "party" and argv[i - 1] not in _VALUED:
            return f"skriv part, inte party: python -m macros {shlex.join([*argv[:i], 'part', *argv[i + 1 :]])}"
        if not word.startswith("-") and argv[i - 1] not in _VALUED:
            return None  # the first positional word is the kind, and it is not party
    return None
