"""JSON output, versioned: {"version": 1, "diagnostics": [...], "summary": {...}}.

Fields of version 1 never change meaning; new fields may be added.
"""

from __future__ import annotations

import json
from typing import TextIO

from ..diagnostics import Diagnostic

FORMAT_VERSION = 1
FIELDS = ("path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message", "field", "sku", "match", "fingerprint")


def write(diagnostics: list[Diagnostic], summary: dict[str, int], out: TextIO) -> None:
    document = {
        "version": FORMAT_VERSION,
        "diagnostics": [{name: getattr(d, name) for name in FIELDS} for d in diagnostics],
        "summary": {
            "files": summary["files"],
            "errors": summary["error"],
            "warnings": summary["warning"],
            "info": summary["info"],
        },
    }
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")
