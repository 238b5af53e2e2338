"""Where a regular expression can start in a text: the places of its leading literals.

A pattern every match of which starts with one of a few literals (literals.leading_literals:
"facebook", "instagram" ...) is tried only where they occur: a scan of a long text for a
list of brands or platforms costs the regex engine tens of microseconds, matching at a
few places one or two. The matches are the same: a scan finds, from where the last match
ended, the first place where the pattern matches, and the pattern matches nowhere else.
Pattern rules (kinds/pattern.py) and contact rules (kinds/contact.py) use this.

At each such place a pattern rule first tries the pattern's *opening* (opening_source), a
short regular expression every match starts with, without the time limit that costs the
`regex` module a few microseconds a match.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .lean_dataclass import lean_dataclass
from .literals import parsed_pattern
from .literals import sre_constants as _c
from .textmatch import length_automaton

# Up to this many literals are looked for one by one (a str.find each, in C); more of them,
# such as a list of 57 brands, by one Aho-Corasick pass over the text, which costs about
# as much as three or four finds
FIND_AT_MOST = 8


class LeadingPlaces:
    """Every index of a lower-cased text where one of the literals starts, in order."""

    __slots__ = ("literals", "_automaton")

    def __init__(self, literals: frozenset[str]) -> None:
        self.literals = literals
        self._automaton = length_automaton(literals) if len(literals) > FIND_AT_MOST else None

    def __call__(self, lowered: str) -> list[int]:
        if self._automaton is not None:
            return sorted({end - length + 1 for end, length in self._automaton.iter(lowered)})
        found = set()
        for literal in self.literals:
            place = lowered.find(literal)
            while place >= 0:
                found.add(place)
                place = lowered.find(literal, place + 1)
        return sorted(found)


def matches_at(match_at: Callable[[int], Any], places: Iterable[int]) -> Iterator[Any]:
    """The matches a scan of the whole text finds, when every match starts at one of the
    ascending `places`: `match_at(place)` is the pattern's match starting there, or None."""
    reached = 0  # where the last match ended
    for place in places:
        if place < reached:
            continue
        match = match_at(place)
        if match is not None:
            reached = max(match.end(), place + 1)
            yield match


# The most steps (attempt_steps, times the places tried) a pattern's matching may take to run
# without a time limit: the `regex` module's time limit reads a CPU clock, which costs a
# match several microseconds (tens where system calls are slow), while this many steps take
# milliseconds at worst (measured: a fraction of one), far under a rule's time limit
UNTIMED_STEPS = 10_000_000
_MANY = UNTIMED_STEPS * 1000  # beyond this an estimate stops growing: it is too many anyway


def attempt_steps(parsed: Any) -> int | None:
    """At most how many characters a backtracking match attempt of the pattern (as
    literals.parsed_pattern read it) reads at one place: its number of ways of matching
    (the product of its repeats' and alternatives' choices, lookarounds included) times
    the longest match. None when it has no such bound: a repeat of unbounded length, a
    backreference, a conditional group, or a pattern the parser did not read."""
    if parsed is None:
        return None
    bound = _Bound().sequence(list(parsed))
    return None if bound is None else min(bound[0] * max(bound[1], 1), _MANY)


class _Bound:
    """(ways, longest match) of parsed `re` items (see attempt_steps); None: unbounded."""

    def sequence(self, items: list[tuple[Any, Any]]) -> tuple[int, int] | None:
        ways, longest = 1, 0
        for op, value in items:
            bound = self.item(op, value)
            if bound is None:
                return None
            ways, longest = min(ways * bound[0], _MANY), longest + bound[1]
        return ways, longest

    def item(self, op: Any, value: Any) -> tuple[int, int] | None:
        if op in (_c.LITERAL, _c.NOT_LITERAL, _c.ANY, _c.IN):
            return 1, 1
        if op is _c.AT:
            return 1, 0
        if op is _c.BRANCH:
            bounds = [self.sequence(list(branch)) for branch in value[1]]
            if None in bounds:
                return None
            return min(sum(ways for ways, _ in bounds), _MANY), max(longest for _, longest in bounds)  # type: ignore[misc]
        if op is _c.SUBPATTERN:
            return self.sequence(list(value[-1]))
        if op is getattr(_c, "ATOMIC_GROUP", None):
            return self.sequence(list(value))
        if op in (_c.ASSERT, _c.ASSERT_NOT):
            return self.sequence(list(value[1]))
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
            low, high, inner = value
            bound = self.sequence(list(inner))
            if bound is None or high is _c.MAXREPEAT:
                return None
            return _repeat_ways(bound[0], low, high), high * bound[1]
        return None  # a backreference, a conditional group ...


def _repeat_ways(inner: int, low: int, high: int) -> int:
    """The ways of matching a repeat of `low` to `high` times of a part with `inner` ways
    (their sum over the numbers of times), at most _MANY."""
    if inner == 1:
        return min(high - low + 1, _MANY)
    ways, power = 0, _MANY if low > 64 else min(inner**low, _MANY)
    for _ in range(low, high + 1):
        ways += power
        if ways >= _MANY:
            return _MANY
        power = min(power * inner, _MANY)
    return ways


# The opening of a pattern (opening_source) is tried without a time limit, so it holds
# nothing that could take long: no repeat of unbounded length, and at most this many ways
# of matching it (the product of the choices of its repeats, summed over alternatives).
OPENING_WAYS = 64


def opening_source(source: str) -> str | None:
    """A regular expression that matches at every place where `source` does (with the same
    flags, in the same text): the start of the pattern, up to its first repeat of
    unbounded length or other construct that could take long to try, with its lookarounds
    dropped where they are not short themselves. Trying a place costs it a fraction of
    what the pattern's own time-limited match costs (tens of times less in the `regex`
    module), so a place where the opening does not match is skipped: "ship" in
    "shipping" for "ships? within 3 days". None when it says no more than nothing."""
    return opening_of(parsed_pattern(source))


def opening_of(parsed: Any) -> str | None:
    """opening_source of a pattern as literals.parsed_pattern read it (None: not read)."""
    if parsed is None or parsed.state.flags & (_c.SRE_FLAG_ASCII | _c.SRE_FLAG_LOCALE):
        return None
    opening = _Opening().sequence(list(parsed))
    if not opening.text:
        return None
    return "(?" + _flag_letters(parsed.state.flags) + ":" + opening.text + ")" if _flag_letters(parsed.state.flags) else opening.text


@lean_dataclass(frozen=True)
class _Part:
    """Regex text that every match's start matches, whether it is the whole of what it was
    made from (`complete`), and its number of ways of matching."""

    text: str
    complete: bool
    ways: int


_NOTHING = _Part("", True, 1)


class _Opening:
    """Reads a parsed `re` pattern into its opening (see opening_source)."""

    def sequence(self, items: list[tuple[Any, Any]]) -> _Part:
        text, ways = [], 1
        for op, value in items:
            part = self.item(op, value)
            if part.ways * ways > OPENING_WAYS:
                return _Part("".join(text), False, ways)
            text.append(part.text)
            ways *= part.ways
            if not part.complete:
                return _Part("".join(text), False, ways)
        return _Part("".join(text), True, ways)

    def item(self, op: Any, value: Any) -> _Part:
        if op is _c.LITERAL:
            return _Part(_escaped(value), True, 1)
        if op is _c.NOT_LITERAL:
            return _Part("[^" + _escaped(value) + "]", True, 1)
        if op is _c.ANY:
            return _Part(".", True, 1)
        if op is _c.IN:
            members = _set_members(value)
            return _Part("[" + members + "]", True, 1) if members is not None else _Part("", False, 1)
        if op is _c.AT:
            return _Part(_ANCHORS.get(value, ""), True, 1)  # an anchor left out only widens
        if op is _c.BRANCH:
            return self.branch(value[1])
        if op is _c.SUBPATTERN:
            _group, add_flags, del_flags, inner = value
            flags = _scoped_flags(add_flags, del_flags)
            if flags is None:
                return _Part("", False, 1)
            part = self.sequence(list(inner))
            return _Part("(?" + flags + ":" + part.text + ")", part.complete, part.ways)
        if op in (_c.ASSERT, _c.ASSERT_NOT):
            return self.lookaround(op, *value)
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
            return self.repeat(*value)
        if op is getattr(_c, "ATOMIC_GROUP", None):  # as a plain group it matches at least where it did
            part = self.sequence(list(value))
            return _Part("(?:" + part.text + ")", part.complete, part.ways)
        return _Part("", False, 1)  # a backreference, a conditional group ...

    def branch(self, branches: list[Any]) -> _Part:
        parts = [self.sequence(list(one)) for one in branches]
        ways = sum(part.ways for part in parts)
        if ways > OPENING_WAYS:
            return _Part("", False, 1)
        return _Part("(?:" + "|".join(part.text for part in parts) + ")", all(part.complete for part in parts), ways)

    def lookaround(self, op: Any, direction: int, inner: Any) -> _Part:
        """A short lookaround as it is; a longer one left out (which only widens)."""
        part = self.sequence(list(inner))
        if not part.complete:
            return _Part("", True, 1)
        kind = ("?=" if direction > 0 else "?<=") if op is _c.ASSERT else ("?!" if direction > 0 else "?<!")
        return _Part("(" + kind + part.text + ")", True, part.ways)

    def repeat(self, low: int, high: int, inner: Any) -> _Part:
        """A repeat of a short part with a small bound as it is; else its first `low`
        times, which every match starts with, and the opening ends there."""
        part = self.sequence(list(inner))
        body = "(?:" + part.text + ")"
        if not part.complete:  # the start of its first time
            return _Part(body if low else "", False, part.ways if low else 1)
        if part.ways**low > OPENING_WAYS:
            return _Part("", False, 1)
        if high is not _c.MAXREPEAT:
            ways = sum(part.ways**times for times in range(low, high + 1))
            if ways <= OPENING_WAYS:
                return _Part(f"{body}{{{low},{high}}}", True, ways)
        return _Part(f"{body}{{{low}}}" if low else "", False, part.ways**low)


def _escaped(code: int) -> str:
    char = chr(code)
    return re.escape(char) if char.isascii() and char.isprintable() else f"\\U{code:08x}"


_CATEGORIES = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_NOT_DIGIT: r"\D", _c.CATEGORY_SPACE: r"\s", _c.CATEGORY_NOT_SPACE: r"\S", _c.CATEGORY_WORD: r"\w", _c.CATEGORY_NOT_WORD: r"\W"}
_ANCHORS = {_c.AT_BEGINNING: "^", _c.AT_BEGINNING_STRING: r"\A", _c.AT_BOUNDARY: r"\b", _c.AT_NON_BOUNDARY: r"\B", _c.AT_END: "$", _c.AT_END_STRING: r"\Z"}


def _set_members(members: list[tuple[Any, Any]]) -> str | None:
    """The inside of a character set as regex text; None for a member it does not write."""
    written = []
    for op, value in members:
        if op is _c.NEGATE:
            written.append("^")
        elif op is _c.LITERAL:
            written.append(_escaped(value))
        elif op is _c.RANGE:
            written.append(_escaped(value[0]) + "-" + _escaped(value[1]))
        elif op is _c.CATEGORY and value in _CATEGORIES:
            written.append(_CATEGORIES[value])
        else:
            return None
    return "".join(written)


_FLAG_LETTERS = {_c.SRE_FLAG_IGNORECASE: "i", _c.SRE_FLAG_MULTILINE: "m", _c.SRE_FLAG_DOTALL: "s"}
# flags the written opening does without: verbose (its white space is gone) and unicode (the default for text)
_UNWRITTEN_FLAGS = _c.SRE_FLAG_VERBOSE | _c.SRE_FLAG_UNICODE


def _flag_letters(flags: int) -> str:
    return "".join(letter for flag, letter in _FLAG_LETTERS.items() if flags & flag)


def _scoped_flags(add: int, remove: int) -> str | None:
    """A group's flags as written in "(?i-s:...)"; None for one not written (ASCII, locale)."""
    if (add | remove) & ~(_UNWRITTEN_FLAGS | sum(_FLAG_LETTERS)):
        return None
    removed = _flag_letters(remove)
    return _flag_letters(add) + ("-" + removed if removed else "")
