"""Amazon product type names: the list listlint knows (with its sources), near misses
reported in listings (INP045) and refused by `listlint requirements` with a "did you mean"."""

from __future__ import annotations

import json

import pytest

from listlint.product_type_names import known_product_types, near_miss

from tests.conftest import ROOT, run_cli


def test_the_list_names_its_sources_and_says_it_is_not_complete():
    data = json.loads((ROOT / "src" / "listlint" / "data" / "product_types.json").read_text("utf-8"))
    assert data["complete"] is False
    for name, source in data["product_types"].items():
        assert name == name.upper() and source in data["sources"]
    assert all(s["licence"] and s["repository"].startswith("https://github.com/amzn/") for s in data["sources"].values())


def test_known_names_include_amazons_samples_and_every_category_product_type():
    from listlint.categories import load_catalog

    known = known_product_types()
    assert {"BRACELET", "LUGGAGE", "PRODUCT", "HEADPHONES"} <= known
    assert all(name in known for category in load_catalog().categories for name in category.product_types)


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("HEADPHONE", "HEADPHONES"),
        ("head_phones", "HEADPHONES"),  # separators and case only
        ("BRACLET", "BRACELET"),
        ("HEADPHONES", None),  # known
        ("HEADPHONE_CASE", None),  # another product, not a misspelling
        ("DESK", None),  # may be real: the list is not complete
        ("HEADPHONESS", "HEADPHONES"),
        ("BRACELTE", "BRACELET"),  # two letters swapped
        ("BOARD_GAMES", "BOARD_GAME"),
        # real-corpus review (sub-category names of the amazon.co.uk toys pages used as product types):
        ("TOMY", None),  # a brand, not TOY misspelt: one edit counts only in names of 7 letters or more
        ("PAINTS", None),  # not PANTS
        ("TOYS", None),  # plural of a name too short to tell
        ("", None),
    ],
)
def test_near_miss(name, suggestion):
    assert near_miss(name, known_product_types()) == suggestion


def test_listing_with_a_misspelt_product_type_gets_inp045_at_the_value(lint_text):
    (found,) = [d for d in lint_text("sku: A-1\nproduct_type: HEADPHONE\ntitle: Acme headset\n") if d.code == "INP045"]
    assert (found.line, found.column, found.severity, found.field, found.sku) == (2, 15, "warning", "product_type", "A-1")
    assert "did you mean HEADPHONES?" in found.message


def test_flat_file_and_sp_api_product_types_are_checked_too(lint_text):
    flat = lint_text("item_sku\titem_name\tfeed_product_type\nK-1\tAcme headset\tHEADPHONE\n", "catalog.txt")
    assert [(d.code, d.line, d.column) for d in flat if d.code == "INP045"] == [("INP045", 2, 18)]
    body = '{"productType": "BRACLET", "requirements": "LISTING", "attributes": {"item_name": [{"value": "Silver bead bracelet", "marketplace_id": "ATVPDKIKX0DER"}]}}'
    spapi = lint_text(body, "put.json")
    assert [(d.code, d.column) for d in spapi if d.code == "INP045"] == [("INP045", 17)]


def test_known_and_unlisted_names_are_quiet(lint_text):
    for name in ("HEADPHONES", "DESK", "HEADPHONE_CASE"):
        assert not [d for d in lint_text(f"sku: A-1\nproduct_type: {name}\ntitle: Acme\n") if d.code == "INP045"]


def test_requirements_refuses_a_misspelt_product_type_with_did_you_mean():
    result = run_cli("requirements", "--product-type", "HEADPHONE", "--marketplace", "US,DE")
    assert result.returncode == 2 and result.stdout == ""
    assert "unknown Amazon product type 'HEADPHONE'" in result.stderr and "did you mean 'HEADPHONES'?" in result.stderr


def test_requirements_warns_about_a_name_it_has_no_entry_for():
    result = run_cli("requirements", "--product-type", "ZEPPELIN_KIT")
    assert result.returncode == 0
    assert "not among the" in result.stderr and "not complete" in result.stderr
    known = run_cli("requirements", "--product-type", "HEADPHONES")
    assert known.returncode == 0 and known.stderr == "" and "radio-device" in known.stdout


def test_near_miss_is_memoised_as_its_docstring_says():
    """A catalog repeats its few product types: the second look-up of a name is a cache hit."""
    known = known_product_types()
    near_miss("HEADPHONE", known)
    hits = near_miss.cache_info().hits
    assert near_miss("HEADPHONE", known) == "HEADPHONES"
    assert near_miss.cache_info().hits == hits + 1
