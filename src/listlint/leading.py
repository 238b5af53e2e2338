"""Where a regular expression can start in a text: the places of its leading literals.

A pattern every match of which starts with one of a few literals (literals.leading_literals:
"facebook", "instagram" ...) is tried only where they occur: a scan of a long text for a
list of brands or platforms costs the regex engine tens of microseconds, matching at a
few places one or two. The matches are the same: a scan finds, from where the last match
ended, the first place where the pattern matches, and the pattern matches nowhere else.
Pattern rules (kinds/pattern.py) and contact rules (kinds/contact.py) use this.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

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
