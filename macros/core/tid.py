"""Dates: today, for the parts of the handbook that depend on the date (who is a party now, a stale budget
year), and the basis date of a budget year's fee.

SOURCE_DATE_EPOCH (reproducible builds) decides the day when it is set; otherwise the clock does. The day is
taken in Stockholm, where the agreement applies.
"""

from __future__ import annotations

import contextlib
import os
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def nu() -> datetime:
    """SOURCE_DATE_EPOCH or now, in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC).replace(microsecond=0)


def i_stockholm(moment: datetime) -> datetime:
    """The moment in Stockholm's time."""
    with contextlib.suppress(ZoneInfoNotFoundError):  # no time zone database (some Windows): UTC is close enough
        return moment.astimezone(ZoneInfo("Europe/Stockholm"))
    return moment


def idag() -> str:
    """Today in Stockholm as ÅÅÅÅ-MM-DD."""
    return i_stockholm(nu()).date().isoformat()


def underlagsdatum(ar: int, underlagsdag: str) -> str:
    """The day whose population the fee for budget year ar is based on: underlagsdag (MM-DD) of the year before."""
    return f"{ar - 1}-{underlagsdag}"
