"""Atomic file writes: a temporary file in the same folder, then os.replace.

A crash or a full disk never leaves a half-written report or baseline: readers see the
old file or the new one. The new file gets the usual permissions (0666 less the umask),
or the permissions of the file it replaces.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO


@contextmanager
def atomic_write(path: Path) -> Iterator[TextIO]:
    """Yields a text stream (UTF-8, \\n line ends); the file appears only if the block succeeds.

    Raises OSError when the folder is missing or not writable, or the path is a folder.
    """
    with _replacing(path) as fd:
        with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape", newline="\n") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Writes `data` to `path` the same way (the old file or the new one, never half of one)."""
    with _replacing(path) as fd:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())


@contextmanager
def _replacing(path: Path) -> Iterator[int]:
    """A descriptor of a temporary file beside `path` that replaces it when the block succeeds."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise IsADirectoryError(21, "Is a directory", str(path))
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        yield fd
        os.chmod(temporary, _mode(path))
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _mode(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
