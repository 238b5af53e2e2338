"""Packaging files (kind: packaging), linked to listings across files (PKG)."""

from __future__ import annotations

from pathlib import Path

from .conftest import json_diagnostics, run_cli

HEADPHONES = """sku: AUR-1
marketplaces: [DE]
product_type: HEADPHONES
title: Aurivox Bluetooth Headphones
attributes:
  gpsr_manufacturer_reference: {gpsr_manufacturer_email_address: a@aurivox.example}
  dsa_responsible_party_address: eu@aurivox.example
certificates:
  - {type: EU_DOC, directives: [RED, EMC, RoHS]}
  - {type: WEEE_REG, number: DE12345678}
  - {type: LUCID, number: DE1234567890123}
"""
GOOD_BOX = """kind: packaging
sku: AUR-1
markings: [CE, WEEE, CHARGER_PICTOGRAM]
manufacturer: {name: Aurivox Ltd, address: "1 Road, Shenzhen", email: safety@aurivox.example}
eu_responsible_person: {name: EU Rep GmbH, address: "Hauptstr. 1, Berlin", email: eu@rep.example}
"""
BAD_BOX = """kind: packaging
sku: AUR-1
markings: [WEEE]
inserts:
  - "Love them? Leave us a 5-star review!"
  - "Spare ear pads at www.aurivox-shop.example"
"""


def repo(tmp_path: Path, files: dict[str, str]) -> Path:
    (tmp_path / ".git").mkdir(exist_ok=True)
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return tmp_path


def check(root: Path, *args: str) -> list[dict]:
    result = run_cli("check", *args, "--format", "json", "--as-of", "2026-06-01", cwd=root)
    assert result.returncode in (0, 1), result.stderr
    return json_diagnostics(result)


def test_compliant_packaging_linked_by_sku_is_clean(tmp_path):
    root = repo(tmp_path, {"listings/aur.yaml": HEADPHONES, "packaging/aur.yaml": GOOD_BOX})
    assert check(root, ".") == []


def test_packaging_checked_against_the_listing_in_another_file(tmp_path):
    root = repo(tmp_path, {"listings/aur.yaml": HEADPHONES, "packaging/aur.yaml": BAD_BOX})
    found = {(d["path"], d["code"]) for d in check(root, ".")}
    assert ("packaging/aur.yaml", "PKG001") in found  # CE and the charger pictogram
    assert ("packaging/aur.yaml", "PKG005") in found  # manufacturer and EU responsible person
    assert any(path == "packaging/aur.yaml" and code.startswith("REV") for path, code in found)  # review request in an insert
    assert ("packaging/aur.yaml", "RED001") in found  # the RED rules read inserts too
    (marking,) = [d for d in check(root, ".") if d["code"] == "PKG001"]
    assert "marking CE missing for DE" in marking["message"] and "because of product_type HEADPHONES in listings/aur.yaml (AUR-1)" in marking["message"]
    assert marking["line"] == 3 and marking["field"] == "markings"


def test_linked_by_the_listings_packaging_path(tmp_path):
    box = BAD_BOX.replace("sku: AUR-1\n", "")
    listing = HEADPHONES + "packaging: ../packaging/box.yaml\n"
    root = repo(tmp_path, {"listings/aur.yaml": listing, "packaging/box.yaml": box})
    assert "PKG001" in {d["code"] for d in check(root, ".") if d["path"] == "packaging/box.yaml"}


def test_pre_commit_batch_without_the_listing_gives_no_false_errors(tmp_path):
    root = repo(tmp_path, {"listings/aur.yaml": HEADPHONES, "packaging/aur.yaml": BAD_BOX.replace("inserts:", "x_inserts:").split("x_inserts")[0]})
    assert check(root, "packaging/aur.yaml") == []  # the listing is not in the batch
    assert {d["code"] for d in check(root, "packaging/aur.yaml", "listings/aur.yaml")} >= {"PKG001"}


def test_unmatched_sku_is_a_warning_only_for_folder_runs(tmp_path):
    root = repo(tmp_path, {"listings/aur.yaml": HEADPHONES, "packaging/old.yaml": "kind: packaging\nsku: RETIRED-9\nmarkings: [CE]\n"})
    (warning,) = [d for d in check(root, ".") if d["code"] == "PKG007"]
    assert warning["severity"] == "warning" and warning["path"] == "packaging/old.yaml" and warning["match"] == "RETIRED-9"
    assert check(root, "packaging/old.yaml") == []


def test_two_packaging_files_for_one_sku(tmp_path):
    root = repo(tmp_path, {"listings/aur.yaml": HEADPHONES, "packaging/a.yaml": GOOD_BOX, "packaging/b.yaml": GOOD_BOX})
    duplicates = [d for d in check(root, ".") if d["code"] == "PKG008"]
    assert sorted(d["path"] for d in duplicates) == ["packaging/a.yaml", "packaging/b.yaml"]
    assert all(d["severity"] == "error" and d["line"] == 2 for d in duplicates)
    assert "also has packaging in packaging/b.yaml" in duplicates[0]["message"]


def test_listing_packaging_path_that_does_not_exist_or_leaves_the_repository(tmp_path):
    root = repo(tmp_path, {"a.yaml": "sku: A1\npackaging: packaging/none.yaml\n", "b.yaml": "sku: B1\npackaging: ../../elsewhere.yaml\n"})
    found = {(d["path"], d["code"]) for d in check(root, ".")}
    assert ("a.yaml", "PKG009") in found and ("b.yaml", "PKG009") in found


def test_warning_wording_small_parts(tmp_path):
    toy = "sku: T1\nmarketplaces: [US]\nproduct_type: TOY_FIGURE\nattributes: {small_parts: true}\n"
    paraphrase = "kind: packaging\nsku: T1\nwarnings: [\"Small parts! Keep away from toddlers, choking hazard\"]\n"
    root = repo(tmp_path, {"toy.yaml": toy, "box.yaml": paraphrase})
    (wording,) = [d for d in check(root, ".") if d["code"] == "PKG003"]
    assert "not in the required wording" in wording["message"] and wording["line"] == 3
    exact = "kind: packaging\nsku: T1\nwarnings: [\"WARNING: CHOKING HAZARD\u2014Small parts. Not for children under 3 yrs.\"]\n"
    (root / "box.yaml").write_text(exact, "utf-8")
    assert "PKG003" not in {d["code"] for d in check(root, ".")}


def test_uk_responsible_person_is_a_warning(tmp_path):
    listing = "sku: U1\nmarketplaces: [UK]\ntitle: Acmeware Mug\n"
    root = repo(tmp_path, {"u.yaml": listing, "box.yaml": "kind: packaging\nsku: U1\n"})
    (finding,) = [d for d in check(root, ".") if d["code"] == "PKG006"]
    assert finding["severity"] == "warning" and "uk_responsible_person missing for UK" in finding["message"]


def test_packaging_schema_problems_are_input_diagnostics(tmp_path):
    root = repo(tmp_path, {"box.yaml": "kind: packaging\nsku: A1\nmarkings: [CE, UKCAA]\ncolour: red\n"})
    found = {(d["code"], d["line"]) for d in check(root, "box.yaml")}
    assert ("INP014", 3) in found and ("INP013", 4) in found


def test_marketplace_option_keeps_packaging_without_marketplaces(tmp_path):
    root = repo(tmp_path, {"listings/aur.yaml": HEADPHONES, "packaging/aur.yaml": BAD_BOX})
    assert "PKG001" in {d["code"] for d in check(root, ".", "--marketplace", "DE")}
    assert "PKG001" not in {d["code"] for d in check(root, ".", "--marketplace", "US")}


def test_suppression_works_for_cross_file_findings(tmp_path):
    box = BAD_BOX.replace("markings: [WEEE]", "markings: [WEEE]  # listlint: ignore[PKG001] CE printed on the device itself")
    root = repo(tmp_path, {"listings/aur.yaml": HEADPHONES, "packaging/aur.yaml": box})
    codes = {d["code"] for d in check(root, ".")}
    assert "PKG001" not in codes and "SUP003" not in codes
