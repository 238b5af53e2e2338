"""What the CRT and PKG checks keep between records (issue 17) changes no finding.

A check keeps the findings of a record by its signature (kinds/certificates.py: marketplaces,
categories and reasons as written, the requirements that hold, the attributes filled), and
the category keywords' literals come from the engine's literal scan (KeywordLiterals) rather
than from a scan of their own. Listings of many combinations of product type, keywords,
attributes, documents, packaging and marketplaces are linted by one engine in several
orders and each by a fresh engine of its own: every file's diagnostics must be the same.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import yaml

from listlint.categories import _Joined, load_catalog
from listlint.config import Config
from listlint.engine import Engine
from listlint.kinds.base import RecordScan
from listlint.kinds.certificates import Categories, KeywordLiterals
from listlint.rules import load_rules
from listlint.textmatch import LiteralIndex

from .conftest import ROOT

REAL_CATALOG = Path(__file__).parent / "data" / "amazon-uk-toys-863.json"
AS_OF = "2026-06-01"
PRODUCT_TYPES = ("", "TOY_FIGURE", "HEADPHONES", "HOME", "LASER_POINTER", "TOY_BUILDING_BLOCK", "WIDGET")
MARKETPLACES = (["US"], ["UK"], ["DE"], ["DE", "UK"], ["US", "UK", "FR"], ["JP"], ["EU"])
EXTRA_TITLES = (
    "Bluetooth Headphones with rechargeable lithium battery",
    "Green Laser Pointer, Class 3B, 500mW",
    "Wooden toy train set for toddlers",
    "Remote control car 2.4GHz with LED lights",
    "Kelvin-sign \u212aids toy",  # a look-alike of an ASCII letter: the literal scan is not trusted
)
ATTRIBUTES = (
    {},
    {"age_range": "3 years and up"},
    {"age_range": "14 years", "country_of_origin": "China", "cpsia_cautionary_statement": "choking hazard"},
    {"gpsr_manufacturer_reference": "safety@example.com", "dsa_responsible_party_address": "eu-rep@example.com"},
)
CERTIFICATES = (
    [],
    [{"type": "EU_DOC", "number": "DOC-1", "directives": ["TOY"]}],
    [{"type": "CPC", "number": "CPC-1"}, {"type": "TEST_REPORT", "number": "TR-1", "standards": ["ASTM F963-17"]}],
)
PACKAGING = (None, {"markings": ["CE"]}, {"markings": ["UKCA"], "warnings": ["Warning: not suitable for children under 3 years"]})


def _listings(count: int) -> list[dict]:
    """Listings of varied combinations, titles and bullets from real listing text."""
    real = json.loads(REAL_CATALOG.read_text("utf-8"))["listings"]
    titles = [*EXTRA_TITLES, *(listing["title"] for listing in real[:count])]
    listings = []
    for number in range(count):
        listing: dict = {"sku": f"SKU-{number:03d}", "marketplaces": MARKETPLACES[number % len(MARKETPLACES)], "title": titles[number % len(titles)]}
        if PRODUCT_TYPES[number % len(PRODUCT_TYPES)]:
            listing["product_type"] = PRODUCT_TYPES[number % len(PRODUCT_TYPES)]
        if number % 2:
            listing["bullets"] = [titles[(number * 7 + 3) % len(titles)], "Safe for ages 3+"]
        for key, choices, step in (("attributes", ATTRIBUTES, 3), ("certificates", CERTIFICATES, 5), ("packaging", PACKAGING, 4)):
            value = choices[(number // step) % len(choices)]
            if value:
                listing[key] = value
        listings.append(listing)
    return listings


def _engine() -> Engine:
    return Engine(load_rules([]), Config(root=ROOT, as_of=AS_OF, select=("CRT", "PKG")))


def _lint(engine: Engine, path: Path) -> list[tuple]:
    return [(d.code, d.line, d.column, d.message) for d in engine.lint_file(path, path.name).diagnostics]


@pytest.fixture(scope="module")
def listing_files(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("listings")
    paths = []
    for listing in _listings(84):
        path = folder / f"{listing['sku']}.yaml"
        path.write_text(yaml.safe_dump(listing, sort_keys=False, allow_unicode=True), "utf-8")
        paths.append(path)
    return paths


def test_findings_kept_by_signature_are_those_of_a_fresh_engine_in_any_order(listing_files):
    alone = {path: _lint(_engine(), path) for path in listing_files}
    assert sum(1 for found in alone.values() if found) > len(listing_files) // 2  # the combinations do report
    assert {code for found in alone.values() for code, *_ in found} >= {"CRT001", "CRT002", "CRT005", "PKG001"}
    for seed in (1, 2, 3):
        shared = _engine()
        order = list(listing_files)
        random.Random(seed).shuffle(order)
        for path in order:
            assert _lint(shared, path) == alone[path], path.name


def test_keywords_from_the_engines_literal_scan_are_those_of_the_categories_own_scan(listing_files, monkeypatch):
    """Recognition from scan.literals against the categories' own automaton (hits None)."""
    engine = _engine()
    from_scan = {path: _lint(engine, path) for path in listing_files}
    monkeypatch.setattr(KeywordLiterals, "hits", lambda self, record, scan: None)
    own = _engine()
    assert {path: _lint(own, path) for path in listing_files} == from_scan


def test_keyword_literals_name_every_keyword_that_matches_and_fewer_than_the_categories_own_scan():
    """The engine's scan reports a keyword only for a text holding one literal of each of
    its required sets (Keyword.required_sets): never one the categories' own scan (its first
    literal set) leaves out, never less than the keywords that match, and fewer than that
    scan for a common first literal ('children' without an age after it)."""
    catalog = load_catalog()
    words = catalog.index().words
    index = LiteralIndex()
    keyword_literals = KeywordLiterals(catalog, index)
    index.build()
    texts = [*EXTRA_TITLES[:4], *(listing["title"] for listing in json.loads(REAL_CATALOG.read_text("utf-8"))["listings"][:200])]
    narrowed = 0
    for text in texts:
        from_scan = {number for literal in keyword_literals.ids & index.present(text) for number in keyword_literals.keywords_of[literal]}
        joined = _Joined.of_text(text)
        screened, own = words.confirmed(from_scan, joined), words.present(joined)
        matching = {number for number in own if words.keywords[number].regex.search(text)}
        assert matching <= screened <= own, text
        narrowed += screened < own
    assert narrowed >= 10  # 23 of these 204 titles


def test_a_record_the_scan_did_not_read_or_with_look_alike_letters_is_scanned_by_the_categories():
    from listlint.requirements import probe_record

    keyword_literals = KeywordLiterals(load_catalog(), LiteralIndex())
    record = probe_record("", ["Bluetooth speaker"], {}, ("UK",))
    assert keyword_literals.hits(record, RecordScan(record)) is None  # no literals: not read by the engine
    assert keyword_literals.hits(record, RecordScan(record, literals={"title": set()})) == set()
    odd = probe_record("", ["\u212aids toy"], {}, ("UK",))
    assert keyword_literals.hits(odd, RecordScan(odd, literals={"title": set()})) is None


def test_the_rules_of_one_engine_share_one_view_of_the_catalog():
    engine = _engine()
    shared = engine._context.shared["categories"]
    assert isinstance(shared, Categories) and shared.keyword_literals is not None
    assert Categories.shared(engine._context, shared.catalog) is shared
