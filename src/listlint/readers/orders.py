"""Orders reports (CSV or tab-separated, as Seller Central exports them) for account metrics.

A file is an orders report when the config's `files.reports` globs name it, or when its
first row names an order id column (`amazon-order-id`, `order-id`) and a purchase date,
which no inventory template does (those are read by readers/flatfile.py). Column names
are matched without regard to case, spaces, hyphens or underscores, and common
Seller Central spellings are accepted (`ship-date` for the ship confirmation,
`latest-delivery-date` for the promised date ...).

Rows of the same order (one row per item) are merged: the order counts once, and a
defect on any row is a defect of the order. The reader keeps the orders; the rates are
computed by listlint.metrics for the run's as-of date.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..inputs import open_input
from ..locations import SourceText
from ..privacy import MaskedSource, address_key, buyer_key, mask_spans
from ..tree import Node, Problem, ReadResult

COLUMNS = {
    "amazon-order-id": ("amazon-order-id", "order-id", "orderid", "amazon-order-number"),
    "purchase-date": ("purchase-date", "order-date", "purchased", "order-placed-date"),
    "fulfillment-channel": ("fulfillment-channel", "fulfilment-channel", "fulfillment", "channel"),
    "sales-channel": ("sales-channel", "marketplace"),
    "feedback-rating": ("feedback-rating", "feedback", "buyer-feedback-rating", "seller-feedback-rating", "rating"),
    "a-to-z-claim": ("a-to-z-claim", "atoz-claim", "a-to-z-guarantee-claim", "a-to-z-claim-status", "claim", "claim-status"),
    "chargeback": ("chargeback", "chargeback-type", "credit-card-chargeback"),
    "cancelled-by": ("cancelled-by", "canceled-by", "cancellation", "cancellation-initiator", "cancelled-by-party"),
    "latest-ship-date": ("latest-ship-date", "ship-by-date", "expected-ship-date"),
    "ship-confirm-date": ("ship-confirm-date", "ship-confirmation-date", "shipment-date", "ship-date", "confirmed-ship-date"),
    "valid-tracking": ("valid-tracking", "tracking-valid", "first-carrier-scan", "first-carrier-scan-date", "first-scan-date"),
    "promised-delivery-date": ("promised-delivery-date", "latest-delivery-date", "deliver-by-date", "promise-date"),
    "delivery-date": ("delivery-date", "delivered-date", "actual-delivery-date", "delivered"),
    "product-category": ("product-category", "category"),
    # order patterns (ORD, order_patterns.py); the personal columns are read into keys
    # (privacy.py) and never kept as written
    "sku": ("sku", "seller-sku", "merchant-sku"),
    "asin": ("asin",),
    "quantity-purchased": ("quantity-purchased", "quantity", "quantity-ordered", "qty"),
    "item-price": ("item-price", "price", "item-total"),
    "item-promotion-discount": ("item-promotion-discount", "promotion-discount", "item-discount"),
    "is-replacement-order": ("is-replacement-order", "replacement-order"),
    "order-status": ("order-status", "item-status"),
    "buyer-email": ("buyer-email", "buyer-e-mail", "email"),
    "buyer-name": ("buyer-name",),
    "buyer-phone-number": ("buyer-phone-number", "buyer-phone"),
    "recipient-name": ("recipient-name", "ship-to-name"),
    "ship-address-1": ("ship-address-1", "ship-address1", "address-1"),
    "ship-address-2": ("ship-address-2", "ship-address2", "address-2"),
    "ship-address-3": ("ship-address-3", "ship-address3", "address-3"),
    "ship-city": ("ship-city",),
    "ship-state": ("ship-state",),
    "ship-postal-code": ("ship-postal-code", "ship-zip", "postal-code"),
    "ship-country": ("ship-country",),
    "ship-phone-number": ("ship-phone-number", "ship-phone"),
}
# columns whose cells reports may show beside a finding; every other cell (names,
# e-mails, phones, addresses, columns listlint does not know) is masked
SHOWN_COLUMNS = frozenset(("amazon-order-id", "purchase-date", "fulfillment-channel", "sales-channel", "feedback-rating", "a-to-z-claim", "chargeback", "cancelled-by", "latest-ship-date", "ship-confirm-date", "valid-tracking", "promised-delivery-date", "delivery-date", "product-category", "sku", "asin", "quantity-purchased", "item-price", "item-promotion-discount", "is-replacement-order", "order-status"))
STREET_COLUMNS = ("ship-address-1", "ship-address-2", "ship-address-3")
PERSONAL_COLUMNS = (*STREET_COLUMNS, "ship-postal-code", "buyer-email", "buyer-name", "recipient-name", "buyer-phone-number", "ship-phone-number", "ship-city", "ship-state")
REQUIRED = ("amazon-order-id", "purchase-date")
DATE_COLUMNS = ("purchase-date", "latest-ship-date", "ship-confirm-date", "promised-delivery-date", "delivery-date")
LOCATED_COLUMNS = frozenset((*DATE_COLUMNS, "product-category", "amazon-order-id"))  # cells findings point at
_ALIAS = {alias: name for name, aliases in COLUMNS.items() for alias in aliases}
NEGATIVE_RATINGS = frozenset(("1", "2", "1.0", "2.0", "negative"))  # 1-2 stars: negative feedback
_YES = {"yes", "y", "true", "1", "x"}
_NO = {"", "no", "n", "false", "0", "none", "-"}
SALES_CHANNELS = {
    "amazon.com": "US", "amazon.ca": "CA", "amazon.com.mx": "MX", "amazon.co.uk": "UK", "amazon.de": "DE",
    "amazon.fr": "FR", "amazon.it": "IT", "amazon.es": "ES", "amazon.nl": "NL", "amazon.se": "SE",
    "amazon.pl": "PL", "amazon.com.be": "BE", "amazon.co.jp": "JP", "amazon.com.au": "AU",
}


def normalise(name: str) -> str:
    return re.sub(r"[\s_]+", "-", name.strip().strip('"').lower())


def canonical(name: str) -> str | None:
    return _ALIAS.get(normalise(name))


def looks_like_orders(path: Path) -> bool:
    """Whether a CSV/TSV file's first row is an orders report header."""
    try:
        with open_input(path) as handle:
            head = handle.read(8192)
    except OSError:
        return False
    first = head.decode("utf-8", errors="replace").lstrip("\ufeff").splitlines()[:1]
    if not first:
        return False
    cells = {canonical(c) for c in re.split(r"[\t,;]", first[0])}
    return "amazon-order-id" in cells and "purchase-date" in cells


@dataclass(slots=True)
class Row:
    """One row of the report: the values of the columns listlint reads (personal cells as
    grouping keys) and the source spans of its order id, date and category cells."""

    line: int
    start: int  # index of the row's first character in the text
    values: dict[str, str]
    spans: dict[str, tuple[int, int]]


@dataclass(slots=True)
class OrdersReport:
    """The report's columns and header; its rows are parsed from the text each time they
    are walked, so a large report is held once, as text."""

    columns: set[str] = field(default_factory=set)
    header: Node | None = None
    header_cells: dict[str, tuple[int, int]] = field(default_factory=dict)  # column -> span of its header cell
    text: str = ""
    starts: list[int] = field(default_factory=list)  # line starts
    positions: dict[str, int] = field(default_factory=dict)  # column -> cell index
    delimiter: str = ","
    first_row: int = 1  # 0-based index of the line after the header

    def line_at(self, index: int) -> str:
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[index] : end].rstrip("\r\n")

    def rows(self, personal: bool = False) -> Iterator[Row]:
        """The rows in file order; with `personal`, the buyer and address cells become
        grouping keys (ORD), else they are dropped (ACC needs none)."""
        located = [(name, i) for name, i in self.positions.items() if name in LOCATED_COLUMNS]
        reader = csv.reader((self.line_at(i) for i in range(self.first_row, len(self.starts))), delimiter=self.delimiter)
        next_line = self.first_row
        for cells in reader:
            index, next_line = next_line, self.first_row + reader.line_num  # a quoted cell may span lines
            if not any(c.strip() for c in cells):
                continue
            values = {name: (cells[i].strip() if i < len(cells) else "") for name, i in self.positions.items()}
            if personal:
                _personal_to_keys(values)
            else:
                _drop_personal(values)
            start = self.starts[index]
            line_text = self.line_at(index)
            spans = {}
            for name, i in located:
                if i < len(cells) and cells[i].strip():
                    at = _cell_offset(line_text, cells, i, self.delimiter)
                    spans[name] = (start + at, start + at + len(cells[i]))
            yield Row(index + 1, start, values, spans)

    def span(self, line: int, column: str) -> tuple[int, int] | None:
        """The source span of a cell of a 1-based line (an order id, date or category)."""
        i = self.positions.get(column)
        if i is None or not 0 < line <= len(self.starts):
            return None
        text = self.line_at(line - 1)
        cells = next(csv.reader([text], delimiter=self.delimiter), [])
        if i >= len(cells) or not cells[i].strip():
            return None
        at = _cell_offset(text, cells, i, self.delimiter)
        return self.starts[line - 1] + at, self.starts[line - 1] + at + len(cells[i])


def read_orders(source: SourceText) -> ReadResult:
    """An orders report as a document `{kind: orders-report, report: OrdersReport}`: its
    header read, its rows left in the text until they are walked (OrdersReport.rows)."""
    result = ReadResult(source, comments=False)
    report = OrdersReport(text=source.text, starts=source.line_starts)
    header_index = next((i for i in range(len(report.starts)) if report.line_at(i).strip()), None)
    if header_index is None:
        result.problems.append(Problem("INP004"))
        return result
    header_line = report.line_at(header_index)
    report.delimiter = delimiter = "\t" if "\t" in header_line else (";" if header_line.count(";") > header_line.count(",") else ",")
    report.first_row = header_index + 1
    header_cells = next(csv.reader([header_line], delimiter=delimiter), [])
    header_start = report.starts[header_index]
    report.header = Node("header", header_start, header_start + len(header_line))
    for index, cell in enumerate(header_cells):
        name = canonical(cell)
        if name is not None and name not in report.positions:
            report.positions[name] = index
    report.columns = set(report.positions)
    for name, i in report.positions.items():
        at = _cell_offset(header_line, header_cells, i, delimiter)
        report.header_cells[name] = (header_start + at, header_start + at + len(header_cells[i]))
    for name in REQUIRED:
        if name not in report.positions:
            result.problems.append(Problem("INP029", report.header.start, report.header.end, {"column": name, "detail": "every row needs it; the report was not read"}))
    if any(name not in report.positions for name in REQUIRED):
        return result
    document = Node({"kind": Node("orders-report", report.header.start, report.header.end), "report": Node(report, report.header.start, report.header.end)}, 0, len(source.text))
    result.documents.append(document)
    shown = {i for name, i in report.positions.items() if name in SHOWN_COLUMNS}
    result.source = MaskedSource(source, lambda line, line_text: line_text if line <= header_index + 1 else mask_cells(line_text, delimiter, shown))
    return result


def _drop_personal(values: dict[str, str]) -> None:
    for name in PERSONAL_COLUMNS:
        values.pop(name, None)


def _personal_to_keys(values: dict[str, str]) -> None:
    """Replace the buyer and address cells of a row by their grouping keys (privacy.py)."""
    street = tuple(values.pop(name, "") for name in STREET_COLUMNS)
    values["address-key"] = address_key(street, values.pop("ship-postal-code", ""))
    values["buyer-key"] = buyer_key(values.pop("buyer-email", ""), values.pop("buyer-name", "") or values.get("recipient-name", ""))
    _drop_personal(values)


def mask_cells(line: str, delimiter: str, shown: set[int]) -> str:
    """A report line with every cell outside `shown` (column indexes) masked."""
    cells = next(csv.reader([line], delimiter=delimiter), [])
    kept = []
    for index in shown:
        if index < len(cells) and cells[index]:
            at = _cell_offset(line, cells, index, delimiter)
            if line[at : at + len(cells[index])] == cells[index]:
                kept.append((at, at + len(cells[index])))
    hidden, at = [], 0
    for begin, end in sorted(kept) + [(len(line), len(line))]:
        hidden += [(m.start() + at, m.end() + at) for m in re.finditer(rf'[^{re.escape(delimiter)}"]+', line[at:begin])]
        at = max(at, end)
    return mask_spans(line, hidden)


def _cell_offset(line: str, cells: list[str], index: int, delimiter: str) -> int:
    offset = 0
    for i, cell in enumerate(cells):
        found = line.find(cell, offset)
        if found < 0:
            return offset
        if i == index:
            return found
        offset = found + len(cell)
        next_delimiter = line.find(delimiter, offset)
        offset = next_delimiter + 1 if next_delimiter >= 0 else offset
    return 0


def flag(value: str) -> bool | None:
    """yes/no-like cells: True, False, or None when the cell says something else."""
    lowered = value.strip().lower()
    if lowered in _YES:
        return True
    if lowered in _NO:
        return False
    return None
