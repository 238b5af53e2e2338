"""The one generator of listings for every benchmark: realistic copy, a share with one violation.

YAML catalogs (one listing a file), flat-file rows (flatfile.py) and the Markdown copies that
textlint reads (competitors.py) are all made from `make_listing`, so every tool sees the same
texts. The stream depends only on the seed: the first 1,000 listings of a 10,000-listing
catalog are the 1,000-listing catalog.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

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
# Each sentence breaks one shipped rule (redirection, claims, infringement); TERM_VIOLATION
# names a term of the user's list, so it is what textlint's word list can find as well.
VIOLATIONS = [
    "Spare parts and more colours at www.{brand}-shop.com/parts",
    "Questions? Email support@{brand}-store.net before ordering",
    "Bulk orders: call 1-800-555-01{m}{m}",
    "Follow us on Instagram @{brand}_official for new colours",
    "Kills 99.9% of germs on every surface",
    "Cures arthritis and relieves joint pain naturally",
    "FDA approved formula, made in a registered facility",
    "Great gift for Bluey fans and kids",
    "Eco-friendly packaging made from recycled board",
]
TERM_VIOLATION = "Works with every {term} accessory"
TERM_SHARE = 0.5
BRAND_SYLLABLES = ["aur", "vox", "tril", "mere", "hak", "uri", "mer", "idel", "pip", "wil", "low", "glo", "dri", "ve", "oak", "hearth", "cud", "dle", "bay", "lun", "ta", "zen", "qor", "ix", "bel", "nor", "vik", "sol", "ara", "tek"]


@dataclass(frozen=True)
class Listing:
    """One generated listing: its record, and the sentence injected into it (None when clean)."""

    record: dict[str, Any]
    violation: str | None = None
    term: str | None = None  # the user term the violation names, for TERM_VIOLATION


@dataclass
class Tally:
    """What a generator wrote: counted as it goes, so checks can compare a tool's findings with it."""

    items: int = 0
    with_violation: int = 0
    with_term: int = 0
    paths: list[Path] = field(default_factory=list)  # the files written, in generation order
    term_paths: list[Path] = field(default_factory=list)  # those of listings naming a user term

    def add(self, listing: Listing, path: Path | None = None) -> None:
        """Count `listing`, written to its own file `path` (None: a row of a shared file)."""
        self.items += 1
        self.with_violation += listing.violation is not None
        self.with_term += listing.term is not None
        if path is not None:
            self.paths.append(path)
            if listing.term is not None:
                self.term_paths.append(path)

    @property
    def size(self) -> int:
        return sum(path.stat().st_size for path in self.paths)


def brand_name(rng: random.Random) -> str:
    return "".join(rng.choice(BRAND_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def make_listing(index: int, rng: random.Random, violation_rate: float, terms: Sequence[str], kinds: Sequence[dict] = KINDS) -> Listing:
    """Listing number `index`, of one of `kinds`; with probability `violation_rate` one bullet breaks a rule."""
    kind = rng.choice(kinds)
    brand = brand_name(rng)
    n, m = rng.randint(12, 48), rng.randint(2, 9)
    features = rng.sample(kind["features"], 4)
    record = {
        "sku": f"{brand[:3].upper()}-{index:06d}",
        "marketplaces": rng.choice([["US"], ["US", "CA"], ["UK", "DE"], ["EU"]]),
        "product_type": kind["type"],
        "brand": brand,
        "title": f"{brand} {rng.choice(kind['nouns'])}, " + ", ".join(features),
        "bullets": [b.format(n=n, m=m) for b in rng.sample(kind["bullets"], min(4, len(kind["bullets"])))],
        "description": (
            f"The {brand} {kind['nouns'][0].lower()} is designed for everyday use.\n"
            f"Model No. {brand[:3].upper()}-{1000 + index % 9000}, version {m}.{n % 10}.\n"
            f"Item weight {n * 10} g; package {n} x {m + 10} x {m} cm.\n"
        ),
        "search_terms": " ".join(w.lower() for w in rng.sample(kind["features"] + kind["nouns"], 5)),
        "attributes": {"color": rng.choice(["Black", "Navy", "Sage green", "Red"]), "item_weight_g": n * 10},
    }
    if rng.random() >= violation_rate:
        return Listing(record)
    # Half the violations name a user term: term lists are what users add most, and the only
    # violation the word-list tools compared in suite.py can find.
    if rng.random() < TERM_SHARE:
        term = rng.choice(terms)
        sentence = TERM_VIOLATION.format(term=term)
    else:
        term = None
        sentence = rng.choice(VIOLATIONS).format(brand=brand.lower(), m=m)
    record["bullets"].append(sentence)
    return Listing(record, sentence, term)


def listings(count: int, seed: int, violation_rate: float, terms: Sequence[str], kinds: Sequence[dict] = KINDS) -> Iterator[Listing]:
    """The first `count` listings of the stream for `seed` (and `kinds`)."""
    rng = random.Random(seed)
    for index in range(count):
        yield make_listing(index, rng, violation_rate, terms, kinds)


def write_catalog(folder: Path, count: int, seed: int, violation_rate: float, terms: Sequence[str]) -> Tally:
    """`count` single-listing YAML files under folder/<product type>/<sku>.yaml."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # the C emitter: 100,000 files in seconds
    tally = Tally()
    for listing in listings(count, seed, violation_rate, terms):
        record = listing.record
        path = folder / record["product_type"].lower() / f"{record['sku'].lower()}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8") as out:
            yaml.dump(record, out, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
        tally.add(listing, path)
    return tally
