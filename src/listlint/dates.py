"""Calendar dates as listings, compliance files and `--as-of` write them: YYYY-MM-DD.

A module of its own, below the config and the rule kinds that both read dates.
"""

from __future__ import annotations

import re
from datetime import date

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(text: str) -> date | None:
    """The date `text` writes as YYYY-MM-DD (spaces around allowed), or None."""
    if not _ISO_DATE.match(text.strip()):
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:  # 2025-02-30
        return None


def day_of_run(as_of: str) -> date:
    """The day a run measures from (expiry, metric and feedback windows): `--as-of` or the
    config's `as_of` when given (already checked as YYYY-MM-DD), else today."""
    return date.fromisoformat(as_of) if as_of else date.today()
