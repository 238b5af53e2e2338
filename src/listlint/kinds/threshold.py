"""kind: threshold. Account health metrics against Amazon's targets (listlint.metrics).

`check` picks one:

- breach: a metric (`metrics`: its keys) past its target: ODR 1% or more, cancel rate
  2.5% or more, late shipment 4% or more, valid tracking under 95%, on-time delivery
  under 90%, Account Health Rating under 200;
- near-threshold: inside the warning band before the target (config
  `metrics_warning_band`, a share of the allowed defect rate, default 0.2; on-time
  delivery: under the recommended 95%);
- not-measurable: a window without orders (a column the computation needs that the
  orders report lacks is INP029, once per column at the header row);
- report-status: Amazon's own report says an account status, rating or policy count is
  not good;
- report-inconsistent: the counts in Amazon's report give another rate than it states.

Orders reports are computed for the run's as-of date (`check --as-of`, default today).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..dates import day_of_run
from ..metrics import DEFAULT_BAND, format_value
from ..records import Record
from ..rules import Rule
from .base import Check, CompileContext, Finding, RecordScan

OPTIONS = frozenset(("check", "metrics"))
CHECKS = ("breach", "near-threshold", "not-measurable", "report-status", "report-inconsistent")


def as_of_date(context: CompileContext) -> date:
    return day_of_run(getattr(context.config, "as_of", "") if context.config is not None else "")


def compile(rule: Rule, context: CompileContext) -> Check:
    which = context.option(rule, "check", "breach")
    if which not in CHECKS:
        raise rule.error(f"'check' must be one of {', '.join(CHECKS)}", "check")
    keys = set(context.option(rule, "metrics", []))
    as_of = as_of_date(context)
    band = getattr(context.config, "metrics_warning_band", None) if context.config is not None else None
    band = DEFAULT_BAND if band is None else float(band)

    def check(record: Record, scan: RecordScan) -> Iterator[Finding]:
        spec = record.spec
        if spec is None or not hasattr(spec, "measurements"):
            return
        if which == "report-status":
            for what, status, node in spec.statuses:
                yield Finding(rule, None, 0, 0, str(status), {"what": what, "status": status}, node=node, field_name=what)
            return
        if which == "report-inconsistent":
            for measurement, counted in spec.inconsistent:
                args = measurement.args()
                args["computed"] = format_value(counted)
                yield Finding(rule, None, 0, 0, args["value"], args, node=measurement.node, field_name=measurement.label)
            return
        for measurement in spec.measurements(as_of):
            if keys and measurement.target.key not in keys:
                continue
            # a missing column is one INP029 at the header row, not one more finding per metric
            if which == "breach" and measurement.breached() or which == "near-threshold" and measurement.near(band) or which == "not-measurable" and measurement.value is None and not measurement.lacks_columns:
                node = measurement.node if measurement.node is not None else record.node
                yield Finding(rule, None, 0, 0, format_value(measurement.value, measurement.target.unit), measurement.args(), node=node, field_name=measurement.label)

    return check
