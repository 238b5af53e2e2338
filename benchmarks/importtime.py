"""Where a one-file run's start-up goes: `python -X importtime`, summed per top-level package.

Run through the PYTHONPROFILEIMPORTTIME switch (the same as -X importtime), so that it works
for the `listlint` console script as well as for `python -m listlint`.
"""

from __future__ import annotations

import collections
import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

_PREFIX = "import time:"


@dataclass(frozen=True)
class PackageImports:
    package: str  # the first part of the dotted names: `typer` holds typer, typer.main, ...
    modules: int
    ms: float  # the modules' own import time (importtime's "self"), summed


def profile_imports(command: Sequence[str], cwd: Path) -> list[PackageImports]:
    """One run of `command` under importtime: every package it imported, most time first."""
    env = dict(os.environ, PYTHONPROFILEIMPORTTIME="1")
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    return per_package(done.stderr.splitlines())


def per_package(lines: Sequence[str]) -> list[PackageImports]:
    """Sum importtime's lines (`import time: self [us] | cumulative | <indent>module`) per package.
    Self times, not cumulative ones: a module's cumulative time holds the packages it imports."""
    micros: collections.Counter[str] = collections.Counter()
    modules: collections.Counter[str] = collections.Counter()
    for line in lines:
        if not line.startswith(_PREFIX):
            continue
        self_us, _, name = line[len(_PREFIX):].split("|", 2)
        if not self_us.strip().isdigit():  # the header line
            continue
        package = name.strip().split(".")[0]
        micros[package] += int(self_us)
        modules[package] += 1
    return [PackageImports(package, modules[package], us / 1000) for package, us in micros.most_common()]
