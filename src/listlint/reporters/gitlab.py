"""GitLab Code Quality report (a JSON array; the `codequality` artifact of a CI job).

Each finding: description, check_name (the code), fingerprint (unique per finding, and
stable when lines move), severity (error -> major, warning -> minor, info -> info) and
location.path + lines.begin/end. Paths are plain JSON strings, relative to the folder
listlint ran in (run it from the repository root).
"""

from __future__ import annotations

import hashlib
from typing import TextIO

from ..diagnostics import Diagnostic, Row
from . import LazyList, RowsOf, write_json

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def write(diagnostics: list[Diagnostic], summary: dict[str, int], out: TextIO, context: object = None) -> None:
    seen: set[str] = set()

    def issue(row: Row) -> dict[str, object]:
        path, line, column, end_line, _, code, _, severity, message = row[:9]
        fingerprint = row[12] or _digest(f"{path}:{line}:{column}:{code}")
        while fingerprint in seen:  # GitLab drops duplicates: keep every finding visible
            fingerprint = _digest(fingerprint)
        seen.add(fingerprint)
        return {
            "type": "issue",
            "description": f"{code} {message}",
            "check_name": code,
            "categories": ["Compliance"],
            "fingerprint": fingerprint,
            "severity": SEVERITIES[severity],
            "location": {"path": path, "lines": {"begin": line, "end": end_line}},
        }

    write_json(LazyList(RowsOf(diagnostics), issue), out)  # a run's log gives rows: no Diagnostic is made of each


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:20]
