"""JSON Lines: one JSON object per diagnostic, one per line, the fields of the JSON format.

No summary line: every line is a finding, so `wc -l` counts them and tools can stream.
Line breaks inside values are escaped by JSON, so a record never spans two lines.
"""

from __future__ import annotations

import json
from typing import TextIO

from ..diagnostics import Diagnostic, rows_of
from .json import row_record


def write(diagnostics: list[Diagnostic], summary: dict[str, int], out: TextIO, context: object = None) -> None:
    for row in rows_of(diagnostics):  # a run's log gives rows: no Diagnostic is made of each
        # U+2028/U+2029 are escaped too: some line readers split on them
        line = json.dumps(row_record(row), ensure_ascii=False, separators=(",", ":"))
        out.write(line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n")
