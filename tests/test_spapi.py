"""SP-API listing JSON: PUT/PATCH bodies, JSON_LISTINGS_FEED documents, getListingsItem
responses, including Amazon's own samples from tests/data/amazon (read in place)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT, TEST_DATA, json_diagnostics, run_cli

AMAZON = TEST_DATA / "amazon"
PAYLOADS = AMAZON / "listings_payloads_extracted.jsonl"
SPAPI = ROOT / "fixtures" / "spapi"
US, DE, JP = "ATVPDKIKX0DER", "A1PA6795UKMFR9", "A1VC38T7YXB528"



def _payloads() -> list[tuple[str, str, str]]:
    """(name, method, file text) of each real PUT/PATCH body. One body in the lab's Postman
    collection is not JSON (it holds `//complete the request` comments): it is kept as the
    raw text Postman stores."""
    found = []
    for index, line in enumerate(PAYLOADS.read_text("utf-8").splitlines()):
        entry = json.loads(line)
        body = entry["body"]
        text = body["_unparsed_raw"] if "_unparsed_raw" in body else json.dumps(body, indent=2, ensure_ascii=False)
        found.append((f"payload-{index:02d}", entry["method"], text))
    return found


def _value(text: str, marketplace: str = US, language: str = "en_US") -> dict:
    return {"value": text, "language_tag": language, "marketplace_id": marketplace}


def _content(diagnostics) -> list:
    """Findings of the content and input families (certificate rules also run on payloads;
    their expectations live with them)."""
    return [d for d in diagnostics if d.code[:3] in ("INP", "LST", "RED", "CLM", "IPR", "SCH")]


def _put(attributes: dict, product_type: str = "HEADPHONES") -> str:
    return json.dumps({"productType": product_type, "requirements": "LISTING", "attributes": attributes}, indent=2, ensure_ascii=False)


def test_there_are_thirteen_real_payloads():
    assert len(_payloads()) == 13


@pytest.mark.parametrize(("name", "method", "text"), _payloads(), ids=[p[0] for p in _payloads()])
def test_real_payloads_lint_without_input_errors(name, method, text, lint_text):
    diagnostics = _content(lint_text(text, f"{name}.json"))
    errors = [f"{d.line}:{d.column} {d.code} {d.message}" for d in diagnostics if d.code.startswith("INP") and d.severity == "error"]
    if text.lstrip().startswith("{") and "//" in text:  # the one body that is not JSON
        assert [d.code for d in diagnostics] == ["INP001"]
        return
    assert not errors, errors
    # what is reported is what a reviewer would agree with: template placeholders
    # ("PROVIDE VALUE" ops, "PROVIDE Marketplace ID UK") and a repeated title word
    for d in diagnostics:
        assert d.code in ("INP017", "INP018", "LST003"), f"{d.code} {d.message}"
        if d.code == "INP017":
            assert "PROVIDE" in d.message
        if d.code == "INP018":
            assert "op  is" in d.message or "PROVIDE VALUE" in d.message


def test_real_put_body_is_read_as_a_us_listing():
    from listlint.documents import records_from
    from listlint.locations import SourceText
    from listlint.readers.json_reader import read_json

    _, _, text = _payloads()[0]
    result = read_json(SourceText("p.json", text))
    (record,) = records_from(result, ("UK",))
    assert record.marketplaces == ("US",)  # from the values' marketplace_id, not the default
    assert [f.text.text[:16] for f in record.fields(["title"])] == ["Gold Hair Claw C"]
    assert record.items["bullets"] == 5 and record.brand == "GENERIC"
    assert record.fields(["attributes.supplier_declared_dg_hz_regulation"])[0].text.text == "not_applicable"
    assert record.fields(["attributes.country_of_origin"])[0].text.text == "CN"


def test_amazon_samples_folder_reviewer_findings():
    """The whole samples folder: schemas and other API responses are skipped, the listing
    responses and the feed are read, and the one content finding is the condition bullet."""
    result = run_cli("check", "tests/data/amazon", "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    diagnostics = json_diagnostics(result)
    assert not [d for d in diagnostics if d["severity"] == "error" and d["code"].startswith("INP")]
    content = [(Path(d["path"]).name, d["code"], d["match"]) for d in diagnostics if d["code"][:3] in ("LST", "RED", "CLM", "IPR", "SCH")]
    assert content == [("listings-wizard__low_conversion_get_listing_response.json", "LST019", "Condition: 100% Brand New")]
    (condition,) = [d for d in diagnostics if d["code"] == "LST019"]
    raw = (AMAZON / "listings-wizard__low_conversion_get_listing_response.json").read_text("utf-8").splitlines()[condition["line"] - 1]
    assert raw[condition["column"] - 1 :].startswith("Condition: 100% Brand New")
    sku = json.loads((AMAZON / "listings-wizard__low_conversion_get_listing_response.json").read_text("utf-8"))["sku"]
    assert (condition["field"], condition["sku"]) == ("bullets[0]", sku)
    # getListingsItem of a BR listing: a real marketplace listlint has no rules for
    br = [d for d in diagnostics if d["code"] == "INP017" and "getListingsItem" in d["path"]]
    assert br and all("Amazon BR" in d["message"] and d["severity"] == "warning" for d in br)
    assert "\"files\": 4" in result.stdout  # 3 getListingsItem responses and the feed example; put/patch responses and schemas skipped


def test_fixtures_every_family_at_the_right_place():
    result = run_cli("check", "fixtures/spapi", "--format", "json")
    assert result.returncode == 1
    diagnostics = json_diagnostics(result)
    assert {d["code"][:3] for d in diagnostics} >= {"RED", "IPR", "CLM", "LST", "INP"}
    for d in diagnostics:
        raw = (ROOT / d["path"]).read_text("utf-8").splitlines()[d["line"] - 1]
        if d["match"] and not d["code"].startswith("INP"):
            assert raw[d["column"] - 1 :].casefold().startswith(d["match"].casefold()), (d["code"], raw, d["column"])
    feed = {(d["code"], d["sku"], d["field"]) for d in diagnostics if d["path"].endswith("listings-feed.json")}
    assert feed == {("RED006", "CASE-A15", "bullets[0]"), ("CLM002", "CASE-A25", "bullets[0]")}


def test_values_are_checked_per_marketplace(lint_text):
    long_terms = " ".join(["kabellos"] * 34)  # 305 bytes: over 250 (US), under 500 (JP)
    body = _put({"item_name": [_value("Acmeware Headset"), _value("Acmeware ヘッドセット", JP, "ja_JP")], "generic_keyword": [_value(long_terms, JP, "ja_JP")]})
    assert [d.code for d in _content(lint_text(body, "jp.json"))] == []
    body = _put({"item_name": [_value("Acmeware Headset")], "generic_keyword": [_value(long_terms)]})
    assert [d.code for d in _content(lint_text(body, "us.json"))] == ["LST011"]


def test_one_finding_for_a_value_shared_by_marketplaces(lint_text):
    shared = {"value": "Visit www.acme-shop.com", "language_tag": "en_US"}  # no marketplace_id: every marketplace
    body = _put({"item_name": [_value("Headset"), _value("Kopfhörer", DE, "de_DE")], "bullet_point": [shared]})
    assert [d.code for d in _content(lint_text(body, "both.json"))] == ["RED001"]


def test_attributes_that_are_not_arrays(lint_text):
    body = json.dumps({"productType": "HEADPHONES", "attributes": {"item_name": "Headset www.acme.com", "bullet_point": [{"value": "ok"}, "bare text"], "brand": [_value("Acmeware")]}}, indent=2)
    diagnostics = _content(lint_text(body, "bad.json"))
    assert [(d.code, d.field) for d in diagnostics] == [("INP006", "attributes.item_name"), ("INP006", "attributes.bullet_point[1]")]
    line, column = diagnostics[0].line, diagnostics[0].column
    assert body.splitlines()[line - 1][column - 1 :].startswith('"Headset')


def test_unknown_marketplace_id_is_a_warning_at_its_place(lint_text):
    body = _put({"item_name": [_value("Headset", "ATVPDKIKX0DEX")]})
    (warning,) = _content(lint_text(body, "typo.json"))
    assert (warning.code, warning.severity, warning.field) == ("INP017", "warning", "attributes.item_name[0].marketplace_id")
    assert body.splitlines()[warning.line - 1][warning.column - 1 :].startswith('"ATVPDKIKX0DEX"')


def test_patch_body_checks_added_values_only(lint_text):
    body = json.dumps({"productType": "HEADPHONES", "patches": [
        {"op": "replace", "path": "/attributes/bullet_point", "value": [_value("Cures arthritis in weeks")]},
        {"op": "delete", "path": "/attributes/item_name", "value": [{"marketplace_id": US, "language_tag": "en_US"}]},
        {"op": "replace", "path": "attributes.brand", "value": [_value("Acme")]},
    ]}, indent=2)
    assert sorted(d.code for d in _content(lint_text(body, "patch.json"))) == ["CLM002", "INP014"]


def test_put_response_is_skipped_and_listing_yaml_unchanged(lint_text):
    assert lint_text(json.dumps({"sku": "A-1", "status": "ACCEPTED", "submissionId": "x", "issues": []}), "r.json") == []
    # a YAML listing with sku and attributes is still a listing, not an SP-API response
    diagnostics = lint_text("sku: A1\ntitle: Bottle\nattributes: {sizes: [S, M]}\n", "a.yaml")
    assert diagnostics == []
