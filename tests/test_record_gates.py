"""Record facts gate the checks that read no literal and no term hit (facts.py, issue 17):
emoji, html, all caps, the bidi rule, certificate entries, attestations, the CRT
requirement checks by the categories a record may hold, and the packaging checks. A gate
must never hold back a check that finds something: the engine with its gates and an
engine that calls every check on every record report the same diagnostics on the real
corpus (tests/data), every rule example and generated listings."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from listlint import facts
from listlint.categories import load_catalog
from listlint.config import Config
from listlint.engine import Engine
from listlint.examples import example_bytes, example_name
from listlint.kinds import base, pattern
from listlint.rules import load_rules

from .strings import CORPUS

DATA = Path(__file__).parent / "data"
AS_OF = "2026-06-01"


@pytest.fixture(scope="module", autouse=True)
def _no_time_budgets() -> Iterator[None]:
    """Pattern rules without their time limits: a rule cut short in one engine and not the
    other on a busy machine (LNT001) would differ for another reason than the gates."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(base, "RULE_SECONDS_PER_FILE", 1e9)
        patch.setattr(base, "RULE_SECONDS_PER_TEXT", 1e9)
        patch.setattr(pattern, "TIMEOUT_SECONDS", 1e9)
        yield


@pytest.fixture(scope="module")
def engines() -> Iterator[tuple[Engine, Engine]]:
    """The shipped rules compiled twice: gated as the engine runs them, and with every
    gate off (each check called on every record, no record facts)."""
    gated = Engine(load_rules([]), Config(root=Path.cwd(), as_of=AS_OF))
    ungated = Engine(load_rules([]), Config(root=Path.cwd(), as_of=AS_OF))
    ungated._literal_gates = {}
    ungated._fact_finders = []
    yield gated, ungated


def _diagnostics(engine: Engine, path: Path) -> list[tuple]:
    return [(d.code, d.line, d.column, d.end_line, d.end_column, d.message, d.match, d.field) for d in engine.lint_file(path, path.name).diagnostics]


def _same(engines: tuple[Engine, Engine], path: Path) -> list[tuple]:
    gated, ungated = engines
    found = _diagnostics(gated, path)
    assert found == _diagnostics(ungated, path), path
    return found


def test_the_corpus_files_get_the_same_diagnostics_gated_and_ungated(engines, tmp_path):
    seen = set()
    for path in sorted(p for p in DATA.rglob("*") if p.is_file() and p.suffix in (".json", ".yaml")):
        copy = tmp_path / path.name
        copy.write_bytes(path.read_bytes())
        seen.update(code for code, *_ in _same(engines, copy))
    assert {"LST006", "IPR005"} <= seen, "the corpus has findings of gated checks to compare"


def test_each_corpus_listing_on_other_marketplaces_gets_the_same_diagnostics(engines, tmp_path):
    """The real listings (title, bullets, description, brand) as YAML listing files sold
    where the requirement checks ask for most, one file of many records."""
    listings = json.loads(CORPUS.read_text("utf-8"))["listings"]
    for number, marketplaces in enumerate((["UK"], ["DE", "FR"], ["US"])):
        records = [{**_text_fields(listing), "sku": f"SKU-{n}", "marketplaces": marketplaces} for n, listing in enumerate(listings)]
        path = tmp_path / f"corpus-{number}.yaml"
        path.write_text(yaml.safe_dump_all(records, allow_unicode=True, sort_keys=False), "utf-8")
        assert _same(engines, path)


def _text_fields(listing: dict) -> dict:
    return {key: listing[key] for key in ("title", "brand", "bullets", "description") if listing.get(key)}


def test_every_rule_example_gets_the_same_diagnostics_gated_and_ungated(engines, tmp_path):
    today = date.fromisoformat(AS_OF)
    examples = [(rule, example) for base in load_rules([]) for rule in base.with_variants() for example in rule.examples["fail"] + rule.examples["pass"]]
    for number, (rule, example) in enumerate(examples):
        folder = tmp_path / str(number)
        folder.mkdir()
        path = folder / example_name(example)
        path.write_bytes(example_bytes(rule, example, today))
        _same(engines, path)


_CATALOG = load_catalog(())
_INDEX = _CATALOG.index()
_KEYWORDS = sorted({keyword.term for category in _CATALOG.categories for keyword in category.keywords})
_WORDS = st.sampled_from(
    [
        *_KEYWORDS,
        "toy", "Light", "LED", "BATTERY", "lithium", "the", "the", "for", "Kids", "CAR", "car",
        "<b>bold</b>", "<br>", "< 10 lb", "\u202eeman\u202c", "shop\u200bname", "caf\u00e9", "\u212aids",
        "\u0441ar", "\uff37ide", "\u2122", "\U0001f600", "\u2b50\ufe0f", "1\ufe0f\u20e3", "30 \u00b0C", "\u4e2d\u6587",
    ]
)
_TEXT = st.lists(_WORDS, min_size=0, max_size=40).map(" ".join)  # past the length limits at times
_SHOUT = _TEXT.map(str.upper)


@st.composite
def _listing(draw: st.DrawFn) -> dict:
    listing: dict = {
        "sku": "SKU-1",
        "marketplaces": draw(st.sampled_from([["UK"], ["US"], ["DE"], ["FR", "UK"], ["JP"], ["EU"], ["US", "DE"]])),
        "title": draw(st.one_of(_TEXT, _SHOUT)),
    }
    product_type = draw(st.sampled_from(["", "TOY_FIGURE", "HOME", "WIDGET", *sorted(_INDEX.by_product_type)[:40]]))
    if product_type:
        listing["product_type"] = product_type
    if draw(st.booleans()):
        listing["brand"] = draw(st.sampled_from(["Acme", "LEGO", "Bluey", "Generic", "PJ Masks"]))
    listing["bullets"] = draw(st.lists(st.one_of(_TEXT, _SHOUT), max_size=7))
    listing["description"] = draw(_TEXT)
    if draw(st.booleans()):
        listing["search_terms"] = draw(_TEXT)
    attributes = draw(st.dictionaries(st.sampled_from(sorted(_INDEX.by_attribute)), st.sampled_from(["3 years", "Lithium Ion", "battery", "true", "Bluetooth", "plastic"]), max_size=3))
    if attributes:
        listing["attributes"] = attributes
    if draw(st.booleans()):
        listing["certificates"] = [{"type": draw(st.sampled_from(["EU_DOC", "CPC", "FCC_ID", "UKCA_DOC"])), "number": "X-1", "expires": draw(st.sampled_from(["2026-06-20", "2025-01-01", "soon"]))}]
    if draw(st.booleans()):
        listing["packaging"] = {"markings": draw(st.lists(st.sampled_from(["CE", "UKCA", "Triman"]), max_size=2))}
    return listing


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(listings=st.lists(_listing(), min_size=1, max_size=3))
def test_generated_listings_get_the_same_diagnostics_gated_and_ungated(engines, tmp_path, listings):
    path = tmp_path / "listing.yaml"
    path.write_text(yaml.safe_dump_all(listings, allow_unicode=True, sort_keys=False), "utf-8")
    _same(engines, path)


@pytest.mark.parametrize(
    ("text", "held", "not_held"),
    [
        ("Wooden train set", set(), {facts.BEYOND_ASCII, facts.ANGLE_BRACKET, facts.INVISIBLE_CHARACTER, facts.CAPITALS_ONLY}),
        ("WOODEN TRAIN SET 3+", {facts.CAPITALS_ONLY}, {facts.BEYOND_ASCII}),
        ("Caf\u00e9 <b>set</b>", {facts.BEYOND_ASCII, facts.ANGLE_BRACKET}, {facts.INVISIBLE_CHARACTER}),
        ("shop\u200bname \u202e", {facts.BEYOND_ASCII, facts.INVISIBLE_CHARACTER}, {facts.ANGLE_BRACKET}),
    ],
)
def test_the_text_facts_of_a_record(engines, tmp_path, text, held, not_held):
    gated, _ = engines
    path = tmp_path / "listing.yaml"
    path.write_text(yaml.safe_dump({"sku": "A", "title": "a", "description": text}, allow_unicode=True), "utf-8")
    found: list = []
    original = facts.record_facts

    def noting(*args):
        found.append(set(original(*args)))
        return original(*args)

    try:
        import listlint.engine as engine_module

        engine_module.record_facts = noting
        gated.lint_file(path, path.name)
    finally:
        engine_module.record_facts = original
    assert held <= found[0] and not (not_held & found[0])
