"""JSON files: values from the standard json parser, positions from a scan beside it.

`json.loads` is the judge of validity and gives its error positions; a small iterative
scanner then walks the same text to attach spans, decoding strings with the json
module's own `scanstring` so both agree on every value. PyYAML is not used for JSON: it
accepts tabs and `1e5` differently and mangles surrogate escapes.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from json.decoder import scanstring
from typing import Any

from ..locations import LocatedText, SourceText
from ..tree import Node, Problem, ReadResult, place
from .nesting import too_deep_at
from .numbers import out_of_range, overflowed, too_many_digits
from .yaml_reader import MAX_DEPTH

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?")
_LITERALS = {"true": True, "false": False, "null": None}
_HEX_ESCAPE_WIDTH = 6  # \uXXXX
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # a pair decodes to one character beyond U+FFFF


class _BadNumber(ValueError):
    """A number listlint does not read as written: NaN or Infinity (Python's json accepts
    them, JSON does not), or one too large for a float (read as infinity)."""

    def __init__(self, start: int, end: int, error: str) -> None:
        super().__init__(error)
        self.start = start
        self.end = end
        self.error = error


def read_json(source: SourceText) -> ReadResult:
    """Parse a JSON file into a located tree, reporting problems instead of raising."""
    result = ReadResult(source, comments=False)
    text = source.text
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        result.problems.append(Problem("INP001", error.pos, error.pos + 1, {"error": error.msg}))
        return result
    except RecursionError:  # deeper than Python's parser goes: find the spot ourselves
        index = too_deep_at(text, MAX_DEPTH)
        result.problems.append(Problem("INP011", index, index + 1, {"limit": MAX_DEPTH}))
        return result
    except ValueError:  # an integer with more digits than Python converts (sys.get_int_max_str_digits)
        long = re.search(r"-?\d{%d,}" % (sys.get_int_max_str_digits() + 1), text)
        index = long.start() if long else -1
        error = too_many_digits(long.group()) if long else "a number has too many digits"
        result.problems.append(Problem("INP001", index, long.end() if long else -1, {"error": error}))
        return result
    try:
        node = _Scanner(source, result.problems).scan()
    except _DepthExceeded as exceeded:
        result.problems.append(Problem("INP011", exceeded.index, exceeded.index + 1, {"limit": MAX_DEPTH}))
        return result
    except _BadNumber as number:
        result.problems.append(Problem("INP001", number.start, number.end, {"error": number.error}))
        return result
    result.documents = [node]
    return result


class _DepthExceeded(Exception):
    def __init__(self, index: int) -> None:
        super().__init__(index)
        self.index = index


class _Scanner:
    """Walks text already known to be valid JSON, building Nodes without recursion."""

    def __init__(self, source: SourceText, problems: list[Problem]) -> None:
        self.source = source
        self.text = source.text
        self.problems = problems
        self.surrogate_escapes = _SURROGATE_ESCAPE.search(self.text) is not None

    def skip(self, i: int) -> int:
        return _WHITESPACE.match(self.text, i).end()

    def scan(self) -> Node:
        text = self.text
        i = self.skip(0)
        # stack entries: [container, pending key (name, start, end) or None]
        stack: list[list[Any]] = []
        while True:
            char = text[i]
            if char in "{[":
                if len(stack) >= MAX_DEPTH:
                    raise _DepthExceeded(i)
                node = Node({} if char == "{" else [], i, i + 1)
                self.attach(stack, node)
                stack.append([node, None])
                i = self.skip(i + 1)
                if text[i] in "}]":
                    continue
                if char == "{":
                    i = self.key(stack, i)
                continue
            if char in "}]":
                node = stack.pop()[0]
                node.end = i + 1
                if not stack:
                    return node
                i = self.after_value(stack, i + 1)
                continue
            node, i = self.scalar(i)
            self.attach(stack, node)
            if not stack:
                return node
            i = self.after_value(stack, i)

    def after_value(self, stack: list[list[Any]], i: int) -> int:
        i = self.skip(i)
        if self.text[i] == ",":
            i = self.skip(i + 1)
            if isinstance(stack[-1][0].value, dict):
                i = self.key(stack, i)
        return i

    def key(self, stack: list[list[Any]], i: int) -> int:
        name, end = self.string(i)
        stack[-1][1] = (name, i, end)
        i = self.skip(end)
        return self.skip(i + 1)  # past the colon

    def string(self, i: int) -> tuple[str, int]:
        """The string starting at the quote at i, and the index past its closing quote. A lone
        surrogate escape (\\ud800 without its pair) is no character UTF-8 can hold:
        it is read as U+FFFD, one character for one escape, so offsets still map."""
        value, end = scanstring(self.text, i + 1)
        if self.surrogate_escapes:
            value = _LONE_SURROGATE.sub("\ufffd", value)
        return value, end

    def attach(self, stack: list[list[Any]], node: Node) -> None:
        if stack:
            place(stack[-1], node, self.problems)

    def scalar(self, i: int) -> tuple[Node, int]:
        text = self.text
        char = text[i]
        if char == '"':
            value, end = self.string(i)
            node = Node(value, i, end)
            node.text = _located(value, self.source, i, end)
            return node, end
        for word, literal in _LITERALS.items():
            if text.startswith(word, i):
                return Node(literal, i, i + len(word)), i + len(word)
        for constant in ("NaN", "Infinity", "-Infinity"):
            if text.startswith(constant, i):
                raise _BadNumber(i, i + len(constant), f"{constant} is not valid JSON")
        match = _NUMBER.match(text, i)
        number = match.group(0)
        value = float(number) if match.group(1) or match.group(2) else int(number)
        if overflowed(number, value):
            raise _BadNumber(i, match.end(), out_of_range(number))
        return Node(value, i, match.end()), match.end()


def _located(value: str, source: SourceText, start: int, end: int) -> LocatedText:
    if end - start - 2 == len(value):  # no escapes: a verbatim slice after the quote
        return LocatedText(value, source, start + 1, end - 1)
    return LocatedText(value, source, start + 1, end - 1, lambda: _escape_offsets(source.text, start + 1, end - 1))


def _escape_offsets(text: str, begin: int, end: int) -> Sequence[int]:
    """Source index of each decoded character of a JSON string body text[begin:end]."""
    offsets: list[int] = []
    j = begin
    while j < end:
        offsets.append(j)
        if text[j] != "\\":
            j += 1
            continue
        if text[j + 1] != "u":
            j += 2
            continue
        code = int(text[j + 2 : j + 6], 16)
        j += _HEX_ESCAPE_WIDTH
        # a surrogate pair decodes to one character from two escapes
        if 0xD800 <= code < 0xDC00 and text.startswith("\\u", j):
            low = int(text[j + 2 : j + 6], 16)
            if 0xDC00 <= low < 0xE000:
                j += _HEX_ESCAPE_WIDTH
    offsets.append(end)
    return offsets
