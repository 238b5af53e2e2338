"""kind: copied-field. A field that repeats another field of the listing word for word:
the brand field holding the product's title ("Magic The Gathering 2013 Core Set Intro
Pack" as both). The texts are compared squashed (case, spaces and punctuation aside, as
textmatch compares terms), and only a field of `min_words` words or more (split at spaces)
is reported: a one-word title that is the brand's name ("Monopoly") is a short title, not a
copied brand.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..records import Record
from ..rules import Rule
from ..textmatch import squash
from .base import Check, CompileContext, Finding, RecordScan, text_fields

OPTIONS = frozenset(("same_as", "min_words"))


def compile(rule: Rule, context: CompileContext) -> Check:
    other = context.option(rule, "same_as")
    if not isinstance(other, str) or not other:
        raise rule.error("copied-field rules need a 'same_as' field", "same_as")
    min_words = int(context.option(rule, "min_words", 3))

    def check(record: Record, scan: RecordScan) -> Iterator[Finding]:
        originals = record.fields((other,))
        if not originals:
            return
        copied = {squash(original.text.text) for original in originals}
        for text_field in text_fields(rule, record):
            text = text_field.text.text
            if squash(text) in copied and len(text.split()) >= min_words:
                stripped = text.strip()
                begin = text.index(stripped[0])
                yield Finding(rule, text_field, begin, begin + len(stripped), stripped[:60], {"field": other})

    return check
