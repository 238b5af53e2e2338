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
from ..records import Record, TextField
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
    return [
        shaped_record(source, whole, tuple(marketplaces), shape_of(_shape_key(chosen)), [v.node for v in chosen], sku, extra or {}, product_type, spec)
        for marketplaces, chosen in groups.values()
    ]


def _shape_key(values: list[AmazonValue]) -> tuple[tuple[str, bool, str], ...]:
    """What RecordShape needs to know of each value: its attribute, whether it is a string
    (a text of its family) and its language (a node's language is its value's)."""
    language_of = {id(value.node): value.language for value in values if value.language}
    return tuple((value.attribute, isinstance(value.node.value, str), language_of.get(id(value.node), "")) for value in values)


_FAMILY_ORDER = ("title", "brand", "description", "search_terms", "bullets")


class RecordShape:
    """Where each value of a listing (by its place in the values) goes in its Record: the
    family it is a text of, under which text field name and language, or the attribute it
    is (part of). A catalog's listings, and above all a flat file's rows, give their values
    in a few orders of attributes: the shape of each order is worked out once (shape_of),
    and a record is filled from it without sorting its values again."""

    __slots__ = ("families", "attributes")

    def __init__(self, key: tuple[tuple[str, bool, str], ...]) -> None:
        by_family: dict[str, list[int]] = {}
        by_attribute: dict[str, list[int]] = {}
        for place, (attribute, is_text, _language) in enumerate(key):
            family = FAMILY_OF.get(attribute)
            if family is not None and is_text:
                by_family.setdefault(family, []).append(place)
            else:
                by_attribute.setdefault(attribute, []).append(place)
        # (family, places, whether a list node, each place's text field name and language)
        self.families = tuple(_family_slot(family, by_family[family], key) for family in _FAMILY_ORDER if family in by_family)
        # (attribute, places, each place's text field name when every value is a string; else None: walked)
        self.attributes = tuple((name, tuple(places), _attribute_names(name, places, key)) for name, places in by_attribute.items())


def _family_slot(family: str, places: list[int], key: tuple[tuple[str, bool, str], ...]) -> tuple[str, tuple[int, ...], bool, tuple[tuple[str, str], ...]]:
    as_list = family == "bullets" or (family == "search_terms" and len(places) > 1)
    names = [f"{family}[{index}]" if as_list or index else family for index in range(len(places))]
    return family, tuple(places), as_list, tuple((name, key[place][2]) for name, place in zip(names, places))


def _attribute_names(name: str, places: list[int], key: tuple[tuple[str, bool, str], ...]) -> tuple[str, ...] | None:
    if not all(key[place][1] for place in places):
        return None
    if len(places) == 1:
        return (f"attributes.{name}",)
    return tuple(f"attributes.{name}[{index}]" for index in range(len(places)))


_SHAPES: dict[tuple[tuple[str, bool, str], ...], RecordShape] = {}
_MAX_SHAPES = 4096


def shape_of(key: tuple[tuple[str, bool, str], ...]) -> RecordShape:
    """The shape of values given as `key` ((attribute, is a string, language) each), made once."""
    shape = _SHAPES.get(key)
    if shape is None:
        if len(_SHAPES) >= _MAX_SHAPES:  # values in ever new orders (generated tests): start again
            _SHAPES.clear()
        shape = _SHAPES[key] = RecordShape(key)
    return shape


def shaped_record(
    source: SourceText,
    whole: Node,
    marketplaces: tuple[str, ...],
    shape: RecordShape,
    nodes: list[Node],
    sku: str,
    extra: dict[str, Node],
    product_type: str,
    spec: Any = None,
) -> Record:
    """The Record of one group of values (`nodes`, in the order `shape` was made for)."""
    fields: dict[str, Node] = dict(extra)
    record = Record(source, Node(fields, whole.start, whole.end, key_start=whole.key_start, key_end=whole.key_end))
    record.sku = sku
    record.marketplaces = marketplaces
    record.product_type = product_type
    if spec is not None:
        record.spec = spec
    texts = record.texts
    for family, places, as_list, names in shape.families:
        family_nodes = [nodes[place] for place in places]
        if as_list:
            fields[family] = Node(family_nodes, family_nodes[0].start, family_nodes[-1].end)
            record.items[family] = len(family_nodes)
        else:
            fields[family] = family_nodes[0]
        found = [TextField(name, family, node.text, language) for node, (name, language) in zip(family_nodes, names) if node.text is not None]
        if found:
            texts[family] = found
    if "brand" in fields:
        record.brand = fields["brand"].value
    if shape.attributes:
        _fill_attributes(record, fields, shape, nodes)
    return record


def _fill_attributes(record: Record, fields: dict[str, Node], shape: RecordShape, nodes: list[Node]) -> None:
    """`attributes` of the record: each attribute's value (a list node for several), and
    every string under them as a text field named by its path (attributes.safety.warning)."""
    merged: dict[str, Node] = {}
    for name, places, _ in shape.attributes:
        if len(places) == 1:
            merged[name] = nodes[places[0]]
        else:
            merged[name] = Node([nodes[place] for place in places], nodes[places[0]].start, nodes[places[-1]].end)
    values = merged.values()
    fields["attributes"] = Node(merged, min(n.start for n in values), max(n.end for n in values))
    record.attributes = dict(merged)
    texts = record.texts.setdefault("attributes", [])
    for (name, places, names), node in zip(shape.attributes, values):
        if names is None:
            _add_nested(record, f"attributes.{name}", node)
        else:
            texts += [TextField(text_name, "attributes", nodes[place].text, "") for text_name, place in zip(names, places) if nodes[place].text is not None]
    if not texts:
        del record.texts["attributes"]


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
