"""kind: pattern. Regular expressions (the `regex` module, with a time limit per text).

`exceptions` are patterns for allowed wording: a finding inside one of their matches is
dropped ("not intended to diagnose, treat, cure or prevent any disease").

Patterns of the shipped rulesets are compiled on first use: the test suite compiles every
one of them, and a one-file pre-commit run then pays only for the patterns whose
literals occur in its text. A user's patterns are compiled up front, so a broken one
stops the run with its file and line.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..records import Record
from ..literals import required_literals
from ..rules import Rule
from ..visible import VisibleText
from .base import Check, CompileContext, Finding, RecordScan, text_fields

OPTIONS = frozenset(("pattern", "patterns", "ignore_case", "exceptions"))
TIMEOUT_SECONDS = 0.25
_NOTHING: frozenset[int] = frozenset()


class Pattern:
    """A regular expression compiled when first needed (at once with `eager`)."""

    __slots__ = ("source", "ignore_case", "_compiled")

    def __init__(self, source: str, ignore_case: bool) -> None:
        self.source = source
        self.ignore_case = ignore_case
        self._compiled: Any = None

    def compiled(self) -> Any:
        if self._compiled is None:
            import regex

            self._compiled = regex.compile(self.source, (regex.IGNORECASE if self.ignore_case else 0) | regex.V0)
        return self._compiled

    def finditer(self, text: str) -> Iterator[Any]:
        return self.compiled().finditer(text, timeout=TIMEOUT_SECONDS)


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
    # None: no literal every match needs, so the pattern runs on every text
    prefilters = [_prefilter_id(context, source) for source in sources]
    exceptions = compile_patterns(rule, list(context.option(rule, "exceptions", [])), True, "exceptions", eager)
    always_runs = None in prefilters
    prefiltered = frozenset(prefilters) - {None}

    def check(record: Record, scan: RecordScan) -> Iterator[Finding]:
        for text_field in text_fields(rule, record):
            worth = scan.literals.get(text_field.name, _NOTHING)
            if not always_runs and prefiltered.isdisjoint(worth):
                continue  # most texts: none of the rule's patterns has its literals there
            visible = VisibleText(text_field.text.text)  # "c\u00adures" is still a claim
            text = visible.text
            try:
                matches = [
                    m
                    for p, literal_id in zip(patterns, prefilters)
                    if literal_id is None or literal_id in worth
                    for m in p.finditer(text)
                    if m.end() > m.start()
                ]
                if not matches:
                    continue
                allowed = [m.span() for e in exceptions for m in e.finditer(text)]
            except TimeoutError:
                # this text is skipped for this rule; the engine reports LNT001
                scan.timeouts.append((rule.code, text_field.name))
                continue
            reported: list[tuple[int, int]] = []
            for match in sorted(matches, key=lambda m: (m.start(), -m.end())):
                begin, end = match.span()
                # one finding per place: overlapping patterns of a rule report once
                if any(a <= begin and end <= b for a, b in allowed) or any(a < end and begin < b for a, b in reported):
                    continue
                reported.append((begin, end))
                begin, end = visible.span(begin, end)
                yield Finding(rule, text_field, begin, end, visible.original[begin:end])

    return check


def _prefilter_id(context: CompileContext, source: str) -> int | None:
    literals = required_literals(source)
    return None if literals is None else context.literals.add(literals)
