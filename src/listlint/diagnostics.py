"""Diagnostics: the frozen records every reporter prints.

A fingerprint identifies a finding without its line number (code, path, sku, field, the
matched text and its occurrence), so baselines and CI annotations survive edits that
move lines.
"""

from __future__ import annotations

import hashlib
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from heapq import merge
from dataclasses import asdict, replace
from itertools import starmap
from operator import attrgetter, itemgetter
from typing import Any

from .lean_dataclass import lean_dataclass
from .rules import SEVERITY_RANK


@lean_dataclass(frozen=True, slots=True)
class Diagnostic:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: str
    message: str
    field: str = ""
    sku: str = ""
    match: str = ""
    fingerprint: str = ""
    # The source line the finding starts on, cut to at most CONTEXT_CHARS around it, and
    # the 1-based column of its first character: the HTML report highlights the finding
    # in it without knowing file formats. Not part of the JSON output.
    context: str = ""
    context_column: int = 1
    # Workbooks (.xlsx/.xlsm): the cell, e.g. "Template!D12"; line and column are then its
    # row and column number. Empty for text files. Not part of the fingerprint.
    cell: str = ""

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    def at_least(self, severity: str) -> bool:
        return SEVERITY_RANK[self.severity] >= SEVERITY_RANK[severity]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def __reduce__(self) -> tuple[type[Diagnostic], tuple[Any, ...]]:
        # the constructor's arguments: twice as fast to unpickle as the dataclass default,
        # which counts when a re-run reads a large catalog's results from the cache
        return (Diagnostic, as_row(self))


# A diagnostic as the plain tuple of its fields, in field order: what the engine makes of a
# finding, what a run's results keep on disk (stream.py) and what a report copies from,
# pickled in C without a call per object.
Row = tuple[Any, ...]
as_row: Any = attrgetter(*Diagnostic.__slots__)


class At:
    """Where a row holds each field of a Diagnostic."""

    PATH, LINE, COLUMN, END_LINE, END_COLUMN, CODE, NAME, SEVERITY, MESSAGE, FIELD, SKU, MATCH, FINGERPRINT, CONTEXT, CONTEXT_COLUMN, CELL = range(16)


ROW_SORT_KEY = itemgetter(At.PATH, At.LINE, At.COLUMN, At.CODE)  # Diagnostic.sort_key of a row
ROW_PATH = itemgetter(At.PATH)
ROW_SEVERITY = itemgetter(At.SEVERITY)


def draft(path: str, span: tuple[int, int, int, int], code: str, name: str, severity: str, message: str, field: str, sku: str, match: str) -> Row:
    """A finding's row as `finalise` takes it: a fingerprint that leaves lines out (finalise
    makes repeats unique), no line context yet. The engine makes each finding's diagnostic
    once, as this row, and finalise makes the Diagnostic."""
    return (path, *span, code, name, severity, message, field, sku, match, fingerprint(code, path, sku, field, match), "", 1, "")


def with_severity(row: Row, severity: str) -> Row:
    return (*row[: At.SEVERITY], severity, *row[At.SEVERITY + 1 :])


def in_cell(row: Row, cell: str) -> Row:
    """A workbook's diagnostic, naming its cell (Template!D12) in `cell` and in the message."""
    return (*row[: At.MESSAGE], f"{row[At.MESSAGE]} (cell {cell})", *row[At.MESSAGE + 1 : At.CELL], cell)


def from_rows(rows: Iterable[Row]) -> Iterator[Diagnostic]:
    return starmap(Diagnostic, rows)


def rows_of(diagnostics: Iterable[Diagnostic]) -> Iterable[Row]:
    """The diagnostics as rows: read as rows from a run's log (stream.DiagnosticLog.rows),
    without making a Diagnostic of each, or made from the objects."""
    rows = getattr(diagnostics, "rows", None)
    return rows() if rows is not None else map(as_row, diagnostics)


MESSAGE_MATCH_LIMIT = 60  # code points of a match quoted in a message


def shortened(text: str, limit: int = MESSAGE_MATCH_LIMIT) -> str:
    """`text` for a message: a long match keeps its beginning and end around an ellipsis,
    so one line stays readable (the diagnostic's span and `match` keep the whole text)."""
    if len(text) <= limit:
        return text
    tail = limit // 3
    return f"{text[: limit - tail - 1]}…{text[-tail:]}"


def fingerprint(code: str, path: str, sku: str, field: str, match: str, occurrence: int = 1) -> str:
    digest = hashlib.sha256("\x1f".join((code, path, sku, field, match.casefold(), str(occurrence))).encode("utf-8"))
    return digest.hexdigest()[:20]


CONTEXT_CHARS = 160


def finalise(diagnostics: list[Row], source: Any, seen: Seen | None = None, number: bool = True) -> list[Diagnostic]:
    """The diagnostics of one file (rows as `draft` makes them), sorted, with their source
    line context and unique fingerprints.

    `source` is the file's SourceText (or any object with `line_text(line)`). A fingerprint met twice in one file (two equal
    unused suppressions, the same input problem twice) gets its occurrence mixed in, in
    file order, so fingerprints stay unique per finding and still ignore line numbers.
    `seen`: the fingerprints of the file's earlier parts, when a file is finalised a part at
    a time (the rows of a flat file, each part after the one before it). `number=False`
    leaves repeats for `numbered` (a flat file's row ranges, checked by different workers).
    """
    return list(from_rows(finalised_rows(diagnostics, source, seen, number)))


def finalised_rows(diagnostics: list[Row], source: Any, seen: Seen | None = None, number: bool = True) -> list[Row]:
    """What `finalise` gives, as rows: a part of a flat file put aside on disk never
    becomes a Diagnostic until it is read back."""
    diagnostics.sort(key=ROW_SORT_KEY)
    seen = {} if seen is None else seen
    lines: dict[int, str] = {}  # each line cut out once: a 1 MB line may hold 100,000 findings
    out = []
    for row in diagnostics:
        path, line, column, end_line, end_column, code, name, severity, message, field, sku, match, lineless, _, _, cell = row
        unique = _unique(lineless, seen) if number else lineless
        context = lines.get(line)
        if context is not None and len(context) <= CONTEXT_CHARS:  # most lines: the whole line, cut out before
            context_column = 1
        else:
            context, context_column = _context(source, line, column, end_line, end_column, lines)
        out.append((path, line, column, end_line, end_column, code, name, severity, message, field, sku, match, unique, context, context_column, cell))
    return out


def numbered(diagnostics: Iterable[Diagnostic], seen: Seen) -> list[Diagnostic]:
    """Diagnostics finalised with `number=False`, their repeated fingerprints made unique
    as finalise makes them; `seen` holds the file's earlier diagnostics."""
    out = []
    for d in diagnostics:
        unique = _unique(d.fingerprint, seen)
        out.append(d if unique == d.fingerprint else replace(d, fingerprint=unique))
    return out


class FingerprintCounts:
    """How often each fingerprint of one file was met so far (`seen` of finalise), in
    memory that hardly grows with the findings: a flat file of 100,000 rows has some
    240,000. Fingerprints as `fingerprint` makes them (20 hex digits) are kept as numbers,
    RECENT at most in a set, the older ones in two sorted arrays (10 bytes each); a count
    above one, and any other fingerprint, in a dict. Counts as finalise counts in a dict."""

    RECENT = 65536

    def __init__(self) -> None:
        self._recent: set[int] = set()
        self._high = array("Q")  # the older fingerprints' first 64 bits, sorted
        self._low = array("H")  # and their last 16
        self._counts: dict[object, int] = {}

    def add(self, fingerprint: str) -> int:
        """The fingerprint met once more: how often it was met so far, this time included.
        The fingerprint is read as a number once (a call of get and one of set would read it twice)."""
        key = _number(fingerprint)
        if key is None:
            count = self._counts[fingerprint] = self._counts.get(fingerprint, 0) + 1
            return count
        count = self._counts.get(key)
        if count is None:
            if key not in self._recent and not (self._high and self._is_old(key)):
                self._recent.add(key)
                if len(self._recent) >= self.RECENT:
                    self._move_recent()
                return 1
            count = 1
        count = self._counts[key] = count + 1
        return count

    def _is_old(self, key: int) -> bool:
        high, low = key >> 16, key & 0xFFFF
        at = bisect_left(self._high, high)
        while at < len(self._high) and self._high[at] == high:
            if self._low[at] == low:
                return True
            at += 1
        return False

    def _move_recent(self) -> None:
        high, low = array("Q"), array("H")
        for key in merge(((h << 16) | l for h, l in zip(self._high, self._low)), sorted(self._recent)):
            high.append(key >> 16)
            low.append(key & 0xFFFF)
        self._high, self._low, self._recent = high, low, set()


Seen = dict[str, int] | FingerprintCounts
_HEX_DIGITS = frozenset("0123456789abcdef")


def _number(fingerprint: str) -> int | None:
    """A fingerprint of 20 lower-case hex digits as its number (one number, one text), else None."""
    return int(fingerprint, 16) if len(fingerprint) == 20 and _HEX_DIGITS.issuperset(fingerprint) else None


def _unique(fingerprint: str, seen: Seen) -> str:
    """The fingerprint, with its occurrence mixed in from the second time it is met."""
    if type(seen) is dict:
        count = seen[fingerprint] = seen.get(fingerprint, 0) + 1
    else:
        count = seen.add(fingerprint)  # type: ignore[union-attr]
    return fingerprint if count == 1 else hashlib.sha256(f"{fingerprint}\x1f{count}".encode()).hexdigest()[:20]


def _context(source: Any, number: int, column: int, end_line: int, end_column: int, lines: dict[int, str]) -> tuple[str, int]:
    """The text of line `number` around a finding from `column` to (end_line, end_column), and the column it starts at."""
    line = lines.get(number)
    if line is None:
        try:
            line = lines[number] = source.line_text(number)  # SourceText, or anything with line_text (flat-file rows)
        except IndexError:
            return "", 1
    if len(line) <= CONTEXT_CHARS:
        return line, 1
    end = end_column if end_line == number else len(line) + 1
    begin = max(1, column - CONTEXT_CHARS // 3)  # a little text before the finding, the rest after it
    return line[begin - 1 : begin - 1 + min(max(CONTEXT_CHARS, end - begin), 4 * CONTEXT_CHARS)], begin


def summarise(diagnostics: list[Diagnostic], files: int) -> dict[str, int]:
    counts = {"files": files, "error": 0, "warning": 0, "info": 0}
    for diagnostic in diagnostics:
        counts[diagnostic.severity] += 1
    return counts
