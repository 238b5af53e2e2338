"""Seller feedback (readers/feedback.py) as a Record of kind `feedback` for the ACC
feedback rules: each rating with its order and date, and the shares of negative ratings
(1-2 stars, as Amazon counts them) over windows ending on the run's as-of date, the way
Amazon's feedback page shows the last 30, 90 and 365 days.
"""

from __future__ import annotations

from dataclasses import field
from datetime import date, timedelta

from ..lean_dataclass import lean_dataclass
from ..metrics import parse_when
from .order_rows import MONTH_FIRST_MARKETPLACES
from ..records import Record
from ..tree import Node, Problem, ReadResult

NEGATIVE_STARS = 2  # 1 and 2 stars are negative feedback (Order Defect Rate page)


@lean_dataclass(slots=True)
class Feedback:
    order_id: str
    day: date
    stars: int
    node: Node  # the rating cell

    @property
    def negative(self) -> bool:
        return self.stars <= NEGATIVE_STARS


@lean_dataclass(slots=True)
class FeedbackWindow:
    """The ratings of `days` days ending on `last`."""

    days: int
    first: date
    last: date
    ratings: list[Feedback]

    @property
    def negatives(self) -> list[Feedback]:
        return [f for f in self.ratings if f.negative]

    @property
    def share(self) -> float | None:
        return len(self.negatives) / len(self.ratings) if self.ratings else None


@lean_dataclass(slots=True)
class FeedbackSpec:
    ratings: list[Feedback] = field(default_factory=list)
    header: Node | None = None  # the Rating header cell: where share findings point

    def window(self, as_of: date, days: int) -> FeedbackWindow:
        first = as_of - timedelta(days=days - 1)
        return FeedbackWindow(days, first, as_of, [f for f in self.ratings if first <= f.day <= as_of])


def feedback_records(result: ReadResult, document: Node, default_marketplaces: tuple[str, ...]) -> list[Record]:
    report = document.value["report"].value
    day_first = not default_marketplaces or default_marketplaces[0] not in MONTH_FIRST_MARKETPLACES
    spec = FeedbackSpec(header=report.rating_header or report.header)
    for rating in report.ratings:
        parsed = parse_when(rating.date, day_first)
        if parsed is None:
            result.problems.append(Problem("INP030", *rating.date_span, {"column": "date", "value": rating.date}))
            continue
        spec.ratings.append(Feedback(rating.order_id, parsed.day, rating.stars, rating.node))
    record = Record(result.source, document, kind="feedback")
    record.marketplaces = default_marketplaces
    record.spec = spec
    return [record]
