"""From a checked dataset to the typed model (model/): each file kind's plain YAML value becomes its frozen
dataclasses through the one conversion driven by their type hints (convert.py), and the lists of the whole
handbook are sorted by a stable key so that the same data gives the same pages."""

from __future__ import annotations

from . import tid
from .convert import to_model
from .dataset import Dataset
from .model import Aktivering, Ansvar, Avgifter, Begrepp, Beslut, Forum, Handbok, Kalla, Overenskommelse, Part


def build_model(ds: Dataset, idag: str | None = None) -> Handbok:
    """Turn a checked dataset into the model. Parties sort by name, forums by level order then name.

    idag (ISO date) decides who is a party today; by default the build's day (macros/core/tid.py)."""
    agreement = _single(ds, "overenskommelse", Overenskommelse)
    level_order = {n.id: i for i, n in enumerate(agreement.styrning.nivaer)}
    parter = sorted(
        (to_model(Part, d.data, fil=ds.repo_path(d)) for d in ds.parter.values()),
        key=lambda p: (_sort_key(p.namn), p.id),
    )
    forum = sorted(
        (to_model(Forum, d.data, fil=ds.repo_path(d)) for d in ds.forum.values()),
        key=lambda f: (level_order.get(f.niva, -1), _sort_key(f.namn), f.id),
    )
    kallor = {k.id: k for k in (to_model(Kalla, d.data) for d in ds.kallor.values())}
    ordlista = (to_model(Begrepp, raw) for raw in ds.singles["ordlista"].data["begrepp"])
    return Handbok(
        overenskommelse=agreement,
        avgifter=_single(ds, "avgifter", Avgifter),
        kallor=dict(sorted(kallor.items())),
        parter={p.id: p for p in parter},
        forum={f.id: f for f in forum},
        ordlista=tuple(sorted(ordlista, key=lambda b: (_sort_key(b.term), b.id))),
        ordlista_fil=ds.repo_path(ds.singles["ordlista"]),
        idag=idag or tid.idag(),
        **_beslutslogg(ds),
        **_ansvar(ds),
        aktivering=_single(ds, "aktivering", Aktivering) if "aktivering" in ds.singles else None,
    )


def _single(ds: Dataset, kind: str, cls: type):
    """A file kind that is one object per file (overenskommelse, avgifter, aktivering), with its file."""
    doc = ds.singles[kind]
    return to_model(cls, doc.data, fil=ds.repo_path(doc))


def _ansvar(ds: Dataset) -> dict:
    """Responsibilities are optional: without data/ansvar.yaml there are none."""
    doc = ds.singles.get("ansvar")
    if doc is None:
        return {}
    return {"ansvar": tuple(to_model(Ansvar, a) for a in doc.data["ansvar"]), "ansvar_fil": ds.repo_path(doc)}


def _beslutslogg(ds: Dataset) -> dict:
    """The decisions, one file each in data/beslut/ (none: an empty log), by date."""
    entries = (to_model(Beslut, d.data, fil=ds.repo_path(d)) for d in ds.beslut.values())
    return {"beslut": tuple(sorted(entries, key=lambda b: (b.datum, b.id)))}


_SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "Å": "{", "Ä": "|", "Ö": "}", "é": "e", "É": "e"})


def _sort_key(text: str) -> str:
    """Swedish alphabetical order (å, ä, ö after z) without depending on the machine's locale."""
    return text.lower().translate(_SWEDISH_ORDER)
