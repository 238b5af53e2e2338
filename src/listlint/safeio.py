"""Opening files a hostile repository may hold: FIFOs, devices, links out of it, huge files.

Every file listlint reads (listings, flat files, config, rulesets, list files, baselines,
the cache's keys) is opened here: without blocking (a FIFO named `listing.yaml` would
wait forever for a writer), checked on the opened descriptor to be a regular file (a
link to /dev/zero would be read until memory runs out), and read to at most a limit.
"""

from __future__ import annotations

import os
import stat
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

# config files, rulesets, list files and baselines (a baseline of 100,000 findings is about 25 MB)
MAX_SETUP_BYTES = 64 * 1024 * 1024

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


class NotRegularFile(OSError):
    """A path that is a FIFO, device, socket or folder: listlint reads only regular files."""

    def __init__(self, path: Path | str, mode: int) -> None:
        super().__init__(0, f"{file_kind(mode)}, not a regular file", str(path))


class FileTooLarge(OSError):
    """A file over the size limit; `size` is how big it is (at least)."""

    def __init__(self, path: Path | str, size: int, limit: int) -> None:
        super().__init__(0, f"{megabytes(size)}, over the {megabytes(limit)} limit", str(path))
        self.size = size
        self.limit = limit


def file_kind(mode: int) -> str:
    """What a stat mode is, in words."""
    kinds = (
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISREG, "a regular file"),
    )
    return next((words for test, words in kinds if test(mode)), "a special file")


def megabytes(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size % 1_048_576 else f"{size // 1_048_576} MB"


def open_regular(path: Path | str) -> BinaryIO:
    """A binary stream of a regular file; NotRegularFile (an OSError) for anything else.

    The path is looked at first so that a device is not even opened (opening some has
    effects), and the opened descriptor is checked again (the path may have changed)."""
    fd, _size = _open_regular_fd(path)
    return os.fdopen(fd, "rb")


def _open_regular_fd(path: Path | str, looked_at: bool = False) -> tuple[int, int]:
    """open_regular's checks, giving the bare descriptor and the size fstat found.
    `looked_at`: the caller has just found the path to be a regular file (why_not_readable),
    so it is not looked at again before it is opened."""
    if not looked_at:
        before = os.stat(path)
        if not stat.S_ISREG(before.st_mode):
            raise NotRegularFile(path, before.st_mode)
    fd = os.open(path, _OPEN_FLAGS)
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            raise NotRegularFile(path, opened.st_mode)
        return fd, opened.st_size
    except BaseException:
        os.close(fd)
        raise


def read_limited(path: Path | str, limit: int = MAX_SETUP_BYTES, looked_at: bool = False) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; OSError otherwise (FileTooLarge,
    NotRegularFile, or what the system says). Never reads more than limit + 1 bytes.
    Read from the bare descriptor: no buffered stream is made for the few reads a file takes.
    `looked_at`: see _open_regular_fd."""
    fd, size = _open_regular_fd(path, looked_at)
    try:
        if size > limit:
            raise FileTooLarge(path, size, limit)
        # what fstat says, and a byte more to notice growth: asking for limit + 1 bytes at
        # once would make Python allocate a buffer of the limit (20 MB) for every small file
        data = _read_up_to(fd, size + 1)
        if len(data) > size:  # it grew since fstat: read on, up to the limit
            data += _read_up_to(fd, limit + 1 - len(data))
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew since fstat
        raise FileTooLarge(path, len(data), limit)
    return data


def _read_up_to(fd: int, count: int) -> bytes:
    """`count` bytes, or fewer at the end of the file (a read may return fewer than asked)."""
    parts = []
    while count > 0:
        part = os.read(fd, count)
        if not part:
            break
        parts.append(part)
        count -= len(part)
    return b"".join(parts)


def read_text(path: Path | str, limit: int = MAX_SETUP_BYTES) -> str:
    """A UTF-8 setup file as text (a BOM is dropped); OSError or UnicodeDecodeError otherwise."""
    return read_limited(path, limit).decode("utf-8").removeprefix("\ufeff")


def why_not_readable(path: Path, root: Path) -> tuple[str, dict[str, str]] | None:
    """Why a listing file must not be read, as (INP code, message arguments), or None when it may be.

    INP016: a broken link, a FIFO, device or socket, a path the system refuses (loops,
    permissions, a name too long). INP040: a file inside the repository by its name whose
    real path (after links) is outside it: reading it would echo a file from elsewhere on
    the machine (~/.git-credentials) into the report."""
    named = os.fspath(path)  # one conversion: a Path is turned into its string for each call
    try:
        mode = os.lstat(named).st_mode
        linked = stat.S_ISLNK(mode)
        if linked:
            mode = os.stat(named).st_mode
    except FileNotFoundError:
        if os.path.islink(named):
            return "INP016", {"error": f"broken symbolic link (it points to {os.readlink(named)}, which does not exist)"}
        return "INP016", {"error": "no such file"}
    except (OSError, ValueError) as error:
        return "INP016", {"error": getattr(error, "strerror", None) or str(error)}
    if not stat.S_ISREG(mode):
        return "INP016", {"error": f"{file_kind(mode)}, not a regular file"}
    if _leaves(named, os.fspath(root), linked):
        return "INP040", {"target": os.path.realpath(named)}
    return None


def _leaves(path: str, root: str, linked: bool) -> bool:
    """Whether a path that is inside `root` by its name leads outside it through a link
    (the file itself, or a folder on its way)."""
    if linked:
        named = path if os.path.isabs(path) else os.path.abspath(path)  # a relative path follows the working folder
        top = _normal_folder(root if os.path.isabs(root) else os.path.abspath(root))
        named = os.path.normpath(named)
        return _within(named, top) and not _within(os.path.realpath(named), _real_folder(top))
    # the folder as written: a regular file's name is no '..', so its folder normalises to
    # the folder of the normalised path. Decided once per folder, not per file: the file's
    # own path is not made absolute (a relative one follows the working folder, in the key)
    return _folder_leaves(os.path.dirname(path), root, os.getcwd())


@lru_cache(maxsize=1024)  # a catalog's files share few folders: decided once per folder
def _folder_leaves(folder: str, top: str, cwd: str) -> bool:
    """Whether a file in `folder` (as written: relative to `cwd`, maybe not normalised) that
    is no link itself leads outside `top` (relative to `cwd` too): the folder is inside it
    by its name, but not once the links on its way are followed."""
    folder, top = os.path.normpath(os.path.join(cwd, folder)), _normal_folder(os.path.join(cwd, top))
    return _within(folder, top) and not _within(_real_folder(folder), _real_folder(top))


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


@lru_cache(maxsize=256)  # a catalog has few repository roots
def _normal_folder(folder: str) -> str:
    return os.path.normpath(folder)


@lru_cache(maxsize=1024)  # a catalog's files share few folders: one realpath per folder, not per file
def _real_folder(folder: str) -> str:
    return os.path.realpath(folder)
