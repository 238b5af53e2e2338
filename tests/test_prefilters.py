"""The shortcuts that skip work must never skip a finding.

Each prefilter answers "this cannot match" cheaply; these tests hold each one to that, on
the cases where the cheap answer and the exact one could part: characters that fold to
ASCII letters, literals of character sets, ASCII text squashed as bytes.
"""

from __future__ import annotations

import random
import re

import pytest

from listlint.categories import load_catalog
from listlint.literals import required_literal_sets, required_literals
from listlint.requirements import probe_record
from listlint.rules import load_rules
from listlint.textmatch import ASCII_LOOKALIKES, _FOLD, lower_for_ascii_words, squash, squash_map
from tests.strings import strings_in


def test_ascii_lookalikes_are_every_character_that_folds_to_ascii() -> None:
    ascii_letter_or_digit = re.compile("[a-z0-9]", re.IGNORECASE)
    beyond_ascii = "".join(map(chr, range(128, 0x110000)))
    assert set(ascii_letter_or_digit.findall(beyond_ascii)) == set(ASCII_LOOKALIKES.pattern[1:-1])


@pytest.mark.parametrize(
    ("text", "lowered"),
    [("Bluetooth SPEAKER", "bluetooth speaker"), ("Wash at 30 °C", "wash at 30 °c"), ("LİTHIUM cell", None), ("diſinfectant", None)],
)
def test_lower_for_ascii_words_only_where_lower_case_is_exact(text: str, lowered: str | None) -> None:
    assert lower_for_ascii_words(text) == lowered


def test_keyword_spelled_with_a_lookalike_still_recognises_its_category() -> None:
    catalog = load_catalog()
    plain = probe_record("", ["disinfectant", "spray"], {}, ("US",))
    long_s = probe_record("", ["di\u017finfectant", "spray"], {}, ("US",))
    assert "pesticide" in {m.category.id for m in catalog.match(plain)}
    assert "pesticide" in {m.category.id for m in catalog.match(long_s)}


@pytest.mark.parametrize(
    ("source", "literals"),
    [
        (r"\b(?:tbd|tba)\b", {"tbd", "tba"}),  # the parser turns tbd|tba into tb[da]
        (r"[$€£¥]\s?\d+", {"$", "€", "£", "¥"}),  # symbols alone are rare enough
        (r"\beco[- ]?friendly\b", {"friendly"}),
        (r"\bin[- ]stock\b", {"in stock", "in-stock"}),
        (r"[[:alpha:]]{3}", None),  # a POSIX class for the regex module, not a set of "[:alph"
        (r"\d+\.\d+", {"."}),  # every match has a "."
        (r"[a-z]{3}\d", None),
        (r"\bno\s?1\b", None),  # two letters filter nothing
    ],
)
def test_required_literals(source: str, literals: set[str] | None) -> None:
    found = required_literals(source)
    assert (None if found is None else set(found)) == literals


@pytest.mark.parametrize(
    ("source", "required"),
    [
        (r"\bsafe\b[^.]{0,60}?\b(?:pesticides?|weed killers?)\b", [{"pesticide", "weed killer"}, {"safe"}]),  # the most selective first
        (r"\b(?:only|just)\s+\d+\s+(?:left|remaining)\b", [{"only", "just"}, {"remaining", "left"}]),
        (r"\bsafe(?!\s+pesticides?)", [{"safe"}]),  # a lookahead's words are not in the match
        (r"\b(?:safe|ok)\b", None),
    ],
)
def test_required_literal_sets(source: str, required: list[set[str]] | None) -> None:
    found = required_literal_sets(source)
    assert (None if found is None else [set(one) for one in found]) == required


def test_every_match_of_a_shipped_pattern_holds_one_literal_of_each_set() -> None:
    """On every rule example and every real listing text (as pattern rules read it)."""
    import json
    from pathlib import Path

    import regex

    from listlint.visible import without_invisible

    listings = json.loads((Path(__file__).parent / "data" / "amazon-uk-toys-863.json").read_text("utf-8"))["listings"]
    corpus = [without_invisible(text) for text in strings_in(listings)]
    checked = 0
    for rule in (one for base in load_rules([]) for one in base.with_variants()):
        if rule.kind != "pattern" or rule.options.get("keep_invisible"):
            continue
        sources = ([rule.options["pattern"]] if rule.options.get("pattern") else []) + list(rule.options.get("patterns", []))
        texts = strings_in(rule.examples) + corpus
        for source in sources:
            required = required_literal_sets(source)
            if required is None:
                continue
            compiled = regex.compile(source, (regex.IGNORECASE if rule.options.get("ignore_case", True) else 0) | regex.V0)
            for text in texts:
                if compiled.search(text):
                    checked += 1
                    lowered = text.lower()
                    assert all(any(literal in lowered for literal in literals) for literals in required), (rule.code, source, text[:80])
    assert checked > 300


def test_ascii_squash_matches_the_character_by_character_fold() -> None:
    rng = random.Random(7)
    for _ in range(2000):
        text = "".join(chr(rng.randrange(128)) for _ in range(rng.randrange(30)))
        assert squash(text) == "".join(_FOLD[ord(c)] for c in text)
        assert squash_map(text) == [i for i, c in enumerate(text) if _FOLD[ord(c)]]
