"""`listlint requirements`: what a product needs, with sources."""

from __future__ import annotations

import json

import pytest

from .conftest import run_cli


def test_headphones_us_de_text():
    result = run_cli("requirements", "--product-type", "HEADPHONES", "--marketplace", "US,DE")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "radio-device: wireless audio and other radio devices [product_type HEADPHONES]" in out
    us, de = out.split("\nUS:\n")[1].split("\nDE:\n")
    assert "- FCC_ID:" in us and "fcc_radio_frequency_emission_compliance" in us
    assert "hallikainen.org/org/FCC/FccRules/2014/15/201" in us  # 47 CFR 15.201
    assert "EU_DOC (RED)" in de and "itemID=S7NAH7QJM3QCWZW" in de
    assert "- CE:" in de and "- WEEE:" in de and "CHARGER_PICTOGRAM" in de
    assert "gpsr_manufacturer_reference" in de and "eu_responsible_person" in de
    assert "WEEE_REG" in de and "(unverified: warning)" in de and "LUCID" in de
    assert "FCC_ID" not in de and "EU_DOC" not in us
    assert "fr-packaging" not in out  # nothing required in FR for this run


def test_headphones_json():
    result = run_cli("requirements", "--product-type", "headphones", "--marketplace", "US,DE", "--format", "json")
    data = json.loads(result.stdout)
    assert data["version"] == 1
    items = {(r["marketplace"], r["item"]): r for r in data["requirements"] if r["what"] == "document"}
    fcc = items[("US", "FCC_ID")]
    assert fcc["what"] == "document" and fcc["severity"] == "error" and fcc["sources"][0]["strength"] == "regulator"
    assert items[("DE", "EU_DOC (RED)")]["directives"] == ["RED"]
    assert items[("DE", "LUCID")]["severity"] == "warning"
    assert all(r["sources"] for r in data["requirements"])


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
