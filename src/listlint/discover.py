"""Which files to check: the paths given (or the working directory), filtered by the
config's listing globs and excludes. Both apply to files named on the command line too:
pre-commit hands over every YAML and JSON file of a commit, and only the ones the config
calls listings are linted.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .config import Config
from .errors import SetupError
from .globs import glob_set


def discover(paths: Iterable[str], config: Config, cwd: Path, git_only: bool = False) -> list[Path]:
    """Files to lint, sorted, each once. A path that does not exist is a SetupError; a
    broken link or a special file is linted like any file (the engine reports it).
    `git_only`: folders inside a git work tree yield only the files git tracks or has
    staged (files named on the command line are taken as they are)."""
    found: dict[Path, None] = {}
    for given in list(paths) or ["."]:
        path = (cwd / given) if not os.path.isabs(given) else Path(given)
        if not os.path.lexists(path):
            raise SetupError("", 0, 0, f"{given}: no such file or directory")
        if path.is_dir():
            for file in _walk(path, config, _git_files(path) if git_only else None):
                found[file] = None
        elif wanted(path, config):
            found[path] = None
    return sorted(found, key=lambda p: p.as_posix())


def display_path(path: Path, cwd: Path) -> str:
    """POSIX path relative to the working directory where possible."""
    # abspath, not resolve: a linked file is shown under the name the user gave it
    absolute = os.path.abspath(path)
    inside = _inside(absolute, os.path.abspath(cwd))
    return inside if inside is not None else Path(absolute).as_posix()


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


def _walk(folder: Path, config: Config, only: set[str] | None = None) -> Iterable[Path]:
    """The wanted files under `folder`; with `only`, just those of its absolute paths."""
    # relative paths are built from os.walk's strings, not from a Path per name
    root = os.path.abspath(config.root)
    for here, dirs, files in os.walk(folder):
        prefix = _relative_folder(here, root)
        dirs[:] = sorted(d for d in dirs if not _matches_any(f"{prefix}{d}/", config.exclude))
        for name in sorted(files):
            if (only is None or os.path.abspath(os.path.join(here, name)) in only) and _wanted_relative(prefix + name, config):
                yield Path(here, name)


def _relative_folder(folder: str, root: str) -> str:
    """'a/b/' for root/a/b, '' for the root itself and for folders outside it (there,
    globs see file names only, as config_relative does)."""
    inside = _inside(os.path.abspath(folder), root)
    return inside + "/" if inside else ""


def wanted(path: Path, config: Config) -> bool:
    """Whether the config's globs take the file and its excludes leave it."""
    return _wanted_relative(config_relative(path, config), config)


def _wanted_relative(relative: str, config: Config) -> bool:
    globs = config.listing_globs + config.message_globs + config.report_globs  # templates, orders reports: issue 5
    return _matches_any(relative, globs) and not _matches_any(relative, config.exclude)


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
