"""kind: all-caps. A field written entirely in capital letters (shouting)."""

from __future__ import annotations

from collections.abc import Iterator

from ..facts import BEYOND_ASCII, CAPITALS_ONLY
from ..records import Record
from ..rules import Rule
from .base import Check, CompileContext, Finding, RecordScan, text_fields

OPTIONS = frozenset(("min_letters",))


def compile(rule: Rule, context: CompileContext) -> Check:
    minimum = int(context.option(rule, "min_letters", 10))

    def check(record: Record, scan: RecordScan) -> Iterator[Finding]:
        for text_field in text_fields(rule, record):
            text = text_field.text.text
            if minimum > 0 and text.isascii() and not text.isupper():
                continue  # in ASCII the cased characters are the letters: one is small (or none is there)
            letters = [c for c in text if c.isalpha() and (c.isupper() or c.islower())]
            if len(letters) >= minimum and all(c.isupper() for c in letters):
                stripped = text.strip()
                begin = text.index(stripped[0])
                yield Finding(rule, text_field, begin, begin + len(stripped), stripped[:40])

    if minimum > 0:  # not called on a record whose texts the first test above skips
        context.literal_gates[check] = frozenset((BEYOND_ASCII, CAPITALS_ONLY))
    return check
