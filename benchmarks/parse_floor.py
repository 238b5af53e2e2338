"""The parse floor: only parse the files, as any checker of these formats must, and nothing else.

    python benchmarks/parse_floor.py yaml FILE_LIST   # yaml.load with CSafeLoader, each listed file
    python benchmarks/parse_floor.py compose FILE_LIST  # yaml.compose with CSafeLoader: the node tree only
    python benchmarks/parse_floor.py csv FLAT_FILE    # csv.reader over a tab-delimited template

Run by suite.py as its own process (same interpreter start-up as `listlint check`), so its
time and peak memory compare with listlint's. Prints how many documents or rows it parsed.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import yaml


def parse_yaml(paths: Iterable[Path | str]) -> int:
    """Load every file with the C loader (the fastest PyYAML has); returns how many."""
    return _each_yaml(paths, yaml.load)


def compose_yaml(paths: Iterable[Path | str]) -> int:
    """Compose every file into its node tree with the C loader: what a linter that reports
    line:column must build at least (nodes carry positions; Python objects are not made)."""
    return _each_yaml(paths, yaml.compose)


def _each_yaml(paths: Iterable[Path | str], step: Callable[..., object]) -> int:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    count = 0
    for path in paths:
        with open(path, encoding="utf-8") as source:
            step(source.read(), Loader=loader)
        count += 1
    return count


def parse_flat_file(path: Path) -> int:
    with open(path, encoding="utf-8", newline="") as source:
        return sum(1 for _ in csv.reader(source, delimiter="\t"))


def main() -> None:
    kind, target = sys.argv[1], Path(sys.argv[2])
    if kind == "csv":
        print(parse_flat_file(target))
        return
    parse = compose_yaml if kind == "compose" else parse_yaml
    print(parse(target.read_text("utf-8").splitlines()))


if __name__ == "__main__":
    main()
