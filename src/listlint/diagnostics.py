"""Diagnostics: the frozen records every reporter prints.

A fingerprint identifies a finding without its line number (code, path, sku, field, the
matched text and its occurrence), so baselines and CI annotations survive edits that
move lines.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from typing import Any

from .rules import SEVERITY_RANK


@dataclass(frozen=True, slots=True)
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

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    def at_least(self, severity: str) -> bool:
        return SEVERITY_RANK[self.severity] >= SEVERITY_RANK[severity]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def fingerprint(code: str, path: str, sku: str, field: str, match: str, occurrence: int) -> str:
    digest = hashlib.sha256("\x1f".join((code, path, sku, field, match.casefold(), str(occurrence))).encode("utf-8"))
    return digest.hexdigest()[:20]


def summarise(diagnostics: list[Diagnostic], files: int) -> dict[str, int]:
    counts = {"files": files, "error": 0, "warning": 0, "info": 0}
    for diagnostic in diagnostics:
        counts[diagnostic.severity] += 1
    return counts
