"""kind: repeated-words. A word used more than `max_repeats` times in one field.

Words are compared case-insensitively; `exempt` words (articles, prepositions,
conjunctions) and units after a number ("41mm", "20 cm") are not counted. The finding points at the first occurrence past the limit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import re

from ..records import Record
from ..rules import Rule
from .base import Check, CompileContext, Finding, RecordScan, text_fields

OPTIONS = frozenset(("max_repeats", "exempt"))
# a word of letters (and digits after the first), apostrophes inside; not a unit written
# after a number ("41mm 40mm 38mm", "30 cm x 20 cm"): those repeat the unit, not a keyword
_WORD = re.compile(r"(?<!\w)(?<!\d )[^\W\d_][^\W_'’]*(?:['’][^\W\d_]+)*")


def compile(rule: Rule, context: CompileContext) -> Check:
    limit = int(context.option(rule, "max_repeats", 2))
    exempt = frozenset(w.casefold() for w in context.option(rule, "exempt", []))

    def check(record: Record, scan: RecordScan) -> Iterator[Finding]:
        for text_field in text_fields(rule, record):
            text = text_field.text.text
            if not _may_repeat(text, limit, exempt):
                continue
            seen: dict[str, list[re.Match[str]]] = {}
            for match in _WORD.finditer(text):
                word = match.group(0).casefold()
                if word not in exempt:
                    seen.setdefault(word, []).append(match)
            for uses in seen.values():
                if len(uses) > limit:
                    extra = uses[limit]
                    yield Finding(rule, text_field, extra.start(), extra.end(), extra.group(0), {"limit": limit, "count": len(uses)})

    return check


# ASCII bytes to lower case, every one but letters and digits to a space (one C-level
# bytes.translate, several times faster than str.translate with a dict)
_LOWER_RUNS = bytes(ord(chr(code).lower()) if chr(code).isalnum() and code < 128 else 32 for code in range(256))


def _may_repeat(text: str, limit: int, exempt: frozenset[str]) -> bool:
    """Whether some word not exempt is used more than `limit` times, answered in C for
    most titles: too few words, or too few repeats among them, and no word can be."""
    if text.isascii():
        # A word starts with a whole run of letters and digits (nothing of \w before it,
        # and it takes every letter and digit that follows): a word used more than `limit`
        # times makes its run repeat as often, and the runs are found without the word
        # pattern's lookbehinds, which cost most of the time on a title.
        runs = text.encode("ascii").translate(_LOWER_RUNS).split()
        if len(runs) - len(set(runs)) < limit:
            return False
    words = _WORD.findall(text)
    if len(words) <= limit:
        return False
    folded = list(map(str.casefold, words))
    if len(folded) - len(set(folded)) < limit:  # a word used limit + 1 times repeats limit times
        return False
    return any(count > limit and word not in exempt for word, count in Counter(folded).items())
