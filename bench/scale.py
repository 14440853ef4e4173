"""One scale's measurements: the dataset's size, the runs of every step, and their medians and peaks."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from .measure import Run


@dataclass
class Scale:
    k: int
    size: dict
    runs: dict[str, list[Run]] = field(default_factory=dict)
    first_preview_build: float | None = None

    def median(self, step: str) -> float | None:
        runs = self.runs.get(step)
        return statistics.median(r.seconds for r in runs) if runs else None

    def peak(self, step: str) -> float | None:
        runs = self.runs.get(step)
        return max(r.peak_mb for r in runs) if runs else None

    def full(self) -> float | None:
        """The whole `nox -s build` (python -m macros build): measured as one command where it was run,
        else site + PDF + offline zip added up per repetition; the median."""
        if self.runs.get("full"):
            return self.median("full")
        parts = [self.runs.get(s) for s in ("build", "pdf", "zip") if s in self.runs]
        if not self.runs.get("build") or not self.runs.get("pdf"):
            return None
        n = min(len(p) for p in parts)
        return statistics.median(sum(p[i].seconds for p in parts) for i in range(n))
