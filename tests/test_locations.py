"""Locations: a finding points at its own line and column in the file, whatever the
quoting, folding or escaping between the file text and the value a rule sees.

Columns are 1-based Unicode code points; end_line/end_column are exclusive and, sliced
out of the file, give back exactly the matched text (when the match has no escapes).
"""

from __future__ import annotations

import json
import re

import pytest

try:
    from tests.conftest import json_diagnostics, run_cli
except ImportError:  # tests/ not a package
    from conftest import json_diagnostics, run_cli
from listlint.config import Config
from listlint.engine import Engine
from listlint.rules import load_rules

OTHERS = ("LST", "IPR", "CLM")
_LINES = re.compile(r"\r\n|\r|\n")


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return Engine(load_rules([]), Config(root=tmp_path_factory.mktemp("root"), ignore=OTHERS, select=("RED001", "RED002")))


@pytest.fixture()
def lint(engine, tmp_path):
    def run(text: str, name: str = "item.yaml"):
        path = tmp_path / name
        path.write_bytes(text.encode("utf-8"))
        return engine.lint_file(path, name).diagnostics

    return run


def lines_of(text: str) -> list[str]:
    return _LINES.split(text)


def cut(text: str, line: int, column: int, end_line: int, end_column: int) -> str:
    """The file text between two 1-based (line, column) positions, end exclusive."""
    lines = lines_of(text)
    if line == end_line:
        return lines[line - 1][column - 1 : end_column - 1]
    parts = [lines[line - 1][column - 1 :]] + lines[line : end_line - 1] + [lines[end_line - 1][: end_column - 1]]
    return "\n".join(parts)


def where(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based (line, column) of the n-th occurrence of needle in text."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    before = text[:index]
    line = len(_LINES.findall(before)) + 1
    column = index - max(before.rfind("\n"), before.rfind("\r")) 
    return line, column


def assert_at(diagnostic, text: str, needle: str, occurrence: int = 1) -> None:
    line, column = where(text, needle, occurrence)
    assert (diagnostic.line, diagnostic.column) == (line, column), (diagnostic, needle)
    assert (diagnostic.end_line, diagnostic.end_column) == (line, column + len(needle))
    assert cut(text, diagnostic.line, diagnostic.column, diagnostic.end_line, diagnostic.end_column) == diagnostic.match == needle


def test_plain_title(lint):
    text = "sku: A1\ntitle: Steel bottle at shop-name.com today\n"
    (d,) = lint(text)
    assert (d.code, d.line, d.column, d.end_line, d.end_column) == ("RED001", 2, 24, 2, 37)
    assert_at(d, text, "shop-name.com")


def test_literal_block_middle_line(lint):
    text = (
        "sku: A1\n"
        "title: Steel bottle\n"
        "description: |\n"
        "  First line of the description.\n"
        "  Second line, then visit shop-name.com for lids.\n"
        "    Indented third line with mail help@shop-name.com too.\n"
        "  Last line.\n"
    )
    first, second = lint(text)
    assert (first.code, first.line, first.column) == ("RED001", 5, 27)
    assert_at(first, text, "shop-name.com")
    assert (second.code, second.line, second.column) == ("RED002", 6, 35)
    assert_at(second, text, "help@shop-name.com")


@pytest.mark.parametrize("header", ["|", "|-", "|+", "|2", "| # a comment", ">", ">-", ">+"])
def test_block_scalar_headers(lint, header):
    text = f"sku: A1\ndescription: {header}\n  one line\n  two at shop-name.com\n\n  three\n"
    (d,) = lint(text)
    assert_at(d, text, "shop-name.com")


def test_folded_block(lint):
    text = (
        "sku: A1\n"
        "description: >\n"
        "  This folded text runs\n"
        "  over several lines and\n"
        "  names shop-name.com on\n"
        "\n"
        "    a more indented line with other-shop.com\n"
        "  the third line.\n"
    )
    first, second = lint(text)
    assert first.line == 5
    assert_at(first, text, "shop-name.com")
    assert second.line == 7
    assert_at(second, text, "other-shop.com")


def test_folded_block_in_a_bullet(lint):
    text = "sku: A1\nbullets:\n  - >\n    folded text\n    goes on at other-shop.com\n    end\n"
    (d,) = lint(text)
    assert (d.field, d.line, d.column) == ("bullets[0]", 5, 16)
    assert_at(d, text, "other-shop.com")


def test_plain_multi_line_scalar(lint):
    text = "sku: A1\ntitle: see this   \n   and   shop-name.com more\n"
    (d,) = lint(text)
    assert_at(d, text, "shop-name.com")


def test_double_quoted_with_tab_escape(lint):
    text = 'sku: A1\ntitle: "a\\tb shop.com"\n'
    (d,) = lint(text)
    assert (d.line, d.column, d.end_column) == (2, 14, 22)
    assert_at(d, text, "shop.com")


def test_double_quoted_with_many_escapes(lint):
    text = 'sku: A1\ndescription: "a\\\\b\\"c\\u00e9\\U0001F600\\x41\\n\\/ shop-name.com"\n'
    (d,) = lint(text)
    assert_at(d, text, "shop-name.com")


def test_double_quoted_over_lines(lint):
    text = 'sku: A1\ndescription: "caf\\u00e9 \\x41 x\\\n  y shop2.com z\n  and more at shop3.com"\n'
    first, second = lint(text)
    assert (first.line, first.column) == (3, 5)
    assert_at(first, text, "shop2.com")
    assert (second.line, second.column) == (4, 15)
    assert_at(second, text, "shop3.com")


def test_single_quoted_with_doubled_quotes(lint):
    text = "sku: A1\ntitle: 'it''s ''x'' at shop-name.com'\n"
    (d,) = lint(text)
    assert_at(d, text, "shop-name.com")


def test_flow_sequence_items(lint):
    text = "sku: A1\nbullets: [\"one\", two shop-name.com, 'x', \"a\\tb\" , other-shop.com]\n"
    first, second = lint(text)
    assert (first.field, second.field) == ("bullets[1]", "bullets[4]")
    assert_at(first, text, "shop-name.com")
    assert_at(second, text, "other-shop.com")


def test_non_ascii_before_the_finding_counts_code_points(lint):
    text = "sku: A1\ntitle: Café ☕ 😀 naïve 日本語 shop-name.com\n"
    (d,) = lint(text)
    assert (d.line, d.column) == (2, 27)
    assert_at(d, text, "shop-name.com")


def test_combining_characters_count_as_code_points(lint):
    text = "sku: A1\ntitle: Cafe\u0301 e\u0301 shop-name.com\n"
    (d,) = lint(text)
    assert d.column == len("title: Cafe\u0301 e\u0301 ") + 1
    assert_at(d, text, "shop-name.com")


def test_crlf_line_endings(lint):
    text = "sku: A1\r\ntitle: Steel\r\ndescription: |\r\n  First line.\r\n  Visit shop-name.com now.\r\n"
    (d,) = lint(text)
    assert (d.line, d.column, d.end_line, d.end_column) == (5, 9, 5, 22)
    assert_at(d, text, "shop-name.com")


def test_crlf_folded(lint):
    text = "sku: A1\r\ndescription: >\r\n  one\r\n  two shop-name.com\r\n"
    (d,) = lint(text)
    assert_at(d, text, "shop-name.com")


def test_bom_does_not_shift_columns(lint):
    text = "\ufefftitle: see shop-name.com\nsku: A1\n"
    found = lint(text)
    assert [(d.code, d.line, d.column, d.end_column) for d in found] == [("INP003", 1, 1, 2), ("RED001", 1, 12, 25)]


def test_listings_list(lint):
    text = "listings:\n  - sku: A1\n    title: Fine\n  - sku: B2\n    bullets:\n      - ok\n      - mail a@b.com\n"
    (d,) = lint(text)
    assert (d.sku, d.field) == ("B2", "bullets[1]")
    assert_at(d, text, "a@b.com")


# JSON --------------------------------------------------------------------------------------


def test_json_plain_string(lint):
    text = '{"sku": "A1", "title": "Steel bottle at shop-name.com"}\n'
    (d,) = lint(text, "item.json")
    assert_at(d, text, "shop-name.com")


def test_json_escapes_before_the_finding(lint):
    text = (
        "{\n"
        '  "sku": "A1",\n'
        '  "title": "Tab\\there \\"quoted\\" caf\\u00e9 \\ud83d\\ude00 line\\nbreak \\/ \\\\ at shop-name.com now",\n'
        '  "description": "x"\n'
        "}\n"
    )
    (d,) = lint(text, "item.json")
    assert d.line == 3
    assert_at(d, text, "shop-name.com")


def test_json_surrogate_pair_right_before(lint):
    text = '{"sku": "A1", "title": "\\ud83d\\ude00shop-name.com"}'
    (d,) = lint(text, "item.json")
    assert d.column == text.index("shop-name.com") + 1
    assert_at(d, text, "shop-name.com")


def test_json_raw_non_ascii_before(lint):
    text = '{"sku": "A1",\n "bullets": ["日本語", "😀 é a@b.com"]}\n'
    (d,) = lint(text, "item.json")
    assert (d.field, d.line) == ("bullets[1]", 2)
    assert_at(d, text, "a@b.com")


def test_json_pretty_printed_by_the_json_module(lint):
    listing = {"sku": "A1", "title": "Caf\u00e9 \"x\" \n y", "bullets": ["one", "\U0001F600 two at shop-name.com"]}
    text = json.dumps(listing, indent=2)  # ASCII escapes: \u00e9, \ud83d\ude00, \", \n
    (d,) = lint(text, "item.json")
    assert d.line == 6
    assert_at(d, text, "shop-name.com")


def test_json_escaped_match_is_covered_in_full(lint):
    text = '{"sku": "A1", "title": "mail a\\u0040b.com now"}'
    (d,) = lint(text, "item.json")
    assert d.match == "a@b.com"
    start = text.index("a\\u0040")
    assert (d.line, d.column, d.end_column) == (1, start + 1, start + len("a\\u0040b.com") + 1)


def test_yaml_escaped_match_is_covered_in_full(lint):
    text = 'sku: A1\ntitle: "mail a\\x40b.com now"\n'
    (d,) = lint(text)
    assert d.match == "a@b.com"
    line = text.splitlines()[1]
    start = line.index("a\\x40")
    assert (d.line, d.column, d.end_column) == (2, start + 1, start + len("a\\x40b.com") + 1)


def test_several_findings_in_one_value_each_have_their_own_place(lint):
    text = "sku: A1\ndescription: |\n  shop-a.com shop-b.com\n  cd@shop-d.com\n  shop-e.com\n"
    found = lint(text)
    assert [(d.code, d.line, d.column) for d in found] == [("RED001", 3, 3), ("RED001", 3, 14), ("RED002", 4, 3), ("RED001", 5, 3)]
    for d in found:
        assert cut(text, d.line, d.column, d.end_line, d.end_column) == d.match


def test_locations_through_the_cli_json(tmp_path):
    (tmp_path / ".listlint.yaml").write_text("select: [RED001, RED002]\n", encoding="utf-8")
    text = '{"sku": "A1",\n "description": "caf\\u00e9\\n\\ud83d\\ude00 visit shop-name.com"}\n'
    (tmp_path / "item.json").write_text(text, encoding="utf-8")
    (d,) = json_diagnostics(run_cli("check", "--format", "json", cwd=tmp_path))
    line, column = where(text, "shop-name.com")
    assert (d["line"], d["column"], d["end_line"], d["end_column"]) == (line, column, line, column + 13)
    assert cut(text, d["line"], d["column"], d["end_line"], d["end_column"]) == d["match"]


def test_double_quoted_escaped_line_break_then_escaped_space(lint):
    # the form PyYAML's emitter writes for long double-quoted strings
    text = 'sku: A1\ndescription: "ab\\\n  \\ shop-name.com"\n'
    (d,) = lint(text)
    assert_at(d, text, "shop-name.com")


# property: values written by the json and yaml emitters ------------------------------------

_PIECES = ["a", "Z", " ", "  ", "\t", '"', "'", "\\", "/", "#", ":", "-", ",", "é", "日", "😀", "\u00a0", "\n", "x y"]


def _values(seed: int, count: int) -> list[str]:
    import random

    generator = random.Random(seed)
    values = []
    for _ in range(count):
        before = "".join(generator.choice(_PIECES) for _ in range(generator.randint(0, 12)))
        after = "".join(generator.choice(_PIECES) for _ in range(generator.randint(0, 6)))
        values.append(f"{before} shop-name.com {after}")
    return values


def _assert_located(engine, tmp_path, text: str, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    found = [d for d in engine.lint_file(path, name).diagnostics if d.match == "shop-name.com"]
    assert found, text
    for d in found:
        assert d.line == d.end_line
        assert cut(text, d.line, d.column, d.end_line, d.end_column) == "shop-name.com", (text, d)


@pytest.mark.parametrize("ascii_only", [True, False])
@pytest.mark.parametrize("indent", [None, 2])
def test_json_emitter_output_is_located(engine, tmp_path, ascii_only, indent):
    for value in _values(7, 150):
        text = json.dumps({"sku": "A1", "description": value, "bullets": ["x", value]}, ensure_ascii=ascii_only, indent=indent)
        _assert_located(engine, tmp_path, text, "item.json")


@pytest.mark.parametrize("width", [10_000, 20])  # narrow: escaped line breaks and '\\ ' escapes
@pytest.mark.parametrize("style", [None, '"', "'", "|", ">"])
def test_yaml_emitter_output_is_located(engine, tmp_path, style, width):
    import yaml

    for value in _values(11, 150):
        text = yaml.dump({"sku": "A1", "description": value}, default_style=style, allow_unicode=True, width=width, sort_keys=False)
        if yaml.safe_load(text)["description"] != value:
            continue  # the emitter itself changed the value (trailing spaces in block styles)
        _assert_located(engine, tmp_path, text, "item.yaml")
