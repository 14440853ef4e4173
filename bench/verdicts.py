"""The targets and whether each was met: the verdict and the measured figure, from the medians of every scale."""

from __future__ import annotations

from .scale import Scale

TARGETS = {
    "check": "Kontrollen vid 100× under 2 s",
    "overhead": "Vårt lager högst 20 % över Material-bygget av samma sidor, vid varje skala",
    "growth": "Bygget vid 100× högst 11 × bygget vid 10×",
    "full": "Verklig data: hela bygget med PDF under 4 s",
    "preview": "Verklig data: från dataändring till uppdaterad förhandsvisning under 2 s",
}
OVERHEAD = 0.20  # the target's limit: our build at most this much over the Material build of the same pages


def overhead(s: Scale) -> float | None:
    """Our build's median over the baseline's, minus one; None where the baseline was not built."""
    return s.median("build") / s.median("baseline") - 1 if s.median("baseline") else None


def over_limit(s: Scale) -> bool:
    o = overhead(s)
    return o is not None and o > OVERHEAD


def evaluate(results: list[Scale]) -> dict[str, tuple[bool | None, str]]:
    """Per target met (True), missed (False) or not measured (None), with the figure; only measured targets."""
    by_k = {s.k: s for s in results}
    out: dict[str, tuple[bool | None, str]] = {}
    if 100 in by_k:
        t = by_k[100].median("check")
        out["check"] = (t < 2.0, f"{t:.2f} s")
    over = [(s.k, overhead(s)) for s in results if s.median("baseline")]
    if over:
        out["overhead"] = (all(o <= OVERHEAD for _, o in over), ", ".join(f"{k}×: {o:+.0%}" for k, o in over))
    if 10 in by_k and 100 in by_k:
        g = by_k[100].median("build") / by_k[10].median("build")
        out["growth"] = (g <= 11, f"{g:.1f} ×")
    if 1 in by_k:
        full = by_k[1].full()
        edit = by_k[1].median("full-edit")
        after = "" if edit is None else f" (efter en ändring i en partfil, med PDF-cachen: {edit:.2f} s)"
        out["full"] = (None, "ingen PDF-körning") if full is None else (full < 4.0, f"{full:.2f} s{after}")
        p = by_k[1].median("preview")
        out["preview"] = (None, "ej mätt") if p is None else (p < 2.0, f"{p:.2f} s")
    return out
