"""Product Type Definition schemas (SCH): SP-API payloads checked against Amazon's JSON Schema
for their product type.

The user keeps the schemas Amazon's getDefinitionsProductType hands out in a folder named
by the config (`product_type_schemas: schemas/`); the payload's productType picks the
file: `BRACELET.json` or `BRACELET.product_type_definition.json` (upper case, as the
product type is written). No schema for a product type: nothing is checked.

The schemas use JSON Schema draft 2019-09 plus Amazon's vocabulary. Implemented here:
`maxUtf8ByteLength` / `minUtf8ByteLength` (string length in UTF-8 bytes) and
`maxUniqueItems` / `minUniqueItems` with `selectors` (how often one combination of the
selector properties, such as marketplace_id and language_tag, may occur, and how many
distinct combinations there must be). `editable`, `hidden`, `enumNames`, `selectors` and
`$lifecycle` are annotations. The meta-schema URI is an identifier, not an address:
nothing is ever fetched; a `$ref` outside the file is a setup error.

Whole listings (PUT bodies, feed UPDATE messages, getListingsItem responses) are checked
against the whole schema: required attributes and the conditions in `allOf` apply.
Partial updates (PATCH bodies, PARTIAL_UPDATE messages, requirements other than LISTING)
check each attribute they carry against its own definition only.

jsonschema is imported only when a payload with a schema is checked. A schema file that is
not valid JSON or not a valid schema stops the run (exit 2) with its path.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .kinds.length import char_at_byte
from .errors import SetupError
from .safeio import read_text
from .tree import Node, Problem

SUFFIXES = (".json", ".product_type_definition.json")
ANNOTATIONS = ("editable", "hidden", "enumNames", "selectors", "$lifecycle")
# jsonschema keyword -> SCH code
CODES = {
    "required": "SCH001",
    "dependentRequired": "SCH001",
    "maxLength": "SCH002",
    "maxUtf8ByteLength": "SCH002",
    "minLength": "SCH003",
    "minUtf8ByteLength": "SCH003",
    "maxItems": "SCH004",
    "minItems": "SCH004",
    "maxUniqueItems": "SCH004",
    "minUniqueItems": "SCH004",
    "uniqueItems": "SCH004",
    "contains": "SCH004",
    "enum": "SCH005",
    "const": "SCH005",
    "type": "SCH005",
    "pattern": "SCH005",
    "format": "SCH005",
    "minimum": "SCH005",
    "maximum": "SCH005",
    "exclusiveMinimum": "SCH005",
    "exclusiveMaximum": "SCH005",
    "multipleOf": "SCH005",
    "additionalProperties": "SCH006",
    "unevaluatedProperties": "SCH006",
}
OTHER = "SCH007"


class ProductTypeSchemas:
    """The schema folder of one run; each schema is loaded and checked once."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._loaded: dict[str, Any] = {}

    def problems(self, specs: list[Any]) -> list[Problem]:
        """SCH problems of the SP-API payloads behind some records (each payload once)."""
        from .documents.spapi import SpapiSpec

        found: list[Problem] = []
        seen: set[int] = set()
        for spec in specs:
            if not isinstance(spec, SpapiSpec) or id(spec) in seen or not spec.parts:
                continue
            seen.add(id(spec))
            schema = self.schema_for(spec.product_type)
            if schema is not None:
                found.extend(schema.check(spec))
        return found

    def schema_for(self, product_type: str) -> _Schema | None:
        if not product_type or "/" in product_type or "\\" in product_type or product_type.startswith("."):
            return None
        if product_type not in self._loaded:
            path = next((self.folder / f"{product_type}{s}" for s in SUFFIXES if (self.folder / f"{product_type}{s}").is_file()), None)
            self._loaded[product_type] = _Schema(path, product_type) if path is not None else None
        return self._loaded[product_type]


def _fail(path: Path, problem: str) -> SetupError:
    return SetupError(str(path), 1, 1, f"product type schema: {problem}")


class _Schema:
    def __init__(self, path: Path, product_type: str) -> None:
        self.path = path
        self.product_type = product_type
        try:
            schema = json.loads(read_text(path))
        except (OSError, UnicodeDecodeError) as error:
            raise _fail(path, f"cannot read: {error}") from None
        except json.JSONDecodeError as error:
            raise SetupError(str(path), error.lineno, error.colno, f"product type schema is not valid JSON: {error.msg}") from None
        if not isinstance(schema, dict) or not isinstance(schema.get("properties"), dict):
            raise _fail(path, "not a Product Type Definition schema (an object with 'properties' expected)")
        problem = check_schema(schema)
        if problem is not None:
            raise _fail(path, f"not a valid JSON Schema: {problem}")
        validator_class = _validator_class()
        self.full = validator_class(schema)
        # partial updates: each attribute against its own definition, no required, no conditions
        partial = {k: v for k, v in schema.items() if k not in ("required", "allOf", "anyOf", "oneOf", "if", "then", "else", "dependentRequired", "dependentSchemas")}
        self.partial = validator_class(partial)

    def check(self, spec: Any) -> Iterator[Problem]:
        from referencing.exceptions import Unresolvable

        for part in spec.parts:
            instance = {name: array.plain() for name, (array, _) in part.entries.items()}
            validator = self.full if part.full else self.partial
            try:
                errors = sorted(validator.iter_errors(instance), key=lambda e: [str(p) for p in e.absolute_path])
            except Unresolvable as error:
                raise _fail(self.path, f"$ref {error.ref!r} cannot be resolved inside the file (listlint never fetches schemas)") from None
            merged: dict[tuple[str, int, int], Problem] = {}
            for error in errors:
                problem = self._problem(error, part, spec)
                key = (problem.code, problem.start, problem.end)
                first = merged.get(key)
                if first is None:
                    merged[key] = problem
                elif problem.code == "SCH001":  # several conditions asking for attributes at one place: one finding
                    names = first.args["missing"] + [n for n in problem.args["missing"] if n not in first.args["missing"]]
                    first.args.update(missing=names, detail=_missing(names, bool(error.absolute_path)))
                elif problem.args["detail"] != first.args["detail"]:
                    first.args["detail"] += "; " + problem.args["detail"]
            for problem in merged.values():
                problem.args.pop("missing", None)
                yield problem

    def _problem(self, error: Any, part: Any, spec: Any) -> Problem:
        path = list(error.absolute_path)
        node, shown = _locate(part, path)
        keyword = error.validator
        detail = _detail(error, keyword)
        if keyword == "required" and node.key_start >= 0 and isinstance(node.value, dict) and node is part.container:
            start, end = node.key_start, node.key_end
        else:
            start, end = _span(node, keyword, error)
        code = CODES.get(keyword, OTHER)
        args = {"field": shown, "detail": detail, "product_type": self.product_type}
        if keyword == "required":
            args["missing"] = _missing_names(error)
        return Problem(code, start, end, args, shown, spec.sku)


def _locate(part: Any, path: list[Any]) -> tuple[Node, str]:
    """The node an error's instance path names, and its display path."""
    if not path:
        return part.container, part.path
    name = path[0]
    if name not in part.entries:
        return part.container, part.path
    node, shown = part.entries[name]
    for step in path[1:]:
        if isinstance(node.value, list) and isinstance(step, int) and step < len(node.value):
            node, shown = node.value[step], f"{shown}[{step}]"
        elif isinstance(node.value, dict) and step in node.value:
            node, shown = node.value[step], f"{shown}.{step}"
        else:
            break
    return node, shown


def _span(node: Node, keyword: str, error: Any) -> tuple[int, int]:
    """The source span to report: the first character past a length limit, else the value."""
    text = node.text
    if text is not None and keyword in ("maxLength", "maxUtf8ByteLength") and isinstance(error.validator_value, int):
        value = text.text
        limit = error.validator_value
        cut = limit if keyword == "maxLength" else char_at_byte(value, limit)
        return text.source_index(cut), text.source_index(len(value))
    if text is not None:
        return text.source_index(0), text.source_index(len(text.text))
    if node.key_start >= 0 and isinstance(node.value, (dict, list)):
        return node.key_start, node.key_end
    return node.start, node.end


def _missing_names(error: Any) -> list[str]:
    instance = error.instance
    return [name for name in error.validator_value if isinstance(instance, dict) and name not in instance] or list(error.validator_value)


def _missing(names: list[str], nested: bool) -> str:
    what = "property" if nested else "attribute"
    if len(names) == 1:
        return f"required {what} {names[0]} is missing"
    return f"required {what}s {', '.join(names)} are missing"


def _short(value: Any, width: int = 60) -> str:
    shown = json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= width else shown[: width - 3] + "..."


def _detail(error: Any, keyword: str) -> str:
    value = error.validator_value
    instance = error.instance
    if keyword == "required":
        return _missing(_missing_names(error), bool(error.absolute_path))
    if keyword == "maxLength":
        return f"{len(instance)} characters, over the limit of {value}"
    if keyword == "maxUtf8ByteLength":
        return f"{len(instance.encode('utf-8'))} UTF-8 bytes, over the limit of {value}"
    if keyword == "minLength":
        return f"{len(instance)} characters, under the minimum of {value}"
    if keyword == "minUtf8ByteLength":
        return f"{len(instance.encode('utf-8'))} UTF-8 bytes, under the minimum of {value}"
    if keyword in ("maxItems", "minItems"):
        return f"{len(instance)} values; {'at most' if keyword == 'maxItems' else 'at least'} {value} allowed"
    if keyword in ("maxUniqueItems", "minUniqueItems"):
        return error.message
    if keyword == "enum":
        allowed = ", ".join(_short(v, 30) for v in value[:5]) + (f" ... ({len(value)} values)" if len(value) > 5 else "")
        return f"{_short(instance)} is not an allowed value (allowed: {allowed})"
    if keyword == "const":
        return f"{_short(instance)} must be {_short(value)}"
    if keyword == "type":
        return f"{_short(instance)} is not of type {value if isinstance(value, str) else ' or '.join(value)}"
    if keyword in ("additionalProperties", "unevaluatedProperties"):
        extra = sorted(set(instance) - set(error.schema.get("properties", {}))) if isinstance(instance, dict) else []
        what = "attribute" if not error.absolute_path else "property"
        return f"{what} {', '.join(extra) or '?'} is not defined by the schema" if extra else error.message[:200]
    return error.message[:200]


SCHEMA_KEYWORDS = ("additionalProperties", "unevaluatedProperties", "unevaluatedItems", "additionalItems", "not", "if", "then", "else", "contains", "propertyNames")
SCHEMA_LISTS = ("allOf", "anyOf", "oneOf")
SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
COUNTS = ("maxLength", "minLength", "maxItems", "minItems", "maxProperties", "minProperties", "maxContains", "minContains", "maxUtf8ByteLength", "minUtf8ByteLength", "maxUniqueItems", "minUniqueItems")
TYPES = ("array", "boolean", "integer", "null", "number", "object", "string")


def check_schema(schema: Any) -> str | None:
    """The first structural error of a JSON Schema (draft 2019-09 plus Amazon's keywords), or None.

    A walk over every subschema that checks each keyword's value (types, counts,
    regular expressions, local $refs). It stands in for a meta-schema check, which
    takes over a second on a 1 MB product type definition and cannot check Amazon's
    own keywords.
    """
    import re

    stack: list[tuple[Any, str]] = [(schema, "")]
    while stack:
        node, where = stack.pop()
        at = where or "/"
        if isinstance(node, bool):
            continue
        if not isinstance(node, dict):
            return f"{at}: a schema must be an object or true/false, found {type(node).__name__}"
        for key in SCHEMA_KEYWORDS:
            if key in node:
                stack.append((node[key], f"{where}/{key}"))
        for key in SCHEMA_LISTS:
            if key in node:
                if not isinstance(node[key], list) or not node[key]:
                    return f"{at}: '{key}' must be a non-empty array of schemas"
                stack.extend((item, f"{where}/{key}/{i}") for i, item in enumerate(node[key]))
        for key in SCHEMA_MAPS:
            if key in node:
                if not isinstance(node[key], dict):
                    return f"{at}: '{key}' must be an object of schemas"
                stack.extend((item, f"{where}/{key}/{name}") for name, item in node[key].items())
        if "items" in node:
            items = node["items"]
            if isinstance(items, list):
                stack.extend((item, f"{where}/items/{i}") for i, item in enumerate(items))
            else:
                stack.append((items, f"{where}/items"))
        if "type" in node:
            kinds = node["type"] if isinstance(node["type"], list) else [node["type"]]
            if not kinds or any(k not in TYPES for k in kinds):
                return f"{at}: 'type' must be one of {', '.join(TYPES)} (or a list of them), found {json.dumps(node['type'])}"
        for key in COUNTS:
            if key in node and (not isinstance(node[key], int) or isinstance(node[key], bool) or node[key] < 0):
                return f"{at}: '{key}' must be a non-negative integer, found {json.dumps(node[key])}"
        for key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"):
            if key in node and (not isinstance(node[key], (int, float)) or isinstance(node[key], bool)):
                return f"{at}: '{key}' must be a number"
        for key in ("required", "selectors", "enumNames"):
            if key in node and (not isinstance(node[key], list) or not all(isinstance(v, str) for v in node[key])):
                return f"{at}: '{key}' must be an array of strings"
        for key in ("editable", "hidden", "uniqueItems"):
            if key in node and not isinstance(node[key], bool):
                return f"{at}: '{key}' must be true or false"
        if "enum" in node and not isinstance(node["enum"], list):
            return f"{at}: 'enum' must be an array"
        if "pattern" in node:
            try:
                re.compile(node["pattern"])
            except (re.error, TypeError) as error:
                return f"{at}: 'pattern' is not a regular expression ({error})"
        if "$ref" in node:
            ref = node["$ref"]
            if not isinstance(ref, str):
                return f"{at}: '$ref' must be a string"
            if ref.startswith("#") and _pointer(schema, ref[1:]) is None:
                return f"{at}: '$ref' {ref} points at nothing in the file"
    return None


def _pointer(document: Any, pointer: str) -> Any:
    node = document
    for part in pointer.split("/")[1:] if pointer else []:
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


_VALIDATOR: Any = None


def _validator_class() -> Any:
    """Draft 2019-09 with Amazon's vocabulary (built once, on first use)."""
    global _VALIDATOR
    if _VALIDATOR is None:
        from jsonschema import Draft201909Validator, validators
        from jsonschema.exceptions import ValidationError

        def max_utf8(validator: Any, limit: Any, instance: Any, schema: Any) -> Iterator[Any]:
            if isinstance(instance, str) and isinstance(limit, int) and len(instance.encode("utf-8")) > limit:
                yield ValidationError(f"{len(instance.encode('utf-8'))} UTF-8 bytes, over the limit of {limit}")

        def min_utf8(validator: Any, limit: Any, instance: Any, schema: Any) -> Iterator[Any]:
            if isinstance(instance, str) and isinstance(limit, int) and len(instance.encode("utf-8")) < limit:
                yield ValidationError(f"{len(instance.encode('utf-8'))} UTF-8 bytes, under the minimum of {limit}")

        def max_unique(validator: Any, limit: Any, instance: Any, schema: Any) -> Iterator[Any]:
            if not isinstance(instance, list) or not isinstance(limit, int):
                return
            counts = _combinations(instance, schema.get("selectors"))
            for combination, count in counts.items():
                if count > limit:
                    yield ValidationError(f"{count} values for {_combination_text(combination, schema.get('selectors'))}; each combination of selector values may occur at most {limit} time{'s' if limit != 1 else ''}")
                    return

        def min_unique(validator: Any, limit: Any, instance: Any, schema: Any) -> Iterator[Any]:
            if not isinstance(instance, list) or not isinstance(limit, int):
                return
            distinct = len(_combinations(instance, schema.get("selectors")))
            if distinct < limit:
                yield ValidationError(f"{distinct} distinct value{'s' if distinct != 1 else ''}; at least {limit} required")

        _VALIDATOR = validators.extend(
            Draft201909Validator,
            {"maxUtf8ByteLength": max_utf8, "minUtf8ByteLength": min_utf8, "maxUniqueItems": max_unique, "minUniqueItems": min_unique},
        )
    return _VALIDATOR


def _combinations(items: list[Any], selectors: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in items:
        if isinstance(selectors, list) and selectors and isinstance(item, dict):
            key = json.dumps([item.get(s) for s in selectors], sort_keys=True)
        else:
            key = json.dumps(item, sort_keys=True)
        counts[key] = counts.get(key, 0) + 1
    return counts


def _combination_text(combination: str, selectors: Any) -> str:
    values = json.loads(combination)
    if isinstance(selectors, list) and selectors and isinstance(values, list):
        return ", ".join(f"{s}={v if v is not None else '(none)'}" for s, v in zip(selectors, values))
    return "the same value"
