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
from typing import Any

from ..inputs import is_given, open_input
from ..locations import SourceText
from ..records import Record
from ..tree import Node, Problem
from .flatfile import CellRowSource, CellText, Column, Table, find_header, has_preamble, header_problems, parse_column, row_records, HEADER_SEARCH_ROWS


def read_workbook(path: Path, shown: str, defaults: tuple[str, ...]) -> Table | None:
    try:
        import openpyxl
    except ImportError:
        return _problem(shown, Problem("INP028"))
    try:
        workbook = openpyxl.load_workbook(open_input(path) if is_given(path) else path, read_only=True, data_only=True, keep_vba=False, keep_links=False)
    except Exception as error:  # a zip of something else, a renamed CSV, a damaged file
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
                return Table(_rows(workbook, sheet, name, head[header], header + 1, shown, defaults), sheet=name)
            preamble = preamble or has_preamble(head)
            if name.strip().lower() == "template" and not any(any(v is not None and str(v).strip() for v in row) for row in head):
                empty_template = name
        if preamble:
            workbook.close()
            return _problem(shown, Problem("INP021"))
        if empty_template is not None:
            workbook.close()
            return _problem(shown, Problem("INP027", args={"detail": f"sheet '{empty_template}' is empty"}))
    except Exception as error:
        workbook.close()
        return _problem(shown, Problem("INP026", args={"error": _reason(error)}))
    workbook.close()
    return None


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


def _rows(workbook: Any, sheet: Any, name: str, header_row: list[Any], header_number: int, shown: str, defaults: tuple[str, ...]) -> Iterator[tuple[SourceText, list[Record], list[Problem]]]:
    try:
        columns: list[Column | None] = [parse_column(i, v) for i, v in enumerate(header_row)]
        header_cells = [(i + 1, cell_text(v)) for i, v in enumerate(header_row)]
        source = CellRowSource(shown, header_number, header_cells)
        spans = list(zip(source.starts, source.ends))
        yield source, [], header_problems(columns, spans)
        data_rows = 0
        for number, row in enumerate(sheet.iter_rows(min_row=header_number + 1, values_only=True), start=header_number + 1):
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
            records = row_records(source, columns, nodes, defaults, problems, f"row {number}")
            yield source, records, problems
        if not data_rows:
            yield SourceText(shown, ""), [], [Problem("INP027", -1, -1, {"detail": f"sheet '{name}' has a header row but no data rows"})]
    finally:
        workbook.close()
