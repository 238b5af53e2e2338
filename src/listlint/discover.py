"""Which files to check: the paths given (or the working directory), filtered by the
config's listing globs and excludes. Both apply to files named on the command line too:
pre-commit hands over every YAML and JSON file of a commit, and only the ones the config
calls listings are linted.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from .config import Config
from .errors import SetupError


def discover(paths: Iterable[str], config: Config, cwd: Path) -> list[Path]:
    """Files to lint, sorted, each once. A path that does not exist is a SetupError."""
    found: dict[Path, None] = {}
    for given in list(paths) or ["."]:
        path = (cwd / given) if not os.path.isabs(given) else Path(given)
        if not path.exists():
            raise SetupError("", 0, 0, f"{given}: no such file or directory")
        if path.is_dir():
            for file in _walk(path, config):
                found[file] = None
        elif _wanted(path, config):
            found[path] = None
    return sorted(found, key=lambda p: p.as_posix())


def display_path(path: Path, cwd: Path) -> str:
    """POSIX path relative to the working directory where possible."""
    # abspath, not resolve: a linked file is shown under the name the user gave it
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(os.path.abspath(cwd)).as_posix()
    except ValueError:
        return absolute.as_posix()


def _walk(folder: Path, config: Config) -> Iterable[Path]:
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        dirs[:] = sorted(d for d in dirs if not _excluded(here / d, config, is_dir=True))
        for name in sorted(files):
            path = here / name
            if _wanted(path, config):
                yield path


def _wanted(path: Path, config: Config) -> bool:
    globs = config.listing_globs + config.message_globs + config.report_globs  # templates, orders reports: issue 5
    return _matches_any(config_relative(path, config), globs) and not _excluded(path, config)


def config_relative(path: Path, config: Config) -> str:
    """The path relative to the config file's folder (what globs in the config match)."""
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(config.root)).as_posix()
    except ValueError:
        return path.name


def _excluded(path: Path, config: Config, is_dir: bool = False) -> bool:
    relative = config_relative(path, config)
    if is_dir:
        relative += "/"
    return _matches_any(relative, config.exclude)


def _matches_any(relative: str, globs: Iterable[str]) -> bool:
    return any(matches_glob(relative, glob) for glob in globs)


def matches_glob(relative: str, glob: str) -> bool:
    """Whether a config-relative POSIX path matches a config glob."""
    return _glob_regex(glob).match(relative) is not None


@lru_cache(maxsize=None)
def _glob_regex(glob: str) -> re.Pattern[str]:
    """A glob with ** (any folders), * and ? (within one name) as an anchored regex.

    A glob without a slash matches the file name in any folder, as in .gitignore.
    """
    if "/" not in glob.rstrip("/"):
        glob = "**/" + glob
    pattern = ""
    index = 0
    while index < len(glob):
        if glob.startswith("**/", index):
            pattern += "(?:.*/)?"
            index += 3
        elif glob.startswith("**", index):
            pattern += ".*"
            index += 2
        elif glob[index] == "*":
            pattern += "[^/]*"
            index += 1
        elif glob[index] == "?":
            pattern += "[^/]"
            index += 1
        else:
            pattern += re.escape(glob[index])
            index += 1
    return re.compile(pattern + "/?$")
