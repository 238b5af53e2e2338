"""GitHub Actions workflow commands: one annotation per finding, then the summary line.

    ::error file=listings/a.yaml,line=4,col=32,endLine=4,endColumn=45,title=RED001 website-url::message

error -> `error`, warning -> `warning`, info -> `notice`. GitHub's escaping: in the
message `%`, CR and LF become %25, %0D, %0A; in property values `:` and `,` become %3A
and %2C as well (GitHub unescapes them again, so a path keeps its real name).
"""

from __future__ import annotations

from typing import TextIO

from ..diagnostics import Diagnostic, Row, rows_of
from .text import summary_line

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(row: Row) -> str:
    """One diagnostic's workflow command, from its row (diagnostics.as_row)."""
    path, line, column, end_line, end_column, code, name, severity, message = row[:9]
    properties = {
        "file": path,
        "line": str(line),
        "col": str(column),
        "endLine": str(end_line),
        "endColumn": str(end_column),
        "title": f"{code} {name}",
    }
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{LEVELS[severity]} {props}::{escape_data(message)}"


def write(diagnostics: list[Diagnostic], summary: dict[str, int], out: TextIO, context: object = None) -> None:
    for row in rows_of(diagnostics):  # a run's log gives rows: no Diagnostic is made of each
        out.write(annotation(row) + "\n")
    out.write(summary_line(summary) + "\n")
