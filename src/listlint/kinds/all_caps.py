"""kind: all-caps. A field written entirely in capital letters (shouting), or, with
`min_share`, mostly in capitals: most of its letters in words written in capitals, with
a few words in small letters ("Bargain Price RED PIRATE SHIP BOAT STEERING WHEEL for
CLIMBING FRAME NEW"). A field entirely in capitals is left to the rule without `min_share`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..facts import BEYOND_ASCII, CAPITALS_ONLY
from ..records import Record, TextField
from ..rules import Rule
from .base import Check, CompileContext, Finding, RecordScan, text_fields

OPTIONS = frozenset(("min_letters", "min_share", "min_words"))

_WORD = re.compile(r"[^\W\d_]{2,}")  # a word of two letters or more: "x7" and "3RD" count by their letters
# a word that may be in capitals (no ASCII small letter): a title with fewer of them is passed
# over after one C-level search, most titles
_MAYBE_SHOUTED = re.compile(r"(?<![^\W\d_])[^\W\d_a-z]{2,}(?![^\W\d_])")


def compile(rule: Rule, context: CompileContext) -> Check:
    share = context.option(rule, "min_share")
    if share is not None:
        return _mostly_capitals(rule, float(share), int(context.option(rule, "min_words", 5)))
    minimum = int(context.option(rule, "min_letters", 10))

    def check(record: Record, scan: RecordScan) -> Iterator[Finding]:
        for text_field in text_fields(rule, record):
            text = text_field.text.text
            if minimum > 0 and text.isascii() and not text.isupper():
                continue  # in ASCII the cased characters are the letters: one is small (or none is there)
            letters = [c for c in text if c.isalpha() and (c.isupper() or c.islower())]
            if len(letters) >= minimum and all(c.isupper() for c in letters):
                yield _whole(rule, text_field, text)

    if minimum > 0:  # not called on a record whose texts the first test above skips
        context.literal_gates[check] = frozenset((BEYOND_ASCII, CAPITALS_ONLY))
    return check


def _mostly_capitals(rule: Rule, share: float, min_words: int) -> Check:
    """At least `min_words` words in capitals holding `share` of the letters of the field's words."""

    def check(record: Record, scan: RecordScan) -> Iterator[Finding]:
        for text_field in text_fields(rule, record):
            text = text_field.text.text
            if len(_MAYBE_SHOUTED.findall(text)) < min_words or not any(map(str.islower, text)):
                continue  # few words in capitals, or none in small letters (all capitals: the other rule)
            words = _WORD.findall(text)
            shouted = [word for word in words if word.isupper()]
            if len(shouted) < min_words:
                continue
            in_capitals, in_all = sum(map(len, shouted)), sum(map(len, words))
            if in_capitals >= share * in_all:
                yield _whole(rule, text_field, text, {"share": f"{100 * in_capitals // in_all} %"})

    return check


def _whole(rule: Rule, text_field: TextField, text: str, args: dict[str, str] | None = None) -> Finding:
    """The finding on the field's text without its surrounding spaces, its start as the match."""
    stripped = text.strip()
    begin = text.index(stripped[0])
    return Finding(rule, text_field, begin, begin + len(stripped), stripped[:40], args or {})
