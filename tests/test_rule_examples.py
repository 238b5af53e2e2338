"""Every pass/fail example of every shipped rule is a test case (SQLFluff style)."""

from __future__ import annotations

import pytest

from dataclasses import replace

from listlint.config import Config
from listlint.engine import Engine
from listlint.examples import example_bytes, example_config, example_name
from listlint.rules import load_rules

CASES = [
    pytest.param(rule, verdict, example, id=f"{rule.code}{'-' + '-'.join(rule.languages) if rule.languages else ''}-{verdict}-{index}")
    for base in load_rules([])
    for rule in base.with_variants()
    for verdict in ("fail", "pass")
    for index, example in enumerate(rule.examples[verdict])
]


@pytest.mark.parametrize(("rule", "verdict", "example"), CASES)
def test_rule_example(rule, verdict, example, lint_text, tmp_path):
    overrides = example_config(example)
    if overrides:  # an example that needs config values (own addresses) gets its own engine
        path = tmp_path / example_name(example)
        path.write_bytes(example_bytes(rule, example))
        engine = Engine(load_rules([]), replace(Config(root=tmp_path), **{k: tuple(v) if isinstance(v, list) else v for k, v in overrides.items()}))
        diagnostics = engine.lint_file(path, path.name).diagnostics
    else:
        diagnostics = lint_text(example_bytes(rule, example), example_name(example))
    codes = [d.code for d in diagnostics]
    if verdict == "fail":
        assert rule.code in codes, f"{rule.code} did not fire on {example!r}; got {codes}"
    else:
        assert rule.code not in codes, f"{rule.code} fired on {example!r}: " + "; ".join(d.message for d in diagnostics if d.code == rule.code)


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
