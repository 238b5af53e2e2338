"""Writing reports and baselines without destroying what the path points at.

What a target path is decides how it is written (lstat: a link is looked at, not followed):

    does not exist        a temporary file beside it, then os.replace (atomic)
    regular file          the same, keeping its permissions; refused when it is read-only
    FIFO, character       written through, never replaced (/dev/null stays a device, a FIFO
      device, socket        stays a FIFO; a FIFO nobody reads is refused, not waited on)
    symbolic link         written through when it leads to a FIFO or character device
                          (/dev/stdout); otherwise refused: a link planted in a repository
                          (report.json -> ~/.bashrc) must not make listlint write elsewhere
    folder, block device  refused

A crash or a full disk never leaves a half-written regular file: readers see the old file
or the new one. The target can change while the report is written (another process swaps a
FIFO, device or link in): on Linux the final step is renameat2 -- RENAME_NOREPLACE onto a
new path, RENAME_EXCHANGE onto a regular file, then what was swapped out is checked to be
the very file looked at first, and swapped back and refused otherwise. Elsewhere (or on a
file system without renameat2) it is os.replace, and that narrow race stays open. Temporary files are named `.NAME.listlint-PID-XXXX.tmp`; one left by a
killed run (its process gone, or older than an hour) is removed by the next write to NAME.
Refusals are OSErrors whose strerror says why in one line.
"""

from __future__ import annotations

import ctypes
import errno
import functools
import os
import stat
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

STALE_SECONDS = 3600  # a temporary file this old is left over, whatever its process id says
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


class RefusedTarget(OSError):
    """An output path listlint will not write to (the reason is in strerror)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(errno.EPERM, reason, str(path))


@contextmanager
def atomic_write(path: Path) -> Iterator[TextIO]:
    """Yields a text stream (UTF-8, \\n line ends); a regular file appears only if the block succeeds.

    Raises OSError when the target is refused (see the module), the folder is missing or
    not writable, or the data cannot be written (a full disk)."""
    with _target(path) as fd:
        with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape", newline="\n", closefd=False) as handle:
            yield handle
            handle.flush()


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Writes `data` to `path` the same way (the old file or the new one, never half of one)."""
    with _target(path) as fd:
        with os.fdopen(fd, "wb", closefd=False) as handle:
            handle.write(data)
            handle.flush()


def same_file(path: Path, candidates: Iterable[Path]) -> Path | None:
    """The first candidate that is the file at `path` (same device and inode), or None.
    Only an existing regular file can be one of a run's inputs."""
    try:
        target = os.stat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(target.st_mode):
        return None
    for candidate in candidates:
        try:
            found = os.stat(candidate)
        except (OSError, ValueError):
            continue
        if (found.st_dev, found.st_ino) == (target.st_dev, target.st_ino):
            return candidate
    return None


@contextmanager
def _target(path: Path) -> Iterator[int]:
    """A descriptor to write to: a temporary file that replaces `path`, or `path` itself."""
    try:
        found: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        found = None
    mode = found.st_mode if found is not None else None
    if mode is not None and stat.S_ISLNK(mode):
        mode = _linked_mode(path)
    if mode is None or stat.S_ISREG(mode):
        if mode is not None and _read_only(path, mode):
            raise RefusedTarget(path, "the file is read-only; listlint does not replace it")
        with _replacing(path, found) as fd:
            yield fd
        return
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
    if stat.S_ISBLK(mode):
        raise RefusedTarget(path, "it is a block device; listlint does not write reports onto disks")
    with _through(path) as fd:
        yield fd


def _linked_mode(path: Path) -> int:
    """The mode of what a link leads to, when listlint writes through such links; else refused."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        mode = 0
    if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        return mode
    raise RefusedTarget(path, f"it is a symbolic link (to {os.readlink(path)}); listlint does not replace links or write through them to files: name the file itself")


def _read_only(path: Path, mode: int) -> bool:
    # no write bit at all counts even for root, who may write anything
    return not mode & 0o222 or not os.access(path, os.W_OK)


@contextmanager
def _through(path: Path) -> Iterator[int]:
    """The FIFO, device or socket itself, opened for writing (nothing is created or truncated)."""
    try:
        fd = os.open(path, os.O_WRONLY | _NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        if error.errno == errno.ENXIO:  # a FIFO with no reader: refuse rather than wait for one
            raise RefusedTarget(path, "it is a FIFO that no process is reading") from None
        raise
    try:
        if _NONBLOCK:
            os.set_blocking(fd, True)  # a slow reader makes writes wait, not fail
        yield fd
    finally:
        os.close(fd)


@contextmanager
def _replacing(path: Path, found: os.stat_result | None) -> Iterator[int]:
    """A descriptor of a temporary file beside `path` that replaces `found` (None: no file)
    when the block succeeds."""
    folder = path.parent if str(path.parent) else Path(".")
    _remove_stale(folder, path.name)
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.listlint-{os.getpid()}-", suffix=".tmp")
    try:
        try:
            yield fd
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(temporary, found.st_mode & 0o7777 if found is not None else _new_file_mode())
        _put_in_place(temporary, path, found)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _put_in_place(temporary: str, path: Path, found: os.stat_result | None) -> None:
    """Renames the finished temporary file to `path`, provided `path` is still what was found."""
    if found is None:
        if _renameat2(temporary, path, _RENAME_NOREPLACE):
            return
    elif _renameat2(temporary, path, _RENAME_EXCHANGE):
        swapped_out = os.lstat(temporary)  # the old target now carries the temporary name
        if (swapped_out.st_dev, swapped_out.st_ino) == (found.st_dev, found.st_ino) and stat.S_ISREG(swapped_out.st_mode):
            os.unlink(temporary)
            return
        _renameat2(temporary, path, _RENAME_EXCHANGE)  # put back what was swapped in
        raise RefusedTarget(path, "it was replaced by something else while the report was written; it is left as it is")
    else:
        os.replace(temporary, path)
        return
    os.replace(temporary, path)  # no renameat2 here: the race stays open (see the module)


_RENAME_NOREPLACE = 1  # linux/fs.h
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _renameat2(source: str, target: Path, flags: int) -> bool:
    """True when the kernel did the rename; False when renameat2 is not available here.
    A path that appeared (NOREPLACE) or any other failure is an OSError."""
    function = _renameat2_function()
    if function is None:
        return False
    if function(_AT_FDCWD, os.fsencode(source), _AT_FDCWD, os.fsencode(target), flags) == 0:
        return True
    number = ctypes.get_errno()
    if number in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # an old kernel or a file system without it
    if number == errno.EEXIST:
        raise RefusedTarget(target, "it was created by something else while the report was written; it is left as it is")
    raise OSError(number, os.strerror(number), str(target))


@functools.cache
def _renameat2_function() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # a C library older than glibc 2.28, or none
        return None
    function.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    function.restype = ctypes.c_int
    return function


def _remove_stale(folder: Path, name: str) -> None:
    """Temporary files of earlier writes to `name` whose run was killed before it could remove them."""
    prefix = f".{name}.listlint-"
    try:
        entries = [entry for entry in os.scandir(folder) if entry.name.startswith(prefix) and entry.name.endswith(".tmp")]
    except OSError:
        return
    for entry in entries:
        try:
            pid = int(entry.name[len(prefix) :].split("-", 1)[0])
            old = time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS
            if entry.is_file(follow_symlinks=False) and (old or not _alive(pid)):
                os.unlink(entry.path)
        except (OSError, ValueError):
            continue


def _alive(pid: int) -> bool:
    if pid == os.getpid() or os.name != "posix":  # elsewhere os.kill(pid, 0) would end the process
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by another user
        return True
    return True


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
