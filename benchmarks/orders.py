"""Benchmark of the ORD rules: orders reports of 10,000 and 100,000 rows, one fresh process each.

    python benchmarks/orders.py                  # 10k and 100k rows
    python benchmarks/orders.py --rows 20000     # other sizes

Writes tab-separated Seller Central reports (the columns of fixtures/orders/) from one seed
into a temporary folder: ordinary orders of 200 SKUs over a year, each to its own buyer and
address, with one planted repeat recipient, free order and own-address order per 10,000
rows. Runs `listlint check REPORT --select ORD --no-cache` on each as its own process
(benchmarks/measure.py: wall seconds, peak RSS) and checks that every planted pattern was
reported. Prints a Markdown table; exits 1 when a check fails, never on a timing.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from measure import measure

COLUMNS = ("amazon-order-id", "purchase-date", "order-status", "fulfillment-channel", "sales-channel", "sku", "asin", "quantity-purchased", "currency", "item-price", "item-promotion-discount", "buyer-email", "buyer-name", "recipient-name", "ship-address-1", "ship-address-2", "ship-city", "ship-postal-code", "ship-country", "ship-phone-number", "is-replacement-order")
START = datetime(2025, 11, 1)
OWN = "Unit 7, Canal Side Trading Estate, Leeds LS10 1AB"


def write_report(path: Path, rows: int, seed: int = 18) -> int:
    """An orders report of `rows` rows; returns how many planted orders it holds."""
    r = random.Random(seed)
    planted = 0
    with path.open("w", encoding="utf-8") as out:
        out.write("\t".join(COLUMNS) + "\n")
        for n in range(rows):
            when = START + timedelta(seconds=n * 365 * 86400 // rows)
            sku = f"SKU-{r.randrange(200):03d}"
            street, postcode, email, price = f"{n + 1} Long Road", f"AB{n % 97 + 1} {n % 9}CD", f"{n:012x}@marketplace.amazon.co.uk", f"{10 + n % 40}.99"
            block = n % 10_000
            if 100 <= block < 106 and block % 2 == 0:  # three orders of one SKU to one address within 4 rows
                sku, street, postcode, planted = "SKU-PLANTED", f"{n // 10_000} Repeat Street", "ZZ1 1ZZ", planted + 1
            elif block == 5000:
                price, planted = "0.00", planted + 1
            elif block == 7000:
                street, postcode, planted = "Canal Side Trading Estate, Unit 7", "LS10 1AB", planted + 1
            cells = (f"203-{n:07d}-{r.randrange(10**7):07d}", when.strftime("%Y-%m-%dT%H:%M:%S+00:00"), "Shipped", "Merchant", "Amazon.co.uk", sku, f"B0{r.randrange(10**8):08d}", "1", "GBP", price, "0.00", email, "Alex Example", "Alex Example", street, "", "Leeds", postcode, "GB", "07700 900000", "false")
            out.write("\t".join(cells) + "\n")
    return planted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    failed = False
    print("| rows | file MB | seconds | peak RSS MB | ORD findings | planted found |")
    print("|---:|---:|---:|---:|---:|---|")
    with tempfile.TemporaryDirectory(prefix="listlint-orders-") as scratch:
        folder = Path(scratch)
        (folder / ".listlint.yaml").write_text(f"marketplaces: [UK]\nown_addresses: [{json.dumps(OWN)}]\nprivacy_salt: benchmark-salt-0123456789\n", "utf-8")
        for rows in args.rows:
            report = folder / f"orders-{rows}.txt"
            planted = write_report(report, rows)
            out = folder / f"out-{rows}.json"
            result = measure([sys.executable, "-m", "listlint", "check", report.name, "--select", "ORD", "--no-cache", "--format", "json", "--fail-on", "never"], folder, out)
            diagnostics = json.loads(out.read_text("utf-8"))["diagnostics"] if result.exit_code == 0 else []
            found = sum(d["code"].startswith("ORD") for d in diagnostics)
            ok = result.exit_code == 0 and found >= planted
            failed |= not ok
            print(f"| {rows:,} | {report.stat().st_size / 1e6:.1f} | {result.seconds:.2f} | {result.peak_rss_mb:.0f} | {found} | {'yes' if ok else 'NO: ' + result.stderr[-300:]} |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
