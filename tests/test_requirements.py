"""`listlint requirements`: what a product needs, with sources."""

from __future__ import annotations

import json

import pytest

from .conftest import run_cli


def test_headphones_us_de_text():
    result = run_cli("requirements", "--product-type", "HEADPHONES", "--keywords", "bluetooth", "--marketplace", "US,DE")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "radio-device: wireless audio and other radio devices [product_type HEADPHONES and keyword 'bluetooth']" in out
    us, de = out.split("\nUS:\n")[1].split("\nDE:\n")
    assert "- FCC_ID:" in us and "fcc_radio_frequency_emission_compliance" in us
    assert "ecfr.gov/current/title-47/section-15.201" in us  # 47 CFR 15.201
    assert "EU_DOC (RED)" in de and "itemID=S7NAH7QJM3QCWZW" in de and "EU_DOC (RoHS)" in de
    assert "- CE:" in de and "- WEEE:" in de and "CHARGER_PICTOGRAM" in de
    assert "gpsr_manufacturer_reference" in de and "eu_responsible_person" in de
    assert "WEEE_REG" in de and "LUCID" in de and "gesetze-im-internet.de/elektrog_2015" in de
    assert "FCC_ID" not in de and "EU_DOC" not in us
    assert "fr-packaging" not in out  # nothing required in FR for this run
    assert "eu-consumer-product: consumer products sold in the EU (GPSR) [sale in DE]" in out  # only the marketplace that triggers it


def test_headphones_json():
    result = run_cli("requirements", "--product-type", "headphones", "--keywords", "wireless", "--marketplace", "US,DE", "--format", "json")
    data = json.loads(result.stdout)
    assert data["version"] == 1
    items = {(r["marketplace"], r["item"]): r for r in data["requirements"] if r["what"] == "document"}
    fcc = items[("US", "FCC_ID")]
    assert fcc["what"] == "document" and fcc["severity"] == "error" and fcc["sources"][0]["strength"] == "regulator"
    assert items[("DE", "EU_DOC (RED)")]["directives"] == ["RED"]
    assert items[("DE", "LUCID")]["severity"] == "error"  # VerpackG §9
    assert all(r["sources"] for r in data["requirements"])


def test_a_product_type_that_only_suggests_the_category_gives_warnings():
    result = run_cli("requirements", "--product-type", "HEADPHONES", "--marketplace", "US", "--format", "json")
    data = json.loads(result.stdout)
    radio = {c["id"]: c for c in data["categories"]}["radio-device"]
    assert radio["certain"] is False
    fcc = [r for r in data["requirements"] if r["item"] == "FCC_ID" and r["what"] == "document"]
    assert fcc and all(r["severity"] == "warning" for r in fcc)
    text = run_cli("requirements", "--product-type", "HEADPHONES", "--marketplace", "US").stdout
    assert "probable: give --product-type or --attribute to make it certain" in text and "(probable category: warning)" in text


def test_wired_headphones_are_no_radio_device():
    for value in ("Wired (3.5 mm)", "3.5mm Jack", "Wired"):
        data = json.loads(run_cli("requirements", "--product-type", "HEADPHONES", "--attribute", f"connectivity={value}", "--marketplace", "US,DE", "--format", "json").stdout)
        ids = {c["id"] for c in data["categories"]}
        assert "radio-device" not in ids and "wireless-audio" not in ids, value
        assert "electrical-equipment" in ids  # CE, RoHS and WEEE still apply to passive headphones
        assert not [r for r in data["requirements"] if r["item"] in ("FCC_ID", "CHARGER_PICTOGRAM")]


def test_attribute_positions_say_they_come_from_the_command_line():
    text = run_cli("requirements", "--attribute", "age_range=4 years", "--marketplace", "US").stdout
    assert "attribute age_range '4 years' given on the command line" in text and " at " not in text.split("\n")[1]


def test_laser_pointer_cannot_be_sold_on_amazon_us():
    result = run_cli("requirements", "--product-type", "LASER_POINTER", "--marketplace", "US,DE", "--format", "json")
    data = json.loads(result.stdout)
    banned = [r for r in data["requirements"] if r["what"] == "prohibited"]
    assert [r["marketplace"] for r in banned] == ["US"]
    assert "no longer accepts hand-held laser pointers" in banned[0]["note"] and banned[0]["sources"]
    text = run_cli("requirements", "--product-type", "LASER_POINTER", "--marketplace", "US").stdout
    assert "  cannot be sold:\n    - not for sale: Amazon US no longer accepts" in text
    strong = json.loads(run_cli("requirements", "--product-type", "LASER_POINTER", "--attribute", "laser_class=Class 3B", "--marketplace", "US,FR,AU", "--format", "json").stdout)
    banned = {(r["marketplace"], r["severity"]) for r in strong["requirements"] if r["what"] == "prohibited"}
    assert {("US", "error"), ("FR", "error"), ("AU", "error")} <= banned  # 21 CFR 1040.11, décret 2012-1303, customs ban


@pytest.mark.parametrize(
    ("product_type", "marketplace", "item", "day"),
    [
        ("TOY_FIGURE", "US", "CPSC_EFILING", "2026-07-08"),
        ("CUTTING_BOARD", "DE", "EUDR_DDS", "2026-12-30"),
        ("POWER_BANK", "JP", "JP_DOMESTIC_ADMIN", "2025-12-25"),
        ("POWER_BANK", "DE", "BATTERY_LABEL", "2026-08-18"),
    ],
)
def test_dated_requirements_switch_on_by_as_of(product_type, marketplace, item, day):
    from datetime import date, timedelta

    before = (date.fromisoformat(day) - timedelta(days=1)).isoformat()
    args = ("requirements", "--product-type", product_type, "--keywords", "acacia wood", "--marketplace", marketplace, "--format", "json")
    on = json.loads(run_cli(*args, "--as-of", day).stdout)["requirements"]
    off = json.loads(run_cli(*args, "--as-of", before).stdout)["requirements"]
    assert item in {r["item"] for r in on} and item not in {r["item"] for r in off}
    assert next(r for r in on if r["item"] == item)["valid_from"] == day


def test_keywords_and_attributes():
    result = run_cli("requirements", "--keywords", "bluetooth,lithium", "--attribute", "age_range=4 years", "--marketplace", "US", "--format", "json")
    data = json.loads(result.stdout)
    ids = {c["id"] for c in data["categories"]}
    assert {"radio-device", "lithium-battery", "toy"} <= ids
    assert {"keyword 'bluetooth'", "keyword 'lithium'"} <= {c["because"] for c in data["categories"]}
    assert any(r["item"] == "UN38_3" for r in data["requirements"])


def test_eu_expands():
    result = run_cli("requirements", "--product-type", "TOY_FIGURE", "--marketplace", "EU", "--format", "json")
    markets = {r["marketplace"] for r in json.loads(result.stdout)["requirements"]}
    assert markets == {"DE", "FR", "IT", "ES", "NL", "SE", "PL", "BE"}


def test_nothing_recognised():
    result = run_cli("requirements", "--product-type", "SPORTS_EQUIPMENT", "--marketplace", "JP")
    assert result.returncode == 0 and "No product category recognised" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give --product-type"),
        (("--product-type", "HEADPHONES", "--marketplace", "USA"), "unknown marketplace"),
        (("--product-type", "HEADPHONES", "--format", "xml"), "unknown format"),
        (("--attribute", "age_range"), "NAME=VALUE"),
    ],
)
def test_usage_errors(args, message):
    result = run_cli("requirements", *args)
    assert result.returncode == 2 and message in result.stderr and result.stdout == ""
