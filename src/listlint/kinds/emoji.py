"""kind: emoji. Emoji in a text, found with the `emoji` package's data (Unicode's emoji
list, sequences included: a flag, a keycap, a family joined with zero-width joiners or
"⛰️" with its variation selector is one finding, not several). The legal and punctuation
symbols that Unicode lists as emoji but shows as text (© ® ™ ‼) count only when written
with the emoji selector.

ASCII texts, nearly all of a catalog, are skipped before the package is imported.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..records import Record
from ..rules import Rule
from .base import Check, CompileContext, Finding, RecordScan, text_fields

OPTIONS: frozenset[str] = frozenset()
# Below the arrows (U+2190) the emoji list holds only ©, ®, ‼, ⁉, ™ and ℹ, which are
# shown as ordinary symbols unless followed by the emoji selector U+FE0F
_FIRST_PICTOGRAPH = 0x2190


def compile(rule: Rule, context: CompileContext) -> Check:
    def check(record: Record, scan: RecordScan) -> Iterator[Finding]:
        for text_field in text_fields(rule, record):
            text = text_field.text.text
            if text.isascii():
                continue
            import emoji

            for found in emoji.emoji_list(text):
                begin, end = found["match_start"], found["match_end"]
                if end - begin == 1 and ord(text[begin]) < _FIRST_PICTOGRAPH:
                    continue  # © ® ™ ‼ ℹ: symbols Unicode shows as text unless asked for an emoji
                yield Finding(rule, text_field, begin, end, text[begin:end])

    return check
