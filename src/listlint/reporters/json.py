"""JSON output, versioned: {"version": 1, "diagnostics": [...], "summary": {...}}.

Fields of version 1 never change meaning; new fields may be added.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from ..diagnostics import Diagnostic

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
    """The diagnostics as json.dump(indent=2) writes them inside the document, made here:
    the json module's indenting encoder runs in Python, token by token (a tenth of the CPU
    time of a large flat file's run), while a diagnostic is a flat object of strings and
    numbers, its strings escaped by the module's C function. Written in 64 KB pieces."""
    pieces: list[str] = []
    size = 0
    separator = "[\n    {\n"
    for d in diagnostics:
        piece = separator + ",\n".join(f'      "{name}": {_encoded(value)}' for name, value in record(d).items()) + "\n    }"
        separator = ",\n    {\n"
        pieces.append(piece)
        size += len(piece)
        if size >= 65536:
            out.write("".join(pieces))
            pieces, size = [], 0
    out.write("[]" if separator.startswith("[") else "".join(pieces) + "\n  ]")


def _encoded(value: object) -> str:
    if type(value) is str:
        return _escaped(value)
    return str(value) if type(value) is int else json.dumps(value)


_escaped = json.encoder.encode_basestring  # ensure_ascii=False: only quotes, backslashes and control characters are escaped


def record(d: Diagnostic) -> dict[str, object]:
    out: dict[str, object] = {name: getattr(d, name) for name in FIELDS}
    if d.cell:  # workbooks: the cell ("Template!D12"); line and column are its row and column number
        out["cell"] = d.cell
    return out
