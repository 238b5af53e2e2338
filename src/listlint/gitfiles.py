"""The files git knows in a folder: tracked ones and ones staged for the next commit.

The repository-wide pre-commit hook checks what a commit can contain: an untracked draft
listing lying in the working tree is not part of the repository and must not block a
commit. Outside a git work tree (or without git) there is no such list and the caller
walks the folder as usual.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def git_files(folder: Path) -> set[str] | None:
    """Absolute paths of the files in the index under `folder` (tracked, including newly
    staged ones; a staged deletion is gone from it), or None when `folder` is not inside
    a git work tree or git cannot be run."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "--cached", "-z"],  # paths relative to cwd, quoted never (-z)
            cwd=folder,
            capture_output=True,
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if listed.returncode != 0:
        return None  # not a repository
    base = os.path.abspath(folder)
    names = listed.stdout.decode("utf-8", errors="surrogateescape").split("\0")
    return {os.path.join(base, name.replace("/", os.sep)) for name in names if name}
