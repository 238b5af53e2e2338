"""YAML syntax errors are reported where the problem starts (the unclosed quote or bracket),
with the parser's other position in the message where it differs."""

from __future__ import annotations

import pytest

from listlint.locations import SourceText
from listlint.readers.yaml_reader import read_yaml


def _problem(text: str) -> tuple[tuple[int, int], str]:
    source = SourceText("a.yaml", text)
    (problem,) = read_yaml(source).problems
    return source.position(problem.start), problem.args["error"]


@pytest.mark.parametrize(
    ("text", "where", "said"),
    [
        ('sku: A\ntitle: "Acme bottle\nbullets:\n  - one\n  - two\n', (2, 8), "the quote opened here is never closed (the parser found unexpected end of stream at 6:1)"),
        ("sku: A\ntitle: 'Acme bottle\nbullets:\n  - one\n", (2, 8), "at 5:1)"),
        ("sku: A\nmarketplaces: [US, DE\nbullets:\n  - one\n", (2, 15), "the [ opened here is never closed (the parser "),
        ("sku: A\nattributes: {color: red\nbullets:\n  - one\n", (2, 13), "the { opened here is never closed (the parser "),
    ],
)
def test_unclosed_quote_or_bracket_is_reported_where_it_opens(text: str, where: tuple[int, int], said: str) -> None:
    position, message = _problem(text)
    assert position == where
    assert said in message


def test_a_problem_inside_a_scalar_stays_where_it_is_and_names_the_scalar_start() -> None:
    position, message = _problem('sku: A\ntitle: "bad \\q escape"\n')
    assert position == (2, 13)  # the unknown escape itself, not the quote
    assert "escape" in message and "starts at 2:8" in message


def test_a_problem_without_a_second_position_reads_as_before() -> None:
    position, message = _problem("sku: A\ntitle: x\n  bad: y\n")
    assert position == (3, 6) and "mapping values are not allowed" in message and " at " not in message


def test_the_command_line_points_at_the_quote(tmp_path) -> None:
    from tests.conftest import json_diagnostics, run_cli

    (tmp_path / "a.yaml").write_text('sku: A\ntitle: "Acme bottle\nbullets:\n  - one\n  - two\n', "utf-8")
    (diagnostic,) = json_diagnostics(run_cli("check", "a.yaml", "--format", "json", cwd=tmp_path))
    assert (diagnostic["code"], diagnostic["line"], diagnostic["column"]) == ("INP001", 2, 8)
