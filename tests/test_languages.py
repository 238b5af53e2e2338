"""Listings in the marketplace's language (issue 13): German, French, Italian, Spanish and
Japanese rule variants, exact columns, the text's language from tag, marketplace or
identification, and the English rules still running on English text everywhere."""

from __future__ import annotations

import json

import pytest

from listlint import languages
from listlint.languages import HOME_MARKETPLACE
from tests.language_cases import CLEAN, CLEAN_DESCRIPTIONS, FLAGGED, FLAGGED_DESCRIPTIONS

TEXT_FAMILIES = ("RED", "CLM", "LST", "REV")
BULLET_LINE = 5
BULLET_COLUMN = len('  - "') + 1  # where the bullet's text starts (the quote's next column)


def listing(language: str, bullet: str, marketplace: str | None = None) -> str:
    """A listing sold where `language` is spoken, with `bullet` as its one bullet point."""
    assert '"' not in bullet and "\\" not in bullet  # the text stays as written in the file
    return (
        "sku: LANG-1\n"
        f"marketplaces: [{marketplace or HOME_MARKETPLACE[language]}]\n"
        "brand: Acmeware\n"
        "bullets:\n"
        f"  - {json.dumps(bullet, ensure_ascii=False)}\n"
    )


@pytest.mark.parametrize(
    ("language", "text", "code", "words"),
    [pytest.param(language, *case, id=f"{language}-{index}-{case[1]}") for language, cases in FLAGGED.items() for index, case in enumerate(cases)],
)
def test_flagged_text_at_its_exact_columns(lint_text, language, text, code, words):
    diagnostics = [d for d in lint_text(listing(language, text)) if d.code == code]
    start = BULLET_COLUMN + text.index(words)
    assert (BULLET_LINE, start, BULLET_LINE, start + len(words), words) in [(d.line, d.column, d.end_line, d.end_column, d.match) for d in diagnostics]


@pytest.mark.parametrize(
    ("language", "text", "code", "words"),
    [pytest.param(language, *case, id=f"{language}-{index}-{case[1]}") for language, cases in FLAGGED_DESCRIPTIONS.items() for index, case in enumerate(cases)],
)
def test_flagged_description_at_its_exact_columns(lint_text, language, text, code, words):
    source = f"sku: LANG-1\nmarketplaces: [{HOME_MARKETPLACE[language]}]\nbrand: Acmeware\ndescription: {json.dumps(text, ensure_ascii=False)}\n"
    start = len('description: "') + 1 + text.index(words)
    found = [(d.line, d.column, d.end_column, d.match) for d in lint_text(source) if d.code == code]
    assert (4, start, start + len(words), words) in found


@pytest.mark.parametrize(
    ("language", "text"),
    [pytest.param(language, text, id=f"{language}-{index}") for language, texts in CLEAN_DESCRIPTIONS.items() for index, text in enumerate(texts)],
)
def test_shipping_words_that_offer_nothing_stay_quiet_in_a_description(lint_text, language, text):
    source = f"sku: LANG-1\nmarketplaces: [{HOME_MARKETPLACE[language]}]\nbrand: Acmeware\ndescription: {json.dumps(text, ensure_ascii=False)}\n"
    assert not [f"{d.code} {d.match!r}" for d in lint_text(source) if d.code in ("LST004", "LST014")]


@pytest.mark.parametrize(
    ("language", "text"),
    [pytest.param(language, text, id=f"{language}-{index}") for language, texts in CLEAN.items() for index, text in enumerate(texts)],
)
def test_clean_native_copy_stays_quiet(lint_text, language, text):
    found = [f"{d.code} {d.match!r}" for d in lint_text(listing(language, text)) if d.code.startswith(TEXT_FAMILIES)]
    assert found == []


def test_every_language_has_30_flagged_and_15_clean_texts():
    for language in ("de", "fr", "it", "es", "ja"):
        assert len(FLAGGED[language]) >= 30 and len(CLEAN[language]) >= 15, language
        families = {code[:3] for _, code, _ in FLAGGED[language]}
        assert families == {"RED", "CLM", "LST", "REV"}, language


def test_the_german_listing_of_the_issue_gets_claim_address_call_to_action_and_shipping(lint_text):
    # free shipping is a shipping offer (LST014, every field), no longer LST004 (titles and bullets)
    text = (
        "sku: HYDRO-1\n"
        "marketplaces: [DE]\n"
        "title: Hydrolo Kräuterbalsam, 100 ml - Kostenloser Versand!\n"
        "brand: Hydrolo\n"
        "bullets:\n"
        "  - Heilt Rheuma und Gelenkschmerzen\n"
        "  - Besuchen Sie unseren Shop hydrolo punkt de für Sonderangebote\n"
        "  - Fragen? info@hydrolo.de oder +49 30 1234567\n"
    )
    found = {(d.code, d.line, d.column, d.match) for d in lint_text(text)}
    assert ("LST014", 3, 40, "Kostenloser Versand") in found
    assert not [match for code, _, _, match in found if code == "LST004" and "Versand" in match]  # not twice
    assert ("CLM002", 6, 5, "Heilt Rheuma") in found
    assert ("RED006", 7, 5, "Besuchen Sie unseren Shop") in found
    assert ("RED005", 7, 31, "hydrolo punkt de") in found
    assert {"RED002", "RED003"} <= {code for code, *_ in found}  # the e-mail and phone, as before


def test_english_rules_still_run_on_english_text_of_a_german_listing(lint_text):
    codes = {d.code for d in lint_text(listing("de", "Free shipping and kills 99.9% of germs"))}
    assert {"LST014", "CLM001"} <= codes  # free shipping is a shipping offer (LST014)


def test_one_code_reports_once_where_english_and_german_words_agree(lint_text):
    found = [d for d in lint_text(listing("de", "Unser Bestseller")) if d.code == "LST004"]
    assert [(d.column, d.match) for d in found] == [(BULLET_COLUMN + 6, "Bestseller")]


def test_a_language_rule_keeps_quiet_on_another_language(lint_text):
    # "punto it" is an Italian address, but this text on a UK listing reads as English
    uk = "Cross stitch kit from the Acme punto it range, with a guide to every stitch"
    assert not [d for d in lint_text(listing("it", uk, marketplace="UK")) if d.code == "RED005"]
    # and on an Italian listing the same words are the address they spell
    assert [d.match for d in lint_text(listing("it", "Altri colori su acme punto it")) if d.code == "RED005"] == ["acme punto it"]


def test_german_text_on_a_uk_listing_is_identified_as_german(lint_text):
    text = "Dieses Öl heilt Rheuma und lindert die Schmerzen in den Gelenken"
    found = [d for d in lint_text(listing("de", text, marketplace="UK")) if d.code == "CLM002"]
    assert [d.match for d in found] == ["heilt Rheuma"]


def test_a_declared_language_needs_no_identification(lint_text, monkeypatch):
    def refuse(text: str) -> str:
        raise AssertionError(f"identified {text!r}")

    monkeypatch.setattr(languages, "identify", refuse)
    assert "LST014" in {d.code for d in lint_text(listing("fr", "Livraison gratuite"))}


def test_spapi_language_tag_declares_the_language(lint_text, monkeypatch):
    monkeypatch.setattr(languages, "identify", lambda text: "")  # so only the tag can say German
    payload = {
        "productType": "BOTTLE",
        "attributes": {
            "item_name": [{"value": "Trinkflasche 750 ml", "language_tag": "de_DE", "marketplace_id": "ATVPDKIKX0DER"}],
            "bullet_point": [{"value": "Kostenloser Versand", "language_tag": "de_DE", "marketplace_id": "ATVPDKIKX0DER"}],
        },
    }
    found = [d for d in lint_text(json.dumps(payload, ensure_ascii=False), "listing.json") if d.code == "LST014"]
    assert [d.match for d in found] == ["Kostenloser Versand"]


def test_flat_file_language_tag_header_declares_the_language(lint_text, monkeypatch):
    monkeypatch.setattr(languages, "identify", lambda text: "")
    header = "sku\tproduct_type\titem_name[marketplace_id=ATVPDKIKX0DER][language_tag=fr_FR]#1.value\tbullet_point[marketplace_id=ATVPDKIKX0DER][language_tag=fr_FR]#1.value\n"
    row = "BOT-1\tBOTTLE\tGourde 750 ml\tLivraison gratuite en 24h\n"
    found = [d for d in lint_text(header + row, "listings.tsv") if d.code == "LST014"]
    assert [(d.line, d.match) for d in found] == [(2, "Livraison gratuite")]


def test_full_width_letters_and_digits_are_read_as_ascii(lint_text):
    found = [d for d in lint_text(listing("ja", "今なら３０％ＯＦＦ")) if d.code == "LST014"]
    assert [(d.column, d.match) for d in found] == [(BULLET_COLUMN + 3, "３０％ＯＦＦ")]


def test_tag_language():
    assert [languages.tag_language(t) for t in ("de_DE", "fr-CA", "ja", "", None, "german")] == ["de", "fr", "ja", "", "", ""]


def test_identify_is_unsure_of_short_latin_text():
    assert languages.identify("LEGO 42115") == ""
    assert languages.identify("Heilt Rheuma und lindert Gelenkschmerzen schnell") == "de"


def test_explain_shows_every_language():
    from listlint.docs import explain_rule
    from listlint.rules import load_rules

    rule = next(r for r in load_rules([]) if r.code == "LST004")
    text = explain_rule(rule)
    for language in ("German (de)", "French (fr)", "Italian (it)", "Spanish (es)", "Japanese (ja)"):
        assert f"LST004 in {language}" in text
    assert "'【激安】ステンレスボトル 最安値に挑戦'" in text


RULE = """\
  - code: {code}
    name: {name}
    severity: warning
    kind: pattern
{languages}    patterns: ['\\bkostenlos\\b']
    message: "{{match}}"
    why: Test.
    sources: [{{url: "https://example.org", as_of: "2026-12-02"}}]
"""


def ruleset(tmp_path, name: str, *rules: str):
    path = tmp_path / f"{name}.yaml"
    path.write_text("ruleset: " + name + "\nrules:\n" + "".join(rules), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("languages", "name", "problem"),
    [
        ("", "promotional-phrase", "code already used by"),  # a variant names its languages
        ("    languages: [de]\n", "promotional-phrase", "language de already covered by"),
        ("    languages: [nl]\n", "promo-words", "keeps the rule's name 'promotional-phrase'"),
    ],
)
def test_a_language_variant_is_checked_when_loaded(tmp_path, languages, name, problem):
    from listlint.errors import RulesetError
    from listlint.rules import load_rules

    path = ruleset(tmp_path, "mine", RULE.format(code="LST004", name=name, languages=languages))
    with pytest.raises(RulesetError, match=problem):
        load_rules([path])


def test_a_users_language_variant_joins_the_rule(tmp_path):
    from listlint.rules import load_rules

    path = ruleset(tmp_path, "mine", RULE.format(code="LST004", name="promotional-phrase", languages="    languages: [nl]\n"))
    rule = next(r for r in load_rules([path]) if r.code == "LST004")
    assert [v.languages for v in rule.variants][-1] == ("nl",)
