"""Where a file's bytes come from: the disk, or text handed over in its place.

`listlint check - --stdin-filename PATH` lints standard input as if it were the file PATH:
its config, globs, suppressions, relative paths and format all follow from that name,
but nothing is read from (or written to) PATH itself. The readers open every listing
file through `open_input`, so a given text is read exactly as the file would be.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import BinaryIO

from .safeio import FileTooLarge, open_regular, read_limited

_GIVEN: dict[str, bytes] = {}


def give(path: Path, data: bytes) -> None:
    """Read `data` wherever the file `path` would be read, for the rest of this process."""
    _GIVEN[os.path.abspath(path)] = data


def open_input(path: Path) -> BinaryIO:
    """The file's bytes as a binary stream: the given text, else the regular file opened
    without blocking (OSError, NotRegularFile for a FIFO or device)."""
    given = _GIVEN.get(os.path.abspath(path)) if _GIVEN else None
    return io.BytesIO(given) if given is not None else open_regular(path)


def read_input(path: Path, limit: int, looked_at: bool = False) -> bytes:
    """All bytes of the input, at most `limit` of them (FileTooLarge beyond); `looked_at`:
    the file was just found regular (safeio.read_limited)."""
    given = _GIVEN.get(os.path.abspath(path)) if _GIVEN else None  # nothing given: no path to work out per file
    if given is None:
        return read_limited(path, limit, looked_at)
    if len(given) > limit:
        raise FileTooLarge(path, len(given), limit)
    return given


def is_given(path: Path) -> bool:
    return bool(_GIVEN) and os.path.abspath(path) in _GIVEN


def input_size(path: Path) -> int:
    given = _GIVEN.get(os.path.abspath(path))
    return len(given) if given is not None else path.stat().st_size
