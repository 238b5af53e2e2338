"""kind: packaging. What the box, labels and inserts must show (PKG).

Packaging records (`kind: packaging` files, see documents/packaging.py) are checked
against the listings they belong to, found across files by the project phase
(project.py): the categories of those listings and the marketplaces they are sold in
decide which markings, warnings and responsible-person details the packaging needs.
A listing's inline `packaging:` mapping is checked the same way, in the listing file.

Option `check`:

* `missing-marking`, `warning-wording` (a required warning missing, or written in other
  words than the required ones), `missing-party` (manufacturer, EU / UK responsible
  person, or one without postal and electronic address): requirement checks, split by
  `evidence: firm|weak` as in the certificates kind.
* `unmatched-sku`: a packaging file whose sku matches no listing (only said when the run
  covers whole folders; a pre-commit batch may simply not include the listing).
* `duplicate-packaging`: two packaging files (or a file and an inline spec) for one sku.
* `packaging-file`: a listing's `packaging:` path that does not exist or leaves the
  repository.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..categories import Requirement, RequirementPlan, load_catalog, normalise_wording
from ..documents.packaging import PackagingSpec, spec_from
from ..facts import PACKAGING
from ..records import Record
from ..rules import Rule
from ..tree import Node
from .base import Check, CompileContext, Finding, RecordScan
from ..repository import repository_root
from .certificates import Categories, _at_node, as_of

OPTIONS: frozenset[str] = frozenset(("check", "evidence"))
REQUIREMENT_CHECKS = {"missing-marking": "marking", "warning-wording": "warning", "missing-party": "packaging_field"}


def compile(rule: Rule, context: CompileContext) -> Check:
    check = context.option(rule, "check")
    config = context.config
    catalog = load_catalog(getattr(config, "rulesets", ()) or ())
    firm = context.option(rule, "evidence", "firm") == "firm"
    if check in REQUIREMENT_CHECKS:
        checked = _requirement_check(rule, REQUIREMENT_CHECKS[check], Categories.shared(context, catalog), firm, as_of(config).isoformat())
    elif check == "unmatched-sku":
        return _unmatched(rule)
    elif check == "duplicate-packaging":
        checked = _duplicates(rule)
    elif check == "packaging-file":
        checked = _packaging_file(rule, config)
    else:
        raise rule.error(f"check {check!r} does not belong to kind 'packaging'", "check")
    # these look only at packaging records and at listings with a packaging of their own
    context.literal_gates[checked] = frozenset((PACKAGING,))
    return checked


def _spec_and_listings(record: Record, scan: RecordScan) -> tuple[PackagingSpec | None, list[Record]]:
    """The packaging spec a record carries and the listings it belongs to."""
    if record.kind == "packaging":
        listings = scan.project.listings_for(record) if scan.project is not None else []
        return record.spec, listings
    if record.kind == "listing" and record.packaging is not None and isinstance(record.packaging.value, dict):
        return spec_from(record.packaging, inline=True), [record]
    return None, []


def _requirement_check(rule: Rule, what: str, categories: Categories, firm: bool, day: str) -> Check:
    plan = RequirementPlan(categories.catalog, what, firm, day)

    def run(record: Record, scan: RecordScan) -> Iterable[Finding]:
        if record.kind == "listing" and record.packaging is None:
            return ()  # most listings: no packaging to check
        spec, listings = _spec_and_listings(record, scan)
        return findings(record, scan, spec, listings) if spec is not None and listings else ()

    def findings(record: Record, scan: RecordScan, spec: PackagingSpec, listings: list[Record]) -> Iterator[Finding]:
        allowed = set(spec.marketplaces) if spec.marketplaces else None
        if record.kind == "packaging" and allowed is None:
            allowed = set(record.marketplaces) if _explicit_marketplaces(record) else None
        gaps: dict[Any, tuple[Node, str, list[str]]] = {}
        for listing in listings:
            asked = plan[listing.marketplaces]
            if not asked:
                continue
            for match, requirements in categories.of(listing, scan).among(asked):
                for requirement, on_markets in requirements:
                    markets = [m for m in on_markets if allowed is None or m in allowed]
                    if not markets:
                        continue
                    reported, evidence = requirement.reported(listing, firm, match.reason.certain)
                    if not reported:
                        continue
                    for node, text in _gaps(requirement, spec, record):
                        because = match.described(markets, evidence) + ("" if listing is record else f" in {listing.source.path} ({listing.sku})")
                        entry = gaps.setdefault(id(node), (node, node_name(record, spec, node), []))
                        line = f"{text} for {', '.join(markets)} ({because})"
                        if line not in entry[2]:
                            entry[2].append(line)
        for node, name, items in gaps.values():
            yield _at_node(rule, node, name, _match_text(node), {"detail": "; ".join(items)})

    return run


def _explicit_marketplaces(record: Record) -> bool:
    return isinstance(record.node.value, dict) and "marketplaces" in record.node.value


def _gaps(requirement: Requirement, spec: PackagingSpec, record: Record) -> list[tuple[Node, str]]:
    """(where, what is wrong) for a requirement the packaging does not meet."""
    base = spec.node or record.node
    values = base.value if isinstance(base.value, dict) else {}
    if requirement.markings:
        if any(m in spec.markings for m in requirement.markings):
            return []
        return [(values.get("markings") or base, f"marking {requirement.label()} missing")]
    if requirement.packaging_field:
        name = requirement.packaging_field
        if not spec.has(name):
            return [(values.get(name) or base, f"{name} missing")]
        lacks = spec.incomplete(name)
        if lacks and name in ("manufacturer", "eu_responsible_person", "uk_responsible_person"):
            return [(values[name], f"{name} lacks {', '.join(lacks)}")]
        return []
    warning = requirement.warning or {}
    wording = [normalise_wording(w) for w in warning.get("wording", ())]
    detect = [normalise_wording(w) for w in warning.get("detect", ())]
    attempted = []
    for text, node in spec.warnings:
        normal = normalise_wording(text)
        if all(w in normal for w in wording):
            return []
        if any(d in normal for d in detect):
            attempted.append(node)
    shown = " / ".join(warning.get("wording", ()))
    if attempted:
        return [(node, f"{warning['id']} warning not in the required wording \"{shown}\"") for node in attempted]
    if warning.get("required", True):
        return [(values.get("warnings") or base, f"{warning['id']} warning missing (required wording \"{shown}\")")]
    return []


def node_name(record: Record, spec: PackagingSpec, node: Node) -> str:
    prefix = "packaging." if spec.inline else ""
    base = spec.node or record.node
    if isinstance(base.value, dict):
        for key, child in base.value.items():
            if child is node:
                return prefix + key
            if isinstance(child.value, list):
                for index, item in enumerate(child.value):
                    if item is node:
                        return f"{prefix}{key}[{index}]"
    return prefix.rstrip(".") or "kind"


def _match_text(node: Node) -> str:
    return node.value if isinstance(node.value, str) else ""


def _unmatched(rule: Rule) -> Check:
    def run(record: Record, scan: RecordScan) -> Iterator[Finding]:
        if record.kind != "packaging" or scan.project is None or scan.project.listings_for(record):
            return
        # a pre-commit batch may lack the listing: only say so when the run covers whole
        # folders, or when the packaging sits in a file of listings none of which is its own
        own_file = scan.project.path_of(record)
        beside = any(r.kind == "listing" for r in scan.project.records_in(own_file)) if own_file else False
        if not (scan.project.complete or beside):
            return
        values = record.node.value
        node = values.get("sku") or values.get("skus") or record.node
        skus = ", ".join(record.spec.skus) or "(none)"
        yield _at_node(rule, node, "sku" if "sku" in values else "skus" if "skus" in values else "kind", record.sku, {"detail": f"sku {skus} matches no listing in the files checked"})

    return run


def _duplicates(rule: Rule) -> Check:
    def run(record: Record, scan: RecordScan) -> Iterable[Finding]:
        if scan.project is None or (record.kind == "listing" and record.packaging is None):
            return ()  # most listings: no packaging of their own
        return findings(record, scan.project)

    def findings(record: Record, project: Any) -> Iterator[Finding]:
        if record.kind == "packaging":
            here = project.path_of(record)
            for sku in record.spec.skus:
                others = [r for r in project.packaging_by_sku.get(sku, ()) if r is not record]
                for listing in project.listings_by_sku.get(sku, ()):
                    path = project.packaging_path(listing)
                    if path is not None and path != here:
                        others += [r for r in project.packaging_by_path.get(path, ()) if r is not record and r not in others]
                    if listing.packaging is not None and isinstance(listing.packaging.value, dict):
                        others.append(listing)
                if others:
                    where = ", ".join(sorted({o.source.path for o in others}))
                    yield _at_node(rule, _sku_node(record, sku), "sku", sku, {"detail": f"sku {sku} also has packaging in {where}"})
        elif record.kind == "listing" and record.packaging is not None and isinstance(record.packaging.value, dict) and record.sku:
            others = project.packaging_by_sku.get(record.sku, [])
            if others:
                where = ", ".join(sorted({o.source.path for o in others}))
                yield _at_node(rule, record.packaging, "packaging", "", {"detail": f"sku {record.sku} also has packaging in {where}"})

    return run


def _sku_node(record: Record, sku: str) -> Node:
    values = record.node.value
    if "sku" in values and values["sku"].value == sku:
        return values["sku"]
    if "skus" in values and isinstance(values["skus"].value, list):
        for item in values["skus"].value:
            if item.value == sku:
                return item
    return record.node


def _packaging_file(rule: Rule, config: Any) -> Check:
    def run(record: Record, scan: RecordScan) -> Iterable[Finding]:
        node = record.packaging
        if record.kind != "listing" or node is None or not isinstance(node.value, str) or not node.value.strip():
            return ()
        return findings(record, scan, node)

    def findings(record: Record, scan: RecordScan, node: Node) -> Iterator[Finding]:
        here = scan.record_path(record)
        status = scan.path_status(record, node.value.strip(), config)
        if status == "outside":
            yield _at_node(rule, node, "packaging", node.value, {"detail": f"packaging {node.value!r} points outside the repository ({repository_root(here, config)})"})
        elif status == "missing":
            yield _at_node(rule, node, "packaging", node.value, {"detail": f"packaging file {node.value!r} does not exist (relative to the listing file's folder)"})

    return run
