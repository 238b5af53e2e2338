"""Paths a listing writes (certificate files, its packaging file): where they lead.

A path is relative to the listing file's folder and must stay inside the repository:
the nearest folder up with `.git`, else the config's folder if the file is inside it,
else the file's own folder. What a run learnt this way is also a fact the cache checks
again before it trusts an earlier result (cache.py, run.py).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .config import Config


def file_status(listing_path: Path, relative: str, config: Config) -> str:
    """'ok', 'missing' or 'outside' for a path written in a listing or packaging reference.

    A path that names no file listlint can reach is 'missing': one with a NUL byte or a
    name longer than the file system allows (no such file can exist), or one under a
    folder listlint may not look into."""
    if "\0" in relative:
        return "missing"
    root = repository_root(listing_path, config)
    target = Path(os.path.realpath(listing_path.parent / relative))
    try:
        target.relative_to(os.path.realpath(root))
    except ValueError:
        return "outside"
    try:
        return "ok" if target.exists() else "missing"
    except OSError:  # ENAMETOOLONG, EACCES: Path.exists lets these through
        return "missing"


def repository_root(listing_path: Path, config: Config) -> Path:
    """The nearest folder up with .git; else the config's folder if the file is inside it; else the file's folder."""
    return _root(os.path.dirname(listing_path), str(config.root or ""))  # a string: no Path made per file


@lru_cache(maxsize=256)  # per process: a .git folder made while a process runs is not seen
def _root(folder: str, config_root: str) -> Path:
    here = Path(os.path.abspath(folder))
    for candidate in (here, *here.parents):
        if (candidate / ".git").exists():
            return candidate
    if config_root:
        root = Path(os.path.abspath(config_root))
        if here == root or root in here.parents:
            return root
    return here
