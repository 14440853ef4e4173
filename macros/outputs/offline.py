"""The whole built site as one zip, for reading without a network; written by macros/tools/publish.py.

A separate step, not an MkDocs hook, written once the site and the PDFs are built, so that it holds both. The
archive has a fixed name, so the start page can link to it; the build date and the data's git revision are in
its folder name and in ``OM-ARKIVET.txt`` inside it. Entries are sorted and dated with the build time, so the
same site, revision and SOURCE_DATE_EPOCH give the same bytes.
"""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

from ..core import pages
from ..core.utgava import Utgava

README = "OM-ARKIVET.txt"
COMPRESSLEVEL = 6


def om_arkivet(tid: datetime, revision: str) -> str:
    return (
        "Samverkanshandboken för läsning utan nät\n"
        "=======================================\n\n"
        f"Byggd: {tid.strftime('%Y-%m-%d %H:%M')} UTC\n"
        + (f"Datans revision (git): {revision}\n" if revision else "")
        + "\n"
        "Packa upp hela arkivet och öppna index.html i en webbläsare. Länkar och sökning fungerar\n"
        "utan nätverk. Arkivet är en ögonblicksbild: den aktuella handboken finns på webbplatsen.\n"
    )


def write_archive(site_dir: Path, utg: Utgava) -> Path:
    """site_dir/handbok-offline.zip with every file of the site under one folder named for the edition utg (the
    build's, as on the PDFs' covers), plus OM-ARKIVET.txt."""
    site_dir = Path(site_dir)
    tid, revision = utg.skapad, utg.revision
    folder = f"samverkanshandboken-{tid.strftime('%Y-%m-%d')}" + (f"-{utg.slug}" if utg.slug else "")
    stamp = max(tid, datetime(1980, 1, 1, tzinfo=UTC)).timetuple()[:6]  # zip dates start in 1980
    target = site_dir / pages.OFFLINE_ARKIV
    partial = target.with_suffix(".zip.part")
    files = sorted(p for p in site_dir.rglob("*") if p.is_file() and p.name not in (pages.OFFLINE_ARKIV, partial.name))
    # zlib's default level: level 9 made the archive 0.6 % smaller and took three times as long (0.37 s).
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=COMPRESSLEVEL) as zf:
        zf.writestr(zipfile.ZipInfo(f"{folder}/{README}", stamp), om_arkivet(tid, revision))
        for path in files:
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(site_dir).as_posix()}", stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes(), compresslevel=COMPRESSLEVEL)
    partial.replace(target)
    return target
