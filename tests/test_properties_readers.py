"""Property tests of each reader on random and mutated input (issue 7, point 5).

Whatever the text, a reader returns problems instead of raising, every problem span lies
inside the text, and every string value keeps a way back to the file: its characters map,
in order, to source characters that stand for them (the character itself, or an escape,
a folded line break or a doubled quote that the format writes it as).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import example, given

from listlint.locations import LocatedText, SourceText
from listlint.readers import read_table
from listlint.readers.json_reader import read_json
from listlint.readers.orders import OrdersReport, read_orders
from listlint.readers.templates import read_template
from listlint.readers.yaml_reader import read_yaml
from listlint.tree import Node, Problem, ReadResult

try:
    from tests.robustness import FLAT_SEEDS, JSON_SEEDS, ORDERS_SEEDS, TEMPLATE_SEEDS, YAML_SEEDS, listlint_text, raw_inputs
except ImportError:  # tests/ not a package
    from robustness import FLAT_SEEDS, JSON_SEEDS, ORDERS_SEEDS, TEMPLATE_SEEDS, YAML_SEEDS, listlint_text, raw_inputs

# How a format may write one value character: a backslash escape (JSON, YAML double
# quotes) or a line break folded to a space or newline (YAML). Doubled quotes ('' in YAML,
# "" in CSV) map to their first quote, which is the character itself. Templates blank
# their placeholders: a space there stands for a character of `{{ name }}`.
ESCAPES = {"yaml": "\\", "json": "\\", "flat": "", "template": ""}
FOLDS = {"yaml": True, "json": False, "flat": False, "template": False}
BLANKS = {"yaml": False, "json": False, "flat": False, "template": True}
LINE_BREAKS = "\r\n\x85"  # YAML folds NEL (U+0085) like a line feed


def assert_problems_inside(text: str, problems: list[Problem]) -> None:
    for problem in problems:
        if problem.start == -1:  # the file as a whole
            continue
        assert 0 <= problem.start <= len(text), problem
        assert problem.end >= problem.start, problem


def assert_value_maps_back(located: LocatedText, fmt: str) -> None:
    """Each value character maps, strictly in order, to a source character standing for it."""
    source = located.source.text
    previous = -1
    for offset, char in enumerate(located.text):
        at = located.source_index(offset)
        assert previous < at < len(source), (located.text, offset, at, previous)
        written = source[at]
        folded = FOLDS[fmt] and char in " \n" and written in LINE_BREAKS
        blanked = BLANKS[fmt] and char == " "
        assert written == char or written == ESCAPES[fmt] or folded or blanked, (located.text, offset, char, written)
        previous = at


def string_values(documents: list[Node]) -> Iterator[LocatedText]:
    stack = list(documents)
    while stack:
        node = stack.pop()
        if isinstance(node.value, dict):
            stack.extend(node.value.values())
        elif isinstance(node.value, list):
            stack.extend(node.value)
        elif node.text is not None:
            yield node.text


def assert_sound(result: ReadResult, fmt: str) -> None:
    assert_problems_inside(result.source.text, result.problems)
    for located in string_values(result.documents):
        assert_value_maps_back(located, fmt)


@given(raw_inputs(YAML_SEEDS))
@example(b"d: >\r  folded\r  text\r")  # found: a block header ended by a lone \r
@example(b"a: \xc3\xa9\xc3\xa9\xc3\xa9\x07")  # found: libyaml's error offset counts bytes
@example(b"\xcc\x81\xc2\x850")  # found: NEL folds to a space
def test_yaml_reader(raw: bytes) -> None:
    assert_sound(read_yaml(SourceText("item.yaml", listlint_text(raw))), "yaml")


@given(raw_inputs(JSON_SEEDS))
@example(b'{"count": ' + b"9" * 5000 + b"}")  # found: more digits than Python converts raised
def test_json_reader(raw: bytes) -> None:
    assert_sound(read_json(SourceText("item.json", listlint_text(raw))), "json")


@pytest.mark.parametrize("name", ["messages/review-request.txt", "messages/follow-up.html"])
@given(raw=raw_inputs(TEMPLATE_SEEDS))
@example(raw=b"<head><title/title></head>\n<p>Hi</p>\n")  # found: title text taken from all later tags
@example(raw=b"<title>A &amp; B</title><title>C</title>\n")  # found: entities and a second title shifted the subject
def test_template_reader(name: str, raw: bytes) -> None:
    assert_sound(read_template(SourceText(name, listlint_text(raw))), "template")


@given(raw_inputs(ORDERS_SEEDS))
def test_orders_reader(raw: bytes) -> None:
    """Orders reports are not held as text: their positions name a line and a column
    (readers/orders.place), which must lie inside the text."""
    text = listlint_text(raw)
    source = SourceText("orders.csv", text)
    result = read_orders(source)
    spans = [(p.start, p.end) for p in result.problems if p.start != -1]
    for document in result.documents:
        report: OrdersReport = document.value["report"].value
        spans += [*(span for row in report.rows() for span in row.spans.values()), *report.header_cells.values()]
    for start, end in spans:
        line, column = result.source.position(start)
        end_line, end_column = result.source.position(end)
        assert 1 <= line <= end_line <= len(source.line_starts), (start, end)
        assert column - 1 <= len(source.line_text(line)), (start, end)
        assert end_line > line or column <= end_column <= len(source.line_text(line)) + 2, (start, end)


_numbers = itertools.count()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("flat")


@pytest.mark.parametrize("suffix", [".txt", ".csv"])
@given(raw=raw_inputs(FLAT_SEEDS))
@example(raw=b'item_sku\titem_name\tbullet_point1\nA1\tKettle\t"never closed\r\n')  # found: the open cell's last line break had no place
def test_flat_file_reader(folder: Path, suffix: str, raw: bytes) -> None:
    path = folder / f"template-{next(_numbers)}{suffix}"
    path.write_bytes(raw)
    table = read_table(path, path.name, ("US",))
    for source, records, problems in table or ():
        assert_problems_inside(source.text, problems)
        for record in records:
            for fields in record.texts.values():
                for text_field in fields:
                    assert_value_maps_back(text_field.text, "flat")
