"""`--jobs N`: batches of files spread over worker processes.

A batch is one file, or a group of files that cross-file checks join (run.py). Results
come back in the order of the batches, so the output is the same bytes whatever N is.
Small runs (a pre-commit commit of a few files) stay in this process: starting workers
would cost more than it saves.

On Linux the workers are forked and inherit the compiled rules; elsewhere (spawn) each
worker compiles once the parsed rules it is sent with the config (both plain data that
pickle), so every worker judges by the very rules of the parent.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.context import BaseContext

    from .config import Config
    from .engine import Engine
    from .results import FileResult
    from .rules import Rule

    Seed = Engine | tuple[list[Rule], Config, tuple[str, ...]]  # what a worker starts from

Batch = list[tuple[Path, str]]
MIN_FILES_FOR_WORKERS = 24  # below this, one process is faster than starting others
_worker_engine: Engine | None = None


def default_jobs() -> int:
    """The CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def lint_batches(engine: Engine, batches: list[Batch], complete: bool, jobs: int) -> list[list[FileResult]]:
    """Each batch linted as a group (Engine.lint_group), in batch order."""
    with Workers(jobs) as workers:
        return workers.lint(engine, batches, complete)


class Workers:
    """Worker processes kept for a whole run and given its batches a chunk at a time, so a
    large catalog neither starts a pool per chunk nor hands every file over at once. The
    pool starts with the first chunk that is worth it."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def lint(self, engine: Engine, batches: list[Batch], complete: bool) -> list[list[FileResult]]:
        """Each batch linted as a group (Engine.lint_group), in batch order."""
        if self._pool is None and not self._worth_starting(batches):
            return [engine.lint_group(batch, complete) for batch in batches]
        pool = self._pool or self._start(engine, min(self.jobs, len(batches)))
        # several batches per task keep the pickling overhead low; enough tasks keep both busy
        chunk = max(1, len(batches) // (self.jobs * 8))
        return list(pool.map(_lint_batch, batches, [complete] * len(batches), chunksize=chunk))

    def _worth_starting(self, batches: list[Batch]) -> bool:
        return min(self.jobs, len(batches)) > 1 and sum(len(batch) for batch in batches) >= MIN_FILES_FOR_WORKERS

    def _start(self, engine: Engine, workers: int) -> ProcessPoolExecutor:
        from concurrent.futures import ProcessPoolExecutor  # only now: a one-file run never pays for it

        context, seed = _start_method(engine)
        self._pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(seed,))
        return self._pool


def _start_method(engine: Engine) -> tuple[BaseContext, Seed]:
    import multiprocessing

    if sys.platform == "linux":
        return multiprocessing.get_context("fork"), engine  # inherited, never pickled
    return multiprocessing.get_context("spawn"), (engine.rules, engine.config, engine.marketplaces)


def _start_worker(seed: Seed) -> None:
    global _worker_engine
    if isinstance(seed, tuple):
        from .engine import Engine  # only here: a run answered from the cache never loads the engine

        _worker_engine = Engine(*seed)
    else:
        _worker_engine = seed


def _lint_batch(batch: Batch, complete: bool) -> list[FileResult]:
    assert _worker_engine is not None, "worker started without an engine"
    return _worker_engine.lint_group(batch, complete)
