"""The library API: lint listing files from Python, in one process or on a cluster.

    from listlint.api import Options, lint_files

    diagnostics = lint_files(["listings/clean", "listings/bottle.yaml"], Options(root="."))
    for d in diagnostics:
        print(f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}")

`lint_files` gives what `listlint check` reports for the same files and settings (before
a baseline is applied), as `Diagnostic` records sorted by path, line, column and code.
It is made for distributed engines (Dask, Ray, Spark): the function, its `Options` and
the diagnostics it returns all pickle; its result depends only on its arguments and the
files they name; it prints nothing and writes nothing (no cache). The compiled rules are
kept per process for each `Options`, so a worker compiles them once, however many
partitions it is handed (a process that edits rulesets between calls must start anew).

Cross-file checks (a packaging file and its listings) see the files of one call only: hand
each call whole folders (partition a catalog by folder), and set `complete=True` when the
call covers whole folders, as `listlint check FOLDER` does, so that a counterpart missing
from them is reported as missing.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .lean_dataclass import lean_dataclass
from .diagnostics import Diagnostic

if TYPE_CHECKING:
    from .run import Setup

__all__ = ["Diagnostic", "Options", "lint_files"]


@lean_dataclass(frozen=True, slots=True)
class Options:
    """Settings of a library run, the command line's `check` options as plain values."""

    root: str = "."  # relative paths start here; shown paths are relative to it
    config_file: str | None = None  # default: the nearest .listlint.yaml or pyproject.toml from root up
    select: tuple[str, ...] | None = None  # codes or prefixes; None: the config's
    ignore: tuple[str, ...] = ()  # added to the config's
    marketplaces: tuple[str, ...] = ()  # check only for these (US, DE, EU ...)
    as_of: str = ""  # YYYY-MM-DD that expiry dates are measured against; default today
    complete: bool = False  # the paths are whole folders (see the module's notes)


def lint_files(paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]], options: Options = Options()) -> list[Diagnostic]:
    """Diagnostics of the listing files among `paths` (files or folders, or one of them), sorted.

    Files that are not listlint's (other tools' YAML, text files that are no inventory
    template) are skipped as the command line skips them. Raises listlint.errors.SetupError
    for an unusable config, ruleset or path (one message with its file:line:column).
    """
    from .discover import discover_stream
    from .run import results_of

    if isinstance(paths, (str, os.PathLike)):  # one path, not the characters of one
        paths = [paths]
    root = Path(options.root).absolute()
    setup = _setup(replace(options, root=str(root)))  # "." means this call's working folder, not the first call's
    files = list(discover_stream([os.fspath(p) for p in paths], setup.config, root))
    results = results_of(setup, files, options.complete)
    return sorted((d for result in results for d in result.diagnostics), key=Diagnostic.sort_key)


@lru_cache(maxsize=8)
def _setup(options: Options) -> Setup:
    from .config import check_marketplaces, load_config, override
    from .run import Setup

    root = Path(options.root).absolute()
    config = load_config(Path(options.config_file) if options.config_file else None, root)
    check_marketplaces(tuple(options.marketplaces))
    setup = Setup(override(config, options.select, options.ignore, options.as_of or None), tuple(options.marketplaces))
    setup.engine  # compiled now: an unusable ruleset or rule option fails the call at once
    return setup
