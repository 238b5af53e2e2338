"""Excel inventory templates (.xlsx, .xlsm) through openpyxl, an optional extra.

The workbook is opened read-only with cached values only (`data_only`): formulas are not
evaluated and macros are never run (openpyxl does not execute VBA; `keep_vba` is off).
The sheet named `Template` is preferred; otherwise the first sheet with an inventory
header row. Rows are streamed; a diagnostic's line and column are its cell's row and
column number, and `Table.located` names the cell (`Template!D12`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..inputs import open_input
from ..locations import SourceText
from ..records import Record
from ..tree import Node, Problem
from .flatfile import CellRowSource, CellText, Column, Columns, Table, find_header, has_preamble, header_problems, parse_column, row_records, HEADER_SEARCH_ROWS


# A workbook is a zip of XML parts. Its parts are checked against these before openpyxl
# opens it (openpyxl reads the shared strings whole, so one huge cell there would fill the
# memory): a 2 MB file can unpack to gigabytes. Python's zipfile stops each part at its
# declared size while streaming it (a part that is longer fails its check), so the
# declared sizes are what is checked. Rows and columns stop at Excel's own limits.
MAX_PART_BYTES = 256 * 1024 * 1024
MAX_WORKBOOK_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 200  # unpacked : packed, for parts over RATIO_FROM bytes
RATIO_FROM = 1024 * 1024
MAX_PARTS = 10_000
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384


def read_workbook(path: Path, shown: str, defaults: tuple[str, ...]) -> Table | None:
    try:
        import openpyxl
    except ImportError:
        return _problem(shown, Problem("INP028"))
    try:
        # One descriptor, checked to be a regular file, serves the size check and openpyxl:
        # reopening by name would let a FIFO swapped in between make the read wait.
        handle = open_input(path)
    except OSError as error:
        return _problem(shown, Problem("INP026", args={"error": _reason(error)}))
    too_large = _over_limits(handle)
    if too_large is not None:
        handle.close()
        return _problem(shown, Problem("INP061", args={"detail": too_large}))
    try:
        handle.seek(0)
        workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True, keep_vba=False, keep_links=False)
    except Exception as error:  # a zip of something else, a renamed CSV, a damaged file
        handle.close()
        return _problem(shown, Problem("INP026", args={"error": _reason(error)}))
    try:
        names = sorted(workbook.sheetnames, key=lambda n: n.strip().lower() != "template")
        preamble = False
        empty_template = None
        for name in names:
            sheet = workbook[name]
            head = [list(row) for row in sheet.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True)]
            header = find_header(head)
            if header is not None:
                return Table(_rows(workbook, handle, sheet, name, head[header], header + 1, shown, defaults), sheet=name)
            preamble = preamble or has_preamble(head)
            if name.strip().lower() == "template" and not any(any(v is not None and str(v).strip() for v in row) for row in head):
                empty_template = name
        _close(workbook, handle)
        if preamble:
            return _problem(shown, Problem("INP021"))
        if empty_template is not None:
            return _problem(shown, Problem("INP027", args={"detail": f"sheet '{empty_template}' is empty"}))
    except Exception as error:
        _close(workbook, handle)
        return _problem(shown, Problem("INP026", args={"error": _reason(error)}))
    return None


def _close(workbook: Any, handle: BinaryIO) -> None:
    """openpyxl closes its zip archive, not a stream it was given."""
    workbook.close()
    handle.close()


def _over_limits(handle: BinaryIO) -> str | None:
    """What makes the workbook's zip too large to unpack, or None."""
    import zipfile

    try:
        with zipfile.ZipFile(handle) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # not a zip: openpyxl says what it is (INP026)
    if len(parts) > MAX_PARTS:
        return f"it has {len(parts):,} parts, more than {MAX_PARTS:,}"
    for part in parts:
        if part.file_size > MAX_PART_BYTES:
            return f"its part {part.filename[:80]} unpacks to {_mebibytes(part.file_size)}, over the {_mebibytes(MAX_PART_BYTES)} limit"
        if part.file_size > RATIO_FROM and part.file_size > MAX_RATIO * max(part.compress_size, 1):
            return f"its part {part.filename[:80]} unpacks {part.file_size // max(part.compress_size, 1):,} times larger than it is packed, more than {MAX_RATIO} times"
    total = sum(part.file_size for part in parts)
    if total > MAX_WORKBOOK_BYTES:
        return f"it unpacks to {_mebibytes(total)}, over the {_mebibytes(MAX_WORKBOOK_BYTES)} limit"
    return None


def _mebibytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MiB"


def _reason(error: Exception) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {text[:120]}" if text else type(error).__name__


def _problem(shown: str, problem: Problem) -> Table:
    return Table(iter([(SourceText(shown, ""), [], [problem])]))


def cell_text(value: Any) -> str:
    """A cell value as the text a seller typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _rows(workbook: Any, handle: BinaryIO, sheet: Any, name: str, header_row: list[Any], header_number: int, shown: str, defaults: tuple[str, ...]) -> Iterator[tuple[SourceText, list[Record], list[Problem]]]:
    try:
        columns: list[Column | None] = [parse_column(i, v) for i, v in enumerate(header_row)]
        header_cells = [(i + 1, cell_text(v)) for i, v in enumerate(header_row)]
        source = CellRowSource(shown, header_number, header_cells)
        spans = list(zip(source.starts, source.ends))
        yield source, [], header_problems(columns, spans)
        row_columns = Columns(columns)
        data_rows = 0
        for number, row in enumerate(sheet.iter_rows(min_row=header_number + 1, max_col=EXCEL_MAX_COLUMNS, values_only=True), start=header_number + 1):
            if number > EXCEL_MAX_ROWS:
                detail = f"sheet '{name}' goes on past row {EXCEL_MAX_ROWS:,}, Excel's last row; the rows after it are not checked"
                yield SourceText(shown, ""), [], [Problem("INP061", -1, -1, {"detail": detail})]
                break
            texts = [cell_text(v) for v in row]
            if not any(t.strip() for t in texts):
                continue
            data_rows += 1
            cells = [(i + 1, t) for i, t in enumerate(texts)]
            source = CellRowSource(shown, number, cells)
            nodes: list[Node | None] = []
            for i, text in enumerate(texts):
                if not text.strip():
                    nodes.append(None)
                    continue
                start, end = source.starts[i], source.ends[i]
                nodes.append(Node(text, start, end, text=CellText(text, source, start, end)))
            problems: list[Problem] = []
            if len(texts) > len(columns) and any(t.strip() for t in texts[len(columns) :]):
                problems.append(Problem("INP023", source.starts[len(columns)], source.ends[len(columns)], {"count": len(texts), "columns": len(columns)}))
            records = row_records(source, row_columns, nodes, defaults, problems, number)
            yield source, records, problems
        if not data_rows:
            yield SourceText(shown, ""), [], [Problem("INP027", -1, -1, {"detail": f"sheet '{name}' has a header row but no data rows"})]
    finally:
        _close(workbook, handle)
