"""Throughput of `listlint check` on a large listing repository.

    python benchmarks/bench_check.py                 # 10,000 listings, 20,000 user terms
    python benchmarks/bench_check.py --listings 2000 --keep /tmp/bench

Generates N single-listing YAML files with realistic copy (a fraction of them carrying
a violation: a URL, an e-mail address, a disease or pesticide claim, a protected brand,
a promotional phrase or a term from the user list), a user ruleset of kind `terms` with
a 20,000-line `terms_file`, and a config that adds it (the generators of listings.py and
terms.py, shared with suite.py). Then it times

  1. the library: `listlint.run.lint_paths` in this process (config, rule compilation,
     discovery, parsing, checking),
  2. the command line: one `listlint check listings --format json` subprocess,
  3. the parse floor: `yaml.load(..., Loader=yaml.CSafeLoader)` of the same files, the
     least any YAML-based checker must pay,

and prints listings per second for each. The library run is what suite.py does not measure:
use this script to profile listlint in one process; suite.py gives the README's figures.
"""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

from listings import write_catalog
from parse_floor import parse_yaml
from terms import make_terms, write_listlint_config, write_terms
from workspace import parser as workspace_parser
from workspace import workspace


def generate(root: Path, count: int, term_count: int, violation_rate: float, seed: int) -> tuple[Path, int]:
    """The catalog under root/listings and the config adding the user terms: (config, listings with a violation)."""
    terms = make_terms(term_count, seed)
    config = write_listlint_config(root, write_terms(root / "rulesets", terms))
    return config, write_catalog(root / "listings", count, seed, violation_rate, terms).with_violation


def parse_floor(files: list[Path]) -> float:
    start = time.perf_counter()
    parse_yaml(files)
    return time.perf_counter() - start


def library_run(root: Path, config_path: Path) -> tuple[float, int, dict[str, int]]:
    from listlint.config import load_config
    from listlint.run import lint_paths

    start = time.perf_counter()
    config = load_config(config_path, root)
    result = lint_paths(["listings"], config, root)
    elapsed = time.perf_counter() - start
    return elapsed, len(result.diagnostics), result.summary


def cli_run(root: Path, config_path: Path) -> tuple[float, list[str], int, dict]:
    exe = shutil.which("listlint")
    arguments = ["check", "listings", "--config", config_path.name, "--format", "json"]
    command = [exe, *arguments] if exe else [sys.executable, "-m", "listlint", *arguments]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=root, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"listlint failed with exit {result.returncode}:\n{result.stderr}")
    return elapsed, command, result.returncode, json.loads(result.stdout)


def main() -> None:
    parser = workspace_parser(__doc__)
    parser.add_argument("--listings", type=int, default=10_000, help="number of listing files (default 10000)")
    parser.add_argument("--terms", type=int, default=20_000, help="lines in the user terms_file (default 20000)")
    parser.add_argument("--violation-rate", type=float, default=0.1, help="share of listings with a violation (default 0.1)")
    args = parser.parse_args()

    with workspace(args.keep, "listlint-bench-") as root:
        start = time.perf_counter()
        config_path, bad = generate(root, args.listings, args.terms, args.violation_rate, args.seed)
        files = sorted((root / "listings").rglob("*.yaml"))
        size = sum(p.stat().st_size for p in files)
        print(f"generated {len(files)} listing files ({size / 1e6:.1f} MB, {bad} with a violation) and {args.terms} user terms in {time.perf_counter() - start:.1f} s at {root}")

        floor = parse_floor(files)
        lib_time, lib_count, summary = library_run(root, config_path)
        cli_time, command, exit_code, report = cli_run(root, config_path)
        cli_count = len(report["diagnostics"])
        if cli_count != lib_count:
            print(f"warning: CLI reported {cli_count} diagnostics, library {lib_count}")
        codes: dict[str, int] = {}
        for diagnostic in report["diagnostics"]:
            codes[diagnostic["code"]] = codes.get(diagnostic["code"], 0) + 1

        n = len(files)
        print(f"CLI command (cwd {root}): {shlex.join(command)}")
        print(f"diagnostics: {lib_count} ({', '.join(f'{c} {k}' for k, c in sorted(codes.items()))}); CLI exit code {exit_code}")
        print()
        print(f"{'run':<44}{'seconds':>9}{'listings/s':>12}")
        print(f"{'parse floor (yaml.CSafeLoader, load only)':<44}{floor:>9.2f}{n / floor:>12,.0f}")
        print(f"{'library: listlint.run.lint_paths':<44}{lib_time:>9.2f}{n / lib_time:>12,.0f}")
        print(f"{'CLI: listlint check (one subprocess)':<44}{cli_time:>9.2f}{n / cli_time:>12,.0f}")
        print(f"library / parse floor: {lib_time / floor:.1f}x")
        print(f"files: {summary['files']}, python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
