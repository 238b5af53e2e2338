"""Which files to check: the paths given (or the working directory), filtered by the
config's listing globs and excludes. Both apply to files named on the command line too:
pre-commit hands over every YAML and JSON file of a commit, and only the ones the config
calls listings are linted.
"""

from __future__ import annotations

import heapq
import os
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .config import Config
from .errors import SetupError
from .globs import glob_set


def discover(paths: Iterable[str], config: Config, cwd: Path, git_only: bool = False) -> list[Path]:
    """Files to lint, sorted, each once (see discover_stream)."""
    return [Path(path) for path, _ in discover_stream(paths, config, cwd, git_only)]


def discover_stream(paths: Iterable[str], config: Config, cwd: Path, git_only: bool = False) -> Iterator[tuple[str, str]]:
    """Files to lint as (path, shown path) strings, sorted by their POSIX path, each once,
    found while they are linted: a catalog of 100,000 files is never listed whole. A path
    that does not exist is a SetupError, raised at once; a broken link or a special file is
    linted like any file (the engine reports it). `git_only`: folders inside a git work tree
    yield only the files git tracks or has staged (files named on the command line are
    taken as they are). Shown paths as display_path gives them."""
    streams: list[Iterable[tuple[str, str]]] = []
    for given in list(paths) or ["."]:
        path = (cwd / given) if not os.path.isabs(given) else Path(given)
        if not os.path.lexists(path):
            raise SetupError("", 0, 0, f"{given}: no such file or directory")
        if path.is_dir():
            streams.append(_walk(str(path), config, os.fspath(cwd), _git_files(path) if git_only else None))
        elif wanted(path, config):
            streams.append([(str(path), display_path(path, cwd))])
    if len(streams) == 1:  # one folder or file: already sorted, each file once
        return iter(streams[0])
    return _once(heapq.merge(*streams, key=lambda found: found[0].replace(os.sep, "/")))


def _once(found: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """Sorted files without repeats (a file named on its own and inside a folder given too)."""
    last = None
    for path, shown in found:
        named = os.path.normcase(path)  # as Paths compare: regardless of case on Windows
        if named != last:
            yield path, shown
        last = named


def display_path(path: Path | str, cwd: Path | str) -> str:
    """POSIX path relative to the working directory where possible."""
    # abspath, not resolve: a linked file is shown under the name the user gave it
    return _shown(os.path.abspath(path), os.fspath(cwd))


def _shown(absolute: str, cwd: str) -> str:
    """display_path of an absolute path; of a folder's path ending in a separator, what its
    files' shown paths start with."""
    inside = _inside(absolute, _absolute_folder(cwd))
    return inside if inside is not None else absolute.replace(os.sep, "/")


def _absolute_folder(folder: str) -> str:
    """os.path.abspath of a folder; an absolute one (the working directory of every file of
    a run) is normalised once, a relative one follows the process's working directory."""
    return _normalised(folder) if os.path.isabs(folder) else os.path.abspath(folder)


@lru_cache(maxsize=64)
def _normalised(folder: str) -> str:
    return os.path.normpath(folder)


def _inside(absolute: str, folder: str) -> str | None:
    """`absolute` relative to `folder` as a POSIX path, or None when it is not inside it.
    (String work: a catalog of 100,000 files must not pay for pathlib on every name.)"""
    folder = folder.rstrip(os.sep)
    if not absolute.startswith(folder + os.sep):
        return None
    return absolute[len(folder) + 1 :].replace(os.sep, "/")


def _git_files(folder: Path) -> set[str] | None:
    from .gitfiles import git_files  # a subprocess only for the runs that ask for it

    return git_files(folder)


def _walk(folder: str, config: Config, cwd: str, only: set[str] | None = None) -> Iterator[tuple[str, str]]:
    """The wanted files under `folder` as (path, shown path), sorted by POSIX path; with
    `only`, just those of its absolute paths. Folders are entered depth-first in that order
    (a folder sorts as its name and a slash: `a-b.yaml` before `a/x.yaml`), with a stack of
    open folders rather than recursion, so any depth is walked; links to folders are not
    followed, and a folder that cannot be read is passed over (as os.walk does)."""
    # a file's path, shown path and config-relative path are its folder's, worked out once
    # per folder, and its name: no Path or abspath per file
    root = os.path.abspath(config.root)
    takes = _wanted_test(config)
    stack = [_open_folder(folder, root, cwd)]
    while stack:
        entries, opened = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        here, name, kind = entry
        if kind == _FOLDER:
            if not _matches_any(f"{opened.relative}{name}/", config.exclude):
                stack.append(_open_folder(os.path.join(here, name), root, cwd))
        elif kind == _FILE and (only is None or opened.absolute + name in only) and takes(opened.relative + name):
            yield opened.path + name, opened.shown + name


class _OpenFolder(NamedTuple):
    """What a folder's files' paths start with: as walked, absolute, shown, config-relative."""

    path: str
    absolute: str
    shown: str
    relative: str


def _open_folder(here: str, root: str, cwd: str) -> tuple[Iterator[tuple[str, str, int]], _OpenFolder]:
    """A folder being walked: its sorted entries, and its paths (each ending in a separator)."""
    absolute = os.path.join(os.path.abspath(here), "")
    return iter(_sorted_entries(here)), _OpenFolder(os.path.join(here, ""), absolute, _shown(absolute, cwd), _relative_folder(absolute, root))


_FILE, _FOLDER, _LINKED_FOLDER = 0, 1, 2


def _sorted_entries(here: str) -> list[tuple[str, str, int]]:
    """(folder, name, kind) of each entry of `here`, in the order of the paths they lead to."""
    try:
        with os.scandir(here) as listing:
            entries = list(listing)
    except OSError:
        return []
    found = []
    for entry in entries:
        try:
            folder = entry.is_dir()
        except OSError:
            folder = False
        kind = (_LINKED_FOLDER if entry.is_symlink() else _FOLDER) if folder else _FILE
        found.append((entry.name + "/" if folder else entry.name, (here, entry.name, kind)))
    found.sort(key=lambda item: item[0])
    return [item for _, item in found]


def _relative_folder(absolute: str, root: str) -> str:
    """'a/b/' for root/a/b/, '' for the root itself and for folders outside it (there,
    globs see file names only, as config_relative does); `absolute` ends in a separator."""
    return _inside(absolute, root) or ""


def wanted(path: Path, config: Config) -> bool:
    """Whether the config's globs take the file and its excludes leave it."""
    return _wanted_relative(config_relative(path, config), config)


def _wanted_relative(relative: str, config: Config) -> bool:
    return _wanted_test(config)(relative)


def _wanted_test(config: Config) -> Callable[[str], bool]:
    """Whether the config's globs take a config-relative path and its excludes leave it,
    the glob sets looked up once (a walk asks it of every file)."""
    takes = glob_set(config.listing_globs + config.message_globs + config.report_globs)  # templates, orders reports: issue 5
    leaves = glob_set(config.exclude)
    return lambda relative: takes.matches(relative) and not leaves.matches(relative)


def config_relative(path: Path, config: Config) -> str:
    """The path relative to the config file's folder (what globs in the config match);
    the file name for a file outside it."""
    absolute = os.path.abspath(path)
    inside = _inside(absolute, os.path.abspath(config.root))
    return inside if inside is not None else os.path.basename(absolute)


def _matches_any(relative: str, globs: tuple[str, ...]) -> bool:
    return glob_set(globs).matches(relative)


def matches_glob(relative: str, glob: str) -> bool:
    """Whether a config-relative POSIX path matches a config glob."""
    return glob_set((glob,)).matches(relative)
