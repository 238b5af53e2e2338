"""kind: html. HTML tags other than the allowed ones (Amazon allows line breaks only)."""

from __future__ import annotations

from collections.abc import Iterator

import re

from ..facts import ANGLE_BRACKET
from ..records import Record
from ..rules import Rule
from .base import Check, CompileContext, Finding, RecordScan, text_fields

OPTIONS = frozenset(("allowed_tags",))
# an opening, closing or self-closing tag whose name starts with a letter: "<b>", "</p>",
# "<img src=x>"; "< 10 lb" and "<3" are not tags
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)\b[^<>]*>")


def compile(rule: Rule, context: CompileContext) -> Check:
    allowed = frozenset(t.lower() for t in context.option(rule, "allowed_tags", []))

    def check(record: Record, scan: RecordScan) -> Iterator[Finding]:
        for text_field in text_fields(rule, record):
            text = text_field.text.text
            if "<" not in text:
                continue  # no tag without one: most texts are answered by this C-level test
            for match in _TAG.finditer(text):
                if match.group(1).lower() not in allowed:
                    yield Finding(rule, text_field, match.start(), match.end(), match.group(0))

    context.literal_gates[check] = frozenset((ANGLE_BRACKET,))  # not called on a record without a '<'
    return check
