"""kind: terms. Words and phrases found in one automaton pass (see textmatch).

Ordinary words that are also brands stay quiet through `case_sensitive`, `context`
(fire only with one of these words in the record) and `unless` (never with these).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..records import Record
from ..rules import Rule
from ..textmatch import same_capitalisation
from .base import Check, CompileContext, ContextRef, Finding, RecordScan, TermRef

OPTIONS = frozenset(("terms", "terms_file", "skip_own_brand"))


def compile(rule: Rule, context: CompileContext) -> Check:
    entries = list(context.option(rule, "terms", []))
    if context.option(rule, "terms_file"):
        entries.extend(context.read_list(rule, "terms_file"))
    if not entries:
        raise rule.error("a terms rule needs 'terms' or 'terms_file'", "terms")
    keys: set[str] = set()
    for entry in entries:
        spec = {"term": entry} if isinstance(entry, str) else entry
        ref = TermRef(
            rule.code,
            spec["term"],
            bool(spec.get("case_sensitive")),
            tuple(_register_context(context, word) for word in spec.get("context", ())),
            tuple(_register_context(context, word) for word in spec.get("unless", ())),
            rule.languages,
        )
        key = context.index.add(spec["term"], ref)
        if not key:
            raise rule.error(f"term {spec['term']!r} has no letters or digits; use a pattern rule", "terms")
        keys.add(key)
    context.term_keys.setdefault(rule.code, set()).update(keys)  # with its language variants
    skip_own = bool(context.option(rule, "skip_own_brand", False))

    def check(record: Record, scan: RecordScan) -> Iterator[Finding]:
        yield from term_findings(rule, scan, rule.code, skip_own, context)

    return check


def term_findings(rule: Rule, scan: RecordScan, code: str, skip_own: bool, context: CompileContext) -> Iterator[Finding]:
    """Findings for `rule` from the hits of terms rule `code`, in the rule's fields."""
    own = scan.own_brands(context.authorised_brands) if skip_own else frozenset()
    families = set(rule.fields)
    for text_field, hit, ref in scan.hits.get(code, ()):
        if ref.languages != rule.languages:
            continue  # a term of another language variant of the rule
        if text_field.family not in families and text_field.name not in families:
            continue
        if own and any(hit.key == brand or hit.key in brand for brand in own):
            continue
        matched = text_field.text.text[hit.start : hit.end]
        if ref.case_sensitive and not same_capitalisation(matched, ref.term):
            continue
        if ref.context and not any(word in scan.present for word in ref.context):
            continue
        if ref.unless and any(word in scan.present for word in ref.unless):
            continue
        yield Finding(rule, text_field, hit.start, hit.end, matched, {"term": ref.term})


def _register_context(context: CompileContext, word: str) -> str:
    return context.index.add(word, ContextRef(word))
