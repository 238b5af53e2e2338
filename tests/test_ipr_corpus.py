"""The IPR rules on real text and on knock-off copy as sellers write it (session 10 review,
docs/ipr-review.md): the findings the review of the 863 real amazon.co.uk toy pages
(tests/data/amazon-uk-toys-863.json, CC BY-SA 4.0) asked for are reported at the words,
brand fields that start with a protected name are judged as that name, a company whose
name only begins like a listed brand is not taken for it, and brand names that are also
ordinary words stay quiet where they are words."""

from __future__ import annotations

import json
import re
from functools import lru_cache

import pytest
import yaml

from listlint.config import Config
from listlint.engine import Engine
from listlint.ownership import brand_key, brand_keys
from listlint.rules import load_rules
from listlint.textmatch import squash

from .conftest import ROOT
from .test_ipr import _lint

CORPUS = ROOT / "tests" / "data" / "amazon-uk-toys-863.json"
RULESET = ROOT / "rulesets" / "infringement.yaml"

# (sku, code, field, the reported words): what the session 10 review found missing
MUST_REPORT = [
    ("toy-521", "IPR001", "title", "Rubix"),
    ("toy-305", "IPR001", "title", "Mickey & Minnie"),  # Disney's pair without "Mouse" (session 10 independent review)  # "Pug Picture Rubix Cube" under the brand Fantasy Cube
    ("toy-189", "IPR004", "title", "SUPER SOAKER"),  # Hasbro's water-blaster mark under ALLKINDATHINGS
    ("toy-424", "IPR004", "description", "Big Bang Theory"),  # keyword stuffing beside "Sheldon Cooper"
    ("toy-241", "IPR004", "title", "Lord of the Rings"),  # NECA figure: a licence to confirm
    ("toy-016", "IPR001", "title", "Pokemon"),  # the knock-off's first naming, with its Pikachu counted
    ("toy-195", "IPR006", "title", "Harley Davidson"),  # Maisto's model: a licence to confirm (session 11)
    ("toy-362", "IPR005", "brand", "Pokemon"),  # brand field "Pokemon Plasma Blast Boosters"
    ("toy-615", "IPR005", "brand", "Avengers"),  # brand field "Avengers: Age of Ultron"
    ("toy-574", "IPR005", "brand", "Lord of the Rings"),
    ("toy-074", "IPR005", "brand", "Minnie Mouse"),  # brand field "Minnie Mouse, Mad about Minnie"
]


@lru_cache(maxsize=1)
def _findings() -> tuple:
    engine = Engine(load_rules([]), Config(root=ROOT, select=("IPR",)))
    return tuple(engine.lint_file(CORPUS, CORPUS.name).diagnostics)


@pytest.mark.parametrize(("sku", "code", "field", "words"), MUST_REPORT)
def test_review_findings_are_reported_at_the_words(sku, code, field, words):
    found = [(d.field, d.match, d.end_column - d.column) for d in _findings() if d.sku == sku and d.code == code]
    assert (field, words, len(words)) in found, found


def test_anker_stationery_stays_a_licence_to_confirm():
    """toy-633's brand field is the bare "Anker", which brands.txt lists (the charger maker):
    listlint cannot tell it from Anker International, so it asks for the licence."""
    assert {d.code for d in _findings() if d.sku == "toy-633"} == {"IPR006"}


def test_international_names_another_company_than_the_listed_brand(tmp_path):
    assert brand_key("Anker International") != brand_key("Anker")
    assert "ankerinternational" not in brand_keys(("Anker",))
    assert "mondelez" in brand_keys(("Mondelez International",))  # a listed X International answers to X
    text = {"title": "Peppa Pig Deluxe Stationery Set"}
    assert [d.code for d in _lint(tmp_path, {"brand": "Anker", **text})] == ["IPR006"]
    assert [d.code for d in _lint(tmp_path, {"brand": "Anker International", **text})] == ["IPR001"]  # no source records it


@pytest.mark.parametrize(
    ("brand", "words"),
    [
        ("Pokemon Trading Cards", "Pokemon"),
        ("Avengers: Age of Ultron", "Avengers"),
        ("Minnie Mouse, Mad about Minnie", "Minnie Mouse"),
        ("Peppa Pig Official Store", "Peppa Pig"),
        ("Lord of the Rings", "Lord of the Rings"),
    ],
)
def test_a_brand_field_starting_with_a_protected_name_is_judged_as_the_name(tmp_path, brand, words):
    reminder = [d for d in _lint(tmp_path, {"brand": brand, "title": "Gift Set"}) if d.code == "IPR005"]
    assert [(d.match, d.severity) for d in reminder] == [(words, "info")]
    line = (tmp_path / "listing.yaml").read_text("utf-8").splitlines()[reminder[0].line - 1]
    assert line[reminder[0].column - 1 : reminder[0].end_column - 1] == words
    assert [d.code for d in _lint(tmp_path, {"brand": brand, "title": "Gift Set"}, own_brands=("Acmeware",))] == ["IPR002"]


def test_a_name_borrowed_by_the_brand_field_is_reported_only_with_another_of_its_family(tmp_path):
    """Under "Pokemon Flareon" the title's Pokemon alone is the brand field's own name (the
    reminder speaks for it); with Pikachu in the text the error sits at the first naming."""
    alone = _lint(tmp_path, {"brand": "Pokemon Flareon", "title": "Pokemon Flareon Plush Soft Toy"})
    assert [d.code for d in alone] == ["IPR005"]
    both = _lint(tmp_path, {"brand": "Pokemon Flareon", "title": "Pokemon Flareon Plush Soft Toy", "description": "Pokemon toy Pikachu soft plush doll"})
    (error,) = [d for d in both if d.code == "IPR001"]
    assert (error.field, error.match) == ("title", "Pokemon") and "named 2 more times" in error.message and "Pikachu" in error.message


@pytest.mark.parametrize("brand", ["Sonic Smile Dental", "Bluey Green Designs", "Apple Tree Toys", "Stanley Park Gifts", "Frozen Treats Ltd", "Hello Kitty Cafe", "Rubix"])
def test_a_brand_field_starting_with_a_conditional_name_is_not_the_name(tmp_path, brand):
    assert _lint(tmp_path, {"brand": brand, "title": "Wooden Toy Train"}) == []


# Knock-off copy in the marketplaces' languages: (marketplace, bullet, code, the words)
KNOCK_OFF_COPY = [
    ("UK", "Pug Picture Rubix Cube, a gift for puzzle fans", "IPR001", "Rubix"),
    ("DE", "Zauberwürfel wie der Rubix, 3x3 Speed Cube", "IPR001", "Rubix"),
    ("FR", "Casse-tête Rubix 3x3 pour enfants", "IPR001", "Rubix"),
    ("IT", "Cubo Rubix 3x3 per bambini", "IPR001", "Rubix"),
    ("ES", "Cubo Rubix de velocidad, rompecabezas 3x3", "IPR001", "Rubix"),
    ("UK", "Pump action water gun like the SUPER SOAKER, 1 litre tank", "IPR004", "SUPER SOAKER"),
    ("DE", "Wasserpistole Super-Soaker mit Pumpe, 1 Liter", "IPR004", "Super-Soaker"),
    ("FR", "Pistolet à eau Super Soaker pour la piscine", "IPR004", "Super Soaker"),
    ("IT", "Pistola ad acqua supersoaker per il giardino", "IPR004", "supersoaker"),
    ("JP", "Super Soaker 水鉄砲 ポンプ式 大容量", "IPR004", "Super Soaker"),
    ("ES", "Ajedrez de Lord of the Rings en peltre", "IPR004", "Lord of the Rings"),
    ("UK", "Bazinga! The Big Bang Theory gift for Sheldon fans", "IPR004", "Big Bang Theory"),
    ("IT", "Peluche SpongeBob per bambini, 30 cm", "IPR001", "SpongeBob"),  # session 15
    ("UK", "Blue tank engine with Thomas & Friends face and tender", "IPR001", "Thomas & Friends"),
    ("DE", "Handpuppe aus der Sesamstraße, 35 cm", "IPR001", "Sesamstraße"),
]


@pytest.mark.parametrize(("marketplace", "bullet", "code", "words"), KNOCK_OFF_COPY)
def test_knock_off_copy_is_found_at_its_columns(tmp_path, marketplace, bullet, code, words):
    path = tmp_path / "listing.yaml"
    path.write_text(f"sku: T-1\nmarketplaces: [{marketplace}]\nbrand: Acmeware\nbullets:\n  - {json.dumps(bullet, ensure_ascii=False)}\n", "utf-8")
    engine = Engine(load_rules([]), Config(root=tmp_path, select=("IPR",)))
    found = [(d.code, d.line, d.column, d.end_column, d.match) for d in engine.lint_file(path, "listing.yaml").diagnostics]
    start = len('  - "') + 1 + bullet.index(words)
    assert (code, 5, start, start + len(words), words) in found, found


def _plain_terms() -> set[str]:
    """The IPR terms that fire without conditions: names that are never ordinary words."""
    rules = yaml.safe_load(RULESET.read_text("utf-8"))["rules"]
    entries = [entry for rule in rules for entry in rule.get("terms", [])]
    return {squash(entry if isinstance(entry, str) else entry["term"]) for entry in entries if isinstance(entry, str) or entry.keys() <= {"term", "note"}}


def test_brand_list_names_used_as_ordinary_words_in_real_text_stay_quiet(tmp_path):
    """Every one-word name on brands.txt that the real pages also write in lower case
    ("ring", "shark", "storm", "craft", ...) in three generated sentences and as a brand
    field's first word: only a name the IPR rules protect without conditions is reported."""
    listings = json.loads(CORPUS.read_text("utf-8"))["listings"]
    text = " ".join(f"{listing.get('title', '')} {listing.get('description', '')}" for listing in listings)
    lowered = set(re.findall(r"(?<![A-Za-z])[a-z]{3,}(?![A-Za-z])", text))
    names = (ROOT / "rulesets" / "brands.txt").read_text("utf-8").splitlines()
    words = sorted({name for name in names if re.fullmatch(r"[A-Za-z]{3,}", name) and name.lower() in lowered})
    assert len(words) > 50  # the study's size: the corpus uses many listed names as words
    generated = []
    for word in words:
        for number, (field, value) in enumerate(
            [("title", f"Kids {word} Play Set with 12 Pieces"), ("bullets", [f"Perfect for a {word.lower()} day out"]), ("description", f"Add a {word.lower()} to any toy box.")]
        ):
            generated.append({"sku": f"{word}-{number}", "marketplaces": ["UK"], "brand": "Acmeware", "title": "Wooden Toy", field: value})
        generated.append({"sku": f"{word}-brand", "marketplaces": ["UK"], "brand": f"{word} Toys", "title": "Wooden Toy Train"})
    path = tmp_path / "generated.json"
    path.write_text(json.dumps({"listings": generated}), "utf-8")
    diagnostics = Engine(load_rules([]), Config(root=tmp_path, select=("IPR",))).lint_file(path, path.name).diagnostics
    assert {squash(d.match) for d in diagnostics} <= _plain_terms(), sorted({d.match for d in diagnostics})


@pytest.mark.parametrize(("brand", "reminded"), [("Pokemon " + "cards " * 50_000, "Pokemon"), ("!!! ???", None), ("   ", None), ("Pokémon-Karten", "Pokémon")])
def test_odd_brand_fields_are_read_safely(tmp_path, brand, reminded):
    matches = [d.match for d in _lint(tmp_path, {"brand": brand, "title": "Gift Set"}) if d.code == "IPR005"]
    assert matches == ([reminded] if reminded else [])
