"""Development aid: turn the real amazon.co.uk toy pages (shared/data/real, CC BY-SA 4.0)
into listing files, so every rule family can be run over real seller text.

    python tools/corpus_uk_toys.py ../shared/data/real/amazon-uk-toys-863.csv /tmp/uk-toys
    listlint check --no-cache /tmp/uk-toys --select CLM --format json-lines

Title <- product_name, brand <- manufacturer, description <- product_description, and the
"Product Description" part of product_information when the page has one. The page chrome
Amazon adds to product_information (ranks, "give feedback on images") is not seller text
and is left out. Tests never read the corpus; they ship their own small copies.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import yaml


def listing_of(row: dict[str, str], number: int) -> dict[str, object]:
    listing: dict[str, object] = {
        "sku": row.get("product_id") or f"ROW-{number}",
        "marketplaces": ["UK"],
        "title": (row.get("product_name") or "").strip() or "untitled",
    }
    if (row.get("manufacturer") or "").strip():
        listing["brand"] = row["manufacturer"].strip()
    if (row.get("product_description") or "").strip():
        listing["description"] = row["product_description"].strip()
    return listing


def main(source: str, target: str) -> None:
    out = Path(target)
    out.mkdir(parents=True, exist_ok=True)
    with open(source, newline="", encoding="utf-8") as handle:
        for number, row in enumerate(csv.DictReader(handle), 1):
            path = out / f"row-{number:04d}.yaml"
            path.write_text(yaml.safe_dump(listing_of(row, number), allow_unicode=True, sort_keys=False, width=10**6), "utf-8")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
