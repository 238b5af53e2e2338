"""kind: feedback. The share of negative seller feedback (1-2 stars) over the windows of
Amazon's feedback page (documents/feedback.py), for the run's as-of date.

`check` picks one:

- negative-share: the windows (`windows`, default 30, 90 and 365 days) whose share of
  negative ratings reaches `warn_share` (default 5%) with at least `min_negative`
  negative ratings, in one finding naming the orders behind the longest of them;
- negative-trend: the share rises from each longer window to the next shorter one
  (365 < 90 < 30 days), with at least `min_negative` negative ratings in the shortest.

When the run also holds orders reports (project.py joins them), negative feedback on
orders that an enabled ORD rule reports is named as such.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..documents.feedback import FeedbackWindow
from ..order_patterns import listed
from ..records import Record
from ..rules import Rule
from ..tree import Node
from .base import Check, CompileContext, Finding, RecordScan
from .order_pattern import DetectorMaker, patterns_of, run_detectors
from .threshold import as_of_date

if TYPE_CHECKING:
    from ..project import Project

OPTIONS = frozenset(("check", "windows", "warn_share", "min_negative"))
CHECKS = ("negative-share", "negative-trend")
DEFAULT_WINDOWS = (30, 90, 365)  # Amazon's feedback page


def compile(rule: Rule, context: CompileContext) -> Check:
    which = context.option(rule, "check")
    if which not in CHECKS:
        raise rule.error(f"'check' must be one of {', '.join(CHECKS)}", "check")
    windows = sorted(int(days) for days in context.option(rule, "windows", DEFAULT_WINDOWS))
    warn_share = float(context.option(rule, "warn_share", 0.05))
    least = int(context.option(rule, "min_negative", 2))
    as_of = as_of_date(context)
    makers = run_detectors(context)

    def check(record: Record, scan: RecordScan) -> Iterator[Finding]:
        spec = record.spec
        if record.kind != "feedback" or spec is None or spec.header is None:
            return
        measured = [spec.window(as_of, days) for days in windows]
        flagged = scan.project.memo("orders-in-patterns", record, lambda: _orders_in_patterns(scan.project, makers)) if scan.project is not None else set()
        if which == "negative-share":
            over = [w for w in measured if w.share is not None and w.share >= warn_share and len(w.negatives) >= least]
            if over:  # one finding naming every window in the band, and the orders of the longest
                shares = "; ".join(f"{_percent(w.share or 0.0)} ({len(w.negatives)} of {len(w.ratings)} ratings) over the {w.days} days {w.first.isoformat()}..{w.last.isoformat()}" for w in over)
                yield _finding(rule, spec.header, over[-1], flagged, {"warn": _percent(warn_share), "shares": shares})
        elif _rising(measured) and len(measured[0].negatives) >= least:
            trend = " > ".join(f"{_percent(w.share or 0.0)} over {w.days} days" for w in measured)
            yield _finding(rule, spec.header, measured[0], flagged, {"trend": trend})

    return check


def _orders_in_patterns(project: Project, makers: dict[str, DetectorMaker]) -> set[str]:
    """Order ids that some ORD rule reports in the orders reports linted with this file."""
    ids: set[str] = set()
    for orders in project.records_of_kind("orders"):
        for patterns in patterns_of(orders.spec, makers).values():
            ids.update(line.order_id for pattern in patterns for line in pattern.lines)
    return ids


def _rising(windows: list[FeedbackWindow]) -> bool:
    """Each shorter window's share above the next longer one's (windows shortest first)."""
    shares = [w.share for w in windows]
    return len(shares) >= 2 and all(s is not None for s in shares) and all(shorter > longer for shorter, longer in zip(shares, shares[1:]))


def _finding(rule: Rule, header: Node, window: FeedbackWindow, flagged: set[str], extra: dict[str, str]) -> Finding:
    negatives = window.negatives
    ids = list(dict.fromkeys(f.order_id for f in negatives if f.order_id))
    suspicious = [order_id for order_id in ids if order_id in flagged]
    args = {
        "share": _percent(window.share or 0.0),
        "negative": str(len(negatives)),
        "count": str(len(window.ratings)),
        "days": str(window.days),
        "from": window.first.isoformat(),
        "to": window.last.isoformat(),
        "orders": listed(ids) or "none named",
        "patterns": f"; also in an order pattern (ORD): {listed(suspicious)}" if suspicious else "",
        **extra,
    }
    return Finding(rule, None, 0, 0, args["share"], args, node=header, field_name="feedback")


def _percent(share: float) -> str:
    return f"{share * 100:.2f}%"
