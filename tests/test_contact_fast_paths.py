"""Contact patterns run only where they can match (kinds/contact.py _ContactPattern) and
find exactly what a scan of the whole text finds.

A pattern is skipped on a text without one literal of each of its required sets, or
without a match of the part every match of it holds (_PARTS), and tried only at the
places of its leading literals; both shortcuts are held here to the
plain `finditer` on every real listing text, every contact rule example, crafted
look-alikes and strings hypothesis builds from the patterns' own words.
"""

from __future__ import annotations

import re
from itertools import islice

from hypothesis import given, settings
from hypothesis import strategies as st

from listlint.kinds import contact
from listlint.rules import load_rules
from listlint.textmatch import lower_for_ascii_words
from tests.strings import corpus_texts, strings_in

CRAFTED = [
    "Follow us on Instagram: @kora_toys",
    "INSTAGRAM kora.toys",
    "In\u017fta kora_toys",  # long s: `re` ignores its case as an s
    "Call us on 0161 496 0732",
    "CALL 1-800-FLOWERS now",
    "kora dot com",
    "kora (dot) com and kora [at] mail [dot] com",
    "www . kora . com",
    "k o r a . c o m",
    "visit kora.toys",
    "Facebook: Kora Toys, facebook facebookfacebook: x",
    "shop.com shop.com\u00a0kora.co.uk/x?y=1 age groups.in order MY-SHOP.COM.",
    "info (AT) kora . com, sales [ at ]kora dot co, k o r a . D E, s h o p . c o . u k",
]


def _texts() -> list[str]:
    examples = [text for rule in load_rules([]) if rule.kind == "contact" for text in strings_in(rule.examples)]
    return CRAFTED + examples + corpus_texts()


def _spans(matches) -> list[tuple[int, int]]:
    return [match.span() for match in matches]


def _all_patterns() -> list[contact._ContactPattern]:
    return [pattern for kind in contact._PATTERNS for pattern in contact._patterns(kind)]


def _assert_same(text: str) -> None:
    lowered = lower_for_ascii_words(text)
    for pattern in _all_patterns():
        assert _spans(pattern.finditer(text, lowered)) == _spans(pattern.compiled.finditer(text)), (pattern.compiled.pattern[:60], text[:80])


def test_the_shortcuts_find_what_a_whole_scan_finds_on_real_text() -> None:
    texts = _texts()
    assert len(texts) > 2000
    for text in texts:
        _assert_same(text)


def test_most_patterns_have_a_shortcut() -> None:
    leading = [pattern for pattern in _all_patterns() if pattern._leading is not None]
    assert len(leading) >= 6  # platform names, calling words, pointing words, www, http ...


_WORDS = ["facebook", "Instagram", "insta", "line id", "call", "tel", "phone", "us", "on", "at", "dot", "www", "visit", "http", "://", "@", ".", ":", "(", ")", "com", "co", "uk", "kora", "KORA", "COM", "in", "is", "/x?y", "\t", "\u00a0", "\u2003", "\n", "0161", "496", "0732", "800", "-", " ", "  ", "\u017f", "\u212a", "\u0130", "\u0441", "[", "]", "AT", "k o r a", "a ", " .", ". ", "c o m", "d e", "u k", "s h o p"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=25))
def test_the_shortcuts_find_what_a_whole_scan_finds(words: list[str]) -> None:
    _assert_same("".join(words))


def test_every_pattern_with_a_part_matches_in_the_texts_held_to_a_whole_scan() -> None:
    """The comparison above is not empty for the patterns skipped without their part (_PARTS)."""
    texts = _texts()
    for source in contact._PARTS:
        whole = re.compile(source)
        assert any(whole.search(text) for text in texts), source[:60]


# Phone numbers: the matcher that rejects candidates too short to be valid without parsing
# them (contact._short_candidates_skipped) finds what phonenumbers' own matcher finds.
_PHONE_REGIONS = [("UK",), ("US",), ("DE", "FR"), ("JP",), ("AU", "IN", "MX")]


def _stock_phone_numbers(text: str, marketplaces: tuple[str, ...]) -> list[tuple[int, int, str]]:
    import phonenumbers

    found = []
    for region in dict.fromkeys(contact._REGIONS.get(m, m) for m in marketplaces):
        matches = phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID, max_tries=contact._MAX_TRIES)
        found.extend((match.start, match.end, match.raw_string) for match in islice(matches, contact._MAX_FOUND))
    return found


def test_no_region_has_a_valid_number_shorter_than_the_shortest_skipped() -> None:
    """Every region's (and non-geographic code's) general description lists its lengths,
    the shortest of which is SHORTEST_VALID_NUMBER: a number matching no listed length is invalid."""
    import phonenumbers
    from phonenumbers import PhoneMetadata

    metadata = [PhoneMetadata.metadata_for_region(region) for region in phonenumbers.SUPPORTED_REGIONS]
    metadata += [PhoneMetadata.metadata_for_nongeo_region(code) for code in phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS]
    lengths = [m.general_desc.possible_length for m in metadata]
    assert all(lengths)
    assert min(min(found) for found in lengths) == contact.SHORTEST_VALID_NUMBER


def test_phone_numbers_are_those_phonenumbers_finds_in_real_text() -> None:
    texts = [text for text in _texts() if any(map(str.isdigit, text))]  # more than the texts the check gives it
    assert len(texts) > 500
    found = 0
    for text in texts:
        for marketplaces in _PHONE_REGIONS:
            numbers = contact._phone_numbers(text, marketplaces)
            assert numbers == _stock_phone_numbers(text, marketplaces), (text[:80], marketplaces)
            found += len(numbers)
    assert found > 5


_PHONE_PARTS = ["0", "1", "44", "7946", "0958", "020", "0161", "496", "0732", "800", "555", "0199", "212", "12345678", "+", "+44", "(0)", "(", ")", " ", "-", ".", "/", "ext", " ext. ", "x", "#", "FLOWERS", "call", "tel:", "a", "é", "\u0661\u0662", "\uff10\uff11", ":30", "2024-01-15", "12/05/2023", "%", "£", "\u00a0", "\n"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PHONE_PARTS), max_size=30), st.sampled_from(_PHONE_REGIONS))
def test_phone_numbers_are_those_phonenumbers_finds(parts: list[str], marketplaces: tuple[str, ...]) -> None:
    text = "".join(parts)
    assert contact._phone_numbers(text, marketplaces) == _stock_phone_numbers(text, marketplaces)
