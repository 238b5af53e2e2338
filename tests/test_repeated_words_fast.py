"""repeated-words answers most texts before its word pattern runs (kinds/repeated_words.py
_may_repeat: the runs of letters and digits of an ASCII text, then the words counted in C).
The first tests may only say "no" where the words themselves have no word past the limit:
checked against a plain count of the pattern's words on the real corpus's texts and on
generated ASCII and non-ASCII text."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from listlint.kinds.repeated_words import _WORD, _may_repeat

from .strings import corpus_texts

EXEMPT = frozenset(("a", "an", "the", "and", "for", "of", "it", "don", "s"))


def repeats(text: str, limit: int, exempt: frozenset[str]) -> bool:
    """The answer the check's own loop gives: a word not exempt used more than LIMIT times."""
    counts = Counter(match.group(0).casefold() for match in _WORD.finditer(text))
    return any(count > limit and word not in exempt for word, count in counts.items())


@pytest.mark.parametrize("limit", [0, 1, 2, 3])
def test_the_corpus_texts_get_the_answer_of_a_plain_count(limit):
    texts = corpus_texts()
    assert sum(repeats(text, limit, EXEMPT) for text in texts) > 10
    for text in texts:
        assert _may_repeat(text, limit, EXEMPT) == repeats(text, limit, EXEMPT), text


_ASCII = st.lists(st.sampled_from([*"aAbB zZ0 1_'-.,/(\t\n", "it's", "don't", "Set", "set,", "41mm ", "20 cm", "the "]), max_size=40).map("".join)
_ANY = st.lists(st.sampled_from([*"aAbB 1_'’-.\u00e9\u00c9\u0131I\u0130i\u00dfSS\u212a\u00b2\u0663", "STRASSE", "stra\u00dfe", "it’s"]), max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=_ASCII | _ANY, limit=st.integers(0, 3))
def test_generated_texts_get_the_answer_of_a_plain_count(text, limit):
    assert _may_repeat(text, limit, EXEMPT) == repeats(text, limit, EXEMPT)
