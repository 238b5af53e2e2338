"""GitHub Actions workflow commands: one annotation per finding, then the summary line.

    ::error file=listings/a.yaml,line=4,col=32,endLine=4,endColumn=45,title=RED001 website-url::message

error -> `error`, warning -> `warning`, info -> `notice`. GitHub's escaping: in the
message `%`, CR and LF become %25, %0D, %0A; in property values `:` and `,` become %3A
and %2C as well (GitHub unescapes them again, so a path keeps its real name).
"""

from __future__ import annotations

from typing import TextIO

from ..diagnostics import Diagnostic
from .text import summary_line

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic) -> str:
    properties = {
        "file": d.path,
        "line": str(d.line),
        "col": str(d.column),
        "endLine": str(d.end_line),
        "endColumn": str(d.end_column),
        "title": f"{d.code} {d.name}",
    }
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{LEVELS[d.severity]} {props}::{escape_data(d.message)}"


def write(diagnostics: list[Diagnostic], summary: dict[str, int], out: TextIO, context: object = None) -> None:
    for d in diagnostics:
        out.write(annotation(d) + "\n")
    out.write(summary_line(summary) + "\n")
