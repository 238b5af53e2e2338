"""The brand field holding the product instead of its maker: LST026 (the title copied into
the brand field, copied-field kind) and LST025 (a brand field of descriptive words)."""

from __future__ import annotations

import json

import pytest

from listlint.config import Config
from listlint.engine import Engine
from listlint.errors import RulesetError
from listlint.rules import load_rules

from .conftest import ROOT


def _spans(diagnostics, code: str) -> list[tuple[int, int, int, str]]:
    return [(d.line, d.column, d.end_column, d.match) for d in diagnostics if d.code == code]


def test_a_brand_field_that_is_the_title_is_found_over_the_whole_brand(lint_text):
    # toy-359 of the real pages: the same words, the title's "the" in small letters
    found = lint_text("sku: T-1\nbrand: '  Magic The Gathering 2013 Core Set Intro Pack'\ntitle: Magic the Gathering 2013 Core Set Intro Pack\n")
    assert _spans(found, "LST026") == [(2, 11, 55, "Magic The Gathering 2013 Core Set Intro Pack")]


def test_punctuation_and_spacing_do_not_hide_a_copied_title(lint_text):
    found = lint_text("sku: T-1\nbrand: Abbey Road Studios- Music Trivia\ntitle: Abbey Road Studios Music Trivia\n")
    assert [match for *_, match in _spans(found, "LST026")] == ["Abbey Road Studios- Music Trivia"]


@pytest.mark.parametrize(
    "brand, title",
    [
        ("Hasbro", "Hasbro Monopoly Classic"),  # the brand starts the title: the normal case
        ("Monopoly", "Monopoly"),  # a one-word title that is the brand's name
        ("Melody Jane Dolls Houses", "Melody Jane Dolls Houses Miniature Cot"),
        ("Magic The Gathering", ""),  # no title to copy
    ],
)
def test_a_brand_that_only_starts_or_names_the_title_is_quiet(lint_text, brand, title):
    assert _spans(lint_text(f"sku: T-1\nbrand: '{brand}'\ntitle: '{title}'\n"), "LST026") == []


def test_a_copied_field_rule_needs_the_field_it_compares_with(tmp_path):
    (tmp_path / "house.yaml").write_text(
        "ruleset: house\nrules:\n  - code: HSE001\n    name: brand-copies\n    severity: warning\n"
        "    kind: copied-field\n    fields: [brand]\n    message: copied\n    why: a test\n"
        "    sources: [{url: 'https://example.com', title: house style, as_of: '2026-12-04', strength: secondary}]\n",
        "utf-8",
    )
    with pytest.raises(RulesetError, match="same_as"):
        Engine(load_rules([tmp_path / "house.yaml"]), Config(root=tmp_path))


@pytest.mark.parametrize(
    "brand, reported",
    [
        ("k2-accessories Charm Pendants", "Charm Pendants"),  # toy-486 of the real pages
        ("k2-accessories Alloy Metal Spacer Beads", "Alloy Metal Spacer Beads"),  # toy-078
        ("unisex party bag fillers", "unisex party bag fillers"),  # every word descriptive: the whole field
    ],
)
def test_a_name_followed_by_product_words_is_reported_at_the_words(lint_text, brand, reported):
    found = lint_text(f"sku: T-1\nbrand: {brand}\ntitle: Wine Glass Charm Rings\n")
    start = 8 + brand.index(reported)
    assert _spans(found, "LST025") == [(2, start, start + len(reported), reported)]


def test_the_real_brand_names_of_the_brand_list_are_not_taken_for_product_words(tmp_path):
    """brands.txt's 3,930 real brand names, each as a brand field: none reads as a shop's category."""
    names = [name for name in (ROOT / "rulesets" / "brands.txt").read_text("utf-8").splitlines() if name.strip() and not name.startswith("#")]
    assert len(names) > 3000
    listings = [{"sku": f"B{number}", "marketplaces": ["UK"], "brand": name, "title": "Wooden Toy Train"} for number, name in enumerate(names)]
    path = tmp_path / "brands.json"
    path.write_text(json.dumps({"listings": listings}), "utf-8")
    diagnostics = Engine(load_rules([]), Config(root=tmp_path, select=("LST025", "LST026"))).lint_file(path, path.name).diagnostics
    assert [d.match for d in diagnostics] == []


def test_little_people_is_fisher_prices_brand_in_the_brand_field_and_words_elsewhere(lint_text):
    # toy-678 of the real pages: a rag doll under the brand field "Little People" (Fisher-Price's line)
    found = lint_text("sku: T-1\nmarketplaces: [UK]\nbrand: Little People\ntitle: Rag doll boy design with rattle in one foot\n")
    assert [(d.code, d.match) for d in found if d.code.startswith("IPR")] == [("IPR005", "Little People")]
    ordinary = lint_text("sku: T-1\nmarketplaces: [UK]\nbrand: Acmeware\ntitle: Wooden Stacking Blocks for Little People\ndescription: Little people love stacking.\n")
    assert [d.code for d in ordinary if d.code.startswith("IPR")] == []
