"""The scan plan: work skipped on texts that cannot match, chosen when rules are compiled,
shown by `listlint explain`, and never changing a finding (issue 17)."""

from __future__ import annotations


import json
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from listlint import prescan
from listlint.config import Config
from listlint.engine import Engine
from listlint.examples import example_bytes, example_name
from listlint.rules import load_rules

from .conftest import run_cli

REAL_CATALOG = Path(__file__).parent / "data" / "amazon-uk-toys-863.json"


@pytest.fixture(scope="module")
def engines() -> Iterator[tuple[Engine, Engine]]:
    """The shipped rules compiled twice: as the engine runs them (with the Hyperscan
    prefilter from the first text when it is installed), and with the rule-level gates of
    the scan plan switched off (each check called on every record, no Hyperscan)."""
    warm_up, available = prescan.WARM_UP_TEXTS, prescan.available
    try:
        prescan.WARM_UP_TEXTS = 0
        planned = Engine(load_rules([]), Config(root=Path.cwd()))
        prescan.available = lambda: False
        unplanned = Engine(load_rules([]), Config(root=Path.cwd()))
    finally:
        prescan.WARM_UP_TEXTS, prescan.available = warm_up, available
    unplanned._literal_gates = {}
    yield planned, unplanned


def _findings(engine: Engine, path: Path) -> list[tuple]:
    return [(d.code, d.line, d.column, d.end_line, d.end_column, d.message, d.match) for d in engine.lint_file(path, path.name).diagnostics]


def test_the_real_catalog_gets_the_same_findings_with_and_without_the_scan_plan(engines, tmp_path):
    path = tmp_path / REAL_CATALOG.name
    shutil.copyfile(REAL_CATALOG, path)
    planned, unplanned = engines
    found = _findings(planned, path)
    assert found, "the real catalog has findings to compare"
    assert found == _findings(unplanned, path)


def test_every_pattern_example_gets_the_same_findings_with_and_without_the_scan_plan(engines, tmp_path):
    planned, unplanned = engines
    for rule in (one for base in load_rules([]) for one in base.with_variants() if one.kind == "pattern"):
        for example in rule.examples["fail"] + rule.examples["pass"]:
            path = tmp_path / example_name(example)
            path.write_bytes(example_bytes(rule, example, date.today()))
            assert _findings(planned, path) == _findings(unplanned, path), (rule.code, example)


def test_a_pattern_rule_is_not_called_on_a_record_without_its_literals(tmp_path):
    engine = Engine(load_rules([]), Config(root=tmp_path))
    gates, original, seen = engine._literal_gates, engine.checks, []
    engine.checks = [(rule, _noting(rule.code, check, seen)) for rule, check in original]
    engine._literal_gates = {noted: gates[check] for (_, check), (_, noted) in zip(original, engine.checks) if check in gates}
    path = tmp_path / "listing.yaml"
    path.write_text("sku: A-1\ntitle: Wooden Train Set, 40 Pieces\n", "utf-8")
    engine.lint_file(path, path.name)
    assert "LST005" in seen  # one of its patterns needs no literal: it runs on every text (Hyperscan, if installed, is still warming up)
    assert "LST019" not in seen  # every pattern needs a literal ("condition", "new" ...) the text lacks


def _noting(code, check, seen):
    def noted(record, scan):
        seen.append(code)
        return check(record, scan)

    return noted


@pytest.mark.parametrize(
    ("code", "shown"),
    [
        ("LST005", "no literal that every match needs"),
        ("LST005", "only on texts holding 'ranked', without invisible characters"),
        ("REV007", "only on texts with a character beyond ASCII"),
        ("LST019", "the rule is not called on a record none of whose texts holds one of these literals"),
        ("LST020", "as written (a substring test)"),
        ("LST009", "tried only where one of 'tba', 'tbd' starts, and there only where its opening '\\\\btb[da]\\\\b' matches"),
        ("LST005", "; tried at every place of the text"),
    ],
)
def test_explain_shows_how_each_pattern_is_scanned(code, shown):
    out = run_cli("explain", code).stdout
    assert "Scanning (regex module" in out
    assert shown in out


def test_every_contact_found_holds_one_of_its_kinds_literals(engines, tmp_path):
    """E-mail addresses, social handles and spelled-out addresses are looked for only in texts
    holding their kind's literals (kinds/contact.py _LITERALS): each one the rule examples
    have is found, so none of them lacks those literals."""
    from listlint.kinds.contact import _LITERALS

    planned, _ = engines
    kinds = {rule.code: rule.options["detect"] for rule in load_rules([]) if rule.kind == "contact"}
    checked = 0
    for rule in (one for base in load_rules([]) for one in base.with_variants() if one.kind == "contact" and kinds[one.code] in _LITERALS):
        for example in rule.examples["fail"]:
            path = tmp_path / example_name(example)
            path.write_bytes(example_bytes(rule, example, date.today()))
            found = [d.match for d in planned.lint_file(path, path.name).diagnostics if d.code == rule.code]
            assert found, (rule.code, example)
            assert all(any(literal in match.lower() for literal in _LITERALS[kinds[rule.code]]) for match in found), (rule.code, found)
            checked += 1
    assert checked >= 6


def test_patterns_tried_only_where_their_leading_literals_are_find_the_same_matches():
    """A pattern every match of which starts with one of a few literals is matched only
    where they occur (kinds/pattern.Pattern.finditer): on every real listing text, every
    rule example and variants of them, the matches are those of a scan of the whole text."""
    import random

    import regex

    from listlint.kinds.pattern import Pattern
    from listlint.literals import leading_literals
    from listlint.visible import without_invisible

    def strings(value):
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return [value] if isinstance(value, str) else []

    rules = [one for base in load_rules([]) for one in base.with_variants() if one.kind == "pattern"]
    texts = [without_invisible(text) for text in strings(json.loads(REAL_CATALOG.read_text("utf-8"))["listings"])]
    texts += [text for rule in rules for text in strings(rule.examples)]
    generator = random.Random(17)
    for text in [one for one in texts[-3000:] if one]:
        at = generator.randrange(len(text))
        texts += [text.upper(), text[:at] + generator.choice(["\u017f", "\u0130", "\u212a", "\u00e9", " ", "-"]) + text[at:]]
    checked = 0
    for rule in rules:
        sources = ([rule.options["pattern"]] if rule.options.get("pattern") else []) + list(rule.options.get("patterns", [])) + list(rule.options.get("exceptions", []))
        ignore_case = bool(rule.options.get("ignore_case", True))
        for source in sources:
            if leading_literals(source) is None:
                continue
            pattern = Pattern(source, ignore_case)
            whole = regex.compile(source, (regex.IGNORECASE if ignore_case else 0) | regex.V0)
            for text in texts:
                expected = [m.span() for m in whole.finditer(text)]
                assert [m.span() for m in pattern.finditer(text)] == expected, (rule.code, source, text[:80])
                checked += bool(expected)
    assert checked > 500
