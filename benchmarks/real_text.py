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


FLAT_PREAMBLE = "TemplateType=fptcustom\tVersion=2021.1021\tTemplateSignature=VE9ZUw=="
FLAT_HEADER = ["item_sku", "feed_product_type", "item_name", "brand_name", "product_description"]
FLAT_LABELS = ["Seller SKU", "Product Type", "Product Name", "Brand Name", "Product Description"]


def write_real_flat_file(path: Path, rows: int) -> None:
    """An inventory template (tab-delimited, UK) of `rows` rows: the pages replicated as in
    write_real_catalog. A description holding a tab, a quote or a line break is quoted, as
    spreadsheets export it, so some rows span several lines."""
    pages = real_listings()
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(FLAT_PREAMBLE + "\r\n" + "\t".join(FLAT_LABELS) + "\r\n" + "\t".join(FLAT_HEADER) + "\r\n")
        for index in range(rows):
            copy, page = divmod(index, len(pages))
            listing = pages[page]
            cells = [f"{listing['sku']}-c{copy:03d}", "TOY_FIGURE", listing["title"], listing["brand"], listing.get("description", "")]
            out.write("\t".join(_flat_cell(cell) for cell in cells) + "\r\n")


def _flat_cell(text: str) -> str:
    if any(c in text for c in '\t"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text
