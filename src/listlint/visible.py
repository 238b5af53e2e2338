"""Text without invisible characters, for the rules that run regular expressions.

A zero-width space, a joiner, a soft hyphen or a bidi control changes nothing a buyer
sees: "shop\u200b-name.com" is still a link and "c\u00adures" still a claim. Term lists
already ignore them (textmatch squashes them away); contact and pattern rules match the
text without them and map each match back, so the diagnostic's column and matched text
are those of the file, invisible characters included.
"""

from __future__ import annotations

import re

INVISIBLE = re.compile("[\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# Full-width ASCII forms and the ideographic space, common in Japanese copy ("５つ星",
# "ｗｗｗ．ｓｈｏｐ．ｊｐ"), read as their ASCII twins. One character for one, so a match's
# offsets are the original's.
NARROW = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


_HIDDEN_OR_WIDE = re.compile(INVISIBLE.pattern[:-1] + "\uff01-\uff5e\u3000]")


def without_invisible(text: str) -> str:
    """The text less its invisible characters and with full-width forms narrowed (the text
    itself when it has neither)."""
    # every invisible or full-width character is non-ASCII: most texts are ASCII, and most
    # others (German, French ...) have neither, found by one C-level search
    if text.isascii() or _HIDDEN_OR_WIDE.search(text) is None:
        return text
    return INVISIBLE.sub("", text).translate(NARROW)


class VisibleText:
    """`text` without invisible characters, and the way back to the original's indices."""

    __slots__ = ("original", "text", "_kept")

    def __init__(self, original: str) -> None:
        self.original = original
        self.text = without_invisible(original)
        # original index of each kept character; None when nothing was removed
        self._kept = [i for i, c in enumerate(original) if not INVISIBLE.match(c)] if len(self.text) != len(original) else None

    @classmethod
    def as_written(cls, original: str) -> VisibleText:
        """The text itself, invisible characters included (for rules about those characters)."""
        view = cls.__new__(cls)
        view.original = view.text = original
        view._kept = None
        return view

    def span(self, begin: int, end: int) -> tuple[int, int]:
        """The original span of text[begin:end] (from its first to its last visible character)."""
        if self._kept is None or end <= begin:
            return begin, end
        return self._kept[begin], self._kept[end - 1] + 1
