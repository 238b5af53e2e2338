"""A record's text fields by family tuple (Record.fields): the joins worked out once per
shape of record (records._plan) give what the general walk over the families gives, on
generated records, family tuples with attributes.NAME, repeats and families a record
lacks, before and after fields are added; and on the fixture listings with the
family tuples the engine's rules ask for."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from listlint.documents import records_from
from listlint.locations import LocatedText, SourceText
from listlint.readers import read_source
from listlint.readers.yaml_reader import read_yaml
from listlint.records import Record, TextField
from listlint.tree import Node

FAMILIES = ["title", "bullets", "description", "search_terms", "brand", "attributes", "body", "subject"]
ASKED = st.sampled_from(FAMILIES + ["attributes.material", "attributes.safety", "inserts"])
NAMES = {"attributes": ["attributes.material", "attributes.materials", "attributes.safety.warning", "attributes.size"]}


def _record(fields: list[tuple[str, int]]) -> Record:
    source = SourceText("a.yaml", "x" * 10)
    record = Record(source, Node({}, 0, 0))
    for number, (family, pick) in enumerate(fields):
        names = NAMES.get(family, [f"{family}[{pick}]"])
        record.add_field(TextField(names[pick % len(names)], family, LocatedText(f"text {number}", source, 0, 1)))
    return record


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(FAMILIES), st.integers(0, 5)), max_size=10),
    st.lists(st.lists(ASKED, min_size=1, max_size=6).map(tuple), min_size=1, max_size=6),
    st.lists(st.tuples(st.sampled_from(FAMILIES), st.integers(0, 5)), max_size=3),
)
def test_fields_by_plan_are_the_general_walks(fields: list, asked: list, later: list) -> None:
    record = _record(fields)
    for families in asked:
        assert record.fields(families) == record._collect_named(families)
    for family, pick in later:  # a field added later: the fields are gathered again
        record.add_field(TextField(f"{family}[{pick}]", family, LocatedText("late", record.source, 0, 1)))
    for families in asked:
        assert record.fields(families) == record._collect_named(families)


ENGINE_FAMILIES = [
    ("title", "bullets"),
    ("body", "description", "attributes", "metrics", "feedback", "orders", "brand", "bullets", "inserts", "search_terms", "subject", "title"),
    ("title", "brand", "bullets", "description", "search_terms", "attributes", "subject", "body"),
    ("title", "bullets", "search_terms"),
    ("title", "bullets", "description", "search_terms", "subject", "body"),
]


def test_the_fixture_and_corpus_listings_by_plan_are_the_general_walks() -> None:
    folder = Path(__file__).parent.parent / "fixtures"
    compared = 0
    for path in sorted(folder.rglob("*.yaml")):
        source, _ = read_source(path, path.name, 1 << 22)
        if source is None:
            continue
        result = read_yaml(source)
        if result.problems:
            continue
        for record in records_from(result, ("UK",)) if all(isinstance(d.value, dict) for d in result.documents) else []:
            for families in ENGINE_FAMILIES:
                assert record.fields(families) == record._collect_named(families)
                compared += 1
    assert compared > 50
