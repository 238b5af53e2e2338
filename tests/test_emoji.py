"""Emoji in titles (LST021) and bullet points (LST008): one detection, the `emoji` package's
data, a whole sequence as one finding at its exact columns."""

from __future__ import annotations

import subprocess
import sys

import pytest

from listlint.config import Config
from listlint.engine import Engine
from listlint.errors import RulesetError
from listlint.rules import load_rules

FLAG_ENGLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
KEYCAP_ONE = "1\ufe0f\u20e3"
KEYCAP_HASH = "#\u20e3"  # without the emoji selector: all its characters lie below U+2190
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
THUMBS_UP_MEDIUM = "\U0001f44d\U0001f3fd"
FLAG_UK = "\U0001f1ec\U0001f1e7"
SEQUENCES = [FLAG_ENGLAND, KEYCAP_ONE, FAMILY, THUMBS_UP_MEDIUM, FLAG_UK, "\u2122\ufe0f", KEYCAP_HASH]
TEXT = "Kit " + " ".join(SEQUENCES) + " end"


def _expected_columns(first_column: int) -> list[tuple[int, int, str]]:
    """Where each sequence of TEXT lies, the text starting at `first_column`."""
    expected, offset = [], len("Kit ")
    for sequence in SEQUENCES:
        expected.append((first_column + offset, first_column + offset + len(sequence), sequence))
        offset += len(sequence) + 1
    return expected


def _spans(diagnostics, code: str) -> list[tuple[int, int, str]]:
    return [(d.column, d.end_column, d.match) for d in diagnostics if d.code == code]


def test_each_emoji_sequence_in_a_bullet_is_one_finding_at_its_columns(lint_text):
    found = lint_text(f'sku: T-1\ntitle: Test Listing\nbullets:\n  - "{TEXT}"\n')
    assert _spans(found, "LST008") == _expected_columns(first_column=6)
    assert all(d.line == 4 for d in found if d.code == "LST008")


def test_a_bare_keycap_is_found_in_a_text_otherwise_below_the_pictographs(lint_text):
    found = lint_text(f'sku: T-1\ntitle: "Press {KEYCAP_HASH} to start, 30 \u00b0C"\n')
    assert _spans(found, "LST021") == [(15, 17, KEYCAP_HASH)]


def test_titles_and_bullets_find_the_same_emoji(lint_text):
    in_title = _spans(lint_text(f'sku: T-1\ntitle: "{TEXT}"\n'), "LST021")
    in_bullet = _spans(lint_text(f'sku: T-1\ntitle: Test Listing\nbullets:\n  - "{TEXT}"\n'), "LST008")
    assert [match for _, _, match in in_title] == [match for _, _, match in in_bullet] == SEQUENCES


def test_legal_signs_are_bullet_symbols_but_not_emoji_and_rating_stars_are_neither(lint_text):
    # © ® ™ are emoji only with the emoji selector; the bullet rules name them as symbols
    text = "Brand\u2122 by Maker\u00ae \u00a9 2024, rated \u2605\u2605\u2605\u2606, only \u00a39"
    assert _spans(lint_text(f'sku: T-1\ntitle: "{text}"\n'), "LST021") == []
    found = lint_text(f'sku: T-1\ntitle: Test Listing\nbullets:\n  - "{text}"\n')
    assert [match for _, _, match in _spans(found, "LST008")] == ["\u2122", "\u00ae", "\u00a9", "\u00a3"]


def test_a_rule_s_symbols_must_lie_beyond_ascii(tmp_path):
    house_style = {"LST008": {"symbols": "!\u2122"}}  # ASCII texts are never scanned: "!" would go unseen
    with pytest.raises(RulesetError, match="symbols lists characters beyond ASCII only"):
        Engine(load_rules([]), Config(root=tmp_path, rule_options=house_style))


def test_listings_without_pictographic_characters_never_import_the_emoji_package(tmp_path):
    (tmp_path / "a.yaml").write_text("sku: A1\ntitle: Caf\u00e9 Mug\nbullets: [Wash at 30 \u00b0C, Brand\u2122 lid]\n", "utf-8")
    code = (
        "import sys\nfrom listlint.cli import main\nsys.argv = ['listlint', 'check', '--no-cache', '--jobs', '1', 'a.yaml']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\nprint('emoji' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.stdout.strip().splitlines()[-1] == "False", result.stderr


def _spans_without_the_test(text):
    """What emoji_spans reports, asked of the package whatever the text."""
    import emoji

    found = [(one["match_start"], one["match_end"]) for one in emoji.emoji_list(text)]
    return [(begin, end) for begin, end in found if end - begin > 1 or ord(text[begin]) >= 0x2190]


def test_the_test_that_spares_loading_the_package_lets_every_emoji_through():
    """kinds/emoji.may_hold_emoji must pass every text in which emoji_spans would find
    something: each emoji the package knows, with and without the emoji selector, and
    every real listing text."""
    import json
    from pathlib import Path

    import emoji

    from listlint.kinds.emoji import may_hold_emoji

    listings = json.loads((Path(__file__).parent / "data" / "amazon-uk-toys-863.json").read_text("utf-8"))["listings"]
    corpus = [value for listing in listings for value in listing.values() if isinstance(value, str)]
    texts = [variant for known in emoji.EMOJI_DATA for variant in (known, known.replace("\ufe0f", ""), f"a {known} b")] + corpus
    for text in texts:
        assert may_hold_emoji(text) or not _spans_without_the_test(text), text.encode("unicode_escape")


@pytest.mark.parametrize("text", ["Star \u272e gift", "\u2192 arrows \u2190", "\u4e2d\u6587\u73a9\u5177", "30 \u00b0C caf\u00e9"])
def test_texts_without_an_emoji_character_do_not_need_the_package(text):
    from listlint.kinds.emoji import may_hold_emoji

    assert not may_hold_emoji(text)
