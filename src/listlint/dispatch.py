"""Which checks run on a record: the gates of a whole table of checks folded into bit masks.

Most checks can only find something in a record that holds one of their literals (pattern
and contact rules: CompileContext.literal_gates) or a hit of one of their terms rules
(terms, claim, third-party-brand: CompileContext.hit_gates). Asking each check in turn
costs a set operation per check and record, some 120 per listing; here each literal and
each terms rule instead names the checks it opens as bits of one integer, so a record's
literals and hits open their checks with a few integer ORs, and the list of the open
checks, in the table's order, is made once per set of open checks.

The checks that read no literal and no hit (emoji, html, all caps, the certificate and
packaging checks ...) are gated the same way by record facts (facts.py): keys the engine
works out once per record, which a literal gate may name beside literal ids.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .kinds.base import Check
    from .rules import Rule

Gated = tuple["Rule", "Check", "frozenset[Hashable] | None", "frozenset[str] | None"]


class CheckTable:
    """The checks that apply to one kind of record in one set of marketplaces, in order."""

    __slots__ = ("checks", "_without_literal_gate", "_without_hit_gate", "_by_literal", "_by_hit", "_by_bits")

    def __init__(self, entries: Iterable[Gated]) -> None:
        self.checks: list[tuple[Rule, Check]] = []
        self._without_literal_gate = 0  # bits of the checks no literal gate holds back
        self._without_hit_gate = 0
        self._by_literal: dict[Hashable, int] = {}  # literal id or record fact -> bits of the checks it lets through
        self._by_hit: dict[str, int] = {}  # terms rule code -> bits of the checks its hits let through
        self._by_bits: dict[int, list[tuple[Rule, Check]]] = {}  # open bits -> those checks, in order
        for bit, (rule, check, literal_gate, hit_gate) in enumerate(entries):
            self.checks.append((rule, check))
            self._without_literal_gate |= _gate_bits(1 << bit, literal_gate, self._by_literal)
            self._without_hit_gate |= _gate_bits(1 << bit, hit_gate, self._by_hit)

    def open_checks(self, literals: Iterable[int], hit_codes: Iterable[str], facts: Iterable[Hashable] = ()) -> list[tuple[Rule, Check]]:
        """The checks a record with these pattern literals, term hits (by rule code) and
        record facts may find something with: none of whose gates is closed. The list is
        shared by every record that opens the same checks (do not change it): a catalog has
        few such sets."""
        by_literal, by_hit = self._by_literal, self._by_hit
        passed_literals = self._without_literal_gate
        for literal in literals:
            passed_literals |= by_literal.get(literal, 0)
        for fact in facts:
            passed_literals |= by_literal.get(fact, 0)
        passed_hits = self._without_hit_gate
        for code in hit_codes:
            passed_hits |= by_hit.get(code, 0)
        open_bits = passed_literals & passed_hits
        found = self._by_bits.get(open_bits)
        if found is None:
            if len(self._by_bits) >= MAX_KEPT_SETS:
                self._by_bits.clear()  # an unusual catalog: start again rather than grow
            found = self._by_bits[open_bits] = [check for bit, check in enumerate(self.checks) if open_bits >> bit & 1]
        return found


MAX_KEPT_SETS = 4096  # sets of open checks kept per table


def _gate_bits(bit: int, gate: frozenset | None, by_key: dict) -> int:
    """`bit` when no gate holds the check back; else 0, with the bit recorded under each key of the gate."""
    if gate is None:
        return bit
    for key in gate:
        by_key[key] = by_key.get(key, 0) | bit
    return 0
