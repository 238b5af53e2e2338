"""`listlint requirements`: what a product needs before it is listed, with sources.

Given a product type and/or keywords (and attribute values) and the marketplaces, the
categories that apply are found exactly as for a listing (categories.py) and their
requirements are listed per marketplace: documents (with the directives or standards
they must name), listing attributes, packaging markings, warnings and packaging fields,
each with its sources and whether it is firm (an error when missing) or a warning: backed
only by secondary or unverified sources, or of a category recognised by keywords alone
(probable). A product that cannot be sold on a marketplace at all says so first. Dated
requirements count when in force on --as-of (default today).
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from .lean_dataclass import lean_dataclass
from .categories import AgeEvidence, Catalog, Match, Requirement, load_catalog
from .locations import SourceText
from .records import Record, expand_marketplaces


@lean_dataclass(slots=True)
class Needed:
    marketplace: str
    requirement: Requirement
    certain: bool = True
    stated: str = ""  # what the product states that decided it: a laser class or power ("Class 3R"), an age
    aged: bool = False  # decided by an age read from the keywords (probable)

    @property
    def severity(self) -> str:
        return "error" if self.requirement.firm and self.certain else "warning"


def probe_record(product_type: str, keywords: list[str], attributes: dict[str, Any], marketplaces: tuple[str, ...]) -> Record:
    """A listing standing for the product described on the command line."""
    from .readers.yaml_reader import read_yaml
    import yaml

    document: dict[str, Any] = {"sku": "REQUIREMENTS"}
    if product_type:
        document["product_type"] = product_type
    if keywords:
        document["title"] = " ".join(keywords)
    if attributes:
        document["attributes"] = attributes
    source = SourceText("(command line)", yaml.safe_dump(document, allow_unicode=True, sort_keys=False))
    result = read_yaml(source)
    from .documents.listing import listing_records

    record = listing_records(result, result.documents[0], marketplaces)[0]
    record.marketplaces = marketplaces
    return record


def needed(catalog: Catalog, record: Record, day: str = "") -> tuple[list[Match], list[Needed]]:
    """The categories that apply and what they require per marketplace on DAY (default today)."""
    day = day or date.today().isoformat()
    matches = catalog.match(record)
    found: list[Needed] = []
    for market in record.marketplaces:
        for match in matches:
            for requirement in match.category.requirements:
                if market not in requirement.marketplaces or not requirement.in_force(day):
                    continue
                held, evidence = requirement.decide(record)
                if held:
                    found.append(Needed(market, requirement, match.reason.certain and evidence is None, _stated(requirement, record, evidence), evidence is not None))
    # marketplace-wide categories (GPSR, EPR) only when they require something here
    used = {id(n.requirement.category) for n in found}
    return [m for m in matches if not m.category.always or id(m.category) in used], found


def _stated(requirement: Requirement, record: Record, evidence: AgeEvidence | None) -> str:
    """What the product states that decided the requirement: its laser class or power, an age read from the keywords."""
    if evidence is not None:
        return f"age {evidence.statement.years:g} read from the keywords {evidence.statement.text!r}: {evidence.condition.bounds()}"
    statement = requirement.laser_above.passed(record) if requirement.laser_above is not None else None
    return "" if statement is None else f"{statement.text} is beyond {requirement.laser_above.describe()}"


PROBABLE = "probable: give --product-type or --attribute to make it certain"


def _because(match: Match, items: list[Needed]) -> str:
    """Why the category applies (a marketplace-wide one: the marketplaces where it requires
    something); positions in the probe listing mean nothing to the user."""
    if match.category.always:
        return match.because(dict.fromkeys(n.marketplace for n in items if n.requirement.category is match.category))
    text = re.sub(r" at \d+:\d+", "", match.reason.text)
    return text + " given on the command line" if match.reason.text.startswith("attribute ") else text


def as_json(matches: list[Match], items: list[Needed]) -> str:
    data = {
        "version": 1,
        "categories": [{"id": m.category.id, "name": m.category.name, "because": _because(m, items), "certain": m.reason.certain} for m in matches],
        "requirements": [
            {
                "marketplace": n.marketplace,
                "category": n.requirement.category.id,
                "what": n.requirement.what,
                "item": n.requirement.label(),
                "documents": list(n.requirement.documents),
                "directives": list(n.requirement.directives),
                "standards": list(n.requirement.standards),
                "attributes": list(n.requirement.attributes),
                "markings": list(n.requirement.markings),
                "packaging_field": n.requirement.packaging_field,
                "warning": n.requirement.warning,
                "note": n.requirement.note,
                "severity": n.severity,
                "stated": n.stated,
                "valid_from": n.requirement.valid_from,
                "valid_until": n.requirement.valid_until,
                "sources": [{"url": s.url, "title": s.title, "as_of": s.as_of, "strength": s.strength} for s in n.requirement.sources],
            }
            for n in items
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def as_text(matches: list[Match], items: list[Needed]) -> str:
    if not matches:
        return "No product category recognised: give an Amazon product type (--product-type) or keywords (--keywords).\n"
    lines = ["Categories:"]
    for match in matches:
        lines.append(f"  {match.category.id}: {match.category.name} [{_because(match, items)}{'' if match.reason.certain else '; ' + PROBABLE}]")
    markets = list(dict.fromkeys(n.marketplace for n in items))
    for market in markets:
        lines += ["", f"{market}:"]
        for what, title in (("prohibited", "cannot be sold"), ("document", "documents"), ("attribute", "listing attributes"), ("marking", "packaging markings"), ("warning", "packaging warnings"), ("packaging_field", "packaging details")):
            group = [n for n in items if n.marketplace == market and n.requirement.what == what]
            if not group:
                continue
            lines.append(f"  {title}:")
            for n in group:
                requirement = n.requirement
                flag = "" if n.severity == "error" else " (age from the keywords: warning)" if n.aged and requirement.firm else " (probable category: warning)" if requirement.firm else " (unverified: warning)"
                stated = f" ({n.stated})" if n.stated else ""
                lines.append(f"    - {requirement.label()}: {requirement.note}{stated}{requirement.dates()}{flag} [{requirement.category.id}]")
                if requirement.warning:
                    lines.append(f"      wording: {' / '.join(requirement.warning['wording'])}")
                for source in requirement.sources:
                    lines.append(f"      source: {source.title + ' ' if source.title else ''}<{source.url}> ({source.strength}, {source.as_of})")
    return "\n".join(lines) + "\n"


def unknown_product_type_note(product_type: str, extra: tuple[Path, ...] = ()) -> str:
    """'' for no or a known product type; a note for a name listlint has no entry for
    (Amazon's list is not public, so it may be real). A near miss of a known name
    (HEADPHONE for HEADPHONES) is a SetupError with the suggestion: exit 2."""
    from .errors import SetupError
    from .product_type_names import known_product_types, near_miss

    known = known_product_types(extra)
    if not product_type or product_type in known:
        return ""
    suggestion = near_miss(product_type, known)
    if suggestion is not None:
        raise SetupError("", 0, 0, f"--product-type: unknown Amazon product type {product_type!r} (did you mean {suggestion!r}?)")
    return f"product type {product_type!r} is not among the {len(known)} Amazon product types listlint knows (that list is not complete); no category is recognised by it"


def requirements_report(product_type: str, keywords: list[str], attributes: dict[str, Any], marketplaces: tuple[str, ...], output: str, extra: tuple[Path, ...] = (), day: str = "") -> str:
    catalog = load_catalog(extra)
    record = probe_record(product_type, keywords, attributes, expand_marketplaces(marketplaces))
    matches, items = needed(catalog, record, day)
    return as_json(matches, items) if output == "json" else as_text(matches, items)
