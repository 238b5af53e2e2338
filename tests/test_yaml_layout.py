"""The usual listing layout read line by line (readers/yaml_layout.py) against the general
path (libyaml's events composed by yaml_reader._Composer): for every text the layout
takes, both make the same tree, down to each node's span, each key's span and where
each character of a text came from; the general path finds no problem in it. Texts are
generated near the layout's edges: folded plain and quoted scalars, lists, trailing
spaces, indicators, `: ` and ` #` inside values, quotes, escapes, tabs, other line
breaks, keys and values some resolver reads as no text."""

from __future__ import annotations

from unittest import mock

from hypothesis import example, given, settings
from hypothesis import strategies as st

import listlint.readers.yaml_reader as reader
from listlint.locations import SourceText
from listlint.readers.yaml_layout import usual_layout

try:
    from tests.robustness import YAML_SEEDS
    from tests.test_yaml_compose_oracle import read_bytes, signature
except ImportError:  # tests/ not a package
    from robustness import YAML_SEEDS
    from test_yaml_compose_oracle import read_bytes, signature

USUAL = """sku: toy-544-c000
marketplaces:
- UK
brand: Green Board Games
title: Multiplication 'Mosaics' 1:32 No#2
description: 'It''s a puzzle: solve the equations,
  plot the answers on to the grid.'
bullets:
- Ages 8 to 12
- "Box contains
    30 mosaics"
search_terms: multiplication tables, division
  maths
"""


def layout_agrees(text: str) -> bool:
    """Asserts that a text the layout takes reads as the general path reads it; False when
    the layout leaves the text to the general path."""
    fast = reader._usual_documents(SourceText("listing.yaml", text))
    if fast is None:
        return False
    with mock.patch.object(reader, "_usual_documents", lambda source: None):
        general = reader.read_yaml(SourceText("listing.yaml", text))
    assert general.problems == []
    assert [signature(document) for document in fast] == [signature(document) for document in general.documents]
    return True


def test_the_usual_listing_takes_the_layout_and_reads_as_libyaml_reads_it() -> None:
    assert layout_agrees(USUAL)
    assert layout_agrees(USUAL.rstrip("\n"))  # no line break at the end


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["# a comment\n", "a:\n  b: c\n", "a: [x, y]\n", "a: |\n  x\n", "a: x\n\nb: y\n", "a: x\r\n", "a: \"\\u00e9\"\n", "a: &x y\n", "a: x\nb\n", "a:\n", "a: x # note\n", "a: 'x' y\n", "- x\n", "---\na: x\n", "a:\tx\n", "a: b: c\n", "a:\n  - x\n", "a: x\n a: y\n", "a: x\na: y\n", "yes: x\n", "a: 12\n", "a: -x\n"]))
def test_other_layouts_are_left_to_the_general_path(text: str) -> None:
    """Comments, nested or flow collections, block scalars, blank lines, other line breaks,
    escapes, anchors, indented lists, repeated keys, keys and values that are no text."""
    assert reader._usual_documents(SourceText("listing.yaml", text)) is None


# words of the layout, with now and then a character that may leave it
WORDS = st.from_regex(r"[A-Za-z9\u00e9\u2019][A-Za-z9 .,\u00e9\u2019]{0,12}(?:[:#'\"-][A-Za-z9 .]{0,4})?", fullmatch=True)
ODD = st.sampled_from(["", "", "", "", "", "", ":", " #", "'", '"', "\\", "-", "[", "*", "&", "!", "|", ">", "%", "@", "`", "\u00a0", "\u2028", "\t", "\r", "\x85", "\ufeff", "~"])
NOW_AND_THEN = st.sampled_from([False, False, False, True])


@st.composite
def scalars(draw: st.DrawFn) -> str:
    """A scalar as written after `key: ` or `- `: words over one or more lines, plain or
    quoted, with indentation and trailing spaces, now and then an odd character."""
    lines = draw(st.lists(WORDS, min_size=1, max_size=3))
    quote = draw(st.sampled_from(["", "", "'", '"']))
    written = lines[0]
    for line in lines[1:]:
        written += (" " if draw(NOW_AND_THEN) else "") + "\n" + " " * draw(st.sampled_from([2, 1, 4, 0])) + line
    if draw(NOW_AND_THEN):
        at = draw(st.integers(0, len(written)))
        written = written[:at] + draw(ODD) + written[at:]
    return quote + written + quote + (" " if draw(NOW_AND_THEN) else "")


@st.composite
def layouts(draw: st.DrawFn) -> str:
    """Entries `key: scalar` or `key:` and a list, in the usual layout or near it."""
    entries = []
    for key in draw(st.lists(st.sampled_from(["sku", "title", "bullets", "a_1", "_", "on", "Null"]), min_size=1, max_size=5, unique=True)):
        if draw(st.booleans()):
            entries.append(f"{key}:{draw(st.sampled_from([' ', '  ']))}{draw(scalars())}")
        else:
            dash = draw(st.sampled_from(["- ", "-  ", "  - "]))
            entries.append(f"{key}:" + "".join(f"\n{dash}{draw(scalars())}" for _ in range(draw(st.integers(1, 3)))))
    return "\n".join(entries) + draw(st.sampled_from(["\n", "", "\n\n"]))


@settings(max_examples=800, deadline=None)
@given(layouts())
@example("title: 'a\n  b'\n")
@example("title: a\n  b  \nbullets:\n- x\n  y\n")
@example("title: x\nbullets:\n- 'a''b'\n-  \"c d\"")
def test_what_the_layout_takes_reads_as_libyaml_reads_it(text: str) -> None:
    layout_agrees(text)


def test_the_fixture_listings_read_alike_by_either_path() -> None:
    for raw in YAML_SEEDS:
        source, _ = read_bytes(raw)
        if source is not None:
            layout_agrees(source.text)


def test_a_text_of_more_nodes_than_the_budget_is_left_to_the_general_path() -> None:
    text = "bullets:\n" + "- x\n" * 10  # 13 nodes: the mapping, the key, the list, its items
    for budget, over in ((13, False), (12, True)):
        assert (usual_layout(text, budget) is None) is over
        with mock.patch.object(reader, "MAX_NODES", budget), mock.patch.object(reader, "_usual_documents", lambda source: None):
            assert [p.code for p in reader.read_yaml(SourceText("listing.yaml", text)).problems] == (["INP010"] if over else [])
