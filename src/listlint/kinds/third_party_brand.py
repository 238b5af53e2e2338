"""kind: third-party-brand. The brand field judged against who the seller is.

The whole brand value is compared with the names this rule knows: the terms of the
rules named in `terms_from`, the brands and names of the `ownership_file` model and,
with `brands_file`, a list of known brands. A brand that is the seller's own
(`own_brands` in the config), authorised (`authorised_brands`), of the same company
family as one of those, or licensed to one of them never fires. `brand_check` says who
is asked:

- `protected` (IPR002): only when the config names the seller's `own_brands`; a brand
  field naming a known brand that is none of the above is someone else's brand.
- `reminder` (IPR005, info): only without `own_brands`, when listlint cannot
  tell a brand owner from a reseller; a protected brand in the field is the normal
  case on Amazon and only needs the invoices or authorisation at hand. Names and brands
  of a company family the ownership model records without any source marked
  `enforcement` (Takara Tomy, Funko) are left out: nothing shows their owner pursues
  resellers.

A brand field that is not itself a known brand but starts with a protected name
("Pokemon Trading Cards", "Minnie Mouse, Mad about Minnie", "Avengers: Age of Ultron")
sells under that name: it is judged as the name, and the finding points at the name.
Only names without conditions count ("Sonic Smile Dental" and "Bluey Green Designs"
start with names that fire only beside Sonic or Bluey words).

`yields_to` names terms rules whose finding in the listing's text silences the brand
field's: IPR005's reminder to keep invoices for "Pokemon Flareon" would contradict the
IPR001 error on the same listing's "Pikachu", which says the field names no licensee.

A term marked `brand_name: false` (a look-alike spelling that is also another company's
name, such as Rubix) is never taken for a protected brand in the brand field.

In the text fields (title, bullets, ...) the rule reports the `terms_from` names the
terms kind would (see terms.py: `brand_field`, `once_per_listing`, nominative use and
attributions): IPR006 asks a listing under an established brand that neither owns nor
licenses a name to confirm its licence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice
from typing import Any

from ..ownership import brand_key, brand_keys
from ..records import Record
from ..rules import Rule
from ..textmatch import squash
from .base import Check, CompileContext, Finding, RecordScan
from .terms import name_use, own_name_use, term_findings

OPTIONS = frozenset(("brands_file", "terms_from", "skip_own_brand", "ownership_file", "brand_check", "brand_field", "once_per_listing", "yields_to"))


def compile(rule: Rule, context: CompileContext) -> Check:
    sources = list(context.option(rule, "terms_from", []))
    for code in sources:
        if code not in context.term_keys:
            raise rule.error(f"terms_from names {code}, which is not a terms rule", "terms_from")
    ownership = context.ownership(rule)
    reminder = context.option(rule, "brand_check", "protected") == "reminder"
    known: set[str] = set(ownership.enforcing if reminder else ownership.families)
    if context.option(rule, "brands_file"):
        known.update(brand_keys(tuple(context.read_list(rule, "brands_file"))))  # keyed as the field is (brand_key)
    for code in sources:
        known.update(context.term_keys[code])
    if reminder:  # a name whose owner the model records without any enforcement source is no one's to remind of
        known -= ownership.families.keys() - ownership.enforcing
    entries = list(_term_entries(context, sources))
    known -= {squash(entry["term"]) for entry in entries if isinstance(entry, dict) and entry.get("brand_name") is False}
    known.discard("")
    leading = known & _plain_names(entries)  # names a brand field may start with
    text_families = tuple(f for f in rule.fields if f != "brand")
    wanted = not reminder
    asked = bool(context.own_brands) == wanted  # protected: with own_brands; reminder: without
    seller = context.own_brands | context.authorised_brands
    allowed = ownership.family_of(seller)
    judged: dict[str, tuple[int, int] | None] = {}  # brand field text -> span of someone else's brand in it (a catalog repeats its brands)

    def someone_elses(key: str) -> bool:
        return key not in allowed and not ownership.allows(seller, key)

    def foreign(brand: str) -> tuple[int, int] | None:
        if brand in judged:
            return judged[brand]
        if len(judged) >= MAX_KEPT_BRANDS:
            judged.clear()  # an unusual catalog: start again rather than grow
        key = brand_key(brand)
        if key in known:
            span = (0, len(brand)) if someone_elses(key) else None
        else:
            span = next(((0, end) for name, end in _leading_names(brand) if name in leading), None)
            if span is not None and not someone_elses(squash(brand[: span[1]])):
                span = None
        judged[brand] = span
        return span

    use = name_use(rule, context, True, True) if text_families else None
    stronger = _stronger_rules(rule, context)

    def overruled(scan: RecordScan) -> bool:
        return any(next(term_findings(other, scan, other.code, context, other_use), None) is not None for other, other_use in stronger)

    def check(record: Record, scan: RecordScan) -> Iterator[Finding]:
        if "brand" in rule.fields and asked:
            for text_field in record.fields(("brand",)):
                text = text_field.text.text
                span = foreign(text)
                if span is not None and not overruled(scan):
                    start, end = span
                    yield Finding(rule, text_field, start, end, text[start:end], {"term": text[start:end]})
        if use is not None:
            for code in sources:
                yield from term_findings(rule, scan, code, context, use)

    if not ("brand" in rule.fields and asked):  # the brand field is read whatever the hits
        context.hit_gates[check] = frozenset(sources)
    if text_families:
        context.reads_hits(sources, rule.fields)  # term_findings reads them in all the rule's fields
    return check


MAX_KEPT_BRANDS = 4096  # brand verdicts kept per rule


def _stronger_rules(rule: Rule, context: CompileContext) -> list[tuple[Rule, Any]]:
    """The enabled terms rules of `yields_to`, each with its NameUse; their hits are read in their fields."""
    stronger = []
    for code in context.option(rule, "yields_to", []):
        other = context.rules_by_code.get(code)
        if other is None or other.kind != "terms":
            raise rule.error(f"yields_to names {code}, which is not a terms rule", "yields_to")
        if context.enabled(code):
            context.reads_hits([code], other.fields)
            stronger.append((other, own_name_use(other, context)))
    return stronger


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_LEADING_WORDS = 4  # the longest protected name is "teenage mutant ninja turtles"
_PLAIN_OPTIONS = frozenset(("term", "note"))


def _leading_names(brand: str) -> Iterator[tuple[str, int]]:
    """(squashed text, end) of the brand field's first words, longest first and never the
    whole field (brand_key judges that): "Pokemon Trading Cards" gives pokemontrading, pokemon."""
    ends = [word.end() for word in islice(_WORD.finditer(brand), _LEADING_WORDS)]  # a huge field costs no more
    if len(ends) > 1 and ends[-1] == len(brand.rstrip()):
        ends.pop()
    for end in reversed(ends):
        yield squash(brand[:end]), end


def _term_entries(context: CompileContext, codes: list[str]) -> Iterator[Any]:
    """The term entries of these terms rules (a string, or a dict with its conditions)."""
    for code in codes:
        rule = context.rules_by_code[code]
        yield from context.option(rule, "terms", [])
        if context.option(rule, "terms_file"):
            yield from context.read_list(rule, "terms_file")


def _plain_names(entries: list[Any]) -> set[str]:
    """The squashed terms that fire without conditions (no context, case or unless words):
    only such a name at the start of a brand field is the name."""
    return {squash(entry if isinstance(entry, str) else entry["term"]) for entry in entries if isinstance(entry, str) or entry.keys() <= _PLAIN_OPTIONS}
