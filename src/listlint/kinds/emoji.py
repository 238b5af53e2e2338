"""kind: emoji. Emoji in a text, found with the `emoji` package's data (Unicode's emoji
list, sequences included: a flag, a keycap, a family joined with zero-width joiners or
"⛰️" with its variation selector is one finding, not several). The legal and punctuation
symbols that Unicode lists as emoji but shows as text (© ® ™ ‼) count only when written
with the emoji selector.

`symbols` names characters a rule also reports, one finding each, although they are not
emoji (the bullet point rules forbid ™ ® € … † ‡ ¢ £ ¥ © ±); a symbol inside an emoji
sequence ("™️") belongs to that one emoji finding.

Texts without a character from U+2190 up (ASCII, "30 °C", "café": nearly all of a catalog)
or without a character of Unicode's emoji properties (arrows, "✮", Chinese) are skipped
before the package is imported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..facts import BEYOND_ASCII
from ..records import Record
from ..rules import Rule
from .base import Check, CompileContext, Finding, RecordScan, text_fields

OPTIONS = frozenset(("symbols",))
# Below the arrows (U+2190) the emoji list holds only ©, ®, ‼, ⁉, ™ and ℹ, which are
# shown as ordinary symbols unless followed by the emoji selector U+FE0F, and the keycaps
# ("1" and the enclosing keycap mark U+20E3, with or without the selector)
_FIRST_PICTOGRAPH = 0x2190
_KEYCAP = "\u20e3"


# Every emoji holds a character beyond ASCII with one of these Unicode properties (the
# keycap mark is an Emoji_Component; tests/test_emoji.py checks every emoji of the package)
_EMOJI_CHARACTER = r"(?![\x00-\x7f])[\p{Emoji}\p{Emoji_Component}\p{Extended_Pictographic}]"
_emoji_character: list[Any] = []  # compiled on first use


def may_hold_emoji(text: str) -> bool:
    """False for a text without a character an emoji can be made of: ASCII, "30 °C",
    "café", but also arrows, stars like ✮ and Chinese text, which would load the package."""
    if text.isascii() or (ord(max(text)) < _FIRST_PICTOGRAPH and _KEYCAP not in text):
        return False
    if not _emoji_character:
        import regex

        _emoji_character.append(regex.compile(_EMOJI_CHARACTER))
    return _emoji_character[0].search(text) is not None


def emoji_spans(text: str) -> Iterator[tuple[int, int]]:
    """The (begin, end) offsets of each emoji in `text`, a whole sequence as one span."""
    if not may_hold_emoji(text):
        return  # the package is never loaded for such texts
    import emoji

    for found in emoji.emoji_list(text):
        begin, end = found["match_start"], found["match_end"]
        if end - begin == 1 and ord(text[begin]) < _FIRST_PICTOGRAPH:
            continue  # © ® ™ ‼ ℹ: symbols Unicode shows as text unless asked for an emoji
        yield begin, end


def _symbol_and_emoji_spans(text: str, symbols: re.Pattern[str] | None) -> list[tuple[int, int]]:
    """Emoji spans and, outside them, one span per listed symbol, in text order."""
    spans = list(emoji_spans(text))
    if symbols is None or text.isascii():
        return spans
    inside = {offset for begin, end in spans for offset in range(begin, end)}
    spans += [(found.start(), found.end()) for found in symbols.finditer(text) if found.start() not in inside]
    return sorted(spans)


def _symbol_pattern(rule: Rule, context: CompileContext) -> re.Pattern[str] | None:
    symbols = context.option(rule, "symbols", "")  # a string: the ruleset schema says so
    if not symbols:
        return None
    if any(character.isascii() for character in symbols):
        raise rule.error("symbols lists characters beyond ASCII only (ASCII texts are never scanned)", "symbols")
    return re.compile("[" + re.escape(symbols) + "]")


def compile(rule: Rule, context: CompileContext) -> Check:
    symbols = _symbol_pattern(rule, context)

    def check(record: Record, scan: RecordScan) -> Iterator[Finding]:
        for text_field in text_fields(rule, record):
            text = text_field.text.text
            if text.isascii():
                continue  # neither an emoji nor a listed symbol (those are beyond ASCII): most texts
            for begin, end in _symbol_and_emoji_spans(text, symbols):
                yield Finding(rule, text_field, begin, end, text[begin:end])

    context.literal_gates[check] = frozenset((BEYOND_ASCII,))  # not called on a record all in ASCII
    return check
