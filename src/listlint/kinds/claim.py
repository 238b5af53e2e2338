"""kind: claim. A claim form next to a word of a lexicon: "cures insomnia", "lowers blood
pressure", "tinnitus relief", "anti-anxiety", "clinically proven to relieve joint pain".

The lexicon (`conditions_file`, one entry a line, plus `conditions`) goes into the shared
term automaton, so a text is scanned once for all of it, in the squashed view that also
finds "Acid-Reflux" and "ACID REFLUX". Only where a condition occurs does the rule look at
the words around it: `before` patterns must end within the same sentence just before the
condition (at most `window` characters of other words between), `after` patterns must
start right after it. The finding spans the claim form and the condition.

`exceptions` are patterns for allowed wording, as in the pattern kind: a finding inside
one of their matches is dropped (the supplement disclaimer "not intended to diagnose,
treat, cure or prevent any disease", "dog treats for arthritis").

A lexicon is data for one language; another language adds its own file and claim forms
in a rule of its own.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate

from ..records import Record
from ..rules import Rule
from ..visible import VisibleText
from .base import Check, CompileContext, Finding, RecordScan, TermRef
from .pattern import compile_patterns, with_record_exemption

OPTIONS = frozenset(("conditions", "conditions_file", "before", "after", "window", "exceptions", "unless_record"))
_SENTENCE_END = re.compile(r"[.!?;:\n](?=\s|$)|\n")


def compile(rule: Rule, context: CompileContext) -> Check:
    conditions = list(context.option(rule, "conditions", []))
    if context.option(rule, "conditions_file"):
        conditions.extend(context.read_list(rule, "conditions_file"))
    if not conditions:
        raise rule.error("a claim rule needs 'conditions' or 'conditions_file'", "conditions")
    keys = {context.index.add(term, TermRef(rule.code, term)) for term in conditions} - {""}
    context.term_keys[rule.code] = keys
    window = int(context.option(rule, "window", 40))
    before = _joined(rule, context, "before", rf"(?s:.*)\b((?:{{}})(?:\W+[^.!?;\n]{{{{0,{window}}}}}?)?\W*)$")
    after = _joined(rule, context, "after", r"\W{{0,2}}(?:{})")
    if before is None and after is None:
        raise rule.error("a claim rule needs 'before' or 'after' patterns", "before")
    exceptions = compile_patterns(rule, list(context.option(rule, "exceptions", [])), True, "exceptions", not rule.shipped)
    families = set(rule.fields)

    def check(record: Record, scan: RecordScan) -> Iterator[Finding]:
        last_end: dict[str, int] = {}  # per field: hits come in text order, so findings do too
        allowed: dict[str, _Spans | None] = {}  # per field, found once; None: timed out
        for text_field, hit, _ref in scan.hits.get(rule.code, ()):
            if text_field.family not in families and text_field.name not in families:
                continue
            text = text_field.text.text
            span = _claim_span(text, hit.start, hit.end, before, after, window)
            if span is None:
                continue
            if span[0] < last_end.get(text_field.name, -1):
                continue  # "high blood pressure" and "blood pressure": one finding
            if text_field.name not in allowed:
                allowed[text_field.name] = _allowed_spans(exceptions, text, scan, rule.code, text_field.name)
            spans = allowed[text_field.name]
            if spans is None or spans.cover(*span):
                continue
            last_end[text_field.name] = span[1]
            yield Finding(rule, text_field, span[0], span[1], text[span[0] : span[1]])

    check = with_record_exemption(rule, context, check)
    context.hit_gates[check] = frozenset([rule.code])
    context.reads_hits([rule.code], rule.fields)
    return check


class _Spans:
    """Spans of allowed wording, asked whether one covers [begin, end) in log time: a long
    text may hold thousands of findings and thousands of exception matches."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans.sort()
        self._starts = [a for a, _b in spans]
        self._furthest = list(accumulate((b for _a, b in spans), max))  # furthest end among spans starting so far

    def cover(self, begin: int, end: int) -> bool:
        count = bisect_right(self._starts, begin)
        return count > 0 and self._furthest[count - 1] >= end


def _allowed_spans(exceptions: list, text: str, scan: RecordScan, code: str, field_name: str) -> _Spans | None:
    """Spans of the exceptions' matches in a text; None when they ran out of time (the engine reports LNT001)."""
    try:
        return _Spans([m.span() for e in exceptions for m in e.finditer(text)])
    except TimeoutError:
        scan.timeouts.append((code, field_name))
        return None


def _joined(rule: Rule, context: CompileContext, option: str, template: str) -> re.Pattern[str] | None:
    """The option's patterns as one case-insensitive regex inside `template`."""
    sources = list(context.option(rule, option, []))
    if not sources:
        return None
    try:
        return re.compile(template.format("|".join(f"(?:{source})" for source in sources)), re.IGNORECASE)
    except re.error as error:
        raise rule.error(f"invalid regular expression in {option}: {error}", option) from None


def _claim_span(text: str, start: int, end: int, before: re.Pattern[str] | None, after: re.Pattern[str] | None, window: int) -> tuple[int, int] | None:
    """[begin, end) of claim form plus condition, or None when no claim form is next to it.
    The words around the condition are read without invisible characters ("c\u00adures")."""
    if before is not None:
        # the stretch before the condition, cut at the last sentence end: a claim form
        # never reaches across sentences
        head_start = max(0, start - window - 60)
        head = VisibleText(text[head_start:start])
        cut = max((m.end() for m in _SENTENCE_END.finditer(head.text)), default=0)
        match = before.match(head.text, cut)  # the greedy start finds the nearest claim form
        if match is not None:
            return head_start + head.span(match.start(1), match.start(1) + 1)[0], end
    if after is not None:
        tail = VisibleText(text[end : end + 60])
        match = after.match(tail.text)
        if match is not None and (match.end() == len(tail.text) or not tail.text[match.end()].isalnum()):
            return start, end + tail.span(match.end() - 1, match.end())[1]
    return None
