"""`--jobs N`: batches of files spread over worker processes.

A batch is one file, or a group of files that cross-file checks join (run.py). Results
come back in the order of the batches, so the output is the same bytes whatever N is.
Small runs (a pre-commit commit of a few files) stay in this process: starting workers
would cost more than it saves.

A large flat file is not one batch: its rows are cut into ranges (readers/flatfile.py
row_ranges), each range checked by a worker as part of that file, and the ranges' results
joined in row order into the file's one result, the same bytes as one process gives.

On Linux the workers are forked and inherit the compiled rules; elsewhere (spawn) each
worker compiles once the parsed rules it is sent with the config (both plain data that
pickle), so every worker judges by the very rules of the parent.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.context import BaseContext

    from .config import Config
    from .engine import Engine
    from .readers.flatfile import RowRange
    from .results import FileResult
    from .rules import Rule

    Seed = Engine | tuple[list[Rule], Config, tuple[str, ...]]  # what a worker starts from

Batch = list[tuple[Union[str, Path], str]]
Task = Union[Batch, tuple[Union[str, Path], str, "RowRange"]]  # a batch, or one range of a flat file's rows
MIN_FILES_FOR_WORKERS = 24  # below this, one process is faster than starting others
SPLIT_BYTES = 4 * 1024 * 1024  # a flat file this large is split into row ranges (some 8,000 rows of real text)
MIN_RANGE_BYTES = 1024 * 1024
MAX_RANGE_BYTES = 8 * 1024 * 1024  # a range's findings come back to this process at once: some 40,000 at most
RANGES_PER_JOB = 4  # ranges of about equal size still take unequal time: a few per worker even it out
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
        ranges = self._row_ranges(engine, batches)
        if self._pool is None and not ranges and not self._worth_starting(batches):
            return [engine.lint_group(batch, complete) for batch in batches]
        pool = self._pool or self._start(engine, self.jobs if ranges else min(self.jobs, len(batches)))
        tasks: list[Task] = []
        for n, batch in enumerate(batches):
            tasks.extend([(*batch[0], rows) for rows in ranges[n]] if n in ranges else [batch])
        # several tasks per chunk keep the pickling overhead low; enough chunks keep both busy
        chunk = max(1, len(tasks) // (self.jobs * 8))
        done = pool.map(_lint_task, tasks, [complete] * len(tasks), chunksize=chunk)
        return [[_joined(engine, batch, complete, islice(done, len(ranges[n])))] if n in ranges else next(done) for n, batch in enumerate(batches)]

    def _row_ranges(self, engine: Engine, batches: list[Batch]) -> dict[int, list[RowRange]]:
        """The row ranges of each batch that is one large flat file (by batch number)."""
        if self.jobs < 2:
            return {}
        found = {}
        for n, batch in enumerate(batches):
            size = _size(batch[0][0]) if len(batch) == 1 else 0
            if size >= SPLIT_BYTES:
                ranges = engine.row_ranges(batch[0][0], min(MAX_RANGE_BYTES, max(MIN_RANGE_BYTES, size // (self.jobs * RANGES_PER_JOB))))
                if ranges:
                    found[n] = ranges
        return found

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


def _lint_task(task: Task, complete: bool) -> list[FileResult] | FileResult | None:
    """A batch's results, or a range's (None: listlint failed on its rows)."""
    assert _worker_engine is not None, "worker started without an engine"
    if isinstance(task, list):
        return _worker_engine.lint_group(task, complete)
    return _worker_engine.lint_rows(*task, complete)


def _joined(engine: Engine, batch: Batch, complete: bool, parts: Iterator[FileResult | None]) -> FileResult:
    """A flat file's result from those of its row ranges, in row order: the diagnostics
    (repeated fingerprints numbered across ranges, put aside on disk), listings and skus
    as linting the file whole gives them. Should a range have failed, the file is linted
    whole here, which reports the failure as one process would."""
    from .diagnostics import numbered
    from .results import FileResult, Links
    from .stream import DiagnosticChunks

    diagnostics = DiagnosticChunks()
    seen: dict[str, int] = {}
    listings = 0
    skus: list[bytes] = []
    for part in parts:
        if part is None:
            for _ in parts:  # the other ranges' results are not needed
                pass
            return engine.lint_group(batch, complete)[0]
        diagnostics.add(numbered(part.diagnostics, seen))
        listings += part.listings
        skus.append(part.links.listing_sku_digests)
    return FileResult(batch[0][1], diagnostics, listings, links=Links(listing_sku_digests=b"".join(skus)))


def _size(path: str | Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # not for this module to report: linting the file will
