"""kind: pattern. Regular expressions (the `regex` module, with a time limit per text).

`exceptions` are patterns for allowed wording: a finding inside one of their matches is
dropped ("not intended to diagnose, treat, cure or prevent any disease").
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..documents import Listing
from ..literals import required_literals
from ..rules import Rule
from .base import Check, CompileContext, Finding, ListingScan, text_fields

OPTIONS = frozenset(("pattern", "patterns", "ignore_case", "exceptions"))
TIMEOUT_SECONDS = 0.25


def compile_patterns(rule: Rule, sources: list[str], flags: int, option: str) -> list[regex.Pattern[str]]:
    compiled = []
    for source in sources:
        try:
            compiled.append(regex.compile(source, flags | regex.V0))
        except (regex.error, TypeError) as error:
            raise rule.error(f"invalid regular expression {source!r}: {error}", option) from None
    return compiled


def compile(rule: Rule, context: CompileContext) -> Check:
    single = context.option(rule, "pattern")
    several = list(context.option(rule, "patterns", []))
    if not single and not several:
        raise rule.error("a pattern rule needs 'pattern' or 'patterns'", "pattern")
    flags = regex.IGNORECASE if context.option(rule, "ignore_case", True) else 0
    sources = ([single] if single else []) + several
    patterns = compile_patterns(rule, [single] if single else [], flags, "pattern") + compile_patterns(rule, several, flags, "patterns")
    # None: no literal every match needs, so the pattern runs on every text
    prefilters = [_prefilter_id(context, source) for source in sources]
    exceptions = compile_patterns(rule, list(context.option(rule, "exceptions", [])), regex.IGNORECASE, "exceptions")

    def check(listing: Listing, scan: ListingScan) -> Iterator[Finding]:
        for text_field in text_fields(rule, listing):
            text = text_field.text.text
            try:
                worth = scan.literals.get(text_field.name, set())
                matches = [
                    m
                    for p, literal_id in zip(patterns, prefilters)
                    if literal_id is None or literal_id in worth
                    for m in p.finditer(text, timeout=TIMEOUT_SECONDS)
                    if m.end() > m.start()
                ]
                if not matches:
                    continue
                allowed = [m.span() for e in exceptions for m in e.finditer(text, timeout=TIMEOUT_SECONDS)]
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
                yield Finding(rule, text_field, begin, end, match.group(0))

    return check


def _prefilter_id(context: CompileContext, source: str) -> int | None:
    literals = required_literals(source)
    return None if literals is None else context.literals.add(literals)
