"""Seller Central's feedback report (Feedback Manager download, CSV or tab-separated).

Its first row names a date, a rating (1 to 5 stars) and an order id column, usually also
Comments, Your Response, Rater Email and the three yes/no questions (Arrived on Time,
Item as Described, Customer Service). Column names are matched like the orders report's
(readers/orders.py). The comments and the rater's e-mail are never kept: the rows keep
the date, the rating and the order id, and the lines reports show have every other cell
masked. Ratings outside 1-5 and dates that cannot be read are INP problems at their cell.
"""

from __future__ import annotations

import csv
import re
from dataclasses import field
from pathlib import Path

from ..lean_dataclass import lean_dataclass
from ..locations import SourceText
from ..privacy import MaskedSource
from ..tree import Node, Problem, ReadResult
from .orders import _cell_offset, canonical, mask_cells, normalise

COLUMNS = {
    "date": ("date", "feedback-date", "rating-date", "date-of-feedback"),
    "rating": ("rating", "feedback-rating", "stars", "star-rating"),
    "order-id": ("order-id", "amazon-order-id", "order-number", "orderid"),
}
SHOWN = ("date", "rating", "order-id", "arrived-on-time", "item-as-described", "customer-service")
_ALIAS = {alias: name for name, aliases in COLUMNS.items() for alias in aliases}
_ALIAS.update({name: name for name in SHOWN[3:]})


def looks_like_feedback(path: Path) -> bool:
    """Whether a CSV/TSV file's first row is a feedback report header."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    first = head.decode("utf-8", errors="replace").lstrip("\ufeff").splitlines()[:1]
    written = re.split(r"[\t,;]", first[0]) if first else []
    cells = {_ALIAS.get(normalise(c)) for c in written}
    return {"date", "rating", "order-id"} <= cells and not any(canonical(c) == "purchase-date" for c in written)


@lean_dataclass(slots=True)
class Rating:
    line: int
    order_id: str
    date: str  # as written; parsed by the builder (documents/feedback.py)
    stars: int
    node: Node  # the rating cell
    date_span: tuple[int, int] = (0, 0)


@lean_dataclass(slots=True)
class FeedbackReport:
    ratings: list[Rating] = field(default_factory=list)
    header: Node | None = None
    rating_header: Node | None = None


def read_feedback(source: SourceText) -> ReadResult:
    """A feedback report as a document `{kind: feedback-report, report: FeedbackReport}`."""
    result = ReadResult(source, comments=False)
    lines = source.text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    header_index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if header_index is None:
        result.problems.append(Problem("INP004"))
        return result
    header_line = lines[header_index].rstrip("\r\n")
    delimiter = "\t" if "\t" in header_line else (";" if header_line.count(";") > header_line.count(",") else ",")
    rows = list(csv.reader([line.rstrip("\r\n") for line in lines], delimiter=delimiter))
    positions: dict[str, int] = {}
    for index, cell in enumerate(rows[header_index]):
        name = _ALIAS.get(normalise(cell))
        if name is not None:
            positions.setdefault(name, index)
    report = FeedbackReport(header=Node("header", starts[header_index], starts[header_index] + len(header_line)))
    for name in ("date", "rating", "order-id"):
        if name not in positions:
            result.problems.append(Problem("INP029", report.header.start, report.header.end, {"column": name, "detail": "every row of a feedback report needs it; the report was not read"}))
    if result.problems:
        return result
    at = _cell_offset(header_line, rows[header_index], positions["rating"], delimiter)
    report.rating_header = Node("rating", starts[header_index] + at, starts[header_index] + at + len(rows[header_index][positions["rating"]]))
    for row_index in range(header_index + 1, len(rows)):
        cells = rows[row_index]
        if any(c.strip() for c in cells):
            _read_row(report, result, row_index + 1, lines[row_index].rstrip("\r\n"), starts[row_index], cells, positions, delimiter)
    result.documents.append(Node({"kind": Node("feedback-report", report.header.start, report.header.end), "report": Node(report, report.header.start, report.header.end)}, 0, len(source.text)))
    shown = {i for name, i in positions.items() if name in SHOWN}
    result.source = MaskedSource(source, lambda line, text: text if line <= header_index + 1 else mask_cells(text, delimiter, shown))
    return result


def _read_row(report: FeedbackReport, result: ReadResult, line: int, text: str, start: int, cells: list[str], positions: dict[str, int], delimiter: str) -> None:
    def span(name: str) -> tuple[int, int]:
        index = positions[name]
        value = cells[index] if index < len(cells) else ""
        at = _cell_offset(text, cells, index, delimiter) if value else 0
        return start + at, start + at + max(len(value), 1)

    def value(name: str) -> str:
        index = positions[name]
        return cells[index].strip() if index < len(cells) else ""

    written = value("rating")
    stars = re.fullmatch(r"([1-5])(?:\.0)?(?:\s*stars?)?", written.lower())
    if stars is None:
        result.problems.append(Problem("INP031", *span("rating"), {"field": "rating", "detail": f"{written!r} is not a rating from 1 to 5 (line {line}); the row is not counted"}))
        return
    report.ratings.append(Rating(line, value("order-id"), value("date"), int(stars.group(1)), Node(written, *span("rating")), span("date")))
