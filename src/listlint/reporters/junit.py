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

from ..diagnostics import Diagnostic
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
    for path, group in groupby(diagnostics, key=lambda d: d.path):
        findings = list(group)
        out.write(f'  <testsuite name={attr(path)} tests="{len(findings)}" failures="{len(findings)}" errors="0">\n')
        for d in findings:
            where = f"{d.path}:{d.line}:{d.column}"
            name = f"{d.code} {d.name} at {d.line}:{d.column}"
            out.write(f"    <testcase name={attr(name)} classname={attr(d.path)} file={attr(d.path)} line=\"{d.line}\">\n")
            body = f"{where}: {d.code} {d.severity} {d.message}"
            if d.sku:
                body += f"\nsku: {d.sku}"
            if d.field:
                body += f"\nfield: {d.field}"
            out.write(f"      <failure message={attr(f'{d.code} {d.message}')} type={attr(d.severity)}>{text(body)}</failure>\n")
            out.write("    </testcase>\n")
        out.write("  </testsuite>\n")
    out.write("</testsuites>\n")
