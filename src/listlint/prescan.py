"""Optional Hyperscan prefilter for the patterns no literal can gate (issue 17).

A pattern every match of which holds a literal runs only where the Aho-Corasick pass finds
that literal (literals.py). The others ("#1 best seller", a currency amount, a text that is
only "N/A") used to run the `regex` module on every text, the largest cost of a catalog.
With the optional `hyperscan` package (`pip install listlint[fast]`) they are compiled
together into one Hyperscan database in prefilter mode, which may report a match the
pattern would not make but never misses one, and each text is scanned once in C for all
of them; the `regex` module then runs only the patterns the scan let through, so findings
are exactly those of the `regex` module alone.

The prefilter is sound only where Hyperscan and the `regex` module read text and pattern
alike, so it is used only there, and everything else runs the `regex` module as before:
- texts of printable ASCII, tabs and line breaks (the two disagree on what is a space
  among control characters, and on case and classes beyond ASCII);
- patterns the standard `re` parser reads (Python syntax), without the Python-only `{,n}`
  and without the characters that match ASCII letters when case is ignored (long s,
  Kelvin sign, dotted and dotless i);
- patterns Hyperscan compiles (a construct it lacks leaves the pattern to `regex`).
"""

from __future__ import annotations

import re
from typing import Any

from .literals import ASCII_LOOKALIKES

PLAIN_TEXT = re.compile("[\t\n\r\x20-\x7e]*")  # the texts the prefilter may judge
# Compiling the database takes a few tenths of a second, about what the `regex` module
# spends on these patterns over some 5,000 texts: a run prefilters only once it has seen
# this many texts, so a one-file run never pays for it (findings are the same either way).
WARM_UP_TEXTS = 2000


def available() -> bool:
    """Whether the hyperscan package is installed (imported only when a run warms up)."""
    from importlib.util import find_spec

    return find_spec("hyperscan") is not None


def eligible_pattern(source: str) -> bool:
    """Whether Hyperscan may read the pattern as the `regex` module does (see the module
    docstring); one it cannot compile is found when the database is built."""
    if "{," in source or ASCII_LOOKALIKES.search(source) is not None:
        return False
    from .literals import python_syntax

    return python_syntax(source)


def _flags(ignore_case: bool) -> int:
    """Byte mode: only ASCII texts are scanned, where a character beyond ASCII in a pattern
    (its UTF-8 bytes) matches nothing in either engine."""
    import hyperscan

    flags = hyperscan.HS_FLAG_PREFILTER | hyperscan.HS_FLAG_SINGLEMATCH | hyperscan.HS_FLAG_ALLOWEMPTY
    return flags | hyperscan.HS_FLAG_CASELESS if ignore_case else flags


class PatternPrefilter:
    """Patterns scanned together by Hyperscan; each keeps the prefilter id the engine gave it."""

    def __init__(self, warm_up: int | None = None) -> None:
        self._patterns: list[tuple[str, bool, int]] = []  # (source, ignore case, prefilter id)
        self._warm_up = WARM_UP_TEXTS if warm_up is None else warm_up
        self._database: Any = None  # compiled after the warm-up; never pickled
        self._unjudged: frozenset[int] = frozenset()  # ids of patterns Hyperscan could not compile

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_database": None}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def add(self, source: str, ignore_case: bool, prefilter_id: int) -> None:
        self._patterns.append((source, ignore_case, prefilter_id))

    @property
    def ids(self) -> frozenset[int]:
        return frozenset(prefilter_id for _, _, prefilter_id in self._patterns)

    def passing(self, text: str) -> set[int] | None:
        """Prefilter ids of the patterns that may match `text`; None when the prefilter
        does not judge the text (then every one of them runs)."""
        if self._database is None:
            if self._warm_up > 0:
                self._warm_up -= 1
                return None
            self._database = self._compile()
        if self._database is _NOTHING_COMPILED or PLAIN_TEXT.fullmatch(text) is None:
            return None
        found = set(self._unjudged)
        self._database.scan(text.encode("ascii"), match_event_handler=_collect, context=found)
        return found

    def _compile(self) -> Any:
        """The database of every pattern Hyperscan compiles; the others are never judged."""
        try:
            import hyperscan
        except ImportError:  # installed but not loadable (its shared library missing): no prefilter
            return _NOTHING_COMPILED

        try:
            return _database(self._patterns)
        except hyperscan.error:
            judged = [pattern for pattern in self._patterns if _compiles(pattern)]
            self._unjudged = self.ids - {prefilter_id for _, _, prefilter_id in judged}
            return _database(judged) if judged else _NOTHING_COMPILED


_NOTHING_COMPILED = object()


def _database(patterns: list[tuple[str, bool, int]]) -> Any:
    import hyperscan

    database = hyperscan.Database()
    database.compile(
        expressions=[source.encode("utf-8") for source, _, _ in patterns],
        ids=[prefilter_id for _, _, prefilter_id in patterns],
        elements=len(patterns),
        flags=[_flags(ignore_case) for _, ignore_case, _ in patterns],
    )
    return database


def _compiles(pattern: tuple[str, bool, int]) -> bool:
    import hyperscan

    try:
        _database([pattern])
    except hyperscan.error:
        return False
    return True


def _collect(prefilter_id: int, _start: int, _end: int, _flags: int, found: set[int]) -> None:
    found.add(prefilter_id)
