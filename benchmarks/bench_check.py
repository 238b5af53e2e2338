"""Throughput of `listlint check` on a large listing repository.

    python benchmarks/bench_check.py                 # 10,000 listings, 20,000 user terms
    python benchmarks/bench_check.py --listings 2000 --keep /tmp/bench

Generates N single-listing YAML files with realistic copy (a fraction of them carrying
a violation: a URL, an e-mail address, a disease or pesticide claim, a protected brand,
a promotional phrase or a term from the user list), a user ruleset of kind `terms` with
a 20,000-line `terms_file`, and a .listlint.yaml that adds it. Then it times

  1. the library: `listlint.run.lint_paths` in this process (config, rule compilation,
     discovery, parsing, checking),
  2. the command line: one `listlint check listings --format json` subprocess,
  3. the parse floor: `yaml.load(..., Loader=yaml.CSafeLoader)` of the same files, the
     least any YAML-based checker must pay,

and prints listings per second for each.
"""

from __future__ import annotations

import json
import random
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml
from workspace import parser as workspace_parser
from workspace import workspace

KINDS = [
    {
        "type": "HEADPHONES",
        "nouns": ["Wireless Headphones", "Over-Ear Headphones", "Bluetooth Earbuds", "Sports Earphones"],
        "features": ["Bluetooth 5.3", "Active Noise Cancelling", "40 mm Drivers", "USB-C Fast Charging", "Multipoint Pairing", "IPX5 Sweat Resistant"],
        "bullets": [
            "Hybrid noise cancelling reduces low-frequency hum, e.g. trains and aircraft cabins, by up to {n} dB",
            "Up to {n} hours of playback on one charge; a 10-minute charge gives about {m} hours",
            "Soft memory-foam ear cushions and an adjustable headband for long listening sessions",
            "Built-in microphones with wind-noise reduction for clear calls outdoors",
            "Folds flat into the included carry case ({n} x {m} x 6 cm)",
        ],
    },
    {
        "type": "BOTTLE",
        "nouns": ["Insulated Water Bottle", "Stainless Steel Flask", "Travel Tumbler", "Sports Bottle"],
        "features": ["750 ml", "18/8 Stainless Steel", "Leak-Proof Lid", "Keeps Drinks Cold 24 h", "Powder-Coated", "Wide Mouth"],
        "bullets": [
            "Double-wall vacuum insulation keeps drinks cold for up to {n} hours and hot for up to {m} hours",
            "18/8 (304) food-grade stainless steel with a powder-coated finish",
            "Fits most car cup holders; base {m}.3 cm across, height {n}.5 cm",
            "Spare seal ring No.{m} is sold separately and fits all lids in the range",
            "Hand wash only: a dishwasher can damage the vacuum seal",
        ],
    },
    {
        "type": "KITCHEN_KNIFE",
        "nouns": ["Chef's Knife", "Santoku Knife", "Paring Knife", "Bread Knife"],
        "features": ["8 Inch", "X50CrMoV15 Steel", "Full Tang", "Pakkawood Handle", "56-58 HRC", "Blade Guard Included"],
        "bullets": [
            "Blade forged from X50CrMoV15 steel and hardened to 56-58 HRC",
            "Full-tang construction with three rivets for balance and control",
            "Sharpened to {m}° per side; hone on a whetstone, e.g. grit 1000 then 6000",
            "Blade {n} cm long, weight {n}0 g",
            "Hand wash and dry straight away",
        ],
    },
    {
        "type": "SHIRT",
        "nouns": ["Crew Neck T-Shirt", "V-Neck T-Shirt", "Long Sleeve Top", "Polo Shirt"],
        "features": ["100% Combed Cotton", "180 gsm", "Regular Fit", "Navy", "Size L", "Pre-Shrunk"],
        "bullets": [
            "Combed ring-spun cotton jersey, {n}0 gsm, soft and opaque",
            "Ribbed neckline keeps its shape wash after wash; chest {n}6 cm on size L",
            "Twin-needle hems and taped shoulder seams",
            "Machine wash at 30 °C inside out, do not tumble dry",
        ],
    },
    {
        "type": "TOY_FIGURE",
        "nouns": ["Wooden Stacking Toy", "Building Blocks Set", "Shape Sorter", "Plush Axolotl"],
        "features": ["12 Pieces", "Beech Wood", "Water-Based Paint", "Ages 3+", "Gift Box", "30 cm"],
        "bullets": [
            "{n} pieces in graduated sizes cut from solid beech",
            "Tested to EN 71-3 and ASTM F963-17",
            "Open-ended play: tunnels, bridges, ramps and sorting by colour",
            "WARNING: CHOKING HAZARD -- Small parts. Not for children under 3 yrs.",
            "Wipe with a damp cloth; do not soak",
        ],
    },
    {
        "type": "VEHICLE_LIGHT_BAR",
        "nouns": ["Car Ambient Light Kit", "Interior LED Strip", "Footwell Light Set", "Dashboard Light Strip"],
        "features": ["64 Colours", "App Control", "Music Sync", "12V", "Fibre Optic", "Easy Install"],
        "bullets": [
            "Fibre-optic strips tuck into trim gaps for an even glow",
            "{n} colours and {m} modes, controlled from the app",
            "Runs from the 12V socket or a fused circuit (add-a-fuse tap included)",
            "Installation takes about {n} minutes with the included trim tool",
        ],
    },
]
VIOLATIONS = [
    "Spare parts and more colours at www.{brand}-shop.com/parts",
    "Questions? Email support@{brand}-store.net before ordering",
    "Bulk orders: call 1-800-555-01{m}{m}",
    "Follow us on Instagram @{brand}_official for new colours",
    "Kills 99.9% of germs on every surface",
    "Cures arthritis and relieves joint pain naturally",
    "FDA approved formula, made in a registered facility",
    "Great gift for Bluey fans",
    "Eco-friendly packaging made from recycled board",
    "Works with every {term} accessory",
]
TERM_SYLLABLES = ["kra", "zu", "mon", "thel", "quar", "dex", "ombr", "yst", "fal", "ko", "rin", "gav", "esh", "tul", "pran", "vo", "schm", "ek", "lor", "dri", "nax", "ul", "bre", "fy", "hol", "tam"]
BRAND_SYLLABLES = ["aur", "vox", "tril", "mere", "hak", "uri", "mer", "idel", "pip", "wil", "low", "glo", "dri", "ve", "oak", "hearth", "cud", "dle", "bay", "lun", "ta", "zen", "qor", "ix", "bel", "nor", "vik", "sol", "ara", "tek"]


def brand_name(rng: random.Random) -> str:
    return "".join(rng.choice(BRAND_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def make_terms(count: int, rng: random.Random) -> list[str]:
    """Distinct made-up protected names (one to three words) for the user terms rule.

    Built from other syllables than the sellers' own brands, so only the injected
    violations hit them.
    """
    terms: set[str] = set()
    while len(terms) < count:
        words = ["".join(rng.choice(TERM_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize() for _ in range(rng.choice((1, 1, 2, 2, 3)))]
        terms.add(" ".join(words))
    return sorted(terms)


def make_listing(index: int, rng: random.Random, violation_rate: float, terms: list[str]) -> tuple[dict, bool]:
    kind = rng.choice(KINDS)
    brand = brand_name(rng)
    n, m = rng.randint(12, 48), rng.randint(2, 9)
    features = rng.sample(kind["features"], 4)
    title = f"{brand} {rng.choice(kind['nouns'])}, " + ", ".join(features)
    bullets = [b.format(n=n, m=m) for b in rng.sample(kind["bullets"], min(4, len(kind["bullets"])))]
    description = (
        f"The {brand} {kind['nouns'][0].lower()} is designed for everyday use.\n"
        f"Model No. {brand[:3].upper()}-{1000 + index % 9000}, version {m}.{n % 10}.\n"
        f"Item weight {n * 10} g; package {n} x {m + 10} x {m} cm.\n"
    )
    listing = {
        "sku": f"{brand[:3].upper()}-{index:06d}",
        "marketplaces": rng.choice([["US"], ["US", "CA"], ["UK", "DE"], ["EU"]]),
        "product_type": kind["type"],
        "brand": brand,
        "title": title,
        "bullets": bullets,
        "description": description,
        "search_terms": " ".join(w.lower() for w in rng.sample(kind["features"] + kind["nouns"], 5)),
        "attributes": {"color": rng.choice(["Black", "Navy", "Sage green", "Red"]), "item_weight_g": n * 10},
    }
    bad = rng.random() < violation_rate
    if bad:
        text = rng.choice(VIOLATIONS).format(brand=brand.lower(), m=m, term=rng.choice(terms))
        listing["bullets"].append(text)
    return listing, bad


def generate(root: Path, count: int, term_count: int, violation_rate: float, seed: int) -> tuple[int, int]:
    rng = random.Random(seed)
    terms = make_terms(term_count, rng)
    rules = root / "rulesets"
    rules.mkdir(parents=True)
    (rules / "protected-names.txt").write_text("# made-up protected names, one a line\n" + "\n".join(terms) + "\n", "utf-8")
    (rules / "protected-names.yaml").write_text(
        """\
ruleset: bench
description: Brand names the seller's legal team asked to keep out of listings.
rules:
  - code: USR001
    name: protected-name
    severity: warning
    kind: terms
    terms_file: protected-names.txt
    message: "{match} in {field} is on the protected names list"
    why: Names on this list belong to other companies.
    sources:
      - url: https://example.com/legal/protected-names
        as_of: 2026-01-01
        strength: unverified
""",
        "utf-8",
    )
    (root / ".listlint.yaml").write_text("rulesets:\n  - rulesets/protected-names.yaml\n", "utf-8")
    folder = root / "listings"
    bad_count = 0
    for index in range(count):
        listing, bad = make_listing(index, rng, violation_rate, terms)
        bad_count += bad
        sub = folder / listing["product_type"].lower()
        sub.mkdir(parents=True, exist_ok=True)
        with open(sub / f"{listing['sku'].lower()}.yaml", "w", encoding="utf-8") as out:
            yaml.safe_dump(listing, out, sort_keys=False, allow_unicode=True, width=100)
    return bad_count, len(terms)


def parse_floor(files: list[Path]) -> float:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    start = time.perf_counter()
    for path in files:
        yaml.load(path.read_text("utf-8"), Loader=loader)
    return time.perf_counter() - start


def library_run(root: Path) -> tuple[float, int, dict[str, int]]:
    from listlint.config import load_config
    from listlint.run import lint_paths

    start = time.perf_counter()
    config = load_config(None, root)
    result = lint_paths(["listings"], config, root)
    elapsed = time.perf_counter() - start
    return elapsed, len(result.diagnostics), result.summary


def cli_run(root: Path) -> tuple[float, list[str], int, dict]:
    exe = shutil.which("listlint")
    command = [exe, "check", "listings", "--format", "json"] if exe else [sys.executable, "-m", "listlint", "check", "listings", "--format", "json"]
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
        bad, term_count = generate(root, args.listings, args.terms, args.violation_rate, args.seed)
        files = sorted((root / "listings").rglob("*.yaml"))
        size = sum(p.stat().st_size for p in files)
        print(f"generated {len(files)} listing files ({size / 1e6:.1f} MB, {bad} with a violation) and {term_count} user terms in {time.perf_counter() - start:.1f} s at {root}")

        floor = parse_floor(files)
        lib_time, lib_count, summary = library_run(root)
        cli_time, command, exit_code, report = cli_run(root)
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
