"""Run one command as a fresh process and measure it: wall seconds, CPU seconds (user + system,
of the command and the children it waited for) and that process's peak RSS.

The peak comes from os.wait4 on that one process, not from RUSAGE_CHILDREN, which is the
largest of every child a process ever waited for. It is taken by a small launcher (python -S,
about 5 MB) that forks and waits for the command, because Linux starts a child's peak at the
resident size of the process it was forked from: forked straight from this suite (tens of MB
after reading reports), even `python -c pass` would show the suite's size. So a figure is never
below the launcher's 5 MB. On Linux it also covers the descendants the command waited for, as
the largest single process among them, not their sum (a `--jobs` run's workers are not added).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

_LAUNCHER = """\
import os, sys, time
result_path, command = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(command[0], command)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
with open(result_path, "w") as out:
    out.write(f"{seconds} {usage.ru_utime + usage.ru_stime} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""


@dataclass(frozen=True)
class Measurement:
    seconds: float
    peak_rss_mb: float
    exit_code: int
    stderr: str
    cpu_seconds: float = 0.0  # user + system of the process (and the descendants it waited for)


@dataclass(frozen=True)
class Timing:
    """Several runs of one command: wall and CPU seconds as min and median, the largest peak RSS."""

    runs: int
    seconds_min: float
    seconds_median: float
    cpu_min: float
    cpu_median: float
    peak_rss_mb: float


class ToolFailed(RuntimeError):
    """A measured command ended with an exit code it should not have."""


def measure(command: Sequence[str], cwd: Path, stdout_path: Path | None = None, ok_codes: Sequence[int] = (0,)) -> Measurement:
    """Run `command` in `cwd`, its stdout into `stdout_path` (or discarded), and measure it."""
    with tempfile.TemporaryDirectory(prefix="listlint-measure-") as scratch:
        result_path = Path(scratch) / "result"
        with open(stdout_path or os.devnull, "wb") as out:
            done = subprocess.run([sys.executable, "-S", "-c", _LAUNCHER, str(result_path), *command], cwd=cwd, stdout=out, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        stderr = done.stderr.decode("utf-8", "replace")
        if not result_path.exists():
            raise ToolFailed(f"could not run {command[0]} (cwd {cwd}):\n{stderr[-2000:]}")
        seconds, cpu_seconds, peak_kib, exit_code = result_path.read_text().split()
    result = Measurement(float(seconds), int(peak_kib) / 1024, int(exit_code), stderr, float(cpu_seconds))  # ru_maxrss is in KiB on Linux
    if result.exit_code not in ok_codes:
        raise ToolFailed(f"{command[0]} exited {result.exit_code} (cwd {cwd}):\n{stderr[-2000:]}")
    return result


def repeat(command: Sequence[str], cwd: Path, runs: int, stdout_path: Path | None = None, ok_codes: Sequence[int] = (0,),
           before: Callable[[], None] = lambda: None, warm_up: bool = False) -> Timing:
    """`runs` fresh processes of `command` (at least one), `before` run (untimed) before each. A
    warm-up run first, when asked, fills the OS file cache and any cache the tool keeps; without it
    the first run does, and the min leaves it out."""
    if warm_up:
        measure(command, cwd, ok_codes=ok_codes)
    results = []
    for _ in range(max(1, runs)):
        before()
        results.append(measure(command, cwd, stdout_path, ok_codes))
    return summarise(results)


def summarise(results: Sequence[Measurement]) -> Timing:
    walls, cpus = [r.seconds for r in results], [r.cpu_seconds for r in results]
    return Timing(len(results), min(walls), statistics.median(walls), min(cpus), statistics.median(cpus), max(r.peak_rss_mb for r in results))
