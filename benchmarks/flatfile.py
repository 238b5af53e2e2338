"""The one generator of flat files: an Amazon inventory template (tab-delimited .txt) whose rows
are listings.make_listing's listings.

TemplateType preamble, a label row, the attribute-name header, then one row per listing; every
seventh row has a quoted cell over two lines (with doubled quotes), as spreadsheets export them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from listings import KINDS, Listing, Tally, listings

PREAMBLE = "TemplateType=fptcustom\tVersion=2021.1021\tTemplateSignature=QkVOQ0g="
HEADER = ["item_sku", "feed_product_type", "item_name", "brand_name", "bullet_point1", "bullet_point2", "bullet_point3",
          "bullet_point4", "bullet_point5", "product_description", "generic_keywords", "external_product_id",
          "external_product_id_type", "standard_price", "quantity", "country_of_origin", "batteries_required"]
LABELS = ["Seller SKU", "Product Type", "Product Name", "Brand Name", "Bullet Point", "Bullet Point", "Bullet Point",
          "Bullet Point", "Bullet Point", "Product Description", "Search Terms", "Product ID", "Product ID Type", "Price",
          "Quantity", "Country of Origin", "Batteries Required?"]
# An inventory template is made for one category: here apparel, which needs no certificates,
# so a row's findings are its injected violation only and the peak memory of a run shows the
# rows streamed, not a certificate finding or two per row kept for the report.
APPAREL = [kind for kind in KINDS if kind["type"] == "SHIRT"]
BULLET_COLUMNS = 5
MULTILINE_EVERY = 7


def flat_row(index: int, listing: Listing) -> list[str]:
    """The template row for one listing (cells not yet quoted)."""
    record = listing.record
    bullets = (record["bullets"] + [""] * BULLET_COLUMNS)[:BULLET_COLUMNS]
    if index % MULTILINE_EVERY == 0:
        bullets[1] = '"' + bullets[1] + '\r\nSecond line with ""quotes"""'
    weight = record["attributes"]["item_weight_g"]
    return [
        record["sku"], record["product_type"], record["title"], record["brand"], *bullets,
        record["description"].strip().replace("\n", "<br>"), record["search_terms"],
        f"50{index:011d}", "EAN", f"{weight // 10}.99", str(weight // 100 + 1), "China", "false",
    ]


def write_flat_file(path: Path, rows: int, seed: int, violation_rate: float, terms: Sequence[str]) -> Tally:
    """An inventory template of `rows` product rows: the first `rows` listings for `seed`."""
    tally = Tally(paths=[path])
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(PREAMBLE + "\r\n" + "\t".join(LABELS) + "\r\n" + "\t".join(HEADER) + "\r\n")
        for index, listing in enumerate(listings(rows, seed, violation_rate, terms, APPAREL)):
            out.write("\t".join(flat_row(index, listing)) + "\r\n")
            tally.add(listing)
    return tally
