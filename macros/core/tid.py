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

from .exitcodes import USAGE, CommandError


def nu() -> datetime:
    """SOURCE_DATE_EPOCH or now, in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return _from_epoch(epoch) if epoch else datetime.now(UTC).replace(microsecond=0)


def _from_epoch(epoch: str) -> datetime:
    """SOURCE_DATE_EPOCH as the reproducible-builds specification defines it: a whole number of seconds since
    1970-01-01 UTC, digits only; anything else is a usage error, said as one sentence."""
    try:
        if epoch.isascii() and epoch.isdigit():
            return datetime.fromtimestamp(int(epoch), UTC)
    except (OverflowError, OSError, ValueError):  # beyond the years a date can have
        pass
    raise CommandError(
        f"SOURCE_DATE_EPOCH ska vara ett antal sekunder sedan 1970-01-01, till exempel 1767225600, men är "
        f"'{epoch}'; rätta eller ta bort variabeln",
        USAGE,
    )


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
