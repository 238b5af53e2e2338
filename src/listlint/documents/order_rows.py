"""The rows of an orders report as (row, marketplace, purchase date): shared by the ACC
tallies (documents/metrics.py) and the ORD lines (documents/orders.py), which both walk them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from ..metrics import When, parse_when
from ..order_patterns import Wanted
from ..tree import Problem

MONTH_FIRST_MARKETPLACES = ("US", "CA", "MX")  # slashed dates are month first there


def report_rows(report: Any, default: str, problems: list[Problem] | None, personal: bool = False, wanted: Wanted | None = None) -> Iterator[tuple[Any, str, When]]:
    """The rows of an orders report that name an order and its purchase date, with their
    marketplace and purchase date; the others are input problems (INP012, INP030) when
    `problems` is given. `wanted`: see OrdersReport.rows."""
    from ..readers.orders import SALES_CHANNELS

    for row in report.rows(personal, wanted):
        values = row.values
        market = SALES_CHANNELS.get(values.get("sales-channel", "").strip().lower(), default)
        purchased = row_date(row, "purchase-date", market, problems)
        order_id = values.get("amazon-order-id", "")
        if purchased is not None and order_id:
            yield row, market, purchased
        elif problems is None:
            continue
        elif not order_id:
            problems.append(Problem("INP012", row.start, row.start + 1, {"detail": f"row {row.line} has no amazon-order-id"}))
        elif not values.get("purchase-date"):
            problems.append(Problem("INP012", row.start, row.start + 1, {"detail": f"order {order_id} (line {row.line}) has no purchase-date"}))


def row_date(row: Any, column: str, market: str, problems: list[Problem] | None) -> When | None:
    """A date cell of a row (day first outside North America); a cell that is no date is INP030."""
    raw = row.values.get(column, "")
    if not raw:
        return None
    parsed = parse_when(raw, market not in MONTH_FIRST_MARKETPLACES)
    if parsed is None and problems is not None:
        begin, end = row.spans.get(column, (row.start, row.start + 1))
        problems.append(Problem("INP030", begin, end, {"column": column, "value": raw}))
    return parsed


def moment_of(when: When) -> datetime:
    """A date or timestamp as a naive datetime (a date: its midnight)."""
    return when.moment or datetime.combine(when.day, datetime.min.time())
