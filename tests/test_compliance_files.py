"""Compliance files (`kind: compliance`): the documents of skus listed in flat files, Excel
templates and SP-API bodies, which cannot carry `certificates:` (issue 14)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import json_diagnostics, run_cli

SKU = "AUR-H700"
TITLE = "Aurivox H700 Bluetooth Headphones, Black"
HEADER = [
    "item_sku", "feed_product_type", "item_name", "brand_name", "bullet_point1", "product_description",
    "fcc_radio_frequency_emission_compliance_registration_status", "fcc_radio_frequency_emission_compliance_identification_number",
    "gpsr_manufacturer_reference_gpsr_manufacturer_email_address", "dsa_responsible_party_address",
]
ROW = [SKU, "HEADPHONES", TITLE, "Aurivox", "40 mm drivers and 30 hours of playback", "Over-ear headphones with a folding headband.",
       "has_fcc_id", "2AQX7-H700", "safety@aurivox.example", "eu-rep@aurivox.example"]
COMPLIANCE = f"""kind: compliance
sku: {SKU}
certificates:
  - {{type: EU_DOC, number: AUR-DOC-H700, directives: [RED, EMC, RoHS], marketplaces: [DE], file: docs/eu-doc.pdf}}
  - {{type: WEEE_REG, number: DE12345678}}
  - {{type: LUCID, number: DE1234567890123}}
"""
US, DE = "ATVPDKIKX0DER", "A1PA6795UKMFR9"


def _repo(tmp_path: Path, compliance: str | None = COMPLIANCE) -> Path:
    (tmp_path / ".git").mkdir(parents=True)
    (tmp_path / ".listlint.yaml").write_text("marketplaces: [US, DE]\n", "utf-8")
    if compliance is not None:
        (tmp_path / "compliance" / "docs").mkdir(parents=True)
        (tmp_path / "compliance" / "docs" / "eu-doc.pdf").write_text("%PDF", "utf-8")
        (tmp_path / "compliance" / "aur-h700.yaml").write_text(compliance, "utf-8")
    return tmp_path


def _flat_file(root: Path, header: list[str] = HEADER, row: list[str] = ROW) -> None:
    preamble = "TemplateType=fptcustom\tVersion=2021.1021\n" + "\t".join(h.replace("_", " ") for h in header) + "\n"
    (root / "catalog.txt").write_text(preamble + "\t".join(header) + "\n" + "\t".join(row) + "\n", "utf-8")


def _workbook(root: Path, header: list[str] = HEADER, row: list[str] = ROW) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "Template"
    book.active.append(["TemplateType=fptcustom", "Version=2021.1021"])
    book.active.append([h.replace("_", " ") for h in header])
    book.active.append(header)
    book.active.append(row)
    book.save(root / "catalog.xlsx")


def _feed(root: Path, fcc_id: bool = True) -> None:
    def value(text: str, marketplace: str, language: str = "en_US") -> dict:
        return {"value": text, "language_tag": language, "marketplace_id": marketplace}

    fcc = {"registration_status": "has_fcc_id", "marketplace_id": US}
    if fcc_id:
        fcc["identification_number"] = "2AQX7-H700"
    attributes = {
        "item_name": [value(TITLE, US), value("Aurivox H700 Bluetooth-Kopfhörer, Schwarz", DE, "de_DE")],
        "brand": [value("Aurivox", US), value("Aurivox", DE, "de_DE")],
        "fcc_radio_frequency_emission_compliance": [fcc],
        "gpsr_manufacturer_reference": [{"gpsr_manufacturer_email_address": "safety@aurivox.example", "marketplace_id": DE}],
        "dsa_responsible_party_address": [{"value": "eu-rep@aurivox.example", "marketplace_id": DE}],
    }
    feed = {"header": {"sellerId": "A1EXAMPLE", "version": "2.0"}, "messages": [{"messageId": 1, "sku": SKU, "operationType": "UPDATE", "productType": "HEADPHONES", "requirements": "LISTING", "attributes": attributes}]}
    (root / "feed.json").write_text(json.dumps(feed, indent=2, ensure_ascii=False), "utf-8")


def _check(root: Path) -> list[dict]:
    result = run_cli("check", ".", "--format", "json", "--as-of", "2026-06-01", "--no-cache", cwd=root)
    assert result.returncode in (0, 1), result.stderr
    return [d for d in json_diagnostics(result) if d["code"][:3] in ("CRT", "PKG", "INP")]


BUILDERS = {"flat file": _flat_file, "xlsx": _workbook, "SP-API feed": _feed}


@pytest.mark.parametrize("kind", BUILDERS)
def test_listing_with_its_compliance_file_passes_clean(kind, tmp_path):
    root = _repo(tmp_path)
    BUILDERS[kind](root)
    assert _check(root) == []


@pytest.mark.parametrize("kind", BUILDERS)
def test_a_document_missing_from_the_compliance_file_is_crt001(kind, tmp_path):
    root = _repo(tmp_path, COMPLIANCE.replace("  - {type: WEEE_REG, number: DE12345678}\n", ""))
    BUILDERS[kind](root)
    found = _check(root)
    assert [(d["code"], d["sku"]) for d in found] == [("CRT001", SKU)]
    assert "WEEE_REG for DE" in found[0]["message"] and not found[0]["path"].startswith("compliance")


@pytest.mark.parametrize("kind", BUILDERS)
def test_without_a_compliance_file_every_document_is_missing(kind, tmp_path):
    root = _repo(tmp_path, None)
    BUILDERS[kind](root)
    messages = " ".join(d["message"] for d in _check(root) if d["code"] == "CRT001")
    assert "WEEE_REG for DE" in messages and "LUCID for DE" in messages and "EU_DOC" in messages
    assert "FCC_ID" not in messages  # Amazon's own FCC ID column is the evidence


def test_the_fcc_id_column_is_the_evidence_of_the_fcc_id(tmp_path):
    root = _repo(tmp_path)
    row = list(ROW)
    row[HEADER.index("fcc_radio_frequency_emission_compliance_identification_number")] = ""
    _flat_file(root, row=row)
    (finding,) = _check(root)
    assert finding["code"] == "CRT001" and "FCC_ID for US" in finding["message"]
    root = _repo(tmp_path / "feed")
    _feed(root, fcc_id=False)
    assert ["FCC_ID for US" in d["message"] for d in _check(root) if d["code"] == "CRT001"] == [True]


def test_compliance_files_join_by_skus_and_their_file_paths_are_their_own(tmp_path):
    root = _repo(tmp_path, COMPLIANCE.replace(f"sku: {SKU}", f"skus: [{SKU}, OTHER-1]").replace("docs/eu-doc.pdf", "docs/missing.pdf"))
    _flat_file(root)
    found = _check(root)
    (missing,) = [d for d in found if d["code"] == "CRT013"]
    assert missing["path"] == "compliance/aur-h700.yaml" and missing["line"] == 4 and "missing.pdf" in missing["message"]
    assert [d for d in found if d["code"] != "CRT013"] == []


def test_a_compliance_file_checks_its_own_entries(tmp_path):
    root = _repo(tmp_path, COMPLIANCE + "  - {type: CPC, expires: '2025-01-01'}\n  - {type: FCCID}\n")
    _flat_file(root)
    codes = sorted(d["code"] for d in _check(root))
    assert codes == ["CRT007", "INP014"]


def test_schema_compliance_is_a_valid_json_schema():
    jsonschema = pytest.importorskip("jsonschema")
    result = run_cli("schema", "compliance")
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["title"] == "listlint compliance file" and "FCC_ID" in json.dumps(schema["properties"]["certificates"])
    jsonschema.Draft202012Validator(schema).validate({"kind": "compliance", "sku": "A", "certificates": [{"type": "FCC_ID", "number": "2ABCD-1"}]})


def test_a_compliance_file_needs_a_sku(tmp_path):
    root = _repo(tmp_path, "kind: compliance\ncertificates: []\n")
    _flat_file(root)
    assert "INP012" in {d["code"] for d in _check(root)}


def test_a_json_compliance_file(tmp_path):
    root = _repo(tmp_path, None)
    (root / "compliance").mkdir()
    (root / "compliance" / "aur-h700.json").write_text(json.dumps({"kind": "compliance", "skus": [SKU], "certificates": [
        {"type": "EU_DOC", "directives": ["RED", "EMC", "RoHS"]}, {"type": "WEEE_REG", "number": "DE12345678"}, {"type": "LUCID", "number": "DE1234567890123"}]}), "utf-8")
    _flat_file(root)
    assert _check(root) == []
