"""kind: order-pattern. Orders that look placed to win reviews or sales rank (order_patterns.py).

`check` picks one:

- repeat-recipient: `min_orders` or more orders of one SKU to one address, or from one
  buyer, within `window_days`;
- own-address: orders shipped to an address (or bought with an e-mail address) in the
  config's `own_addresses`;
- free-order: orders at no or almost no price (`max_price_share` of the SKU's median
  unit price in the report), or with a promotion discount of `min_discount_share` or
  more of the price;
- burst: `min_orders` or more single-unit orders from first-time recipients within
  `window_days`, in the first `new_sku_days` of a new SKU.

Each order of a pattern gets a finding at its order id, naming the other orders of the
pattern. Buyers and addresses are named by short salted hashes (privacy.py), and orders
of the pattern that got negative feedback (1-2 stars in the report) are counted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ..order_patterns import Bursts, Detector, FreeOrders, OrdersSpec, OwnAddresses, Pattern, RepeatRecipients, ReportFacts, find_patterns, listed
from ..privacy import Tagger, repository_salt
from ..records import Record
from ..rules import Rule
from .base import Check, CompileContext, Finding, RecordScan

OPTIONS = frozenset(("check", "window_days", "min_orders", "max_price_share", "min_discount_share", "new_sku_days"))
CHECKS = ("repeat-recipient", "own-address", "free-order", "burst")
# defaults, reasoned in each rule's `why` (rulesets/orders.yaml)
DEFAULTS: dict[str, dict[str, float]] = {
    "repeat-recipient": {"window_days": 30, "min_orders": 3},
    "free-order": {"max_price_share": 0.1, "min_discount_share": 0.9},
    "burst": {"window_days": 2, "min_orders": 8, "new_sku_days": 14},
}
DetectorMaker = Callable[[ReportFacts], Detector]


def compile(rule: Rule, context: CompileContext) -> Check:
    detector_maker(rule, context)  # options checked when the rules are compiled
    makers = run_detectors(context)
    taggers: list[Tagger] = []  # made at the first orders record: a listing run writes no salt

    def check(record: Record, scan: RecordScan) -> Iterator[Finding]:
        spec = record.spec
        if record.kind != "orders" or spec is None:
            return
        if not taggers:
            taggers.append(Tagger(repository_salt(context.config)))
        for pattern in patterns_of(spec, makers).get(rule.code, ()):
            args = _args(pattern, taggers[0])
            for line in pattern.lines:
                product = f"SKU {line.sku}" if line.sku else "items without a SKU"
                yield Finding(rule, None, 0, 0, line.order_id, {**args, "order": line.order_id, "sku": line.sku, "product": product}, node=line.node, field_name="amazon-order-id")

    return check


def run_detectors(context: CompileContext) -> dict[str, DetectorMaker]:
    """The detector of every enabled ORD rule of the run, by rule code: one walk over a
    report's lines serves them all."""
    return {code: detector_maker(other, context) for code, other in context.rules_by_code.items() if other.kind == "order-pattern" and context.enabled(code)}


def patterns_of(spec: OrdersSpec, makers: dict[str, DetectorMaker]) -> dict[str, list[Pattern]]:
    """Every ORD rule's patterns in a report or payload, found in one walk and kept on its spec."""
    if spec.found is None:
        codes = list(makers)
        spec.found = dict(zip(codes, find_patterns(spec.walk, spec.facts, [makers[code](spec.facts) for code in codes])))
    return spec.found


def detector_maker(rule: Rule, context: CompileContext) -> DetectorMaker:
    """What makes a rule's detector for one report, with the rule's options over the defaults."""
    which = context.option(rule, "check")
    if which not in CHECKS:
        raise rule.error(f"'check' must be one of {', '.join(CHECKS)}", "check")
    settings = {name: float(context.option(rule, name, default)) for name, default in DEFAULTS.get(which, {}).items()}
    own = list(getattr(context.config, "own_addresses", ()) or ())
    if which == "repeat-recipient":
        return lambda facts: RepeatRecipients(settings["window_days"], int(settings["min_orders"]))
    if which == "own-address":
        return lambda facts: OwnAddresses(own)
    if which == "free-order":
        return lambda facts: FreeOrders(facts, settings["max_price_share"], settings["min_discount_share"])
    return lambda facts: Bursts(facts, settings["window_days"], int(settings["min_orders"]), settings["new_sku_days"])


def _args(pattern: Pattern, tagger: Tagger) -> dict[str, Any]:
    ids = pattern.order_ids
    negative = pattern.negative_feedback
    return {
        "orders": listed(ids),
        "count": str(len(ids)),
        "recipient": _recipient(pattern.key, tagger),
        "days": _days(pattern.days),
        "typical": pattern.note,
        "feedback": f"; {negative} of them got negative feedback (1-2 stars)" if negative else "",
    }


def _recipient(key: str, tagger: Tagger) -> str:
    if not key:
        return ""
    return f"{'buyer' if key.startswith(('email:', 'name:')) else 'address'} #{tagger.tag(key)}"


def _days(days: float) -> str:
    if days < 1:
        return f"{round(days * 24)} hours"
    return f"{days:g} day" + ("" if days == 1 else "s") if days == int(days) else f"{days:.1f} days"
