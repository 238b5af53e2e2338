"""Text output: `path:line:col: CODE severity message`, then a one-line summary.

One finding per line: control characters in paths and messages (a line break in a file
name) are written as escapes (\\n, \\t, \\x1b), so no finding spans two lines; so are the
invisible characters that reorder text on screen (right-to-left overrides and isolates,
U+202E as \\u202e), so a file name or a quoted value cannot make a finding read as
something else.

With colour (only `--format auto` on a terminal, or FORCE_COLOR) the same text carries
ANSI styles; without it the bytes are exactly the plain format.
"""

from __future__ import annotations

import re
from typing import TextIO

from ..diagnostics import Diagnostic, rows_of

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def clean(text: str) -> str:
    """Control and text-direction characters as escapes: one finding, one line, in file order."""
    return _CONTROL.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    code = ord(character)
    return _NAMED.get(character) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


_STYLE = {"path": "1", "error": "31;1", "warning": "33;1", "info": "36;1", "code": "1", "summary": "1"}


def _paint(text: str, style: str, color: bool) -> str:
    return f"\x1b[{_STYLE[style]}m{text}\x1b[0m" if color else text


def write(diagnostics: list[Diagnostic], summary: dict[str, int], out: TextIO, context: object = None) -> None:
    color = bool(getattr(context, "color", False))
    for row in rows_of(diagnostics):  # a run's log gives rows: no Diagnostic is made of each
        path, line, column, _, _, code, _, severity, message = row[:9]
        if _CONTROL.search(path) or _CONTROL.search(message):
            path, message = clean(path), clean(message)
        if color:
            out.write(f"{_paint(f'{path}:{line}:{column}:', 'path', True)} {_paint(code, 'code', True)} {_paint(severity, severity, True)} {message}\n")
        else:
            out.write(f"{path}:{line}:{column}: {code} {severity} {message}\n")
    out.write(_paint(summary_line(summary), "summary", color) + "\n")


def summary_line(summary: dict[str, int]) -> str:
    files = summary["files"]
    total = summary["error"] + summary["warning"] + summary["info"]
    checked = f"{files} file{'s' if files != 1 else ''} checked"
    if not total:
        line = f"No problems found ({checked})."
    else:
        parts = [f"{summary[s]} {s}{'s' if summary[s] != 1 and s != 'info' else ''}" for s in ("error", "warning", "info") if summary[s]]
        line = f"Found {total} problem{'s' if total != 1 else ''} ({', '.join(parts)}) in {checked}."
    return line + baseline_note(summary)


def baseline_note(summary: dict[str, int]) -> str:
    """' 3 hidden by the baseline; 1 baseline entry no longer occurs.' when a baseline was used."""
    if "baselined" not in summary:
        return ""
    hidden, gone = summary["baselined"], summary.get("baseline_fixed", 0)
    note = f" {hidden} known problem{'s' if hidden != 1 else ''} hidden by the baseline"
    if gone:
        note += f"; {gone} baseline entr{'ies' if gone != 1 else 'y'} no longer occur{'s' if gone == 1 else ''}"
    return note + "."
