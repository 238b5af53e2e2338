"""`one_per_sentence: true` (kinds/pattern.py): a pattern rule's findings in one sentence or
clause are one finding from the first offending words to the last; LST014 uses it, so a
postage statement listing six prices is one finding, not six."""

from __future__ import annotations

import json

import pytest

from listlint.kinds.pattern import _one_per_sentence


def _description(text: str) -> str:
    return f"sku: S-1\nmarketplaces: [UK]\ntitle: Wooden Train\ndescription: {json.dumps(text)}\n"


def _shipping(lint_text, text: str) -> list[str]:
    return [d.match for d in lint_text(_description(text)) if d.code == "LST014"]


def test_prices_in_one_sentence_are_one_finding_at_the_first(lint_text):
    assert _shipping(lint_text, "Postage £1.00 under £10.00, £2.00 - £3.50 up to £50, Free P&H over £50.") == [
        "£1.00 under £10.00, £2.00 - £3.50 up to £50, Free P&H over £50"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Only £5. RRP £30 in the shops!", ["£5", "RRP £30"]),  # a full stop before a space ends the statement
        ("Was £9; now only 3 left", ["£9", "only 3 left"]),  # so does a semicolon
        ("In stock\nShips within 24 hours", ["In stock", "Ships within 24 hours"]),  # and a line break
        ("In stock • Ships within 24 hours", ["In stock", "Ships within 24 hours"]),  # and a bullet sign
        ("Price £1.50 or £2.50 for two", ["£1.50 or £2.50"]),  # the point of a price is no full stop
    ],
)
def test_a_sentence_end_between_findings_keeps_them_apart(lint_text, text, expected):
    assert _shipping(lint_text, text) == expected


def test_joining_spans_needs_no_sentence_end_between_them():
    text = "a £1 b £2. c £3"
    spans = [(text.index("£1"), text.index("£1") + 2), (text.index("£2"), text.index("£2") + 2), (text.index("£3"), text.index("£3") + 2)]
    assert _one_per_sentence(iter(spans), text) == [(spans[0][0], spans[1][1]), spans[2]]
