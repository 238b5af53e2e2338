"""JUnit XML, the format CI test views read (GitLab, Jenkins, Azure, CircleCI ...).

One <testsuite> per file with findings, one <testcase> per finding, failing with the code,
the message and the location; no findings at all gives one passing testcase, so the CI
view shows that listlint ran. Text is XML-escaped; characters XML 1.0 cannot carry at all
(control characters, lone surrogates) are written as \\xNN.
"""

from __future__ import annotations

import re
from itertools import groupby
from typing import TextIO

from ..diagnostics import ROW_PATH, Diagnostic, Row, rows_of
from .text import summary_line

_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    return _INVALID.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def text(value: str) -> str:
    return _clean(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def attr(value: str) -> str:
    escaped = text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
    return f'"{escaped}"'


def write(diagnostics: list[Diagnostic], summary: dict[str, int], out: TextIO, context: object = None) -> None:
    total = len(diagnostics)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(f'<testsuites name="listlint" tests="{max(total, 1)}" failures="{total}" errors="0">\n')
    if not diagnostics:
        out.write('  <testsuite name="listlint" tests="1" failures="0" errors="0">\n')
        out.write(f'    <testcase name="listlint" classname="listlint"><system-out>{text(summary_line(summary))}</system-out></testcase>\n')
        out.write("  </testsuite>\n")
    for path, group in groupby(rows_of(diagnostics), key=ROW_PATH):  # a run's log gives rows: no Diagnostic is made of each
        findings = list(group)
        out.write(f'  <testsuite name={attr(path)} tests="{len(findings)}" failures="{len(findings)}" errors="0">\n')
        for row in findings:
            _write_testcase(row, out)
        out.write("  </testsuite>\n")
    out.write("</testsuites>\n")


def _write_testcase(row: Row, out: TextIO) -> None:
    """One finding (a row, diagnostics.as_row) as a failing testcase."""
    path, line, column, _, _, code, name, severity, message, field, sku = row[:11]
    title = f"{code} {name} at {line}:{column}"
    out.write(f"    <testcase name={attr(title)} classname={attr(path)} file={attr(path)} line=\"{line}\">\n")
    body = f"{path}:{line}:{column}: {code} {severity} {message}"
    if sku:
        body += f"\nsku: {sku}"
    if field:
        body += f"\nfield: {field}"
    out.write(f"      <failure message={attr(f'{code} {message}')} type={attr(severity)}>{text(body)}</failure>\n")
    out.write("    </testcase>\n")
