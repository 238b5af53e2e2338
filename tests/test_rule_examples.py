"""Every pass/fail example of every shipped rule is a test case (SQLFluff style)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from listlint.config import Config
from listlint.engine import Engine
from listlint.examples import example_bytes, example_config, example_name
from listlint.rules import Rule, load_rules
from tests.conftest import ROOT

CASES = [
    pytest.param(rule, verdict, example, id=f"{rule.code}{'-' + '-'.join(rule.languages) if rule.languages else ''}-{verdict}-{index}")
    for base in load_rules([])
    for rule in base.with_variants()
    for verdict in ("fail", "pass")
    for index, example in enumerate(rule.examples[verdict])
]


@lru_cache(maxsize=None)
def _engine_as_of(day: str) -> Engine:
    return Engine(load_rules([]), Config(root=ROOT, as_of=day))


def example_codes(rule: Rule, example: Any, folder: Path, clock: Callable[[], date] = date.today) -> list[str]:
    """The codes an example gets. The clock is read once: the example's `{today-N}` dates and
    the day the engine judges them as of are the same day, even when midnight passes meanwhile."""
    today = clock()
    path = folder / example_name(example)
    path.write_bytes(example_bytes(rule, example, today))
    overrides = example_config(example)
    if overrides:  # an example that needs config values (own addresses) gets its own engine
        config = replace(Config(root=folder, as_of=today.isoformat()), **{k: tuple(v) if isinstance(v, list) else v for k, v in overrides.items()})
        engine = Engine(load_rules([]), config)
    else:
        engine = _engine_as_of(today.isoformat())
    return [d.code for d in engine.lint_file(path, path.name).diagnostics]


@pytest.mark.parametrize(("rule", "verdict", "example"), CASES)
def test_rule_example(rule, verdict, example, tmp_path):
    codes = example_codes(rule, example, tmp_path)
    if verdict == "fail":
        assert rule.code in codes, f"{rule.code} did not fire on {example!r}; got {codes}"
    else:
        assert rule.code not in codes, f"{rule.code} fired on {example!r}; got {codes}"


MIDNIGHT = datetime(2026, 12, 3)
JUST_BEFORE, JUST_AFTER = MIDNIGHT - timedelta(milliseconds=1), MIDNIGHT  # 23:59:59.999 and 00:00:00.000


@pytest.mark.parametrize(("reading", "engine_clock"), [(JUST_BEFORE, JUST_AFTER), (JUST_AFTER, JUST_BEFORE)], ids=["read-before-midnight", "read-after-midnight"])
@pytest.mark.parametrize(("verdict", "index"), [("fail", 1), ("pass", 1)], ids=["expired-yesterday", "expires-today"])
def test_a_dated_example_is_judged_as_of_the_day_its_dates_were_written(reading, engine_clock, verdict, index, tmp_path, monkeypatch):
    """The example's `{today-1}` or `{today}` is written from one reading of the clock on one
    side of midnight while the kinds' own clock already (or still) shows the other day: the
    example is judged as of the day it was written, whatever the kinds' clock says."""

    class OtherSideOfMidnight(date):
        @classmethod
        def today(cls) -> date:
            return engine_clock.date()

    for module in ("listlint.kinds.certificates", "listlint.kinds.threshold"):
        monkeypatch.setattr(f"{module}.date", OtherSideOfMidnight)
    rule = next(rule for rule in load_rules([]) if rule.code == "CRT007")
    example = rule.examples[verdict][index]
    assert "{today" in str(example)
    readings = iter([reading.date()])  # a second reading would raise StopIteration
    codes = example_codes(rule, example, tmp_path, clock=lambda: next(readings))
    assert ("CRT007" in codes) == (verdict == "fail"), codes


def test_every_rule_has_examples():
    rules = [rule for base in load_rules([]) for rule in base.with_variants()]
    missing = [(r.code, r.languages) for r in rules if r.kind != "input" and (len(r.examples["fail"]) < 2 or len(r.examples["pass"]) < 2)]
    assert not missing, f"rules without two fail and two pass examples: {missing}"


def test_every_shipped_pattern_compiles():
    # shipped patterns are compiled lazily at run time, so this is where a typo shows
    from listlint.kinds.pattern import compile_patterns

    for rule in (one for base in load_rules([]) for one in base.with_variants()):
        if rule.kind != "pattern":
            continue
        sources = ([rule.options["pattern"]] if "pattern" in rule.options else []) + rule.options.get("patterns", [])
        compile_patterns(rule, sources, rule.options.get("ignore_case", True), "pattern")
        compile_patterns(rule, rule.options.get("exceptions", []), True, "exceptions")
