"""Suppression comments in listing files.

    # listlint: ignore[RED001,IPR] reason       on the offending line, or alone on the line above
    # listlint: file-ignore[LST004] reason      in the comment block at the top of the file

Codes or prefixes are required; a bare ignore (SUP001), an unknown code (SUP002), an
ignore that silences nothing (SUP003) and a file-ignore below the top (SUP004) are
reported, so suppressions cannot rot silently.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import field

from .lean_dataclass import lean_dataclass
from .locations import SourceText

_COMMENT = re.compile(r"#\s*listlint\s*:\s*(?P<kind>file-ignore|ignore)\b(?:\[(?P<codes>[^\]]*)\])?")


@lean_dataclass(slots=True)
class Suppression:
    kind: str  # ignore | file-ignore
    codes: tuple[str, ...]
    line: int  # where the comment is
    column: int
    end_column: int
    target: int  # the line it silences (0: the whole file)
    used: set[str] = field(default_factory=set)

    def covers(self, code: str, line: int) -> str | None:
        """The code or prefix that silences `code` at `line`, or None."""
        if self.target and self.target != line:
            return None
        for entry in self.codes:
            if code.startswith(entry):
                return entry
        return None


@lean_dataclass(slots=True)
class Misplaced:
    code: str  # SUP001 | SUP004
    line: int
    column: int
    end_column: int


def find_suppressions(source: SourceText, value_spans: Iterable[tuple[int, int]]) -> tuple[list[Suppression], list[Misplaced]]:
    """Every suppression comment in the file, and the malformed or misplaced ones.

    `value_spans` are the (start, end) source spans of string values: a '#' inside a
    value is listing text, not a comment, and never suppresses anything.
    """
    if "listlint" not in source.text:
        return [], []
    found: list[Suppression] = []
    bad: list[Misplaced] = []
    starts = source.line_starts
    lines = [source.line_text(number) for number in range(1, len(starts) + 1)]
    spans = sorted(value_spans)
    in_header = True
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and stripped != "---":
            in_header = False
        match = _COMMENT.search(line)
        if match is None or _inside(spans, starts[number - 1] + match.start()):
            continue
        column, end_column = match.start() + 1, len(line.rstrip()) + 1
        codes = tuple(c.strip().upper() for c in (match.group("codes") or "").split(",") if c.strip())
        if not codes:
            bad.append(Misplaced("SUP001", number, column, end_column))
            continue
        if match.group("kind") == "file-ignore":
            if not in_header:
                bad.append(Misplaced("SUP004", number, column, end_column))
                continue
            found.append(Suppression("file-ignore", codes, number, column, end_column, 0))
            continue
        alone = line[: match.start()].strip() == ""
        target = _next_content_line(lines, number) if alone else number
        found.append(Suppression("ignore", codes, number, column, end_column, target))
    return found, bad


def _inside(spans: list[tuple[int, int]], index: int) -> bool:
    position = bisect_right(spans, (index, float("inf"))) - 1
    return position >= 0 and spans[position][0] <= index < spans[position][1]


def _next_content_line(lines: list[str], number: int) -> int:
    for index in range(number, len(lines)):
        stripped = lines[index].strip()
        if stripped and not stripped.startswith("#"):
            return index + 1
    return -1
