"""`unless_record` (kinds/pattern.py, kinds/claim.py): a listing that declares itself a
licensed medicine, quasi-drug or certified medical device may state the indications it
was approved for, so the disease and health claim rules say nothing about it; the same
words without the declaration are still found, at their place."""

from __future__ import annotations

import pytest

from listlint.config import Config
from listlint.engine import Engine
from listlint.errors import RulesetError
from listlint.rules import load_rules


def _found(diagnostics, code: str) -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.match) for d in diagnostics if d.code == code]


def _japanese(title: str, bullet: str, search_terms: str = "") -> str:
    extra = f"search_terms: {search_terms}\n" if search_terms else ""
    return f"sku: J-1\nmarketplaces: [JP]\ntitle: {title}\nbullets:\n  - {bullet}\n{extra}"


@pytest.mark.parametrize(
    "title",
    [
        "【第2類医薬品】解熱鎮痛薬 24錠",
        "【指定第２類医薬品】頭痛薬",
        "第3類医薬品 湿布 腰痛",
        "【医薬部外品】薬用歯みがき",
        "低周波治療器 管理医療機器",
        "家庭用治療器 医療機器認証番号 230AFBZX00012000",
    ],
)
def test_a_declared_medicine_or_device_may_state_its_indications(lint_text, title):
    assert _found(lint_text(_japanese(title, "頭痛・腰痛に効く")), "CLM002") == []


@pytest.mark.parametrize(
    "title",
    [
        "ウコン サプリ 60粒",  # nothing declared
        "化粧水（医薬部外品ではありません）",  # the declaration denied
        "医薬部外品の有効成分を配合したクリーム",  # an ingredient of one, not one itself
        "マッサージクッション 医療機器に該当しません",
    ],
)
def test_without_a_declaration_the_claim_is_still_found_at_its_place(lint_text, title):
    assert _found(lint_text(_japanese(title, "頭痛・腰痛に効く")), "CLM002") == [(5, 8, "腰痛に効く")]


def test_a_declaration_hidden_in_the_search_terms_does_not_count(lint_text):
    source = _japanese("ウコン サプリ", "関節痛を治す効果があります", search_terms="第2類医薬品")
    assert _found(lint_text(source), "CLM002") == [(5, 5, "関節痛を治す")]


def test_a_certified_massager_may_say_it_improves_circulation(lint_text):
    claim = "血行を促進し、筋肉の疲れをとる"
    assert _found(lint_text(_japanese("電気マッサージ器", claim)), "CLM008") == [(5, 5, "血行を促進")]
    assert _found(lint_text(_japanese("電気マッサージ器 管理医療機器", claim)), "CLM008") == []


@pytest.mark.parametrize(
    ("declaration", "expected"),
    [
        ("", [(5, 5, "Relieves arthritis")]),
        ("  - 'Drug Facts: Uses - temporarily relieves minor aches'\n", []),
        ("  - PL 12345/0001\n", []),
        ("  - THR12345/0001 traditional herbal medicinal product\n", []),
        ("  - Ask your pharmacist about PL 12345\n", [(5, 5, "Relieves arthritis")]),  # no licence number
    ],
)
def test_english_disease_claims_of_a_licensed_medicine(lint_text, declaration, expected):
    source = f"sku: E-1\nmarketplaces: [UK]\ntitle: Joint Gel 100g\nbullets:\n  - Relieves arthritis in hands and knees\n{declaration}"
    assert _found(lint_text(source), "CLM002") == expected


def test_german_disease_claims_beside_the_mandatory_medicine_text(lint_text):
    claim = "sku: D-1\nmarketplaces: [DE]\ntitle: Kopfschmerztabletten\nbullets:\n  - Lindert Migräne schnell\n"
    assert _found(lint_text(claim), "CLM002") == [(5, 5, "Lindert Migräne")]
    declared = claim + "  - Zu Risiken und Nebenwirkungen lesen Sie die Packungsbeilage und fragen Sie Ihre Ärztin, Ihren Arzt oder in Ihrer Apotheke.\n"
    assert _found(lint_text(declared), "CLM002") == []


_HOUSE = """ruleset: house
rules:
  - code: HSE001
    name: no-miracles
    severity: error
    kind: pattern
    pattern: 'miracle'
    unless_record: ['licensed', '(broken']
    message: "{match}"
    why: a test
    sources: [{url: 'https://example.com', title: house style, as_of: '2026-12-04', strength: secondary}]
"""


def test_a_broken_unless_record_pattern_stops_the_run_at_its_line(tmp_path):
    (tmp_path / "house.yaml").write_text(_HOUSE, "utf-8")
    with pytest.raises(RulesetError, match=r"house\.yaml:8:.*invalid regular expression '\(broken'"):
        Engine(load_rules([tmp_path / "house.yaml"]), Config(root=tmp_path))


def test_a_user_rule_is_quiet_on_records_that_declare_what_it_names(tmp_path):
    (tmp_path / "house.yaml").write_text(_HOUSE.replace(", '(broken'", ""), "utf-8")
    engine = Engine(load_rules([tmp_path / "house.yaml"]), Config(root=tmp_path, select=("HSE001",)))
    listing = tmp_path / "listing.yaml"
    listing.write_text("sku: H-1\ntitle: A miracle cream\n", "utf-8")
    assert _found(engine.lint_file(listing, listing.name).diagnostics, "HSE001") == [(2, 10, "miracle")]
    listing.write_text("sku: H-1\ntitle: A miracle cream\ndescription: licensed\n", "utf-8")
    assert engine.lint_file(listing, listing.name).diagnostics == []
