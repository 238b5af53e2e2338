"""The YAML reader's tree against PyYAML's own composer (pure Python, an independent
implementation): for every input both read without a problem, each node has the same
span, each mapping the same keys at the same places, and each scalar the value the safe
loader makes of it (timestamps and a `<<` value stay text in listlint). The reader places
the usual scalar, text, by a short path of its own (_Composer._text); this checks that
path and the general one give the same tree, on odd scalars, anchors and aliases,
several documents, non-ASCII text, CRLF and CR line ends and a BOM."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from listlint.readers import read_source
from listlint.readers.yaml_reader import read_yaml
from listlint.locations import SourceText
from listlint.tree import Node

try:
    from tests.robustness import YAML_SEEDS, raw_inputs
except ImportError:  # tests/ not a package
    from robustness import YAML_SEEDS, raw_inputs

_TEXT_TAGS = ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:merge")
_constructor = yaml.constructor.SafeConstructor()


def oracle_documents(text: str) -> list[yaml.Node] | None:
    try:
        return list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError):
        return None


def scalar_value(node: yaml.ScalarNode) -> Any:
    return node.value if node.tag in _TEXT_TAGS else _constructor.construct_object(node, deep=True)


def assert_same(ours: Node, theirs: yaml.Node, depth: int = 0) -> None:
    if depth > 40:  # aliases may nest deeply; the shapes above already agree
        return
    assert (ours.start, ours.end) == (theirs.start_mark.index, theirs.end_mark.index), (ours, theirs)
    if isinstance(theirs, yaml.ScalarNode):
        assert ours.value == scalar_value(theirs) and type(ours.value) is type(scalar_value(theirs)), (ours.value, theirs)
        if isinstance(ours.value, str):
            assert ours.text is not None and ours.text.text == ours.value
    elif isinstance(theirs, yaml.SequenceNode):
        assert isinstance(ours.value, list) and len(ours.value) == len(theirs.value)
        for mine, other in zip(ours.value, theirs.value):
            assert_same(mine, other, depth + 1)
    else:
        assert isinstance(ours.value, dict) and len(ours.value) == len(theirs.value)
        for (name, mine), (key, other) in zip(ours.value.items(), theirs.value):
            assert name == str(scalar_value(key))
            assert (mine.key_start, mine.key_end) == (key.start_mark.index, key.end_mark.index)
            assert_same(mine, other, depth + 1)


def agrees(source: SourceText) -> bool:
    """Asserts the trees agree; False when either reader found a problem (nothing to compare)."""
    result = read_yaml(source)
    theirs = oracle_documents(source.text)
    if result.problems or theirs is None:
        return False
    theirs = [document for document in theirs if document is not None]
    assert len(result.documents) == len(theirs)
    for ours, other in zip(result.documents, theirs):
        assert_same(ours, other)
    return True


ODD_SCALARS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["yes", "No", "~", "null", "<<", "2026-01-01", "2026-01-01 10:00:00", "0x1F", "1_000", "+.5", ".inf", "0o17", "=", "T-Rex", "Offroad", "été", "商品", "a: b", "- x", "#1 best", "'q'", "\"dq\"", "tab\there"]),
    st.integers(-10**6, 10**6),
    st.floats(allow_nan=False, width=32),
    st.booleans(),
    st.none(),
)
KEYS = st.one_of(st.sampled_from(["sku", "title", "bullets", "yes", "1", "été", "key with space"]), st.text(min_size=1, max_size=6))


@st.composite
def yaml_texts(draw: st.DrawFn) -> str:
    """Values dumped in a random style; a list reused in two places is written with an
    anchor and an alias."""
    values = st.recursive(ODD_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=4)), max_leaves=12)
    documents = draw(st.lists(values, min_size=1, max_size=3))
    shared = draw(st.lists(ODD_SCALARS, max_size=3))
    if draw(st.booleans()):
        documents[0] = {"first": shared, "again": shared, "rest": documents[0]}
    style = draw(st.sampled_from([None, '"', "'", "|", ">"]))
    break_ = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return yaml.safe_dump_all(
        documents, default_style=style, default_flow_style=draw(st.booleans()), line_break=break_,
        allow_unicode=draw(st.booleans()), explicit_start=len(documents) > 1 or draw(st.booleans()), width=draw(st.sampled_from([20, 80])),
    )


@settings(max_examples=400, deadline=None)
@given(yaml_texts(), st.booleans())
@example("a: &x [1, 2]\nb: *x\n", False)
@example("title: >\r\n  folded\r\n  text\r\n---\n- 'it''s'\n- \"caf\\u00e9\"\n", True)
def test_reader_agrees_with_pyyaml_on_generated_yaml(text: str, bom: bool) -> None:
    raw = ("\ufeff" if bom else "").encode("utf-8") + text.encode("utf-8")
    source, problems = read_bytes(raw)
    assert source is not None
    assume(agrees(source))


@settings(max_examples=300, deadline=None)
@given(raw_inputs(YAML_SEEDS))
@example(b"\xef\xbb\xbf\xef\xbb\xbf\xc3\x80")  # two BOMs: libyaml would read the second as the encoding's mark
def test_reader_agrees_with_pyyaml_on_mutated_files(raw: bytes) -> None:
    source, problems = read_bytes(raw)
    assume(source is not None and not any(p.code != "INP003" for p in problems))
    assume(agrees(source))


def read_bytes(raw: bytes) -> tuple[SourceText | None, list]:
    """What read_source makes of the bytes (the BOM dropped), without a file."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "listing.yaml"
        path.write_bytes(raw)
        return read_source(path, "listing.yaml", 1 << 20)


def test_the_fixture_listings_agree() -> None:
    compared = 0
    for raw in YAML_SEEDS:
        source, _ = read_bytes(raw)
        compared += source is not None and agrees(source)
    assert compared >= len(YAML_SEEDS) // 2


def signature(node: Node, depth: int = 0) -> Any:
    """A node's whole shape: spans, key spans, values, and where each text character came from."""
    if depth > 40:
        return None
    if isinstance(node.value, dict):
        value: Any = [(name, signature(child, depth + 1)) for name, child in node.value.items()]
    elif isinstance(node.value, list):
        value = [signature(child, depth + 1) for child in node.value]
    else:
        value = (type(node.value).__name__, node.value)
    located = None
    if node.text is not None:
        located = (node.text.text, node.text.start, node.text.end, [node.text.source_index(i) for i in range(len(node.text.text) + 1)])
    return (node.start, node.end, node.key_start, node.key_end, value, located)


def read_both_ways(text: str, nodes: int | None = None) -> tuple[Any, Any]:
    """(short path, general path) of the reader on `text`: documents and problems."""
    from unittest import mock

    import listlint.readers.yaml_reader as reader

    def read() -> Any:
        result = reader.read_yaml(SourceText("listing.yaml", text))
        return [signature(d) for d in result.documents], [(p.code, p.start, p.end, p.args) for p in result.problems]

    # the composer's two paths: files of the usual layout, read without it (test_yaml_layout.py), too
    with mock.patch.object(reader, "MAX_NODES", nodes or reader.MAX_NODES), mock.patch.object(reader, "_usual_documents", lambda source: None):
        short = read()
        with mock.patch.object(reader, "_is_text", lambda value, implicit: False):  # every scalar by the general path
            general = read()
    return short, general


REPEATED_KEYS = st.lists(st.tuples(st.sampled_from(["sku", "title", "a", "été"]), ODD_SCALARS), max_size=6)


@settings(max_examples=300, deadline=None)
@given(yaml_texts(), REPEATED_KEYS, st.integers(1, 30))
@example("a: x\na: 'y'\nb: [p, \"q\", r]\n", [], 3)
def test_text_scalars_by_the_short_path_are_what_the_general_path_makes(text: str, pairs: list, nodes: int) -> None:
    """Keys, values in mappings and items of lists, repeated keys (INP007, the last value
    kept) and the node budget (INP010 at the same scalar) alike by either path."""
    repeated = "".join(f"{yaml.safe_dump({key: value}, default_flow_style=True).strip()[1:-1]}\n" for key, value in pairs)
    for written in (text, repeated):
        short, general = read_both_ways(written)
        assert short == general
        short, general = read_both_ways(written, nodes)
        assert short == general


def test_the_fixture_listings_read_alike_by_either_path() -> None:
    for raw in YAML_SEEDS:
        source, _ = read_bytes(raw)
        if source is not None:
            short, general = read_both_ways(source.text)
            assert short == general
