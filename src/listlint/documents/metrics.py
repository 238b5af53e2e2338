"""Account metrics documents, each a Record of kind `account-metrics` for the ACC rules.

Three shapes:

- a metrics file (`kind: account-metrics`): metrics as the seller writes them down, each
  with a value (0.8%, 0.008) or a numerator and denominator, a window (days, or from/to
  dates) and a marketplace::

      kind: account-metrics
      marketplace: US
      metrics:
        - metric: order_defect_rate      # or odr, late_shipment_rate, vtr, otdr ...
          numerator: 3
          denominator: 250
          window: 60 days
        - metric: valid_tracking_rate
          value: 93.5%
          category: Toys

- Amazon's Account Health report (SP-API `GET_V2_SELLER_PERFORMANCE_REPORT`, schema
  reports_accountHealthReport-2020-11-18): `accountStatuses` and `performanceMetrics`, one
  entry per marketplace, each metric with its reporting date range, counts, rate and
  Amazon's status;
- an orders report (readers/orders.py), whose rates are computed at check time for the
  run's as-of date (listlint.metrics), in one walk over its rows (ReportMetrics).

Values that cannot be rates (negative, over 100%, a numerator above its denominator) are
INP problems at their line; the metric is then not checked against its target.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import field
from datetime import date, datetime, timedelta
from typing import Any

from ..lean_dataclass import lean_dataclass
from ..metrics import TARGETS, Measurement, Order, OrderTally, metric_key, parse_when
from ..records import Record, expand_marketplaces
from ..tree import Node, Problem, ReadResult
from .order_rows import moment_of, report_rows, row_date



@lean_dataclass(slots=True)
class MetricsSpec:
    """What the ACC rules read: fixed measurements, or an orders report's orders tallied for an as-of date."""

    fixed: list[Measurement] = field(default_factory=list)
    tally: Callable[[date], OrderTally] | None = None  # orders report: its orders of `marketplace`
    marketplace: str = ""
    node: Node | None = None  # orders report: its header row
    statuses: list[tuple[str, str, Node]] = field(default_factory=list)  # (what, status, node): Amazon says not good
    inconsistent: list[tuple[Measurement, float]] = field(default_factory=list)  # stated rate vs counts
    report: Any = None  # orders report (readers/orders.py), for finding positions
    _computed: dict[date, list[Measurement]] = field(default_factory=dict)

    def measurements(self, as_of: date) -> list[Measurement]:
        if self.tally is None:
            return self.fixed
        if as_of not in self._computed:
            tally = self.tally(as_of)
            found = tally.measurements()
            for m in found:
                m.node = self._place(m, tally)
            self._computed[as_of] = found
        return self._computed[as_of]

    def _place(self, measurement: Measurement, tally: OrderTally) -> Node | None:
        """Where a finding about a computed metric points: the category cell of the first
        order of its category (VTR per category), else its main column's header cell, else
        (the column is missing) the header row. Each measurement gets its own Node: findings
        are told apart by the node they point at."""
        report = self.report
        if report is None or self.node is None:
            return self.node
        if measurement.scope:
            line = tally.first_line.get(measurement.scope)
            span = report.span(line, "product-category") if line is not None else None
            if span:
                return Node(None, *span)
        span = report.header_cells.get(_MAIN_COLUMN.get(measurement.target.key, ""))
        if span and not measurement.lacks_columns:
            return Node(None, *span)
        return Node(None, self.node.start, self.node.end)


_MAIN_COLUMN = {
    "order_defect_rate": "feedback-rating",
    "pre_fulfillment_cancel_rate": "cancelled-by",
    "late_shipment_rate_10": "latest-ship-date",
    "late_shipment_rate_30": "ship-confirm-date",
    "valid_tracking_rate": "valid-tracking",
    "on_time_delivery_rate": "promised-delivery-date",
}


# --- metrics files ----------------------------------------------------------------------------
def metrics_records(result: ReadResult, document: Node, default_marketplaces: tuple[str, ...]) -> list[Record]:
    values = document.value
    problems = result.problems
    marketplace = _text(values.get("marketplace")) or (default_marketplaces[0] if default_marketplaces else "")
    for key, node in values.items():
        if key not in ("kind", "marketplace", "metrics", "as_of", "seller", "note"):
            problems.append(Problem("INP013", node.key_start, node.key_end, {"detail": f"unknown field '{key}' in an account-metrics file (kind, marketplace, as_of, metrics)"}))
    spec = MetricsSpec(marketplace=marketplace, node=document)
    container = values.get("metrics")
    entries: list[tuple[str, Node, Node]] = []  # (name, name node, entry)
    if container is None:
        problems.append(Problem("INP012", document.start, document.start + 1, {"detail": "an account-metrics file needs 'metrics'"}))
    elif isinstance(container.value, dict):
        entries = [(name, node, node) for name, node in container.value.items()]
    elif isinstance(container.value, list):
        for index, item in enumerate(container.value):
            if not isinstance(item.value, dict):
                problems.append(Problem("INP006", item.start, item.end, {"field": f"metrics[{index}]", "detail": "must be a mapping with metric and value"}))
                continue
            name_node = item.value.get("metric") or item.value.get("name")
            if name_node is None or not isinstance(name_node.value, str):
                problems.append(Problem("INP012", item.start, item.end, {"detail": f"metrics[{index}] needs 'metric' (order_defect_rate, late_shipment_rate ...)"}))
                continue
            entries.append((name_node.value, name_node, item))
    else:
        problems.append(Problem("INP006", container.start, container.end, {"field": "metrics", "detail": "must be a list (or mapping) of metrics"}))
    for name, name_node, entry in entries:
        measurement = _entry(name, name_node, entry, marketplace, problems)
        if measurement is not None:
            spec.fixed.append(measurement)
    record = Record(result.source, document, kind="account-metrics")
    record.marketplaces = (marketplace,) if marketplace else default_marketplaces
    record.spec = spec
    return [record]


def _entry(name: str, name_node: Node, entry: Node, marketplace: str, problems: list[Problem]) -> Measurement | None:
    fields = entry.value if isinstance(entry.value, dict) else {"value": entry}
    days, span = _window(fields.get("window"), problems)
    key = metric_key(name, days)
    if key is None:
        known = ", ".join(k for k in TARGETS if not k.startswith("late_shipment_rate_")) + ", late_shipment_rate"
        at = name_node.key_start if name_node is entry and name_node.key_start >= 0 else name_node.start
        problems.append(Problem("INP014", at, at + len(name), {"field": "metric", "detail": f"{name!r} is not a metric listlint knows ({known})"}))
        return None
    target = TARGETS[key]
    where = fields.get("value") or fields.get("numerator") or entry
    market = _text(fields.get("marketplace")) or marketplace
    measurement = Measurement(target, None, marketplace=market, scope=_text(fields.get("category")) or _text(fields.get("scope")), node=where)
    measurement.window_days = days or target.window_days
    if span:
        measurement.window_from, measurement.window_to = span
    if "numerator" in fields or "denominator" in fields:
        numerator, denominator = _count(fields.get("numerator"), problems), _count(fields.get("denominator"), problems)
        if numerator is None or denominator is None:
            return None
        measurement.numerator, measurement.denominator = numerator, denominator
        if denominator == 0:
            measurement.note = "no orders in the window"
            return measurement
        if numerator > denominator and target.unit == "rate":
            node = fields["numerator"]
            problems.append(Problem("INP031", node.start, node.end, {"field": f"{name}.numerator", "detail": f"{numerator} is more than the denominator {denominator} (over 100%)"}))
            return None
        measurement.value = numerator / denominator
        return measurement
    value_node = fields.get("value")
    if value_node is None:
        problems.append(Problem("INP012", entry.start, entry.end, {"detail": f"metric {name} needs 'value' or 'numerator' and 'denominator'"}))
        return None
    value = _value(value_node, target.unit, name, problems)
    if value is None:
        return None
    measurement.value = value
    return measurement


def _value(node: Node, unit: str, name: str, problems: list[Problem]) -> float | None:
    raw = node.value
    percent = False
    if isinstance(raw, str):
        text = raw.strip()
        percent = text.endswith("%")
        try:
            number = float(text.rstrip("%").strip())
        except ValueError:
            problems.append(Problem("INP006", node.start, node.end, {"field": name, "detail": f"value {raw!r} is not a number (write 0.8% or 0.008)"}))
            return None
    elif isinstance(raw, (int, float)) and not isinstance(raw, bool):
        number = float(raw)
    else:
        problems.append(Problem("INP006", node.start, node.end, {"field": name, "detail": "value must be a number or a percentage"}))
        return None
    if unit == "points":
        if not 0 <= number <= 1000:
            problems.append(Problem("INP031", node.start, node.end, {"field": name, "detail": f"{number:g} is outside the rating scale 0 to 1000"}))
            return None
        return number
    value = number / 100 if percent else number
    if value < 0:
        problems.append(Problem("INP031", node.start, node.end, {"field": name, "detail": f"{raw} is negative"}))
        return None
    if value > 1:
        hint = "" if percent else f" (a rate is a fraction: write {number:g}% or {number / 100:g})"
        problems.append(Problem("INP031", node.start, node.end, {"field": name, "detail": f"{raw} is over 100%{hint}"}))
        return None
    return value


def _count(node: Node | None, problems: list[Problem]) -> int | None:
    if node is None:
        return None
    if isinstance(node.value, bool) or not isinstance(node.value, int) or node.value < 0:
        problems.append(Problem("INP031", node.start, node.end, {"field": "count", "detail": f"{node.value!r} is not a count of orders (a whole number, 0 or more)"}))
        return None
    return node.value


def _window(node: Node | None, problems: list[Problem]) -> tuple[int | None, tuple[date, date] | None]:
    if node is None:
        return None, None
    raw = node.plain()
    if isinstance(raw, int) and not isinstance(raw, bool) and raw > 0:
        return raw, None
    if isinstance(raw, str):
        match = re.fullmatch(r"\s*(\d+)\s*(?:d|days?)?\s*", raw)
        if match and int(match.group(1)) > 0:
            return int(match.group(1)), None
    if isinstance(raw, dict) and "from" in raw and "to" in raw:
        first, last = parse_when(str(raw["from"])), parse_when(str(raw["to"]))
        if first is not None and last is not None and first.day <= last.day:
            return (last.day - first.day).days + 1, (first.day, last.day)
    problems.append(Problem("INP014", node.start, node.end, {"field": "window", "detail": "must be a number of days (60, '60 days') or {from: date, to: date} with from before to"}))
    return None, None


def _text(node: Node | None) -> str:
    return node.value.strip() if node is not None and isinstance(node.value, str) else ""


# --- Amazon's Account Health report -----------------------------------------------------------
# report key -> (metric, numerator key, denominator key)
_REPORT_RATES = {
    "prefulfillmentCancelRate": ("pre_fulfillment_cancel_rate", "cancellationCount", "orderCount"),
    "lateShipmentRate": ("late_shipment_rate", "lateShipmentCount", "orderCount"),
    "validTrackingRate": ("valid_tracking_rate", "validTrackingCount", "shipmentCount"),
    "onTimeDeliveryRate": ("on_time_delivery_rate", "onTimeDeliveryCount", "shipmentCountWithValidTracking"),
    "unitOnTimeDeliveryRate": ("on_time_delivery_rate", "unitOnTimeDeliveryCount", "totalUnitCount"),
    "invoiceDefectRate": ("invoice_defect_rate", "invoiceDefect.count", "orderCount"),
    "orderDefectRate": ("order_defect_rate", "orderWithDefects.count", "orderCount"),
}
_GOOD_STATUSES = {"GOOD", "NONE", "NORMAL", "HEALTHY"}


def health_report_records(result: ReadResult, document: Node, default_marketplaces: tuple[str, ...]) -> list[Record]:
    from .amazon import marketplace_code

    problems = result.problems
    spec = MetricsSpec(node=document)
    markets: list[str] = []
    statuses = document.value.get("accountStatuses")
    for item in statuses.value if statuses is not None and isinstance(statuses.value, list) else []:
        if isinstance(item.value, dict):
            market = marketplace_code(_plain(item, "marketplaceId")) or str(_plain(item, "marketplaceId") or "?")
            status = _plain(item, "status")
            if isinstance(status, str) and status.upper() not in _GOOD_STATUSES:
                spec.statuses.append((f"account status in {market}", status, item.value.get("status") or item))
    performance = document.value.get("performanceMetrics")
    if performance is not None and not isinstance(performance.value, list):
        problems.append(Problem("INP006", performance.start, performance.end, {"field": "performanceMetrics", "detail": "must be a list (one entry per marketplace)"}))
    for entry in performance.value if performance is not None and isinstance(performance.value, list) else []:
        if not isinstance(entry.value, dict):
            continue
        market = marketplace_code(_plain(entry, "marketplaceId")) or (default_marketplaces[0] if default_marketplaces else "")
        if market and market not in markets:
            markets.append(market)
        for key, node in entry.value.items():
            if not isinstance(node.value, dict) and key != "warningState":
                continue
            if key == "orderDefectRate":
                for channel, sub in node.value.items():
                    if isinstance(sub.value, dict):
                        _report_rate(spec, key, sub, market, channel, problems)
            elif key in _REPORT_RATES:
                _report_rate(spec, key, node, market, "", problems)
            elif key == "accountHealthRating":
                status = _plain(node, "ahrStatus")
                if isinstance(status, str) and status.upper() not in _GOOD_STATUSES:
                    spec.statuses.append((f"Account Health Rating in {market}", status, node.value.get("ahrStatus") or node))
            elif key == "warningState":
                for warning in node.value if isinstance(node.value, list) else []:
                    status = _plain(warning, "status")
                    if isinstance(status, str) and status.upper() not in _GOOD_STATUSES:
                        spec.statuses.append((f"warning {_plain(warning, 'warningType')} in {market}", status, warning))
            elif "defectsCount" in node.value:
                count = _plain(node, "defectsCount")
                status = _plain(node, "status")
                if isinstance(count, int) and count > 0 and str(status).upper() not in _GOOD_STATUSES:
                    days = _range_text(node)
                    spec.statuses.append((f"{key} in {market}: {count} defects{days}, target 0", str(status), node.value.get("defectsCount") or node))
    record = Record(result.source, document, kind="account-metrics")
    record.marketplaces = expand_marketplaces(markets) or default_marketplaces
    record.spec = spec
    return [record]


def _report_rate(spec: MetricsSpec, key: str, node: Node, market: str, channel: str, problems: list[Problem]) -> None:
    name, numerator_key, denominator_key = _REPORT_RATES[key]
    days, span = _range(node)
    metric = metric_key(name, days)
    if metric is None:
        return
    target = TARGETS[metric]
    rate_node = node.value.get("rate")
    numerator, denominator = _plain_path(node, numerator_key), _plain_path(node, denominator_key)
    measurement = Measurement(target, None, marketplace=market, scope=channel, node=rate_node or node)
    measurement.window_days = days or target.window_days
    if span:
        measurement.window_from, measurement.window_to = span
    if isinstance(numerator, int) and isinstance(denominator, int):
        measurement.numerator, measurement.denominator = numerator, denominator
    if key == "orderDefectRate":
        measurement.components = {k: c for k, c in (("negative_feedback", _plain_path(node, "negativeFeedback.count")), ("a_to_z_claims", _plain_path(node, "claims.count")), ("chargebacks", _plain_path(node, "chargebacks.count"))) if isinstance(c, int)}
    rate = rate_node.value if rate_node is not None else None
    if isinstance(rate, (int, float)) and not isinstance(rate, bool):
        if not 0 <= rate <= 1:
            problems.append(Problem("INP031", rate_node.start, rate_node.end, {"field": f"{key}.rate", "detail": f"{rate} is {'negative' if rate < 0 else 'over 100%'}"}))
            return
        measurement.value = float(rate)
    elif measurement.denominator:
        measurement.value = measurement.numerator / measurement.denominator
    else:
        measurement.note = "no orders in the window" if measurement.denominator == 0 else "the report gives no rate"
    if measurement.numerator is not None and measurement.denominator:
        counted = measurement.numerator / measurement.denominator
        if counted > 1:
            at = _node_path(node, numerator_key) or node
            problems.append(Problem("INP031", at.start, at.end, {"field": f"{key}.{numerator_key}", "detail": f"{measurement.numerator} is more than {denominator_key} {measurement.denominator} (over 100%)"}))
        elif measurement.value is not None and abs(counted - measurement.value) > 0.0005:
            spec.inconsistent.append((measurement, counted))
    spec.fixed.append(measurement)


def _range(node: Node) -> tuple[int | None, tuple[date, date] | None]:
    first = _plain_path(node, "reportingDateRange.reportingDateFrom")
    last = _plain_path(node, "reportingDateRange.reportingDateTo")
    a = parse_when(first) if isinstance(first, str) else None
    b = parse_when(last) if isinstance(last, str) else None
    if a is None or b is None or a.day > b.day:
        return None, None
    return (b.day - a.day).days + 1, (a.day, b.day)


def _range_text(node: Node) -> str:
    days, span = _range(node)
    return f" in {span[0].isoformat()}..{span[1].isoformat()}" if span else ""


def _plain(node: Node, key: str) -> Any:
    child = node.value.get(key) if isinstance(node.value, dict) else None
    return child.value if child is not None else None


def _node_path(node: Node, path: str) -> Node | None:
    for part in path.split("."):
        if not isinstance(node.value, dict) or part not in node.value:
            return None
        node = node.value[part]
    return node


def _plain_path(node: Node, path: str) -> Any:
    found = _node_path(node, path)
    return found.value if found is not None else None


# --- orders reports ---------------------------------------------------------------------------
class ReportMetrics:
    """The orders of an orders report tallied per marketplace for an as-of date, in one walk
    over its rows (documents/orders.py) for all its marketplaces. Rows of one order are
    merged while the order is open: until the walk is further on in time than the order's
    purchase by more than the report's largest step back in time (0 when it is sorted)."""

    def __init__(self, report: Any, default: str, lateness: float) -> None:
        self.report = report
        self.default = default
        self.hold = timedelta(seconds=lateness)
        self._tallies: dict[date, dict[str, OrderTally]] = {}

    def tally(self, as_of: date, market: str) -> OrderTally:
        if as_of not in self._tallies:
            self._tallies = {as_of: self._walk(as_of)}
        return self._tallies[as_of].get(market) or OrderTally(set(self.report.columns), as_of, market)

    def _walk(self, as_of: date) -> dict[str, OrderTally]:

        columns = set(self.report.columns)
        tallies: dict[str, OrderTally] = {}
        open_orders: dict[tuple[str, str], Order] = {}
        latest: datetime | None = None
        for row, market, purchased in report_rows(self.report, self.default, None):
            moment = moment_of(purchased)
            latest = moment if latest is None or moment > latest else latest
            key = (market, row.values["amazon-order-id"])
            order = open_orders.get(key)
            if order is None:
                order = open_orders[key] = Order(key[1], purchased, row.line, marketplace=market)
            _merge(order, row, market, columns)
            while open_orders:
                first = next(iter(open_orders.values()))
                if moment_of(first.purchased) >= latest - self.hold:
                    break
                done = open_orders.pop((first.marketplace, first.order_id))
                tallies.setdefault(done.marketplace, OrderTally(columns, as_of, done.marketplace)).add(done)
        for order in open_orders.values():
            tallies.setdefault(order.marketplace, OrderTally(columns, as_of, order.marketplace)).add(order)
        return tallies


def _merge(order: Order, row: Any, market: str, columns: set[str]) -> None:
    """One more row of an order: a defect on any row is a defect of the order."""
    from ..readers.orders import NEGATIVE_RATINGS, flag

    values = row.values
    channel = values.get("fulfillment-channel", "").strip().lower()
    order.afn = order.afn or channel in ("amazon", "afn", "fba", "fulfilled by amazon")
    rating = values.get("feedback-rating", "").strip().lower()
    order.negative_feedback |= rating in NEGATIVE_RATINGS
    claim = values.get("a-to-z-claim", "").strip().lower()
    # denied claims and claims withdrawn before a decision do not count
    order.claim |= bool(claim) and flag(claim) is not False and not claim.startswith(("denied", "withdrawn"))
    chargeback = values.get("chargeback", "").strip().lower()
    order.chargeback |= bool(chargeback) and flag(chargeback) is not False and "fraud" not in chargeback
    cancelled = values.get("cancelled-by", "").strip().lower()
    if cancelled and flag(cancelled) is not False:
        order.cancelled = True
        order.seller_cancelled |= not cancelled.startswith(("buyer", "customer"))
    order.ship_by = row_date(row, "latest-ship-date", market, None) or order.ship_by
    shipped = row_date(row, "ship-confirm-date", market, None)
    if shipped is not None and (order.shipped is None or shipped.after(order.shipped)):
        order.shipped = shipped  # the order is confirmed when its last item is
    tracking = values.get("valid-tracking", "").strip()
    if "valid-tracking" in columns and order.shipped is not None:
        valid = flag(tracking)
        order.valid_tracking = (valid if valid is not None else bool(tracking)) if order.valid_tracking is not False else False
    order.promised = row_date(row, "promised-delivery-date", market, None) or order.promised
    order.delivered = row_date(row, "delivery-date", market, None) or order.delivered
    order.category = values.get("product-category", "") or order.category


def report_records(result: ReadResult, document: Node, metrics: ReportMetrics, markets: list[str]) -> list[Record]:
    """An orders report's ACC records, one per marketplace; a column a metric needs and
    the report lacks is one INP029 at the header row."""
    from ..metrics import NEEDS

    report = metrics.report
    needed: dict[str, list[str]] = {}
    for key, columns in NEEDS.items():
        for column in columns:
            if column not in report.columns:
                needed.setdefault(column, []).append(TARGETS[key].label)
    for column, labels in needed.items():
        header = report.header
        rates = ", ".join(dict.fromkeys(labels))
        result.problems.append(Problem("INP029", header.start, header.end, {"column": column, "detail": f"{rates} cannot be computed without it (add the column to the report to measure {'them' if ',' in rates else 'it'})"}))
    records = []
    for market in markets:
        spec = MetricsSpec(tally=lambda as_of, market=market: metrics.tally(as_of, market), marketplace=market, node=report.header, report=report)
        record = Record(result.source, document, kind="account-metrics")
        record.marketplaces = (market,)
        record.spec = spec
        records.append(record)
    return records
