"""Recall check (issue 12): realistic texts written apart from the rules' own examples.

tests/data/recall-en.yaml holds, per family (RED, CLM, LST, REV), violating texts with the
part a rule must report marked [[like this]] and the rule's code, and clean texts on which
no rule of the family may fire. Each violating text must be reported at exactly the marked
columns.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

CASES_FILE = Path(__file__).parent / "data" / "recall-en.yaml"
CASES = yaml.safe_load(CASES_FILE.read_text("utf-8"))
FAMILIES = ("RED", "CLM", "LST", "REV")


def _listing(field: str, text: str) -> tuple[str, int, int]:
    """A listing file with `text` in `field`; the line and column where the text starts."""
    value = json.dumps(text, ensure_ascii=False)
    head = "sku: RECALL-1\nmarketplaces: [UK]\n"
    if field == "title":
        return head + f"title: {value}\n", 3, len("title: ") + 2
    lines = head + 'title: "Recall Case Listing"\n'
    if field == "bullets":
        return lines + f"bullets:\n  - {value}\n", 5, len("  - ") + 2
    return lines + f"{field}: {value}\n", 4, len(field) + 4


def _cases(verdict: str) -> list:
    return [
        pytest.param(family, *case, id=f"{family}-{verdict}-{index}")
        for family in FAMILIES
        for index, case in enumerate(CASES.get(family, {}).get(verdict, []))
    ]


def test_each_family_has_forty_cases_each_way():
    for family in FAMILIES:
        assert len(CASES[family]["fail"]) >= 40, family
        assert len(CASES[family]["pass"]) >= 40, family


@pytest.mark.parametrize(("family", "field", "marked", "code"), _cases("fail"))
def test_violation_is_found_at_its_columns(family, field, marked, code, lint_text):
    assert code.startswith(family) and marked.count("[[") == 1
    text = marked.replace("[[", "").replace("]]", "")
    begin = marked.index("[[")
    end = marked.index("]]") - 2
    source, line, first_column = _listing(field, text)
    found = [(d.line, d.column, d.end_column) for d in lint_text(source) if d.code == code]
    assert (line, first_column + begin, first_column + end) in found, f"{code} on {text[begin:end]!r}: got {found}"


@pytest.mark.parametrize(("family", "field", "text"), _cases("pass"))
def test_clean_text_stays_quiet(family, field, text, lint_text):
    source, _line, _column = _listing(field, text)
    noise = [f"{d.code} {d.match!r}" for d in lint_text(source) if d.code.startswith(family)]
    assert not noise, noise


LANGUAGE_CASES = yaml.safe_load((Path(__file__).parent / "data" / "recall-languages.yaml").read_text("utf-8"))["cases"]


@pytest.mark.parametrize("case", LANGUAGE_CASES, ids=[f"{case['marketplace']}-{case['code']}-{index}" for index, case in enumerate(LANGUAGE_CASES)])
def test_seller_copy_in_the_stores_languages_is_found_at_its_columns(case, lint_text):
    """Session 13's seller-style copy (misspellings, German, French, Italian, Spanish, Japanese):
    the marked words are reported by the code on the store the listing is sold in."""
    marked = case["marked"]
    text = marked.replace("[[", "").replace("]]", "")
    begin, end = marked.index("[["), marked.index("]]") - 2
    value = json.dumps(text, ensure_ascii=False)
    source = f"sku: RECALL-1\nmarketplaces: [{case['marketplace']}]\nbrand: Acme\ntitle: \"Acme Water Bottle 500 ml\"\ndescription: {value}\n"
    first_column = len("description: ") + 2
    found = [(d.line, d.column, d.end_column) for d in lint_text(source) if d.code == case["code"]]
    assert (5, first_column + begin, first_column + end) in found, f"{case['code']} on {text[begin:end]!r}: got {found}"


REV018_CASES = yaml.safe_load((Path(__file__).parent / "data" / "rev018-review.yaml").read_text("utf-8"))["cases"]


def _source_of(case: dict) -> str:
    """A listing (description), packaging file (insert) or buyer message (body) holding the text."""
    value = json.dumps(case["text"], ensure_ascii=False)
    if case["kind"] == "packaging":
        return f"kind: packaging\nsku: RECALL-1\ninserts:\n  - {value}\n"
    if case["kind"] == "message":
        return f"kind: message\ntype: unexpected_problem\nsubject: Your order\nbody: {value}\n"
    return f"sku: RECALL-1\nmarketplaces: [{case['marketplace']}]\nbrand: Acme\ntitle: \"Acme product\"\ndescription: {value}\n"


@pytest.mark.parametrize("case", [c for c in REV018_CASES if c["expect"] != "missed"], ids=lambda case: f"{case['expect']}-{case['marketplace']}-{case['text'][:30]}")
def test_reward_for_an_order_number_is_found_and_service_copy_is_not(case, lint_text):
    found = [d.match for d in lint_text(_source_of(case)) if d.code == "REV018"]
    assert bool(found) == (case["expect"] == "found"), f"{case['expect']}: {case['text']!r} -> {found}"
