"""kind: required. The listed fields must be present and not empty."""

from __future__ import annotations

from collections.abc import Iterator

from ..records import Record
from ..rules import Rule
from .base import Check, CompileContext, Finding, RecordScan

OPTIONS: frozenset[str] = frozenset()


def compile(rule: Rule, context: CompileContext) -> Check:
    def check(record: Record, scan: RecordScan) -> Iterator[Finding]:
        for name in rule.fields:
            node = record.field_node(name)
            if node is None or node.value in (None, "", [], {}) or (isinstance(node.value, str) and not node.value.strip()):
                # point at the empty value when there is one, else at the record itself
                yield Finding(rule, None, 0, 0, "", {"field": name}, node=node or record.node, field_name=name)

    return check
