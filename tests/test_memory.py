"""Memory does not grow with the catalog (issue 17): a run's results go to disk as they are
made, and a flat file's diagnostics are put aside in parts as its rows stream by.

Peaks are measured with tracemalloc around the run alone (the rules are compiled before),
for a small and a ten times larger input; the larger may use only a little more. Before
results were streamed, every file kept about 2.6 KB until the report was written: the
bounds below are a fraction of what that would add.
"""

from __future__ import annotations

import gc
import io
import tracemalloc
from pathlib import Path

import pytest

import listlint.engine as engine_module
import listlint.stream as stream_module
from listlint.config import Config
from listlint.reporters import writer
from listlint.run import Setup, _run_result, stream_results

AS_OF = "2025-06-01"
CSV_HEADER = "item_sku,item_name,brand_name,bullet_point1\n"


def _catalog(folder: Path, count: int) -> None:
    folder.mkdir()
    for n in range(count):
        (folder / f"item-{n:05d}.yaml").write_text(f"sku: A{n}\ntitle: Bottle {n}\nbullets: [Order at shop-{n}.com]\n", "utf-8")


def _peak_of_run(root: Path, paths: list[Path]) -> tuple[int, str]:
    """Peak bytes allocated while linting `paths` and writing the JSON report; the report."""
    setup = Setup(Config(root=root, as_of=AS_OF))
    setup.engine  # compiled before measuring
    # the run gets plain string paths (Engine.lint_group): a Path made per file interns its
    # name, and the interpreter's table of interned strings, grown by a few thousand names,
    # doubles at some point (1.9 MB) depending on what ran before in the process
    names = [(str(path), path.relative_to(root).as_posix()) for path in paths]
    out = io.StringIO()
    # as the CLI does (run.Setup): what lived before the run is left out of the collector's
    # counts, so the files' short-lived cycles are collected as they are in a real run
    gc.collect()
    gc.freeze()
    tracemalloc.start()
    try:
        run = _run_result(setup, stream_results(setup, iter(names), complete=True))
        writer("json")(run.diagnostics, run.summary, _Discard(), None)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        gc.unfreeze()
    writer("json")(run.diagnostics, run.summary, out, None)
    return peak, out.getvalue()


class _Discard(io.TextIOBase):
    def write(self, text: str) -> int:
        return len(text)


def test_a_ten_times_larger_catalog_takes_little_more_memory(tmp_path: Path) -> None:
    _catalog(tmp_path / "small", 300)
    _catalog(tmp_path / "large", 3000)
    # a first run over as many other files pays what a process makes once: patterns compiled on
    # first use, and the interpreter's own tables grown to hold a chunk of files at once.
    # Other names than the measured runs': a cache kept per path would still show.
    _catalog(tmp_path / "warm", 3000)
    _peak_of_run(tmp_path, sorted((tmp_path / "warm").iterdir()))
    small, small_report = _peak_of_run(tmp_path, sorted((tmp_path / "small").iterdir()))
    large, large_report = _peak_of_run(tmp_path, sorted((tmp_path / "large").iterdir()))
    assert small_report.count('"RED001"') == 300 and large_report.count('"RED001"') == 3000
    # 2,700 more files, each with a finding: held to the end, they took over 2.6 KB each
    assert large - small < 2700 * 1000, f"{small:,} -> {large:,} bytes"


def _flat_file(path: Path, rows: int) -> None:
    # one sku on every row: equal fingerprints, numbered across the parts put aside
    path.write_text(CSV_HEADER + "".join(f"A1,Bottle {n},Nimbleo,see shop-name.com\n" for n in range(rows)), "utf-8")


def test_a_flat_file_put_aside_in_parts_gives_the_same_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _flat_file(tmp_path / "items.csv", 700)
    _, whole = _peak_of_run(tmp_path, [tmp_path / "items.csv"])
    monkeypatch.setattr(engine_module, "FLUSH_DIAGNOSTICS", 64)
    _, in_parts = _peak_of_run(tmp_path, [tmp_path / "items.csv"])
    assert in_parts == whole and whole.count('"RED001"') == 700


def test_a_ten_times_longer_flat_file_takes_little_more_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # parts and records far smaller than the files' 300 and 3,000 findings: both are streamed
    monkeypatch.setattr(engine_module, "FLUSH_DIAGNOSTICS", 64)
    monkeypatch.setattr(stream_module, "CHUNK_DIAGNOSTICS", 64)
    _flat_file(tmp_path / "short.csv", 300)
    _flat_file(tmp_path / "long.csv", 3000)
    short, _ = _peak_of_run(tmp_path, [tmp_path / "short.csv"])
    long, report = _peak_of_run(tmp_path, [tmp_path / "long.csv"])
    assert report.count('"RED001"') == 3000
    assert long - short < 2700 * 250, f"{short:,} -> {long:,} bytes"


def _baseline_peak(root: Path, setup: Setup, folder: str) -> tuple[int, int]:
    """Peak bytes allocated while a baseline that knows every other finding of the run over
    `folder` is applied and the JSON report written from what it keeps; how many it keeps."""
    from listlint import baseline
    from listlint.diagnostics import summarise

    names = [(str(path), path.relative_to(root).as_posix()) for path in sorted((root / folder).iterdir())]
    run = _run_result(setup, stream_results(setup, iter(names), complete=True))
    entries = [baseline.Entry(key, "RED001", "") for key in baseline.keys(run.diagnostics, root, root)[::2]]
    gc.collect()
    tracemalloc.start()
    try:
        applied = baseline.apply(entries, run.diagnostics, root, root, run.checked_paths, None)
        writer("json")(applied.kept, summarise(applied.kept, 0), _Discard(), None)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak, len(applied.kept)


def test_a_baseline_applied_to_a_ten_times_larger_run_takes_little_more_memory(tmp_path: Path) -> None:
    _catalog(tmp_path / "small", 300)
    _catalog(tmp_path / "large", 3000)
    setup = Setup(Config(root=tmp_path, as_of=AS_OF))
    setup.engine  # compiled before measuring
    small, small_kept = _baseline_peak(tmp_path, setup, "small")
    large, large_kept = _baseline_peak(tmp_path, setup, "large")
    assert (small_kept, large_kept) == (150, 1500)
    # the keys the baseline knows and finds grow with it (about 200 bytes a file here); the
    # kept diagnostics, when held with a key of every finding, took 800 bytes a file
    assert large - small < 2700 * 400, f"{small:,} -> {large:,} bytes"
