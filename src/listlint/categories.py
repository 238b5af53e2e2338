"""Product categories as data: recognition and requirements (rulesets/categories.yaml).

A category says how a listing is recognised (Amazon product types, attribute
conditions, title/bullet keywords as a fallback when the product type is missing,
generic or one no category names) and, per marketplace, what is required: documents
(certificate types, checked by the CRT rules), listing attributes (CRT), packaging
markings, warnings and fields (PKG), or that the product cannot be sold there; a
requirement may be dated (valid_from / valid_until, measured at --as-of).
`Catalog.match(record)` answers which categories apply and why ("product_type
HEADPHONES", "keyword 'bluetooth' at 3:18"), the reason every CRT/PKG diagnostic gives.
A category found by keywords alone, or by a product type that only suggests it, is
probable (`Reason.certain` False): its requirements are reported as warnings, never
errors. So is a requirement whose age condition (`age_below`, `age_from`) is decided by the
age the listing's text states, when the listing has none of the age attributes it reads
(stated_ages.py): the finding points at the age statement.

The file is checked against data/categories.schema.json when loaded, and its references
(document types, markings, source ids, category ids, regexes) are checked too: a broken
categories file is a RulesetError (exit 2) at its line. Category files are
`rulesets/categories/categories.yaml` (shipped) and `*.categories.yaml` named under the config's `rulesets`;
a user category with the id of a shipped one replaces it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import field
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, TypeVar

from .lean_dataclass import lean_dataclass
from .compiled import REGEXES, LazyRegex
from .shipped import data_json, rulesets_folder
from .errors import RulesetError
from .laser_rating import CLASS_RANKS, LaserLimit, limit_of
from .leading import LeadingPlaces, matches_at
from .literals import KNOWN as KNOWN_LITERAL_SETS  # filled from the shipped file's mirror
from .literals import leading_literals, required_literal_sets, required_literals, union_of_literals
from .locations import SourceText
from .records import EU_MARKETPLACES, Certificate, Record, TextField
from .rules import is_category_file
from .safeio import read_text
from .stated_ages import StatedAge, stated_age
from .textmatch import is_japanese, lower_for_ascii_words
from .tree import Node

_T = TypeVar("_T")
_NONE: frozenset[str] = frozenset()

ALL_MARKETPLACES = ("US", "CA", "MX", "UK", *EU_MARKETPLACES, "JP", "AU")
FIRM = ("official", "regulator")
KEYWORD_FAMILIES = ("title", "bullets")  # the texts that name the product: every keyword counts there
# texts that describe it, and mention much else ("batteries not included", "suitable for
# children"): only the keywords marked `describes` count there
DESCRIBING_FAMILIES = ("description", "search_terms")
RECOGNITION_FAMILIES = (*KEYWORD_FAMILIES, *DESCRIBING_FAMILIES)


@lean_dataclass(frozen=True, slots=True)
class Source:
    id: str
    url: str
    as_of: str
    strength: str
    title: str = ""


@lean_dataclass(slots=True)
class Condition:
    attribute: str
    pattern: Any = None  # a regex, compiled on first use
    age_below: float | None = None
    age_from: float | None = None
    top: str = field(init=False, repr=False)  # the top-level attribute (battery of battery.chemistry)

    def __post_init__(self) -> None:
        self.top = self.attribute.split(".")[0]

    @property
    def reads_age(self) -> bool:
        return self.age_below is not None or self.age_from is not None

    def holds(self, record: Record) -> Node | None:
        """The attribute value that satisfies the condition, or None."""
        if self.top not in record.attributes:  # most listings: a quick no, without walking values
            return None
        for node in attribute_values(record, self.attribute):
            text = _as_text(node.value)
            if text is None:
                continue
            if self.pattern is not None and not self.pattern.search(text):
                continue
            if not self._age_fits(node.value):
                continue
            return node
        return None

    def _age_fits(self, value: Any) -> bool:
        if not self.reads_age:
            return True
        age = youngest_age(value)
        return age is not None and self.age_fits(age)

    def age_fits(self, age: float) -> bool:
        """Whether an age (years) meets the condition's bounds."""
        return (self.age_below is None or age < self.age_below) and (self.age_from is None or age >= self.age_from)

    def bounds(self) -> str:
        """'under 6', '13 or over', '3 or over and under 6'."""
        parts = ([f"{self.age_from:g} or over"] if self.age_from is not None else []) + ([f"under {self.age_below:g}"] if self.age_below is not None else [])
        return " and ".join(parts)


@lean_dataclass(slots=True)
class AgeEvidence:
    """An age read from the listing's text that decided an age condition of a requirement,
    the record having none of the attributes the conditions read: probable evidence, so the
    requirement is reported as a warning, at the statement. `lifts`: it meets an `unless`
    condition (the requirement would not apply, were the statement right)."""

    statement: StatedAge
    condition: Condition
    lifts: bool
    attributes: tuple[str, ...]  # the age attributes the requirement reads, none of which the record has

    def explain(self) -> str:
        statement = self.statement
        bounds = f"{self.condition.bounds()} would exempt it" if self.lifts else self.condition.bounds()
        return f"the text states age {statement.years:g} ({statement.text!r} at {statement.place()}): {bounds}; no {' or '.join(self.attributes)} attribute gives the age"

    def reason(self) -> Reason:
        """Where a finding it decided points: the age statement."""
        statement = self.statement
        return Reason(f"age statement {statement.text!r} at {statement.place()}", field=statement.field, begin=statement.begin, end=statement.end, match=statement.text, certain=False)


@lean_dataclass(slots=True)
class Requirement:
    category: Category
    marketplaces: tuple[str, ...]
    sources: tuple[Source, ...]
    note: str = ""
    documents: tuple[str, ...] = ()
    directives: tuple[str, ...] = ()
    standards: tuple[str, ...] = ()
    attributes: tuple[str, ...] = ()
    markings: tuple[str, ...] = ()
    packaging_field: str = ""
    warning: dict[str, Any] | None = None
    when: tuple[Condition, ...] = ()
    unverified: bool = False
    unless: tuple[Condition, ...] = ()
    prohibited: bool = False
    valid_from: str = ""
    valid_until: str = ""
    laser_above: LaserLimit | None = None  # holds only when the listing states a class or power beyond this
    except_product_types: frozenset[str] = frozenset()  # product types the law exempts (hats from care labels)
    conditional: bool = field(init=False, default=False)  # False: holds on every record (no conditions)
    # the attributes its age conditions read: when a record has none, an age its text states decides them
    age_attributes: tuple[str, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        self.conditional = bool(self.when or self.unless or self.laser_above is not None or self.except_product_types)
        self.age_attributes = tuple(dict.fromkeys(condition.top for condition in (*self.when, *self.unless) if condition.reads_age))

    @property
    def firm(self) -> bool:
        """Backed by Amazon's or a regulator's own text: an error; otherwise a warning."""
        return not self.unverified and any(s.strength in FIRM for s in self.sources)

    @property
    def what(self) -> str:
        if self.prohibited:
            return "prohibited"
        if self.documents:
            return "document"
        if self.attributes:
            return "attribute"
        if self.markings:
            return "marking"
        if self.warning is not None:
            return "warning"
        return "packaging_field"

    def label(self) -> str:
        """FCC_ID, 'UKCA_DOC or EU_DOC', 'EU_DOC (RED)' ..."""
        if self.documents:
            text = " or ".join(self.documents)
            extra = list(self.directives) or ([f"one of {', '.join(self.standards)}"] if len(self.standards) > 1 else list(self.standards))
            return f"{text} ({'; '.join(extra)})" if extra else text
        if self.attributes:
            return " or ".join(self.attributes)
        if self.markings:
            return " or ".join(self.markings)
        if self.warning is not None:
            return f"{self.warning['id']} warning"
        if self.prohibited:
            return "not for sale"
        return self.packaging_field

    def in_force(self, day: str) -> bool:
        """Whether the requirement applies on DAY (YYYY-MM-DD): dated rules switch on and off by --as-of."""
        return (not self.valid_from or self.valid_from <= day) and (not self.valid_until or day <= self.valid_until)

    def decide(self, record: Record) -> tuple[bool, AgeEvidence | None]:
        """Whether the record meets the requirement's conditions (when, unless, laser class,
        exempt product types), and the age read from its text that decided an age condition
        when one did (then the answer is probable); its marketplaces and dates are another
        question (RequirementPlan). An age attribute, when the record has one, decides alone."""
        if self.except_product_types and record.product_type.strip() in self.except_product_types:
            return NOT_HELD
        if self.laser_above is not None and self.laser_above.passed(record) is None:
            return NOT_HELD
        statement = stated_age(record) if self.age_attributes and record.attributes.keys().isdisjoint(self.age_attributes) else None
        evidence = None
        # plain loops: asked of every listing in a category, where a generator costs more than the test
        for condition in self.when:
            if statement is not None and condition.reads_age:
                if not condition.age_fits(statement.years):
                    return NOT_HELD
                evidence = AgeEvidence(statement, condition, False, self.age_attributes)
            elif condition.holds(record) is None:
                return NOT_HELD
        for condition in self.unless:
            if statement is not None and condition.reads_age:
                if evidence is None and condition.age_fits(statement.years):
                    evidence = AgeEvidence(statement, condition, True, self.age_attributes)
            elif condition.holds(record) is not None:
                return NOT_HELD
        return True, evidence

    def reported(self, record: Record, firm: bool, certain: bool) -> tuple[bool, AgeEvidence | None]:
        """Whether a check of strength FIRM reports the requirement on a record of a category
        found CERTAIN or not, and the age evidence that decided it: firm for a requirement
        backed by Amazon's or the law's own text on a certain category, decided without the
        text's age; weak otherwise."""
        held, evidence = self.decide(record) if self.conditional else HELD
        return held and (self.firm and certain and evidence is None) == firm, evidence

    def dates(self) -> str:
        """' (from 2026-07-08)', ' (until 2025-12-31)' or ''."""
        parts = ([f"from {self.valid_from}"] if self.valid_from else []) + ([f"until {self.valid_until}"] if self.valid_until else [])
        return f" ({', '.join(parts)})" if parts else ""

    def citation(self) -> str:
        return "; ".join(s.url for s in self.sources)


NOT_HELD: tuple[bool, AgeEvidence | None] = (False, None)
HELD: tuple[bool, AgeEvidence | None] = (True, None)


@lean_dataclass(slots=True)
class Category:
    id: str
    name: str
    product_types: frozenset[str] = frozenset()
    conditions: tuple[Condition, ...] = ()
    unless: tuple[Condition, ...] = ()
    keywords: tuple[Keyword, ...] = ()
    always: bool = False
    unless_categories: tuple[str, ...] = ()
    carries_warnings: bool = False
    requirements: list[Requirement] = field(default_factory=list)
    # product types that make the category likely but not certain (HEADPHONES may be wired):
    # a keyword or attribute has to confirm it
    probable_product_types: frozenset[str] = frozenset()
    unless_keywords: _Veto | None = None  # texts that veto keyword recognition ("meat thermometer")
    # the `unless_title` vetoes: matched at the start of the naming texts only (the title's
    # own product, 'Glitter Gel Pens (6 Pack)'), not tried at every place of every text
    unless_title: _Veto | None = None
    not_with: tuple[str, ...] = ()  # categories that take the product out of this one (a medical device is no CPSC product)
    _by_kind: dict[tuple[str, bool, bool], list[Requirement]] = field(init=False, repr=False, default_factory=dict)

    def requirements_for(self, what: str, firm: bool, certain: bool = True) -> list[Requirement]:
        """The requirements of one kind (document, attribute ...) reported at one strength, in
        file order: firm (an error) when the requirement rests on Amazon's or the law's own
        text and the category is certain; a category found by keywords alone is probable,
        and all its requirements are warnings. The weak ones include the firm requirements
        with age conditions, which an age read from the text makes probable (Requirement.reported).
        Asked for every listing, so kept once worked out."""
        key = (what, firm, certain)
        if key not in self._by_kind:
            self._by_kind[key] = [r for r in self.requirements if r.what == what and ((r.firm and certain) == firm or (not firm and bool(r.age_attributes)))]
        return self._by_kind[key]


@lean_dataclass(slots=True)
class Reason:
    """Why a category applies to a record, and where in the file that shows."""

    text: str  # "product_type HEADPHONES", "keyword 'bluetooth' at 3:18"
    node: Node | None = None
    field: TextField | None = None
    begin: int = 0
    end: int = 0
    match: str = ""
    certain: bool = True  # False: keywords alone (or a product type that only suggests the category)

    def anchor(self) -> tuple[str, Any, int]:
        """Where a finding for this reason points: findings at one place are one diagnostic."""
        if self.field is not None:
            return ("field", self.field.name, self.begin)
        return ("node", id(self.node), 0)


PROBABLE_HINT = "probable category: set product_type or the attribute that decides it to make its requirements certain"


@lean_dataclass(slots=True)
class Match:
    category: Category
    reason: Reason

    def because(self, markets: Iterable[str] = ()) -> str:
        """Why the category applies, as a diagnostic says it: a marketplace-wide category
        names only the marketplaces that triggered the requirement; a probable one says so."""
        if self.category.always and markets:
            return f"sale in {', '.join(markets)}"
        return self.reason.text if self.reason.certain else f"{self.reason.text}; {PROBABLE_HINT}"

    def described(self, markets: Iterable[str] = (), evidence: AgeEvidence | None = None) -> str:
        """'<category>, because of <why>' as findings say it; with the age read from the text
        when that decided the requirement."""
        described = f"{self.category.name}, because of {self.because(markets)}"
        return described if evidence is None else f"{described}; {evidence.explain()}"


@lean_dataclass(slots=True)
class Catalog:
    categories: list[Category]
    generic_product_types: frozenset[str]
    sources: dict[str, Source]
    # document type -> attributes that are Amazon's own record of it (the FCC ID column)
    evidence: dict[str, tuple[Condition, ...]] = field(default_factory=dict)
    _index: _CategoryIndex | None = field(default=None, init=False, repr=False)  # built on first use
    _known: frozenset[str] | None = field(default=None, init=False, repr=False)

    def known_product_types(self) -> frozenset[str]:
        """Product types some category names; any other one leaves keyword recognition on."""
        if self._known is None:
            self._known = frozenset().union(*(c.product_types | c.probable_product_types for c in self.categories))
        return self._known

    def attribute_documents(self, record: Record) -> list[Certificate]:
        """Documents a listing records in Amazon's own compliance attributes, as certificates
        pointing at the attribute (flat files and SP-API bodies have no `certificates:`)."""
        found = []
        for kind, conditions in self.evidence.items():
            for condition in conditions:
                node = condition.holds(record)
                if node is not None:
                    found.append(Certificate(kind, node, number=_as_text(node.value) or "", nodes={"number": node}))
                    break
        return found

    def by_id(self) -> dict[str, Category]:
        return {c.id: c for c in self.categories}

    def index(self) -> _CategoryIndex:
        if self._index is None:
            self._index = _CategoryIndex(self.categories)
        return self._index

    def match(self, record: Record) -> list[Match]:
        """The categories that apply to a record, each with the first reason found."""
        return self.recognise(record).matches()

    def recognise(self, record: Record, literal_hits: set[int] | None = None) -> Recognised:
        """The categories that apply to a record, with the marketplace-wide ones' reasons left
        until a check asks for them (most checks need none). `literal_hits`: the numbers of
        the keywords one of whose literals the engine's scan found in the record's keyword
        texts (KeywordLiterals), when it did; else the keyword texts are scanned here."""
        index = self.index()
        product_type = record.product_type.strip()
        texts = record.fields(RECOGNITION_FAMILIES)
        naming = sum(1 for text_field in texts if text_field.family in KEYWORD_FAMILIES)  # fields() keeps family order
        joined = _Joined(texts)
        naming_joined = joined if naming == len(texts) else _Joined(texts[:naming])
        present = index.words.present(naming_joined, joined) if literal_hits is None else index.words.confirmed(literal_hits, joined)
        if not (present or product_type or record.attributes):
            return Recognised(record, [], index.marketwide(_NONE))
        seen = _Seen(texts, joined, present, 0, naming, naming_joined, record.brand.strip(), [False] * len(texts))
        found = self._specific(record, product_type, seen)
        return Recognised(record, found, index.marketwide(frozenset(m.category.id for m in found)))

    def _specific(self, record: Record, product_type: str, seen: _Seen) -> list[Match]:
        """The categories a record's product type, attributes or keywords show, in catalog order."""
        index = self.index()
        use_keywords = not product_type or product_type in self.generic_product_types or product_type not in self.known_product_types()
        found: list[Match] = []
        for number in index.candidates(record, product_type, use_keywords, seen.present):
            category = self.categories[number]
            if category.unless and any(c.holds(record) is not None for c in category.unless):
                continue
            seen.first = index.first_keyword[number]
            reason = _recognise(category, record, product_type, use_keywords or product_type in category.probable_product_types, seen)
            if reason is not None:
                found.append(Match(category, reason))
        if len(found) > 1:
            certain = {m.category.id for m in found if m.reason.certain}
            found = [m for m in found if not certain.intersection(m.category.not_with)]
        return found


@lean_dataclass(slots=True)
class Recognised:
    """The categories of one record, found once and shared by every check of the record.

    The marketplace-wide categories (sale in the EU, the UK ...) get their Match, whose
    reason names the record's marketplaces node, only when a check asks: most checks have
    no requirement of theirs on the record's marketplaces (RequirementPlan)."""

    record: Record
    specific: list[Match]  # by product type, attribute or keyword, in catalog order
    always: _Marketwide  # the marketplace-wide categories that apply
    _always_matches: list[Match] | None = None
    _signature: tuple[Any, ...] | None = None

    def signature(self) -> tuple[Any, ...]:
        """What a finding shows of the record's categories: each specific one's reason as
        written and which of them point at one place (one finding there), and the
        marketplace-wide ones (whose reasons the record's marketplaces make). Records of
        equal signatures on equal marketplaces are reported alike (kinds/certificates.py)."""
        if self._signature is None:
            anchors = [match.reason.anchor() for match in self.specific]
            specific = tuple((match.category.id, match.reason.text, match.reason.certain, anchors.index(anchor)) for match, anchor in zip(self.specific, anchors))
            self._signature = (specific, self.always.keys)
        return self._signature

    def matches(self) -> list[Match]:
        return self.specific + self._marketwide()

    def among(self, wanted: dict[tuple[str, bool], _T]) -> list[tuple[Match, _T]]:
        """(match, its value in WANTED) for each match whose (category id, certain) WANTED
        holds, in match order."""
        found = [(m, wanted[key]) for m in self.specific if (key := (m.category.id, m.reason.certain)) in wanted] if self.specific else []
        if not wanted.keys().isdisjoint(self.always.keys):
            found += [(m, wanted[key]) for m in self._marketwide() if (key := (m.category.id, True)) in wanted]
        return found

    def _marketwide(self) -> list[Match]:
        if self._always_matches is None:
            record = self.record
            node = record.field_node("marketplaces")
            reason = f"sale in {', '.join(record.marketplaces) or 'its marketplaces'}"
            self._always_matches = [Match(category, Reason(reason, node=node, match="")) for category in self.always.categories]
        return self._always_matches


@lean_dataclass(frozen=True, slots=True)
class _Marketwide:
    """The marketplace-wide categories that apply beside some specific ones (the same few
    sets for every record)."""

    categories: tuple[Category, ...]
    keys: frozenset[tuple[str, bool]]  # (id, True) of each: certain, as RequirementPlan keys them


class RequirementPlan(dict):  # type: ignore[type-arg]
    """The requirements one check reports (one kind, one strength, in force on one day), by
    the marketplaces of a record: `plan[marketplaces]` is {(category id, certain):
    [(requirement, the marketplaces it is asked on, in the record's order)]}, worked out on
    first use (a catalog has few sets of marketplaces). A category missing from it can yield
    nothing on those marketplaces: the check skips it, and a check whose plan is empty skips
    the record without looking for its categories. A dict, so that asking costs no Python call."""

    __slots__ = ("catalog", "what", "firm", "day")

    def __init__(self, catalog: Catalog, what: str, firm: bool, day: str) -> None:
        super().__init__()
        self.catalog, self.what, self.firm, self.day = catalog, what, firm, day

    def __missing__(self, marketplaces: tuple[str, ...]) -> dict[tuple[str, bool], list[tuple[Requirement, tuple[str, ...]]]]:
        plan = self[marketplaces] = self._work_out(marketplaces)
        return plan

    def _work_out(self, marketplaces: tuple[str, ...]) -> dict[tuple[str, bool], list[tuple[Requirement, tuple[str, ...]]]]:
        plan = {}
        for category in self.catalog.categories:
            for certain in (True, False):
                asked = []
                for requirement in category.requirements_for(self.what, self.firm, certain):
                    markets = tuple(m for m in marketplaces if m in requirement.marketplaces)
                    if markets and requirement.in_force(self.day):
                        asked.append((requirement, markets))
                if asked:
                    plan[(category.id, certain)] = asked
        return plan


class _CategoryIndex:
    """Which categories can apply to a record at all, found without trying each one.

    A category is recognised by its product type, an attribute condition (which needs the
    attribute) or a keyword (which `words` lets through); any other category cannot apply,
    and a listing is usually a candidate for none or one of the thirty-odd. Categories are
    known by their number in the catalog (not id(): an index built in one run may travel in
    a cached engine, compiled.py).
    """

    __slots__ = ("by_product_type", "by_attribute", "always", "words", "first_keyword", "_marketwide")

    def __init__(self, categories: list[Category]) -> None:
        self.by_product_type: dict[str, list[int]] = {}
        self.by_attribute: dict[str, list[int]] = {}
        # marketplace-wide categories, each with the categories that take their place
        self.always = [(category, frozenset(category.unless_categories)) for category in categories if category.always]
        self._marketwide: dict[frozenset[str], _Marketwide] = {}  # by the ids of the specific categories found
        specific = [(number, category) for number, category in enumerate(categories) if not category.always]
        self.words = _KeywordWords([(number, keyword) for number, category in specific for keyword in category.keywords])
        self.first_keyword: dict[int, int] = {}  # category number -> number of its first keyword in `words`
        counted = 0
        for number, category in specific:
            self.first_keyword[number] = counted
            counted += len(category.keywords)
            for product_type in category.product_types | category.probable_product_types:
                self.by_product_type.setdefault(product_type, []).append(number)
            for top in dict.fromkeys(condition.top for condition in category.conditions):
                self.by_attribute.setdefault(top, []).append(number)

    def candidates(self, record: Record, product_type: str, use_keywords: bool, present: set[int]) -> list[int]:
        """The numbers of the categories worth trying on the record, in catalog order."""
        found = set(self.by_product_type.get(product_type, ())) if product_type else set()
        if record.attributes:
            for top in self.by_attribute.keys() & record.attributes.keys():
                found.update(self.by_attribute[top])
        if present:
            found.update(self.words.owners(present, use_keywords))
        return sorted(found)

    def marketwide(self, specific: frozenset[str]) -> _Marketwide:
        """The marketplace-wide categories that apply beside the SPECIFIC ones: all, unless
        every specific one takes their place (food supplements are no GPSR consumer product)."""
        found = self._marketwide.get(specific)
        if found is None:
            categories = tuple(category for category, unless in self.always if not (specific and specific <= unless))
            found = self._marketwide[specific] = _Marketwide(categories, frozenset((category.id, True) for category in categories))
        return found


@lean_dataclass(slots=True)
class _Seen:
    """What the keyword search reads: the record's keyword texts, which keywords may be in
    them, and the number of the first keyword of the category being tried."""

    texts: tuple[TextField, ...]  # the naming texts (title, bullets), then the describing ones
    joined: _Joined
    present: set[int]
    first: int
    naming: int  # how many of `texts` name the product
    naming_joined: _Joined  # the naming texts alone, where a category's vetoes are looked for
    brand: str  # the record's brand: a keyword inside it ('Plan Toys') is a name, not evidence
    lowers: list[str | None | bool]  # lower_for_ascii_words of each of `texts` (False: not yet worked out)

    def lowered(self, number: int) -> str | None:
        """The lower case of text NUMBER where the keywords' leading literals are looked for
        (None: not exact), worked out once for all the keywords tried on it."""
        found = self.lowers[number]
        if found is False:
            found = self.lowers[number] = lower_for_ascii_words(self.texts[number].text.text)
        return found  # type: ignore[return-value]


def _recognise(category: Category, record: Record, product_type: str, use_keywords: bool, seen: _Seen) -> Reason | None:
    """Why the category applies: its product type or an attribute (certain), else a keyword
    (probable; with a product type that only suggests the category, the keyword confirms it)."""
    if product_type and product_type in category.product_types:
        return Reason(f"product_type {product_type}", node=record.field_node("product_type") or record.node, match=product_type)
    for condition in category.conditions:
        node = condition.holds(record)
        if node is not None:
            value = _as_text(node.value) or ""
            return Reason(f"attribute {condition.attribute} {value!r}{_at(record, node)}", node=node, match=value)
    suggested = bool(product_type) and product_type in category.probable_product_types
    found = _keyword_reason(category, seen, use_keywords, suggested)
    if found is None and not suggested:
        return None
    if (category.unless_keywords is not None or category.unless_title is not None) and _vetoed(category, seen, found):
        return None  # the text says what it is not ("meat thermometer"): no keyword or hint counts
    if found is None:
        return Reason(f"product_type {product_type}", node=record.field_node("product_type") or record.node, match=product_type, certain=False)
    if suggested:
        found.text = f"product_type {product_type} and {found.text}"
        found.certain = True
    return found


def _vetoed(category: Category, seen: _Seen, found: Reason | None) -> bool:
    """Whether the texts the evidence was read in say what the product is not: the naming
    texts, and the describing ones too when the evidence is there; or the title says so."""
    title = category.unless_title
    if title is not None and title.may_match(seen.naming_joined) and title.compiled().match(seen.naming_joined.text) is not None:
        return True
    vetoes = category.unless_keywords
    if vetoes is None:
        return False
    described = found is not None and found.field is not None and found.field.family in DESCRIBING_FAMILIES
    read = seen.joined if described else seen.naming_joined
    return vetoes.found_in(read)


def _keyword_reason(category: Category, seen: _Seen, use_keywords: bool, suggested: bool) -> Reason | None:
    """The first keyword of the category in the naming texts; else the first of its
    `describes` keywords in the describing ones."""
    first = seen.first
    end = first + len(category.keywords)
    # the category's keywords that may be in the text, in its order (most of its keywords are not)
    counted = [keyword for keyword in (category.keywords[number - first] for number in sorted(number for number in seen.present if first <= number < end)) if (keyword.always or use_keywords) and not (keyword.confirms and not suggested)]
    naming, every = seen.naming, len(seen.texts)
    for keyword in counted:
        found = _keyword_hit(keyword, seen, 0, naming)
        if found is not None and not _title_refuses(keyword, seen):
            return found
    if naming < every:
        for keyword in counted:
            if keyword.describes:
                found = _keyword_hit(keyword, seen, naming, every)
                if found is not None and not _title_refuses(keyword, seen):
                    return found
    return None


def _title_refuses(keyword: Keyword, seen: _Seen) -> bool:
    """Whether the title's own product is one the keyword is no evidence beside (an age
    statement beside 'Keyboard Stickers')."""
    return keyword.unless_title is not None and keyword.unless_title.compiled().match(seen.naming_joined.text) is not None


def _keyword_hit(keyword: Keyword, seen: _Seen, first: int, stop: int) -> Reason | None:
    """The keyword's first match in the texts FIRST to STOP (numbers in seen.texts) that is
    no part of the brand's name."""
    brand = seen.brand
    for number in range(first, stop):
        text_field = seen.texts[number]
        text = text_field.text.text
        for hit in keyword.regex.finditer(text, seen.lowered(number)):
            if brand and _inside_brand(text, hit.start(), hit.end(), brand):
                continue
            line, column, _, _ = text_field.text.span(hit.start(), hit.end())
            # the page's own words, not the keyword's name: an age pattern named 'ages 3+' may match 'age 13 years +'
            return Reason(f"keyword '{hit.group(0)}' at {line}:{column}", field=text_field, begin=hit.start(), end=hit.end(), match=hit.group(0), certain=False)
    return None


def _inside_brand(text: str, begin: int, end: int, brand: str) -> bool:
    """Whether [begin, end) of the text overlaps the brand's name written there ('Toys' of
    'Bigjigs Toys Ball and Cup', 'the Le Toy' of 'the Le Toy Van range', when the brand is
    Bigjigs Toys or Le Toy Van), its last word singular or plural ('The Green Toy Stacker'
    of Green Toys), or followed by 'Toys' as a company writes its name ('Benross Group Toys
    Giant Keyboard' of Benross Group, 'Alex Toys Craft' of Alex). Substring tests, not a
    regex: each listing has a brand of its own."""
    lowered, name = text.lower(), brand.lower()
    if len(lowered) != len(text) or len(name) != len(brand):
        return False  # a letter whose lower case is longer: positions would not line up (rare; no skip)
    stem = name[:-1] if name.endswith("s") else name
    start = lowered.find(stem)
    while start >= 0:
        stop = start + len(stem) + lowered.startswith("s", start + len(stem))
        stop += _company_toys(lowered, stop)
        if start < end and begin < stop:
            return True
        start = lowered.find(stem, start + 1)
    return False


def _company_toys(lowered: str, at: int) -> int:
    """The length of ' toys' written right after a brand name at AT (the maker's name, as in
    'Oskar & Ellen Toys'), else 0."""
    if lowered.startswith(" toys", at) and not lowered[at + 5 : at + 6].isalnum():
        return 5
    return 0


def _at(record: Record, node: Node) -> str:
    if node.start < 0 or node.end <= 0:
        return ""
    line, column = record.source.position(node.start)
    return f" at {line}:{column}"


def attribute_values(record: Record, name: str) -> Iterator[Node]:
    """The leaf values of attribute NAME (dotted for nested: battery.chemistry)."""
    parts = name.split(".")
    current: list[Node] = [record.attributes[parts[0]]] if parts[0] in record.attributes else []
    for part in parts[1:]:
        current = [n.value[part] for n in current if isinstance(n.value, dict) and part in n.value]
    stack = list(reversed(current))
    while stack:
        node = stack.pop()
        if isinstance(node.value, list):
            stack.extend(reversed(node.value))
        elif isinstance(node.value, dict):
            stack.extend(reversed(list(node.value.values())))
        elif node.value is not None and node.value != "":
            yield node


def attribute_filled(record: Record, name: str) -> bool:
    return any(True for _ in attribute_values(record, name))


def _as_text(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    return None


_AGE = LazyRegex(r"(\d+(?:\.\d+)?)\s*(months?|mos?\b|m\b|years?|yrs?|y\b|\+|$)?", re.IGNORECASE)  # compiled when first used


def youngest_age(value: Any) -> float | None:
    """The youngest age a value names, in years: 3 for '3 years and up', 1.5 for '18 months+'."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if not isinstance(value, str):
        return None
    ages = []
    for number, unit in _AGE.findall(value):
        age = float(number)
        ages.append(age / 12 if unit and unit.lower().startswith("m") else age)
    return min(ages) if ages else None


# loading ---------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def categories_schema() -> dict[str, Any]:
    return data_json("categories.schema.json")


def shipped_categories_path() -> Path:
    return rulesets_folder() / "categories" / "categories.yaml"


def load_catalog(extra: Iterable[Path] = ()) -> Catalog:
    """The shipped categories plus the user's category files (same id: the user's wins)."""
    paths = (shipped_categories_path(), *(p for p in extra if is_category_file(p)))
    return _load_catalog(paths)


@lru_cache(maxsize=8)
def _load_catalog(paths: tuple[Path, ...]) -> Catalog:
    catalog = Catalog([], frozenset(), {})
    for index, path in enumerate(paths):
        _load_file(path, catalog, fast=index == 0)
    ids = {c.id for c in catalog.categories}
    for category in catalog.categories:
        for other in (*category.unless_categories, *category.not_with):
            if other not in ids:
                raise RulesetError(str(paths[0]), 1, 1, f"category {category.id}: unless_categories or not_with names unknown category {other!r}")
    return catalog


def document_types() -> list[str]:
    from .documents.listing import listing_schema

    return listing_schema()["$defs"]["listing"]["properties"]["certificates"]["items"]["properties"]["type"]["enum"]


def marking_types() -> list[str]:
    return data_json("packaging.schema.json")["$defs"]["markings"]["items"]["enum"]


def _load_file(path: Path, catalog: Catalog, fast: bool = False) -> None:
    """Add one categories file to the catalog.

    The shipped file (`fast`) is read with libyaml alone: the test suite checks it against
    the schema, and a one-file pre-commit run should not pay for a located parse. Any
    problem sends it down the located path below, which reports file:line:column.
    """
    shown = str(path)
    try:
        text = read_text(path)
    except (OSError, UnicodeDecodeError) as error:
        raise RulesetError(shown, 1, 1, f"cannot read categories file: {error}") from None
    if fast:
        try:
            data = _mirror(path, text)
            trial = Catalog(list(catalog.categories), catalog.generic_product_types, dict(catalog.sources), dict(catalog.evidence))
            _build(data, trial, None)
        except Exception:  # noqa: BLE001 - the located load below says what is wrong, and where
            pass
        else:
            catalog.categories, catalog.generic_product_types, catalog.sources, catalog.evidence = trial.categories, trial.generic_product_types, trial.sources, trial.evidence
            return
    from .readers.yaml_reader import read_yaml
    from .schemacheck import check

    source = SourceText(shown, text)
    result = read_yaml(source)
    if result.problems or len(result.documents) != 1:
        problem = result.problems[0] if result.problems else None
        line, column = source.position(max(problem.start, 0)) if problem else (1, 1)
        detail = (problem.args.get("error") or problem.args.get("key") or problem.code) if problem else "a categories file holds exactly one YAML document"
        raise RulesetError(shown, line, column, f"invalid categories YAML: {detail}")
    document = result.documents[0]
    issues = check(document, categories_schema())
    if issues:
        issue = issues[0]
        at = issue.node.key_start if issue.on_key and issue.node.key_start >= 0 else issue.node.start
        line, column = source.position(max(at, 0))
        raise RulesetError(shown, line, column, f"{issue.path or 'categories'}: {issue.message}")
    _build(document.plain(), catalog, (source, document))


class _Invalid(Exception):
    pass


def mirror_path(path: Path) -> Path:
    return path.with_suffix(".json")


def mirror_text(text: str) -> str:
    """The JSON mirror of a categories file (tools/sync_categories.py writes it), with the
    required literal sets of its keyword patterns and vetoes worked out (parsing those
    ~150 regexes costs a run without a cache ~160 ms)."""
    import yaml

    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    patterns = {k["pattern"] for c in data.get("categories", ()) for k in c["recognise"].get("keywords", ()) if isinstance(k, dict) and "pattern" in k}
    patterns.update(veto for c in data.get("categories", ()) for field in ("unless_keywords", "unless_title") for veto in c["recognise"].get(field, ()))
    literals = {source: None if (found := required_literal_sets(source)) is None else [sorted(one) for one in found] for source in sorted(patterns)}
    return json.dumps({"sha256": _digest(text), "data": data, "literals": literals}, ensure_ascii=False, sort_keys=True) + "\n"


def _digest(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _mirror(path: Path, text: str) -> Any:
    """The shipped file's data from its JSON mirror when that is up to date (PyYAML's
    constructor takes ~30 ms for this file, json ~1 ms); else parsed from the YAML."""
    try:
        mirror = json.loads(mirror_path(path).read_text("utf-8"))
        if mirror.get("sha256") == _digest(text):
            for source, found in (mirror.get("literals") or {}).items():
                KNOWN_LITERAL_SETS[source] = None if found is None else tuple(map(frozenset, found))
            return mirror["data"]
    except (OSError, ValueError):
        pass
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _build(data: Any, catalog: Catalog, located: tuple[SourceText, Node] | None) -> None:
    from .schemacheck import did_you_mean

    def fail(keys: tuple[Any, ...], message: str) -> Exception:
        if located is None:
            return _Invalid(message)
        source, node = located
        for key in keys:
            value = node.value
            if isinstance(value, dict) and key in value:
                node = value[key]
            elif isinstance(value, list) and isinstance(key, int) and key < len(value):
                node = value[key]
            else:
                break
        line, column = source.position(max(node.start, 0))
        return RulesetError(source.path, line, column, message)

    fail.eager = located is not None  # type: ignore[attr-defined]

    sources = dict(catalog.sources)
    for key, plain in (data.get("sources") or {}).items():
        sources[key] = Source(key, plain["url"], plain["as_of"], plain["strength"], plain.get("title", ""))
    catalog.sources = sources
    catalog.generic_product_types = catalog.generic_product_types | frozenset(data.get("generic_product_types", ()))
    doc_types = document_types()
    for kind, conditions in (data.get("attribute_evidence") or {}).items():
        if kind not in doc_types:
            raise fail(("attribute_evidence", kind), f"attribute_evidence: unknown document type {kind!r}{did_you_mean(kind, doc_types)}")
        catalog.evidence[kind] = tuple(_condition(c, ("attribute_evidence", kind, i), fail) for i, c in enumerate(conditions))
    markings = marking_types()
    existing = {c.id: i for i, c in enumerate(catalog.categories)}
    seen: set[str] = set()
    for index, plain in enumerate(data["categories"]):
        where = ("categories", index)
        if plain["id"] in seen:
            raise fail((*where, "id"), f"category {plain['id']!r} is defined twice")
        seen.add(plain["id"])
        recognise = plain["recognise"]
        anywhere, at_start = recognise.get("unless_keywords") or (), recognise.get("unless_title") or ()
        category = Category(
            plain["id"],
            plain["name"],
            frozenset(recognise.get("product_types", ())),
            tuple(_condition(c, (*where, "recognise", "attributes", i), fail) for i, c in enumerate(recognise.get("attributes", ()))),
            tuple(_condition(c, (*where, "recognise", "unless", i), fail) for i, c in enumerate(recognise.get("unless", ()))),
            tuple(_keyword(k) for k in recognise.get("keywords", ())),
            bool(recognise.get("always", False)),
            tuple(recognise.get("unless_categories", ())),
            bool(plain.get("carries_warnings", False)),
            probable_product_types=frozenset(recognise.get("probable_product_types", ())),
            unless_keywords=_Veto(_edged(*anywhere), anywhere) if anywhere else None,
            unless_title=_Veto("|".join(f"(?:{veto})" for veto in at_start), at_start) if at_start else None,
            not_with=tuple(recognise.get("not_with", ())),
        )
        if getattr(fail, "eager", True):  # user files: a bad keyword regex is an error at its line now
            _compile_keywords(category, (*where, "recognise"), fail)
        for number, requirement in enumerate(plain["requirements"]):
            category.requirements.append(_requirement(category, requirement, (*where, "requirements", number), sources, doc_types, markings, fail, did_you_mean))
        if category.id in existing:
            catalog.categories[existing[category.id]] = category
        else:
            catalog.categories.append(category)


def _condition(plain: dict[str, Any], where: tuple[Any, ...], fail: Any) -> Condition:
    pattern: Any = None
    if "pattern" in plain:
        pattern = _LazyPattern(plain["pattern"])
        if getattr(fail, "eager", True):  # user files: a bad regex is an error at its line now
            try:
                pattern.compiled()
            except re.error as error:
                raise fail((*where, "pattern"), f"invalid regular expression: {error}") from None
    if pattern is None and "age_below" not in plain and "age_from" not in plain:
        pattern = _LazyPattern(".")
    return Condition(plain["attribute"], pattern, plain.get("age_below"), plain.get("age_from"))


def _compile_keywords(category: Category, where: tuple[Any, ...], fail: Any) -> None:
    patterns = [((*where, "keywords", index), keyword.regex) for index, keyword in enumerate(category.keywords)]
    patterns += [((*where, "keywords", index, "unless_title"), keyword.unless_title) for index, keyword in enumerate(category.keywords)]
    patterns += [((*where, "unless_keywords"), category.unless_keywords), ((*where, "unless_title"), category.unless_title)]
    for path, pattern in patterns:
        if pattern is None:
            continue
        try:
            pattern.compiled()
        except re.error as error:
            raise fail(path, f"category {category.id}: invalid {path[-1] if isinstance(path[-1], str) else 'keyword'} pattern: {error}") from None


@lean_dataclass(frozen=True, slots=True)
class Keyword:
    """A word or pattern in the title or bullets that suggests a category.

    `source` is a regex body: the term's words apart by spaces or hyphens, or the entry's
    own `pattern` (a stem such as disinfect\\w*, with lookaheads for exclusions); both are
    searched between word edges, ignoring case."""

    term: str
    source: str
    always: bool = False
    confirms: bool = False  # only confirms a product type that suggests the category (HEADPHONES + 'bluetooth')
    describes: bool = False  # counts in the description and search terms too, not only the title and bullets
    # matched from the start of the title: the keyword does not count there ('Suitable for ages 3+'
    # beside 'Keyboard Stickers' is an age statement about no toy); None: it counts everywhere
    unless_title: _LazyPattern | None = None
    regex: _PlacedPattern = field(init=False)
    # worked out when the keyword is made, so that they travel with a cached engine: an
    # engine loaded from the cache would otherwise parse every keyword pattern again (~20 ms)
    required: frozenset[str] | None = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", _PlacedPattern(_edged(self.source) if not _runs_words_together(self.term) else f"(?:{self.source})"))
        object.__setattr__(self, "required", self._required_literals())

    def literals(self) -> frozenset[str] | None:
        """Strings one of which every match holds (lower-cased), or None."""
        return self.required

    def _required_literals(self) -> frozenset[str] | None:
        if self.is_term():
            return frozenset((max(_keyword_words(self.term), key=len).lower(),))
        return required_literals(self.source)

    def required_sets(self) -> tuple[frozenset[str], ...]:
        """The keyword's literals, then the other sets one literal of each of which every
        match holds too (a term's other words; a pattern's other required parts, as
        literals.required_literal_sets finds them): 'children aged 3+' is no candidate
        for every text that holds 'children'. Only for a keyword with literals."""
        first = self.literals() or frozenset()
        if self.is_term():
            return (first, *(frozenset((word,)) for word in _other_words(self)))
        found = required_literal_sets(self.source) or ()
        return (first, *(other for other in found if other != first and _screenable(other)))

    def is_term(self) -> bool:
        """Whether the keyword is its term's words (not a pattern of its own): every match
        holds each of them, whatever the case."""
        return self.source == _term_body(self.term)


def _keyword(entry: Any) -> Keyword:
    if isinstance(entry, str):
        return Keyword(entry, _term_body(entry))
    vetoes = entry.get("unless_title")
    unless_title = _LazyPattern("|".join(f"(?:{veto})" for veto in vetoes)) if vetoes else None
    return Keyword(entry["term"], entry.get("pattern") or _term_body(entry["term"]), bool(entry.get("always", False)), bool(entry.get("confirms", False)), bool(entry.get("describes", False)), unless_title)


def _runs_words_together(term: str) -> bool:
    """Whether the term is written in a script without spaces between words (Japanese kana
    and kanji): 'ぬいぐるみ' stands inside 'かわいいぬいぐるみ', where word edges would miss it."""
    return all(is_japanese(char) for char in term if not char.isspace())


def _keyword_words(term: str) -> list[str]:
    return re.split(r"[\s-]+", term.strip())


def _term_body(term: str) -> str:
    """A regex body for a term, its words apart by spaces or hyphens."""
    return r"[\s-]*".join(re.escape(w) for w in _keyword_words(term))


def _edged(*bodies: str) -> str:
    """A regex (used with IGNORECASE) for any of the bodies between word edges."""
    return rf"(?<![\w-])(?:{'|'.join(bodies)})(?![\w])"


class _Joined:
    """A record's keyword texts joined by line breaks, and lower-cased when that is exact;
    each made on first use (a record whose keyword literals the engine's scan found needs
    neither unless a keyword has other words to look for or a category vetoes keywords).

    A keyword match in one text is a match in the joined text too: a line break is no word
    character, as the keywords' edges require."""

    __slots__ = ("texts", "_text", "_lower")

    def __init__(self, texts: tuple[TextField, ...]) -> None:
        self.texts = texts
        self._text: str | None = None
        self._lower: str | None | bool = False  # False: not worked out yet

    @classmethod
    def of_text(cls, text: str) -> _Joined:
        """Keyword texts already joined."""
        joined = cls(())
        joined._text = text
        return joined

    @property
    def text(self) -> str:
        if self._text is None:
            texts = self.texts
            self._text = texts[0].text.text if len(texts) == 1 else "\n".join([text_field.text.text for text_field in texts])
        return self._text

    @property
    def lower(self) -> str | None:
        """The lower-cased text, None when that is not exact (see textmatch.lower_for_ascii_words)."""
        if self._lower is False:
            self._lower = lower_for_ascii_words(self.text)
        return self._lower  # type: ignore[return-value]


class _KeywordWords:
    """The literals of every category keyword in one Aho-Corasick automaton: one pass over a
    record's lower-cased keyword texts says which keywords may be there, and so which
    categories are worth trying, where a regex per keyword and text would run on each.

    A keyword none of whose literals (its longest word, or what every match of its pattern
    holds; lower-cased, ASCII) is a substring of the lower-cased text cannot match (see
    _Joined), nor can a term one of whose other words is not ("li-ion" is no candidate for
    every "action figure" that holds "ion"). A keyword without such literals, and every
    keyword on a text that cannot be compared lower-cased, is searched for with its regex in
    the joined text instead.
    """

    __slots__ = ("keywords", "owner", "unscreened", "also", "describing", "_automaton")

    def __init__(self, numbered: list[tuple[int, Keyword]]) -> None:
        self.keywords = [keyword for _, keyword in numbered]
        self.owner = [number for number, _ in numbered]  # keyword number -> category number
        self.unscreened = [number for number, keyword in enumerate(self.keywords) if not _screenable(keyword.literals())]
        self.also = {number: words for number, keyword in enumerate(self.keywords) if number not in self.unscreened and (words := _other_words(keyword))}
        self.describing = frozenset(number for number, keyword in enumerate(self.keywords) if keyword.describes)  # count in the description too
        self._automaton: Any = None  # built on first use

    def present(self, naming: _Joined, joined: _Joined | None = None) -> set[int]:
        """Numbers of the keywords that may be in the texts: the NAMING ones (title, bullets),
        or all of them (JOINED, by default the same) for the keywords that count in the
        description too."""
        joined = joined or naming
        describing = self.describing
        if joined.lower is None:
            return {number for number, keyword in enumerate(self.keywords) if keyword.regex.search((joined if number in describing else naming).text)}
        if self._automaton is None:
            self._automaton = self._build()
        found: set[int] = set()
        for _end, numbers in self._automaton.iter(naming.lower):
            found.update(numbers)
        if joined is not naming:
            for _end, numbers in self._automaton.iter(joined.lower):
                found.update(describing.intersection(numbers))
        return self.confirmed(found, joined)

    def confirmed(self, found: set[int], joined: _Joined) -> set[int]:
        """The keywords that may be in the text, of those one of whose literals it holds
        (FOUND: from `present` or the engine's scan of the same texts, KeywordLiterals):
        less the terms one of whose other words it lacks, plus the keywords without
        literals that match it. Only for texts whose lower case is exact (joined.lower)."""
        if found and self.also.keys() & found:
            lower = joined.lower
            also = self.also
            found = {number for number in found if number not in also or all(word in lower for word in also[number])}  # type: ignore[operator]
        for number in self.unscreened:
            if self.keywords[number].regex.search(joined.text):
                found.add(number)
        return found

    def screened(self) -> dict[tuple[frozenset[str], ...], tuple[int, ...]]:
        """The required literal sets of the keywords that have them (Keyword.required_sets),
        each with the numbers of the keywords they screen (KeywordLiterals registers them
        with the engine's scan)."""
        by_literals: dict[tuple[frozenset[str], ...], tuple[int, ...]] = {}
        for number, keyword in enumerate(self.keywords):
            if number not in self.unscreened:
                required = keyword.required_sets()
                by_literals[required] = (*by_literals.get(required, ()), number)
        return by_literals

    def owners(self, present: set[int], use_keywords: bool) -> set[int]:
        """The categories of the present keywords that count: all of them when keywords
        recognise categories, else only the `always` ones."""
        keywords, owner = self.keywords, self.owner
        return {owner[number] for number in present if use_keywords or keywords[number].always}

    def _build(self) -> Any:
        import ahocorasick

        by_word: dict[str, list[int]] = {}
        for number, keyword in enumerate(self.keywords):
            if number not in self.unscreened:
                for word in keyword.literals() or ():
                    by_word.setdefault(word, []).append(number)
        automaton = ahocorasick.Automaton()
        for word, numbers in by_word.items():
            automaton.add_word(word, tuple(numbers))
        automaton.add_word("\0", ())  # names no keyword: an automaton needs a word to be built
        automaton.make_automaton()
        return automaton


def _other_words(keyword: Keyword) -> tuple[str, ...]:
    """A term's words beside its literal (lower-cased, ASCII), which every match holds too."""
    if not keyword.is_term():
        return ()
    literals = keyword.literals() or frozenset()
    return tuple(word for word in dict.fromkeys(w.lower() for w in _keyword_words(keyword.term)) if word and word.isascii() and word not in literals)


def _screenable(literals: frozenset[str] | None) -> bool:
    """Whether a keyword's literals can screen lower-cased text: known, none empty, each
    ASCII or of letters whose lower case `re` and str.lower() agree on (Latin-1 accents, and
    scripts without case such as Japanese)."""
    return literals is not None and bool(literals) and all(word and (word.isascii() or (word == word.lower() and all(map(_lowers_exactly, word)))) for word in literals)


def _lowers_exactly(char: str) -> bool:
    return char.isascii() or "\u00c0" <= char <= "\u00ff" or char.lower() == char.upper()


class _LazyPattern:
    """A regex compiled on first use (most listings never reach most conditions and keywords)."""

    __slots__ = ("source", "_compiled")

    def __init__(self, source: str) -> None:
        self.source = source
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = REGEXES.compile_re(self.source, re.IGNORECASE)  # from an earlier run's code when it kept one
        return self._compiled

    def search(self, text: str) -> re.Match[str] | None:
        return (self._compiled or self.compiled()).search(text)


class _PlacedPattern(_LazyPattern):
    """A keyword's or veto's regex, tried only where one of its leading literals starts
    when it has them (leading.py): the word-edge lookbehind it opens with keeps `re` from
    skipping to a likely start, so a scan of a text tries every place of it (~60 ns a
    character, tens of microseconds a description), where most keywords tried are not
    (the literal that made them candidates was part of a longer word)."""

    __slots__ = ("_places",)

    def __init__(self, source: str) -> None:
        super().__init__(source)
        self._places: LeadingPlaces | None | bool = False  # False: not worked out yet (parsing costs ~0.1 ms)

    def finditer(self, text: str, lowered: str | None) -> Iterator[re.Match[str]]:
        """The matches a scan of the whole text finds; LOWERED is lower_for_ascii_words(text)."""
        places = self._leading_places()
        compiled = self._compiled or self.compiled()
        if places is None or lowered is None:
            return compiled.finditer(text)
        return matches_at(partial(compiled.match, text), places(lowered))

    def _leading_places(self) -> LeadingPlaces | None:
        if self._places is False:
            literals = leading_literals(self.source)
            self._places = LeadingPlaces(literals) if literals is not None else None
        return self._places  # type: ignore[return-value]


class _Veto(_PlacedPattern):
    """A category's vetoes (`unless_keywords`) as one regex, with the literals one of which
    every match holds: a text whose lower case holds none of them is no veto, without the
    regex (the toy category's title vetoes cost ~70 µs a listing in `re`); in one that does,
    the regex is tried where its leading literals start (_PlacedPattern). The literals are
    worked out when the veto is made, so that they travel with a cached engine."""

    __slots__ = ("literals",)

    def __init__(self, source: str, entries: Iterable[str]) -> None:
        super().__init__(source)
        literals = union_of_literals(entries)
        self.literals = literals if _screenable(literals) else None

    def may_match(self, joined: _Joined) -> bool:
        """False when the joined text's lower case is exact and holds none of the literals."""
        literals = self.literals
        if literals is None:
            return True
        lower = joined.lower
        return lower is None or any(literal in lower for literal in literals)

    def found_in(self, joined: _Joined) -> bool:
        """Whether a veto stands in the joined text."""
        return self.may_match(joined) and next(self.finditer(joined.text, joined.lower), None) is not None


def _requirement(category: Category, plain: dict[str, Any], where: tuple[Any, ...], sources: dict[str, Source], doc_types: list[str], markings: list[str], fail: Any, did_you_mean: Any) -> Requirement:
    cited = []
    for index, name in enumerate(plain["sources"]):
        if name not in sources:
            raise fail((*where, "sources", index), f"category {category.id}: unknown source id {name!r}{did_you_mean(name, sources)}")
        cited.append(sources[name])
    kinds = [k for k in ("document", "attribute", "marking", "packaging_field", "warning", "prohibited") if k in plain]
    if len(kinds) != 1:
        raise fail(where, f"category {category.id}: a requirement names exactly one of document, attribute, marking, packaging_field, warning, prohibited (found {', '.join(kinds) or 'none'})")
    documents = _strings(plain.get("document"))
    for index, name in enumerate(documents):
        if name not in doc_types:
            at = (*where, "document", index) if isinstance(plain["document"], list) else (*where, "document")
            raise fail(at, f"category {category.id}: unknown document type {name!r}{did_you_mean(name, doc_types)}")
    marks = _strings(plain.get("marking"))
    for index, name in enumerate(marks):
        if name not in markings:
            at = (*where, "marking", index) if isinstance(plain["marking"], list) else (*where, "marking")
            raise fail(at, f"category {category.id}: unknown marking {name!r}{did_you_mean(name, markings)}")
    laser = plain.get("laser_above")
    if laser is not None and str(laser.get("class", "1")).lower() not in CLASS_RANKS:
        raise fail((*where, "laser_above", "class"), f"category {category.id}: unknown laser class {laser['class']!r} (one of {', '.join(CLASS_RANKS)})")
    if ("directives" in plain or "standards" in plain) and not documents:
        raise fail(where, f"category {category.id}: directives and standards belong to a document requirement")
    markets: list[str] = []
    for code in plain["marketplaces"]:
        for one in ALL_MARKETPLACES if code == "ALL" else EU_MARKETPLACES if code == "EU" else (code,):
            if one not in markets:
                markets.append(one)
    return Requirement(
        category,
        tuple(markets),
        tuple(cited),
        plain.get("note", ""),
        documents,
        tuple(plain.get("directives", ())),
        tuple(plain.get("standards", ())),
        _strings(plain.get("attribute")),
        marks,
        plain.get("packaging_field", ""),
        plain.get("warning"),
        tuple(_condition(c, (*where, "when", i), fail) for i, c in enumerate(plain.get("when", ()))),
        bool(plain.get("unverified", False)),
        tuple(_condition(c, (*where, "unless", i), fail) for i, c in enumerate(plain.get("unless", ()))),
        bool(plain.get("prohibited", False)),
        plain.get("valid_from", ""),
        plain.get("valid_until", ""),
        None if laser is None else limit_of(laser),
        frozenset(plain.get("except_product_types", ())),
    )


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def normalise_standard(text: str) -> str:
    return re.sub(r"[\s\-_./:]+", "", text).casefold()


def cites_standard(cited: Iterable[str], wanted: Iterable[str]) -> bool:
    """Whether one cited standard is one of the wanted ones (an edition suffix is accepted)."""
    have = [normalise_standard(c) for c in cited]
    return any(h.startswith(normalise_standard(w)) for w in wanted for h in have)


def normalise_wording(text: str) -> str:
    text = re.sub(r"\s*(?:--|[\u2013\u2014\u2012\u2015])\s*", "--", text)
    return re.sub(r"\s+", " ", text).strip().casefold()
