"""The shipped JSON Schemas: valid Draft 2020-12, the shipped rulesets conform, and
listlint's own run-time checker agrees with `jsonschema`.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from listlint.config import config_schema
from listlint.documents.listing import listing_schema
from listlint.locations import SourceText
from listlint.readers.json_reader import read_json
from listlint.readers.yaml_reader import read_yaml
from listlint.rules import load_rules, ruleset_schema, shipped_ruleset_paths
from listlint.schemacheck import check

SCHEMA_NAMES = ("listing", "ruleset", "config")
RULESET_FOLDER = Path(__file__).resolve().parent.parent / "rulesets"


def shipped_schema(name: str) -> dict:
    return json.loads(resources.files("listlint").joinpath(f"data/{name}.schema.json").read_text("utf-8"))


def node_of(value) -> object:
    """A located tree of a plain value, through listlint's own JSON reader."""
    result = read_json(SourceText("doc.json", json.dumps(value)))
    assert not result.problems, result.problems
    return result.documents[0]


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_shipped_schema_is_valid_draft_2020_12(name):
    schema = shipped_schema(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert jsonschema.validators.validator_for(schema) is jsonschema.Draft202012Validator


def test_loaded_schemas_are_the_shipped_files():
    assert listing_schema() == shipped_schema("listing")
    assert ruleset_schema() == shipped_schema("ruleset")
    assert config_schema() == shipped_schema("config")


def test_schema_files_in_the_source_tree_match_the_package():
    source = Path(__file__).resolve().parent.parent / "src" / "listlint" / "data"
    for name in SCHEMA_NAMES:
        assert json.loads((source / f"{name}.schema.json").read_text("utf-8")) == shipped_schema(name)


def _shipped_rulesets() -> list[Path]:
    paths = sorted(RULESET_FOLDER.glob("*.yaml")) + sorted(RULESET_FOLDER.glob("lang/*.yaml"))  # then the language variants
    assert paths, "no shipped rulesets found"
    return paths


def _ruleset_document(path: Path):
    source = SourceText(str(path), path.read_text("utf-8"))
    result = read_yaml(source)
    assert not result.problems, (path, result.problems)
    assert len(result.documents) == 1
    return result.documents[0]


@pytest.mark.parametrize("path", _shipped_rulesets(), ids=lambda p: p.name)
def test_shipped_ruleset_validates_with_jsonschema(path):
    document = _ruleset_document(path).plain()
    validator = jsonschema.Draft202012Validator(shipped_schema("ruleset"))
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:10])


@pytest.mark.parametrize("path", _shipped_rulesets(), ids=lambda p: p.name)
def test_shipped_ruleset_passes_listlints_own_checker(path):
    assert check(_ruleset_document(path), ruleset_schema()) == []


def test_shipped_ruleset_paths_are_the_rulesets_folder():
    assert [p.name for p in shipped_ruleset_paths()] == [p.name for p in _shipped_rulesets()]


def test_dates_in_rulesets_stay_text():
    for path in _shipped_rulesets():
        for rule in _ruleset_document(path).plain()["rules"]:
            for source in rule["sources"]:
                assert isinstance(source["as_of"], str), (path.name, rule["code"])


def test_weak_sources_never_make_an_error():
    """A rule resting only on secondary or unverified sources is a warning or info."""
    weak = []
    for rule in load_rules([]):
        strengths = {source.get("strength") for source in rule.sources}
        if strengths and strengths <= {"secondary", "unverified"}:
            weak.append(rule)
            assert rule.severity in ("warning", "info"), f"{rule.code} has only {sorted(strengths)} sources but severity {rule.severity}"
    assert all(r.severity != "error" for r in weak)


def test_every_rule_code_is_unique_and_well_formed():
    codes = [rule.code for rule in load_rules([])]
    assert len(codes) == len(set(codes))
    assert all(len(c) == 6 and c[:3].isalpha() and c[:3].isupper() and c[3:].isdigit() for c in codes)


# listlint's checker against jsonschema -----------------------------------------------------

LISTINGS = [
    # valid
    ("minimal", {"sku": "A1"}),
    ("full", {
        "kind": "listing",
        "sku": "A1",
        "marketplaces": ["US", "EU", "JP"],
        "product_type": "WATER_BOTTLE",
        "brand": "Acmeware",
        "title": "Steel bottle",
        "bullets": ["one", "two"],
        "description": "text",
        "search_terms": "bottle flask",
        "attributes": {"material": "steel", "size": {"ml": 750}, "tags": [1, "x"]},
        "certificates": [{"type": "CPC", "number": "C-1", "issued": "2025-01-31", "standards": ["ASTM F963-23"], "marketplaces": ["US"]}],
        "packaging": "packaging/bottle.yaml",
    }),
    ("search-terms-list", {"sku": "A1", "search_terms": ["bottle", "flask"]}),
    ("packaging-inline", {"sku": "A1", "packaging": {"box": "cardboard"}}),
    ("empty-lists", {"sku": "A1", "bullets": [], "marketplaces": [], "certificates": []}),
    ("empty-title", {"sku": "A1", "title": ""}),
    ("unicode", {"sku": "Ä-😀", "title": "Café ☕"}),
    ("listings", {"listings": [{"sku": "A1"}, {"sku": "B2", "title": "x"}]}),
    ("listings-empty", {"listings": []}),
    ("attributes-empty", {"sku": "A1", "attributes": {}}),
    # invalid
    ("no-sku", {"title": "x"}),
    ("empty-sku", {"sku": ""}),
    ("sku-number", {"sku": 12}),
    ("sku-null", {"sku": None}),
    ("sku-bool", {"sku": True}),
    ("unknown-key", {"sku": "A1", "titel": "x"}),
    ("title-number", {"sku": "A1", "title": 42}),
    ("title-list", {"sku": "A1", "title": ["x"]}),
    ("bullets-text", {"sku": "A1", "bullets": "one"}),
    ("bullet-number", {"sku": "A1", "bullets": ["one", 2]}),
    ("bullet-null", {"sku": "A1", "bullets": [None]}),
    ("marketplace-unknown", {"sku": "A1", "marketplaces": ["USA"]}),
    ("marketplace-lower", {"sku": "A1", "marketplaces": ["us"]}),
    ("marketplaces-text", {"sku": "A1", "marketplaces": "US"}),
    ("product-type-pattern", {"sku": "A1", "product_type": "head phones"}),
    ("product-type-lower", {"sku": "A1", "product_type": "headphones"}),
    ("kind-other", {"sku": "A1", "kind": "packaging"}),
    ("search-terms-number", {"sku": "A1", "search_terms": 5}),
    ("search-terms-mixed", {"sku": "A1", "search_terms": ["a", 1]}),
    ("attributes-list", {"sku": "A1", "attributes": ["x"]}),
    ("certificates-text", {"sku": "A1", "certificates": ["C-1"]}),
    ("certificate-type-unknown", {"sku": "A1", "certificates": [{"type": "FCC"}]}),
    ("certificate-no-type", {"sku": "A1", "certificates": [{"number": "X"}]}),
    ("certificate-unknown-key", {"sku": "A1", "certificates": [{"type": "CPC", "expiry": "2026-01-01"}]}),
    ("packaging-number", {"sku": "A1", "packaging": 3}),
    ("top-list", [{"sku": "A1"}]),
    ("top-text", "A1"),
    ("top-null", None),
    ("listings-not-list", {"listings": {"sku": "A1"}}),
    ("listings-item-invalid", {"listings": [{"sku": "A1"}, {"title": "x"}]}),
    ("listings-beside-sku", {"listings": [{"sku": "A1"}], "sku": "B2"}),
    ("listings-item-scalar", {"listings": ["A1"]}),
]


@pytest.mark.parametrize(("name", "document"), LISTINGS, ids=[n for n, _ in LISTINGS])
def test_own_checker_agrees_with_jsonschema_on_listings(name, document):
    schema = listing_schema()
    expected_valid = jsonschema.Draft202012Validator(schema).is_valid(document)
    issues = check(node_of(document), schema)
    assert (not issues) == expected_valid, f"{name}: jsonschema says valid={expected_valid}, listlint says {[i.message for i in issues]}"


def test_the_listing_cases_cover_both_verdicts():
    validator = jsonschema.Draft202012Validator(listing_schema())
    verdicts = [validator.is_valid(document) for _, document in LISTINGS]
    assert verdicts.count(True) >= 10 and verdicts.count(False) >= 15


@pytest.mark.parametrize(("name", "document"), [c for c in LISTINGS if isinstance(c[1], dict) and "listings" not in c[1]], ids=[c[0] for c in LISTINGS if isinstance(c[1], dict) and "listings" not in c[1]])
def test_own_checker_agrees_on_the_listing_definition(name, document):
    """The engine checks each listing against $defs/listing with the whole schema as root."""
    schema = listing_schema()
    validator = jsonschema.Draft202012Validator(schema["$defs"]["listing"])
    expected_valid = validator.is_valid(document)
    assert (not check(node_of(document), schema["$defs"]["listing"], schema)) == expected_valid, name


CONFIGS = [
    ("empty", {}, True),
    ("all-keys", {
        "select": ["RED", "IPR001"],
        "ignore": ["LST004"],
        "severity": {"RED001": "warning"},
        "marketplaces": ["US", "EU"],
        "rulesets": ["rules/house.yaml"],
        "files": {"listings": ["**/*.yaml"]},
        "exclude": ["drafts/**"],
        "authorised_brands": ["Acme"],
        "per_file_ignores": {"legacy/*": ["RED001"]},
        "fail_on": "warning",
        "presets": ["title-75"],
        "rule_options": {"LST001": {"max": 150}},
    }, True),
    ("unknown", {"ignroe": ["RED"]}, False),
    ("lower-code", {"select": ["red"]}, False),
    ("long-code", {"select": ["REDX001"]}, False),
    ("bad-severity", {"severity": {"RED001": "fatal"}}, False),
    ("bad-fail-on", {"fail_on": "errors"}, False),
    ("bad-market", {"marketplaces": ["USA"]}, False),
    ("bad-preset", {"presets": ["title-80"]}, False),
    ("files-unknown", {"files": {"listing": []}}, False),
    ("rule-options-scalar", {"rule_options": {"LST001": 5}}, False),
    ("per-file-text", {"per_file_ignores": {"a": "RED"}}, False),
    ("top-list", ["RED"], False),
]


@pytest.mark.parametrize(("name", "document", "valid"), CONFIGS, ids=[c[0] for c in CONFIGS])
def test_own_checker_agrees_with_jsonschema_on_configs(name, document, valid):
    schema = config_schema()
    assert jsonschema.Draft202012Validator(schema).is_valid(document) == valid
    assert (not check(node_of(document), schema)) == valid


RULE = {
    "code": "USR001",
    "name": "house-rule",
    "severity": "error",
    "kind": "terms",
    "terms": ["x", {"term": "y", "case_sensitive": True, "context": ["z"]}],
    "message": "m",
    "why": "w",
    "sources": [{"url": "https://example.com", "as_of": "2025-01-01", "strength": "official"}],
}
RULESETS = [
    ("valid", {"ruleset": "house", "rules": [RULE]}, True),
    ("no-rules", {"ruleset": "house"}, False),
    ("bad-code", {"ruleset": "house", "rules": [{**RULE, "code": "US001"}]}, False),
    ("bad-name", {"ruleset": "house", "rules": [{**RULE, "name": "House Rule"}]}, False),
    ("no-sources", {"ruleset": "house", "rules": [{**RULE, "sources": []}]}, False),
    ("bad-date", {"ruleset": "house", "rules": [{**RULE, "sources": [{"url": "https://e.com", "as_of": "2025/01/01"}]}]}, False),
    ("bad-url", {"ruleset": "house", "rules": [{**RULE, "sources": [{"url": "e.com", "as_of": "2025-01-01"}]}]}, False),
    ("bad-strength", {"ruleset": "house", "rules": [{**RULE, "sources": [{"url": "https://e.com", "as_of": "2025-01-01", "strength": "strong"}]}]}, False),
    ("empty-term", {"ruleset": "house", "rules": [{**RULE, "terms": [""]}]}, False),
    ("term-unknown-key", {"ruleset": "house", "rules": [{**RULE, "terms": [{"term": "x", "case": True}]}]}, False),
    ("negative-max", {"ruleset": "house", "rules": [{**RULE, "kind": "length", "max": -1}]}, False),
    ("example-number", {"ruleset": "house", "rules": [{**RULE, "examples": {"fail": [3]}}]}, False),
]


@pytest.mark.parametrize(("name", "document", "valid"), RULESETS, ids=[c[0] for c in RULESETS])
def test_own_checker_agrees_with_jsonschema_on_rulesets(name, document, valid):
    schema = ruleset_schema()
    assert jsonschema.Draft202012Validator(schema).is_valid(document) == valid
    assert (not check(node_of(document), schema)) == valid


def test_own_checker_agrees_on_integral_floats():
    document = {"ruleset": "house", "rules": [{**RULE, "kind": "length", "terms": None, "max": 150.0}]}
    del document["rules"][0]["terms"]
    schema = ruleset_schema()
    assert jsonschema.Draft202012Validator(schema).is_valid(document)
    assert check(node_of(document), schema) == []
