"""SCH: SP-API payloads against Amazon's BRACELET Product Type Definition (the real schema in
tests/data/amazon, used in place through the config's `product_type_schemas` folder)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import TEST_DATA, json_diagnostics, run_cli

AMAZON = TEST_DATA / "amazon"
BRACELET = AMAZON / "BRACELET.product_type_definition.json"
US = "ATVPDKIKX0DER"



def _value(text, language: str = "en_US") -> dict:
    return {"value": text, "language_tag": language, "marketplace_id": US}


def _bracelet(requirements: str = "LISTING_PRODUCT_ONLY", **overrides) -> dict:
    """A BRACELET PUT body with the attributes the schema always requires.

    With requirements LISTING the schema's conditions also ask for offer and package
    attributes (price, dimensions, identifiers ...); the other requirement sets check
    each attribute against its definition only.
    """
    attributes = {
        "item_name": [_value("Juniper Lane Sterling Silver Bead Bracelet, 7.5 Inch")],
        "brand": [_value("Juniper Lane")],
        "bullet_point": [_value("925 sterling silver beads on a braided cord"), _value("Adjustable clasp")],
        "product_description": [_value("A bead bracelet in solid 925 sterling silver.")],
        "generic_keyword": [_value("silver bead bracelet")],
        "country_of_origin": [{"value": "TH", "marketplace_id": US}],
        "item_type_keyword": [{"value": "link-bracelets", "marketplace_id": US}],
        "supplier_declared_dg_hz_regulation": [{"value": "not_applicable", "marketplace_id": US}],
    }
    attributes.update(overrides)
    return {"productType": "BRACELET", "requirements": requirements, "attributes": attributes}


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """A listing repository whose config points at a schemas/ folder holding BRACELET."""
    (tmp_path / "schemas").mkdir()
    # the file as Amazon's samples name it; the product type picks it
    (tmp_path / "schemas" / "BRACELET.product_type_definition.json").symlink_to(BRACELET)
    (tmp_path / ".listlint.yaml").write_text("product_type_schemas: schemas/\n", "utf-8")
    (tmp_path / "listings").mkdir()
    return tmp_path


def _check(repo: Path, name: str, body: dict | str) -> tuple[int, list[dict], str]:
    text = body if isinstance(body, str) else json.dumps(body, indent=2, ensure_ascii=False)
    (repo / "listings" / name).write_text(text, "utf-8")
    result = run_cli("check", f"listings/{name}", "--format", "json", cwd=repo)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json_diagnostics(result), text


def test_bullet_over_its_limit(repo):
    long_bullet = "Hand-strung 925 sterling silver beads. " * 18 + "Gift box."  # 711 characters, limit 700
    _, diagnostics, text = _check(repo, "long-bullet.json", _bracelet(bullet_point=[_value("Adjustable clasp"), _value(long_bullet)]))
    (finding,) = [d for d in diagnostics if d["code"].startswith("SCH")]
    assert (finding["code"], finding["field"]) == ("SCH002", "attributes.bullet_point[1].value")
    assert "711 characters, over the limit of 700" in finding["message"] and "BRACELET schema" in finding["message"]
    line = text.splitlines()[finding["line"] - 1]
    start = line.index(long_bullet[:20])
    assert finding["column"] == start + 700 + 1  # the first character past the limit


def test_search_terms_over_the_limits(repo):
    # 300 UTF-8 bytes: over Amazon's 250-byte search term rule (LST011); the BRACELET schema
    # itself allows generic_keyword up to 500 characters and 2,000 bytes
    terms = " ".join(["bracelet"] * 33) + " abc"
    assert len(terms.encode("utf-8")) == 300
    _, diagnostics, _ = _check(repo, "terms-300.json", _bracelet(generic_keyword=[_value(terms)]))
    assert [d["code"] for d in diagnostics if d["code"][:3] in ("SCH", "LST")] == ["LST011"]
    # 510 characters of accented text: over the schema's maxLength (500)
    _, diagnostics, _ = _check(repo, "terms-510.json", _bracelet(generic_keyword=[_value("é" * 510)]))
    schema = [d for d in diagnostics if d["code"].startswith("SCH")]
    assert [(d["code"], d["field"]) for d in schema] == [("SCH002", "attributes.generic_keyword[0].value")]


def test_utf8_byte_limit_keyword(repo):
    # product_description: maxUtf8ByteLength 20000 in BRACELET; 7,000 three-byte characters = 21,000 bytes
    _, diagnostics, _ = _check(repo, "description.json", _bracelet(product_description=[_value("銀" * 7000)]))
    (finding,) = [d for d in diagnostics if d["code"] == "SCH002"]
    assert "21000 UTF-8 bytes, over the limit of 20000" in finding["message"]


def test_valid_bracelet_has_no_schema_findings(repo):
    _, diagnostics, _ = _check(repo, "valid.json", _bracelet())
    assert [d for d in diagnostics if d["code"][:3] in ("SCH", "INP", "LST")] == []


def test_required_unknown_enum_and_unique_items(repo):
    body = _bracelet(
        "LISTING",
        item_name=[_value("Bracelet A"), _value("Bracelet B")],  # two titles for one marketplace and language
        colour=[_value("silver")],  # not a BRACELET attribute (color is)
        country_of_origin=[{"value": "Atlantis", "marketplace_id": US}],
    )
    del body["attributes"]["brand"]
    _, diagnostics, _ = _check(repo, "broken.json", body)
    codes = {d["code"]: d for d in diagnostics if d["code"].startswith("SCH")}
    assert set(codes) == {"SCH001", "SCH004", "SCH005", "SCH006"}
    assert "brand" in codes["SCH001"]["message"] and codes["SCH001"]["field"] == "attributes"
    # the conditions of the schema (allOf) add to the same finding: one place, one diagnostic
    assert "list_price" in codes["SCH001"]["message"] and len([d for d in diagnostics if d["code"] == "SCH001"]) == 1
    assert codes["SCH004"]["field"] == "attributes.item_name" and "at most 1 time" in codes["SCH004"]["message"]
    assert codes["SCH005"]["field"] == "attributes.country_of_origin[0].value"
    assert "colour" in codes["SCH006"]["message"]
    places = [(d["line"], d["column"], d["code"]) for d in diagnostics]
    assert len(places) == len(set(places))


def test_real_bracelet_patches_have_no_schema_findings(repo):
    lines = (AMAZON / "listings_payloads_extracted.jsonl").read_text("utf-8").splitlines()
    bodies = [json.loads(line)["body"] for line in lines]
    bracelet = [b for b in bodies if b.get("productType") == "BRACELET"]
    assert len(bracelet) == 4
    for index, body in enumerate(bracelet[:3]):  # the valid ones (the 4th has empty ops to fill in)
        _, diagnostics, _ = _check(repo, f"patch-{index}.json", body)
        assert not [d for d in diagnostics if d["code"].startswith("SCH")], diagnostics
    # the lab's unfinished exercise: op "" and an empty fulfillment_channel_code
    _, diagnostics, _ = _check(repo, "patch-3.json", bracelet[3])
    assert {d["code"] for d in diagnostics if d["code"][:3] in ("SCH", "INP")} == {"INP018", "SCH005"}


def test_patch_values_checked_against_their_attribute_only(repo):
    body = {"productType": "BRACELET", "patches": [{"op": "replace", "path": "/attributes/bullet_point", "value": [_value("Sterling silver beads. " * 31)]}]}
    _, diagnostics, _ = _check(repo, "patch.json", body)
    assert [(d["code"], d["field"]) for d in diagnostics if d["code"][:3] in ("SCH", "LST")] == [("SCH002", "patches[0].value[0].value")]


def test_feed_messages_are_validated(repo):
    feed = {"header": {"sellerId": "A1", "version": "2.0", "issueLocale": "en_US"}, "messages": [
        {"messageId": 1, "sku": "BR-1", "operationType": "UPDATE", **_bracelet(bullet_point=[_value("Sterling silver beads. " * 31)])},
    ]}
    _, diagnostics, _ = _check(repo, "feed.json", feed)
    assert [(d["code"], d["field"], d["sku"]) for d in diagnostics if d["code"][:3] in ("SCH", "LST")] == [("SCH002", "messages[0].attributes.bullet_point[0].value", "BR-1")]


def test_no_schema_for_the_product_type_means_no_check(repo):
    body = _bracelet(colour=[_value("silver")])
    body["productType"] = "NECKLACE"
    _, diagnostics, _ = _check(repo, "necklace.json", body)
    assert [d for d in diagnostics if d["code"].startswith("SCH")] == []


def test_schema_check_can_be_deselected(repo):
    (repo / "listings" / "x.json").write_text(json.dumps(_bracelet(colour=[_value("silver")])), "utf-8")
    result = run_cli("check", "listings/x.json", "--ignore", "SCH", "--format", "json", cwd=repo)
    assert not [d for d in json_diagnostics(result) if d["code"].startswith("SCH")]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"properties": {"item_name": {"type": "strin"}}}', "'type' must be one of"),
        ('{"properties": {"item_name": {"maxUtf8ByteLength": "250"}}}', "'maxUtf8ByteLength' must be a non-negative integer"),
        ('{"properties": {"item_name": {"$ref": "#/$defs/missing"}}}', "points at nothing"),
        ('{"properties": [1, 2]', "not valid JSON"),
        ('["not", "a", "schema"]', "not a Product Type Definition schema"),
    ],
)
def test_invalid_schema_file_stops_the_run(repo, content, problem):
    (repo / "schemas" / "BRACELET.product_type_definition.json").unlink()
    (repo / "schemas" / "BRACELET.json").write_text(content, "utf-8")
    (repo / "listings" / "a.json").write_text(json.dumps(_bracelet()), "utf-8")
    result = run_cli("check", "listings/a.json", cwd=repo)
    assert result.returncode == 2 and result.stdout == ""
    assert problem in result.stderr and "BRACELET.json" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_missing_schema_folder_is_a_setup_error(tmp_path):
    (tmp_path / ".listlint.yaml").write_text("product_type_schemas: nowhere/\n", "utf-8")
    (tmp_path / "a.json").write_text(json.dumps(_bracelet()), "utf-8")
    result = run_cli("check", "a.json", cwd=tmp_path)
    assert result.returncode == 2 and "product_type_schemas" in result.stderr


def test_nothing_is_fetched_and_jsonschema_only_loads_for_payloads(repo):
    import subprocess
    import sys

    (repo / "listings" / "plain.yaml").write_text("sku: A1\ntitle: Steel bottle\n", "utf-8")  # no finding of any family
    code = (
        "import sys, socket\n"
        "def refuse(*a, **k): raise OSError('network used')\n"
        "socket.socket.connect = refuse\n"
        "from listlint.cli import main\n"
        "sys.argv = ['listlint', 'check'] + sys.argv[1:]\n"
        "try:\n    main()\nexcept SystemExit as e:\n    print('exit', e.code, 'jsonschema' in sys.modules)\n"
    )
    plain = subprocess.run([sys.executable, "-c", code, "listings/plain.yaml"], cwd=repo, capture_output=True, text=True)
    assert plain.stdout.strip().endswith("exit 0 False"), plain.stdout + plain.stderr
    (repo / "listings" / "b.json").write_text(json.dumps(_bracelet(colour=[_value("x")])), "utf-8")
    payload = subprocess.run([sys.executable, "-c", code, "listings/b.json"], cwd=repo, capture_output=True, text=True)
    assert payload.stdout.strip().endswith("exit 1 True"), payload.stdout + payload.stderr


def test_copy_of_schema_named_by_product_type(tmp_path):
    (tmp_path / "schemas").mkdir()
    shutil.copy(BRACELET, tmp_path / "schemas" / "BRACELET.json")
    (tmp_path / "pyproject.toml").write_text('[tool.listlint]\nproduct_type_schemas = "schemas"\n', "utf-8")
    (tmp_path / "a.json").write_text(json.dumps(_bracelet(bullet_point=[_value("Sterling silver beads. " * 35)])), "utf-8")
    result = run_cli("check", "a.json", "--format", "json", cwd=tmp_path)
    assert [d["code"] for d in json_diagnostics(result) if d["code"][:3] in ("SCH", "LST")] == ["SCH002"]
