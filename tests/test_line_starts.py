"""SourceText's table of line starts: a text whose lines end in "\\n" alone is split by
str.find, any other by the line-break pattern; both give the pattern's table, so every
position and line text is the same (issue 17: most files have no "\\r")."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from listlint.locations import _LINE_BREAK, SourceText

TEXTS = st.lists(st.sampled_from(["a", "é", " ", "\n", "\r", "\r\n", "\n\n", "\x85", "\u2028", "商"]), max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
@example("")
@example("\n")
@example("one\ntwo\n")
@example("no break at the end")
def test_line_starts_are_the_line_break_patterns(text: str) -> None:
    source = SourceText("a.yaml", text)
    assert source.line_starts == [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
    for index in range(-1, len(text) + 2):
        line, column = source.position(index)
        assert 1 <= line <= len(source.line_starts) and column >= 1
