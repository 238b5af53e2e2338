"""Required literals of a regular expression, for prefiltering.

`required_literals(source)` returns strings of which at least one occurs (lower-cased)
in every match of the pattern, or None when it cannot tell. The engine puts the
literals of every pattern into one Aho-Corasick automaton and runs a pattern only on
texts where one of its literals occurs: one pass per text instead of one regex scan per
pattern per text. Patterns the standard parser cannot read (regex-module extras such as
\\p{...}) simply always run.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable
from typing import Any

# The characters outside ASCII that `re` matches with an ASCII letter or digit when it
# ignores case: dotted capital I, dotless i, long s, Kelvin sign (tests/test_prefilters.py
# checks this against every code point).
ASCII_LOOKALIKES = re.compile("[\u0130\u0131\u017f\u212a]")


try:  # Python 3.11+: the parser behind `re`
    from re import _constants as _c
    from re import _parser as _parser
except ImportError:  # pragma: no cover - older layouts
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

sre_constants = _c  # for the scan forms of prescan.py

MIN_LENGTH = 3  # shorter literals occur almost everywhere and filter nothing
CJK_START = "\u3000"  # CJK punctuation, kana, kanji and full-width forms lie above
MAX_SPELLINGS = 16  # a run of literals and character sets ("tb[ad]") stands for at most this many strings
Literals = frozenset[str] | None


# Results by pattern source. Parsing every shipped pattern costs a one-file run tens of
# milliseconds, so the rules cache keeps this memo with the rules it belongs to (run.py).
KNOWN: dict[str, tuple[frozenset[str], ...] | None] = {}


def required_literals(source: str) -> Literals:
    """The most selective of required_literal_sets."""
    found = required_literal_sets(source)
    return found[0] if found else None


def union_of_literals(sources: Iterable[str]) -> Literals:
    """Literals one of which every match of any of the regex SOURCES holds (None: cannot tell)."""
    found: set[str] = set()
    for source in sources:
        literals = required_literals(source)
        if literals is None:
            return None
        found |= literals
    return frozenset(found)


def required_literal_sets(source: str) -> tuple[frozenset[str], ...] | None:
    """Sets of literals each of which every match holds one of (the most selective first):
    the parts of the pattern's top-level sequence that need literals ("safe ... pesticide"
    needs one word of each list). None when it cannot tell."""
    if source not in KNOWN:
        KNOWN[source] = _required(source)
    return KNOWN[source]


def python_syntax(source: str) -> bool:
    """Whether the standard parser reads the pattern as the `regex` module does."""
    return parsed_pattern(source) is not None


def parsed_pattern(source: str) -> Any:
    try:
        with warnings.catch_warnings():
            # "possible nested set": the regex module reads [[:alpha:]] as a POSIX class,
            # where the standard parser sees a set of "[", ":", "a" ... and then a "]"
            warnings.simplefilter("error", FutureWarning)
            return _parser.parse(source)
    except Exception:  # noqa: BLE001 - any syntax the standard parser lacks or reads otherwise
        return None


def _required(source: str) -> tuple[frozenset[str], ...] | None:
    parsed = parsed_pattern(source)
    if parsed is None:
        return None  # no prefilter
    candidates = _candidates(list(parsed))  # once: reading them is most of the cost
    best = _most_selective(candidates)
    if best is None or not all(map(_selective, best)):
        return None
    others = [found for found in candidates if found != best and all(map(_selective, found))]
    return tuple(dict.fromkeys((best, *others)))


def leading_literals(source: str) -> Literals:
    """Lower-cased ASCII strings one of which every match of the pattern starts with (after
    zero-width assertions), each of two characters or more ("wd-40": a brand list starts
    with "wd"); None when it cannot tell. A pattern with them is tried only where one of
    them occurs (kinds/pattern.py)."""
    return leading_literals_of(parsed_pattern(source))


def leading_literals_of(parsed: Any) -> Literals:
    """leading_literals of a pattern as parsed_pattern read it (None: not read)."""
    found = None if parsed is None else _leading(list(parsed))
    if found is None or not all(literal.isascii() and len(literal) >= 2 for literal in found):
        return None
    return found


def _leading(items: list[tuple[Any, Any]]) -> Literals:
    """The spellings every match of a sequence starts with."""
    run = frozenset([""])
    for op, value in items:
        chars = _characters(op, value)
        if chars is not None:
            if len(run) * len(chars) > MAX_SPELLINGS:
                break
            run = frozenset(spelling + char for spelling in run for char in chars)
            continue
        if run != {""}:
            return _followed_by(run, op, value)
        if op is _c.AT or op in (_c.ASSERT, _c.ASSERT_NOT):
            continue  # zero-width: the match starts after it
        return _compound(op, value, _leading)
    return run if run != {""} else None


def _followed_by(run: frozenset[str], op: Any, value: Any) -> frozenset[str]:
    """The spellings of a run of literals, each followed by the spellings a group or
    alternation after it starts with, when there are few of them: the parser writes
    "(?:limited|low)" as "l(?:imited|ow)"."""
    if op is _c.AT or op in (_c.ASSERT, _c.ASSERT_NOT):
        return run
    after = _compound(op, value, _leading)
    if after is None or len(run) * len(after) > MAX_SPELLINGS:
        return run
    return frozenset(before + start for before in run for start in after)


def _selective(literal: str) -> bool:
    """Rare enough to be worth a prefilter: long, symbols only ("$", "™"), or with a kana or
    kanji (one such character says as much as a Latin word: 円, 以内, 星)."""
    return len(literal) >= MIN_LENGTH or (literal != "" and not any(c.isalnum() or c.isspace() for c in literal)) or any(c >= CJK_START for c in literal)


def _sequence(items: list[tuple[Any, Any]]) -> Literals:
    """The most selective requirement among the parts of a sequence."""
    return _most_selective(_candidates(items))


def _most_selective(candidates: list[frozenset[str]]) -> Literals:
    """The first of the best ranked candidates (None without any)."""
    best: Literals = None
    for candidate in candidates:
        if best is None or _rank(candidate) > _rank(best):
            best = candidate
    return best


def _candidates(items: list[tuple[Any, Any]]) -> list[frozenset[str]]:
    """The requirements of the parts of a sequence (each part's literals, or a run's spellings)."""
    run = frozenset([""])  # the spellings of the literals and sets read so far
    candidates: list[frozenset[str]] = []
    for op, value in items:
        chars = _characters(op, value)
        if chars is not None:
            if len(run) * len(chars) > MAX_SPELLINGS:
                if run != {""}:
                    candidates.append(run)
                run = frozenset([""])
            run = frozenset(spelling + char for spelling in run for char in chars)
            continue
        if run != {""}:
            candidates.append(run)
            run = frozenset([""])
        if op is _c.AT:  # \b, ^, $ take no characters
            continue
        found = _compound(op, value, _sequence)
        if found is not None:
            candidates.append(found)
    if run != {""}:
        candidates.append(run)
    return candidates


def _rank(candidate: frozenset[str]) -> tuple[bool, int]:
    return all(map(_selective, candidate)), min(map(len, candidate))


def _characters(op: Any, value: Any) -> frozenset[str] | None:
    """The lower-cased characters one item stands for: a literal, or a set made of single
    characters only ([$€£], [da]); None for anything else."""
    if op is _c.LITERAL:
        return frozenset([chr(value).lower()])
    if op is _c.IN and all(kind is _c.LITERAL for kind, _ in value):
        return frozenset(chr(code).lower() for _, code in value)
    return None


def _compound(op: Any, value: Any, read: Callable[[list[tuple[Any, Any]]], Literals]) -> Literals:
    """What a group, an alternation or a repeat of at least one requires, each inner sequence
    read by `read` (_sequence: anywhere in it; _leading: at its start)."""
    if op is _c.SUBPATTERN:
        return read(list(value[-1]))
    if op is _c.BRANCH:
        union: set[str] = set()
        for branch in value[1]:
            found = read(list(branch))
            if found is None:
                return None
            union |= found
        return frozenset(union)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _high, inner = value
        return read(list(inner)) if low >= 1 else None
    return None
