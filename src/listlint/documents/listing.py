"""Listing documents: a YAML/JSON mapping (or a `listings:` list of them) as Records.

Structure problems found on the way (wrong types, missing sku, unknown keys) become INP
problems at their own line; the JSON Schema shipped in data/listing.schema.json is the
contract (`listlint schema`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..shipped import data_json
from ..records import Record, expand_marketplaces
from ..schemacheck import SchemaIssue, check
from ..tree import Node, Problem, ReadResult, describe
from .certificates import certificates_from

LISTING_KEYS = frozenset(
    ("sku", "marketplaces", "product_type", "brand", "title", "bullets", "description", "search_terms", "attributes", "certificates", "packaging", "kind")
)
# keys that say "this is a listing" when sniffing other tools' YAML (not description: GitHub actions have one)
SNIFF_KEYS = LISTING_KEYS - {"description", "kind", "attributes"}
_ISSUE_CODES = {"type": "INP006", "required": "INP012", "unknown": "INP013", "enum": "INP014", "pattern": "INP014", "length": "INP006"}


@lru_cache(maxsize=1)
def listing_schema() -> dict[str, Any]:
    return data_json("listing.schema.json")


def listing_records(result: ReadResult, document: Node, default_marketplaces: tuple[str, ...]) -> list[Record]:
    """The listings of one document: itself, or each item of its `listings:` list."""
    return [_build(result.source, node, default_marketplaces, result.problems) for node in _listing_nodes(document, result.problems)]


def _listing_nodes(document: Node, problems: list[Problem]) -> list[Node]:
    if "listings" not in document.value:
        return [document]
    container = document.value["listings"]
    others = [k for k in document.value if k != "listings"]
    for key in others:
        node = document.value[key]
        problems.append(Problem("INP013", node.key_start, node.key_end, {"detail": f"unknown field '{key}' beside 'listings'"}))
    if not isinstance(container.value, list):
        problems.append(Problem("INP006", container.start, container.end, {"field": "listings", "detail": "must be a list of listings"}))
        return []
    nodes = []
    for index, item in enumerate(container.value):
        if isinstance(item.value, dict):
            nodes.append(item)
        else:
            problems.append(Problem("INP005", item.start, item.end, {"found": f"listings[{index}] is {describe(item)}"}))
    return nodes


def _build(source: Any, node: Node, default_marketplaces: tuple[str, ...], problems: list[Problem]) -> Record:
    values = node.value
    listing = Record(source, node)
    listing.sku = _text(values.get("sku")) or (str(values["sku"].value) if "sku" in values and values["sku"].value is not None else "")
    start = len(problems)
    schema = listing_schema()
    for issue in check(node, schema["$defs"]["listing"], schema):
        problems.append(_problem(issue))
    for problem in problems[start:]:
        problem.sku = listing.sku
    listing.marketplaces = _marketplaces(values.get("marketplaces"), default_marketplaces)
    listing.product_type = _text(values.get("product_type"))
    listing.brand = _text(values.get("brand"))
    for family in ("title", "description", "brand"):
        listing.add_text(family, family, values.get(family))
    for family in ("bullets", "search_terms"):
        child = values.get(family)
        if child is not None and isinstance(child.value, list):
            listing.items[family] = len(child.value)
            for index, item in enumerate(child.value):
                listing.add_text(family, f"{family}[{index}]", item)
        else:
            listing.add_text(family, family, child)
    attributes = values.get("attributes")
    if attributes is not None:
        _add_nested(listing, "attributes", attributes)
        if isinstance(attributes.value, dict):
            listing.attributes = dict(attributes.value)
    listing.certificates = certificates_from(values.get("certificates"))
    listing.packaging = values.get("packaging")
    return listing


def _problem(issue: SchemaIssue) -> Problem:
    node = issue.node
    start, end = (node.key_start, node.key_end) if issue.on_key and node.key_start >= 0 else (node.start, node.end)
    if issue.kind == "required" and node.key_start >= 0:
        start, end = node.key_start, node.key_end
    return Problem(_ISSUE_CODES[issue.kind], start, end, {"field": issue.path, "detail": issue.message}, field=issue.path)


def _text(node: Node | None) -> str:
    return node.value if node is not None and isinstance(node.value, str) else ""


def _marketplaces(node: Node | None, default: tuple[str, ...]) -> tuple[str, ...]:
    if node is None or not isinstance(node.value, list):
        return default
    return expand_marketplaces(item.value for item in node.value if isinstance(item.value, str))


def _add_nested(record: Record, name: str, node: Node) -> None:
    """Every string under attributes, named by its path (attributes.safety.warning)."""
    stack = [(name, node)]
    while stack:
        path, current = stack.pop()
        if isinstance(current.value, dict):
            stack.extend(reversed([(f"{path}.{k}", v) for k, v in current.value.items()]))
        elif isinstance(current.value, list):
            stack.extend(reversed([(f"{path}[{i}]", v) for i, v in enumerate(current.value)]))
        else:
            record.add_text("attributes", path, current)
