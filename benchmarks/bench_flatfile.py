"""Speed and memory of `listlint check` on one large inventory flat file (shipped rules only).

    python benchmarks/bench_flatfile.py                  # 100,000 rows, tab-delimited
    python benchmarks/bench_flatfile.py --rows 20000 --keep /tmp/bench-flat

Generates an Amazon inventory template with flatfile.py (the generator suite.py uses: rows are
listings.py's listings, a tenth with a violation, every seventh with a quoted two-line cell)
and one of a tenth the rows, lints each with one `listlint check FILE --format json` process
and prints rows per second and that process's peak resident memory: the peak stays flat
because rows are streamed (only diagnostics are kept). suite.py runs the same with a user
term list, beside the csv parse floor.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from flatfile import write_flat_file
from measure import measure
from terms import make_terms
from workspace import parser as workspace_parser
from workspace import workspace


def cli_run(path: Path) -> tuple[float, float, int]:
    """One `listlint check FILE --format json` process: seconds, its peak RSS in MB, diagnostics."""
    exe = shutil.which("listlint")
    command = [exe] if exe else [sys.executable, "-m", "listlint"]
    report = path.with_suffix(".json")
    run = measure([*command, "check", path.name, "--format", "json"], path.parent, report, ok_codes=(0, 1))
    return run.seconds, run.peak_rss_mb, len(json.loads(report.read_text("utf-8"))["diagnostics"])


def main() -> None:
    parser = workspace_parser(__doc__)
    parser.add_argument("--rows", type=int, default=100_000, help="product rows (default 100000)")
    args = parser.parse_args()

    with workspace(args.keep, "listlint-bench-flat-") as root:
        # No user rule reads these terms: sentences naming one stay unflagged, as in any
        # repository without a term list.
        terms = make_terms(1_000, args.seed)
        small_rows = max(1, args.rows // 10)
        big = write_flat_file(root / "inventory.txt", args.rows, args.seed, 0.1, terms)
        small = write_flat_file(root / "inventory-small.txt", small_rows, args.seed, 0.1, terms)
        print(f"generated {args.rows:,} rows ({big.size / 1e6:.1f} MB, {big.with_violation:,} with a violation) at {root}")
        small_time, small_rss, _ = cli_run(small.paths[0])
        cli_time, cli_rss, count = cli_run(big.paths[0])
        print(f"diagnostics: {count:,}; command (cwd {root}): listlint check inventory.txt --format json")
        print()
        print(f"{'run':<40}{'seconds':>9}{'rows/s':>10}{'peak RSS MB':>13}")
        print(f"{f'listlint check, {small_rows:,} rows':<40}{small_time:>9.1f}{small_rows / small_time:>10,.0f}{small_rss:>13.1f}")
        print(f"{f'listlint check, {args.rows:,} rows':<40}{cli_time:>9.1f}{args.rows / cli_time:>10,.0f}{cli_rss:>13.1f}")
        print(f"python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
