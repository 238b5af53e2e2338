"""The fast paths of pattern rules (kinds/pattern.py) answer exactly as the plain ones.

- Where a pattern is tried (leading.py): a long list of leading literals is found by one
  Aho-Corasick pass, a short one by a str.find per literal; both must give every index
  where one of the literals starts.
- Whether a `keep_invisible` rule's text holds one of its literals: one regex search
  (_literal_test) instead of a substring test per literal.
- Whether a pattern is worth its time-limited match at such a place: its opening
  (leading.opening_source), matched without a time limit, must match wherever the pattern does.
- Whether a pattern needs the time limit at all: one whose matching takes at most
  UNTIMED_STEPS steps (leading.attempt_steps) finds the same without it, far within it.

Each is held to the plain answer on every real listing text, every rule example and
strings hypothesis builds from the literals' own characters (overlapping literals:
"no" inside "non" inside "nonono").
"""

from __future__ import annotations

import time

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from listlint.kinds.pattern import TIMEOUT_SECONDS, Pattern, _literal_test
from listlint.literals import union_of_literals
from listlint.leading import FIND_AT_MOST, UNTIMED_STEPS, LeadingPlaces, attempt_steps, opening_source
from listlint.literals import leading_literals, parsed_pattern
from listlint.rules import load_rules
from tests.strings import corpus_texts, strings_in


def _pattern_rules() -> list:
    return [rule for base in load_rules([]) for rule in base.with_variants() if rule.kind == "pattern"]


def _sources(rule) -> list[str]:
    options = rule.options
    return ([options["pattern"]] if options.get("pattern") else []) + list(options.get("patterns", [])) + list(options.get("exceptions", []))


CORPUS_TEXTS = corpus_texts()
EXAMPLE_TEXTS = [text for rule in _pattern_rules() for text in strings_in(rule.examples)]
LONG_LEADING = sorted({literals for rule in _pattern_rules() for source in _sources(rule) if (literals := leading_literals(source)) is not None and len(literals) > FIND_AT_MOST}, key=sorted)
KEEP_INVISIBLE = [literals for rule in _pattern_rules() if rule.options.get("keep_invisible") and (literals := union_of_literals(_sources(rule))) is not None]


def _plain_places(literals: frozenset[str], lowered: str) -> list[int]:
    return [index for index in range(len(lowered)) if any(lowered.startswith(literal, index) for literal in literals)]


def _plain_holds(literals: frozenset[str], text: str) -> bool:
    caseless = all(literal.upper() == literal for literal in literals)
    searched = text if caseless else text.lower()
    return any(literal in searched for literal in literals)


def test_the_shipped_rules_have_both_kinds_of_pattern() -> None:
    assert len(LONG_LEADING) >= 5  # brand lists, claim verbs ...
    assert KEEP_INVISIBLE  # the bidi control rule
    assert len(CORPUS_TEXTS) > 2000


def test_leading_places_are_every_start_of_a_literal_on_real_text() -> None:
    short = [literals for literals in {leading_literals(source) for rule in _pattern_rules() for source in _sources(rule)} if literals is not None and len(literals) <= FIND_AT_MOST]
    assert short
    for literals in LONG_LEADING + short:
        places = LeadingPlaces(literals)
        for text in CORPUS_TEXTS + EXAMPLE_TEXTS:
            lowered = text.lower()
            assert places(lowered) == _plain_places(literals, lowered), (sorted(literals)[:5], text[:80])


@st.composite
def _literals_and_text(draw: st.DrawFn) -> tuple[frozenset[str], str]:
    literals = draw(st.frozensets(st.text("no ant", min_size=1, max_size=5), min_size=1, max_size=2 * FIND_AT_MOST))
    pieces = st.sampled_from(sorted(literals)) | st.text("no antx", max_size=3)
    return literals, "".join(draw(st.lists(pieces, max_size=30)))


@settings(max_examples=300, deadline=None)
@given(_literals_and_text())
def test_leading_places_of_overlapping_and_nested_literals(case: tuple[frozenset[str], str]) -> None:
    literals, text = case
    assert LeadingPlaces(literals)(text) == _plain_places(literals, text)


def test_one_search_answers_as_a_substring_test_per_literal_on_real_text() -> None:
    bidi = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    crafted = ["plain ASCII", "caf\u00e9", "moc.eman\u202e-pohs", "\u2067\u0627\u0644\u2069", "a\u200bb", bidi]
    for literals in KEEP_INVISIBLE:
        holds = _literal_test(literals)
        for text in CORPUS_TEXTS + EXAMPLE_TEXTS + crafted:
            assert holds(text) == _plain_holds(literals, text), (sorted(literals), text[:80])


@settings(max_examples=300, deadline=None)
@given(st.frozensets(st.text("aB\u202e\u00df.*[", min_size=1, max_size=3), min_size=1, max_size=6), st.text("aAbB\u202e\u00df\u1e9e.*[ ", max_size=40))
def test_one_search_answers_as_a_substring_test_per_literal(literals: frozenset[str], text: str) -> None:
    """Cased and caseless literals, regex metacharacters, characters whose lower case is
    another length (the capital sharp s)."""
    lowered = frozenset(literal.lower() for literal in literals)  # the rule's literals come lower-cased
    assert _literal_test(lowered)(text) == _plain_holds(lowered, text)


# The opening (leading.opening_source): where a pattern matches, its opening matches too,
# and it holds no repeat of unbounded length (it runs without a time limit).

LEADING_SOURCES = sorted({(source, bool(rule.options.get("ignore_case", True))) for rule in _pattern_rules() for source in _sources(rule) if leading_literals(source) is not None})


def _compiled(source: str, ignore_case: bool):
    import regex

    return regex.compile(source, (regex.IGNORECASE if ignore_case else 0) | regex.V0)


def _opening_misses(source: str, ignore_case: bool, texts: list[str]) -> list[tuple[str, int]]:
    """(text, place) where the pattern matches and its opening does not."""
    opening = opening_source(source)
    if opening is None:
        return []
    whole, start = _compiled(source, ignore_case), _compiled(opening, ignore_case)
    return [(text[:80], m.start()) for text in texts for m in whole.finditer(text, overlapped=True) if start.match(text, m.start()) is None]


def test_an_opening_matches_wherever_its_pattern_does_on_real_text() -> None:
    """Every place of every shipped pattern with leading literals where it matches (each
    place's first match, overlapping ones included) in every real text and rule example,
    upper-cased too."""
    texts = CORPUS_TEXTS + EXAMPLE_TEXTS + [text.upper() for text in EXAMPLE_TEXTS]
    with_opening = [(source, ignore_case) for source, ignore_case in LEADING_SOURCES if opening_source(source)]
    assert len(with_opening) > 200
    for source, ignore_case in with_opening:
        assert not _opening_misses(source, ignore_case, texts), source


def test_an_opening_has_no_repeat_of_unbounded_length() -> None:
    for source, _ in LEADING_SOURCES:
        opening = opening_source(source) or ""
        assert "*" not in opening and "+" not in opening and ",}" not in opening, (source, opening)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(LEADING_SOURCES), st.data())
def test_an_opening_matches_wherever_its_pattern_does(case: tuple[str, bool], data: st.DataObject) -> None:
    """Texts made of the pattern's own characters, its leading literals and the characters
    around words, in either case."""
    source, ignore_case = case
    literals = sorted(leading_literals(source) or ())
    pieces = st.sampled_from(literals) | st.text(sorted(set(source.lower() + source.upper() + " -.\n1")), max_size=4)
    text = "".join(data.draw(st.lists(pieces, max_size=12)))
    assert not _opening_misses(source, ignore_case, [text, text.title()])


@pytest.mark.parametrize(
    ("source", "opening"),
    [
        (r"(?i)\bships?\s+in", r"(?i:\bship(?:s){0,1}(?:[\s]){1})"),  # global flags scope the opening
        (r"\bab(?-i:C)d+e", r"\bab(?-i:C)(?:d){1}"),
        (r"(?<=x)ab(?<!\w{2,}y)c", r"(?<=x)abc"),  # a lookaround with a repeat of unbounded length left out
        (r"(a)b\1c", r"(?:a)b"),  # no backreference
        (r"(?a)\bword", None),  # ASCII classes are not written
        (r"x*abc", None),
        (r"[^.\n]{0,3}x", r"(?:[^\.\U0000000a]){0,3}x"),
    ],
)
def test_openings_of_written_patterns(source: str, opening: str | None) -> None:
    assert opening_source(source) == opening


# Patterns matched without the `regex` module's time limit (Pattern.finditer): those whose
# matching cannot take more than UNTIMED_STEPS steps (leading.attempt_steps).
BOUNDED = sorted({(source, bool(rule.options.get("ignore_case", True))) for rule in _pattern_rules() for source in _sources(rule) if attempt_steps(parsed_pattern(source)) is not None})


@pytest.mark.parametrize(
    ("source", "steps"),
    [
        ("abc", 3),
        (r"\bscene it\?", 9),
        ("(?:usd|eur|pounds)", 3 * 6),
        (r"\d{1,3}", 3 * 3),
        (r"(?:ab?){2}", 4 * 4),
        (r"(?<![\w/])n/a(?![\w/])", 5),
        (r"a\s+b", None),
        (r"a*", None),
        (r"(a)\1", None),
        (r"(?(1)a|b)", None),
        (r"(?:a{0,50}){0,50}", UNTIMED_STEPS * 1000),
    ],
)
def test_attempt_steps_of_written_patterns(source: str, steps: int | None) -> None:
    assert attempt_steps(parsed_pattern(source)) == steps


def test_many_shipped_patterns_need_no_time_limit() -> None:
    assert len(BOUNDED) > 100


def test_patterns_without_a_time_limit_match_as_with_it_on_real_text() -> None:
    """The patterns run on a whole text (no leading literals); those tried at places are
    held to a whole scan in tests/test_scan_plan.py."""
    texts = CORPUS_TEXTS + EXAMPLE_TEXTS
    checked = 0
    for source, ignore_case in [(source, ignore_case) for source, ignore_case in BOUNDED if leading_literals(source) is None]:
        pattern = Pattern(source, ignore_case)
        timed = regex.compile(source, (regex.IGNORECASE if ignore_case else 0) | regex.V0)
        for text in texts:
            expected = [m.span() for m in timed.finditer(text, timeout=TIMEOUT_SECONDS)]
            assert [m.span() for m in pattern.finditer(text)] == expected, (source, text[:80])
            checked += bool(expected)
    assert checked > 100


def test_a_pattern_without_a_time_limit_finishes_far_under_it_at_its_bound() -> None:
    """At the most steps allowed, built from the pattern's own characters (its examples'
    texts, digits and spaces repeated), a match takes a small part of the time limit."""
    filler = "".join(EXAMPLE_TEXTS[:40]) + "0123456789 .-"
    for source, ignore_case in BOUNDED:
        steps = attempt_steps(parsed_pattern(source))
        length = min(UNTIMED_STEPS // steps, 100_000)
        text = (filler * (length // len(filler) + 1))[:length]
        compiled = regex.compile(source, (regex.IGNORECASE if ignore_case else 0) | regex.V0)
        started = time.process_time()
        list(compiled.finditer(text))
        assert time.process_time() - started < TIMEOUT_SECONDS, source
