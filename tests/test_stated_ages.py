"""Ages read from a listing's text (stated_ages.py) and the age-conditioned requirements they decide."""

from __future__ import annotations

import json

import pytest
import yaml

from listlint.categories import load_catalog
from listlint.config import Config
from listlint.engine import Engine
from listlint.requirements import as_text, needed, probe_record
from listlint.rules import load_rules
from listlint.stated_ages import ages_in

from .conftest import ROOT, TEST_DATA

AS_OF = "2026-06-01"


@pytest.fixture(scope="module")
def engine():
    return Engine(load_rules([]), Config(root=ROOT, as_of=AS_OF))


def listing_text(listing: dict) -> str:
    """One key a line, values as JSON (which YAML reads): the columns the cases name stay put."""
    return "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in listing.items())


def certificate_findings(engine, tmp_path, listing: dict) -> list[str]:
    path = tmp_path / f"{listing['sku']}.yaml"
    path.write_text(listing_text(listing), "utf-8")
    return sorted(f"{d.code} {d.line}:{d.column}" for d in engine.lint_file(path, path.name).diagnostics if d.code.startswith("CRT"))


def messages(engine, tmp_path, listing: dict, code: str) -> list[str]:
    path = tmp_path / f"{listing['sku']}.yaml"
    path.write_text(listing_text(listing), "utf-8")
    return [d.message for d in engine.lint_file(path, path.name).diagnostics if d.code == code]


# reading ages ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("対象年齢：3歳以上", 3),
        ("対象年齢：３歳以上", 3),
        ("3才～", 3),
        ("3歳から", 3),
        ("対象年齢 1.5歳以上", 1.5),
        ("対象年齢：1歳半～", 1.5),
        ("36ヶ月以上", 3),
        ("１８か月から", 1.5),
        ("三歳以上", 3),
        ("十二歳以上", 12),
        ("対象年齢は3歳から", 3),
        ("【対象年齢】0歳以上", 0),
        ("対象年齢：3～6歳", 3),
        ("対象年齢：15歳以上", 15),
        ("新生児から使えます", 0),
        ("ages 3+", 3),
        ("Ages 14+", 14),
        ("age 3 and up", 3),
        ("for ages 3-6", 3),
        ("Age: 6-36 months", 0.5),
        ("suitable for children aged 3 years and over", 3),
        ("36 months+", 3),
        ("3+ years", 3),
        ("Suitable for children over 12 months", 1),
        ("Suitable from 3 years", 3),
        ("ab 3 Jahren", 3),
        ("Altersempfehlung: ab 18 Monaten", 1.5),
        ("dès 3 ans", 3),
        ("à partir de 3 ans", 3),
        ("3 ans et plus", 3),
        ("da 3 anni in su", 3),
        ("dai 3 anni", 3),
        ("età 3+", 3),
        ("a partir de 3 años", 3),
        ("+3 años", 3),
        ("desde los 3 años", 3),
    ],
)
def test_every_form_of_an_age_statement_is_read(text, years):
    assert ages_in(text)[:1] == [years]


@pytest.mark.parametrize(
    "text",
    [
        # choking warnings name who must NOT have the product, not whom it is for
        "not suitable for children under 3",
        "Not suitable for children under 36 months. Small parts.",
        "3歳未満のお子様には与えないでください",
        "対象年齢：3歳未満には与えないでください",
        "Nicht für Kinder unter 3 Jahren geeignet",
        "Ne convient pas aux enfants de moins de 36 mois",
        "Non adatto a bambini di età inferiore a 3 anni",
        "No apto para menores de 3 años",
        # ages of someone, not of the product
        "my son, aged 4, loves it",
        "息子が3歳から毎日遊んでいます",
        "1歳以上の成犬に",
        "7歳以上のシニア犬にも",
        # numbers that are no ages
        "12 months warranty",
        "3m+ cable",
        "Set of 3, 6 colours",
    ],
)
def test_warnings_and_other_ages_are_not_read(text):
    assert ages_in(text) == []


# the review set: Japanese toys on Amazon.co.jp ---------------------------------------------
CASES = yaml.safe_load((TEST_DATA / "jp-toys-review.yaml").read_text("utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["listing"]["sku"])
def test_jp_review_cases(case, engine, tmp_path):
    assert certificate_findings(engine, tmp_path, case["listing"]) == sorted(case["expect"]), case["why"]


def test_the_message_says_the_age_was_read_from_the_text(engine, tmp_path):
    listing = next(case["listing"] for case in CASES if case["listing"]["sku"] == "jp-01")
    (message,) = messages(engine, tmp_path, listing, "CRT002")
    assert "TEST_REPORT (one of ST 2016, ASTM F963, EN 71, ISO 8124) for JP" in message
    assert "the text states age 3 ('対象年齢：3歳以上' at 4:15): under 6; no age_range attribute gives the age" in message


# per marketplace ---------------------------------------------------------------------------
def figure(marketplace: str, description: str, **extra) -> dict:
    return {"sku": "F-1", "marketplaces": [marketplace], "product_type": "TOY_FIGURE", "title": "Acmeware Dragon Figure", "description": description, **extra}


def test_jp_text_age_under_6_is_a_warning_at_the_statement(engine, tmp_path):
    assert certificate_findings(engine, tmp_path, figure("JP", "Ages 3+. Hand painted.")) == ["CRT002 5:15"]


def test_jp_text_age_6_and_over_asks_nothing(engine, tmp_path):
    assert certificate_findings(engine, tmp_path, figure("JP", "Ages 6+. Hand painted.")) == []


def test_jp_age_attribute_wins_over_the_text(engine, tmp_path):
    assert certificate_findings(engine, tmp_path, figure("JP", "Ages 3+.", attributes={"age_range": "8 years and up"})) == []
    assert certificate_findings(engine, tmp_path, figure("JP", "Ages 8+.", attributes={"age_range": "4 years and up"})) == ["CRT001 3:16"]


def test_us_text_age_13_and_over_turns_the_childrens_product_errors_into_warnings(engine, tmp_path):
    listing = figure("US", "Collector's edition. Ages 14+.")
    assert certificate_findings(engine, tmp_path, listing) == ["CRT002 5:36", "CRT006 5:36"]
    (message,) = messages(engine, tmp_path, listing, "CRT002")
    assert "CPC for US" in message and "13 or over would exempt it; no age_range or minimum_age attribute gives the age" in message


def test_us_text_age_under_13_keeps_the_errors(engine, tmp_path):
    assert certificate_findings(engine, tmp_path, figure("US", "Ages 3+.")) == ["CRT001 3:16", "CRT005 3:16"]


def test_us_age_attribute_wins_over_the_text(engine, tmp_path):
    assert certificate_findings(engine, tmp_path, figure("US", "Ages 3+.", attributes={"minimum_age": 14})) == []


@pytest.mark.parametrize("marketplace", ["UK", "DE"])
def test_marketplaces_without_age_conditions_are_unchanged(marketplace, engine, tmp_path):
    assert certificate_findings(engine, tmp_path, figure(marketplace, "Ages 14+.")) == certificate_findings(engine, tmp_path, figure(marketplace, "Hand painted."))


def test_requirements_command_reads_the_age_in_the_keywords():
    record = probe_record("", ["知育玩具", "対象年齢：3歳以上"], {}, ("JP",))
    _, items = needed(load_catalog(), record, AS_OF)
    (item,) = [n for n in items if n.requirement.label().startswith("TEST_REPORT")]
    assert item.severity == "warning" and "age 3 read from the keywords" in item.stated
    assert "(age 3 read from the keywords '対象年齢：3歳以上': under 6) (age from the keywords: warning) [toy]" in as_text(*needed(load_catalog(), record, AS_OF))


def test_long_and_repetitive_texts_read_every_statement_once():
    assert ages_in("children aged 3 years and over. " * 3000) == [3] * 3000
    assert ages_in("対象年齢：3歳以上" * 1000) == [3] * 1000
    assert ages_in("1" * 20000 + " 3+ " * 2000 + " " * 20000) == []


# real text: 30 of the amazon.co.uk toy pages, offered on Amazon.co.jp ---------------------------
REAL_ON_JP = {  # sku -> the age statement the JP test report warning points at (reviewed: each a toy for under 6)
    "toy-204": "Ages: 3 years and up",  # die-cast car transporter
    "toy-610": "children 3 years and up",  # toy trumpet
    "toy-668": "Suitable from 2",  # rocking horse, 'from 2-3 years'
    "toy-813": "ages 3yrs+",  # pretend-play checkout till
}


def test_real_uk_toy_pages_on_jp(engine, tmp_path):
    listings = json.loads((TEST_DATA / "amazon-uk-toys-863.json").read_text("utf-8"))["listings"][::29][:30]
    found = {}
    for listing in listings:
        path = tmp_path / f"{listing['sku']}.yaml"
        path.write_text(listing_text({**listing, "marketplaces": ["JP"]}), "utf-8")
        for diagnostic in engine.lint_file(path, path.name).diagnostics:
            if diagnostic.code == "CRT002" and "ST 2016" in diagnostic.message:
                found[listing["sku"]] = diagnostic.match
    assert found == REAL_ON_JP
