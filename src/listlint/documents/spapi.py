"""SP-API listing JSON as Records: Listings Items PUT/PATCH bodies, JSON_LISTINGS_FEED
documents and getListingsItem responses.

Recognised by shape, not by file name (`spapi_kind`):

    {"productType", "attributes" | "patches"}        a putListingsItem / patchListingsItem body
    {"header", "messages": [...]}                     a JSON_LISTINGS_FEED document (one Record
                                                      group per message; DELETE messages have none)
    {"sku", "summaries" | "issues" | ... }            a getListingsItem response
    {"sku", "status", "submissionId"}                 a put/patch response: nothing to check, skipped

Each attribute is an array of value objects (`[{"value", "language_tag",
"marketplace_id"}]`); a value that is not, is an INP006 at its place and is not checked.
`marketplace_id`s map to marketplace codes (documents/amazon.py); one listing becomes one
Record per group of marketplaces (see `build_records`), so a German bullet is checked
against the rules for DE. A marketplace_id listlint does not know is an INP017 warning
and its values are checked as if untagged. PATCH values of `add`, `replace` and `merge`
operations are checked; `delete` operations carry selectors, not content.

Every Record of a payload carries an `SpapiSpec` (record.spec): the attribute objects as
written, for the product type schema checks (SCH, product_types.py).
"""

from __future__ import annotations

import re
from dataclasses import field

from ..lean_dataclass import lean_dataclass
from ..records import Record
from ..tree import Node, Problem, ReadResult
from ..languages import tag_language
from .amazon import AmazonValue, build_records, marketplace_code, simplify, unknown_marketplace_detail
from .shapes import spapi_kind

PATCH_OPS = ("add", "replace", "merge", "delete")
PARTIAL_OPERATIONS = ("PARTIAL_UPDATE", "PATCH")
_ATTRIBUTE_PATH = re.compile(r"/attributes/([A-Za-z0-9_]+)")


@lean_dataclass(slots=True)
class SchemaPart:
    """Attributes validated together against a product type schema."""

    container: Node  # the `attributes` object, or the patch
    path: str  # display path of the container: attributes, patches[0], messages[2].attributes
    entries: dict[str, tuple[Node, str]]  # attribute -> (its value array, display path of the array)
    full: bool  # a whole listing (required attributes and conditions apply) or a partial update


@lean_dataclass(slots=True)
class SpapiSpec:
    product_type: str
    product_type_node: Node | None
    sku: str
    requirements: str = "LISTING"
    parts: list[SchemaPart] = field(default_factory=list)


def spapi_records(result: ReadResult, document: Node, default_marketplaces: tuple[str, ...]) -> list[Record]:
    kind = spapi_kind(document.value)
    if kind == "feed":
        return _feed(result, document, default_marketplaces)
    if kind in ("listings-item", "listings-item-response"):
        product_type = document.value.get("productType")
        if product_type is None and kind == "listings-item-response":
            product_type = _summary_product_type(document)
        return _listing(result, document, "", default_marketplaces, product_type)
    return []


def _feed(result: ReadResult, document: Node, defaults: tuple[str, ...]) -> list[Record]:
    messages = document.value["messages"]
    if not isinstance(messages.value, list):
        result.problems.append(Problem("INP006", messages.start, messages.end, {"field": "messages", "detail": f"must be a list of messages, found {_shape(messages)}"}, "messages"))
        return []
    records = []
    for index, message in enumerate(messages.value):
        base = f"messages[{index}]."
        if not isinstance(message.value, dict):
            result.problems.append(Problem("INP006", message.start, message.end, {"field": base[:-1], "detail": f"must be a message object, found {_shape(message)}"}, base[:-1]))
            continue
        operation = message.value.get("operationType")
        operation_name = operation.value if operation is not None else "UPDATE"
        if operation_name == "DELETE":
            continue
        records.extend(_listing(result, message, base, defaults, message.value.get("productType"), partial=operation_name in PARTIAL_OPERATIONS))
    return records


def _summary_product_type(document: Node) -> Node | None:
    summaries = document.value.get("summaries")
    if summaries is not None and isinstance(summaries.value, list):
        for summary in summaries.value:
            if isinstance(summary.value, dict) and isinstance(getattr(summary.value.get("productType"), "value", None), str):
                return summary.value["productType"]
    return None


def _listing(result: ReadResult, node: Node, base: str, defaults: tuple[str, ...], product_type: Node | None, partial: bool = False) -> list[Record]:
    values = node.value
    problems = result.problems
    sku_node = values.get("sku")
    sku = sku_node.value if sku_node is not None and isinstance(sku_node.value, str) else ""
    start = len(problems)
    requirements = values.get("requirements")
    spec = SpapiSpec(
        product_type.value if product_type is not None and isinstance(product_type.value, str) else "",
        product_type,
        sku,
        requirements.value if requirements is not None and isinstance(requirements.value, str) else "LISTING",
    )
    found: list[AmazonValue] = []
    attributes = values.get("attributes")
    if attributes is not None:
        if not isinstance(attributes.value, dict):
            problems.append(Problem("INP006", attributes.start, attributes.end, {"field": f"{base}attributes", "detail": f"must be an object of attributes, found {_shape(attributes)}"}, f"{base}attributes"))
        else:
            entries = {}
            for name, array in attributes.value.items():
                path = f"{base}attributes.{name}"
                if _attribute(name, array, path, found, problems):
                    entries[name] = (array, path)
            spec.parts.append(SchemaPart(attributes, f"{base}attributes", entries, not partial and spec.requirements == "LISTING"))
    patches = values.get("patches")
    if patches is not None:
        _patches(patches, base, spec, found, problems)
    for problem in problems[start:]:
        problem.sku = problem.sku or sku
    extra = {}
    if sku_node is not None:
        extra["sku"] = sku_node
    if product_type is not None:
        extra["product_type"] = product_type
    return build_records(result.source, node, found, defaults, sku=sku, extra=extra, product_type=spec.product_type, spec=spec)


def _patches(patches: Node, base: str, spec: SpapiSpec, found: list[AmazonValue], problems: list[Problem]) -> None:
    if not isinstance(patches.value, list):
        problems.append(Problem("INP006", patches.start, patches.end, {"field": f"{base}patches", "detail": f"must be a list of patch operations, found {_shape(patches)}"}, f"{base}patches"))
        return
    for index, patch in enumerate(patches.value):
        where = f"{base}patches[{index}]"
        if not isinstance(patch.value, dict):
            problems.append(Problem("INP006", patch.start, patch.end, {"field": where, "detail": f"must be a patch object (op, path, value), found {_shape(patch)}"}, where))
            continue
        op = patch.value.get("op")
        op_name = op.value if op is not None else None
        if op_name == "delete":
            continue  # a delete names selectors, not content
        if op_name not in PATCH_OPS:
            at = op if op is not None else patch
            problems.append(Problem("INP018", at.start, at.end, {"field": f"{where}.op", "op": op_name if isinstance(op_name, str) else _shape(at)}, f"{where}.op"))
        path = patch.value.get("path")
        match = _ATTRIBUTE_PATH.fullmatch(path.value) if path is not None and isinstance(path.value, str) else None
        if match is None:
            at = path if path is not None else patch
            problems.append(Problem("INP014", at.start, at.end, {"field": f"{where}.path", "detail": "must name one attribute, as /attributes/NAME"}, f"{where}.path"))
            continue
        value = patch.value.get("value")
        if value is None:
            problems.append(Problem("INP012", patch.start, patch.start + 1, {"detail": f"{where} has no 'value' to {op_name or 'apply'}"}, where))
            continue
        name = match.group(1)
        if _attribute(name, value, f"{where}.value", found, problems):
            spec.parts.append(SchemaPart(patch, where, {name: (value, f"{where}.value")}, False))


def _attribute(name: str, array: Node, path: str, found: list[AmazonValue], problems: list[Problem]) -> bool:
    """The value objects of one attribute into `found`; False (and an INP006) when it is no array of objects."""
    if not isinstance(array.value, list):
        problems.append(Problem("INP006", array.start, array.end, {"field": path, "detail": f"must be an array of value objects ([{{\"value\": ...}}]), found {_shape(array)}"}, path))
        return False
    good = True
    for index, entry in enumerate(array.value):
        if not isinstance(entry.value, dict):
            problems.append(Problem("INP006", entry.start, entry.end, {"field": f"{path}[{index}]", "detail": f"must be a value object ({{\"value\": ...}}), found {_shape(entry)}"}, f"{path}[{index}]"))
            good = False
            continue
        marketplace = ""
        tag = entry.value.get("marketplace_id")
        if tag is not None:
            code = marketplace_code(tag.value)
            if code is None:
                shown = tag.value if isinstance(tag.value, str) else _shape(tag)
                problems.append(Problem("INP017", tag.start, tag.end, {"field": f"{path}[{index}].marketplace_id", "marketplace_id": shown, "detail": unknown_marketplace_detail(tag.value)}, f"{path}[{index}].marketplace_id"))
            else:
                marketplace = code
        language = entry.value.get("language_tag")
        found.append(AmazonValue(name, simplify(entry), marketplace, tag_language(language.value) if language is not None else ""))
    return good


def _shape(node: Node) -> str:
    value = node.value
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "true/false"
    return "a number"
