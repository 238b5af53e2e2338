"""The located tree every structured reader produces.

Readers of YAML and JSON turn a file into `Node`s: plain Python values whose every
mapping, list and scalar remembers its source span. Readers report what is wrong with a
file as `Problem`s (an INP code and a span); the engine gives them severity and text from
the input ruleset, so readers know nothing of rules.
"""

from __future__ import annotations

from dataclasses import field
from collections.abc import Iterator
from typing import Any

from .lean_dataclass import lean_dataclass
from .locations import LocatedText, SourceText


@lean_dataclass(slots=True, eq=False)
class Node:
    """A value from a file: str, int, float, bool, None, date, list[Node] or dict[str, Node]."""

    value: Any
    start: int
    end: int
    text: LocatedText | None = None  # for strings: how value offsets map to the source
    key_start: int = -1  # span of the mapping key that names this node (-1: none)
    key_end: int = -1

    def is_mapping(self) -> bool:
        return isinstance(self.value, dict)

    def is_list(self) -> bool:
        return isinstance(self.value, list)

    def plain(self) -> Any:
        """The value with every Node unwrapped (for schema checks and messages)."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value


@lean_dataclass(slots=True)
class Problem:
    """Something wrong with a file, found before any rule runs.

    `code` names an entry of the input ruleset (rulesets/input.yaml); `args` fill its
    message template. `start`/`end` are indices into the source text (-1: the file as a
    whole, reported at 1:1).
    """

    code: str
    start: int = -1
    end: int = -1
    args: dict[str, Any] = field(default_factory=dict)
    field: str = ""
    sku: str = ""


@lean_dataclass(slots=True)
class ReadResult:
    """What a reader made of one file."""

    source: SourceText
    documents: list[Node] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    comments: bool = True  # whether the format has comments (suppressions); JSON has none


def string_spans(documents: list[Node]) -> Iterator[tuple[int, int]]:
    """Source spans of every string value and key-less scalar in the documents."""
    stack = list(documents)
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:  # aliases share nodes
            continue
        seen.add(id(node))
        if isinstance(node.value, dict):
            stack.extend(node.value.values())
        elif isinstance(node.value, list):
            stack.extend(node.value)
        elif isinstance(node.value, str):
            yield node.start, node.end


def node_from_plain(value: Any) -> Node:
    """A Node tree without source spans, for values that come from a format without positions (TOML)."""
    if isinstance(value, dict):
        return Node({str(k): node_from_plain(v) for k, v in value.items()}, 0, 0)
    if isinstance(value, list):
        return Node([node_from_plain(v) for v in value], 0, 0)
    return Node(value, 0, 0)


def describe(node: Node) -> str:
    """'a list', 'empty' or 'a single value', for messages about a value of the wrong shape."""
    if isinstance(node.value, list):
        return "a list"
    if node.value is None:
        return "empty"
    return "a single value"


def place(frame: list[Any], node: Node, problems: list[Problem]) -> None:
    """Put a parsed node into the container being built: `frame` is [container, pending key].

    For a mapping the pending key is (name, start, end); a repeated name is reported
    (INP007: parsers keep the last value silently). An aliased YAML node already placed
    elsewhere is copied so that it carries its own key span.
    """
    container = frame[0]
    if isinstance(container.value, list):
        container.value.append(node)
        return
    name, key_start, key_end = frame[1]
    frame[1] = None
    if name in container.value:
        problems.append(Problem("INP007", key_start, key_end, {"key": name}))
    if node.key_start >= 0:
        node = Node(node.value, node.start, node.end, node.text)
    node.key_start, node.key_end = key_start, key_end
    container.value[name] = node
