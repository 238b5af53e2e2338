"""Order patterns that make orders look fake (the ORD rules), found in a seller's orders.

Amazon removes reviews and closes accounts when orders look placed to win reviews or
sales rank: the seller or staff buying their own product, friends or review clubs
ordering the same item again and again to one place, units given away at no price, a
new product's first days full of one-unit orders from first-time buyers. Each detector
below finds one such pattern in order lines (one line per item of an order, from an
orders report or SP-API getOrders JSON; documents/orders.py makes them) and names the
groups of lines it finds. All are heuristics except orders to the seller's own
addresses, which Amazon's own rules name.

Memory does not grow with the length of a report. The lines are walked once, in time
order, and each detector keeps only what its window needs:

- what the whole report must tell first (the typical price of each SKU, the day each
  SKU first sold, how far the report strays from time order) is gathered while the
  report's input problems are read (`ReportFacts`);
- reports are normally sorted by purchase date; lines that come earlier than a line
  already seen are put back in order by holding each line as long as the report's
  largest step back in time (0 for a sorted report, the whole report for one sorted
  newest first: then memory grows with it);
- repeat recipients keep, per SKU and recipient, the orders of the last window as
  (time, line number) pairs under a hash of the pair, and forget a pair a window
  after its last order; bursts keep the orders of new SKUs' first days;
- lines are named by their number in the walk; a pattern's order ids, positions and
  same-order lines are read back in one more walk (`resolve`), only when some pattern
  or burst candidate needs them.

Lines carry grouping keys (privacy.py), never a name or an address as written.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import field
from datetime import datetime, timedelta
from typing import Any

from .lean_dataclass import lean_dataclass
from .privacy import own_address_matcher


_NOT_AMOUNT = re.compile(r"[^\d.,\-]")
_EPOCH = datetime(1970, 1, 1)


@lean_dataclass(slots=True)
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
    number: int = 0  # its place among the lines of its report, counted from 0 in every walk

    @property
    def recipient(self) -> str:
        return self.address or self.buyer

    @property
    def seconds(self) -> int:
        return int((self.purchased - _EPOCH).total_seconds())


@lean_dataclass(slots=True)
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


# --- what the whole report tells ------------------------------------------------------------
@lean_dataclass(slots=True)
class ReportFacts:
    """What the detectors need to know of a whole report before walking it in time order,
    gathered in one walk: all of it is per SKU, none per order."""

    start: datetime | None = None  # the first sale
    launches: dict[str, datetime] = field(default_factory=dict)  # SKU -> its first sale
    prices: dict[str, Counter[float]] = field(default_factory=dict)  # SKU (or "-") -> paid unit prices
    lateness: float = 0.0  # seconds: the largest step back in time from the latest line seen
    _latest: datetime | None = None

    def add(self, line: OrderLine) -> None:
        when = line.purchased
        if self._latest is None or when > self._latest:
            self._latest = when
        else:
            self.lateness = max(self.lateness, (self._latest - when).total_seconds())
        if line.excluded:
            return
        if self.start is None or when < self.start:
            self.start = when
        if line.sku and (line.sku not in self.launches or when < self.launches[line.sku]):
            self.launches[line.sku] = when
        if line.price is not None and line.price > 0:
            self.prices.setdefault(line.sku or "-", Counter())[line.price / max(line.quantity, 1)] += 1

    def typical_price(self, sku: str) -> float:
        """The median paid unit price of a SKU (0 when it never sold at a price), as
        statistics.median gives it, from the count of each price."""
        counts = self.prices.get(sku or "-")
        if not counts:
            return 0.0
        total = sum(counts.values())
        ranks = (total - 1) // 2, total // 2  # 0-based ranks of the middle price(s)
        middle: list[float] = []
        seen = 0
        for price in sorted(counts):
            seen += counts[price]
            while len(middle) < 2 and ranks[len(middle)] < seen:
                middle.append(price)
            if len(middle) == 2:
                break
        return (middle[0] + middle[1]) / 2 if total % 2 == 0 else middle[0]


def in_time_order(lines: Iterable[OrderLine], lateness: float) -> Iterator[OrderLine]:
    """The lines sorted by purchase time (report order among equal times), holding each
    only until no later line can come before it: `lateness` seconds, the report's
    largest step back in time."""
    held: list[tuple[datetime, int, OrderLine]] = []
    latest: datetime | None = None
    hold = timedelta(seconds=lateness)
    for line in lines:
        if latest is None or line.purchased > latest:
            latest = line.purchased
        heapq.heappush(held, (line.purchased, line.number, line))
        while held and held[0][0] <= latest - hold:
            yield heapq.heappop(held)[2]
    while held:
        yield heapq.heappop(held)[2]


# --- the walk -----------------------------------------------------------------------------------
class Detector:
    """One pattern rule over the sales in time order: `add` each, then `needs` (what to read
    back), then `patterns`."""

    def add(self, line: OrderLine, first_of_order: bool) -> None:
        raise NotImplementedError

    def needs(self) -> Needs:
        return Needs()

    def patterns(self, resolved: Resolved) -> list[Pattern]:
        raise NotImplementedError


@lean_dataclass(slots=True)
class Needs:
    """What a detector wants read back after the walk."""

    groups: dict[int, set[int]] = field(default_factory=dict)  # group hash -> numbers of the first lines of its orders
    recipients: set[str] = field(default_factory=set)  # recipients whose first sale is wanted

    def merge(self, other: Needs) -> None:
        self.recipients |= other.recipients
        for group, numbers in other.groups.items():
            self.groups.setdefault(group, set()).update(numbers)


@lean_dataclass(slots=True)
class Resolved:
    """What the resolving walk read back: each wanted group's lines (every line of the
    orders it names, in report order) and wanted recipients' first sales."""

    groups: dict[int, list[OrderLine]] = field(default_factory=dict)
    first_sale: dict[str, datetime] = field(default_factory=dict)


Wanted = Callable[[int, str], bool]  # (line number, order id) -> whether a walk reads that line further
Walk = Callable[..., Iterable[OrderLine]]  # walk(wanted=None): one report's lines in report order, numbered


def find_patterns(walk: Walk, facts: ReportFacts, detectors: list[Detector]) -> list[list[Pattern]]:
    """Every detector's patterns from one walk over the sales in time order, and one more
    walk reading back the lines they name when they name some."""
    current: datetime | None = None
    counted: set[tuple[str, str]] = set()  # (order, SKU) seen at the current time: rows of an order share its time
    for line in in_time_order((line for line in walk() if not line.excluded), facts.lateness):
        if line.purchased != current:
            current, counted = line.purchased, set()
        first = (line.order_id, line.sku) not in counted
        counted.add((line.order_id, line.sku))
        for detector in detectors:
            detector.add(line, first)
    needs = Needs()
    for detector in detectors:
        needs.merge(detector.needs())
    resolved = resolve(walk, needs) if needs.groups or needs.recipients else Resolved()
    return [detector.patterns(resolved) for detector in detectors]


def resolve(walk: Walk, needs: Needs) -> Resolved:
    """One walk in report order: the lines of the wanted groups' orders, recipients' first
    sales. Without recipients to look up, only the rows of those orders are read further."""
    resolved = Resolved()
    orders: set[tuple[int, str]] = set()
    first_lines = set().union(*needs.groups.values())
    ids: set[str] = set()

    def wanted(number: int, order_id: str) -> bool:
        if number in first_lines:
            ids.add(order_id)
            return True
        return order_id in ids

    for line in walk(None if needs.recipients else wanted):
        if line.excluded:
            continue
        if line.recipient in needs.recipients:
            first = resolved.first_sale.get(line.recipient)
            if first is None or line.purchased < first:
                resolved.first_sale[line.recipient] = line.purchased
        for which in RepeatRecipients.KEYS:
            group = group_hash(which, line)
            firsts = needs.groups.get(group)
            if firsts is None:
                continue
            if line.number in firsts:
                orders.add((group, line.order_id))
            if (group, line.order_id) in orders:
                resolved.groups.setdefault(group, []).append(line)
    return resolved


def group_hash(which: str, line: OrderLine) -> int:
    """A line's group for repeat recipients: its SKU and its address (or buyer); 0: none."""
    key = getattr(line, which)
    return hash((which, line.sku, key)) or 1 if key else 0


def _pack(seconds: int, number: int) -> int:
    """An order in a repeat-recipient window as one int: its time, then its line number."""
    return seconds << 32 | number


def _first_place(pattern: Pattern) -> int:
    return min(getattr(line.node, "start", 0) for line in pattern.lines)


def _in_report_order(patterns: list[Pattern]) -> list[Pattern]:
    return sorted(patterns, key=_first_place)


def _report_ordered(lines: list[OrderLine]) -> list[OrderLine]:
    return sorted(lines, key=lambda line: line.number)


# --- detectors --------------------------------------------------------------------------------
class RepeatRecipients(Detector):
    """At least `min_orders` orders of one SKU to one address (or from one buyer) within
    `window_days`. An address and a buyer naming the same orders are one pattern.

    An order is marked when some window of `window_days` ending at an order of its group
    holds `min_orders` of the group's orders; marked orders more than a window apart are
    different runs. A group is forgotten a window after its last order: nothing can join it."""

    KEYS = ("address", "buyer")

    def __init__(self, window_days: float, min_orders: int) -> None:
        self.window = timedelta(days=window_days).total_seconds()
        self.least = min_orders
        self.recent: dict[int, int | list[int]] = {}  # group -> its orders (_pack) in the window
        self.runs: dict[int, tuple[str, str, list[int]]] = {}  # group -> (which, SKU, its open run)
        self.closed: list[tuple[str, int, str, list[int]]] = []  # (which, group, SKU, run)
        self.swept = -math.inf

    def add(self, line: OrderLine, first_of_order: bool) -> None:
        if not first_of_order:
            return  # another item of an order already counted: read back with its group
        now = line.seconds
        if now - self.swept > self.window / 8:
            self._sweep(now)
        for which in self.KEYS:
            group = group_hash(which, line)
            if group:
                self._add(which, group, line.sku, _pack(now, line.number))

    def _add(self, which: str, group: int, sku: str, order: int) -> None:
        recent = self._window(group, order)
        if len(recent) < self.least:
            return
        run = self.runs[group][2] if group in self.runs else None
        for marked in recent:
            if run and marked <= run[-1]:
                continue  # marked before
            if run and (marked >> 32) - (run[-1] >> 32) > self.window:
                self._close(group)
                run = None
            if run is None:
                run = []
                self.runs[group] = (which, sku, run)
            run.append(marked)

    def _window(self, group: int, order: int) -> list[int]:
        """The group's orders in the window ending at `order`, with it. A group with one
        order in its window (most of them) keeps it as a bare int."""
        held = self.recent.get(group)
        recent = [] if held is None else [held] if isinstance(held, int) else held
        while recent and (order >> 32) - (recent[0] >> 32) > self.window:
            recent.pop(0)
        recent.append(order)
        self.recent[group] = recent if len(recent) > 1 else order
        return recent

    def _sweep(self, now: int) -> None:
        self.swept = now
        for group in [g for g, held in self.recent.items() if now - ((held if isinstance(held, int) else held[-1]) >> 32) > self.window]:
            del self.recent[group]
            self._close(group)

    def _close(self, group: int) -> None:
        opened = self.runs.pop(group, None)
        if opened is not None:
            which, sku, run = opened
            self.closed.append((which, group, sku, run))

    def needs(self) -> Needs:
        for group in list(self.runs):
            self._close(group)
        self.recent.clear()
        needs = Needs()
        for _, group, _, run in self.closed:
            needs.groups.setdefault(group, set()).update(order & 0xFFFFFFFF for order in run)
        return needs

    def patterns(self, resolved: Resolved) -> list[Pattern]:
        found: list[tuple[int, Pattern]] = []
        named: set[frozenset[str]] = set()
        for rank, which in enumerate(self.KEYS):  # an address pattern before the same orders' buyer pattern
            for kind, group, sku, run in self.closed:
                if kind != which:
                    continue
                members = resolved.groups.get(group, [])
                numbers = {order & 0xFFFFFFFF for order in run}
                ids = frozenset(line.order_id for line in members if line.number in numbers)
                lines = [line for line in members if line.order_id in ids]
                if lines and ids not in named:
                    named.add(ids)
                    days = ((run[-1] >> 32) - (run[0] >> 32)) / 86400
                    found.append((rank, Pattern(lines, getattr(lines[0], which), sku, days, which)))
        return [pattern for _, pattern in sorted(found, key=lambda item: (_first_place(item[1]), item[0]))]


class OwnAddresses(Detector):
    """Orders shipped to one of the seller's own or staff addresses (or bought with one of
    the e-mail addresses listed among them)."""

    def __init__(self, own: list[str]) -> None:
        self.entries: list[tuple[str, Callable[[OrderLine], bool]]] = []
        for entry in own:
            email = entry.strip().casefold()
            if "@" in email:
                self.entries.append(("email:" + email, lambda line, key="email:" + email: line.buyer == key))
            else:
                matches = own_address_matcher(entry)
                self.entries.append(("", lambda line, matches=matches: bool(line.address) and matches(line.address)))
        self.hits: list[list[OrderLine]] = [[] for _ in self.entries]

    def add(self, line: OrderLine, first_of_order: bool) -> None:
        for (_, matches), hits in zip(self.entries, self.hits):
            if matches(line):
                hits.append(line)

    def patterns(self, resolved: Resolved) -> list[Pattern]:
        found = []
        for (key, _), hits in zip(self.entries, self.hits):
            if hits:
                hits = _report_ordered(hits)
                found.append(Pattern(hits, key or hits[0].address, hits[0].sku if len({h.sku for h in hits}) == 1 else ""))
        return _in_report_order(found)


class FreeOrders(Detector):
    """Orders at no or almost no price: a unit price at most `max_price_share` of the SKU's
    median unit price in the report (0 counts whatever the median), or a promotion
    discount of at least `min_discount_share` of the price. One pattern per SKU."""

    def __init__(self, facts: ReportFacts, max_price_share: float, min_discount_share: float) -> None:
        self.facts = facts
        self.max_price_share = max_price_share
        self.min_discount_share = min_discount_share
        self.typical: dict[str, float] = {}
        self.free: dict[str, list[OrderLine]] = {}

    def add(self, line: OrderLine, first_of_order: bool) -> None:
        if line.price is None:
            return
        sku = line.sku or "-"
        typical = self.typical.get(sku)
        if typical is None:
            typical = self.typical[sku] = self.facts.typical_price(sku)
        if self._is_free(line, typical):
            self.free.setdefault(sku, []).append(line)

    def _is_free(self, line: OrderLine, typical: float) -> bool:
        price = line.price or 0.0
        if price <= 0:
            return True
        if line.discount >= self.min_discount_share * price:
            return True
        return typical > 0 and price / max(line.quantity, 1) <= self.max_price_share * typical

    def patterns(self, resolved: Resolved) -> list[Pattern]:
        found = []
        for sku, free in self.free.items():
            typical = self.typical[sku]
            found.append(Pattern(_report_ordered(free), "", "" if sku == "-" else sku, note=f"{typical:.2f}" if typical else ""))
        return _in_report_order(found)


class Bursts(Detector):
    """At least `min_orders` single-unit orders from first-time recipients within
    `window_days`, in the first `new_sku_days` of a SKU that first sells at least
    `new_sku_days` after the report starts (earlier, the report cannot tell it is new).
    Only the early orders of new SKUs are kept; whether their recipients are first-time
    ones is read back after the walk."""

    def __init__(self, facts: ReportFacts, window_days: float, min_orders: int, new_sku_days: float) -> None:
        self.facts = facts
        self.window = timedelta(days=window_days)
        self.least = min_orders
        self.new = timedelta(days=new_sku_days)
        self.early: dict[str, list[OrderLine]] = {}  # new SKU -> its early single-unit orders

    def add(self, line: OrderLine, first_of_order: bool) -> None:
        launch = self.facts.launches.get(line.sku)
        start = self.facts.start
        if not first_of_order or launch is None or start is None or launch - start < self.new:
            return
        if line.purchased - launch <= self.new and line.quantity == 1 and line.recipient:
            self.early.setdefault(line.sku, []).append(line)

    def needs(self) -> Needs:
        return Needs(recipients={line.recipient for lines in self.early.values() for line in lines})

    def patterns(self, resolved: Resolved) -> list[Pattern]:
        found: list[Pattern] = []
        for sku, early in self.early.items():
            first_time = [line for line in early if resolved.first_sale.get(line.recipient) == line.purchased]
            launch = self.facts.launches[sku]
            for run in _clusters(first_time, self.window, self.least):
                found.append(Pattern(run, "", sku, _span(run), note=launch.date().isoformat()))
        return _in_report_order(found)


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


@lean_dataclass(slots=True)
class OrdersSpec:
    """What the ORD rules read from one orders report or getOrders payload: a way to walk
    its lines (numbered, in report order), what the whole of it tells, and the patterns
    found once for all ORD rules of a run (kinds/order_pattern.py)."""

    walk: Walk
    facts: ReportFacts
    marketplace: str = ""
    found: dict[str, list[Pattern]] | None = None  # rule code -> its patterns
