"""kind: certificates. Compliance documents a listing needs, and the ones it has (CRT).

Option `check` picks what a rule checks:

* requirement checks, driven by the product categories (categories.py) that apply to the
  listing: `missing-document`, `document-coverage` (a document of the right type that
  does not name the directive or standard the category needs: an EU DoC without RED for a
  radio device), `missing-attribute` (GPSR contacts, the CPSIA statement, the FCC
  attribute), `not-for-sale` (a product the marketplace does not allow at all).
  `evidence: firm` rules report requirements backed by Amazon's or a regulator's own text
  for a category known for certain (product type, attribute); `evidence: weak` rules the
  ones backed only by secondary or unverified sources, and every requirement of a
  category found by keywords alone (probable), as warnings. Findings point at what made
  the category apply and say it ("product_type HEADPHONES", "keyword 'bluetooth' at
  3:18; probable category ...", "sale in DE"); a requirement whose age condition an age
  read from the text decided (the listing has no age attribute) is a warning at that age
  statement, and says so (categories.Requirement.decide, stated_ages.py). A listing's documents are its own
  `certificates:`, those of compliance files for its sku (documents/compliance.py) and
  those Amazon's compliance attributes record (`attribute_evidence`: an FCC ID).
* checks of each `certificates:` entry: `invalid-date`, `date-order` (expires before
  issued), `expired`, `expiring` (within `warn_days`, counted from `--as-of`, default
  today), `number-format` (`formats`: a regex per type), `file-missing` and
  `file-outside` (a `file` is relative to the folder of the listing or compliance file and
  must stay inside the repository: the nearest folder up with `.git`, else the config's
  folder).
* `safety-attestation`: an attribute saying "no warnings needed" (`attestations`) on a
  listing in a certain category whose products legally carry warnings.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Iterator, Sequence
from datetime import date
from typing import Any

from ..categories import DESCRIBING_FAMILIES, RECOGNITION_FAMILIES, AgeEvidence, Catalog, Match, Reason, Recognised, Requirement, RequirementPlan, attribute_filled, attribute_values, cites_standard, load_catalog
from ..dates import day_of_run, parse_date
from ..facts import ATTRIBUTES, CERTIFICATES
from ..literals import ASCII_LOOKALIKES
from ..records import Certificate, Record, TextField
from ..repository import repository_root
from ..rules import Rule
from ..textmatch import LiteralIndex
from ..tree import Node
from .base import Check, CompileContext, Finding, RecordScan

OPTIONS: frozenset[str] = frozenset(("check", "evidence", "warn_days", "formats", "attestations"))


def compile(rule: Rule, context: CompileContext) -> Check:
    check = context.option(rule, "check")
    if check is None:
        raise rule.error("certificates rules need a 'check' option")
    config = context.config
    catalog = load_catalog(getattr(config, "rulesets", ()) or ())
    firm = context.option(rule, "evidence", "firm") == "firm"
    if check in ("missing-document", "document-coverage", "missing-attribute", "not-for-sale"):
        return _requirement_check(rule, check, Categories.shared(context, catalog), firm, as_of(config).isoformat(), context)
    if check in ("invalid-date", "date-order", "expired", "expiring"):
        return _with_certificates(_date_check(rule, check, as_of(config), int(context.option(rule, "warn_days", 60))), context)
    if check == "number-format":
        formats = {}
        for kind, pattern in (context.option(rule, "formats", {}) or {}).items():
            try:
                formats[kind] = re.compile(pattern)
            except re.error as error:
                raise rule.error(f"formats.{kind}: invalid regular expression: {error}", "formats") from None
        return _with_certificates(_number_check(rule, formats), context)
    if check in ("file-missing", "file-outside"):
        return _with_certificates(_file_check(rule, check, config), context)
    if check == "safety-attestation":
        attestations = {k: re.compile(v, re.IGNORECASE) for k, v in (context.option(rule, "attestations", {}) or {}).items()}
        attested = _attestation_check(rule, Categories.shared(context, catalog), attestations)
        context.literal_gates[attested] = frozenset((ATTRIBUTES,))  # not called on a record without attributes
        return attested
    raise rule.error(f"check {check!r} does not belong to kind 'certificates'", "check")


def as_of(config: Any) -> date:
    """The day expiry is measured against: --as-of, else today."""
    return day_of_run(getattr(config, "as_of", "") or "")


class Categories:
    """The catalog as the CRT and PKG checks read it: a record's categories are found by
    the first check that asks and shared by the others, from the keyword literals the
    engine's scan found in the record (one view per compile, `shared`).

    The view also finds record facts (facts.py) before any check runs: which of its
    categories may apply to a record (`facts`), so that a requirement check is called only
    on records that may hold a category it asks about (`gate`)."""

    __slots__ = ("catalog", "keyword_literals", "_keys_of_literal", "_keys_of_describing")

    def __init__(self, catalog: Catalog, keyword_literals: KeywordLiterals | None = None) -> None:
        self.catalog = catalog
        self.keyword_literals = keyword_literals
        # keyword literal id -> the facts of the categories whose keywords it screens
        owner = catalog.index().words.owner
        self._keys_of_literal = {literal: tuple({(self, owner[keyword]) for keyword in keywords}) for literal, keywords in keyword_literals.keywords_of.items()} if keyword_literals is not None else {}
        # the same, for a literal found in the describing texts: only the keywords that count there
        self._keys_of_describing = {literal: tuple({(self, owner[keyword]) for keyword in keywords}) for literal, keywords in keyword_literals.describing_of.items()} if keyword_literals is not None else {}

    @classmethod
    def shared(cls, context: CompileContext, catalog: Catalog) -> Categories:
        """The one view of CATALOG the rules compiled in CONTEXT share, its keyword literals
        registered with the engine's literal scan and its facts with the engine's."""
        categories = context.shared.get("categories")
        if categories is None or categories.catalog is not catalog:
            categories = context.shared["categories"] = cls(catalog, KeywordLiterals(catalog, context.literals))
            context.fact_finders.append(categories.facts)
        return categories

    def facts(self, record: Record, scan: RecordScan) -> Sequence[Hashable]:
        """The categories that may apply to the record: (self, number) of each one a keyword
        literal in its keyword texts may stand for; `self` (any may) when its product type
        or an attribute may name one, or when the keywords are not read from the scan
        (KeywordLiterals.hits)."""
        index = self.catalog.index()
        if self.keyword_literals is None or record.product_type.strip() in index.by_product_type or not index.by_attribute.keys().isdisjoint(record.attributes):
            return (self,)
        found = self.keyword_literals.found_in(record, scan)
        if found is None:
            return (self,)
        naming, describing = found
        keys, described = self._keys_of_literal, self._keys_of_describing
        return [key for literal in keys.keys() & naming for key in keys[literal]] + [key for literal in described.keys() & describing for key in described[literal]]

    def gate(self, asked: Iterable[tuple[str, bool]]) -> frozenset[Hashable] | None:
        """The facts (see `facts`) one of which a record must hold for one of the ASKED
        categories ((id, certain), RequirementPlan) to apply to it. None: one of them may
        apply to any record (a marketplace-wide category, a keyword without literals).
        A keyword alone makes a category probable, never certain: only the categories asked
        for as probable open the gate by their keywords."""
        index = self.catalog.index()
        if self.keyword_literals is None or not index.marketwide(frozenset()).keys.isdisjoint(asked):
            return None
        probable = {category_id for category_id, certain in asked if not certain}
        numbers = {number for number, category in enumerate(self.catalog.categories) if category.id in probable}
        words = index.words
        if any(words.owner[keyword] in numbers for keyword in words.unscreened):
            return None
        return frozenset((self, *((self, number) for number in numbers)))

    def of(self, record: Record, scan: RecordScan) -> Recognised:
        """The record being checked keeps its categories in its scan; another file's listing
        (asked for by a packaging file's checks), whose texts the scan did not read, in
        the project."""
        if record is scan.record:
            if scan.categories is None:
                hits = self.keyword_literals.hits(record, scan) if self.keyword_literals is not None else None
                scan.categories = self.catalog.recognise(record, hits)
            return scan.categories
        if scan.project is not None:
            return scan.project.memo("categories", record, lambda: self.catalog.recognise(record))
        return self.catalog.recognise(record)

    def documents(self, record: Record, scan: RecordScan) -> list[Certificate]:
        """A listing's documents: its own `certificates:`, those of compliance files for its
        sku, and those Amazon's compliance attributes record (an FCC ID in the FCC columns)."""
        joined = [c for other in scan.project.compliance_for(record) for c in other.certificates] if scan.project is not None else []
        return [*record.certificates, *joined, *self.catalog.attribute_documents(record)]


class KeywordLiterals:
    """The category keywords' literals, looked for by the engine's one literal scan of each
    text (LiteralIndex, the scan the pattern rules' literals share) instead of by a scan of
    the categories' own: a literal id, reported for a text holding one literal of each of
    the keywords' required sets (Keyword.required_sets: 'children' alone does not make
    'children aged 3+' a candidate), names the keywords it screens (`keywords_of`), and,
    found in a describing text (description, search terms), the keywords that count there
    (`describing_of`)."""

    __slots__ = ("keywords_of", "describing_of", "ids")

    def __init__(self, catalog: Catalog, literals: LiteralIndex) -> None:
        words = catalog.index().words
        self.keywords_of = {literals.add_all(required): numbers for required, numbers in words.screened().items()}
        self.describing_of = {literal: described for literal, numbers in self.keywords_of.items() if (described := tuple(n for n in numbers if n in words.describing))}
        self.ids = frozenset(self.keywords_of)

    @staticmethod
    def found_in(record: Record, scan: RecordScan) -> tuple[set[int], set[int]] | None:
        """The literal ids the engine's scan found in the record's naming texts (title,
        bullets) and in its describing ones; None when it did not read one of them (a check
        run outside the engine) or when one holds a look-alike of an ASCII letter, which a
        keyword matches ignoring case but the literal scan may miss
        (textmatch.lower_for_ascii_words)."""
        naming: set[int] = set()
        describing: set[int] = set()
        literals = scan.literals
        for text_field in record.fields(RECOGNITION_FAMILIES):
            present = literals.get(text_field.name)
            text = text_field.text.text
            if present is None or not (text.isascii() or ASCII_LOOKALIKES.search(text) is None):
                return None
            (describing if text_field.family in DESCRIBING_FAMILIES else naming).update(present)
        return naming, describing

    def hits(self, record: Record, scan: RecordScan) -> set[int] | None:
        """Numbers of the keywords one of whose literals is in the record's texts where the
        keyword counts (None: see `found_in`)."""
        found = self.found_in(record, scan)
        if found is None:
            return None
        naming, describing = found
        keywords_of, describing_of = self.keywords_of, self.describing_of
        hit = {number for literal in self.ids.intersection(naming) for number in keywords_of[literal]}
        if describing:
            hit.update(number for literal in describing_of.keys() & describing for number in describing_of[literal])
        return hit


# requirement checks ------------------------------------------------------------------------
def _requirement_check(rule: Rule, check: str, categories: Categories, firm: bool, day: str, context: CompileContext) -> Check:
    what = {"missing-document": "document", "document-coverage": "document", "missing-attribute": "attribute", "not-for-sale": "prohibited"}[check]
    plan = RequirementPlan(categories.catalog, what, firm, day)
    coverage_only = check == "document-coverage"  # reported on the listing's own certificates alone
    # the findings of the records that differ only where nothing reported shows: most
    # listings of a catalog share their categories' reasons and lack the same documents
    details = _Details()

    def run(record: Record, scan: RecordScan) -> Iterable[Finding]:
        if record.kind != "listing" or (coverage_only and not record.certificates):
            return ()
        asked = plan[record.marketplaces]
        if not asked:
            return ()  # nothing of this kind is required on these marketplaces
        recognised = categories.of(record, scan)
        wanted = recognised.among(asked)
        return findings(record, scan, recognised, wanted) if wanted else ()

    def findings(record: Record, scan: RecordScan, recognised: Recognised, wanted: Wanted) -> list[Finding]:
        held: Held = []
        for number, (match, requirements) in enumerate(wanted):
            for place, (requirement, markets) in enumerate(requirements):
                evidence = None
                if requirement.conditional:  # the plan asks an unconditional requirement only at the strength it is reported
                    reported, evidence = requirement.reported(record, firm, match.reason.certain)
                    if not reported:
                        continue
                held.append((number, place, requirement, markets, evidence))
        if not held:
            return []
        certificates = categories.documents(record, scan) if what == "document" else []
        if coverage_only:
            return _coverage(rule, record, wanted, held, certificates)
        # findings at a listing's own age statement, or laser class, are not shared with other listings
        if certificates or any(evidence is not None for *_, evidence in held) or (what == "prohibited" and any(requirement.laser_above is not None for _, _, requirement, _, _ in held)):
            return [_at_reason(rule, record, reason, {"detail": detail}) for reason, detail in _grouped(record, wanted, held, certificates, what)]
        filled = tuple(any(attribute_filled(record, a) for a in requirement.attributes) for _, _, requirement, _, _ in held) if what == "attribute" else ()
        key = (record.marketplaces, recognised.signature(), tuple((number, place) for number, place, _, _, _ in held), filled)
        found = details.get(key)
        if found is None:
            reasons = {id(match.reason): number for number, (match, _) in enumerate(wanted)}
            found = details.keep(key, [(reasons[id(reason)], detail) for reason, detail in _grouped(record, wanted, held, certificates, what)])
        return [_at_reason(rule, record, wanted[number][0].reason, {"detail": detail}) for number, detail in found]

    def gate(marketplaces: tuple[str, ...]) -> frozenset[Any] | None:
        """Not called on records of these marketplaces that cannot hold an asked category."""
        asked = plan[marketplaces]
        if not asked:
            return frozenset()  # nothing of this kind is asked there: never called
        return frozenset((CERTIFICATES,)) if coverage_only else categories.gate(asked)

    context.literal_gates[run] = gate
    return run


Wanted = list[tuple[Match, list[tuple[Requirement, tuple[str, ...]]]]]  # Recognised.among(plan)
# (match number, place in its list, requirement, marketplaces, the age read from the text that decided it)
Held = list[tuple[int, int, Requirement, tuple[str, ...], AgeEvidence | None]]


class _Details(dict):  # type: ignore[type-arg]
    """(number of the match at whose reason a finding points, its detail) of each finding,
    by the signature of what decides them; kept for a bounded number of signatures."""

    def keep(self, key: Any, found: list[tuple[int, str]]) -> list[tuple[int, str]]:
        if len(self) >= MAX_KEPT_SIGNATURES:
            self.clear()  # an unusual catalog: start again rather than grow
        self[key] = found
        return found


MAX_KEPT_SIGNATURES = 4096


def _grouped(record: Record, wanted: Wanted, held: Held, certificates: list[Certificate], what: str) -> list[tuple[Reason, str]]:
    """(where, detail) of each finding: the items one place calls for, by category and reason."""
    groups: dict[Any, tuple[Reason, dict[str, list[str]]]] = {}
    for number, _, requirement, markets, evidence in held:
        match = wanted[number][0]
        if what == "prohibited":
            _add_prohibited(groups, match, requirement, record, markets, evidence)
        elif what == "attribute":
            if not any(attribute_filled(record, a) for a in requirement.attributes):
                _add(groups, match, f"{requirement.label()} for {_markets(markets)}{requirement.dates()}", markets, evidence)
        else:
            missing, _ = _document_status(certificates, requirement, markets)
            if missing:
                _add(groups, match, f"{requirement.label()} for {_markets(missing)}{requirement.dates()}", missing, evidence)
    return [(reason, "; ".join(f"{'; '.join(items)} ({because})" for because, items in by_category.items())) for reason, by_category in groups.values()]


def _coverage(rule: Rule, record: Record, wanted: Wanted, held: Held, certificates: list[Certificate]) -> list[Finding]:
    """A finding on each of the listing's own documents that lacks a directive or standard
    its categories need."""
    coverage: dict[int, tuple[Certificate, list[str]]] = {}
    for number, _, requirement, markets, evidence in held:
        match = wanted[number][0]
        for certificate, gap in _document_status(certificates, requirement, markets)[1]:
            entry = coverage.setdefault(id(certificate), (certificate, []))
            text = f"{gap} ({match.described(markets, evidence)})"
            if text not in entry[1]:
                entry[1].append(text)
    found = []
    for certificate, gaps in coverage.values():
        if certificate not in record.certificates:
            continue  # a compliance file's document: reported there (CRT003 runs on listings only)
        node = certificate.nodes.get("directives") or certificate.nodes.get("standards") or certificate.nodes.get("type") or certificate.node
        found.append(_at_node(rule, node, f"certificates[{certificate.index}]", certificate.type, {"detail": "; ".join(gaps), "type": certificate.type}))
    return found


def _add_prohibited(groups: dict[Any, tuple[Reason, dict[str, list[str]]]], match: Match, requirement: Requirement, record: Record, markets: Sequence[str], evidence: AgeEvidence | None) -> None:
    """A ban; one that depends on the laser class or power points at where the listing states it."""
    item = f"cannot be sold on Amazon {_markets(markets)}: {requirement.note}"
    stated = requirement.laser_above.passed(record) if requirement.laser_above is not None else None
    if stated is None:
        _add(groups, match, item, markets, evidence)
        return
    anchor = Reason(f"{stated.field.name} {stated.text!r}", field=stated.field, begin=stated.begin, end=stated.end, match=stated.text, certain=match.reason.certain)
    _add(groups, match, f"{item} (the listing states {stated.text!r}, beyond {requirement.laser_above.describe()})", markets, evidence, anchor)


def _add(groups: dict[Any, tuple[Reason, dict[str, list[str]]]], match: Match, item: str, markets: Sequence[str], evidence: AgeEvidence | None = None, anchor: Reason | None = None) -> None:
    """Findings at one place are one diagnostic: items grouped by category and reason. A
    requirement an age read from the text decided is reported at that age statement."""
    reason = anchor or (evidence.reason() if evidence is not None else match.reason)
    entry = groups.setdefault(reason.anchor(), (reason, {}))
    items = entry[1].setdefault(match.described(markets, evidence), [])
    if item not in items:
        items.append(item)


def _document_status(certificates: list[Certificate], requirement: Requirement, markets: Sequence[str]) -> tuple[list[str], list[tuple[Certificate, str]]]:
    """Marketplaces with no document of the type at all, and documents that lack coverage."""
    missing: list[str] = []
    lacking: list[tuple[Certificate, str]] = []
    for market in markets:
        candidates = [c for c in certificates if c.type in requirement.documents and c.covers(market)]
        if not candidates:
            missing.append(market)
            continue
        if any(_covers(c, requirement) is None for c in candidates):
            continue
        first = candidates[0]
        gap = _covers(first, requirement)
        if gap is not None and all(l[0] is not first for l in lacking):
            lacking.append((first, gap))
    return missing, lacking


def _covers(certificate: Certificate, requirement: Requirement) -> str | None:
    """None if the document covers the requirement, else what it lacks."""
    have = {d.strip().casefold() for d in certificate.directives}
    absent = [d for d in requirement.directives if d.casefold() not in have]
    if absent:
        return f"{certificate.type} does not name {', '.join(absent)}"
    if requirement.standards and not cites_standard(certificate.standards, requirement.standards):
        wanted = requirement.standards[0] if len(requirement.standards) == 1 else "one of " + ", ".join(requirement.standards)
        return f"{certificate.type} does not cite {wanted}"
    return None


def _markets(markets: Sequence[str]) -> str:
    return ", ".join(markets)


# certificate entries -----------------------------------------------------------------------
def _with_certificates(check: Check, context: CompileContext) -> Check:
    """The check, called only on records that name certificates (most name none)."""

    def run(record: Record, scan: RecordScan) -> Iterable[Finding]:
        return check(record, scan) if record.certificates else ()

    context.literal_gates[run] = frozenset((CERTIFICATES,))  # the engine does not call it on others
    return run


def _date_check(rule: Rule, check: str, today: date, warn_days: int) -> Check:
    def run(record: Record, scan: RecordScan) -> Iterator[Finding]:
        for certificate in record.certificates:
            name = f"certificates[{certificate.index}]"
            dates: dict[str, date | None] = {}
            for key in ("issued", "expires"):
                text = getattr(certificate, key)
                if text:
                    dates[key] = parse_date(text)
                    if check == "invalid-date" and dates[key] is None:
                        yield _at_node(rule, certificate.nodes[key], f"{name}.{key}", text, {"detail": f"{key} {text!r} of {certificate.type} is not a date (YYYY-MM-DD)", "type": certificate.type})
            issued, expires = dates.get("issued"), dates.get("expires")
            if expires is None:
                continue
            node = certificate.nodes["expires"]
            args = {"type": certificate.type, "expires": expires.isoformat(), "as_of": today.isoformat(), "number": certificate.number or "no number"}
            if check == "date-order" and issued is not None and expires < issued:
                yield _at_node(rule, node, f"{name}.expires", certificate.expires, {**args, "detail": f"{certificate.type} expires {expires} before it was issued ({issued})"})
            elif check == "expired" and expires < today:
                yield _at_node(rule, node, f"{name}.expires", certificate.expires, {**args, "detail": f"{certificate.type} ({args['number']}) expired on {expires} (as of {today})"})
            elif check == "expiring" and today <= expires and (expires - today).days <= warn_days:
                days = (expires - today).days
                yield _at_node(rule, node, f"{name}.expires", certificate.expires, {**args, "detail": f"{certificate.type} ({args['number']}) expires on {expires}, in {days} day{'s' if days != 1 else ''} (as of {today}; window {warn_days} days)"})

    return run


def _number_check(rule: Rule, formats: dict[str, re.Pattern[str]]) -> Check:
    def run(record: Record, scan: RecordScan) -> Iterator[Finding]:
        for certificate in record.certificates:
            pattern = formats.get(certificate.type)
            if pattern is None or not certificate.number:
                continue
            if not pattern.fullmatch(certificate.number.strip()):
                node = certificate.nodes["number"]
                yield _at_node(rule, node, f"certificates[{certificate.index}].number", certificate.number, {"type": certificate.type, "detail": f"{certificate.number!r} is not a valid {certificate.type} number"})

    return run


def _file_check(rule: Rule, check: str, config: Any) -> Check:
    def run(record: Record, scan: RecordScan) -> Iterator[Finding]:
        for certificate in record.certificates:
            if not certificate.file:
                continue
            node = certificate.nodes["file"]
            name = f"certificates[{certificate.index}].file"
            status = scan.path_status(record, certificate.file, config)
            if check == "file-outside" and status == "outside":
                yield _at_node(rule, node, name, certificate.file, {"type": certificate.type, "detail": f"{certificate.file!r} points outside the repository ({repository_root(scan.record_path(record), config)})"})
            elif check == "file-missing" and status == "missing":
                yield _at_node(rule, node, name, certificate.file, {"type": certificate.type, "detail": f"{certificate.file!r} does not exist (paths are relative to the listing file's folder)"})

    return run


# safety attestation --------------------------------------------------------------------------
def _attestation_check(rule: Rule, categories: Categories, attestations: dict[str, re.Pattern[str]]) -> Check:
    attributes = frozenset(name.split(".")[0] for name in attestations)  # the top-level ones the record needs

    def run(record: Record, scan: RecordScan) -> Iterable[Finding]:
        if record.kind != "listing" or attributes.isdisjoint(record.attributes):
            return ()
        # an error: only categories known for certain, never ones guessed from keywords
        carrying = [m for m in categories.of(record, scan).matches() if m.category.carries_warnings and m.reason.certain]
        return findings(record, carrying) if carrying else ()

    def findings(record: Record, carrying: list[Match]) -> Iterator[Finding]:
        for name, pattern in attestations.items():
            for node in attribute_values(record, name):
                text = str(node.value).strip() if not isinstance(node.value, bool) else ("true" if node.value else "false")
                if pattern.search(text):
                    why = "; ".join(f"{m.category.name} (because of {m.reason.text})" for m in carrying)
                    yield _at_node(rule, node, f"attributes.{name}", text, {"attribute": name, "detail": f"{name}: {text} says no warnings are needed, but {why} carry warnings by law"})

    return run


# findings ------------------------------------------------------------------------------------
def _at_node(rule: Rule, node: Node, field_name: str, match: str, args: dict[str, Any]) -> Finding:
    """A finding on a value: its text span when it is a string, else the node."""
    if node.text is not None and len(node.text.text) > 0:
        return Finding(rule, TextField(field_name, "certificates", node.text), 0, len(node.text.text), match, args)
    return Finding(rule, None, 0, 0, match, args, node=node, field_name=field_name)


def _at_reason(rule: Rule, record: Record, reason: Reason, args: dict[str, Any]) -> Finding:
    if reason.field is not None:
        return Finding(rule, reason.field, reason.begin, reason.end, reason.match, args)
    node = reason.node or record.node
    name = "product_type" if reason.text.startswith("product_type") else ("marketplaces" if node is record.field_node("marketplaces") else "")
    if node is record.node:
        sku = record.field_node("sku")
        if sku is not None:
            return _at_node(rule, sku, "sku", record.sku, args)
        return Finding(rule, None, 0, 0, "", args, node=node, field_name="sku")
    if reason.text.startswith("attribute "):
        name = "attributes." + reason.text.split()[1]
    return _at_node(rule, node, name, reason.match, args)
