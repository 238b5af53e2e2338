"""kind: third-party-brand. Selling under, or keyword-stuffing, someone else's brand.

For the `brand` field the whole value is compared with a list of known brands (a brands
file and the terms of the rules named in `terms_from`). For other fields the hits of the
`terms_from` rules are reported. The record's own brand and the configured authorised
brands never fire.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..records import Record
from ..rules import Rule
from ..textmatch import squash
from .base import Check, CompileContext, Finding, RecordScan
from .terms import term_findings

OPTIONS = frozenset(("brands_file", "terms_from", "skip_own_brand"))


def compile(rule: Rule, context: CompileContext) -> Check:
    sources = list(context.option(rule, "terms_from", []))
    for code in sources:
        if code not in context.term_keys:
            raise rule.error(f"terms_from names {code}, which is not a terms rule", "terms_from")
    known: set[str] = set()
    if context.option(rule, "brands_file"):
        known.update(squash(b) for b in context.read_list(rule, "brands_file"))
    for code in sources:
        known.update(context.term_keys[code])
    known.discard("")
    text_families = tuple(f for f in rule.fields if f != "brand")

    def check(record: Record, scan: RecordScan) -> Iterator[Finding]:
        if "brand" in rule.fields:
            yield from _brand_field(rule, record, known, context.authorised_brands)
        if text_families:
            for code in sources:
                yield from term_findings(rule, scan, code, True, context)

    return check


def _brand_field(rule: Rule, record: Record, known: set[str], authorised: frozenset[str]) -> Iterator[Finding]:
    for text_field in record.fields(("brand",)):
        key = squash(text_field.text.text)
        if key in known and key not in authorised:
            text = text_field.text.text
            yield Finding(rule, text_field, 0, len(text), text, {"term": text})
