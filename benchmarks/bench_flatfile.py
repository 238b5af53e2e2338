"""Speed and memory of `listlint check` on one large inventory flat file.

    python benchmarks/bench_flatfile.py                  # 100,000 rows, tab-delimited
    python benchmarks/bench_flatfile.py --rows 20000 --keep /tmp/bench-flat

Generates an Amazon inventory template (TemplateType preamble, label row, attribute-name
header, then N product rows with realistic copy, a tenth of them carrying a violation,
some with quoted multi-line bullets), then lints it

with the command line (`listlint check FILE --format json`, one process each) and prints
rows per second and the process's peak resident memory, for the file and for one of a
tenth the rows: the peak stays flat because rows are streamed (only diagnostics are
kept).
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

from workspace import parser as workspace_parser
from workspace import workspace

HEADER = ["item_sku", "feed_product_type", "item_name", "brand_name", "bullet_point1", "bullet_point2", "bullet_point3",
          "bullet_point4", "product_description", "generic_keywords", "external_product_id", "external_product_id_type",
          "standard_price", "quantity", "country_of_origin", "batteries_required"]
LABELS = ["Seller SKU", "Product Type", "Product Name", "Brand Name", "Bullet Point", "Bullet Point", "Bullet Point",
          "Bullet Point", "Product Description", "Search Terms", "Product ID", "Product ID Type", "Price", "Quantity",
          "Country of Origin", "Batteries Required?"]
NOUNS = ["Insulated Water Bottle", "Wireless Headphones", "Chef's Knife", "Crew Neck T-Shirt", "Wooden Stacking Toy", "Ceramic Mug"]
FEATURES = ["750 ml", "Bluetooth 5.3", "Full Tang", "100% Combed Cotton", "Beech Wood", "Dishwasher Safe", "Leak-Proof Lid", "USB-C"]
BULLETS = [
    "Double-wall vacuum insulation keeps drinks cold for up to {n} hours",
    "Up to {n} hours of playback on one charge; a 10-minute charge gives about {m} hours",
    "Blade forged from X50CrMoV15 steel and hardened to 56-58 HRC",
    "Combed ring-spun cotton jersey, {n}0 gsm, soft and opaque",
    "{n} pieces in graduated sizes cut from solid beech, e.g. for ages 3+",
    "Machine wash at 30 °C inside out, do not tumble dry",
]
VIOLATIONS = ["Spares at www.{brand}-shop.com/parts", "Questions? Email support@{brand}-store.net", "Kills 99.9% of germs",
              "Great gift for Bluey fans and kids", "Condition: 100% Brand New", "Call 1-800-555-01{m}{m} for bulk orders"]


def generate(path: Path, rows: int, seed: int) -> int:
    rng = random.Random(seed)
    bad = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("TemplateType=fptcustom\tVersion=2021.1021\tTemplateSignature=QkVOQ0g=\r\n")
        out.write("\t".join(LABELS) + "\r\n")
        out.write("\t".join(HEADER) + "\r\n")
        for index in range(rows):
            brand = rng.choice(["Oakhearth", "Acmeware", "Juniper Lane", "Cuddlecove", "Glowdrive"])
            n, m = rng.randint(12, 48), rng.randint(2, 9)
            bullets = [b.format(n=n, m=m) for b in rng.sample(BULLETS, 4)]
            if rng.random() < 0.1:
                bad += 1
                bullets[3] = rng.choice(VIOLATIONS).format(brand=brand.lower().replace(" ", ""), m=m)
            if index % 7 == 0:  # a quoted cell over two lines
                bullets[1] = '"' + bullets[1] + '\r\nSecond line with ""quotes"""'
            row = [
                f"SKU-{index:07d}", "HOME", f"{brand} {rng.choice(NOUNS)}, " + ", ".join(rng.sample(FEATURES, 3)), brand, *bullets,
                f"The {brand} product is designed for everyday use.<br>Model No. {index % 9000 + 1000}, weight {n * 10} g.",
                " ".join(w.lower() for w in rng.sample(FEATURES, 4)), f"50{index:011d}", "EAN", f"{n}.99", str(m * 10), "China", "false",
            ]
            out.write("\t".join(row) + "\r\n")
    return bad


_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
result = subprocess.run(sys.argv[1:], capture_output=True, text=True)
elapsed = time.perf_counter() - start
sys.stderr.write(result.stderr)
print(result.returncode, elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(result.stdout, end="")
"""


def cli_run(path: Path) -> tuple[float, float, int]:
    """One `listlint check FILE --format json` process: seconds, its peak RSS in MB, diagnostics."""
    exe = shutil.which("listlint")
    command = [exe, "check", path.name, "--format", "json"] if exe else [sys.executable, "-m", "listlint", "check", path.name, "--format", "json"]
    result = subprocess.run([sys.executable, "-c", _MEASURE, *command], cwd=path.parent, capture_output=True, text=True)
    first, _, report = result.stdout.partition("\n")
    code, elapsed, peak_kb = first.split()
    if int(code) not in (0, 1):
        raise SystemExit(f"listlint failed with exit {code}:\n{result.stderr}")
    return float(elapsed), int(peak_kb) / 1024, len(json.loads(report)["diagnostics"])


def main() -> None:
    parser = workspace_parser(__doc__)
    parser.add_argument("--rows", type=int, default=100_000, help="product rows (default 100000)")
    args = parser.parse_args()

    with workspace(args.keep, "listlint-bench-flat-") as root:
        big, small = root / "inventory.txt", root / "inventory-small.txt"
        bad = generate(big, args.rows, args.seed)
        generate(small, max(1, args.rows // 10), args.seed)
        print(f"generated {args.rows:,} rows ({big.stat().st_size / 1e6:.1f} MB, {bad:,} with a violation) at {root}")
        small_rows = max(1, args.rows // 10)
        small_time, small_rss, _ = cli_run(small)
        cli_time, cli_rss, count = cli_run(big)
        print(f"diagnostics: {count:,}; command (cwd {root}): listlint check {big.name} --format json")
        print()
        print(f"{'run':<40}{'seconds':>9}{'rows/s':>10}{'peak RSS MB':>13}")
        print(f"{f'listlint check, {small_rows:,} rows':<40}{small_time:>9.1f}{small_rows / small_time:>10,.0f}{small_rss:>13.1f}")
        print(f"{f'listlint check, {args.rows:,} rows':<40}{cli_time:>9.1f}{args.rows / cli_time:>10,.0f}{cli_rss:>13.1f}")
        print(f"python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
