"""The term scan's fast paths (issue 17) find what the character-by-character scan finds:
the ASCII view of a text, hits placed by counting in its mask of word characters, squash
and squash_map beyond ASCII by encoding error handlers, and words noted without hits.
The oracle here is the scan as it was: a map of every character to its place, and word
boundaries read from the original characters."""

from __future__ import annotations

import sys
import unicodedata
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from listlint.config import load_config
from listlint.engine import Engine
from listlint.rules import load_rules
from listlint.textmatch import _FOLD, Hit, TermIndex, _AsciiPlaces, _FoldedPlaces, _joins_words, ascii_view, squash, squash_map
from tests.strings import corpus_texts, strings_in

from .conftest import ROOT


def _folded(text: str) -> str:
    return "".join(_FOLD[ord(char)] for char in text)


def _old_squash_map(text: str) -> list[int]:
    positions: list[int] = []
    for index, char in enumerate(text):
        positions.extend([index] * len(_FOLD[ord(char)]))
    return positions


def _is_word_char(char: str) -> bool:
    return bool(_FOLD[ord(char)])


def _japanese_edge(left: str, right: str) -> bool:
    """Japanese runs words together: beside kana or kanji (by Unicode name) a word may end between two letters."""
    return any(any(part in unicodedata.name(char, "") for part in ("HIRAGANA", "KATAKANA", "CJK UNIFIED IDEOGRAPH", "IDEOGRAPHIC ITERATION MARK")) for char in (left, right))


def _old_scan(index: TermIndex, text: str) -> list[Hit]:
    """Every key on word boundaries of `text` (words' keys too, with their refs, maybe none)."""
    squashed, positions, found = _folded(text), _old_squash_map(text), []
    for last, length in index._automaton.iter(squashed) if squashed else ():
        first = last - length + 1
        start, end = positions[first], positions[last] + 1
        if (start > 0 and _is_word_char(text[start - 1]) and not _japanese_edge(text[start - 1], text[start])) or (end < len(text) and _is_word_char(text[end]) and not _japanese_edge(text[end - 1], text[end])):
            continue
        key = squashed[first : last + 1]
        if end - start != length and _joins_words(text, positions[first : last + 1], index._breaks.get(key, frozenset())):
            continue
        found.append(Hit(key, start, end, index._refs[key]))
    return found


def _assert_scanned_alike(index: TermIndex, text: str) -> None:
    present: set[str] = set()
    hits = list(index.scan(text, present))
    old = _old_scan(index, text)
    assert hits == [hit for hit in old if hit.refs], text
    assert present == {hit.key for hit in old if hit.key in index._words}, text


def _assert_squashed_alike(text: str) -> None:
    assert squash(text) == _folded(text), text
    assert squash_map(text) == _old_squash_map(text), text
    view = ascii_view(text)
    if view is None:  # a character folds to several, or to one beyond ASCII
        assert any(len(_FOLD[ord(char)]) > 1 or not _FOLD[ord(char)].isascii() for char in text), text
    else:
        assert len(view) == len(text) and view.isascii(), text
        assert squash(view.decode("ascii")) == squash(text), text
        assert [char.isalnum() for char in view.decode("ascii")] == [_is_word_char(char) for char in text], text


@cache
def _shipped_index() -> TermIndex:
    config = load_config(None, ROOT)
    return Engine(load_rules(list(config.rulesets)), config).index


def _index(terms: list[str], words: list[str]) -> TermIndex:
    index = TermIndex()
    for number, term in enumerate(terms):
        index.add(term, number)
    for word in words:
        index.add_word(word)
    index.build()
    return index


# ASCII, accents (precomposed and combining), "ß", ligatures, full-width letters, Cyrillic
# and Greek look-alikes, zero-width characters, separators beyond ASCII, a letter beyond ASCII
_CHARACTERS = st.sampled_from(
    list("abcdeilmoprsx ABCPJ-.'\n\t019")
    + ["ß", "é", "É", "\u0301", "ﬁ", "ﬀ", "Ｆ", "ｕ", "\u200b", "\u200d", "\u00a0", "\u2028", "’", "£", "®", "•", "–", "™", "½", "²"]
    + ["а", "о", "с", "р", "ο", "α", "ı", "İ", "ł", "日", "К", "\x00"]
)
_TEXTS = st.text(_CHARACTERS, max_size=40)
_TERMS = st.lists(st.text(_CHARACTERS, min_size=1, max_size=8), min_size=1, max_size=8)


@settings(max_examples=400, deadline=None)
@given(st.lists(_TEXTS, max_size=4), _TERMS, _TERMS)
def test_the_fast_scan_finds_what_the_character_by_character_scan_finds(texts: list[str], terms: list[str], words: list[str]) -> None:
    index = _index(terms, words[: len(words) // 2])
    if index._automaton is None:  # no term with a letter or digit
        return
    for text in texts:
        _assert_scanned_alike(index, text)


@settings(max_examples=300, deadline=None)
@given(_TEXTS, st.lists(st.tuples(st.integers(0, 40), st.integers(1, 12)), max_size=12))
def test_ascii_places_turn_away_what_the_general_places_turn_away(text: str, spans: list[tuple[int, int]]) -> None:
    """_AsciiPlaces.word (counting on from the last hit placed, also past candidates turned
    away) = _FoldedPlaces.word (a map of every character), for candidates in the automaton's order."""
    view = ascii_view(text)
    size = len(squash(text))
    if view is None or not size:
        return
    candidates = sorted({(min(last, size - 1), length) for last, length in spans}, key=lambda one: (one[0], -one[1]))
    fast, general = _AsciiPlaces(view), _FoldedPlaces(text)
    for last, length in candidates:
        first = max(last - length + 1, 0)
        found, expected = fast.word(first, last), general.word(first, last)
        assert (None if found is None else list(found)) == expected, (text, first, last)


@settings(max_examples=500, deadline=None)
@given(_TEXTS)
def test_squash_and_its_map_beyond_ascii_are_the_character_by_character_fold(text: str) -> None:
    _assert_squashed_alike(text)


def test_the_real_corpus_is_scanned_alike_with_the_shipped_terms() -> None:
    index = _shipped_index()
    texts = corpus_texts()
    assert sum(not text.isascii() for text in texts) > 100  # "£", "®", "’", "ß" ...
    for text in texts:
        _assert_squashed_alike(text)
        _assert_scanned_alike(index, text)


def test_the_rule_examples_and_fixtures_are_scanned_alike() -> None:
    index = _shipped_index()
    examples = [text for rule in load_rules([]) for text in strings_in(rule.examples)]
    fixtures = [line for path in sorted((ROOT / "fixtures").rglob("*.yaml")) for line in path.read_text("utf-8").splitlines()]
    assert len(examples) > 1000 and len(fixtures) > 500
    for text in examples + fixtures:
        _assert_scanned_alike(index, text)


def test_places_across_many_separators_and_at_both_ends() -> None:
    index = _index(["lego", "pj masks", "x", "it is"], ["kids"])
    text = "x" + " -- " * 50 + "LEGO." + "..." * 40 + "P.J.  Masks, kids! it is x"
    present: set[str] = set()
    assert [(hit.key, hit.start, hit.end) for hit in index.scan(text, present)] == [
        ("x", 0, 1), ("lego", 201, 205), ("pjmasks", 326, 337), ("itis", 345, 350), ("x", 351, 352)
    ]
    assert present == {"kids"}
    _assert_scanned_alike(index, text)


def test_a_word_is_noted_and_a_term_that_is_also_a_word_still_hits() -> None:
    index = _index(["lego"], ["lego", "bricks"])
    present: set[str] = set()
    assert [(hit.key, hit.refs) for hit in index.scan("Lego bricks, not legos", present)] == [("lego", (0,))]
    assert present == {"lego", "bricks"}
    assert list(index.scan("bricks")) == []  # a word alone yields no hit


def test_no_character_folds_to_more_than_127_characters() -> None:
    """squash_map's error handler writes each fold length as one byte beyond ASCII."""
    longest = max(len(_FOLD[code]) for code in range(sys.maxunicode + 1) if unicodedata.category(chr(code)) not in ("Cs", "Cn", "Co"))
    assert 1 < longest < 128
