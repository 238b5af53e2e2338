"""--jobs N on a large flat file: its rows are cut into ranges that workers check apart, and
the output is the same bytes as one process gives (parallel.py, readers/flatfile.py row_ranges)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from listlint import parallel
from listlint.engine import Engine
from listlint.readers import table_row_ranges
from listlint.readers.flatfile import row_ranges

from .test_compliance_files import COMPLIANCE, HEADER, ROW, SKU, _repo

AS_OF = "2026-11-29"
PREAMBLE = "TemplateType=fptcustom\tVersion=2021.1021\n" + "\t".join(h.replace("_", " ") for h in HEADER) + "\n"
# the CLI with every flat file split, into ranges of at least `range_bytes` (argv[1])
SPLIT_CLI = (
    "import sys, listlint.parallel as p; p.SPLIT_BYTES = 1; p.MIN_RANGE_BYTES = int(sys.argv.pop(1)); "
    "from listlint.console import main; sys.argv[0] = 'listlint'; main()"
)


def _row(n: int) -> str:
    """Row n: findings on most rows, a quoted cell over several lines (with doubled quotes
    and a tab) on every third, the same finding on the same sku again on every seventh."""
    sku = "REPEAT-1" if n % 7 == 0 else f"AUR-{n:03}"
    title = f"Aurivox H{n} Headphones, visit www.aurivox-{n % 4}.example" if n % 2 else f"Aurivox H{n} Headphones"
    description = f'"Over-ear headphones.\r\nSecond line with ""quotes"" and\ta tab, no. {n}"' if n % 3 == 0 else f"Folding headband, e-mail sales{n}@aurivox.example"
    cells = [sku, "HEADPHONES", title, "Aurivox", "40 mm drivers", description, *ROW[6:]]
    return "\t".join(cells) + "\r\n"


def _flat_file(path: Path, rows: int, with_sku: str = "") -> Path:
    body = [_row(n) for n in range(rows)]
    if with_sku:
        body[rows - 3] = "\t".join(ROW).replace(ROW[0], with_sku) + "\r\n"  # in a late range
    path.write_text(PREAMBLE + "\t".join(HEADER) + "\n" + "".join(body), "utf-8")
    return path


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A flat file with findings on many rows, and one joined to a compliance file by a sku."""
    root = _repo(tmp_path_factory.mktemp("split"), COMPLIANCE)
    _flat_file(root / "big.txt", 60)
    _flat_file(root / "catalog.txt", 30, with_sku=SKU)
    return root


def _check(root: Path, jobs: int, output_format: str, range_bytes: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", SPLIT_CLI, str(range_bytes), "check", ".", "--no-cache", "--as-of", AS_OF, "--format", output_format, "--jobs", str(jobs)],
        cwd=root, capture_output=True, text=True, timeout=300,
    )


@pytest.mark.parametrize("range_bytes", [1, 700])  # every row a range (each multi-line row at a split point), or a few rows each
@pytest.mark.parametrize("output_format", ["json", "sarif", "text"])
def test_split_rows_give_the_same_bytes(repo: Path, output_format: str, range_bytes: int) -> None:
    one, two = (_check(repo, jobs, output_format, range_bytes) for jobs in (1, 2))
    assert one.returncode == 1 and "www.aurivox-1.example" in one.stdout, one.stderr
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)
    assert "AUR-H700" not in one.stdout  # the compliance file's documents count for its sku's row: the join held


def test_ranges_tile_the_rows_at_their_real_lines(repo: Path) -> None:
    path = repo / "big.txt"
    ranges = row_ranges(path, 700)
    data = path.read_bytes()
    lines = data.split(b"\n")
    assert len(ranges) > 5 and ranges[0].start == ranges[0].header_end == len(PREAMBLE) + len("\t".join(HEADER)) + 1
    assert all(a.end == b.start for a, b in zip(ranges, ranges[1:])) and ranges[-1].end == len(data)
    for rows in ranges:
        line = lines[rows.first_line - 1]
        assert data[rows.start :].startswith(line) and _row(rows.first_row - 3).encode().startswith(line)


def test_files_read_whole(tmp_path: Path) -> None:
    cp1252 = _flat_file(tmp_path / "cp1252.txt", 60)
    cp1252.write_bytes(cp1252.read_bytes().replace(b"Folding", b"Caf\xe9 folding"))  # Windows-1252 from a later line on
    assert row_ranges(cp1252, 700) == []
    assert row_ranges(_flat_file(tmp_path / "small.txt", 3), 10_000) == []  # one range
    assert table_row_ranges(tmp_path / "book.xlsx", 1) == []  # a workbook is never split
    (tmp_path / "notes.txt").write_text("just some notes\n" * 50, "utf-8")
    assert row_ranges(tmp_path / "notes.txt", 1) == []


@pytest.mark.parametrize("variant", ["crlf", "lone-cr", "bom", "lf"])
def test_split_in_process_matches_whole(tmp_path: Path, engine: Engine, monkeypatch: pytest.MonkeyPatch, variant: str) -> None:
    """Row boundaries found in bytes hold for Excel's "CSV (Macintosh)" line ends, a byte
    order mark and plain line feeds as well."""
    path = _flat_file(tmp_path / "rows.txt", 40)
    data = path.read_bytes()
    data = {"crlf": data, "lone-cr": data.replace(b"\r\n", b"\r").replace(b"\n", b"\r"), "bom": b"\xef\xbb\xbf" + data, "lf": data.replace(b"\r\n", b"\n")}[variant]
    path.write_bytes(data)
    assert len(row_ranges(path, 500)) > 5
    monkeypatch.setattr(parallel, "SPLIT_BYTES", 1)
    monkeypatch.setattr(parallel, "MIN_RANGE_BYTES", 500)
    whole = engine.lint_file(path, "rows.txt", True)
    (split,) = parallel.lint_batches(engine, [[(path, "rows.txt")]], True, 2)[0]
    assert list(split.diagnostics) == list(whole.diagnostics) and len(whole.diagnostics) > 40
    assert (split.listings, split.links) == (whole.listings, whole.links) == (40, whole.links)


def test_a_range_that_fails_lints_the_file_whole(repo: Path, engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    path = repo / "big.txt"
    whole = engine.lint_file(path, "big.txt", True)
    monkeypatch.setattr(parallel, "SPLIT_BYTES", 1)
    monkeypatch.setattr(parallel, "MIN_RANGE_BYTES", 700)
    assert list(parallel.lint_batches(engine, [[(path, "big.txt")]], True, 2)[0][0].diagnostics) == whole.diagnostics
    monkeypatch.setattr(Engine, "lint_rows", lambda *args: None)  # forked workers inherit it
    assert parallel.lint_batches(engine, [[(path, "big.txt")]], True, 2)[0][0].diagnostics == whole.diagnostics
