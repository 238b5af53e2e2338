"""Positions in source files.

Every value a rule looks at remembers where it came from, so that a finding inside a
600-character description points at the word itself. A `SourceText` turns an index into
its decoded text into a 1-based line and column (Unicode code points); a `LocatedText`
maps an offset inside a *value* (after YAML folding or JSON escapes) back to an index in
the source text. The mapping is computed only when a finding needs it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class SourceText:
    """The decoded text of one file, with a lazily built table of line starts."""

    __slots__ = ("path", "text", "_line_starts")
    first_line = 1  # the file line the text starts on (later for a flat file's row)

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self._line_starts: list[int] | None = None

    @property
    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            text = self.text
            if "\r" in text:
                self._line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
            else:  # "\n" alone ends lines (most files): found by str.find, no match object per line
                self._line_starts = _newline_starts(text)
        return self._line_starts

    def position(self, index: int) -> tuple[int, int]:
        """1-based (line, column) of a text index; an index past the end stays on the last line."""
        index = max(0, min(index, len(self.text)))
        if 0 < index < len(self.text) and self.text[index] == "\n" and self.text[index - 1] == "\r":
            index -= 1  # inside a "\r\n": still the end of that line, not a column past it
        starts = self.line_starts
        line = bisect_right(starts, index) - 1
        return line + 1, index - starts[line] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line without its line break."""
        starts = self.line_starts
        begin = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.text)
        return self.text[begin:end].rstrip("\r\n")


def _newline_starts(text: str) -> list[int]:
    """Where each line of a text whose lines end in "\n" alone starts."""
    starts = [0]
    find = text.find
    at = find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = find("\n", at + 1)
    return starts


OffsetMapper = Callable[[], Sequence[int]]


class LocatedText:
    """A string value and the way back from its characters to the source text.

    `offsets`, when given (or computed by `mapper`), has len(text) + 1 entries: the source
    index of each value character, and one past the last. Without either, the value is a
    verbatim slice of the source starting at `start`.
    """

    __slots__ = ("text", "source", "start", "end", "_mapper", "_offsets")

    def __init__(
        self,
        text: str,
        source: SourceText,
        start: int,
        end: int,
        mapper: OffsetMapper | None = None,
    ) -> None:
        self.text = text
        self.source = source
        self.start = start
        self.end = end
        self._mapper = mapper
        self._offsets: Sequence[int] | None = None

    def source_index(self, offset: int) -> int:
        """Source index of the character at `offset` in the value (len(text) = one past the end)."""
        if self._mapper is None:
            return self.start + offset
        if self._offsets is None:
            self._offsets = self._mapper()
        offset = max(0, min(offset, len(self._offsets) - 1))
        return self._offsets[offset]

    def span(self, begin: int, end: int) -> tuple[int, int, int, int]:
        """(line, column, end_line, end_column) of value[begin:end]; the end column is exclusive."""
        first = self.source_index(begin)
        if end > begin:
            last = self.source_index(end - 1) + 1
            if self._mapper is not None:  # the last character may be written as an escape (\u00e9)
                last = max(last, _written_end(self.source.text, last, self.source_index(end)))
        else:
            last = first
        line, column = self.source.position(first)
        end_line, end_column = self.source.position(last)
        return line, column, end_line, end_column


def _written_end(text: str, floor: int, following: int) -> int:
    """Where the text of a value character ends: where the next character's text starts
    (`following`), less the line breaks, indentation and escaped line breaks between them.
    `floor` is one past the character's first source character."""
    while following > floor:
        if text[following - 1] in " \t\r\n":
            following -= 1
        elif text[following - 1] == "\\" and text[following : following + 1] in ("\r", "\n") and _is_escaping(text, floor, following - 1):
            following -= 1  # a backslash ending a line escapes the line break (YAML double quotes)
        else:
            break
    return following


def _is_escaping(text: str, floor: int, at: int) -> bool:
    """Whether the backslash at `at` escapes what follows (an odd run of backslashes ends there)."""
    run = 0
    while at - run >= floor - 1 and text[at - run] == "\\":
        run += 1
    return run % 2 == 1
