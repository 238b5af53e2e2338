"""kind: repeated-words. A word used more than `max_repeats` times in one field.

Words are compared case-insensitively; `exempt` words (articles, prepositions,
conjunctions) are not counted. The finding points at the first occurrence past the limit.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..documents import Listing
from ..rules import Rule
from .base import Check, CompileContext, Finding, ListingScan, text_fields

OPTIONS = frozenset(("max_repeats", "exempt"))
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’]*")


def compile(rule: Rule, context: CompileContext) -> Check:
    limit = int(context.option(rule, "max_repeats", 2))
    exempt = frozenset(w.casefold() for w in context.option(rule, "exempt", []))

    def check(listing: Listing, scan: ListingScan) -> Iterator[Finding]:
        for text_field in text_fields(rule, listing):
            counts: dict[str, int] = {}
            for match in _WORD.finditer(text_field.text.text):
                word = match.group(0).casefold()
                if word in exempt:
                    continue
                counts[word] = counts.get(word, 0) + 1
                if counts[word] == limit + 1:
                    yield Finding(rule, text_field, match.start(), match.end(), match.group(0), {"limit": limit})

    return check
