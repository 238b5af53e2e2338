"""The term matcher: evasions caught, ordinary words left alone, one automaton for all."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from listlint.config import Config
from listlint.engine import Engine
from listlint.rules import load_rules
from listlint.textmatch import TermIndex

RULESET = textwrap.dedent(
    """
    ruleset: test-terms
    rules:
      - code: TST001
        name: franchise
        severity: error
        kind: terms
        skip_own_brand: true
        terms:
          - pj masks
          - term: Finish
            case_sensitive: true
            context: [dishwasher, detergent]
          - term: stanley
            context: [tumbler]
            unless: [hockey]
        message: "{match} is a protected name"
        why: Test rule.
        sources: [{url: "https://example.com", as_of: "2026-01-01"}]
    """
)


@pytest.fixture(scope="module")
def term_engine(tmp_path_factory) -> Engine:
    folder = tmp_path_factory.mktemp("ruleset")
    path = folder / "terms.yaml"
    path.write_text(RULESET, "utf-8")
    return Engine(load_rules([path]), Config(root=folder, select=("TST",), authorised_brands=("Stanley",)))


def matches(engine: Engine, tmp_path: Path, title: str, brand: str = "Acmeware", description: str = "") -> list[str]:
    path = tmp_path / "l.yaml"
    values = {"sku": "A1", "brand": brand, "title": title, "description": description}
    path.write_text("\n".join(f"{key}: {json.dumps(value)}" for key, value in values.items()) + "\n", "utf-8")
    return [d.match for d in engine.lint_file(path, "l.yaml").diagnostics if d.code == "TST001"]


@pytest.mark.parametrize(
    "title",
    ["PJ Masks costume", "P.J. Masks costume", "PJ-Masks costume", "PJMasks costume", "pj   masks costume",
     "Pj Masks costume", "\u0420J Masks costume", "P\u200bJ Masks costume", "ＰＪ Masks costume"],
)
def test_evasions_are_caught(term_engine, tmp_path, title):
    assert len(matches(term_engine, tmp_path, title)) == 1


@pytest.mark.parametrize("title", ["Pajamas with masks", "PJs and face masks", "pjmaskstore costume", "superpj masks"])
def test_neighbouring_words_are_not_terms(term_engine, tmp_path, title):
    assert matches(term_engine, tmp_path, title) == []


def test_case_sensitive_term_with_context(term_engine, tmp_path):
    assert matches(term_engine, tmp_path, "Finish Quantum tablets", description="for every dishwasher") == ["Finish"]
    assert matches(term_engine, tmp_path, "finish tablets", description="for every dishwasher") == []
    assert matches(term_engine, tmp_path, "Matte Finish Picture Frame") == []


def test_unless_and_authorised_brand(term_engine, tmp_path):
    # authorised in the config: never flagged
    assert matches(term_engine, tmp_path, "Stanley tumbler 40 oz") == []


def test_own_brand_is_not_flagged(tmp_path):
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "t.yaml").write_text(RULESET, "utf-8")
    engine = Engine(load_rules([folder / "t.yaml"]), Config(root=folder, select=("TST",)))
    assert matches(engine, tmp_path, "Stanley tumbler 40 oz") == ["Stanley"]
    assert matches(engine, tmp_path, "Stanley tumbler 40 oz", description="hockey fan gift") == []
    assert matches(engine, tmp_path, "PJ Masks costume", brand="PJ Masks") == []


def test_one_automaton_serves_every_term():
    index = TermIndex()
    for number in range(20_000):
        index.add(f"brandname{number}", number)
    index.build()
    hits = list(index.scan("new brandname19999 and brandname7, not brandname77x"))
    assert [(h.key, h.refs) for h in hits] == [("brandname19999", (19999,)), ("brandname7", (7,))]
