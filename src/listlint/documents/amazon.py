"""Amazon's own listing formats (SP-API JSON, inventory flat files) as Records.

Both formats name values by Amazon attribute (`item_name`, `bullet_point`,
`generic_keyword` ...) and may tag each value with a marketplace. Readers collect
`AmazonValue`s; `build_records` turns them into the normalised record every rule reads:

    item_name -> title          bullet_point -> bullets        product_description -> description
    brand -> brand              generic_keyword -> search_terms
    anything else -> attributes.NAME (compliance attributes such as
                     cpsia_cautionary_statement, gpsr_manufacturer_reference, battery ...)

Marketplaces: values tagged with different marketplaces are checked against each
marketplace's own rules. One Record is built per group of marketplaces that see exactly
the same values (a value without a marketplace belongs to every group); a payload whose
values are all for the US is one Record for US, a payload with an English and a German
title is two Records, US and DE. Untagged payloads use the configured marketplaces. A
value shared by several Records is the same located text in each, and the engine
reports a finding on one place once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..lean_dataclass import lean_dataclass
from ..locations import SourceText
from ..records import Record
from ..tree import Node
from .listing import _add_nested

# Amazon marketplace IDs of the marketplaces listlint has rules for (SP-API docs,
# "Marketplace IDs"; shared/research/amazon-policy.md section 7.3).
MARKETPLACE_IDS = {
    "ATVPDKIKX0DER": "US",
    "A2EUQ1WTGCTBG2": "CA",
    "A1AM78C64UM0Y8": "MX",
    "A1F83G8C2ARO7P": "UK",
    "A1PA6795UKMFR9": "DE",
    "A13V1IB3VIYZZH": "FR",
    "APJ6JRA9NG5V4": "IT",
    "A1RKKUPIHCS9HS": "ES",
    "A1805IZSGTT6HS": "NL",
    "A2NODRKZP88ZB9": "SE",
    "A1C3SOZRARQ6R3": "PL",
    "AMEN7PMS3EDWL": "BE",
    "A1VC38T7YXB528": "JP",
    "A39IBJ37TRP1C6": "AU",
}
# Real Amazon marketplaces listlint has no rules for yet: their values are checked as if
# untagged, with a warning that says so.
OTHER_MARKETPLACE_IDS = {
    "A2Q3Y263D00KWC": "BR",
    "A28R8C7NBKEWEA": "IE",
    "AE08WJ6YKNBMC": "ZA",
    "ARBP9OOSHTCHU": "EG",
    "A33AVAJ2PDY3EV": "TR",
    "A17E79C6D8DWNP": "SA",
    "A2VIGQ35RCS4UG": "AE",
    "A21TJRUUN4KGV": "IN",
    "A19VAU5U5O7RUS": "SG",
}
FAMILY_OF = {
    "item_name": "title",
    "brand": "brand",
    "bullet_point": "bullets",
    "product_description": "description",
    "generic_keyword": "search_terms",
}
TAG_KEYS = ("marketplace_id", "language_tag")


@lean_dataclass(slots=True, eq=False)
class AmazonValue:
    """One value of one attribute: a scalar node, or a dict/list node for structured values."""

    attribute: str
    node: Node
    marketplace: str = ""  # a marketplace code; "" = every marketplace of the record
    language: str = ""  # from the value's language_tag (de_DE -> de); "" = the marketplace's


def unknown_marketplace_detail(marketplace_id: str) -> str:
    """Why a marketplace_id is not used for rules (for the INP warning)."""
    other = OTHER_MARKETPLACE_IDS.get(marketplace_id)
    if other:
        return f"is Amazon {other}, a marketplace listlint has no rules for"
    return "is not an Amazon marketplace ID"


def build_records(
    source: SourceText,
    whole: Node,
    values: list[AmazonValue],
    default_marketplaces: tuple[str, ...],
    *,
    sku: str = "",
    extra: dict[str, Node] | None = None,
    product_type: str = "",
    spec: Any = None,
) -> list[Record]:
    """Records for one listing's values: one per group of marketplaces seeing the same values."""
    tagged: list[str] = []
    for value in values:
        if value.marketplace and value.marketplace not in tagged:
            tagged.append(value.marketplace)
    groups: dict[tuple[int, ...], tuple[list[str], list[AmazonValue]]] = {}
    if not tagged:
        groups[()] = (list(default_marketplaces), values)
    for marketplace in tagged:
        chosen = [v for v in values if v.marketplace in ("", marketplace)]
        groups.setdefault(tuple(id(v) for v in chosen), ([], chosen))[0].append(marketplace)
    return [_record(source, whole, tuple(marketplaces), chosen, sku, extra or {}, product_type, spec) for marketplaces, chosen in groups.values()]


def _record(
    source: SourceText,
    whole: Node,
    marketplaces: tuple[str, ...],
    values: list[AmazonValue],
    sku: str,
    extra: dict[str, Node],
    product_type: str,
    spec: Any,
) -> Record:
    fields: dict[str, Node] = dict(extra)
    record = Record(source, Node(fields, whole.start, whole.end, key_start=whole.key_start, key_end=whole.key_end))
    record.sku = sku
    record.marketplaces = marketplaces
    record.product_type = product_type
    if spec is not None and hasattr(record, "spec"):
        record.spec = spec
    by_family: dict[str, list[Node]] = {}
    attributes: dict[str, list[Node]] = {}
    language_of = {id(value.node): value.language for value in values if value.language}
    for value in values:
        family = FAMILY_OF.get(value.attribute)
        if family is not None and isinstance(value.node.value, str):
            by_family.setdefault(family, []).append(value.node)
        else:
            attributes.setdefault(value.attribute, []).append(value.node)
    for family in ("title", "brand", "description", "search_terms", "bullets"):
        nodes = by_family.get(family)
        if not nodes:
            continue
        if family == "bullets" or (family == "search_terms" and len(nodes) > 1):
            fields[family] = Node(nodes, nodes[0].start, nodes[-1].end)
            record.items[family] = len(nodes)
            for index, node in enumerate(nodes):
                record.add_text(family, f"{family}[{index}]", node, language_of.get(id(node), ""))
        else:
            fields[family] = nodes[0]
            for index, node in enumerate(nodes):
                record.add_text(family, family if index == 0 else f"{family}[{index}]", node, language_of.get(id(node), ""))
    if "brand" in fields:
        record.brand = fields["brand"].value
    if attributes:
        merged = {name: nodes[0] if len(nodes) == 1 else Node(nodes, nodes[0].start, nodes[-1].end) for name, nodes in attributes.items()}
        first = min((n.start for n in merged.values()), default=whole.start)
        node = Node(merged, first, max((n.end for n in merged.values()), default=whole.end))
        fields["attributes"] = node
        if hasattr(record, "attributes"):
            record.attributes = dict(merged)
        _add_nested(record, "attributes", node)
    return record


def simplify(node: Node) -> Node:
    """An SP-API value object reduced to what a rule reads.

    `{"value": x, "language_tag": .., "marketplace_id": ..}` becomes x; other objects lose
    their language_tag and marketplace_id; a one-item list becomes its item. So
    `battery: [{"cell_composition": [{"value": "lithium_ion"}]}]` reads as
    attributes.battery.cell_composition.
    """
    value = node.value
    if isinstance(value, dict):
        keys = [k for k in value if k not in TAG_KEYS]
        if keys == ["value"]:
            return simplify(value["value"])
        if len(keys) == len(value):
            children = {k: simplify(v) for k, v in value.items()}
        else:
            children = {k: simplify(value[k]) for k in keys}
        if all(children[k] is value[k] for k in children) and len(children) == len(value):
            return node
        return Node(children, node.start, node.end, key_start=node.key_start, key_end=node.key_end)
    if isinstance(value, list):
        if len(value) == 1:
            return simplify(value[0])
        items = [simplify(v) for v in value]
        if all(a is b for a, b in zip(items, value)):
            return node
        return Node(items, node.start, node.end, key_start=node.key_start, key_end=node.key_end)
    return node


def marketplace_code(marketplace_id: Any) -> str | None:
    """The code of a marketplace ID listlint has rules for, or None."""
    return MARKETPLACE_IDS.get(marketplace_id) if isinstance(marketplace_id, str) else None


def texts_of(values: Iterable[AmazonValue]) -> list[str]:
    return [v.node.value for v in values if isinstance(v.node.value, str)]
