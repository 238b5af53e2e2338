"""Account health metrics: Amazon's targets, windows and formulas, and the arithmetic.

Three inputs end up here (documents/metrics.py builds them): a metrics file (`kind:
account-metrics`, values as the seller writes them down), Amazon's Account Health report
(SP-API JSON, rates Amazon computed) and an orders report (CSV/TSV rows, from which the
rates are computed below with Amazon's definitions, amazon-policy.md section 6):

- Order Defect Rate (ODR): orders with negative feedback (1-2 stars), an A-to-z claim or a
  service chargeback, each order counted once, over all orders purchased in the last 60
  days (order-correlated: by purchase date). Target < 1%.
- Pre-fulfilment Cancel Rate: seller-fulfilled orders cancelled by the seller (or by
  Amazon because shipment was not confirmed; not by the buyer) over seller-fulfilled
  orders purchased in the last 7 days. Target < 2.5%.
- Late Shipment Rate, 10 and 30 days: seller-fulfilled orders ship-confirmed after their
  expected ship date (or still unconfirmed past it) over seller-fulfilled orders, not
  cancelled, whose expected ship date lies in the window. Target < 4%.
- Valid Tracking Rate: seller-fulfilled shipments with a valid tracking number (at least
  one carrier scan) over shipments confirmed in the last 30 days; in the US per product
  category when the report has one. Target >= 95%.
- On-Time Delivery Rate: tracked seller-fulfilled shipments delivered by the promised
  date over tracked shipments whose promised date lies in a 14-day window that ends 7
  days before the as-of date. Target >= 90% (95% recommended: warned below it).

A window of N days ends on the as-of date and includes it: 60 days to 2024-05-01 are
2024-03-03 .. 2024-05-01. Timestamps with a zone are compared in UTC (as Amazon's reports
state their ranges); timestamps without one are taken as written. A window without any
order has no rate: the metric is "not measurable", never a division by zero.
"""

from __future__ import annotations

import re
from dataclasses import field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from .lean_dataclass import lean_dataclass

BELOW = "below"  # the value must stay under the limit
AT_LEAST = "at-least"  # the value must reach the limit
DEFAULT_BAND = 0.2  # warn within 20% of the allowed defect share before the limit
MISSING_COLUMNS = "the report has no"  # how a metric's note starts when a column it needs is missing


@lean_dataclass(frozen=True, slots=True)
class Target:
    key: str
    label: str
    limit: float
    condition: str
    window_days: int
    delay_days: int = 0
    warn_at: float | None = None  # an explicit warning level (OTDR: 95% recommended)
    unit: str = "rate"  # rate (a fraction shown as %) or points (Account Health Rating)

    @property
    def shown(self) -> str:
        sign = "<" if self.condition == BELOW else ">="
        return f"{sign} {format_value(self.limit, self.unit)}"


TARGETS: dict[str, Target] = {
    t.key: t
    for t in (
        Target("order_defect_rate", "Order Defect Rate", 0.01, BELOW, 60),
        Target("pre_fulfillment_cancel_rate", "Pre-fulfilment Cancel Rate", 0.025, BELOW, 7),
        Target("late_shipment_rate_10", "Late Shipment Rate (10 days)", 0.04, BELOW, 10),
        Target("late_shipment_rate_30", "Late Shipment Rate (30 days)", 0.04, BELOW, 30),
        Target("valid_tracking_rate", "Valid Tracking Rate", 0.95, AT_LEAST, 30),
        Target("on_time_delivery_rate", "On-Time Delivery Rate", 0.90, AT_LEAST, 14, delay_days=7, warn_at=0.95),
        Target("invoice_defect_rate", "Invoice Defect Rate", 0.05, BELOW, 7, delay_days=7),
        Target("account_health_rating", "Account Health Rating", 200, AT_LEAST, 180, unit="points"),
    )
}
ALIASES = {
    "odr": "order_defect_rate",
    "order_defect_rate": "order_defect_rate",
    "cancel_rate": "pre_fulfillment_cancel_rate",
    "cancellation_rate": "pre_fulfillment_cancel_rate",
    "pre_fulfilment_cancel_rate": "pre_fulfillment_cancel_rate",
    "prefulfillment_cancel_rate": "pre_fulfillment_cancel_rate",
    "cr": "pre_fulfillment_cancel_rate",
    "lsr": "late_shipment_rate",
    "late_shipment_rate": "late_shipment_rate",
    "vtr": "valid_tracking_rate",
    "otdr": "on_time_delivery_rate",
    "on_time_delivery": "on_time_delivery_rate",
    "idr": "invoice_defect_rate",
    "ahr": "account_health_rating",
}


def metric_key(name: str, window_days: int | None = None) -> str | None:
    """The target key a written metric name stands for (late shipment: by its window)."""
    lowered = re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")
    key = ALIASES.get(lowered, lowered)
    if key == "late_shipment_rate":
        return "late_shipment_rate_10" if window_days is not None and window_days <= 10 else "late_shipment_rate_30"
    return key if key in TARGETS else None


def format_value(value: float | None, unit: str = "rate") -> str:
    if value is None:
        return "not measurable"
    if unit == "points":
        return f"{value:g}"
    return f"{value * 100:.2f}%"


@lean_dataclass(slots=True)
class Measurement:
    """One metric over one window, with the counts behind it (None: not measurable)."""

    target: Target
    value: float | None
    numerator: int | None = None
    denominator: int | None = None
    window_from: date | None = None
    window_to: date | None = None
    window_days: int | None = None
    marketplace: str = ""
    scope: str = ""  # a product category (VTR, US), mfn/afn (Amazon's ODR)
    components: dict[str, int] = field(default_factory=dict)  # ODR: negative feedback, claims, chargebacks
    node: Any = None  # where a finding about it points
    note: str = ""  # why it is not measurable

    @property
    def label(self) -> str:
        return self.target.label + (f" [{self.scope}]" if self.scope else "")

    @property
    def window(self) -> str:
        days = self.window_days if self.window_days is not None else self.target.window_days
        if self.window_from and self.window_to:
            return f"{days} days {self.window_from.isoformat()}..{self.window_to.isoformat()}"
        return f"{days} days"

    def breached(self) -> bool:
        if self.value is None:
            return False
        if self.target.condition == BELOW:
            return self.value >= self.target.limit
        return self.value < self.target.limit

    def near(self, band: float) -> bool:
        """Not breached, but within the warning band before the limit."""
        if self.value is None or self.breached():
            return False
        target = self.target
        if target.warn_at is not None:
            return self.value < target.warn_at if target.condition == AT_LEAST else self.value >= target.warn_at
        if target.condition == BELOW:
            return self.value >= target.limit * (1 - band)
        if target.unit == "points":
            return self.value < target.limit * (1 + band)
        return (1 - self.value) >= (1 - target.limit) * (1 - band)

    @property
    def margin(self) -> float | None:
        """Headroom to the limit (negative: past it), in the metric's unit."""
        if self.value is None:
            return None
        if self.target.condition == BELOW:
            return self.target.limit - self.value
        return self.value - self.target.limit

    def margin_text(self) -> str:
        margin = self.margin
        if margin is None:
            return ""
        if self.target.unit == "points":
            amount = f"{abs(margin):g} points"
        else:
            amount = f"{abs(margin) * 100:.2f} percentage points"
        return f"{amount} {'inside' if margin > 0 or (margin == 0 and self.target.condition == AT_LEAST) else 'past'} the target"

    @property
    def lacks_columns(self) -> bool:
        """Not measurable because the orders report lacks a column (INP029 names each at its header)."""
        return self.note.startswith(MISSING_COLUMNS)

    def counts(self) -> str:
        if self.numerator is None or self.denominator is None:
            return ""
        return f"{self.numerator} of {self.denominator}"

    def status(self, band: float = DEFAULT_BAND) -> str:
        if self.value is None:
            return "not measurable"
        if self.breached():
            return "breach"
        return "near" if self.near(band) else "ok"

    def args(self) -> dict[str, Any]:
        """Message arguments of ACC findings."""
        counts = self.counts()
        return {
            "metric": self.label,
            "value": format_value(self.value, self.target.unit),
            "counts": f" ({counts})" if counts else "",
            "target": self.target.shown,
            "window": self.window,
            "margin": self.margin_text(),
            "marketplace": self.marketplace or "-",
            "note": self.note,
        }

    def as_json(self, band: float = DEFAULT_BAND) -> dict[str, Any]:
        return {
            "metric": self.target.key,
            "label": self.label,
            "marketplace": self.marketplace,
            "scope": self.scope,
            "window_days": self.window_days if self.window_days is not None else self.target.window_days,
            "window_from": self.window_from.isoformat() if self.window_from else None,
            "window_to": self.window_to.isoformat() if self.window_to else None,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "value": self.value,
            "target": self.target.limit,
            "condition": self.target.condition,
            "status": self.status(band),
            "margin": self.margin,
            "components": dict(self.components),
            "note": self.note,
        }


def ratio(target: Target, numerator: int, denominator: int, **kwargs: Any) -> Measurement:
    if denominator == 0:
        return Measurement(target, None, numerator, denominator, note="no orders in the window", **kwargs)
    return Measurement(target, numerator / denominator, numerator, denominator, **kwargs)


# --- dates ------------------------------------------------------------------------------------
_ZONES = {
    "UTC": 0, "GMT": 0, "Z": 0, "PST": -8, "PDT": -7, "MST": -7, "MDT": -6, "CST": -6, "CDT": -5,
    "EST": -5, "EDT": -4, "BST": 1, "CET": 1, "CEST": 2, "JST": 9, "AEST": 10, "AEDT": 11, "IST": 5.5,
}
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_ISO = re.compile(
    r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2}|[A-Z]{2,4})?"
)
_NUMERIC = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?\s*([+-]\d{2}:?\d{2}|[A-Z]{2,4})?")
_WORDS = re.compile(
    r"(?:(?:[A-Za-z]{3,9}),?\s+)?(?:([A-Za-z]{3,9})\.?\s+(\d{1,2}),?|(\d{1,2})\.?\s+([A-Za-z]{3,9})\.?,?)\s+(\d{4})"
    r"(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?\s*([+-]\d{2}:?\d{2}|[A-Z]{2,4})?"
)


@lean_dataclass(frozen=True, slots=True)
class When:
    """A parsed date or timestamp: `day` is its calendar date (in UTC when a zone was given)."""

    day: date
    moment: datetime | None = None  # None: a date without a time

    def after(self, other: When) -> bool:
        if self.moment is not None and other.moment is not None:
            return self.moment > other.moment
        return self.day > other.day


def _zone(text: str | None) -> timezone | None:
    if not text:
        return None
    if text in _ZONES:
        return timezone(timedelta(hours=_ZONES[text]))
    match = re.fullmatch(r"([+-])(\d{2}):?(\d{2})", text)
    if match is None:
        raise ValueError(f"unknown time zone {text}")
    sign = 1 if match.group(1) == "+" else -1
    return timezone(sign * timedelta(hours=int(match.group(2)), minutes=int(match.group(3))))


def _when(day: date, hour: str | None, minute: str | None, second: str | None, ampm: str | None, zone: str | None) -> When:
    if hour is None:
        return When(day)
    h = int(hour)
    if ampm:
        h = h % 12 + (12 if ampm.lower() == "pm" else 0)
    moment = datetime.combine(day, time(h, int(minute or 0), int(second or 0)))
    tz = _zone(zone)
    if tz is not None:
        moment = moment.replace(tzinfo=tz).astimezone(timezone.utc).replace(tzinfo=None)
    return When(moment.date(), moment)


def _iso_timestamp(text: str) -> When | None:
    """An ISO 8601 timestamp with a numeric offset, Z or no zone, as _ISO reads it."""
    try:
        moment = datetime.fromisoformat(text).replace(microsecond=0)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return When(moment.date(), moment)


def parse_when(text: str, day_first: bool = False) -> When | None:
    """A date or timestamp in the formats Seller Central writes (ISO 8601 with or without a
    zone, 05/01/2024, 01.05.2024, May 1, 2024 10:22:31 AM PDT ...); None if not a date.

    Slashed dates are month first unless the first number is over 12 or `day_first`
    (marketplaces outside North America); dotted dates are day first.
    """
    text = text.strip()
    if not text:
        return None
    if len(text) > 16 and text[4] == "-" and text[10] in "T ":
        fast = _iso_timestamp(text)  # the shape of almost every report's timestamps, at C speed
        if fast is not None:
            return fast
    try:
        match = _ISO.fullmatch(text)
        if match:
            y, m, d, hh, mm, ss, zone = match.groups()
            return _when(date(int(y), int(m), int(d)), hh, mm, ss, None, zone)
        match = _NUMERIC.fullmatch(text)
        if match:
            a, sep, b, y, hh, mm, ss, ampm, zone = match.groups()
            first, second = int(a), int(b)
            if sep == "." or first > 12 or (day_first and second <= 12):
                day, month = first, second
            else:
                month, day = first, second
            return _when(date(int(y), month, day), hh, mm, ss, ampm, zone)
        match = _WORDS.fullmatch(text)
        if match:
            month_a, day_a, day_b, month_b, y, hh, mm, ss, ampm, zone = match.groups()
            month = _MONTHS.get((month_a or month_b or "")[:3].lower())
            if month is None:
                return None
            return _when(date(int(y), month, int(day_a or day_b)), hh, mm, ss, ampm, zone)
    except ValueError:
        return None
    return None


def window(as_of: date, days: int, delay: int = 0) -> tuple[date, date]:
    """First and last day of a window of `days` days ending `delay` days before `as_of`."""
    last = as_of - timedelta(days=delay)
    return last - timedelta(days=days - 1), last


# --- orders -----------------------------------------------------------------------------------
@lean_dataclass(slots=True)
class Order:
    """One order of an orders report (rows of the same order id merged)."""

    order_id: str
    purchased: When
    line: int
    afn: bool = False  # fulfilled by Amazon
    negative_feedback: bool = False
    claim: bool = False
    chargeback: bool = False
    seller_cancelled: bool = False
    cancelled: bool = False
    ship_by: When | None = None
    shipped: When | None = None
    valid_tracking: bool | None = None
    promised: When | None = None
    delivered: When | None = None
    category: str = ""
    marketplace: str = ""


# the columns each metric needs (besides the order id and purchase date)
NEEDS: dict[str, tuple[str, ...]] = {
    "order_defect_rate": ("feedback-rating", "a-to-z-claim", "chargeback"),
    "pre_fulfillment_cancel_rate": ("cancelled-by",),
    "late_shipment_rate_10": ("latest-ship-date", "ship-confirm-date"),
    "late_shipment_rate_30": ("latest-ship-date", "ship-confirm-date"),
    "valid_tracking_rate": ("ship-confirm-date", "valid-tracking"),
    "on_time_delivery_rate": ("promised-delivery-date", "delivery-date"),
}
ORDER_METRICS = tuple(NEEDS)


def _between(when: When | None, span: tuple[date, date]) -> bool:
    return when is not None and span[0] <= when.day <= span[1]


def compute(orders: list[Order], columns: set[str], as_of: date, marketplace: str = "") -> list[Measurement]:
    """Every order metric over its window ending at `as_of` (not measurable: a column is
    missing, or no order falls in the window)."""
    tally = OrderTally(columns, as_of, marketplace)
    for order in orders:
        tally.add(order)
    return tally.measurements()


class OrderTally:
    """The counts behind every order metric of one marketplace, one order at a time: an
    orders report of any length is tallied in the same few integers."""

    def __init__(self, columns: set[str], as_of: date, marketplace: str = "") -> None:
        self.columns = columns
        self.as_of = as_of
        self.marketplace = marketplace
        self.spans = {key: window(as_of, TARGETS[key].window_days, TARGETS[key].delay_days) for key in ORDER_METRICS}
        self.counts = {key: [0, 0] for key in ORDER_METRICS}  # [meeting the metric's condition, all in the window]
        self.defects = {"negative_feedback": 0, "a_to_z_claims": 0, "chargebacks": 0}
        self.tracking_by_category: dict[str, list[int]] = {}  # US: valid tracking per product category
        self.per_category = marketplace == "US" and "product-category" in columns
        self.first_line: dict[str, int] = {}  # product category -> line of its first order

    def add(self, order: Order) -> None:
        if order.category and order.line < self.first_line.get(order.category, order.line + 1):
            self.first_line[order.category] = order.line
        if _between(order.purchased, self.spans["order_defect_rate"]):
            self._count("order_defect_rate", order.negative_feedback or order.claim or order.chargeback)
            self.defects["negative_feedback"] += order.negative_feedback
            self.defects["a_to_z_claims"] += order.claim
            self.defects["chargebacks"] += order.chargeback
        if order.afn:
            return
        if _between(order.purchased, self.spans["pre_fulfillment_cancel_rate"]):
            self._count("pre_fulfillment_cancel_rate", order.seller_cancelled)
        if order.cancelled:
            return
        for key in ("late_shipment_rate_10", "late_shipment_rate_30"):
            if _between(order.ship_by, self.spans[key]):
                self._count(key, _late(order, self.as_of))
        if _between(order.shipped, self.spans["valid_tracking_rate"]):
            self._count("valid_tracking_rate", bool(order.valid_tracking))
            if self.per_category and order.category:
                counts = self.tracking_by_category.setdefault(order.category, [0, 0])
                counts[0] += bool(order.valid_tracking)
                counts[1] += 1
        if order.valid_tracking is not False and _between(order.promised, self.spans["on_time_delivery_rate"]):
            self._count("on_time_delivery_rate", order.delivered is not None and order.promised is not None and not order.delivered.after(order.promised))

    def _count(self, key: str, meets: bool) -> None:
        counts = self.counts[key]
        counts[0] += meets
        counts[1] += 1

    def measurements(self) -> list[Measurement]:
        out: list[Measurement] = []
        for key in ORDER_METRICS:
            target = TARGETS[key]
            span = self.spans[key]
            common = {"window_from": span[0], "window_to": span[1], "window_days": target.window_days, "marketplace": self.marketplace}
            missing = [c for c in NEEDS[key] if c not in self.columns]
            if missing:
                out.append(Measurement(target, None, note=f"{MISSING_COLUMNS} {', '.join(missing)} column", **common))
            elif key == "valid_tracking_rate" and self.tracking_by_category:  # US: measured per product category
                for category, (valid, shipped) in sorted(self.tracking_by_category.items()):
                    out.append(ratio(target, valid, shipped, scope=category, **common))
            else:
                measurement = ratio(target, *self.counts[key], **common)
                if key == "order_defect_rate":
                    measurement.components = dict(self.defects)
                out.append(measurement)
        return out


def _late(order: Order, as_of: date) -> bool:
    if order.ship_by is None:
        return False
    if order.shipped is None:
        return order.ship_by.day < as_of  # due and still not confirmed
    return order.shipped.after(order.ship_by)


# --- the `listlint metrics` table -------------------------------------------------------------
def table(measurements: list[Measurement], band: float = DEFAULT_BAND) -> str:
    """Every metric against its target, with the counts behind it."""
    head = ("metric", "marketplace", "window", "count", "value", "target", "status", "margin")
    rows = [head]
    for m in measurements:
        margin = m.margin
        shown_margin = "" if margin is None else (f"{margin:+g}" if m.target.unit == "points" else f"{margin * 100:+.2f} pp")
        rows.append((m.label, m.marketplace or "-", m.window, m.counts() or "-", format_value(m.value, m.target.unit), m.target.shown, m.status(band), shown_margin or m.note))
        for name, count in m.components.items():
            rows.append(("  " + name.replace("_", " "), "", "", f"{count} of {m.denominator}" if m.denominator is not None else str(count), "", "", "", ""))
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
    return "\n".join(lines) + "\n"
