"""A small JSON Schema checker over located nodes.

listlint ships real JSON Schemas (listing, ruleset, config) and the test suite checks
them with `jsonschema`. At run time this checker applies the same schemas to the
located tree instead: every problem then carries the line and column of the offending
key or value, and a one-file pre-commit run does not pay jsonschema's ~120 ms import.
It understands the keywords those schemas use: type, properties, required,
additionalProperties, items, enum, const, pattern, minLength, minItems, minimum,
oneOf/anyOf and local $ref; anything else in a schema is ignored.

Almost every node checked conforms (a catalog's listings, the shipped rulesets): each
schema is therefore also compiled into a predicate (`conforms`) that says whether `check`
would find nothing, without building a path or an issue; only a node it rejects is
walked again to say what is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import Any

from .lean_dataclass import lean_dataclass
from .tree import Node

_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "array": (list,),
    "object": (dict,),
    "null": (type(None),),
}


@lean_dataclass(slots=True)
class SchemaIssue:
    """One schema violation: what kind, at which node, and a readable message."""

    kind: str  # type | required | unknown | enum | pattern | length
    node: Node
    message: str
    path: str
    on_key: bool = False  # point at the key rather than the value


def check(node: Node, schema: dict[str, Any], root: dict[str, Any] | None = None, path: str = "") -> list[SchemaIssue]:
    """All violations of `schema` by `node` (empty when it conforms)."""
    root = root or schema
    if conforms(node, schema, root):
        return []
    return _violations(node, schema, root, path)


def _violations(node: Node, schema: dict[str, Any], root: dict[str, Any], path: str) -> list[SchemaIssue]:
    """What `check` reports, found by walking the node (its children through `check` again:
    most of a rejected node conforms)."""
    if "$ref" in schema:
        schema = _resolve(root, schema["$ref"])
    for combinator in ("oneOf", "anyOf"):
        if combinator in schema:
            return _check_alternatives(node, schema[combinator], root, path)
    issues: list[SchemaIssue] = []
    value = node.value
    if "const" in schema and value != schema["const"]:
        return [SchemaIssue("enum", node, f"must be {schema['const']!r}", path)]
    if "enum" in schema and value not in schema["enum"]:
        return [SchemaIssue("enum", node, _enum_message(value, schema["enum"]), path)]
    expected = schema.get("type")
    if expected is not None and not _has_type(value, expected):
        return [SchemaIssue("type", node, f"must be {_type_words(expected)}, not {_type_name(value)}", path)]
    if isinstance(value, str):
        issues.extend(_check_string(node, schema, path))
    elif isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            issues.append(SchemaIssue("length", node, f"needs at least {schema['minItems']} item(s)", path))
        if "items" in schema:
            for index, item in enumerate(value):
                issues.extend(check(item, schema["items"], root, f"{path}[{index}]"))
    elif isinstance(value, dict):
        issues.extend(_check_object(node, schema, root, path))
    elif isinstance(value, (int, float)) and not isinstance(value, bool) and "minimum" in schema:
        if value < schema["minimum"]:
            issues.append(SchemaIssue("enum", node, f"must be at least {schema['minimum']}", path))
    return issues


def _check_string(node: Node, schema: dict[str, Any], path: str) -> list[SchemaIssue]:
    value = node.value
    if len(value) < schema.get("minLength", 0):
        return [SchemaIssue("length", node, "must not be empty", path)]
    if "pattern" in schema and not _compiled(schema["pattern"]).search(value):
        return [SchemaIssue("pattern", node, f"{value!r} does not match the pattern {schema['pattern']}", path)]
    return []


def _check_object(node: Node, schema: dict[str, Any], root: dict[str, Any], path: str) -> list[SchemaIssue]:
    issues: list[SchemaIssue] = []
    properties: dict[str, Any] = schema.get("properties", {})
    extra = schema.get("additionalProperties", True)
    for key, child in node.value.items():
        child_path = f"{path}.{key}" if path else key
        if key in properties:
            issues.extend(check(child, properties[key], root, child_path))
        elif extra is False:
            issues.append(SchemaIssue("unknown", child, _unknown_message(key, properties), child_path, on_key=True))
        elif isinstance(extra, dict):
            issues.extend(check(child, extra, root, child_path))
    for key in schema.get("required", []):
        if key not in node.value:
            issues.append(SchemaIssue("required", node, f"required field '{key}' is missing", f"{path}.{key}" if path else key))
    return issues


def _check_alternatives(node: Node, alternatives: list[dict[str, Any]], root: dict[str, Any], path: str) -> list[SchemaIssue]:
    resolved = [_resolve_if_ref(root, a) for a in alternatives]
    same_type: list[SchemaIssue] | None = None
    for alternative in resolved:
        issues = check(node, alternative, root, path)
        if not issues:
            return []
        # the alternative of the value's own type says the most about what is wrong
        if same_type is None and ("type" not in alternative or _has_type(node.value, alternative["type"])):
            same_type = issues
    if same_type is not None:
        return same_type
    wanted = " or ".join(_type_words(a.get("type", "object")) for a in resolved)
    return [SchemaIssue("type", node, f"must be {wanted}, not {_type_name(node.value)}", path)]


def _resolve_if_ref(root: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    return _resolve(root, schema["$ref"]) if "$ref" in schema else schema


def _resolve(root: dict[str, Any], ref: str) -> dict[str, Any]:
    target: Any = root
    for part in ref.lstrip("#/").split("/"):
        target = target[part]
    return target


@lru_cache(maxsize=None)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _has_type(value: Any, expected: str | list[str]) -> bool:
    names = [expected] if isinstance(expected, str) else expected
    for name in names:
        if name in ("integer", "number") and isinstance(value, bool):
            continue
        if name == "integer" and isinstance(value, float) and value.is_integer():
            return True  # JSON Schema counts 5.0 as an integer
        if isinstance(value, _TYPES[name]):
            return True
    return False


def _type_words(expected: str | list[str]) -> str:
    names = [expected] if isinstance(expected, str) else expected
    words = {"string": "text", "array": "a list", "object": "a mapping", "integer": "a whole number", "number": "a number", "boolean": "true or false", "null": "empty"}
    return " or ".join(words.get(n, n) for n in names)


def _type_name(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _enum_message(value: Any, allowed: list[Any]) -> str:
    message = f"{value!r} is not one of {', '.join(map(str, allowed))}"
    if isinstance(value, str):
        import difflib  # only for a value that is wrong

        close = difflib.get_close_matches(value, [str(a) for a in allowed], n=1)
        if close:
            message += f" (did you mean {close[0]!r}?)"
    return message


def _unknown_message(key: str, known: dict[str, Any]) -> str:
    return f"unknown field '{key}'" + did_you_mean(key, known)


def did_you_mean(word: str, candidates: Any) -> str:
    """' (did you mean 'x'?)' for the closest candidate, or ''."""
    import difflib  # only for a word that is wrong

    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


Predicate = Callable[[Node], bool]
# (id(schema), id(root)) -> the schema and root, kept so that their ids are not reused, and
# their predicate; schemas are few and live for the whole run (shipped, loaded once)
_PREDICATES: dict[tuple[int, int], tuple[dict[str, Any], dict[str, Any], Predicate]] = {}


def conforms(node: Node, schema: dict[str, Any], root: dict[str, Any] | None = None) -> bool:
    """Whether `check` would find no violation of `schema` by `node`."""
    root = root or schema
    entry = _PREDICATES.get((id(schema), id(root)))
    if entry is None:
        entry = _PREDICATES[id(schema), id(root)] = (schema, root, _Compiler(root).predicate(schema))
    return entry[2](node)


class _Compiler:
    """Schemas of one root turned into predicates; keywords are read once, here, not for
    every node. Each predicate tests what `check` tests, in the same order."""

    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.made: dict[int, Predicate] = {}

    def predicate(self, schema: dict[str, Any]) -> Predicate:
        made = self.made.get(id(schema))
        if made is None:
            late: list[Predicate] = []
            self.made[id(schema)] = lambda node: late[0](node)  # for a schema that refers back to itself
            made = self._compose(schema)
            late.append(made)
            self.made[id(schema)] = made
        return made

    def _compose(self, schema: dict[str, Any]) -> Predicate:
        if "$ref" in schema:
            return self.predicate(_resolve(self.root, schema["$ref"]))
        for combinator in ("oneOf", "anyOf"):
            if combinator in schema:
                alternatives = tuple(self.predicate(_resolve_if_ref(self.root, a)) for a in schema[combinator])
                return lambda node: any(alternative(node) for alternative in alternatives)
        has_const, const, enum = "const" in schema, schema.get("const"), schema.get("enum")
        expected = schema.get("type")
        # one type that bool cannot pass for: a plain isinstance test (else _has_type's rules)
        plain_type = _TYPES[expected] if isinstance(expected, str) and expected not in ("integer", "number") else None
        min_length = schema.get("minLength", 0)
        pattern = _compiled(schema["pattern"]) if "pattern" in schema else None
        items = self.predicate(schema["items"]) if "items" in schema else None
        min_items = schema.get("minItems", 0)
        mapping = self._object_predicate(schema)
        has_minimum, minimum = "minimum" in schema, schema.get("minimum")

        def conforming(node: Node) -> bool:
            value = node.value
            if (has_const and value != const) or (enum is not None and value not in enum):
                return False
            if expected is not None and not (isinstance(value, plain_type) if plain_type is not None else _has_type(value, expected)):
                return False
            if isinstance(value, str):
                return len(value) >= min_length and (pattern is None or pattern.search(value) is not None)
            if isinstance(value, list):
                return len(value) >= min_items and (items is None or all(items(item) for item in value))
            if isinstance(value, dict):
                return mapping(value)
            if has_minimum and isinstance(value, (int, float)) and not isinstance(value, bool):
                return not value < minimum
            return True

        return conforming

    def _object_predicate(self, schema: dict[str, Any]) -> Callable[[dict[str, Node]], bool]:
        properties = {key: self.predicate(value) for key, value in schema.get("properties", {}).items()}
        extra = schema.get("additionalProperties", True)
        closed = extra is False
        extra_predicate = self.predicate(extra) if isinstance(extra, dict) else None
        required = tuple(schema.get("required", ()))

        def conforming(values: dict[str, Node]) -> bool:
            for key, child in values.items():
                test = properties.get(key)
                if test is None:
                    if closed or (extra_predicate is not None and not extra_predicate(child)):
                        return False
                elif not test(child):
                    return False
            return all(key in values for key in required)

        return conforming
