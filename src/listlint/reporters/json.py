"""JSON output, versioned: {"version": 1, "diagnostics": [...], "summary": {...}}.

Fields of version 1 never change meaning; new fields may be added.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from ..diagnostics import Diagnostic, Row, as_row, rows_of

FORMAT_VERSION = 1
FIELDS = ("path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message", "field", "sku", "match", "fingerprint")


def write(diagnostics: list[Diagnostic], summary: dict[str, int], out: TextIO, context: object = None) -> None:
    totals = {
        "files": summary["files"],
        "errors": summary["error"],
        "warnings": summary["warning"],
        "info": summary["info"],
    }
    if "baselined" in summary:  # only with --baseline
        totals["baselined"] = summary["baselined"]
        totals["baseline_fixed"] = summary.get("baseline_fixed", 0)
    out.write(f'{{\n  "version": {FORMAT_VERSION},\n  "diagnostics": ')
    _write_array(diagnostics, out)
    out.write(',\n  "summary": ' + json.dumps(totals, ensure_ascii=False, indent=2).replace("\n", "\n  ") + "\n}\n")


def _write_array(diagnostics: Iterable[Diagnostic], out: TextIO) -> None:
    """The diagnostics as json.dump(indent=2) writes them inside the document, made here
    from their rows (diagnostics.rows_of: a run's log gives them without making a
    Diagnostic of each): the json module's indenting encoder runs in Python, token by
    token, while a diagnostic is a flat object of strings and numbers, its strings escaped
    by the module's C function. Written in 64 KB pieces."""
    pieces: list[str] = []
    size = 0
    separator = "[\n    {\n"
    for row in rows_of(diagnostics):
        piece = separator + _object(row) + "\n    }"
        separator = ",\n    {\n"
        pieces.append(piece)
        size += len(piece)
        if size >= 65536:
            out.write("".join(pieces))
            pieces, size = [], 0
    out.write("[]" if separator.startswith("[") else "".join(pieces) + "\n  ]")


def _object(row: Row) -> str:
    """The members of one diagnostic (FIELDS, then `cell` for a workbook), one a line."""
    path, line, column, end_line, end_column, code, name, severity, message, field, sku, match, fingerprint, _, _, cell = row
    e = _escaped
    text = (
        f'      "path": {e(path)},\n      "line": {line},\n      "column": {column},\n      "end_line": {end_line},\n'
        f'      "end_column": {end_column},\n      "code": {e(code)},\n      "name": {e(name)},\n      "severity": {e(severity)},\n'
        f'      "message": {e(message)},\n      "field": {e(field)},\n      "sku": {e(sku)},\n      "match": {e(match)},\n'
        f'      "fingerprint": {e(fingerprint)}'
    )
    return text + f',\n      "cell": {e(cell)}' if cell else text


_escaped = json.encoder.encode_basestring  # ensure_ascii=False: only quotes, backslashes and control characters are escaped


def record(d: Diagnostic) -> dict[str, object]:
    return row_record(as_row(d))


def row_record(row: Row) -> dict[str, object]:
    """A diagnostic's members as a dict: FIELDS, the first members of its row, then `cell` for a workbook."""
    out: dict[str, object] = dict(zip(FIELDS, row))
    cell = row[15]
    if cell:  # workbooks: the cell ("Template!D12"); line and column are its row and column number
        out["cell"] = cell
    return out
