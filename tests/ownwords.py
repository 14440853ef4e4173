"""The decision document's fingerprint: one hash per run of seven words, never its text.

The own-words test (tests/test_plain_language.py) asks that no run of seven words on a page or in the data is also
in the decision document that the handbook is written from. The document itself stays outside the repository; the
test compares with FINGERPRINT, which holds, for each run of seven words in the document, the first 16 hex digits
of the SHA-256 of the run (the words as tests/textmain.py `words` gives them: lowercase, joined by one space).

Remake it after a change to `words` or to the document (the test says when):

    python -m tests.ownwords PATH/TO/beslut-nacka-ks-samverkan-stockholmsregionen.txt
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from tests.textmain import words

RUN = 7  # words in a row that may not match the decision document
DOCUMENT = "beslut-nacka-ks-samverkan-stockholmsregionen.txt"
FINGERPRINT = Path(__file__).resolve().parent / "fixtures" / "own-words" / f"{Path(DOCUMENT).stem}.sha256"
# Tokenised by `words` when the fingerprint is made; its digest, kept in the file, shows whether `words` still
# splits text the same way.
SAMPLE = "Överenskommelsen gäller från 1 januari 2015; parterna (kommunerna, regionen, länsstyrelsen) betalar-årligen."


def runs(ws: list[str]) -> list[tuple[str, ...]]:
    return [tuple(ws[i : i + RUN]) for i in range(len(ws) - RUN + 1)]


def digest(run: tuple[str, ...]) -> str:
    return hashlib.sha256(" ".join(run).encode("utf-8")).hexdigest()[:16]


def fingerprint(text: str) -> set[str]:
    """The hash of every run of seven words in text."""
    return {digest(run) for run in runs(words(text))}


def tokenizer_check() -> str:
    return hashlib.sha256(" ".join(words(SAMPLE)).encode("utf-8")).hexdigest()[:16]


def render(text: str) -> str:
    """The fingerprint file's content for the document's text."""
    hashes = sorted(fingerprint(text))
    header = [
        f"# Fingerprint of {DOCUMENT}: the first 16 hex digits of the SHA-256 of each run of {RUN} words",
        "# (tests/textmain.py words: lowercase, joined by one space), sorted; never the text. Made and remade with",
        "#     python -m tests.ownwords PATH/TO/" + DOCUMENT,
        f"# words: {len(words(text))}; runs: {len(hashes)}; tokenizer check: {tokenizer_check()}",
    ]
    return "\n".join([*header, *hashes]) + "\n"


def load(path: Path = FINGERPRINT) -> tuple[set[str], str]:
    """The hashes in the fingerprint file, and the tokenizer check it was made with."""
    hashes, check = set(), ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            check = line.rpartition("tokenizer check: ")[2] if "tokenizer check: " in line else check
        elif line:
            hashes.add(line)
    return hashes, check


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(f"användning: python -m tests.ownwords SÖKVÄG/{DOCUMENT}")
    FINGERPRINT.parent.mkdir(parents=True, exist_ok=True)
    FINGERPRINT.write_text(render(Path(sys.argv[1]).read_text(encoding="utf-8")), encoding="utf-8")
    print(f"Skrev {FINGERPRINT.relative_to(Path.cwd()) if FINGERPRINT.is_relative_to(Path.cwd()) else FINGERPRINT}")
