"""Product categories (recognition, requirements) and the certificate checks (CRT)."""

from __future__ import annotations


import pytest
import yaml

from listlint.categories import load_catalog, youngest_age
from listlint.config import Config
from listlint.engine import Engine
from listlint.errors import RulesetError
from listlint.rules import load_rules

from .conftest import ROOT, json_diagnostics, run_cli

AS_OF = "2026-06-01"
CATALOG = load_catalog()
SAMPLE = {"small_parts": True, "age_range": "2 years and up", "country_of_origin": "China", "packaging_material": "wooden crate", "minimum_age": 2, "laser_class": "Class 3B"}


@pytest.fixture(scope="module")
def engine():
    return Engine(load_rules([]), Config(root=ROOT, as_of=AS_OF))


def lint(engine, tmp_path, listing, name="listing.yaml"):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    text = listing if isinstance(listing, str) else yaml.safe_dump(listing, sort_keys=False, allow_unicode=True)
    path.write_text(text, "utf-8")
    return engine.lint_file(path, name).diagnostics


def codes(diagnostics, prefix=""):
    return sorted(d.code for d in diagnostics if d.code.startswith(prefix))


def base(**fields):
    return {"sku": "T-1", "marketplaces": ["US"], "brand": "Acmeware", "title": "Acmeware Thing", **fields}


# categories: recognition -----------------------------------------------------------------
SPECIFIC = [c for c in CATALOG.categories if not c.always]


def test_every_category_of_the_issue_is_there():
    ids = {c.id for c in CATALOG.categories}
    assert {
        "radio-device", "vehicle-lighting", "lithium-battery", "battery-charger", "button-cell", "toy", "infant-durable",
        "mains-appliance", "e-mobility", "laser", "cosmetics", "food-supplement", "plants-seeds", "wood", "pesticide",
        "textile", "jewelry", "food-contact", "medical-device", "eu-consumer-product",
    } <= ids
    for category in CATALOG.categories:
        assert category.requirements, category.id
        for requirement in category.requirements:
            assert requirement.sources, (category.id, requirement.label())


@pytest.mark.parametrize("category", [c for c in SPECIFIC if c.product_types], ids=lambda c: c.id)
def test_recognised_by_product_type(category, tmp_path):
    product_type = sorted(category.product_types)[0]
    from listlint.requirements import probe_record

    record = probe_record(product_type, [], {}, ("US",))
    matches = {m.category.id: m.reason.text for m in CATALOG.match(record)}
    assert matches.get(category.id) == f"product_type {product_type}"


@pytest.mark.parametrize("category", [c for c in SPECIFIC if c.keywords], ids=lambda c: c.id)
def test_recognised_by_keyword_without_product_type(category):
    from listlint.requirements import probe_record

    term = category.keywords[0].term
    record = probe_record("", [f"Acmeware {term} for home"], {}, ("US",))
    matches = {m.category.id: m.reason.text for m in CATALOG.match(record)}
    assert category.id in matches and matches[category.id].startswith(f"keyword '{term}' at 2:")


def test_keywords_are_a_fallback_for_generic_missing_or_unknown_product_types(engine, tmp_path):
    from listlint.requirements import probe_record

    specific = probe_record("SHIRT", ["Bluetooth T-shirt print"], {}, ("US",))
    assert "radio-device" not in {m.category.id for m in CATALOG.match(specific)}
    for product_type in ("CONSUMER_ELECTRONICS", "", "HEADPHONE", "NOT_A_LISTLINT_TYPE"):
        generic = probe_record(product_type, ["Bluetooth keyboard"], {}, ("US",))
        found = {m.category.id: m.reason for m in CATALOG.match(generic)}
        assert "radio-device" in found and not found["radio-device"].certain, product_type
    # claims that make a product a pesticide count whatever the product type
    spray = probe_record("HOUSEHOLD_CLEANER", ["Antibacterial spray"], {}, ("US",))
    assert "pesticide" in {m.category.id for m in CATALOG.match(spray)}


@pytest.mark.parametrize(
    ("attributes", "category"),
    [
        ({"battery_chemistry": "Lithium ion"}, "lithium-battery"),
        ({"battery": {"chemistry": "LiPo"}}, "lithium-battery"),
        ({"battery_type": "CR2032 coin cell"}, "button-cell"),
        ({"age_range": "18 months and up"}, "toy"),
        ({"power_source": "Corded electric (230 V)"}, "mains-appliance"),
        ({"connectivity": "Bluetooth 5.3"}, "radio-device"),
        ({"material": "Solid beech wood"}, "wood"),
        ({"fabric_type": "100% cotton"}, "textile"),
    ],
)
def test_recognised_by_attribute(attributes, category, engine, tmp_path):
    diagnostics = lint(engine, tmp_path, base(product_type="SPORTS_EQUIPMENT", attributes=attributes))
    crt = [d for d in diagnostics if d.code.startswith("CRT")]
    from listlint.requirements import probe_record

    record = probe_record("SPORTS_EQUIPMENT", [], attributes, ("US",))
    reasons = {m.category.id: m.reason.text for m in CATALOG.match(record)}
    assert reasons[category].startswith("attribute "), reasons
    assert crt or category in ("wood", "textile", "mains-appliance")  # those need no US document


@pytest.mark.parametrize(
    ("title", "category", "recognised"),
    [
        # the ambiguous examples of issue 14
        ("Acmeware plush bath towel", "toy", False),
        ("Acmeware toy storage bin", "toy", False),
        ("Acmeware meat thermometer", "medical-device", False),
        ("Acmeware digital thermometer for meat", "clinical-thermometer", False),
        ("Acmeware laser engraved wooden sign", "laser", False),
        ("Acmeware LED light bulbs", "plants-seeds", False),
        ("Acmeware pill organizer for vitamins", "food-supplement", False),
        ("Acmeware Vitamin C for adults & kids", "toy", False),
        ("Acmeware disinfecting wipes", "pesticide", True),
        ("Acmeware anti-bacterial spray", "pesticide", True),
        ("Acmeware plush bunny toy", "toy", True),
        ("Acmeware forehead thermometer", "clinical-thermometer", True),
        ("Acmeware green laser pointer", "laser-pointer", True),
        # wrong findings of the real-corpus review (amazon.co.uk toys), reworded
        ("Acmeware Dual Deck Box [Toy]", "toy", False),
        ("Acmeware Loom Bands Bracelet Making Kit with 600 bands", "jewelry", False),
        ("Acmeware Bracelet Kit & Clips with 2000 bands", "jewelry", False),
        ("Acmeware Servo Extension Lead Wire for RC Quadcopter", "radio-device", False),
        ("Acmeware Mini Drone 2.4GHz RC Quadcopter", "radio-device", True),
    ],
)
def test_keyword_recognition_of_ambiguous_titles(title, category, recognised):
    from listlint.requirements import probe_record

    found = {m.category.id for m in CATALOG.match(probe_record("", [title], {}, ("US",)))}
    assert (category in found) == recognised, found


def test_unless_keeps_wired_headphones_out_of_radio_devices():
    from listlint.requirements import probe_record

    record = probe_record("HEADPHONES", [], {"connectivity": "Wired"}, ("US",))
    assert "radio-device" not in {m.category.id for m in CATALOG.match(record)}


def test_a_listing_can_be_in_several_categories(engine, tmp_path):
    listing = base(title="Acmeware Bluetooth Robot Toy with Lithium Battery")
    from listlint.requirements import probe_record

    record = probe_record("", ["Bluetooth Robot Toy with Lithium Battery"], {}, ("US",))
    assert {"radio-device", "toy", "lithium-battery"} <= {m.category.id for m in CATALOG.match(record)}
    (crt002,) = [d for d in lint(engine, tmp_path, listing) if d.code == "CRT002" and "FCC_ID" in d.message]
    assert "because of keyword 'Bluetooth' at 5:17; probable category" in crt002.message
    assert not [d for d in lint(engine, tmp_path, listing) if d.code == "CRT001" and "FCC_ID" in d.message]


def test_youngest_age():
    assert youngest_age("3 years and up") == 3
    assert youngest_age("36 months+") == 3
    assert youngest_age("18 months - 4 years") == 1.5
    assert youngest_age(5) == 5
    assert youngest_age("adult") is None


# categories: every requirement -------------------------------------------------------------
def _requirement_cases():
    for category in CATALOG.categories:
        for index, requirement in enumerate(category.requirements):
            yield pytest.param(category, requirement, id=f"{category.id}-{index}-{requirement.label()}-{requirement.marketplaces[0]}")


def _listing_for(category, requirement, **extra):
    """A listing certainly in the category (product type, attribute, or a suggesting product
    type confirmed by a keyword) that meets the requirement's conditions."""
    attributes = {c.attribute.split(".")[0]: SAMPLE.get(c.attribute, "yes") for c in requirement.when}
    if requirement.laser_above is not None:
        attributes["laser_class"] = "Class 4"  # beyond every limit
    fields = base(marketplaces=[requirement.marketplaces[0]], attributes=attributes, **extra)
    if category.product_types:
        fields["product_type"] = sorted(category.product_types - requirement.except_product_types)[0]
    elif category.probable_product_types:
        fields["product_type"] = sorted(category.probable_product_types)[0]
        fields["title"] = f"Acmeware {category.keywords[0].term}"
    elif category.conditions:
        fields["product_type"] = "SPORTS_EQUIPMENT"
        attributes[category.conditions[0].attribute] = {"battery_type": "CR2032 coin cell"}.get(category.conditions[0].attribute, "yes")
    return fields


def _engine_at(requirement, engine):
    """The shared engine, or one whose --as-of is the day a dated requirement starts."""
    if requirement.valid_from and requirement.valid_from > AS_OF:
        return Engine(load_rules([]), Config(root=ROOT, as_of=requirement.valid_from))
    return engine


def _satisfying_certificate(requirement):
    certificate = {"type": requirement.documents[0]}
    if requirement.directives:
        certificate["directives"] = list(requirement.directives)
    if requirement.standards:
        certificate["standards"] = [requirement.standards[0] + "-2024"]
    return certificate


@pytest.mark.parametrize(("category", "requirement"), list(_requirement_cases()))
def test_every_requirement_fires_when_unmet_and_not_when_met(category, requirement, engine, tmp_path):
    engine = _engine_at(requirement, engine)
    listing = _listing_for(category, requirement)
    label = requirement.label()
    market = requirement.marketplaces[0]
    what = requirement.what
    if what == "prohibited":
        code = "CRT016" if requirement.firm else "CRT017"
        found = [d for d in lint(engine, tmp_path, listing) if d.code == code and f"cannot be sold on Amazon {market}: {requirement.note}" in d.message]
        assert found, f"{code} for {market} not reported"
        return
    if what in ("document", "attribute"):
        code = {"document": ("CRT001", "CRT002"), "attribute": ("CRT005", "CRT006")}[what][0 if requirement.firm else 1]
        found = [d for d in lint(engine, tmp_path, listing) if d.code == code and f"{label} for {market}" in d.message]
        assert found, f"{code} for {label} ({market}) not reported"
        assert "because of " in found[0].message
        if what == "document":
            listing["certificates"] = [_satisfying_certificate(requirement)]
        else:
            listing["attributes"][requirement.attributes[0]] = "yes"
        again = [d for d in lint(engine, tmp_path, listing) if d.code == code and f"{label} for {market}" in d.message]
        assert not again, again[0].message
        return
    code = {"marking": ("PKG001", "PKG002"), "warning": ("PKG003", "PKG004"), "packaging_field": ("PKG005", "PKG006")}[what][0 if requirement.firm else 1]
    needle = {"marking": f"marking {label} missing for {market}", "warning": f"{label} missing", "packaging_field": f"{label} missing for {market}"}[what]
    listing["packaging"] = {"markings": [], "warnings": []}
    if what == "warning" and not requirement.warning.get("required", True):
        # checked only when attempted: a warning that names it in other words
        listing["packaging"]["warnings"] = [f"Notice: {requirement.warning['detect'][0]}"]
        needle = f"{label} not in the required wording"
    missing = [d for d in lint(engine, tmp_path, listing) if d.code == code]
    assert any(needle in d.message for d in missing), [d.message for d in missing]
    if what == "marking":
        listing["packaging"]["markings"] = [requirement.markings[0]]
    elif what == "warning":
        listing["packaging"]["warnings"] = [" ".join(requirement.warning["wording"])]
    else:
        listing["packaging"][requirement.packaging_field] = {"name": "Acme", "address": "1 Main St", "email": "a@acme.example"}
    again = [d for d in lint(engine, tmp_path, listing) if d.code == code and needle in d.message]
    assert not again, again[0].message


def test_unverified_requirements_are_warnings(engine, tmp_path):
    diagnostics = lint(engine, tmp_path, base(marketplaces=["DE"], product_type="SPORTS_EQUIPMENT"))
    (lucid,) = [d for d in diagnostics if "LUCID" in d.message]
    assert (lucid.code, lucid.severity) == ("CRT001", "error")  # VerpackG §9: the law itself
    (weee,) = [d for d in lint(engine, tmp_path, base(marketplaces=["UK"], product_type="HAIR_DRYER")) if "UK_WEEE_REG" in d.message]
    assert (weee.code, weee.severity) == ("CRT002", "warning")  # marked unverified


# certificate entries -------------------------------------------------------------------------
def test_expiry_is_measured_against_as_of(tmp_path):
    listing = base(certificates=[{"type": "CPC", "number": "C-1", "expires": "2026-07-01"}])
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(listing), "utf-8")
    early = json_diagnostics(run_cli("check", "a.yaml", "--format", "json", "--as-of", "2026-01-01", cwd=tmp_path))
    soon = json_diagnostics(run_cli("check", "a.yaml", "--format", "json", "--as-of", "2026-06-01", cwd=tmp_path))
    late = json_diagnostics(run_cli("check", "a.yaml", "--format", "json", "--as-of", "2026-07-02", cwd=tmp_path))
    assert not [d for d in early if d["code"] in ("CRT007", "CRT008")]
    (warning,) = [d for d in soon if d["code"] == "CRT008"]
    assert "in 30 days" in warning["message"] and warning["severity"] == "warning"
    (error,) = [d for d in late if d["code"] == "CRT007"]
    assert "expired on 2026-07-01 (as of 2026-07-02)" in error["message"]
    assert (error["line"], error["match"]) == (warning["line"], "2026-07-01")


def test_expiring_window_is_configurable(tmp_path):
    listing = base(certificates=[{"type": "CPC", "expires": "2026-09-01"}])
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(listing), "utf-8")
    default = run_cli("check", "a.yaml", "--format", "json", "--as-of", "2026-06-01", cwd=tmp_path)
    assert "CRT008" not in {d["code"] for d in json_diagnostics(default)}
    (tmp_path / ".listlint.yaml").write_text("rule_options: {CRT008: {warn_days: 120}}\n", "utf-8")
    wider = run_cli("check", "a.yaml", "--format", "json", "--as-of", "2026-06-01", cwd=tmp_path)
    assert "CRT008" in {d["code"] for d in json_diagnostics(wider)}


def test_bad_as_of_is_a_usage_error(tmp_path):
    (tmp_path / "a.yaml").write_text("sku: A1\n", "utf-8")
    result = run_cli("check", "a.yaml", "--as-of", "2026-02-30", cwd=tmp_path)
    assert result.returncode == 2 and "--as-of" in result.stderr and result.stdout == ""


@pytest.mark.parametrize("value", ["2025-13-01", "2025-02-30", "next year", "01/02/2025", "2025-1-1"])
def test_a_date_that_is_not_a_date(value, engine, tmp_path):
    diagnostics = lint(engine, tmp_path, base(certificates=[{"type": "CPC", "issued": value}]))
    (bad,) = [d for d in diagnostics if d.code == "CRT009"]
    assert bad.match == value and bad.field == "certificates[0].issued" and bad.line == 8


def test_expires_before_issued(engine, tmp_path):
    diagnostics = lint(engine, tmp_path, base(certificates=[{"type": "GCC", "issued": "2025-05-01", "expires": "2025-04-30"}]))
    assert "CRT010" in codes(diagnostics)


@pytest.mark.parametrize(
    ("kind", "number", "ok"),
    [
        ("FCC_ID", "2ABCD-H700", True), ("FCC_ID", "BCGE2430A", True), ("FCC_ID", "FCC ID: 2ABCD-H700", True),
        ("FCC_ID", "12345", False), ("FCC_ID", "2ab", False),
        ("EPA_REG", "1234-56", True), ("EPA_REG", "EPA Reg. No. 1234-56-789", True), ("EPA_REG", "EPA12345", False),
        ("EPA_EST", "99999-NY-002", True), ("EPA_EST", "99999-002", False),
        ("WEEE_REG", "WEEE-Reg.-Nr. DE 12345678", True), ("WEEE_REG", "DE12345678", True), ("WEEE_REG", "DE 1234", False),
        ("LUCID", "DE1234567890123", True), ("LUCID", "DE123", False),
        ("FR_UIN", "FR123456ABCDE", True), ("FR_UIN", "123", False),
    ],
)
def test_number_formats(kind, number, ok, engine, tmp_path):
    diagnostics = lint(engine, tmp_path, base(certificates=[{"type": kind, "number": number}]))
    found = [d for d in diagnostics if d.code in ("CRT011", "CRT012")]
    assert (not found) == ok, [d.message for d in found]
    if found:
        assert found[0].severity == ("error" if kind in ("FCC_ID", "EPA_REG", "EPA_EST") else "warning")


def test_unknown_certificate_type_has_a_did_you_mean(engine, tmp_path):
    diagnostics = lint(engine, tmp_path, base(certificates=[{"type": "FCCID"}]))
    (bad,) = [d for d in diagnostics if d.code == "INP014"]
    assert "did you mean 'FCC_ID'?" in bad.message and bad.match == "FCCID"


def test_file_paths_relative_to_the_listing_and_inside_the_repository(engine, tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "cpc.pdf").write_text("x", "utf-8")
    listing = base(certificates=[
        {"type": "CPC", "file": "../docs/cpc.pdf"},
        {"type": "GCC", "file": "../docs/gcc.pdf"},
        {"type": "SDS", "file": "../../outside.pdf"},
        {"type": "UN38_3", "file": "/etc/hostname"},
    ])
    diagnostics = lint(engine, tmp_path, listing, "listings/a.yaml")
    by_field = {d.field: d.code for d in diagnostics if d.code in ("CRT013", "CRT014")}
    assert by_field == {"certificates[1].file": "CRT013", "certificates[2].file": "CRT014", "certificates[3].file": "CRT014"}


def test_symlink_out_of_the_repository_is_outside(engine, tmp_path):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (tmp_path / "secret.pdf").write_text("x", "utf-8")
    (repo / "link.pdf").symlink_to(tmp_path / "secret.pdf")
    diagnostics = lint(engine, repo, base(certificates=[{"type": "CPC", "file": "link.pdf"}]))
    assert "CRT014" in codes(diagnostics)


def test_coverage_names_what_is_lacking(engine, tmp_path):
    listing = base(marketplaces=["DE"], product_type="HEADPHONES", title="Acmeware Bluetooth Headphones", certificates=[{"type": "EU_DOC", "directives": ["EMC"]}])
    (finding,) = [d for d in lint(engine, tmp_path, listing) if d.code == "CRT003"]
    assert "EU_DOC does not name RoHS" in finding.message and "EU_DOC does not name RED" in finding.message
    assert "because of product_type HEADPHONES and keyword 'Bluetooth' at 5:17" in finding.message
    assert finding.field == "certificates[0]"


def test_certificate_marketplaces_scope_the_document(engine, tmp_path):
    listing = base(marketplaces=["US", "CA"], product_type="HEADPHONES", title="Acmeware Wireless Headphones", certificates=[{"type": "FCC_ID", "number": "2ABCD-1", "marketplaces": ["CA"]}])
    (finding,) = [d for d in lint(engine, tmp_path, listing) if d.code == "CRT001"]
    assert "FCC_ID for US" in finding.message


def test_safety_attestation_only_in_eu_and_only_for_categories_with_warnings(engine, tmp_path):
    def attested(**fields):
        return [d for d in lint(engine, tmp_path, base(attributes={"gpsr_safety_attestation": "yes"}, **fields)) if d.code == "CRT015"]

    assert attested(marketplaces=["DE"], product_type="POWER_BANK")
    assert not attested(marketplaces=["US"], product_type="POWER_BANK")
    assert not attested(marketplaces=["DE"], product_type="SPORTS_EQUIPMENT")


def test_crt_positions_point_at_the_reason(engine, tmp_path):
    text = "sku: S1\nmarketplaces: [US]\ntitle: Mini Bluetooth Speaker\n"
    (finding,) = [d for d in lint(engine, tmp_path, text) if d.code == "CRT002" and "FCC_ID" in d.message]
    assert (finding.line, finding.column, finding.match) == (3, 13, "Bluetooth")
    assert "keyword 'Bluetooth' at 3:13" in finding.message


# categories file errors ----------------------------------------------------------------------
def _categories(tmp_path, requirement):
    text = (
        "categories:\n"
        "  - id: gadget\n"
        "    name: gadgets\n"
        "    recognise: {product_types: [GADGET]}\n"
        "    requirements:\n"
        f"      - {requirement}\n"
    )
    path = tmp_path / "house.categories.yaml"
    path.write_text("sources:\n  s: {url: 'https://example.com', as_of: '2025-01-01', strength: official}\n" + text, "utf-8")
    return path


def test_unknown_document_type_in_a_categories_file_is_a_ruleset_error(tmp_path):
    path = _categories(tmp_path, "{marketplaces: [US], document: FCC_IDD, sources: [s]}")
    with pytest.raises(RulesetError) as error:
        load_catalog((path,))
    assert "unknown document type 'FCC_IDD' (did you mean 'FCC_ID'?)" in str(error.value) and ":8:" in str(error.value)
    (tmp_path / ".listlint.yaml").write_text("rulesets: [house.categories.yaml]\n", "utf-8")
    (tmp_path / "a.yaml").write_text("sku: A1\n", "utf-8")
    result = run_cli("check", "a.yaml", cwd=tmp_path)
    assert result.returncode == 2 and "FCC_IDD" in result.stderr and result.stdout == ""


@pytest.mark.parametrize(
    ("requirement", "message"),
    [
        ("{marketplaces: [US], marking: CEE, sources: [s]}", "unknown marking 'CEE'"),
        ("{marketplaces: [US], document: CPC, sources: [nope]}", "unknown source id 'nope'"),
        ("{marketplaces: [US], sources: [s]}", "exactly one of"),
        ("{marketplaces: [XX], document: CPC, sources: [s]}", "is not one of"),
        ("{marketplaces: [US], document: CPC, sources: [s], when: [{attribute: a, pattern: '('}]}", "invalid regular expression"),
    ],
)
def test_broken_categories_files(tmp_path, requirement, message):
    with pytest.raises(RulesetError) as error:
        load_catalog((_categories(tmp_path, requirement),))
    assert message in str(error.value)


def _gadget_words(tmp_path, recognise: str):
    path = tmp_path / "words.categories.yaml"
    path.write_text(
        "sources:\n  s: {url: 'https://example.com', as_of: '2025-01-01', strength: official}\ncategories:\n"
        f"  - {{id: gadget, name: gadgets, recognise: {recognise}, requirements: [{{marketplaces: [US], document: CPC, sources: [s]}}]}}\n",
        "utf-8",
    )
    return load_catalog((path,)).by_id()["gadget"]


def test_unless_title_is_its_own_field_matched_from_the_start_of_the_title(tmp_path):
    gadget = _gadget_words(tmp_path, "{keywords: [gizmo], unless_keywords: ['toy gizmo'], unless_title: ['[^\\n]*?gizmo\\s+case']}")
    assert gadget.unless_title.compiled().match("Blue Gizmo Case") and not gadget.unless_title.compiled().match("Gizmo\nBlue Gizmo Case")
    assert gadget.unless_keywords.compiled().search("a toy gizmo")


@pytest.mark.parametrize("recognise", ["{keywords: [gizmo], unless_title: ['(']}", "{keywords: [{term: gizmo, unless_title: ['(']}]}"])
def test_a_broken_unless_title_is_a_ruleset_error(tmp_path, recognise):
    with pytest.raises(RulesetError) as error:
        _gadget_words(tmp_path, recognise)
    assert "invalid unless_title pattern" in str(error.value)


def test_user_categories_extend_the_shipped_ones(tmp_path):
    path = _categories(tmp_path, "{marketplaces: [US], document: CPC, sources: [s]}")
    (tmp_path / ".listlint.yaml").write_text("rulesets: [house.categories.yaml]\n", "utf-8")
    (tmp_path / "a.yaml").write_text("sku: A1\nproduct_type: GADGET\n", "utf-8")
    result = run_cli("check", "a.yaml", "--format", "json", cwd=tmp_path)
    assert [d["code"] for d in json_diagnostics(result)] == ["CRT001"]
    assert load_catalog((path,)).by_id()["gadget"].requirements[0].firm


def test_shipped_categories_pass_the_located_load_and_the_mirror_is_in_sync():
    from listlint.categories import Catalog, _load_file, mirror_path, mirror_text, shipped_categories_path

    path = shipped_categories_path()
    catalog = Catalog([], frozenset(), {})
    _load_file(path, catalog, fast=False)  # schema and references checked, every regex compiled
    assert len(catalog.categories) == len(CATALOG.categories)
    for category in catalog.categories:
        for keyword in category.keywords:
            keyword.regex.compiled()
    assert mirror_path(path).read_text("utf-8") == mirror_text(path.read_text("utf-8")), "run: python tools/sync_categories.py"


def test_shipped_categories_validate_with_jsonschema():
    import json

    import jsonschema

    from listlint.categories import categories_schema, shipped_categories_path

    schema = categories_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    data = yaml.safe_load(shipped_categories_path().read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    packaging = json.loads((ROOT / "src" / "listlint" / "data" / "packaging.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(packaging)


def test_stale_mirror_falls_back_to_the_yaml(tmp_path):
    from listlint.categories import _load_file, Catalog

    source = tmp_path / "categories.yaml"
    source.write_text("categories:\n  - {id: a, name: A, recognise: {product_types: [GADGET]}, requirements: []}\n", "utf-8")
    (tmp_path / "categories.json").write_text('{"sha256": "old", "data": {"categories": []}}', "utf-8")
    catalog = Catalog([], frozenset(), {})
    _load_file(source, catalog, fast=True)
    assert [c.id for c in catalog.categories] == ["a"]


# no error rests on keywords alone -----------------------------------------------------------
def _keyword_cases():
    for category in SPECIFIC:
        for keyword in category.keywords:
            if not keyword.confirms:
                yield pytest.param(category, keyword, id=f"{category.id}-{keyword.term}")


@pytest.mark.parametrize(("category", "keyword"), list(_keyword_cases()))
def test_no_crt_or_pkg_error_rests_on_keywords_alone(category, keyword, engine, tmp_path):
    assert keyword.regex.search(keyword.term), "a keyword's term is an example of its pattern"
    for product_type in ("", "SHIRT" if keyword.always else "MISC_OTHER"):
        listing = base(marketplaces=["US", "CA", "UK", "DE", "FR", "JP", "AU"], title=f"Acmeware {keyword.term}", packaging={"markings": [], "warnings": []},
                       attributes={"laser_class": "Class 4", "gpsr_safety_attestation": "yes"})
        if product_type:
            listing["product_type"] = product_type
        errors = [d for d in lint(engine, tmp_path, listing) if d.severity == "error" and d.code[:3] in ("CRT", "PKG") and "keyword '" in d.message]
        assert not errors, errors[0].message


def test_marketplace_wide_findings_name_only_the_marketplaces_that_trigger_them(engine, tmp_path):
    diagnostics = lint(engine, tmp_path, base(marketplaces=["US", "UK", "DE"], product_type="SPORTS_EQUIPMENT", title="Acmeware Yoga Mat"))
    (lucid,) = [d for d in diagnostics if "LUCID" in d.message]
    assert "because of sale in DE)" in lucid.message and "US" not in lucid.message
