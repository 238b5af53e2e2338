"""Protected names in Japanese, which is written without spaces: a name touching the next
word ("ポケモンカード", "ディズニープリンセスのドレス", "Pokemonカード") is found at its own
characters, a Latin name inside a longer Latin word still is not, and compatibility wording
and the owner's own brand keep a name quiet as they do in English."""

from __future__ import annotations

import pytest

from .test_ipr import _lint


def _found(tmp_path, listing: dict) -> list[tuple[str, str, str]]:
    return [(d.code, d.field, d.match) for d in _lint(tmp_path, {"marketplaces": ["JP"], **listing})]


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("ポケモンカード 25枚セット", "ポケモン"),  # katakana name, katakana word after it
        ("ディズニープリンセスのドレス 子供用", "ディズニー"),
        ("キッズ用ハローキティ柄リュック", "ハローキティ"),  # katakana before the name too
        ("Pokemonカード 25枚セット", "Pokemon"),  # Latin name, katakana after it
        ("ﾎﾟｹﾓﾝ ｶｰﾄﾞ", "ﾎﾟｹﾓﾝ"),  # half-width katakana folds to the same name
        ("人気の任天堂ゲームソフト収納ケース", "任天堂"),  # kanji between kanji and katakana
    ],
)
def test_a_japanese_name_touching_the_next_word_is_found_at_its_characters(tmp_path, title, name):
    found = _lint(tmp_path, {"marketplaces": ["JP"], "brand": "Generic", "title": title})
    assert [(d.code, d.match) for d in found] == [("IPR001", name)]
    assert found[0].column == len("title: ") + 1 + title.index(name)


@pytest.mark.parametrize(
    "title",
    [
        "マリオネット人形 木製",  # marionette: Mario is not listed alone
        "Pokemonsterカード",  # a Latin name inside a longer Latin word stays inside it
        "任天堂スイッチ対応 保護ケース",  # compatibility: "for the Nintendo Switch"
        "木製パズル 子供用 知育玩具",
    ],
)
def test_japanese_words_that_only_contain_or_fit_a_name_are_quiet(tmp_path, title):
    assert _found(tmp_path, {"brand": "Generic", "title": title}) == []


@pytest.mark.parametrize(("brand", "title"), [("Nintendo", "任天堂 スーパーマリオ フィギュア"), ("Disney", "ディズニー ミッキーマウス ぬいぐるみ"), ("Tomy", "ポケモン ピカチュウ フィギュア")])
def test_the_owners_or_licensees_brand_field_covers_its_names_in_japanese(tmp_path, brand, title):
    # IPR005 (info) only reminds a reseller of a protected brand field to keep its invoices
    assert [found for found in _found(tmp_path, {"brand": brand, "title": title}) if found[0] != "IPR005"] == []
