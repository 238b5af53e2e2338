"""kind: length. Characters (Unicode code points), UTF-8 bytes, or list items.

`max` is the largest allowed value; `limits` overrides it per marketplace and the
tightest limit among the record's marketplaces wins. A finding points at the first
character (or item) past the limit.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..records import Record
from ..rules import Rule
from .base import Check, CompileContext, Finding, RecordScan, text_fields

OPTIONS = frozenset(("unit", "max", "limits"))


def compile(rule: Rule, context: CompileContext) -> Check:
    unit = context.option(rule, "unit", "chars")
    default = context.option(rule, "max")
    if default is None:
        raise rule.error("a length rule needs 'max'", "max")
    limits: dict[str, int] = dict(context.option(rule, "limits", {}))

    limit_of: dict[tuple[str, ...], int] = {}  # by the record's marketplaces: a catalog has few combinations

    def limit_for(record: Record) -> int:
        markets = tuple(record.marketplaces)
        limit = limit_of.get(markets)
        if limit is None:  # the strictest marketplace the record targets decides
            limit = limit_of[markets] = min((limits.get(m, default) for m in record.marketplaces), default=default)
        return limit

    def check(record: Record, scan: RecordScan) -> Iterator[Finding]:
        limit = limit_for(record)
        if unit == "items":
            yield from _too_many_items(rule, record, limit)
            return
        for text_field in text_fields(rule, record):
            text = text_field.text.text
            size = _size(text, unit)
            if size > limit:
                cut = limit if unit == "chars" else char_at_byte(text, limit)
                yield Finding(rule, text_field, cut, len(text.rstrip()) or len(text), text[cut : cut + 40], {"limit": limit, "count": size})

    # the check is a record fact of the records with a value past its smallest limit, and
    # is not called on others (most records: every field within its limits)
    _Oversized.shared(context).add(check, tuple(rule.fields), unit, min((default, *limits.values())))
    context.literal_gates[check] = frozenset((check,))
    return check


def _size(text: str, unit: str) -> int:
    return len(text) if unit == "chars" else len(text.encode("utf-8"))


class _Oversized:
    """The record facts of the length rules (facts.py), found by one call per record: each
    rule's check for a record with a value of its fields past the rule's smallest limit
    on any marketplace (its limit on the record's marketplaces can only be larger)."""

    __slots__ = ("rules",)

    def __init__(self) -> None:
        self.rules: list[tuple[Check, tuple[str, ...], str, int]] = []

    @classmethod
    def shared(cls, context: CompileContext) -> _Oversized:
        oversized = context.shared.get("lengths")
        if oversized is None:
            oversized = context.shared["lengths"] = cls()
            context.fact_finders.append(oversized.facts)
        return oversized

    def add(self, check: Check, families: tuple[str, ...], unit: str, smallest: int) -> None:
        self.rules.append((check, families, unit, smallest))

    def facts(self, record: Record, scan: RecordScan) -> list[Check]:
        return [check for check, families, unit, smallest in self.rules if _beyond(record, families, unit, smallest)]


def _beyond(record: Record, families: tuple[str, ...], unit: str, limit: int) -> bool:
    """Whether a value of the record's FAMILIES is past LIMIT."""
    if unit == "items":
        return any(isinstance(node.value, list) and len(node.value) > limit for node in map(record.field_node, families) if node is not None)
    return any(_size(text_field.text.text, unit) > limit for text_field in record.fields(families))


def _too_many_items(rule: Rule, record: Record, limit: int) -> Iterator[Finding]:
    for family in rule.fields:
        node = record.field_node(family)
        if node is None or not isinstance(node.value, list) or len(node.value) <= limit:
            continue
        first_extra = node.value[limit]
        yield Finding(rule, None, 0, 0, "", {"limit": limit, "count": len(node.value)}, node=first_extra, field_name=f"{family}[{limit}]")


def char_at_byte(text: str, limit: int) -> int:
    """Index of the first character that does not fit in `limit` UTF-8 bytes."""
    used = 0
    for index, char in enumerate(text):
        used += len(char.encode("utf-8"))
        if used > limit:
            return index
    return len(text)
