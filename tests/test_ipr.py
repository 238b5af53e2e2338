"""IPR rules with the ownership model, the seller's own brands, nominative use and evasions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from listlint.config import Config
from listlint.engine import Engine
from listlint.errors import RulesetError
from listlint.ownership import build, load_ownership
from listlint.rules import load_rules
from listlint.textmatch import TermIndex

DATA = Path(__file__).resolve().parent / "data"


def _lint(tmp_path: Path, listing: dict, **config: tuple[str, ...]) -> list:
    path = tmp_path / "listing.yaml"
    path.write_text(yaml.safe_dump({"sku": "T-1", "marketplaces": ["UK"], **listing}), "utf-8")
    engine = Engine(load_rules([]), Config(root=tmp_path, select=("IPR",), **config))
    return engine.lint_file(path, "listing.yaml").diagnostics


def _codes(tmp_path: Path, listing: dict, **config: tuple[str, ...]) -> list[str]:
    return [d.code for d in _lint(tmp_path, listing, **config)]


@pytest.mark.parametrize(
    ("brand", "title"),
    [
        ("LEGO", "LEGO Minifigure Series 12"),  # owner
        ("Disney", "Marvel Avengers Quinjet with Iron Man"),  # parent company of Marvel
        ("Hasbro", "Star Wars Darth Vader Figure"),  # licensee
        ("Hasbro", "Peppa Pig Muddy Puddles Game"),  # eOne, a Hasbro company
        ("Stanley", "Quencher H2.0 FlowState Tumbler 40 oz"),  # the owner's product line
        ("Apple", "AirPods Pro with MagSafe Case"),  # product lines
        ("Star Wars", "LEGO Star Wars Advent Calendar"),  # co-branded licensed product
        ("Mattel", "WWE Elite Collection Action Figure"),
    ],
)
def test_owner_family_and_licensees_are_quiet(tmp_path, brand, title):
    assert not {"IPR001", "IPR004"} & set(_codes(tmp_path, {"brand": brand, "title": title}))


@pytest.mark.parametrize(
    ("brand", "title"),
    [
        ("Xyzzy", "PJ Masks Plush"),  # brand field contradicting the text
        ("Pokemon Flareon", "Plush Doll, Pikachu Soft Toy"),  # a reseller naming itself after the character
        ("Generic", "Hello Kitty Plush"),
        ("Unbranded", "Hello Kitty Plush"),
        ("", "Hello Kitty Plush"),  # no brand at all
    ],
)
def test_unknown_and_generic_brands_are_errors(tmp_path, brand, title):
    codes = _codes(tmp_path, {"brand": brand, "title": title})
    assert "IPR001" in codes and "IPR006" not in codes


@pytest.mark.parametrize(
    ("brand", "title"),
    [
        ("Hasbro", "Sonic the Hedgehog Figure"),  # a licensee of other names, not Sega's
        ("VTech", "InnoTab Software: Hello Kitty"),  # on brands.txt, no recorded Sanrio licence
        ("V-Tech", "InnoTab Software: Hello Kitty"),
        ("Ravensburger Ltd", "Hello Kitty Mandala Designer"),
        ("Tomy", "Winnie The Pooh Nohohon Figure"),  # in the ownership model (Takara Tomy)
        ("Winning Moves", "Top Trumps Harry Potter"),  # a company recorded without names
    ],
)
def test_established_brands_without_a_recorded_licence_are_asked_to_confirm(tmp_path, brand, title):
    diagnostics = _lint(tmp_path, {"brand": brand, "title": title})
    assert [d.severity for d in diagnostics if d.code == "IPR006"] == ["warning"]
    assert "IPR001" not in {d.code for d in diagnostics}


def test_reseller_without_own_brands_gets_at_most_info(tmp_path):
    diagnostics = _lint(tmp_path, {"brand": "LEGO", "title": "LEGO City Police Station"})
    assert [(d.code, d.severity) for d in diagnostics] == [("IPR005", "info")]


def test_seller_with_own_brands_listing_a_foreign_brand_is_an_error(tmp_path):
    diagnostics = _lint(tmp_path, {"brand": "LEGO", "title": "Building Bricks Set"}, own_brands=("Brickly",))
    assert [(d.code, d.severity) for d in diagnostics] == [("IPR002", "error")]
    assert "own_brands" in diagnostics[0].message


def test_own_and_authorised_brands_and_their_families_pass(tmp_path):
    assert _codes(tmp_path, {"brand": "Brickly", "title": "Building Bricks Set"}, own_brands=("Brickly",)) == []
    assert _codes(tmp_path, {"brand": "LEGO", "title": "LEGO City Police Station"}, own_brands=("Brickly",), authorised_brands=("LEGO",)) == []
    assert _codes(tmp_path, {"brand": "Peppa Pig", "title": "Peppa Pig Plush"}, own_brands=("Hasbro",)) == []


@pytest.mark.parametrize(
    "title",
    [
        "Straw Lid, Fits Stanley Quencher 40 oz Tumblers",
        "Ear Pads Compatible with Bose QuietComfort 35",
        "Ear Tips Replacement for AirPods Pro 2",
        "Mini Sewing Machine, Furniture for Barbie Dollhouse",
        "Schutzhülle kompatibel mit iPhone 15",
        "Coque compatible avec iPhone 15",
        "Custodia compatibile con iPhone 15",
        "Funda compatible con iPhone 15",
        "iPhone 15 対応 ケース",
        "Card Sleeves for card games like Magic, Lord of the Rings, Pokemon",
    ],
)
def test_nominative_use_is_quiet(tmp_path, title):
    assert not {"IPR001", "IPR004"} & set(_codes(tmp_path, {"brand": "Xyzzy", "title": title}))


def test_audience_after_for_is_not_nominative(tmp_path):
    assert "IPR001" in _codes(tmp_path, {"brand": "Xyzzy", "title": "Plush Axolotl", "bullets": ["Perfect gift for Peppa Pig fans"]})


@pytest.mark.parametrize("text", ["This tumbler is not affiliated with Stanley; fits cup holders", "Not made by or endorsed by LEGO"])
def test_disclaimers_are_quiet(tmp_path, text):
    assert "IPR001" not in _codes(tmp_path, {"brand": "Xyzzy", "title": "Tumbler 40 oz", "bullets": [text]})


@pytest.mark.parametrize("title", ["P.J. Masks Catboy Costume", "PJ-Masks Plush", "Paw-Patrol Chase Toy", "Pok émon Cushion", "Pokémon Cushion", "PJMasks Cup"])
def test_evasions_are_matched(tmp_path, title):
    assert "IPR001" in _codes(tmp_path, {"brand": "Xyzzy", "title": title})


def test_squashing_never_joins_ordinary_words():
    index = TermIndex()
    index.add("itis", "itis")
    index.add("minifigure", "minifigure")
    index.add("pj masks", "pj masks")
    index.build()
    assert list(index.scan("It is what it is")) == []
    assert list(index.scan("Deluxe Mini Figure Set")) == []
    assert [h.key for h in index.scan("P J Masks")] == ["pjmasks"]


def test_a_term_inside_a_longer_term_is_one_finding(tmp_path):
    diagnostics = _lint(tmp_path, {"brand": "Xyzzy", "title": "Peppa Pig Balloon"})
    assert [(d.code, d.match) for d in diagnostics if d.code == "IPR001"] == [("IPR001", "Peppa Pig")]


@pytest.mark.parametrize(("title", "fires"), [("3M VHB Mounting Tape", True), ("Baby Bodysuit, Newborn 0-3 M", False), ("Sleepsuit 3M months", False), ("HDMI Cable 3M", False)])
def test_3m_tokens(tmp_path, title, fires):
    assert ("IPR001" in _codes(tmp_path, {"brand": "Xyzzy", "title": title})) is fires


def test_bare_replica_is_not_knock_off_wording(tmp_path):
    assert "IPR003" not in _codes(tmp_path, {"brand": "Xyzzy", "title": "Replica Football, Size 5"})
    assert "IPR003" in _codes(tmp_path, {"brand": "Xyzzy", "title": "Tumbler 40 oz, Stanley Cup Dupe"})


def test_config_takes_own_brands_and_authorised_brands_with_documents(tmp_path):
    from listlint.config import load_config
    from listlint.errors import ConfigError

    path = tmp_path / ".listlint.yaml"
    path.write_text("own_brands: [Brickly]\nauthorised_brands:\n  - Bosch\n  - {brand: LEGO, document: auth/lego.pdf}\n", "utf-8")
    config = load_config(None, tmp_path)
    assert config.own_brands == ("Brickly",) and config.authorised_brands == ("Bosch", "LEGO")
    path.write_text("authorised_brands:\n  - {brand: LEGO, letter: auth/lego.pdf}\n", "utf-8")
    with pytest.raises(ConfigError):
        load_config(None, tmp_path)


def test_ownership_file_errors_are_positioned(tmp_path):
    path = tmp_path / "owners.yaml"
    path.write_text("owners:\n  - owner: A\n    brands: [A]\n    sources: []\n", "utf-8")
    with pytest.raises(RulesetError) as error:
        load_ownership(path)
    assert error.value.line == 4
    with pytest.raises(ValueError, match="parent"):
        build([{"owner": "A", "parent": "B", "brands": [], "sources": []}])


def test_shipped_ownership_model_loads():
    model = load_ownership(Path(__file__).resolve().parent.parent / "rulesets" / "ownership" / "owners.yaml")
    assert model.allows({"hasbro"}, "starwars") and model.allows({"disney"}, "avengers")
    assert not model.allows({"xyzzy"}, "pjmasks")


# brands.txt names and IPR terms used as ordinary words (docs/ipr-review.md, second table)
ORDINARY_SENTENCES = [
    "Watch with a sapphire dial and matte finish",
    "Finish the job with our omega-3 capsules",
    "Apple slicer for fresh apple pie",
    "Frozen peas and frozen fruit bags",
    "Dial the number and finish the call",
    "Stanley knife blade set, 10 pack",
    "The Coach stopped at the station",
    "It is what it is wall art",
    "Mini figure display case for collectors",
    "Weighted hula hoop for fitness",
    "Pop it in the oven for 10 minutes",
    "Bluey-green paint, 500 ml",
    "Marvel at the view from the balcony",
    "Sonic toothbrush heads, 4 pack",
    "Newborn 0-3 M bodysuit",
    "Costa del Sol travel guide",
    "Yeti plush, abominable snowman",
    "Crocs and alligators picture book",
    "Omega watch strap compatible with Omega Seamaster",
    "Genuine leather strap for Dial watches",
    "Hallmark of quality: sterling silver",
    "Ninja costume for kids",
    "Gorilla plush toy",
    "Tesla coil kit",
    "Hot wheels on a skateboard",
]


@pytest.mark.parametrize("title", ORDINARY_SENTENCES)
def test_brand_names_used_as_ordinary_words_are_quiet(tmp_path, title):
    assert _codes(tmp_path, {"brand": "Acmeware", "title": title}) == []


# The review in docs/ipr-review.md: of the 863 real amazon.co.uk toy pages, the listings
# with an IPR error or warning a careful reviewer calls wrong stay at most 9 (1 %), while
# licensed characters under unrelated brands are still reported.
REVIEWED_WRONG = {"toy-450", "toy-599", "toy-682", "toy-783"}
MUST_REPORT = {"toy-016", "toy-065", "toy-237", "toy-557"}


def test_toys_corpus_review(tmp_path):
    path = DATA / "amazon-uk-toys-863.json"
    engine = Engine(load_rules([]), Config(root=tmp_path, select=("IPR",)))
    diagnostics = engine.lint_file(path, path.name).diagnostics
    reported = {d.sku for d in diagnostics if d.severity in ("error", "warning")}
    assert MUST_REPORT <= reported
    assert len(reported & REVIEWED_WRONG) <= 9
    assert len(reported) <= 40, sorted(reported)  # the review read every one of them
    assert json.loads(path.read_text("utf-8"))["listings"][0]["sku"] == "toy-001"
    assert (DATA / "LICENSE-amazon-uk-toys").is_file()
