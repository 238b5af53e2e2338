"""kind: required. The listed fields must be present and not empty."""

from __future__ import annotations

from collections.abc import Iterator

from ..documents import Listing
from ..rules import Rule
from .base import Check, CompileContext, Finding, ListingScan

OPTIONS: frozenset[str] = frozenset()


def compile(rule: Rule, context: CompileContext) -> Check:
    def check(listing: Listing, scan: ListingScan) -> Iterator[Finding]:
        for name in rule.fields:
            node = listing.field_node(name)
            if node is None or node.value in (None, "", [], {}) or (isinstance(node.value, str) and not node.value.strip()):
                # point at the empty value when there is one, else at the listing itself
                yield Finding(rule, None, 0, 0, "", {"field": name}, node=node or listing.node, field_name=name)

    return check
