"""The whole-catalog comparison: a run's findings, sorted, stored once and compared byte for byte.

    python benchmarks/suite.py --quick --compare-output ref.json   # first run: stores ref.json
    ... change listlint ...
    python benchmarks/suite.py --quick --compare-output ref.json   # compares; exit 1 if different

The file holds the JSON report's diagnostics of the real-text catalog, one a line, each with
sorted keys, the lines sorted: the same findings give the same bytes whatever order a change
reports them in, and any other change (a position, a message, a finding more or less) shows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Comparison:
    stored: bool  # True: there was no reference yet, this run's findings are it now
    identical: bool
    detail: str


def canonical_findings(report_path: Path) -> bytes:
    diagnostics = json.loads(report_path.read_text("utf-8"))["diagnostics"]
    lines = sorted(json.dumps(d, sort_keys=True, ensure_ascii=False) for d in diagnostics)
    return ("[\n" + ",\n".join(lines) + "\n]\n").encode("utf-8")


def compare_with_reference(report_path: Path, reference: Path) -> Comparison:
    """Store the findings of `report_path` at `reference` when it does not exist, else compare."""
    current = canonical_findings(report_path)
    findings = current.count(b"\n") - 1
    if not reference.exists():
        reference.write_bytes(current)
        return Comparison(True, True, f"stored {findings:,} findings in {reference}")
    expected = reference.read_bytes()
    if current == expected:
        return Comparison(False, True, f"{findings:,} findings byte-identical to {reference}")
    return Comparison(False, False, _first_difference(expected, current, reference))


def _first_difference(expected: bytes, current: bytes, reference: Path) -> str:
    old, new = expected.decode("utf-8").splitlines(), current.decode("utf-8").splitlines()
    line = next((n for n, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
    shown = lambda lines: lines[line] if line < len(lines) else "(end)"  # noqa: E731
    return f"{len(new) - 2:,} findings, {reference} has {len(old) - 2:,}; first difference at line {line + 1}: was {shown(old)} now {shown(new)}"
