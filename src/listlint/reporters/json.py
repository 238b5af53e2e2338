"""JSON output, versioned: {"version": 1, "diagnostics": [...], "summary": {...}}.

Fields of version 1 never change meaning; new fields may be added.
"""

from __future__ import annotations

from typing import TextIO

from ..diagnostics import Diagnostic
from . import LazyList, write_json

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
    document = {
        "version": FORMAT_VERSION,
        "diagnostics": LazyList(diagnostics, record),
        "summary": totals,
    }
    write_json(document, out)


def record(d: Diagnostic) -> dict[str, object]:
    out: dict[str, object] = {name: getattr(d, name) for name in FIELDS}
    if d.cell:  # workbooks: the cell ("Template!D12"); line and column are its row and column number
        out["cell"] = d.cell
    return out
