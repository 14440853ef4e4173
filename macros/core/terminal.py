"""What the program prints to a terminal: a file name or a typed argument can hold anything, so control
characters (erase the line, set the window title), bidi controls and bytes that are not UTF-8 are shown as
escapes; and a terminal that can only write ASCII gets å as a, never a UnicodeEncodeError."""

from __future__ import annotations

import codecs
import re
import sys
import unicodedata

# C0 and C1 controls (line breaks too: a message is one line), DEL, the marks and controls that reorder text,
# the line and paragraph separators, and lone surrogates (the bytes of a file name that is not UTF-8).
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
ERRORS = "samverkanshandboken"  # the codec error handler that protect_streams installs


def visible(text: str) -> str:
    """text with every hidden character written as an escape, as Python writes it: \\x1b, \\u202e."""
    return _HIDDEN.sub(_escape, text)


def _escape(found: re.Match) -> str:
    char = found.group(0)
    if "\udc80" <= char <= "\udcff":  # a byte of a non-UTF-8 name, kept by surrogateescape
        return f"\\x{ord(char) - 0xDC00:02x}"
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def _plain(error: UnicodeError) -> tuple[str, int]:
    """For a stream that cannot write a character: the letter without its accent (å as a), else an escape."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = []
    for char in error.object[error.start : error.end]:
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        base = _PUNCTUATION.get(unicodedata.category(char), base)
        try:
            base.encode(error.encoding)
            out.append(base or "?")
        except (UnicodeEncodeError, LookupError):
            out.append(visible(char) if _HIDDEN.match(char) else char.encode("unicode_escape").decode("ascii"))
    return "".join(out), error.end


_PUNCTUATION = {"Pd": "-", "Pi": '"', "Pf": '"', "Zs": " "}  # dashes, quotation marks and spaces of any kind


codecs.register_error(ERRORS, _plain)


def protect_streams() -> None:
    """Standard output and error never fail to write a character (an ASCII terminal, PYTHONIOENCODING=ascii)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors=ERRORS)
