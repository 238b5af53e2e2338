"""The per-pattern tests of web addresses (contact._URL_NEEDS) never drop a pattern that matches.

They spare the costly address patterns on texts that only look like they might hold one
("fun.Great gift"); a test that turned away a text one of those patterns matches would
lose a finding, so every pattern that matches must be among the ones kept.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from listlint.kinds import contact

CORPUS = Path(__file__).parent / "data" / "amazon-uk-toys-863.json"

CRAFTED = [
    "Visit kora.toys for more",
    "VISIT KORA.TOYS",
    "V\u0130S\u0130T kora.toys",  # dotted capital I: `re` ignores its case as an i
    "order from shop.example.de today",
    "Buy on myshop.shop now",
    "available at toys.store",
    "find us at acme.co.uk",
    "go to  acme.io/page?x=1",
    "check out\tmy-shop.com",
    "https://example.com/a",
    "ftp://files.example.org",
    "WWW.EXAMPLE.COM",
    "\u017f\u017f\u017f.example.com",  # long s: `re` ignores its case as an s
    "see www.shop-name.co.uk/x",
    "MyShop.com and SHOPNAME.COM",
    "sizes.The box",
    "e.g. a game",
    "shop.Example.COM",
]


def _texts() -> list[str]:
    texts = list(CRAFTED)
    for listing in json.loads(CORPUS.read_text("utf-8"))["listings"]:
        texts += [value for key, value in listing.items() if isinstance(value, str)]
        texts += [item for item in listing.get("bullets", ()) if isinstance(item, str)]
    return texts


@pytest.mark.parametrize("text", CRAFTED)
def test_crafted_addresses_are_found(text: str) -> None:
    kept = contact._url_patterns(text)
    for pattern in contact._patterns("url"):
        if pattern.compiled.search(text):
            assert pattern in kept, (pattern.compiled.pattern, text)


def test_no_pattern_that_matches_is_skipped() -> None:
    skipped = 0
    for text in _texts():
        kept = contact._url_patterns(text)
        for pattern in contact._patterns("url"):
            if pattern not in kept:
                skipped += 1
                assert pattern.compiled.search(text) is None, (pattern.compiled.pattern, text[:80])
    assert skipped  # the tests do spare patterns


def _scanned(kind: str, text: str) -> bool:
    """Whether the check would scan the text (as it reads it) with a pattern of the kind:
    its own prefilter passes it, and for web addresses a pattern matches there."""
    if not contact._PREFILTERS[kind](text):
        return False
    return kind != "url" or any(pattern.compiled.search(text) for pattern in contact._patterns("url"))


@pytest.mark.parametrize("kind", sorted(contact._SCAN_HINTS))
def test_the_hyperscan_hints_pass_every_text_the_check_would_scan(kind: str) -> None:
    """The engine's Hyperscan scan gates the url and phone checks (contact._SCAN_HINTS): it
    must let through every text the check would scan with a pattern, on the text as the
    check reads it (the Latin skeleton of the text without invisible characters, for web
    addresses): every text its prefilter passes, and for web addresses every text one of
    the address patterns matches."""
    from listlint import prescan
    from listlint.visible import without_invisible

    pytest.importorskip("hyperscan")
    prefilter = prescan.PatternPrefilter(warm_up=0)
    assert prefilter.add(contact._SCAN_HINTS[kind], False, 0)
    read = contact._latin_skeleton if kind == "url" else contact._as_written
    texts = _texts() + ["shор-name.com", "\u0441\u0430\u0439\u0442.\u043ean", "call 0\u0663\u0661 496 0732", "1-800-FLOWERS", "x\u200b.com", "www.\u0455hop.de", "visit \u0455hop.\u0441om", "ԝԝԝ.shop"]
    passed = 0
    for text in texts:
        visible = without_invisible(text)
        if _scanned(kind, read(visible)):
            passed += 1
            assert prefilter.passing(visible) in (None, {0}) and prefilter.passing(visible) != set(), (kind, text[:80])
    assert passed > 20


def test_the_url_hint_turns_away_a_sentence_glued_to_the_next() -> None:
    """What the url hint is for: "fun.Great gift" passes the check's own prefilter (a dot
    before a letter) but holds no part of a web address, so the check is not called."""
    from listlint import prescan

    pytest.importorskip("hyperscan")
    prefilter = prescan.PatternPrefilter(warm_up=0)
    assert prefilter.add(contact._SCAN_HINTS["url"], False, 0)
    assert contact._PREFILTERS["url"]("fun.Great gift")
    assert prefilter.passing("fun.Great gift") == set()
    assert prefilter.passing("visit kora.toys") == {0}
