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

In the text fields (title, bullets, ...) the rule reports the `terms_from` names the
terms kind would (see terms.py: `brand_field`, `once_per_listing`, nominative use and
attributions): IPR006 asks a listing under an established brand that neither owns nor
licenses a name to confirm its licence.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..ownership import brand_key, brand_keys
from ..records import Record
from ..rules import Rule
from .base import Check, CompileContext, Finding, RecordScan
from .terms import name_use, term_findings

OPTIONS = frozenset(("brands_file", "terms_from", "skip_own_brand", "ownership_file", "brand_check", "brand_field", "once_per_listing"))


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
    known.discard("")
    text_families = tuple(f for f in rule.fields if f != "brand")
    wanted = not reminder
    asked = bool(context.own_brands) == wanted  # protected: with own_brands; reminder: without
    seller = context.own_brands | context.authorised_brands
    allowed = ownership.family_of(seller)
    judged: dict[str, bool] = {}  # brand field text -> someone else's known brand? (a catalog repeats its brands)

    def foreign(brand: str) -> bool:
        verdict = judged.get(brand)
        if verdict is None:
            if len(judged) >= MAX_KEPT_BRANDS:
                judged.clear()  # an unusual catalog: start again rather than grow
            key = brand_key(brand)
            verdict = judged[brand] = key in known and key not in allowed and not ownership.allows(seller, key)
        return verdict

    use = name_use(rule, context, True, True) if text_families else None

    def check(record: Record, scan: RecordScan) -> Iterator[Finding]:
        if "brand" in rule.fields and asked:
            for text_field in record.fields(("brand",)):
                text = text_field.text.text
                if foreign(text):
                    yield Finding(rule, text_field, 0, len(text), text, {"term": text})
        if use is not None:
            for code in sources:
                yield from term_findings(rule, scan, code, context, use)

    if not ("brand" in rule.fields and asked):  # the brand field is read whatever the hits
        context.hit_gates[check] = frozenset(sources)
    if text_families:
        context.reads_hits(sources, rule.fields)  # term_findings reads them in all the rule's fields
    return check


MAX_KEPT_BRANDS = 4096  # brand verdicts kept per rule
