"""Readers: file bytes to a located tree, one module per input format.

`read_source` does what every text format needs first: a size limit, binary and
encoding checks, the BOM. A file that fails them gets an INP problem and is not parsed.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..inputs import read_input
from ..safeio import FileTooLarge
from ..locations import SourceText
from ..tree import Problem, ReadResult

if TYPE_CHECKING:
    from .flatfile import RowRange, Table

BOM = "\ufeff"


def read_source(path: Path, shown: str, max_bytes: int, looked_at: bool = False) -> tuple[SourceText | None, list[Problem]]:
    """The decoded text of a file, or None with the problem that stopped it; `looked_at`:
    the file was just found regular (safeio.read_limited)."""
    try:
        raw = read_input(path, max_bytes, looked_at)
    except FileTooLarge as error:
        return None, [Problem("INP009", args={"size": f"{error.size / 1_048_576:.1f} MB", "limit": f"{max_bytes / 1_048_576:.0f} MB"})]
    except OSError as error:
        return None, [Problem("INP016", args={"error": error.strerror or str(error)})]
    if not raw.strip():
        return None, [Problem("INP004")]
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # text, but its NUL bytes would say binary
        return None, [Problem("INP002", args={"error": "it is UTF-16"})]
    if b"\x00" in raw:
        return None, [Problem("INP008")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        valid = raw[: error.start].decode("utf-8", errors="replace")
        source = SourceText(shown, valid)
        return source, [Problem("INP002", len(valid), len(valid) + 1, {"error": f"byte 0x{raw[error.start]:02x} is not UTF-8"})]
    problems = []
    if text.startswith(BOM):
        # Excel and Notepad write one; Amazon's uploads and YAML tools trip over it. All are
        # dropped: libyaml reads a second one as the encoding's mark too, which would put
        # every position on line 1 one character off the text's
        text = text.lstrip(BOM)
        problems.append(Problem("INP003", 0, 0))  # the BOM itself is not in the text: no match
    return SourceText(shown, text), problems


def reader_for(path: str | Path) -> Callable[[SourceText], ReadResult]:
    """The reader of a file's format, by its extension."""
    return _reader_of_suffix(file_suffix(path))


def file_suffix(path: str | Path) -> str:
    """The suffix Path(path).suffix gives ('' for '.profile' or 'notes.'), read off the
    string: a run's files travel as plain strings, because every Path made interns its
    parts, and a catalog's names would grow the interpreter's table of interned strings."""
    name = os.path.basename(path)
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


@cache  # a catalog has few suffixes: the choice and the import are made once for each
def _reader_of_suffix(suffix: str) -> Callable[[SourceText], ReadResult]:
    if suffix.lower() == ".json":
        from .json_reader import read_json

        return read_json
    from .yaml_reader import read_yaml

    return read_yaml


WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def read_table(path: Path, shown: str, defaults: tuple[str, ...], rows: RowRange | None = None) -> Table | None:
    """The rows of a flat file or workbook (of a text file: only those of `rows` when
    given), or None when it is no inventory template. Here, not in flatfile.py: the
    workbook reader builds on the flat-file one."""
    if path.suffix.lower() in WORKBOOK_SUFFIXES:  # each reader is loaded only for a file of its kind
        from .xlsx_reader import read_workbook

        return read_workbook(path, shown, defaults)
    from .flatfile import read_text_table

    return read_text_table(path, shown, defaults, rows)


def table_row_ranges(path: Path, range_bytes: int) -> list[RowRange]:
    """A large flat file's rows in ranges that workers check apart (flatfile.row_ranges);
    [] for a workbook, which is never split: openpyxl reads a sheet from its start."""
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return []
    from .flatfile import row_ranges

    return row_ranges(path, range_bytes)


# Orders and feedback reports have their own size limit (readers/orders.py): their rows
# are read one at a time into a few values each
REPORT_READERS = ("read_orders", "read_feedback")


def size_limit(reader: Callable[[SourceText], ReadResult] | None, default: int) -> int:
    """The largest file a reader is given: reports have their own limit."""
    if reader is None or reader.__name__ not in REPORT_READERS:
        return default
    from .orders import REPORT_MAX_BYTES

    return REPORT_MAX_BYTES


def stream_reader(reader: Callable[[SourceText], ReadResult] | None) -> Callable[[Path, str], ReadResult] | None:
    """The reader that reads a report from its file rather than from its whole text (orders
    reports: readers/orders.py), for a reader special_reader chose; None for the others."""
    if reader is None or reader.__name__ != "read_orders":
        return None
    from .orders import stream_orders

    return stream_orders


TEMPLATE_DATA_SUFFIXES = (".yaml", ".yml", ".json")  # under messages/ these are read as YAML/JSON (kind: message)
ORDERS_SUFFIXES = (".csv", ".tsv", ".txt")


def chosen_by_suffix(path: str | Path) -> bool:
    """Whether a file's suffix alone picks its reader (YAML and JSON: reader_for), so that
    special_reader need not be asked, nor the file's config-relative path worked out."""
    return file_suffix(path).lower() in TEMPLATE_DATA_SUFFIXES


def special_reader(path: Path, relative: str, config: object) -> Callable[[SourceText], ReadResult] | None:
    """Readers chosen by more than the suffix (issue 5): a message template under the
    config's `files.messages` globs, a feedback report by its header row, an orders
    report under `files.reports` or with an orders header row. None: the suffix decides (reader_for, or the flat-file reader)."""
    from ..discover import matches_glob

    suffix = path.suffix.lower()
    if suffix in ORDERS_SUFFIXES:
        from .orders import looks_like_orders, read_orders

        from .feedback import looks_like_feedback, read_feedback

        if looks_like_feedback(path):  # before the report globs: feedback reports sit beside orders reports
            return read_feedback
        if any(matches_glob(relative, g) for g in getattr(config, "report_globs", ())) or looks_like_orders(path):
            return read_orders
    if suffix not in TEMPLATE_DATA_SUFFIXES and any(matches_glob(relative, g) for g in getattr(config, "message_globs", ())):
        from .templates import read_template

        return read_template
    return None
