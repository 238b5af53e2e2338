"""`--statistics`: how many findings of each code, most frequent first.

    12  RED001  error    website-url
     3  LST004  error    promotional-phrase
    15  total

Printed after the findings in text output; with a machine-readable format on stdout it
goes to stderr, so stdout stays one valid document.
"""

from __future__ import annotations

from typing import TextIO

from ..diagnostics import Diagnostic


def write(diagnostics: list[Diagnostic], out: TextIO) -> None:
    counts: dict[str, int] = {}
    first: dict[str, Diagnostic] = {}
    for d in diagnostics:
        counts[d.code] = counts.get(d.code, 0) + 1
        first.setdefault(d.code, d)
    width = max([len(str(len(diagnostics)))] + [len(str(c)) for c in counts.values()])
    for code in sorted(counts, key=lambda c: (-counts[c], c)):
        d = first[code]
        out.write(f"{counts[code]:>{width}}  {code:<7} {d.severity:<8} {d.name}\n")
    out.write(f"{len(diagnostics):>{width}}  total\n")
