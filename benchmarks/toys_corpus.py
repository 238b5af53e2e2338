"""Convert the real amazon.co.uk toys corpus (CC BY-SA 4.0) into one listlint listings file.

    python benchmarks/toys_corpus.py [CSV] [OUT]

CSV defaults to ../shared/data/real/amazon-uk-toys-863.csv, OUT to
tests/data/amazon-uk-toys-863.json (the licence LICENSE-amazon-uk-toys stays beside it).
Each page becomes a UK listing: manufacturer -> brand, product_name -> title,
product_description -> description. Reviews and the technical table are left out: they
are not the seller's listing copy.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CSV = HERE.parent.parent / "shared" / "data" / "real" / "amazon-uk-toys-863.csv"
DEFAULT_OUT = HERE.parent / "tests" / "data" / "amazon-uk-toys-863.json"


def listing(number: int, row: dict[str, str]) -> dict[str, object]:
    item: dict[str, object] = {"sku": f"toy-{number:03d}", "marketplaces": ["UK"]}
    for field, column in (("brand", "manufacturer"), ("title", "product_name"), ("description", "product_description")):
        value = (row.get(column) or "").strip()
        if value:
            item[field] = value
    return item


def convert(source: Path, out: Path) -> int:
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    listings = [listing(number, row) for number, row in enumerate(rows, 1)]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"listings": listings}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(listings)


if __name__ == "__main__":
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CSV
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_OUT
    print(f"{convert(source, out)} listings -> {out}")
