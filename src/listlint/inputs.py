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

_GIVEN: dict[str, bytes] = {}


def give(path: Path, data: bytes) -> None:
    """Read `data` wherever the file `path` would be read, for the rest of this process."""
    _GIVEN[os.path.abspath(path)] = data


def open_input(path: Path) -> BinaryIO:
    """The file's bytes as a binary stream (raises OSError as open() does)."""
    given = _GIVEN.get(os.path.abspath(path))
    return io.BytesIO(given) if given is not None else open(path, "rb")


def is_given(path: Path) -> bool:
    return os.path.abspath(path) in _GIVEN


def input_size(path: Path) -> int:
    given = _GIVEN.get(os.path.abspath(path))
    return len(given) if given is not None else path.stat().st_size
