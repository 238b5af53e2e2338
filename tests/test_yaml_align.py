"""The YAML reader's offset map (yaml_reader._align) matches stretches written as they are a
slice at a time; it must give exactly the offsets of the one-character-at-a-time walk it
replaced, kept here as the reference, for every scalar style."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from listlint.locations import SourceText
from listlint.pyyaml import yaml
from listlint.readers.yaml_reader import _BREAKS, _LINE_BREAK, _align, _block_indent, _escape_width, _past_indent, read_yaml


def reference_align(value: str, text: str, start: int, end: int, style: str | None) -> list[int]:
    """The walk of listlint 0.x (main at e58e1da): every value character looked for in turn."""
    offsets: list[int] = []
    j = start
    indent = 0
    if style in ("|", ">"):
        header = _LINE_BREAK.search(text, start, end)
        j = header.end() if header else end
        indent = _block_indent(value, text[j:end])
    elif style in ("'", '"'):
        j = start + 1
    for char in value:
        while j < end:
            if indent and text[j - 1] in _BREAKS:
                j = _past_indent(text, j, end, indent)
                if j == end:
                    break
            current = text[j]
            if style == '"' and current == "\\":
                width = _escape_width(text, j)
                if width:
                    break
                if text[j + 1 : j + 2] in ("\n", "\r"):
                    j += 2
                    while j < end and text[j] in " \t\r\n":
                        j += 1
                    continue
            if current == char or (char == " " and current in _BREAKS) or (char == "\n" and current in _BREAKS):
                break
            j += 1
        offsets.append(min(j, end))
        if j < end and style == '"' and text[j] == "\\":
            j += _escape_width(text, j)
        else:
            j += 1
    offsets.append(min(j, end))
    return offsets


def assert_same_offsets(text: str) -> None:
    source = SourceText("t.yaml", text)
    events = [e for e in yaml.parse(text, Loader=yaml.SafeLoader) if isinstance(e, yaml.ScalarEvent)]
    assert read_yaml(source).problems == []
    for event in events:
        start, end = event.start_mark.index, event.end_mark.index
        expected = reference_align(event.value, text, start, end, event.style)
        assert list(_align(event.value, text, start, end, event.style)) == expected, (text, event.value, event.style)


WORDS = ["toy", "it's", "Kinder", "über", "a  b", "x\\y", "é", "😀", "tab\there", "ends  ", "''", "#1", "100%", "-", "Ab" * 40]


def scalar_documents(rng: random.Random) -> list[str]:
    """One document per scalar style, around a random value with long and short lines."""
    value = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 60)))
    if rng.random() < 0.3:
        value = value.replace(" ", "\n", rng.randint(1, 3))
    documents = []
    for style in (None, "'", '"', "|", ">"):
        try:
            documents.append(yaml.dump({"description": value, "bullets": [value[:50], value]}, default_style=style, width=rng.choice([20, 40, 80]), allow_unicode=rng.random() < 0.5))
        except yaml.YAMLError:
            continue
    return documents


@pytest.mark.parametrize("seed", range(60))
def test_align_matches_the_reference_walk(seed: int) -> None:
    for text in scalar_documents(random.Random(seed)):
        assert_same_offsets(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: plain text\n  folded over   \n  three lines\n",
        "a: 'it''s ''quoted''\n  and folded'\n",
        'a: "esc \\u00e9 \\t \\\\ tab\\\n   continued \\x41"\n',
        "a: |\n  literal\n    indented more\n\n  after a blank\n",
        "a: >-\n  folded\n  block\n\n  para\n",
        "a: |2\n   keeps one space\n  none\n",
        "a: plain\r\n  crlf lines\r\n",
        "a: plain\x85  nel line\n",
        "a: " + "long " * 300 + "\n  next\n",
        # folded a line at a time (_align_folded): trailing spaces and tabs, single quotes,
        # a quote written twice, list items
        "a: plain  \n  folded   \n  again\n",
        "a: 'tab\t \n  folded'\n",
        "a: 'quoted   \n   folded  \n  twice'\n",
        "a: 'it''s\n  folded'\n",
        "- first line\n  second line\n- 'third\n  fourth'\n",
    ],
)
def test_align_matches_the_reference_walk_on_edge_cases(text: str) -> None:
    assert_same_offsets(text)


@given(st.text(alphabet=st.sampled_from(list("ab '\"\\\n\t#:-é😀")), max_size=80))
def test_align_matches_the_reference_walk_on_random_values(value: str) -> None:
    for style in (None, "'", '"', "|", ">"):
        try:
            text = yaml.dump({"k": value}, default_style=style, width=12, allow_unicode=True)
        except yaml.YAMLError:
            continue
        assert_same_offsets(text)
