"""dispatch.CheckTable opens the same checks, in the same order, as asking each check's
literal gate and term-hit gate in turn (what Engine._check_record did before)."""

from __future__ import annotations

import random

import pytest

from listlint.dispatch import MAX_KEPT_SETS, CheckTable


def gate_by_gate(entries, literals, hits):
    return [(rule, check) for rule, check, literal_gate, hit_gate in entries if (literal_gate is None or not literal_gate.isdisjoint(literals)) and (hit_gate is None or not hit_gate.isdisjoint(hits))]


def random_entries(rng: random.Random, count: int):
    entries = []
    for number in range(count):
        literal_gate = frozenset(rng.sample(range(30), rng.randint(1, 3))) if rng.random() < 0.6 else None
        hit_gate = frozenset(rng.sample(["IPR001", "IPR004", "CLM001", "LST013"], rng.randint(1, 2))) if rng.random() < 0.2 else None
        entries.append((f"rule{number}", f"check{number}", literal_gate, hit_gate))
    return entries


@pytest.mark.parametrize("seed", range(20))
def test_open_checks_are_those_whose_gates_are_open(seed: int) -> None:
    rng = random.Random(seed)
    entries = random_entries(rng, rng.randint(0, 130))
    table = CheckTable(entries)
    for _ in range(50):
        literals = set(rng.sample(range(40), rng.randint(0, 8)))
        hits = set(rng.sample(["IPR001", "IPR004", "CLM001", "LST013", "RED001"], rng.randint(0, 3)))
        assert table.open_checks(literals, hits) == gate_by_gate(entries, literals, hits)


def test_kept_sets_are_bounded() -> None:
    entries = [(f"rule{n}", f"check{n}", frozenset([n]), None) for n in range(16)]
    table = CheckTable(entries)
    for number in range(MAX_KEPT_SETS + 10):
        literals = {bit for bit in range(16) if number >> bit & 1}
        assert table.open_checks(literals, ()) == gate_by_gate(entries, literals, ())
    assert len(table._by_bits) <= MAX_KEPT_SETS


def test_record_facts_open_checks_as_literals_do() -> None:
    """A gate may name record facts (facts.py) beside literal ids: one of either opens it."""
    entries = [("emoji", "e", frozenset(["fact:beyond-ascii"]), None), ("html", "h", frozenset(["fact:angle-bracket"]), None), ("bidi", "b", frozenset([7, "fact:invisible-character"]), None), ("length", "l", None, None)]
    table = CheckTable(entries)
    assert table.open_checks((), (), ()) == [("length", "l")]
    assert table.open_checks((7,), (), ["fact:angle-bracket"]) == [("html", "h"), ("bidi", "b"), ("length", "l")]
    assert table.open_checks((), (), ["fact:beyond-ascii", "fact:invisible-character"]) == [("emoji", "e"), ("bidi", "b"), ("length", "l")]
