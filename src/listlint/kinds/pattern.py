"""kind: pattern. Regular expressions (the `regex` module, with a time limit per text and a
time budget per rule and file: kinds/base.py TimeBudget, LNT001).

`exceptions` are patterns for allowed wording: a finding inside one of their matches is
dropped ("not intended to diagnose, treat, cure or prevent any disease").

Patterns match the text without invisible characters ("c\u00adures" is still a claim),
except with `keep_invisible: true`, for rules about those characters themselves.

`unless_record` are patterns for what a record says of itself that makes the rule's
findings allowed wording: a record whose title, bullets or description matches one has
none ("【第2類医薬品】" declares a licensed medicine, which may state the indications it was
approved for). They are looked for only once the rule has a finding in the record.

With `one_per_sentence: true`, a rule's findings in one sentence are one finding, from the
first offending words to the last: "£1.00 P&H under £10.00, £2.00 - £3.50 ... Free P&H" is
one postage statement, not eight.

Patterns of the shipped rulesets are compiled on first use: the test suite compiles every
one of them, and a one-file pre-commit run then pays only for the patterns whose
literals occur in its text. A user's patterns are compiled up front, so a broken one
stops the run with its file and line.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from typing import Any

from .. import prescan
from ..compiled import REGEX_IGNORECASE, REGEX_V0, REGEXES
from ..facts import INVISIBLE_CHARACTER
from ..records import Record
from ..leading import UNTIMED_STEPS, LeadingPlaces, attempt_steps, matches_at, opening_of, opening_source
from ..literals import leading_literals, leading_literals_of, parsed_pattern, required_literal_sets, required_literals, union_of_literals
from ..textmatch import lower_for_ascii_words
from ..rules import Rule
from ..visible import INVISIBLE, VisibleText
from .base import Check, CompileContext, Finding, RecordScan, text_fields

OPTIONS = frozenset(("pattern", "patterns", "ignore_case", "exceptions", "unless_record", "keep_invisible", "one_per_sentence"))
# where `unless_record` patterns are looked for: what the page shows, not the hidden search terms
DECLARING_FIELDS = ("title", "bullets", "description")
TIMEOUT_SECONDS = 0.25
# Compiling a pattern's opening (leading.py) costs the `regex` module about as much as this
# many time-limited matches at places: a pattern tried at fewer in a run never compiles it
OPENING_AFTER = 64
_NOTHING: frozenset[int] = frozenset()
_ONE_PROPERTY = re.compile(r"\\[pP]\{[^{}\\]+\}")  # \p{Extended_Pictographic}: one character with a Unicode property
# where a sentence or clause ends: a full stop, "!", "?" or ";" before a space or the end
# (not the point of "£1.00"), a line break or a bullet sign
_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)|[。！？\n•]")


class Pattern:
    """A regular expression compiled when first needed (at once with `eager`)."""

    __slots__ = ("source", "ignore_case", "_compiled", "_beyond_ascii", "_leading", "_opening_source", "_opening", "_places_before_opening", "_steps")

    def __init__(self, source: str, ignore_case: bool) -> None:
        self.source = source
        self.ignore_case = ignore_case
        self._compiled: Any = None
        self._beyond_ascii: bool | None = None  # see may_match
        self._leading: LeadingPlaces | None | bool = False  # see finditer; False: not yet worked out (_read)
        self._steps: int | None = None  # see finditer (_read)
        self._opening_source: str | None = None  # see finditer
        self._opening: Any = None  # compiled once the pattern has been tried at OPENING_AFTER places
        self._places_before_opening = OPENING_AFTER

    def may_match(self, text: str) -> bool:
        """False when the text cannot hold a match: an ASCII text, for a pattern that is one
        Unicode property no ASCII character has (\\p{Extended_Pictographic}), so that every
        match is a character beyond ASCII. Patterns without literals run on every text, and
        this spares most texts the emoji patterns."""
        return not (text.isascii() and self.beyond_ascii())

    def beyond_ascii(self) -> bool:
        """Whether every match is a character beyond ASCII (see may_match)."""
        if self._beyond_ascii is None:
            self._beyond_ascii = _ONE_PROPERTY.fullmatch(self.source) is not None and not any(self.compiled().fullmatch(chr(code)) for code in range(128))
        return self._beyond_ascii

    def compiled(self) -> Any:
        if self._compiled is None:
            self._compiled = self._compile(self.source)
        return self._compiled

    def _compile(self, source: str) -> Any:
        return REGEXES.compile(source, (REGEX_IGNORECASE if self.ignore_case else 0) | REGEX_V0)

    def finditer(self, text: str, timeout: float = TIMEOUT_SECONDS) -> Iterator[Any]:
        """The pattern's matches in the text, tried only where one of its leading literals
        starts when it has them (leading.py), and there only where its opening matches:
        the `regex` module's time limit costs a match a few microseconds, its opening's
        untimed match a fraction of one. A pattern whose matching at every place it is
        tried takes at most UNTIMED_STEPS steps in all (leading.attempt_steps) cannot run
        out of time and is matched without the limit."""
        if self._leading is False:
            self._read()
        steps = self._steps
        lowered = lower_for_ascii_words(text) if self._leading is not None else None
        if lowered is None:  # no such literals, or a look-alike that ignored case matches with an ASCII letter
            if steps is not None and steps * (len(text) + 1) <= UNTIMED_STEPS:
                return self.compiled().finditer(text)
            return self.compiled().finditer(text, timeout=timeout)
        places = self._leading(lowered)
        compiled, opening = self.compiled(), self._opening_after(len(places))
        untimed = steps is not None and steps <= UNTIMED_STEPS
        deadline = time.perf_counter() + timeout

        def match_at(place: int) -> Any:
            left = deadline - time.perf_counter()
            if left <= 0:  # checked at every place: a long text may have millions of them
                raise TimeoutError("regex timed out")
            if opening is not None and opening.match(text, place) is None:
                return None
            return compiled.match(text, place) if untimed else compiled.match(text, place, timeout=left)

        return matches_at(match_at, places)

    def _read(self) -> None:
        """Works out from one parse of the source where the pattern is tried and whether it needs a time limit."""
        parsed = parsed_pattern(self.source)
        literals = leading_literals_of(parsed)
        self._leading = LeadingPlaces(literals) if literals is not None else None
        self._opening_source = opening_of(parsed) if literals is not None else None
        self._steps = attempt_steps(parsed)

    def _opening_after(self, places: int) -> Any:
        """The compiled opening, once the pattern has been tried at OPENING_AFTER places
        (before, None: each place gets the time-limited match)."""
        if self._opening is None and self._opening_source is not None:
            self._places_before_opening -= places
            if self._places_before_opening <= 0:
                self._opening = self._compile(self._opening_source)
        return self._opening


def compile_patterns(rule: Rule, sources: list[str], ignore_case: bool, option: str, eager: bool = True) -> list[Pattern]:
    patterns = [Pattern(source, ignore_case) for source in sources]
    if eager:
        import regex

        for pattern in patterns:
            try:
                pattern.compiled()
            except (regex.error, TypeError) as error:
                raise rule.error(f"invalid regular expression {pattern.source!r}: {error}", option) from None
    return patterns


def compile(rule: Rule, context: CompileContext) -> Check:
    single = context.option(rule, "pattern")
    several = list(context.option(rule, "patterns", []))
    if not single and not several:
        raise rule.error("a pattern rule needs 'pattern' or 'patterns'", "pattern")
    ignore_case = bool(context.option(rule, "ignore_case", True))
    eager = not rule.shipped
    sources = ([single] if single else []) + several
    patterns = compile_patterns(rule, [single] if single else [], ignore_case, "pattern", eager) + compile_patterns(rule, several, ignore_case, "patterns", eager)
    keep_invisible = bool(context.option(rule, "keep_invisible", False))
    one_per_sentence = bool(context.option(rule, "one_per_sentence", False))
    # None: no literal every match needs, so the pattern runs on every text. The engine looks
    # for literals in the text without invisible characters; a rule that keeps them looks
    # for its own literals in the text as written.
    prefilters = [None if keep_invisible else _prefilter_id(context, source, ignore_case) for source in sources]
    literals = union_of_literals(sources) if keep_invisible else None
    holds_literal = _literal_test(literals) if literals is not None else None
    exceptions = compile_patterns(rule, list(context.option(rule, "exceptions", [])), True, "exceptions", eager)
    always_runs = None in prefilters
    prefiltered = frozenset(prefilters) - {None}
    by_prefilter = {literal_id: p for p, literal_id in zip(patterns, prefilters) if literal_id is not None}  # ids rise in pattern order
    unfiltered = [p for p, literal_id in zip(patterns, prefilters) if literal_id is None]

    def check(record: Record, scan: RecordScan) -> Iterator[Finding]:
        if scan.budget.exhausted(rule.code):
            return  # out of time on an earlier text of this file: LNT001 said so once
        for text_field in text_fields(rule, record):
            worth = scan.literals.get(text_field.name, _NOTHING)
            if not always_runs and prefiltered.isdisjoint(worth):
                continue  # most texts: none of the rule's patterns has its literals there
            if holds_literal is not None and not holds_literal(text_field.text.text):
                continue
            # without invisible characters "c\u00adures" is still a claim
            visible = VisibleText.as_written(text_field.text.text) if keep_invisible else VisibleText(text_field.text.text)
            text = visible.text
            try:
                with scan.budget.charged(rule.code, TIMEOUT_SECONDS) as timeout:
                    # only the patterns worth running: a rule may have dozens, a text needs few
                    runs = [by_prefilter[literal_id] for literal_id in sorted(prefiltered.intersection(worth))] + [p for p in unfiltered if p.may_match(text)]
                    matches = [m for p in runs for m in p.finditer(text, timeout) if m.end() > m.start()]
                    allowed = [m.span() for e in exceptions for m in e.finditer(text, timeout)] if matches else []
            except TimeoutError:
                scan.budget.run_out(rule.code)
                matches, allowed = [], []
            spans = _one_per_place(matches, allowed)
            for begin, end in _one_per_sentence(spans, text) if one_per_sentence else spans:
                begin, end = visible.span(begin, end)
                yield Finding(rule, text_field, begin, end, visible.original[begin:end])
            if scan.budget.exhausted(rule.code):
                # the rule is skipped for the rest of this file; the engine reports LNT001 once
                scan.timeouts.append((rule.code, text_field.name))
                return

    check = with_record_exemption(rule, context, check)
    if not always_runs:
        context.literal_gates[check] = prefiltered
    elif literals and all(INVISIBLE.search(literal) for literal in literals):
        context.literal_gates[check] = frozenset((INVISIBLE_CHARACTER,))  # the bidi rule: not called on a record without one
    return check


def with_record_exemption(rule: Rule, context: CompileContext, check: Check) -> Check:
    """The check, quiet on a record that its rule's `unless_record` patterns find in (see
    the module docstring); the check itself when the rule has none. Compile the gates of
    the check this returns."""
    patterns = compile_patterns(rule, list(context.option(rule, "unless_record", [])), True, "unless_record", not rule.shipped)
    if not patterns:
        return check

    def declared(record: Record) -> bool:
        texts = [VisibleText(text_field.text.text).text for text_field in record.fields(DECLARING_FIELDS)]
        try:
            return any(next(p.finditer(text), None) is not None for p in patterns for text in texts)
        except TimeoutError:
            return False  # undecided: the findings stand

    def exempting(record: Record, scan: RecordScan) -> Iterator[Finding]:
        findings = iter(check(record, scan))
        first = next(findings, None)
        if first is None or declared(record):
            return
        yield first
        yield from findings

    return exempting


def scan_plan(rule: Rule) -> list[str]:
    """How the engine scans a pattern rule (for `listlint explain`): each pattern runs
    only on the texts holding one literal of each of its required sets (the first set found
    for every rule at once by one scan of each text: Hyperscan's literal database with
    listlint[fast], else an Aho-Corasick pass; the others by substring tests), or, when it
    requires none, on the texts Hyperscan's scan of its scan form lets through, or on every
    text; a rule all of whose patterns require literals is not called on other records."""
    sources = ([rule.options["pattern"]] if rule.options.get("pattern") else []) + list(rule.options.get("patterns", []))
    keep_invisible = bool(rule.options.get("keep_invisible", False))
    hyperscan = prescan.available()
    lines = []
    for source in sources:
        required = required_literal_sets(source)
        if required is not None and keep_invisible:
            runs = f"only on texts holding {_listed(union_of_literals([source]) or frozenset())}, as written (a substring test)"
        elif required is not None:
            scan = "Hyperscan literal scan; Aho-Corasick on texts it does not judge" if hyperscan else "Aho-Corasick pass"
            runs = f"only on texts holding {' and '.join(map(_listed, required))}, without invisible characters ({scan})"
        elif keep_invisible:
            runs = "on every text (no literal that every match needs)"
        elif Pattern(source, True).beyond_ascii():
            runs = "only on texts with a character beyond ASCII (every match is one)"
        elif hyperscan and prescan.eligible_pattern(source):
            runs = "no literal that every match needs: on the texts a Hyperscan scan of its scan form lets through (lookarounds dropped, characters beyond ASCII read by their class), and on every text with a look-alike of an ASCII letter"
        else:
            runs = f"on every text (no literal that every match needs{'' if hyperscan else '; with listlint[fast], Hyperscan may prefilter it'})"
        lines.append(f"{source!r}: {runs}{_where_tried(source)}")
    if not keep_invisible and all(required_literals(source) is not None for source in sources):
        lines.append("the rule is not called on a record none of whose texts holds one of these literals")
    return lines


def _where_tried(source: str) -> str:
    """Where in such a text the pattern is tried (Pattern.finditer), and whether with the
    time limit, for scan_plan."""
    steps = attempt_steps(parsed_pattern(source))
    literals = leading_literals(source)
    if literals is None:
        longest = UNTIMED_STEPS // steps - 1 if steps is not None else 0
        return "; tried at every place of the text" + (f", without a time limit in texts of up to {longest} characters (at most {steps} steps a place)" if longest > 0 else "")
    opening = opening_source(source)
    checked = f", and there only where its opening {opening!r} matches (no time limit)" if opening is not None else ""
    untimed = f", without a time limit (at most {steps} steps a place)" if steps is not None and steps <= UNTIMED_STEPS else ""
    return f"; tried only where {_listed(literals)} starts{checked}{untimed}"


def _listed(literals: frozenset[str]) -> str:
    shown = sorted(literals)
    return repr(shown[0]) if len(shown) == 1 else "one of " + ", ".join(map(repr, shown))


def _one_per_place(matches: list[Any], allowed: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The spans to report, in order: overlapping matches of a rule's patterns report once
    (the earliest, longest first), and a match inside an exception's match not at all.

    Linear after sorting: reported spans never overlap, so a match overlaps one of them
    exactly when it starts before the last one ends; and matches come in order of their
    start, so the exceptions that start at or before a match are taken in once, keeping
    the furthest end among them."""
    allowed.sort()
    next_allowed = 0
    allowed_until = -1  # the furthest end of an exception starting at or before the match
    reported_until = -1
    for match in sorted(matches, key=lambda m: (m.start(), -m.end())):
        begin, end = match.span()
        while next_allowed < len(allowed) and allowed[next_allowed][0] <= begin:
            allowed_until = max(allowed_until, allowed[next_allowed][1])
            next_allowed += 1
        if end <= allowed_until or begin < reported_until:
            continue
        reported_until = end
        yield begin, end


def _one_per_sentence(spans: Iterator[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """The spans, those in one sentence joined into one from the first's start to the
    last's end (the spans come in order and do not overlap)."""
    joined: list[tuple[int, int]] = []
    for begin, end in spans:
        if joined and _SENTENCE_END.search(text, joined[-1][1], begin) is None:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((begin, end))
    return joined


def _literal_test(literals: frozenset[str]) -> Callable[[str], bool]:
    """Whether a text holds one of the (lower-cased) literals. Texts are lower-cased only
    for literals with a case: symbols and invisible characters are looked for as written."""
    caseless = all(literal.upper() == literal for literal in literals)
    beyond_ascii = all(not literal.isascii() for literal in literals)  # an ASCII text holds none
    # one scan in C for all of them rather than a substring test each: the bidi rule looks
    # for nine characters in every text beyond ASCII
    any_literal = re.compile("|".join(map(re.escape, sorted(literals))))

    def holds(text: str) -> bool:
        if beyond_ascii and text.isascii():
            return False
        searched = text if caseless else text.lower()
        return any_literal.search(searched) is not None

    return holds


def _prefilter_id(context: CompileContext, source: str, ignore_case: bool) -> int | None:
    """The id under which the engine reports that the pattern is worth running on a text:
    one of its literals is there, or the Hyperscan prefilter lets the text through
    (prescan.py); None: it runs on every text."""
    required = required_literal_sets(source)
    if required is not None:
        return context.literals.add_all(required)
    return context.literals.add_pattern(source, ignore_case)
