"""Orders reports (CSV or tab-separated, as Seller Central exports them) for account metrics.

A file is an orders report when the config's `files.reports` globs name it, or when its
first row names an order id column (`amazon-order-id`, `order-id`) and a purchase date,
which no inventory template does (those are read by readers/flatfile.py). Column names
are matched without regard to case, spaces, hyphens or underscores, and common
Seller Central spellings are accepted (`ship-date` for the ship confirmation,
`latest-delivery-date` for the promised date ...).

A report is never held in memory: the reader checks the file once for what makes it
unreadable, reads its header, and leaves the rows in the file; each pass over them
(documents/orders.py: the input problems, the ACC metrics, the ORD patterns) reads them
again, one at a time. Rows of the same order (one row per item) are merged there.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import field
from pathlib import Path

from ..lean_dataclass import lean_dataclass
from ..inputs import input_size, open_input
from ..locations import SourceText
from ..privacy import address_key, buyer_key, mask_spans
from ..tree import Node, Problem, ReadResult

REPORT_MAX_BYTES = 256 * 1024 * 1024  # a year of a busy seller's orders runs to tens of MB

BOM = "\ufeff"

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


# A report position is (line - 1) * STRIDE + (column - 1): rows are read from the file as
# they are walked, so positions name their line and column directly (ReportSource).
STRIDE = 1 << 32
Lines = Callable[[], Iterator[str]]  # the report's physical lines, without line breaks, from the first


def place(line: int, column: int = 0) -> int:
    """The position of a 1-based line and a 0-based column."""
    return (line - 1) * STRIDE + column


@lean_dataclass(slots=True)
class Row:
    """One row of the report: the values of the columns listlint reads (personal cells as
    grouping keys) and the positions of its order id, date and category cells."""

    line: int
    start: int  # position of the row's first character
    values: dict[str, str]
    spans: dict[str, tuple[int, int]]


class ReportSource(SourceText):
    """An orders report's positions and shown lines, the report itself left in its file.

    Positions are made by `place`; `line_text` reads lines forward from where it last
    stopped (diagnostics ask in line order), with the personal cells of rows masked, and
    `text[start:end]` cuts a span out of its line."""

    __slots__ = ("_lines", "_header_line", "_delimiter", "_shown", "_reader", "_next", "_last")

    def __init__(self, path: str, lines: Lines, header_line: int = 0, delimiter: str = ",", shown: frozenset[int] = frozenset()) -> None:
        self.path = path
        self._lines = lines
        self._header_line = header_line
        self._delimiter = delimiter
        self._shown = shown
        self._reader: Iterator[str] | None = None
        self._next = 1
        self._last: tuple[int, str] = (0, "")

    @property
    def text(self) -> _LineSlices:  # type: ignore[override]
        return _LineSlices(self)

    def position(self, index: int) -> tuple[int, int]:
        line, column = divmod(max(index, 0), STRIDE)
        return line + 1, column + 1

    def raw_line(self, line: int) -> str:
        """A 1-based line as written ("" past the end)."""
        if self._last[0] == line:
            return self._last[1]
        if self._reader is None or line < self._next:
            self._reader, self._next = self._lines(), 1
        text = ""
        while self._next <= line:
            text = next(self._reader, None)
            if text is None:
                self._reader, self._next = iter(()), line + 1
                return ""
            self._next += 1
        self._last = (line, text)
        return text

    def line_text(self, line: int) -> str:
        text = self.raw_line(line)
        return text if line <= self._header_line else mask_cells(text, self._delimiter, self._shown)


class _LineSlices:
    """`ReportSource.text`: a span cut out of its (masked) line."""

    __slots__ = ("_source",)

    def __init__(self, source: ReportSource) -> None:
        self._source = source

    def __getitem__(self, span: slice) -> str:
        begin, end = max(span.start or 0, 0), span.stop or 0
        line, column = divmod(begin, STRIDE)
        text = self._source.line_text(line + 1)
        last = end - line * STRIDE if end // STRIDE == line else len(text)
        return text[column:last]


@lean_dataclass(slots=True)
class OrdersReport:
    """The report's columns and header; its rows are read from the file each time they
    are walked (`rows`), so a report of any length is never held in memory."""

    lines: Lines
    source: ReportSource
    columns: set[str] = field(default_factory=set)
    header: Node | None = None
    header_cells: dict[str, tuple[int, int]] = field(default_factory=dict)  # column -> span of its header cell
    positions: dict[str, int] = field(default_factory=dict)  # column -> cell index
    delimiter: str = ","
    first_row: int = 1  # 0-based index of the line after the header

    def rows(self, personal: bool = False, wanted: Callable[[int, str], bool] | None = None) -> Iterator[Row]:
        """The rows in file order; with `personal`, the buyer and address cells become
        grouping keys (ORD), else they are dropped (ACC needs none). `wanted(line, order
        id)` picks rows before their cells are read further."""
        located = [(name, i) for name, i in self.positions.items() if name in LOCATED_COLUMNS]
        read = [(name, i) for name, i in self.positions.items() if personal or name not in PERSONAL_COLUMNS]
        order_column = self.positions["amazon-order-id"]
        lines = _Remembered(itertools.islice(self.lines(), self.first_row, None))
        reader = csv.reader(lines, delimiter=self.delimiter)
        next_line = self.first_row
        for cells in reader:
            index, next_line = next_line, self.first_row + reader.line_num  # a quoted cell may span lines
            line_text = lines.first()
            if wanted is not None and not wanted(index + 1, cells[order_column].strip() if order_column < len(cells) else ""):
                continue
            if not any(c.strip() for c in cells):
                continue
            values = {name: (cells[i].strip() if i < len(cells) else "") for name, i in read}
            if personal:
                _personal_to_keys(values)
            start = place(index + 1)
            spans = {}
            for name, i in located:
                if i < len(cells) and cells[i].strip():
                    at = start + _cell_offset(line_text, cells, i, self.delimiter)
                    spans[name] = (at, at + len(cells[i]))
            yield Row(index + 1, start, values, spans)

    def span(self, line: int, column: str) -> tuple[int, int] | None:
        """The position span of a cell of a 1-based line (an order id, date or category)."""
        i = self.positions.get(column)
        if i is None or line < 1:
            return None
        text = self.source.raw_line(line)
        cells = next(csv.reader([text], delimiter=self.delimiter), [])
        if i >= len(cells) or not cells[i].strip():
            return None
        at = place(line, _cell_offset(text, cells, i, self.delimiter))
        return at, at + len(cells[i])


class _Remembered:
    """Lines handed to csv.reader, remembering those of the row being read (a quoted cell
    may span lines): `first()` is the first line of the row just read."""

    __slots__ = ("_lines", "_taken")

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self._taken: list[str] = []

    def __iter__(self) -> _Remembered:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self._taken.append(line)
        return line

    def first(self) -> str:
        first = self._taken[0] if self._taken else ""
        self._taken.clear()
        return first


def read_orders(source: SourceText) -> ReadResult:
    """An orders report given as text (`listlint metrics`, tests): read like a file."""
    return read_report(source.path, lambda: (source.line_text(n) for n in range(1, len(source.line_starts) + 1)), [])


def stream_orders(path: Path, shown: str) -> ReadResult:
    """An orders report read from its file: checked once for what makes a file unreadable
    (size, NUL bytes, bytes that are not UTF-8), then left in the file; its rows are read
    from it each time they are walked."""

    failed = ReadResult(ReportSource(shown, lambda: iter(())), comments=False)  # positions without a text
    try:
        if input_size(path) > REPORT_MAX_BYTES:
            failed.problems.append(Problem("INP009", args={"size": f"{input_size(path) / 1_048_576:.1f} MB", "limit": f"{REPORT_MAX_BYTES / 1_048_576:.0f} MB"}))
            return failed
        problems = _unreadable(path)
    except OSError as error:
        failed.problems.append(Problem("INP016", args={"error": error.strerror or str(error)}))
        return failed
    if any(p.code != "INP003" for p in problems):
        failed.problems.extend(problems)
        return failed
    return read_report(shown, lambda: _file_lines(path), problems)


def _file_lines(path: Path) -> Iterator[str]:
    """The file's lines as SourceText counts them (a BOM dropped), bytes that are not UTF-8 kept as surrogates."""
    with open_input(path) as raw, io.TextIOWrapper(raw, encoding="utf-8", errors="surrogateescape", newline="") as text:
        first = True
        for line in text:
            if first:
                line, first = line.removeprefix(BOM), False
            yield line.rstrip("\r\n")


_NOT_UTF8 = re.compile("[\udc80-\udcff]")


def _unreadable(path: Path) -> list[Problem]:
    """What read_source would refuse the file for, found line by line: UTF-16, NUL bytes,
    bytes that are not UTF-8 (INP002 where the first is), nothing but blanks; and the BOM (INP003)."""
    with open_input(path) as raw:
        head = raw.read(4)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return [Problem("INP002", args={"error": "it is UTF-16"})]
    problems = [Problem("INP003", 0, 0)] if head.startswith(codecs.BOM_UTF8) else []
    broken: Problem | None = None
    blank = True
    for number, line in enumerate(_file_lines(path), 1):
        if "\x00" in line:
            return [Problem("INP008")]
        blank = blank and not line.strip()
        if broken is None and not line.isascii():
            bad = _NOT_UTF8.search(line)
            if bad is not None:
                at = place(number, bad.start())
                broken = Problem("INP002", at, at + 1, {"error": f"byte 0x{ord(bad.group()) - 0xDC00:02x} is not UTF-8"})
    if broken is not None:
        return [broken]
    return [Problem("INP004")] if blank else problems


def read_report(shown: str, lines: Lines, problems: list[Problem]) -> ReadResult:
    """An orders report as a document `{kind: orders-report, report: OrdersReport}`: its
    header read, its rows left where they are until they are walked (OrdersReport.rows)."""
    source = ReportSource(shown, lines)
    result = ReadResult(source, comments=False)
    result.problems.extend(problems)
    header_index, header_line = next(((i, line) for i, line in enumerate(lines()) if line.strip()), (None, ""))
    if header_index is None:
        result.problems.append(Problem("INP004"))
        return result
    delimiter = "\t" if "\t" in header_line else (";" if header_line.count(";") > header_line.count(",") else ",")
    report = OrdersReport(lines, source, delimiter=delimiter, first_row=header_index + 1)
    header_cells = next(csv.reader([header_line], delimiter=delimiter), [])
    header_start = place(header_index + 1)
    report.header = Node("header", header_start, header_start + len(header_line))
    for index, cell in enumerate(header_cells):
        name = canonical(cell)
        if name is not None and name not in report.positions:
            report.positions[name] = index
    report.columns = set(report.positions)
    for name, i in report.positions.items():
        at = header_start + _cell_offset(header_line, header_cells, i, delimiter)
        report.header_cells[name] = (at, at + len(header_cells[i]))
    for name in REQUIRED:
        if name not in report.positions:
            result.problems.append(Problem("INP029", report.header.start, report.header.end, {"column": name, "detail": "every row needs it; the report was not read"}))
    if any(name not in report.positions for name in REQUIRED):
        return result
    shown_cells = frozenset(i for name, i in report.positions.items() if name in SHOWN_COLUMNS)
    result.source = report.source = ReportSource(shown, lines, header_index + 1, delimiter, shown_cells)
    result.documents.append(Node({"kind": Node("orders-report", report.header.start, report.header.end), "report": Node(report, report.header.start, report.header.end)}, 0, report.header.end))
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
