"""Category recognition at scan speed (issue 17): one automaton pass says which keywords may
be in a listing, its categories are found once and shared by every CRT and PKG check, and
a check skips records on which none of its requirements can apply. None of it may change
a category, a reason or a finding."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import pytest

from listlint.categories import ALL_MARKETPLACES, Catalog, RequirementPlan, _KeywordWords, load_catalog
from listlint.config import Config
from listlint.engine import Engine
from listlint.requirements import probe_record
from listlint.rules import load_rules

from .conftest import ROOT

REAL_CATALOG = Path(__file__).parent / "data" / "amazon-uk-toys-863.json"
AS_OF = "2026-06-01"
# product types: none, generic, one that suggests a category, one that decides it, one unknown
PRODUCT_TYPES = ("", "HOME", "HEADPHONES", "TOY_FIGURE", "WIDGET")


def _found(catalog: Catalog, record) -> list[tuple[str, str, bool]]:
    return [(m.category.id, m.reason.text, m.reason.certain) for m in catalog.match(record)]


def test_keywords_from_one_pass_recognise_what_trying_every_keyword_does(monkeypatch):
    """The automaton's candidates (and the lower-cased screen) give the same categories and
    reasons as trying every keyword's regex on every text, on real listing text."""
    catalog = load_catalog()
    listings = json.loads(REAL_CATALOG.read_text("utf-8"))["listings"]
    records = [
        probe_record(PRODUCT_TYPES[number % len(PRODUCT_TYPES)], [listing.get("title", ""), listing.get("description", "")], {}, ("UK", "DE") if number % 3 else ("US",))
        for number, listing in enumerate(listings)
    ]
    fast = [_found(catalog, record) for record in records]
    monkeypatch.setattr(_KeywordWords, "present", lambda self, naming, joined=None: set(range(len(self.keywords))))
    assert fast == [_found(catalog, record) for record in records]
    assert sum(len(found) > 5 for found in fast) > 50  # a specific category beside the five marketplace-wide ones


def test_a_term_is_a_candidate_only_where_all_its_words_are():
    """"button cell" is screened by "button", which many a title holds: its other word must
    be there too before its regex runs."""
    from listlint.categories import _Joined

    catalog = load_catalog()
    catalog.match(probe_record("", ["warm-up"], {}, ("UK",)))  # builds the index
    words = catalog._index.words
    button_cell = next(number for number, keyword in enumerate(words.keywords) if keyword.term == "button cell")
    assert button_cell not in words.present(_Joined.of_text("big button cushion with zip"))
    assert button_cell in words.present(_Joined.of_text("spare button cell for the remote"))
    assert button_cell in words.present(_Joined.of_text("Button-Cell CR2032".lower()))


def test_a_keyword_without_literals_is_searched_for_with_its_regex(tmp_path):
    path = tmp_path / "house.categories.yaml"
    path.write_text(
        "sources:\n  s: {url: 'https://example.com', as_of: '2025-01-01', strength: official}\n"
        "categories:\n"
        "  - id: mains-voltage\n"
        "    name: mains voltage gadgets\n"
        "    recognise: {keywords: [{term: '230 V', pattern: '\\d{3}\\s?v'}]}\n"
        "    requirements:\n"
        "      - {marketplaces: [DE], document: EU_DOC, sources: [s]}\n",
        "utf-8",
    )
    catalog = load_catalog((path,))
    assert catalog.by_id()["mains-voltage"].keywords[0].literals() is None
    found = {m.category.id: m.reason.text for m in catalog.match(probe_record("", ["Lamp for 230V sockets"], {}, ("DE",)))}
    assert found["mains-voltage"] == "keyword '230V' at 2:17"  # the page's words; line 1 of the probe listing is its sku
    assert "mains-voltage" not in {m.category.id for m in catalog.match(probe_record("", ["Lamp for USB sockets"], {}, ("DE",)))}


@pytest.mark.parametrize(("what", "firm"), [("document", True), ("document", False), ("attribute", True), ("prohibited", False), ("marking", True), ("warning", False), ("packaging_field", True)])
def test_a_plan_holds_the_requirements_in_force_on_the_marketplaces_asked(what, firm):
    catalog = load_catalog()
    for day in ("2024-01-01", AS_OF, "2030-01-01"):
        plan = RequirementPlan(catalog, what, firm, day)
        for marketplaces in [(), *combinations(("US", "UK", "DE", "FR", "JP"), 1), ("DE", "UK"), ("UK", "US", "FR")]:
            expected = {}
            for category in catalog.categories:
                for certain in (True, False):
                    asked = [(r, tuple(m for m in marketplaces if m in r.marketplaces)) for r in category.requirements_for(what, firm, certain)]
                    asked = [(r, markets) for r, markets in asked if markets and r.in_force(day)]
                    if asked:
                        expected[(category.id, certain)] = asked
            assert plan[marketplaces] == expected
            assert plan[marketplaces] is plan[marketplaces]  # worked out once


def _engine(**config) -> Engine:
    return Engine(load_rules([]), Config(root=ROOT, as_of=AS_OF, **config))


def _lint(engine: Engine, tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "listing.yaml"
    path.write_text(text, "utf-8")
    return [d.code for d in engine.lint_file(path, "listing.yaml").diagnostics if d.code[:3] in ("CRT", "PKG")]


def test_categories_are_found_once_per_listing_for_all_checks(tmp_path, monkeypatch):
    engine = _engine()
    calls = []
    recognise = Catalog.recognise
    monkeypatch.setattr(Catalog, "recognise", lambda self, record, hits=None: calls.append(record.sku) or recognise(self, record, hits))
    text = "sku: A1\nmarketplaces: [DE]\nproduct_type: HEADPHONES\ntitle: Acmeware Bluetooth Headphones\npackaging: {markings: [CE]}\n"
    assert "CRT001" in _lint(engine, tmp_path, text)
    assert calls == ["A1"]


def test_a_check_with_nothing_to_require_on_the_marketplaces_does_not_look_for_categories(tmp_path, monkeypatch):
    """Nothing is banned from Amazon Japan by a firm rule: CRT016 alone never recognises."""
    assert not RequirementPlan(load_catalog(), "prohibited", True, AS_OF)[("JP",)]
    engine = _engine(select=("CRT016",), marketplaces=("JP",))
    calls = []
    monkeypatch.setattr(Catalog, "recognise", lambda self, record, hits=None: calls.append(record.sku))
    assert _lint(engine, tmp_path, "sku: A1\nproduct_type: LASER_POINTER\ntitle: Green Laser Pointer, Class 3B\n") == []
    assert calls == []


def test_marketwide_reasons_are_made_only_for_the_checks_that_report_them(tmp_path):
    """A listing on every marketplace with no specific category: the marketplace-wide ones
    apply, and their findings name the marketplaces that require something."""
    engine = _engine(marketplaces=ALL_MARKETPLACES)
    found = _lint(engine, tmp_path, "sku: A1\ntitle: Plain Thing\n")
    assert "CRT005" in found
    catalog = load_catalog()
    recognised = catalog.recognise(probe_record("", ["Plain Thing"], {}, ("DE",)))
    assert recognised.specific == [] and recognised._always_matches is None
    assert [m.reason.text for m in recognised.matches()] == ["sale in DE"] * 5


def test_a_keywords_literals_are_worked_out_when_it_is_made_and_travel_with_it() -> None:
    """A cached engine is unpickled without the shipped file's literal mirror: the keyword's
    literals must come with it, not be parsed again from its pattern."""
    import pickle

    from listlint.categories import Keyword
    from listlint.literals import required_literals

    keyword = Keyword("disinfectant", r"disinfect(?:s|ed|ing|ant)?\s+spray")
    assert keyword.required == required_literals(keyword.source) == keyword.literals()
    assert keyword.required is not None
    assert pickle.loads(pickle.dumps(keyword)).required == keyword.required


def test_vetoes_screened_by_their_literals_recognise_what_the_vetoes_alone_do(monkeypatch):
    """A veto's regex runs only on texts that hold one of its literals (the toy category's
    title vetoes are costly in `re`): the same categories and reasons as running it always."""
    from listlint.categories import _Veto

    catalog = load_catalog()
    toy = catalog.by_id()["toy"]
    assert toy.unless_title is not None and toy.unless_title.literals and "crayon" in toy.unless_title.literals
    listings = json.loads(REAL_CATALOG.read_text("utf-8"))["listings"]
    titles = [*(listing.get("title", "") for listing in listings), "Glitter Gel Pens (6 Pack)", "Squeaky Dog Toy Bone", "OPEN-ENDED toy for KIDS"]
    records = [probe_record("", [title], {}, ("UK",)) for title in titles]
    screened = [_found(catalog, record) for record in records]
    monkeypatch.setattr(_Veto, "may_match", lambda self, joined: True)
    assert screened == [_found(catalog, record) for record in records]
    assert "toy" not in {found[0] for found in screened[-2]}  # vetoed: a dog's toy
    assert "toy" not in {found[0] for found in screened[-3]}  # vetoed by the title: pens


def test_a_vetos_literals_travel_with_it_and_a_text_without_exact_lower_case_runs_the_regex():
    import pickle

    from listlint.categories import _Joined, _Veto

    veto = _Veto(r"(?<![\w-])(?:meat\s+thermometer)(?![\w])", [r"meat\s+thermometer"])
    assert veto.literals == frozenset(("thermometer",))
    assert pickle.loads(pickle.dumps(veto)).literals == veto.literals
    assert not veto.may_match(_Joined.of_text("Digital Fever Thermo-meter"))
    assert veto.may_match(_Joined.of_text("Meat THERMOMETER"))
    assert veto.may_match(_Joined.of_text("Meat \u212aelvin thermometer"))  # a Kelvin sign: lower case not exact
    assert _Veto(r"\d{3}", [r"\d{3}"]).literals is None  # no literals: always run


def test_a_keyword_in_a_bullet_is_reported_where_it_stands(tmp_path):
    """The reason points at the keyword where it stands, in a bullet when the title lacks it."""
    engine = _engine()
    text = "sku: A1\nmarketplaces: [US]\ntitle: Acmeware Gadget\nbullets:\n  - Comes in a box\n  - Works with Bluetooth headphones\n"
    path = tmp_path / "listing.yaml"
    path.write_text(text, "utf-8")
    reasons = [d.message for d in engine.lint_file(path, "listing.yaml").diagnostics if d.code.startswith("CRT")]
    assert reasons and all("keyword 'Bluetooth' at 6:16" in reason for reason in reasons), reasons


def test_keywords_tried_where_their_leading_literals_start_recognise_what_whole_text_scans_do(monkeypatch):
    """A keyword's or veto's regex is tried only where one of its leading literals starts
    (leading.py): the same categories and reasons, on real listing text, as scanning each
    whole text, for listings with and without a brand that a keyword stands inside."""
    from listlint.categories import _PlacedPattern

    catalog = load_catalog()
    listings = json.loads(REAL_CATALOG.read_text("utf-8"))["listings"]
    records = [probe_record(PRODUCT_TYPES[number % len(PRODUCT_TYPES)], [listing.get("title", ""), listing.get("description", "")], {}, ("UK", "DE")) for number, listing in enumerate(listings)]
    for record, listing in zip(records, listings):
        record.brand = listing.get("brand", "")
    placed = [_found(catalog, record) for record in records]
    monkeypatch.setattr(_PlacedPattern, "finditer", lambda self, text, lowered: self.compiled().finditer(text))
    assert placed == [_found(catalog, record) for record in records]
    assert sum(any(reason.startswith("keyword") for _, reason, _ in found) for found in placed) > 200


def test_a_keyword_inside_the_brand_is_passed_over_for_its_next_place():
    """Where a keyword's first place is inside the brand's name, the next place it matches
    is the reason; a text whose lower case is not exact (a Kelvin sign) is scanned whole."""
    catalog = load_catalog()
    record = probe_record("", ["Le Toy Van wooden toy kitchen"], {}, ("UK",))
    record.brand = "Le Toy Van"
    assert ("toy", "keyword 'toy' at 2:26", False) in _found(catalog, record)
    kelvin = probe_record("", ["\u212aids wooden toy kitchen"], {}, ("UK",))
    assert ("toy", "keyword 'toy' at 2:20", False) in _found(catalog, kelvin)
