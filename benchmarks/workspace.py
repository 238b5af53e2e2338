"""What every benchmark script shares: the --seed/--keep options and the folder it generates into."""

from __future__ import annotations

import argparse
import shlex
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def parser(doc: str) -> argparse.ArgumentParser:
    """An argument parser with the options every benchmark takes (--seed, --keep)."""
    result = argparse.ArgumentParser(description=doc.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    result.add_argument("--seed", type=int, default=2026)
    result.add_argument("--keep", type=Path, help="generate into this (new) folder and keep it")
    return result


@contextmanager
def workspace(keep: Path | None, prefix: str) -> Iterator[Path]:
    """The folder to generate into: `keep` (created, kept) or a temporary one (removed after)."""
    print("command:", shlex.join([Path(sys.executable).name, *sys.argv]))
    if keep is not None:
        root = keep.resolve()
        root.mkdir(parents=True, exist_ok=False)
        yield root
        return
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        yield Path(folder)
