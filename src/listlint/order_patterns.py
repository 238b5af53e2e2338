"""Order patterns that make orders look fake (the ORD rules), found in a seller's orders.

Amazon removes reviews and closes accounts when orders look placed to win reviews or
sales rank: the seller or staff buying their own product, friends or review clubs
ordering the same item again and again to one place, units given away at no price, a
new product's first days full of one-unit orders from first-time buyers. Each function
below finds one such pattern in order lines (one line per item of an order, from an
orders report or SP-API getOrders JSON; documents/orders.py builds them) and returns
the groups of lines it names, in report order. All are heuristics except orders to the
seller's own addresses, which Amazon's own rules name.

Lines carry grouping keys (privacy.py), never a name or an address as written.
Memory grows with the number of order lines (each line is a few small fields); one pass
sorts them by time, so a 100,000-line report is grouped in well under a second.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from statistics import median
from typing import Any

from .privacy import own_address_matcher


_NOT_AMOUNT = re.compile(r"[^\d.,\-]")


@dataclass(slots=True)
class OrderLine:
    """One item of one order, as the ORD rules see it."""

    order_id: str
    node: Any  # where a finding about it points (the order id cell or key)
    purchased: datetime  # naive, UTC when the report gave a zone
    sku: str = ""
    quantity: int = 1
    price: float | None = None  # the line's item price (all units), None when not given
    discount: float = 0.0  # promotion discount on the line, as a positive amount
    buyer: str = ""  # privacy.buyer_key
    address: str = ""  # privacy.address_key
    negative_feedback: bool = False
    excluded: bool = False  # cancelled, replacement or multi-channel orders: not a sale to a buyer

    @property
    def recipient(self) -> str:
        return self.address or self.buyer


@dataclass(slots=True)
class Pattern:
    """A group of order lines one rule names, and what they share."""

    lines: list[OrderLine]
    key: str = ""  # the shared recipient key (privacy.py; tagged before it is shown)
    sku: str = ""
    days: float = 0.0  # time between the first and the last order of the group
    note: str = ""

    @property
    def order_ids(self) -> list[str]:
        return list(dict.fromkeys(line.order_id for line in self.lines))

    @property
    def negative_feedback(self) -> int:
        return len({line.order_id for line in self.lines if line.negative_feedback})


def listed(ids: list[str], shown: int = 8) -> str:
    """Order ids for a message: the first `shown`, then how many more."""
    return ", ".join(ids[:shown]) + (f" and {len(ids) - shown} more" if len(ids) > shown else "")


def parse_amount(text: str) -> float | None:
    """A money amount as reports write it: 12.99, £12.99, -3.00, 1.234,56 or 1,234.56."""
    try:
        value = float(text)  # 12.99, -3.00: most cells
        if math.isfinite(value):
            return value
    except ValueError:
        pass
    cleaned = _NOT_AMOUNT.sub("", text)
    if not any(c.isdigit() for c in cleaned):
        return None
    if "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(",", "") if cleaned.rfind(".") > cleaned.rfind(",") else cleaned.replace(".", "").replace(",", ".")
    elif "," in cleaned:
        whole, _, fraction = cleaned.rpartition(",")
        cleaned = f"{whole.replace(',', '')}.{fraction}" if len(fraction) != 3 else cleaned.replace(",", "")
    try:
        return float(cleaned)
    except ValueError:
        return None


def _sales(lines: Iterable[OrderLine]) -> list[OrderLine]:
    return [line for line in lines if not line.excluded]


def _by(lines: Iterable[OrderLine], key: Any) -> dict[Any, list[OrderLine]]:
    groups: dict[Any, list[OrderLine]] = {}
    for line in lines:
        value = key(line)
        if value:
            groups.setdefault(value, []).append(line)
    return groups


def _first_per_order(lines: list[OrderLine]) -> list[OrderLine]:
    """One line per order (its first), sorted by purchase time."""
    seen: dict[str, OrderLine] = {}
    for line in lines:
        seen.setdefault(line.order_id, line)
    return sorted(seen.values(), key=lambda line: line.purchased)


def _clusters(lines: list[OrderLine], window: timedelta, least: int) -> Iterator[list[OrderLine]]:
    """Runs of time-sorted lines in which some `window` holds at least `least` of them;
    lines in no such window are left out, overlapping windows form one run."""
    marked = [False] * len(lines)
    first = 0
    for last in range(len(lines)):
        while lines[last].purchased - lines[first].purchased > window:
            first += 1
        if last - first + 1 >= least:
            for i in range(first, last + 1):
                marked[i] = True
    run: list[OrderLine] = []
    for i, line in enumerate(lines):
        if marked[i] and run and line.purchased - run[-1].purchased > window:
            yield run
            run = []
        if marked[i]:
            run.append(line)
    if run:
        yield run


def _span(lines: list[OrderLine]) -> float:
    return (lines[-1].purchased - lines[0].purchased).total_seconds() / 86400


def repeat_recipients(lines: list[OrderLine], window_days: float, min_orders: int) -> list[Pattern]:
    """At least `min_orders` orders of one SKU to one address (or from one buyer) within
    `window_days`. An address and a buyer naming the same orders are one pattern."""
    found: list[Pattern] = []
    named: set[frozenset[str]] = set()
    sales = _sales(lines)
    for which in ("address", "buyer"):
        for (sku, key), group in _by(sales, lambda line: (line.sku, getattr(line, which)) if getattr(line, which) else None).items():
            for run in _clusters(_first_per_order(group), timedelta(days=window_days), min_orders):
                ids = frozenset(line.order_id for line in run)
                if ids not in named:
                    named.add(ids)
                    found.append(Pattern([line for line in group if line.order_id in ids], key, sku, _span(run), which))
    return _in_report_order(found)


def own_addresses(lines: list[OrderLine], own: list[str]) -> list[Pattern]:
    """Orders shipped to one of the seller's own or staff addresses (or bought with one of
    the e-mail addresses listed among them)."""
    found: list[Pattern] = []
    for entry in own:
        email = entry.strip().casefold()
        if "@" in email:
            hits = [line for line in _sales(lines) if line.buyer == "email:" + email]
            key = "email:" + email
        else:
            matches = own_address_matcher(entry)
            hits = [line for line in _sales(lines) if line.address and matches(line.address)]
            key = hits[0].address if hits else ""
        if hits:
            found.append(Pattern(hits, key, hits[0].sku if len({h.sku for h in hits}) == 1 else ""))
    return _in_report_order(found)


def free_orders(lines: list[OrderLine], max_price_share: float, min_discount_share: float) -> list[Pattern]:
    """Orders at no or almost no price: a unit price at most `max_price_share` of the SKU's
    median unit price in the report (0 counts whatever the median), or a promotion
    discount of at least `min_discount_share` of the price. One pattern per SKU."""
    sales = [line for line in _sales(lines) if line.price is not None]
    found: list[Pattern] = []
    for sku, group in _by(sales, lambda line: line.sku or "-").items():
        paid = [line.price / max(line.quantity, 1) for line in group if line.price and line.price > 0]
        typical = median(paid) if paid else 0.0
        free = [line for line in group if _is_free(line, typical, max_price_share, min_discount_share)]
        if free:
            found.append(Pattern(free, "", "" if sku == "-" else sku, note=f"{typical:.2f}" if typical else ""))
    return _in_report_order(found)


def _is_free(line: OrderLine, typical: float, max_price_share: float, min_discount_share: float) -> bool:
    price = line.price or 0.0
    if price <= 0:
        return True
    if line.discount >= min_discount_share * price:
        return True
    return typical > 0 and price / max(line.quantity, 1) <= max_price_share * typical


def bursts(lines: list[OrderLine], window_days: float, min_orders: int, new_sku_days: float) -> list[Pattern]:
    """At least `min_orders` single-unit orders from first-time recipients within
    `window_days`, in the first `new_sku_days` of a SKU that first sells at least
    `new_sku_days` after the report starts (earlier, the report cannot tell it is new)."""
    sales = sorted(_sales(lines), key=lambda line: line.purchased)
    if not sales:
        return []
    start = sales[0].purchased
    first_seen: dict[str, datetime] = {}
    for line in sales:
        if line.recipient:
            first_seen.setdefault(line.recipient, line.purchased)
    found: list[Pattern] = []
    for sku, group in _by(sales, lambda line: line.sku).items():
        launch = group[0].purchased
        if launch - start < timedelta(days=new_sku_days):
            continue
        early = [
            line for line in _first_per_order(group)
            if line.purchased - launch <= timedelta(days=new_sku_days) and line.quantity == 1 and line.recipient and first_seen[line.recipient] == line.purchased
        ]
        for run in _clusters(early, timedelta(days=window_days), min_orders):
            found.append(Pattern(run, "", sku, _span(run), note=launch.date().isoformat()))
    return _in_report_order(found)


def _in_report_order(patterns: list[Pattern]) -> list[Pattern]:
    return sorted(patterns, key=lambda p: min(getattr(line.node, "start", 0) for line in p.lines))


@dataclass(slots=True)
class OrdersSpec:
    """What the ORD rules read from one orders report or getOrders payload."""

    lines: list[OrderLine] = field(default_factory=list)
    marketplace: str = ""
