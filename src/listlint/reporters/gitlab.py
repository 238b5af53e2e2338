"""GitLab Code Quality report (a JSON array; the `codequality` artifact of a CI job).

Each finding: description, check_name (the code), fingerprint (unique per finding, and
stable when lines move), severity (error -> major, warning -> minor, info -> info) and
location.path + lines.begin/end. Paths are plain JSON strings, relative to the folder
listlint ran in (run it from the repository root).
"""

from __future__ import annotations

import hashlib
from typing import TextIO

from ..diagnostics import Diagnostic
from . import LazyList, write_json

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def write(diagnostics: list[Diagnostic], summary: dict[str, int], out: TextIO, context: object = None) -> None:
    seen: set[str] = set()

    def issue(d: Diagnostic) -> dict[str, object]:
        fingerprint = d.fingerprint or _digest(f"{d.path}:{d.line}:{d.column}:{d.code}")
        while fingerprint in seen:  # GitLab drops duplicates: keep every finding visible
            fingerprint = _digest(fingerprint)
        seen.add(fingerprint)
        return {
            "type": "issue",
            "description": f"{d.code} {d.message}",
            "check_name": d.code,
            "categories": ["Compliance"],
            "fingerprint": fingerprint,
            "severity": SEVERITIES[d.severity],
            "location": {"path": d.path, "lines": {"begin": d.line, "end": d.end_line}},
        }

    write_json(LazyList(diagnostics, issue), out)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:20]
