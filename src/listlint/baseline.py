"""Baselines: accept the findings a catalog already has, fail only on new ones.

`listlint check --write-baseline FILE` records every current finding; `--baseline FILE`
(or `baseline:` in the config) hides the recorded ones. Entries that no longer occur in
the files checked are counted (and listed on stderr), so the baseline only shrinks.

The file is versioned JSON, written atomically, sorted, without timestamps (it diffs well):

    {"listlint_baseline": 1, "listlint_version": "0.1.0",
     "findings": [{"fingerprint": "…", "code": "RED001", "path": "listings/a.yaml",
                   "sku": "BT-100", "message": "…"}]}

An entry's key is a diagnostic fingerprint (code, path, SKU, field, matched text and
occurrence; no line number, so it survives edits that move lines) whose path is taken
relative to the baseline file's folder, so the baseline works from any working folder.
A baseline written by a newer listlint (a newer format or program version), or one that
cannot be read, stops the run with exit 2.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import field
from pathlib import Path

from .lean_dataclass import lean_dataclass
from . import __version__
from .diagnostics import At, Diagnostic, Row, fingerprint, from_rows, rows_of
from .errors import SetupError
from .reporters import write_json
from .safeio import read_limited

FORMAT = 1
_FINGERPRINT = re.compile(r"^[0-9a-f]{20}$")


class BaselineError(SetupError):
    """A baseline file that cannot be used (exit 2)."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__("", 0, 0, f"baseline {path}: {problem}")


@lean_dataclass(slots=True)
class Entry:
    fingerprint: str
    code: str
    path: str  # relative to the baseline's folder
    sku: str = ""
    message: str = ""


class Kept:
    """The diagnostics a baseline does not hide, picked from the run's diagnostics each
    time they are read: a run's log is read back from disk (stream.DiagnosticLog), so
    memory does not grow with the catalog. Read as a reporter reads a run's log: its
    rows (diagnostics.rows_of), its Diagnostics, its length."""

    def __init__(self, diagnostics: Iterable[Diagnostic], known: set[str], cwd: Path, folder: Path) -> None:
        self._diagnostics, self._known, self._cwd, self._folder = diagnostics, known, cwd, folder
        self.matched: set[str] = set()  # the known keys found
        self.hidden = 0  # diagnostics with a known key
        self._length = 0
        for _, key in keyed_rows(rows_of(diagnostics), cwd, folder):
            if key in known:
                self.matched.add(key)
                self.hidden += 1
            else:
                self._length += 1

    def rows(self) -> Iterator[Row]:
        return (row for row, key in keyed_rows(rows_of(self._diagnostics), self._cwd, self._folder) if key not in self._known)

    def __iter__(self) -> Iterator[Diagnostic]:
        return from_rows(self.rows())

    def __len__(self) -> int:
        return self._length


@lean_dataclass(slots=True)
class Applied:
    kept: Kept  # new findings: reported and counted for the exit code
    hidden: int  # findings the baseline knows
    fixed: list[Entry] = field(default_factory=list)  # entries that no longer occur


def keys(diagnostics: Iterable[Diagnostic], cwd: Path, folder: Path) -> list[str]:
    """The baseline key of each diagnostic (same order); see keyed_rows."""
    return [key for _, key in keyed_rows(rows_of(diagnostics), cwd, folder)]


def keyed_rows(rows: Iterable[Row], cwd: Path, folder: Path) -> Iterator[tuple[Row, str]]:
    """Each diagnostic's row (diagnostics.as_row) with its baseline key. A file's
    diagnostics come together, as a run gives them (sorted by path): repeats of a finding
    are numbered within the file, and nothing is kept from one file to the next."""
    seen: dict[tuple[str, ...], int] = {}
    shown, path = None, ""  # the last diagnostic's path
    for row in rows:
        if row[At.PATH] != shown:
            shown, path, seen = row[At.PATH], relative(row[At.PATH], cwd, folder), {}
        code, sku, field_name, match = row[At.CODE], row[At.SKU], row[At.FIELD], row[At.MATCH]
        ident = (code, path, sku, field_name, match.casefold())
        seen[ident] = seen.get(ident, 0) + 1
        yield row, fingerprint(code, path, sku, field_name, match, seen[ident])


def relative(shown: str, cwd: Path, folder: Path) -> str:
    """A diagnostic's path (relative to the working folder, or absolute) relative to `folder`."""
    absolute = os.path.normpath(os.path.join(os.path.abspath(cwd), shown))
    try:
        found = os.path.relpath(absolute, os.path.abspath(folder))
    except ValueError:  # another drive
        found = absolute
    return found.replace(os.sep, "/")  # normalised already: Path(found).as_posix(), without a Path per file


def write(path: Path, diagnostics: list[Diagnostic], cwd: Path) -> int:
    """Record every finding; returns how many. Raises OSError when the file cannot be written."""
    from .atomic import atomic_write

    folder = path.parent
    entries = sorted(
        (
            {"fingerprint": key, "code": d.code, "path": relative(d.path, cwd, folder), "sku": d.sku, "message": d.message}
            for d, key in zip(diagnostics, keys(diagnostics, cwd, folder))
        ),
        key=lambda e: (e["path"], e["code"], e["sku"], e["fingerprint"]),
    )
    document = {"listlint_baseline": FORMAT, "listlint_version": __version__, "findings": entries}
    with atomic_write(path) as out:
        write_json(document, out, indent=1)
    return len(entries)


def read(path: Path) -> list[Entry]:
    try:
        raw = read_limited(path)
    except FileNotFoundError:
        raise BaselineError(path, "not found (create it with --write-baseline)") from None
    except OSError as error:
        raise BaselineError(path, f"cannot read: {error.strerror or error}") from None
    try:
        document = json.loads(raw.decode("utf-8-sig"))  # a BOM from a Windows editor is no corruption
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise BaselineError(path, f"corrupted: not valid JSON ({_json_error(error)}); rewrite it with --write-baseline") from None
    if not isinstance(document, dict) or "listlint_baseline" not in document:
        raise BaselineError(path, "corrupted: not a listlint baseline (no 'listlint_baseline' key); rewrite it with --write-baseline")
    version = document.get("listlint_baseline")
    written_by = document.get("listlint_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BaselineError(path, f"corrupted: format version {version!r} is not a positive integer")
    if written_by is not None and not isinstance(written_by, str):
        raise BaselineError(path, f"corrupted: 'listlint_version' is {_json_type(written_by)}, not a version string such as \"{__version__}\"; rewrite it with --write-baseline")
    if version > FORMAT or (isinstance(written_by, str) and _newer(written_by, __version__)):
        raise BaselineError(
            path,
            f"written by a newer listlint ({written_by or 'unknown version'}, baseline format {version}); "
            f"this is listlint {__version__} (baseline format {FORMAT}): upgrade listlint, or rewrite the baseline with --write-baseline",
        )
    findings = document.get("findings")
    if not isinstance(findings, list):
        raise BaselineError(path, "corrupted: 'findings' is not a list")
    entries = []
    for number, item in enumerate(findings, 1):
        if not isinstance(item, dict) or not isinstance(item.get("fingerprint"), str) or not _FINGERPRINT.match(item["fingerprint"]):
            raise BaselineError(path, f"corrupted: finding {number} has no valid fingerprint")
        values = {name: item.get(name, "") for name in ("code", "path", "sku", "message")}
        if not all(isinstance(v, str) for v in values.values()):
            raise BaselineError(path, f"corrupted: finding {number} has a field that is not text")
        entries.append(Entry(item["fingerprint"], **values))
    return entries


def apply(entries: list[Entry], diagnostics: Iterable[Diagnostic], cwd: Path, folder: Path, checked: Iterable[str] | None = None, codes: set[str] | None = None) -> Applied:
    """Hide known findings (`diagnostics`: a run's, a file's together, walked again each
    time the kept ones are read). `checked` (paths of the files this run read) and `codes`
    (rules that ran) limit which missing entries count as fixed: a file or rule that was
    not part of this run says nothing about its entries."""
    known = {entry.fingerprint for entry in entries}
    kept = Kept(diagnostics, known, cwd, folder)
    fixed = [e for e in entries if e.fingerprint not in kept.matched and (codes is None or e.code in codes)]
    if checked is not None:  # only the entries' own files are looked for among the run's
        named = {e.path for e in fixed}
        read = {path for path in (relative(p, cwd, folder) for p in checked) if path in named}
        fixed = [e for e in fixed if e.path in read]
    return Applied(kept, kept.hidden, fixed)


def _json_type(value: object) -> str:
    """A JSON value's type in words (the value itself may be a 5,000-digit number)."""
    if isinstance(value, bool):
        return "true or false"
    return {int: "a number", float: "a number", list: "a list", dict: "an object"}.get(type(value), "null")
def _json_error(error: Exception) -> str:
    """What is wrong, in listlint's words where Python's would mislead (its advice to raise
    the digit limit, a recursion depth)."""
    if isinstance(error, RecursionError):
        return "nested too deeply"
    if "integer string conversion" in str(error):
        return f"a number has more than {sys.get_int_max_str_digits()} digits"
    return str(error)


def _newer(version: str, than: str) -> bool:
    def parts(text: str) -> tuple[int, ...]:
        numbers = re.findall(r"\d+", text.split("+")[0])
        return tuple(int(n) for n in numbers[:3])

    return parts(version) > parts(than)
