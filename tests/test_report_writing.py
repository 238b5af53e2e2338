"""What a report costs per finding and per file (issue 17): the indented JSON of the SARIF,
GitLab and baseline writers is json.dump's text exactly, results read back from a spill in
blocks come back whole and in order, and a file's result pickles to what it was."""

from __future__ import annotations

import io
import json
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import listlint.stream as stream
from listlint.diagnostics import Diagnostic
from listlint.reporters import LazyList, write_json
from listlint.results import NO_LINKS, FileResult, Links

LEAVES = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text()
KEYS = st.text() | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False)
DOCUMENTS = st.recursive(
    LEAVES,
    lambda inner: st.lists(inner, max_size=4) | st.lists(inner, max_size=3).map(tuple) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(DOCUMENTS, st.integers(min_value=0, max_value=3))
def test_write_json_writes_what_json_dumps_writes(document, indent):
    out = io.StringIO()
    write_json(document, out, indent)
    assert out.getvalue() == json.dumps(document, ensure_ascii=False, indent=indent) + "\n"


def test_lazy_lists_anywhere_in_the_document_are_written_as_their_items():
    def lazy(items: list[object]) -> LazyList:
        return LazyList(items, lambda item: item)

    document = {"runs": [{"results": lazy([{"a": [1, {}], "b": []}, "x", 2.5, None]), "none": lazy([])}], "n": 1}
    plain = {"runs": [{"results": [{"a": [1, {}], "b": []}, "x", 2.5, None], "none": []}], "n": 1}
    out = io.StringIO()
    write_json(document, out)
    assert out.getvalue() == json.dumps(plain, ensure_ascii=False, indent=2) + "\n"


def test_write_json_refuses_what_json_refuses():
    with pytest.raises(TypeError):
        write_json({"a": {1, 2}}, io.StringIO())


def test_a_spill_read_in_blocks_gives_back_values_that_cross_and_outgrow_the_blocks(monkeypatch):
    monkeypatch.setattr(stream, "READ_BYTES", 64)
    monkeypatch.setattr(stream, "SPILL_IN_MEMORY_BYTES", 500)
    spill = stream.Spill()
    values = [("value", number, "x" * (number * 7 % 300)) for number in range(120)]
    for value in values:
        spill.add(value)
    assert not spill._in_memory
    first, second = iter(spill), iter(spill)
    interleaved = [(next(first), next(second)) for _ in range(len(values))]  # two readings, each its own position
    assert interleaved == [(value, value) for value in values]


def test_values_added_between_readings_of_a_spill_on_disk_follow_the_others(monkeypatch):
    """A spill writes where its values end, not where the last reading left the file."""
    monkeypatch.setattr(stream, "READ_BYTES", 64)
    monkeypatch.setattr(stream, "SPILL_IN_MEMORY_BYTES", 200)
    spill = stream.Spill()
    values = [("value", number, "y" * (number * 11 % 90)) for number in range(60)]
    for number, value in enumerate(values):
        spill.add(value)
        if number % 7 == 0:
            assert list(spill) == values[: number + 1]  # read to the end, then added to
    assert not spill._in_memory
    reading = iter(spill)
    assert next(reading) == values[0]
    spill.add("last")
    assert [values[0], *reading] == [*values, "last"]


def test_file_results_and_links_pickle_to_what_they_were():
    diagnostic = Diagnostic("a.yaml", 1, 2, 1, 5, "RED001", "url", "error", "m", match="x.com")
    linked = FileResult("a.yaml", [diagnostic], 2, True, Links(listing_skus=("A1",), listing_sku_digests=b"12345678"), (("exists", "b", "yes"),))
    assert pickle.loads(pickle.dumps(linked, pickle.HIGHEST_PROTOCOL)) == linked
    plain = pickle.loads(pickle.dumps(FileResult("b.yaml", checked=False), pickle.HIGHEST_PROTOCOL))
    assert plain == FileResult("b.yaml", checked=False) and plain.links is NO_LINKS
