"""Text output: `path:line:col: CODE severity message`, then a one-line summary."""

from __future__ import annotations

from typing import TextIO

from ..diagnostics import Diagnostic


def write(diagnostics: list[Diagnostic], summary: dict[str, int], out: TextIO) -> None:
    for d in diagnostics:
        out.write(f"{d.path}:{d.line}:{d.column}: {d.code} {d.severity} {d.message}\n")
    out.write(summary_line(summary) + "\n")


def summary_line(summary: dict[str, int]) -> str:
    files = summary["files"]
    total = summary["error"] + summary["warning"] + summary["info"]
    checked = f"{files} file{'s' if files != 1 else ''} checked"
    if not total:
        return f"No problems found ({checked})."
    parts = [f"{summary[s]} {s}{'s' if summary[s] != 1 and s != 'info' else ''}" for s in ("error", "warning", "info") if summary[s]]
    return f"Found {total} problem{'s' if total != 1 else ''} ({', '.join(parts)}) in {checked}."
