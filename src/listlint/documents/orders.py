"""Orders as the ORD and ACC rules read them: Records of an orders report or getOrders payload.

Two inputs give order lines (order_patterns.OrderLine):

- an orders report (readers/orders.py), one line per row, never held in memory: one
  walk over its rows when its records are made finds its input problems (dates that
  cannot be read, rows without an order id), its marketplaces and what the ORD rules
  must know of the whole report (order_patterns.ReportFacts); the ACC metrics
  (documents/metrics.py) and the ORD patterns (kinds/order_pattern.py) each walk the
  rows again when a rule asks for them, keeping per-window state only;
- SP-API getOrders JSON (`{"payload": {"Orders": [...]}}` or `{"Orders": [...]}`), one
  line per order, or per item when an order carries `OrderItems` (getOrderItems merged
  in). getOrders alone names no SKU: its orders are then grouped as one product.

Buyer and address values become grouping keys here (privacy.py); the JSON text that
reports show beside a finding has them masked.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..metrics import When, parse_when
from ..order_patterns import OrderLine, OrdersSpec, ReportFacts, Wanted, parse_amount
from ..privacy import MaskedSource, address_key, buyer_key, mask_spans
from ..records import Record
from .order_rows import moment_of, report_rows, row_date
from ..tree import Node, ReadResult

_NOT_A_SALE_STATUSES = ("cancel", "pending")  # Cancelled, Canceled, Pending, PendingAvailability
_NOT_A_SALE_CHANNELS = ("non-amazon",)  # multi-channel fulfilment: no Amazon buyer, no review
_OTHER_DATES = ("latest-ship-date", "ship-confirm-date", "promised-delivery-date", "delivery-date")


def orders_report_records(result: ReadResult, document: Node, default_marketplaces: tuple[str, ...]) -> list[Record]:
    """The ACC records of an orders report (one per marketplace, documents/metrics.py) and
    its ORD record, from one walk over its rows."""
    from .metrics import ReportMetrics, report_records

    report = document.value["report"].value
    default = default_marketplaces[0] if default_marketplaces else "US"
    facts = ReportFacts()
    markets: list[str] = []
    for row, market, purchased in report_rows(report, default, result.problems):
        if market not in markets:
            markets.append(market)
        for column in _OTHER_DATES:
            row_date(row, column, market, result.problems)
        facts.add(order_line(row, market, purchased, row.line))
    records = report_records(result, document, ReportMetrics(report, default, facts.lateness), markets or [default])
    spec = OrdersSpec(lambda wanted=None: _lines(report, default, wanted), facts, marketplace=default)
    records.append(_record(result, document, spec, tuple(markets) or (default,)))
    return records


def _lines(report: Any, default: str, wanted: Wanted | None = None) -> Iterator[OrderLine]:
    """The report's order lines with buyer and address keys, numbered by their line."""
    for row, market, purchased in report_rows(report, default, None, True, wanted):
        yield order_line(row, market, purchased, row.line)


def order_line(row: Any, market: str, purchased: When, number: int) -> OrderLine:
    from ..readers.orders import NEGATIVE_RATINGS, flag

    values = row.values
    order_id = values["amazon-order-id"]
    span = row.spans.get("amazon-order-id", (row.start, row.start + len(order_id)))
    status = values.get("order-status", "").strip().lower()
    cancelled = values.get("cancelled-by", "").strip()
    return OrderLine(
        order_id, Node(order_id, *span), moment_of(purchased),
        sku=values.get("sku", "") or values.get("asin", ""),
        quantity=_quantity(values.get("quantity-purchased", "")),
        price=parse_amount(values.get("item-price", "")),
        discount=abs(parse_amount(values.get("item-promotion-discount", "")) or 0.0),
        buyer=values.get("buyer-key", ""),
        address=values.get("address-key", ""),
        negative_feedback=values.get("feedback-rating", "").strip().lower() in NEGATIVE_RATINGS,
        excluded=status.startswith(_NOT_A_SALE_STATUSES) or flag(values.get("is-replacement-order", "")) is True
        or values.get("sales-channel", "").strip().lower() in _NOT_A_SALE_CHANNELS or (bool(cancelled) and flag(cancelled) is not False),
        number=number,
    )


def _record(result: ReadResult, document: Node, spec: OrdersSpec, markets: tuple[str, ...]) -> Record:
    record = Record(result.source, document, kind="orders")
    record.marketplaces = markets
    record.spec = spec
    return record


def _quantity(text: str) -> int:
    try:
        return max(int(float(text.strip() or "1")), 0)
    except ValueError:
        return 1


# --- SP-API getOrders --------------------------------------------------------------------------
_PERSONAL_KEYS = frozenset(("Name", "AddressLine1", "AddressLine2", "AddressLine3", "Phone", "BuyerEmail", "BuyerName", "PostalCode", "City", "County", "District", "StateOrRegion", "CompanyName", "BuyerTaxInfo", "BuyerCounty"))


def orders_payload(values: dict[str, Node]) -> Node | None:
    """The `Orders` list of a getOrders response (with or without its `payload` wrapper)."""
    payload = values.get("payload")
    inner = payload.value if payload is not None and isinstance(payload.value, dict) else values
    orders = inner.get("Orders")
    if orders is not None and isinstance(orders.value, list) and orders.value and all(isinstance(o.value, dict) and "AmazonOrderId" in o.value for o in orders.value):
        return orders
    return None


def spapi_orders_records(result: ReadResult, document: Node, default_marketplaces: tuple[str, ...]) -> list[Record]:
    from .amazon import marketplace_code

    orders = orders_payload(document.value)
    lines: list[OrderLine] = []
    markets: list[str] = []
    personal: list[tuple[int, int]] = []
    for order in orders.value if orders is not None else ():
        fields = order.value
        personal += _personal_spans(order)
        purchased = parse_when(str(_value(fields, "PurchaseDate") or ""))
        order_id = str(_value(fields, "AmazonOrderId") or "")
        if purchased is None or not order_id:
            continue
        market = marketplace_code(_value(fields, "MarketplaceId")) or ""
        if market and market not in markets:
            markets.append(market)
        shipping = _mapping(fields, "ShippingAddress")
        buyer = _mapping(fields, "BuyerInfo")
        common = {
            "buyer": buyer_key(str(_value(buyer, "BuyerEmail") or ""), str(_value(buyer, "BuyerName") or "")),
            "address": address_key(tuple(str(_value(shipping, f"AddressLine{n}") or "") for n in (1, 2, 3)), str(_value(shipping, "PostalCode") or "")),
            "excluded": str(_value(fields, "OrderStatus") or "").lower().startswith(_NOT_A_SALE_STATUSES) or _value(fields, "IsReplacementOrder") in (True, "true")
            or str(_value(fields, "SalesChannel") or "").lower() in _NOT_A_SALE_CHANNELS,
        }
        node = fields["AmazonOrderId"]
        items = fields.get("OrderItems")
        if items is not None and isinstance(items.value, list) and items.value:
            for item in items.value:
                values = item.value if isinstance(item.value, dict) else {}
                lines.append(OrderLine(
                    order_id, node, moment_of(purchased), sku=str(_value(values, "SellerSKU") or _value(values, "ASIN") or ""),
                    quantity=_int(_value(values, "QuantityOrdered"), 1), price=_money(values, "ItemPrice"),
                    discount=abs(_money(values, "PromotionDiscount") or 0.0), number=len(lines), **common,
                ))
        else:
            count = _int(_value(fields, "NumberOfItemsShipped"), 0) + _int(_value(fields, "NumberOfItemsUnshipped"), 0)
            lines.append(OrderLine(order_id, node, moment_of(purchased), quantity=count or 1, price=_money(fields, "OrderTotal"), number=len(lines), **common))
    result.source = MaskedSource(result.source, _span_masker(result.source, personal))
    facts = ReportFacts()
    for line in lines:
        facts.add(line)
    spec = OrdersSpec(lambda wanted=None: (line for line in lines if wanted is None or wanted(line.number, line.order_id)), facts)
    return [_record(result, document, spec, tuple(markets) or default_marketplaces)]


def _personal_spans(node: Node) -> list[tuple[int, int]]:
    """Source spans of every personal value under a getOrders order."""
    spans: list[tuple[int, int]] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current.value, dict):
            for key, child in current.value.items():
                if key in _PERSONAL_KEYS:
                    spans.append((child.start, child.end))
                else:
                    stack.append(child)
        elif isinstance(current.value, list):
            stack.extend(current.value)
    return spans


def _span_masker(source: Any, spans: list[tuple[int, int]]) -> Any:
    def mask(line: int, text: str) -> str:
        begin = source.line_starts[line - 1]
        inside = [(max(a, begin) - begin, min(b, begin + len(text)) - begin) for a, b in spans if a < begin + len(text) and b > begin]
        return mask_spans(text, inside)

    return mask


def _mapping(values: dict[str, Node], key: str) -> dict[str, Node]:
    node = values.get(key)
    return node.value if node is not None and isinstance(node.value, dict) else {}


def _value(values: dict[str, Node], key: str) -> Any:
    node = values.get(key)
    return node.value if node is not None else None


def _money(values: dict[str, Node], key: str) -> float | None:
    amount = _value(_mapping(values, key), "Amount")
    return parse_amount(str(amount)) if amount is not None else None


def _int(value: Any, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else default
