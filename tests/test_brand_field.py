"""The brand field holding the product instead of its maker: LST026 (the title copied into
the brand field, copied-field kind) and LST025 (a brand field of descriptive words)."""

from __future__ import annotations

import pytest

from listlint.config import Config
from listlint.engine import Engine
from listlint.errors import RulesetError
from listlint.rules import load_rules


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
