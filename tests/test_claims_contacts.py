"""Issue 12: what the rule examples cannot show (how often, where, how detected)."""

from __future__ import annotations

import socket

import pytest

from listlint.errors import SetupError
from tests.conftest import run_cli


def _listing(field_lines: str, marketplaces: str = "[UK]") -> str:
    return f"sku: T-1\nmarketplaces: {marketplaces}\ntitle: Test Listing\n{field_lines}"


def test_a_run_of_exclamation_marks_is_one_finding(lint_text):
    found = [d for d in lint_text("sku: T-1\ntitle: Best Puzzle Ever!!!\n") if d.code == "LST002"]
    assert [(d.line, d.column, d.end_column, d.match) for d in found] == [(2, 24, 27, "!!!")]


@pytest.mark.parametrize(("marketplaces", "expected"), [("[UK]", ["0161 496 0732"]), ("[DE]", [])])
def test_phone_numbers_are_judged_for_the_marketplaces_regions(lint_text, marketplaces, expected):
    # a UK national number without a calling word: a number there, digits elsewhere
    source = _listing("bullets:\n  - Our helpline 0161 496 0732 is open daily\n", marketplaces)
    assert [d.match for d in lint_text(source) if d.code == "RED003"] == expected


def test_model_and_part_numbers_are_not_phone_numbers(lint_text):
    source = _listing("bullets:\n  - Model XR-2000, part 88-4471-A, EAN 5012345678900, fits 2015-2023\n")
    assert [d.match for d in lint_text(source) if d.code == "RED003"] == []


def test_contact_detection_never_opens_a_connection(lint_text, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    source = _listing("description: Visit MyShop.toys or call +44 20 7946 0958, also on amazon.co.uk\n")
    found = {d.code: d.match for d in lint_text(source) if d.code.startswith("RED")}
    assert found == {"RED001": "MyShop.toys", "RED003": "+44 20 7946 0958"}


def test_an_emoji_sequence_is_one_finding_and_text_symbols_are_none(lint_text):
    flag = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
    found = [d.match for d in lint_text(f"sku: T-1\ntitle: \"Kit {flag} Home, Brand\u00ae, \u26f0\ufe0f\"\n") if d.code == "LST021"]
    assert found == [flag, "\u26f0\ufe0f"]


def test_disease_claim_spans_the_claim_form_and_the_condition(lint_text):
    found = [d for d in lint_text(_listing("description: Our drops cure insomnia and lower high blood pressure.\n")) if d.code == "CLM002"]
    assert [(d.column, d.match) for d in found] == [(24, "cure insomnia"), (42, "lower high blood pressure")]


def test_explain_shows_the_issue_examples_and_the_lexicon_source():
    out = run_cli("explain", "CLM002").stdout
    assert "Chamomile blend that cures insomnia in a week" in out
    assert "Magnesium supports healthy sleep" in out


def test_a_claim_rule_needs_a_lexicon(tmp_path):
    from listlint.config import Config
    from listlint.engine import Engine
    from listlint.rules import load_rules

    ruleset = tmp_path / "mine.yaml"
    ruleset.write_text(
        "ruleset: mine\nrules:\n  - code: USR001\n    name: no-lexicon\n    severity: warning\n    kind: claim\n"
        "    fields: [title]\n    before: [cures]\n    message: m\n    why: w\n"
        "    sources: [{url: 'https://example.com', as_of: '2026-01-01', strength: official}]\n"
        "    examples: {fail: [a], pass: [b]}\n",
        "utf-8",
    )
    with pytest.raises(SetupError, match="conditions"):
        Engine(load_rules([ruleset]), Config(root=tmp_path))
