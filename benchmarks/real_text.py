"""Real listing text for the benchmarks: the 863 amazon.co.uk toy pages replicated to any size.

The pages are tests/data/amazon-uk-toys-863.json (CC BY-SA 4.0, licence LICENSE-amazon-uk-toys
beside it; made by toys_corpus.py), one UK listing each: brand, title and description as the
sellers wrote them. Listing i of a catalog is page i mod 863 with its copy number added to the
SKU, one listing a file, under folder/c<copy>/ so that no folder holds more than 863 files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "amazon-uk-toys-863.json"


def real_listings() -> list[dict[str, Any]]:
    return json.loads(CORPUS.read_text("utf-8"))["listings"]


def write_real_catalog(folder: Path, count: int) -> list[Path]:
    """`count` single-listing YAML files of the replicated pages; returns them in writing order."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    pages = real_listings()
    paths = []
    for index in range(count):
        copy, page = divmod(index, len(pages))
        record = dict(pages[page], sku=f"{pages[page]['sku']}-c{copy:03d}")
        path = folder / f"c{copy:03d}" / f"{record['sku']}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8") as out:
            yaml.dump(record, out, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
        paths.append(path)
    return paths
