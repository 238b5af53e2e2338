"""kind: terms. Words and phrases found in one automaton pass (see textmatch).

Ordinary words that are also brands stay quiet through `case_sensitive`, `context`
(fire only with one of these words in the record) and `unless` (never with these).
With `skip_own_brand` a name the listing's brand (or an authorised brand) owns or
licenses under the `ownership_file` model is not reported; with `nominative_use`
"compatible with X", "for X", disclaimers and attributions ("licensed by X", "(c) X")
are not either (see nominative.py). A hit inside a longer reported hit of the same rule
is one finding; with `once_per_listing` a name is reported once per listing, at its
first place, and the message's {repeats} counts the others. `brand_field` picks the
listings a rule speaks for: `unestablished` (a missing, generic or unknown brand: who
sells a character under it has no licence to show) or `established` (a brand the
ownership model records or `brands_file` lists, which may hold a licence listlint cannot
see); see docs/ipr-review.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..lean_dataclass import lean_dataclass
from ..nominative import attributed, names_other_product
from ..ownership import EMPTY, Ownership, brand_key, brand_keys
from ..records import Record, TextField
from ..rules import Rule
from ..textmatch import Hit, same_capitalisation
from .base import Check, CompileContext, Finding, RecordScan, TermRef

_NEIGHBOURHOOD = 24  # characters read on either side of a hit for not_after / not_before

OPTIONS = frozenset(
    ("terms", "terms_file", "skip_own_brand", "ownership_file", "nominative_use", "once_per_listing", "brand_field", "brands_file")
)


@lean_dataclass(frozen=True, slots=True)
class NameUse:
    """How a rule judges the names its terms find (see the module docstring)."""

    ownership: Ownership = EMPTY
    skip_own: bool = False
    nominative: bool = False
    once: bool = False
    brand_field: str = "any"
    listed_brands: frozenset[str] = frozenset()  # brand keys of the rule's brands_file

    def speaks_for(self, key: str) -> bool:
        """Whether the rule judges a listing whose brand field has this brand_key (its `brand_field`)."""
        if self.brand_field == "any":
            return True
        established = bool(key) and (self.ownership.knows(key) or key in self.listed_brands)
        return established == (self.brand_field == "established")


def name_use(rule: Rule, context: CompileContext, skip_own: bool, nominative: bool) -> NameUse:
    """The rule's NameUse from its options (brand_field, brands_file, once_per_listing, ownership_file)."""
    brand_field = context.option(rule, "brand_field", "any")  # the ruleset schema checks the value
    listed = brand_keys(tuple(context.read_list(rule, "brands_file"))) if context.option(rule, "brands_file") else frozenset()
    once = bool(context.option(rule, "once_per_listing", False))
    return NameUse(context.ownership(rule), skip_own, nominative, once, brand_field, listed)


def own_name_use(rule: Rule, context: CompileContext) -> NameUse:
    """The NameUse of a terms rule, its skip_own_brand and nominative_use included."""
    return name_use(rule, context, bool(context.option(rule, "skip_own_brand", False)), bool(context.option(rule, "nominative_use", False)))


def compile(rule: Rule, context: CompileContext) -> Check:
    entries = list(context.option(rule, "terms", []))
    if context.option(rule, "terms_file"):
        entries.extend(context.read_list(rule, "terms_file"))
    if not entries:
        raise rule.error("a terms rule needs 'terms' or 'terms_file'", "terms")
    keys: set[str] = set()
    for entry in entries:
        ref = _term_ref(rule, context, entry)
        key = context.index.add(ref.term, ref)
        if not key:
            raise rule.error(f"term {ref.term!r} has no letters or digits; use a pattern rule", "terms")
        keys.add(key)
    context.term_keys.setdefault(rule.code, set()).update(keys)  # with its language variants
    use = own_name_use(rule, context)

    def check(record: Record, scan: RecordScan) -> Iterator[Finding]:
        yield from term_findings(rule, scan, rule.code, context, use)

    context.hit_gates[check] = frozenset([rule.code])
    context.reads_hits([rule.code], rule.fields)
    return check


def _term_ref(rule: Rule, context: CompileContext, entry: str | dict[str, Any]) -> TermRef:
    """What one entry of the rule's list means: a plain term (every line of a terms_file)
    has no conditions, so 20,000 of them compile without looking for any."""
    if isinstance(entry, str):
        return TermRef(rule.code, entry, languages=rule.languages)
    return TermRef(
        rule.code,
        entry["term"],
        bool(entry.get("case_sensitive")),
        tuple(_register_context(context, word) for word in entry.get("context", ())),
        tuple(_register_context(context, word) for word in entry.get("unless", ())),
        _neighbour_pattern(rule, entry, "not_after", "(?:{})$"),
        _neighbour_pattern(rule, entry, "not_before", "^(?:{})"),
        rule.languages,
    )


def term_findings(rule: Rule, scan: RecordScan, code: str, context: CompileContext, use: NameUse) -> Iterator[Finding]:
    """Findings for `rule` from the hits of terms rule `code`, in the rule's fields."""
    brand = brand_key(scan.record.brand) if use.skip_own or use.brand_field != "any" else ""
    if not use.speaks_for(brand):
        return
    own = context.authorised_brands | {brand} - {""} if use.skip_own else frozenset()
    families = set(rule.fields)
    kept: list[tuple[TextField, Hit, TermRef]] = []
    # Hits of a name the brand field only holds ("Pokemon" under "Pokemon Flareon"): the
    # field sells under the name, so alone they are quiet, but they are the first place of a
    # name reported elsewhere in the listing (its "Pikachu").
    borrowed: set[int] = set()
    for text_field, hit, ref in scan.hits.get(code, ()):
        if ref.languages != rule.languages:
            continue  # a term of another language variant of the rule
        if text_field.family not in families and text_field.name not in families:
            continue
        if own and (hit.key in own or use.ownership.allows(own, hit.key)):
            continue
        if own and any(hit.key in brand for brand in own):
            if not use.once:
                continue
            borrowed.add(id(hit))
        if _quiet(ref, text_field.text.text, hit, scan):
            continue
        kept.append((text_field, hit, ref))
    reported = _reported(rule, _outermost(kept), use)
    yield from _first_of_each_name(rule, reported, use.ownership, borrowed) if use.once else (finding for _, finding in reported)


def _reported(rule: Rule, hits: list[tuple[TextField, Hit, TermRef]], use: NameUse) -> Iterator[tuple[Hit, Finding]]:
    """The findings of the hits that neither name another product nor credit the owner."""
    previous: dict[int, int] = {}  # text field -> end of its last nominative name
    for text_field, hit, ref in hits:
        text = text_field.text.text
        if use.nominative and (
            names_other_product(text, hit.start, hit.end, previous.get(id(text_field)))
            or attributed(text, hit.start, hit.end, hit.key in use.ownership.makers)
        ):
            previous[id(text_field)] = hit.end
            continue
        yield hit, Finding(rule, text_field, hit.start, hit.end, text[hit.start : hit.end], {"term": ref.term})


def _first_of_each_name(rule: Rule, findings: Iterator[tuple[Hit, Finding]], ownership: Ownership, borrowed: set[int]) -> Iterator[Finding]:
    """One finding per name and listing: the first place in the order of the rule's fields
    (the title before the description), its {repeats} counting the others. Spellings of one
    name ("Hello Kitty", "HELLO-KITTY"), a name inside another ("Peppa", "Peppa Pig") and the
    names of one owner's company family ("Sonic", "Sega") count as one name: one fix. A name
    only `borrowed` from the brand field is no finding of its own."""
    rank = {family: number for number, family in enumerate(rule.fields)}
    ordered = sorted(findings, key=lambda item: rank.get(item[1].field.family, len(rank)) if item[1].field else len(rank))
    groups: dict[Any, list[tuple[Hit, Finding]]] = {}
    for hit, finding in ordered:
        key = hit.key
        group = ownership.families.get(key) or next((g for g in groups if isinstance(g, str) and (g in key or key in g)), key)
        groups.setdefault(group, []).append((hit, finding))
    for places in groups.values():
        if all(id(hit) in borrowed for hit, _ in places):
            continue
        (hit, first), *others = places
        first.args["repeats"] = _repeats(hit.key, [(h.key, f.match) for h, f in others])
        yield first


def _repeats(key: str, others: list[tuple[str, str]]) -> str:
    """The message's note on the other places a listing names what one finding reports."""
    if not others:
        return ""
    also: dict[str, str] = {}  # other name -> its first spelling ("Sonic", not also "SONIC")
    for other, match in others:
        if other != key:
            also.setdefault(other, match)
    note = f"; named {len(others)} more time{'s' if len(others) > 1 else ''} in this listing"
    return note + (f" (with {', '.join(also.values())} of the same owner)" if also else "")


def _quiet(ref: TermRef, text: str, hit: Hit, scan: RecordScan) -> bool:
    """The term's own conditions (case, neighbours, context words, unless words) keep it quiet here."""
    if ref.case_sensitive and not same_capitalisation(text[hit.start : hit.end], ref.term):
        return True
    if ref.not_after is not None and ref.not_after.search(text[max(0, hit.start - _NEIGHBOURHOOD) : hit.start]):
        return True
    if ref.not_before is not None and ref.not_before.match(text[hit.end : hit.end + _NEIGHBOURHOOD]):
        return True
    if ref.context and not any(word in scan.present for word in ref.context):
        return True
    return bool(ref.unless) and any(word in scan.present for word in ref.unless)


def _outermost(hits: list[tuple[TextField, Hit, TermRef]]) -> list[tuple[TextField, Hit, TermRef]]:
    """The hits not inside a longer hit of the same text ("Peppa" in "Peppa Pig"), in text order."""
    field_order = {id(text_field): number for number, (text_field, _, _) in reversed(list(enumerate(hits)))}
    ordered = sorted(hits, key=lambda item: (field_order[id(item[0])], item[1].start, -item[1].end))
    out: list[tuple[TextField, Hit, TermRef]] = []
    for item in ordered:
        if out and out[-1][0] is item[0] and item[1].end <= out[-1][1].end:
            continue
        out.append(item)
    return out


def _neighbour_pattern(rule: Rule, spec: dict[str, object], key: str, anchored: str) -> re.Pattern[str] | None:
    source = spec.get(key)
    if not isinstance(source, str):
        return None
    try:
        return re.compile(anchored.format(source), re.IGNORECASE)
    except re.error as error:
        raise rule.error(f"term {spec['term']!r}: {key} is not a regular expression: {error}", "terms") from None


def _register_context(context: CompileContext, word: str) -> str:
    return context.index.add_word(word)
