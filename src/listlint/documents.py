"""Listing records: the one shape every reader's output becomes and every rule reads.

A `Listing` holds the normalised fields (sku, marketplaces, product_type, brand, title,
bullets, description, search_terms, attributes ...) as located text, so a rule addresses
`bullets` and never cares whether they came from YAML, JSON or, later, a flat file.
Structure problems found on the way (wrong types, missing sku, unknown keys) become
INP problems at their own line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from .locations import LocatedText, SourceText
from .schemacheck import SchemaIssue, check
from .tree import Node, Problem, ReadResult

EU_MARKETPLACES = ("DE", "FR", "IT", "ES", "NL", "SE", "PL", "BE")
LISTING_KEYS = frozenset(
    ("sku", "marketplaces", "product_type", "brand", "title", "bullets", "description", "search_terms", "attributes", "certificates", "packaging", "kind")
)
_SNIFF_KEYS = LISTING_KEYS - {"description", "kind", "attributes"}
_ISSUE_CODES = {"type": "INP006", "required": "INP012", "unknown": "INP013", "enum": "INP014", "pattern": "INP014", "length": "INP006"}


@dataclass(slots=True)
class TextField:
    """One text value a rule can read: `bullets[2]`, `title`, `attributes.material`."""

    name: str
    family: str
    text: LocatedText


@dataclass(slots=True)
class Listing:
    source: SourceText
    node: Node
    sku: str = ""
    marketplaces: tuple[str, ...] = ()
    product_type: str = ""
    brand: str = ""
    texts: dict[str, list[TextField]] = field(default_factory=dict)  # family -> fields
    items: dict[str, int] = field(default_factory=dict)  # list field -> item count

    def fields(self, families: tuple[str, ...]) -> list[TextField]:
        """The text fields of the given families (or of attributes.NAME), in file order."""
        found: list[TextField] = []
        for family in families:
            if family.startswith("attributes."):
                found.extend(f for f in self.texts.get("attributes", ()) if f.name == family or f.name.startswith(family + "."))
            else:
                found.extend(self.texts.get(family, ()))
        return found

    def field_node(self, name: str) -> Node | None:
        return self.node.value.get(name)


@lru_cache(maxsize=1)
def listing_schema() -> dict[str, Any]:
    return json.loads(resources.files("listlint").joinpath("data/listing.schema.json").read_text("utf-8"))


def listings_from(result: ReadResult, default_marketplaces: tuple[str, ...]) -> list[Listing]:
    """Listing records of a parsed file; problems are appended to `result.problems`."""
    listings: list[Listing] = []
    for document in result.documents:
        for node in _listing_nodes(document, result.problems):
            listings.append(_build(result.source, node, default_marketplaces, result.problems))
    return listings


def looks_like_listing_file(result: ReadResult) -> bool:
    """False for YAML/JSON files of other tools, which are skipped.

    A listing has one of its own keys at the top (sku, title, bullets ...); a JSON Schema
    ($schema), a Kubernetes object (kind: Service) or a GitHub action (name, description,
    runs) has none, or says what else it is.
    """
    for document in result.documents:
        if not isinstance(document.value, dict):
            return True  # a list or scalar at the top is reported, not skipped
        keys = document.value.keys()
        kind = document.value.get("kind")
        if "$schema" in keys or (kind is not None and kind.value != "listing"):
            continue
        if "listings" in keys or _SNIFF_KEYS & keys:
            return True
    return not result.documents


def _listing_nodes(document: Node, problems: list[Problem]) -> list[Node]:
    if not isinstance(document.value, dict):
        problems.append(Problem("INP005", document.start, document.end, {"found": _describe(document)}))
        return []
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
            problems.append(Problem("INP005", item.start, item.end, {"found": f"listings[{index}] is {_describe(item)}"}))
    return nodes


def _describe(node: Node) -> str:
    if isinstance(node.value, list):
        return "a list"
    if node.value is None:
        return "empty"
    return "a single value"


def _build(source: SourceText, node: Node, default_marketplaces: tuple[str, ...], problems: list[Problem]) -> Listing:
    values = node.value
    listing = Listing(source, node)
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
        _add_text(listing, family, family, values.get(family))
    for family in ("bullets", "search_terms"):
        child = values.get(family)
        if child is not None and isinstance(child.value, list):
            listing.items[family] = len(child.value)
            for index, item in enumerate(child.value):
                _add_text(listing, family, f"{family}[{index}]", item)
        else:
            _add_text(listing, family, family, child)
    attributes = values.get("attributes")
    if attributes is not None:
        _add_nested(listing, "attributes", attributes)
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


def expand_marketplaces(codes: Iterable[str]) -> tuple[str, ...]:
    """Marketplace codes in order, without repeats, with EU standing for its member stores."""
    expanded: list[str] = []
    for code in codes:
        for one in EU_MARKETPLACES if code == "EU" else (code,):
            if one not in expanded:
                expanded.append(one)
    return tuple(expanded)


def _add_text(listing: Listing, family: str, name: str, node: Node | None) -> None:
    if node is not None and node.text is not None:
        listing.texts.setdefault(family, []).append(TextField(name, family, node.text))


def _add_nested(listing: Listing, name: str, node: Node) -> None:
    """Every string under attributes, named by its path (attributes.safety.warning)."""
    stack = [(name, node)]
    while stack:
        path, current = stack.pop()
        if isinstance(current.value, dict):
            stack.extend(reversed([(f"{path}.{k}", v) for k, v in current.value.items()]))
        elif isinstance(current.value, list):
            stack.extend(reversed([(f"{path}[{i}]", v) for i, v in enumerate(current.value)]))
        else:
            _add_text(listing, "attributes", path, current)
