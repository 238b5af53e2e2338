"""schemacheck's fast path: the compiled predicate (`conforms`) says "no violation" exactly
when walking the node (`_violations`) finds none, for every shipped schema, on the
repository's own files and on random values built from each schema's vocabulary."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from listlint.readers.yaml_reader import read_yaml
from listlint.readers.json_reader import read_json
from listlint.locations import SourceText
from listlint.schemacheck import _violations, check, conforms
from listlint.tree import Node, node_from_plain

DATA = Path(__file__).resolve().parents[1] / "src" / "listlint" / "data"
REPOSITORY = Path(__file__).resolve().parents[1]
SCHEMAS = sorted(path.name for path in DATA.glob("*.schema.json"))


def schema(name: str) -> dict[str, Any]:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def vocabulary(tree: Any) -> tuple[list[str], list[Any]]:
    """Property names, and the enum and const values, anywhere in a schema."""
    keys: list[str] = []
    values: list[Any] = []
    stack = [tree]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            keys.extend(current.get("properties", {}))
            values.extend(current.get("enum", []))
            if "const" in current:
                values.append(current["const"])
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
    return sorted(set(keys)), [v for v in values if isinstance(v, (str, int, float, bool))]


def plain_values(name: str) -> st.SearchStrategy[Any]:
    keys, known = vocabulary(schema(name))
    scalars = st.one_of(
        st.sampled_from(known or [""]),
        st.text(max_size=8),
        st.integers(-3, 3),
        st.floats(allow_nan=True, allow_infinity=False, width=16),
        st.booleans(),
        st.none(),
        st.sampled_from(["", "x", "HEADPHONES", "lower_case", "2026-01-01"]),
    )
    names = st.one_of(st.sampled_from(keys or ["x"]), st.text(max_size=4))
    return st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(names, inner, max_size=6)), max_leaves=20)


def assert_agree(node: Node, tree: dict[str, Any], part: dict[str, Any] | None = None) -> None:
    target = part if part is not None else tree
    violations = _violations(node, target, tree, "")
    assert conforms(node, target, tree) == (not violations)
    assert check(node, target, tree) == violations  # the fast path never hides or adds an issue


@pytest.mark.parametrize("name", SCHEMAS)
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_predicate_agrees_on_random_values(name: str, data: st.DataObject) -> None:
    tree = schema(name)
    value = data.draw(plain_values(name))
    assert_agree(node_from_plain(value), tree)
    for part in tree.get("$defs", {}).values():  # each definition on its own too (listing.py checks one)
        assert_agree(node_from_plain(value), tree, part)


def repository_files() -> list[Path]:
    folders = [REPOSITORY / "fixtures", REPOSITORY / "rulesets", REPOSITORY / "tests" / "data"]
    found = [p for folder in folders if folder.is_dir() for p in folder.rglob("*") if p.suffix in (".yaml", ".yml", ".json")]
    return sorted(p for p in found if p.stat().st_size < 2_000_000)


def test_predicate_agrees_on_the_repository_files() -> None:
    """Every YAML and JSON file of the repository, each document against every schema."""
    trees = [schema(name) for name in SCHEMAS]
    files = repository_files()
    assert len(files) > 50
    for path in files:
        source = SourceText(str(path), path.read_text(encoding="utf-8", errors="replace"))
        result = read_json(source) if path.suffix == ".json" else read_yaml(source)
        for document in result.documents:
            for tree in trees:
                assert_agree(document, tree)
                for part in tree.get("$defs", {}).values():
                    assert_agree(document, tree, part)


def test_a_schema_that_refers_to_itself() -> None:
    tree = {"$defs": {"item": {"type": "object", "properties": {"child": {"$ref": "#/$defs/item"}, "n": {"type": "integer"}}}}, "$ref": "#/$defs/item"}
    assert conforms(node_from_plain({"child": {"child": {"n": 1}}}), tree)
    assert not conforms(node_from_plain({"child": {"child": {"n": "one"}}}), tree)
    assert check(node_from_plain({"child": {"child": {"n": "one"}}}), tree)[0].path == "child.child.n"
