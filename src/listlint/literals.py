"""Required literals of a regular expression, for prefiltering.

`required_literals(source)` returns strings of which at least one occurs (lower-cased)
in every match of the pattern, or None when it cannot tell. The engine puts the
literals of every pattern into one Aho-Corasick automaton and runs a pattern only on
texts where one of its literals occurs: one pass per text instead of one regex scan per
pattern per text. Patterns the standard parser cannot read (regex-module extras such as
\\p{...}) simply always run.
"""

from __future__ import annotations

from typing import Any

try:  # Python 3.11+: the parser behind `re`
    from re import _constants as _c
    from re import _parser as _parser
except ImportError:  # pragma: no cover - older layouts
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

MIN_LENGTH = 3  # shorter literals occur almost everywhere and filter nothing
Literals = frozenset[str] | None


def required_literals(source: str) -> Literals:
    try:
        parsed = _parser.parse(source)
    except Exception:  # noqa: BLE001 - any syntax the standard parser lacks: no prefilter
        return None
    literals = _sequence(list(parsed))
    if literals is None or any(len(item) < MIN_LENGTH for item in literals):
        return None
    return literals


def _sequence(items: list[tuple[Any, Any]]) -> Literals:
    """The most selective requirement among the parts of a sequence."""
    best: Literals = None
    run = ""
    candidates: list[frozenset[str]] = []
    for op, value in items:
        if op is _c.LITERAL:
            run += chr(value).lower()
            continue
        if run:
            candidates.append(frozenset([run]))
            run = ""
        if op is _c.AT:  # \b, ^, $ take no characters
            continue
        found = _item(op, value)
        if found is not None:
            candidates.append(found)
    if run:
        candidates.append(frozenset([run]))
    for candidate in candidates:
        if best is None or min(map(len, candidate)) > min(map(len, best)):
            best = candidate
    return best


def _item(op: Any, value: Any) -> Literals:
    if op is _c.SUBPATTERN:
        return _sequence(list(value[-1]))
    if op is _c.BRANCH:
        union: set[str] = set()
        for branch in value[1]:
            found = _sequence(list(branch))
            if found is None:
                return None
            union |= found
        return frozenset(union)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _high, inner = value
        return _sequence(list(inner)) if low >= 1 else None
    return None
