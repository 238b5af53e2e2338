"""The one-file run (pre-commit's call) against `python -c pass`, and what its start-up imports.

    python benchmarks/startup.py                       # 10 runs of each command, the fixture plush toy
    python benchmarks/startup.py --runs 21 FILE        # another listing file
    python benchmarks/startup.py --imports 20          # also the 20 costliest imports (python -X importtime)
    PYTHONPATH=OTHER/src python benchmarks/startup.py --module   # another checkout, e.g. before a change

Each command runs as a fresh process (measure.py) in a scratch folder holding a copy of FILE
and nothing else, so only the shipped rules apply. Commands, each after one unmeasured run:

  python -c pass                          the interpreter alone, measured in the same sitting
  listlint --version                      the command line's own start-up
  listlint check FILE --no-cache          cold: nothing read from or written to a cache
  listlint check FILE, edited             FILE changed before each run (pre-commit's case): the
                                          compiled rules come from the cache, FILE is linted
  listlint check FILE, unchanged          every result from the cache

Figures are the median and minimum of the runs, wall time and CPU time (user + system: on a
shared machine wall time mostly measures the neighbours). The package's bytecode is compiled
first, as `pip install` does (an editable install under PYTHONDONTWRITEBYTECODE would
otherwise recompile listlint's sources on every run). suite.py calls `startup_rows` for the
README table; `import_costs` is what `--imports` prints.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from measure import Measurement, measure

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILE = ROOT / "fixtures" / "listings" / "flagged" / "plush-toy.yaml"
_SCRIPT = Path(sys.executable).parent / "listlint"  # what pre-commit runs
LISTLINT = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "listlint"]
LISTLINT_OK = (0, 1)  # 1 = findings


@dataclass(frozen=True)
class StartupRow:
    """One command's runs: wall and CPU milliseconds (median, min), peak RSS (median)."""

    label: str
    runs: int
    wall_median_ms: float
    wall_min_ms: float
    cpu_median_ms: float
    cpu_min_ms: float
    peak_rss_mb: float

    def line(self) -> str:
        return (f"{self.label:<36} wall {self.wall_median_ms:6.1f} ms (min {self.wall_min_ms:6.1f})"
                f"   cpu {self.cpu_median_ms:6.1f} ms (min {self.cpu_min_ms:6.1f})   {self.peak_rss_mb:5.1f} MB")


def startup_rows(listing: Path, runs: int = 10, listlint: Sequence[str] = LISTLINT) -> list[StartupRow]:
    """The five commands of the module docstring on a copy of `listing`, `runs` times each."""
    compile_package()
    with tempfile.TemporaryDirectory(prefix="listlint-startup-") as scratch:
        folder = Path(scratch)
        target = folder / listing.name
        shutil.copyfile(listing, target)
        check = [*listlint, "check", target.name]
        commands: list[tuple[str, list[str], Callable[[], None]]] = [
            ("python -c pass", [sys.executable, "-c", "pass"], _nothing),
            ("listlint --version", [*listlint, "--version"], _nothing),
            ("listlint check FILE --no-cache", [*check, "--no-cache"], _nothing),
            ("listlint check FILE, edited", check, _editor(target)),
            ("listlint check FILE, unchanged", check, _nothing),
        ]
        return [_row(label, command, folder, runs, before) for label, command, before in commands]


def import_costs(listing: Path) -> list[tuple[str, int, int]]:
    """(module, self µs, cumulative µs) of every import of `listlint check FILE --no-cache`,
    costliest cumulative first, from `python -X importtime`."""
    compile_package()
    command = [sys.executable, "-X", "importtime", "-m", "listlint", "check", str(listing), "--no-cache"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=listing.parent)
    rows = []
    for line in done.stderr.splitlines():
        found = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| ( *)(\S+)", line)
        if found:
            rows.append((found[4], int(found[1]), int(found[2])))
    return sorted(rows, key=lambda row: -row[2])


def compile_package() -> None:
    """listlint's bytecode, as an installed copy has it."""
    import listlint

    compileall.compile_dir(Path(listlint.__file__).parent, quiet=1)


def _row(label: str, command: list[str], folder: Path, runs: int, before: Callable[[], None]) -> StartupRow:
    measure(command, folder, ok_codes=LISTLINT_OK)  # fills the OS file cache and listlint's cache
    results: list[Measurement] = []
    for _ in range(runs):
        before()
        results.append(measure(command, folder, ok_codes=LISTLINT_OK))
    walls = [r.seconds * 1000 for r in results]
    cpus = [r.cpu_seconds * 1000 for r in results]
    return StartupRow(label, runs, statistics.median(walls), min(walls), statistics.median(cpus), min(cpus), statistics.median(r.peak_rss_mb for r in results))


def _nothing() -> None:
    pass


def _editor(path: Path) -> Callable[[], None]:
    """Appends a new comment line to `path` on each call: an edit that misses the result cache."""
    edits = iter(range(1, 1_000_000))
    return lambda: path.write_text(path.read_text("utf-8") + f"# edit {next(edits)}\n", "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_FILE, help="the listing file (default: the fixture plush toy)")
    parser.add_argument("--runs", type=int, default=10, help="runs of each command (default 10)")
    parser.add_argument("--imports", type=int, default=0, metavar="N", help="also print the N costliest imports of a --no-cache run")
    parser.add_argument("--module", action="store_true", help="run `python -m listlint` (the listlint on PYTHONPATH: compare two checkouts) instead of the console script")
    options = parser.parse_args()
    listlint = [sys.executable, "-m", "listlint"] if options.module else LISTLINT
    rows = startup_rows(options.file.resolve(), options.runs, listlint)
    for row in rows:
        print(row.line())
    python = rows[0]
    for row in rows[2:]:
        print(f"{row.label}: +{row.wall_median_ms - python.wall_median_ms:.0f} ms wall, +{row.cpu_median_ms - python.cpu_median_ms:.0f} ms cpu over python -c pass (medians)")
    if options.imports:
        print(f"\nimports of `listlint check {options.file.name} --no-cache` (cumulative / self ms):")
        for module, own, cumulative in import_costs(options.file.resolve())[: options.imports]:
            print(f"  {cumulative / 1000:7.1f} {own / 1000:7.1f}  {module}")


if __name__ == "__main__":
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # see compile_package
    main()
