"""Issue 17, the diagnostic path: what the engine makes of its findings is the same
whichever way it is made (once, as rows), in every process."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

import listlint.engine as engine_module
from listlint.diagnostics import At, Diagnostic, draft, fingerprint, in_cell, with_severity
from tests.conftest import ROOT


def _scan_families(hash_seed: str) -> str:
    code = "from tests.conftest import suite_engine; print(suite_engine().scan_families)"
    environment = {**os.environ, "PYTHONHASHSEED": hash_seed}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, check=True).stdout


def test_the_families_scanned_are_in_the_same_order_whatever_the_hash_seed() -> None:
    """The order of a record's texts is the order of the findings made in them."""
    first = _scan_families("1")
    assert first.startswith("('title', 'bullets', 'description', 'search_terms', ")
    assert _scan_families("2") == first == _scan_families("3")


def test_a_rows_places_are_diagnostics_fields_in_order() -> None:
    assert [getattr(At, name.upper()) for name in Diagnostic.__slots__] == list(range(len(Diagnostic.__slots__)))


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["a.yaml", "b/ü.txt"]),
    st.tuples(st.integers(1, 9), st.integers(1, 90), st.integers(1, 9), st.integers(1, 90)),
    st.sampled_from(["RED001", "LST004"]),
    st.text(max_size=8),
    st.sampled_from(["", "title", "bullets[2]"]),
    st.text(max_size=4),
    st.text(max_size=12),
    st.sampled_from(["error", "warning"]),
    st.sampled_from(["", "Template!D12"]),
)
def test_a_draft_row_and_its_changes_are_the_diagnostic_the_objects_gave(path, span, code, message, field, sku, match, severity, cell) -> None:
    """draft, with_severity and in_cell make the rows that constructing a Diagnostic and
    dataclasses.replace made before the engine worked on rows."""
    row = draft(path, span, code, "name", "info", message, field, sku, match)
    made = Diagnostic(path, *span, code, "name", "info", message, field, sku, match, fingerprint(code, path, sku, field, match))
    assert Diagnostic(*row) == made
    assert Diagnostic(*with_severity(row, severity)) == replace(made, severity=severity)
    assert Diagnostic(*in_cell(row, cell)) == replace(made, cell=cell, message=f"{message} (cell {cell})")


MESSAGE_PARTS = st.sampled_from(["{match}", "{field}", "{sku}", "{code}", "{match!r}", "{field:>12}", "{match:{width}}", "{{", "}}", " text ", "é", "{other}"])


@settings(max_examples=300, deadline=None)
@given(st.lists(MESSAGE_PARTS, max_size=6).map("".join), st.dictionaries(st.sampled_from(["match", "field", "sku", "width", "count"]), st.one_of(st.text(max_size=6), st.integers(1, 30)), max_size=5))
def test_a_message_made_from_the_names_it_reads_is_the_message_made_from_every_argument(message: str, args: dict) -> None:
    """Engine._diagnostic turns only the arguments its message reads into text (_names_in)."""
    every = engine_module._Args({key: str(value) for key, value in args.items()})
    try:
        expected = message.format_map(every)
    except (ValueError, KeyError, IndexError) as error:
        expected = type(error)
    try:
        made = message.format_map(engine_module._Args({name: str(args[name]) for name in engine_module._names_in(message) if name in args}))
    except (ValueError, KeyError, IndexError) as error:
        made = type(error)
    assert made == expected


def test_the_shipped_rules_messages_read_the_names_the_engine_turns_into_text(engine) -> None:
    """Every shipped message made with the arguments it names, and with every argument a finding may carry, reads the same."""
    for rule in engine.rules:
        args = {name: f"<{name}>" for name in ("field", "match", "sku", "value", "suggestion", "code", "count", "limit", "term", "error")}
        every = rule.message.format_map(engine_module._Args(args))
        assert rule.message.format_map(engine_module._Args({name: args[name] for name in engine_module._names_in(rule.message) if name in args})) == every


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a.yaml", "b/c.yaml", "../d.txt", "/abs/e.yaml"]), st.sampled_from(["RED001", "LST004"]), st.sampled_from(["x", "X", "y"])), max_size=12))
def test_baseline_keys_worked_out_once_per_path_are_the_keys_of_each_diagnostic(items: list) -> None:
    """baseline.keys works a path out once for the diagnostics of one file in a row, and
    numbers repeats within the file: a file's diagnostics come together (sorted by path,
    as a run gives them), so counting over the whole list gives the same keys."""
    from pathlib import Path

    from listlint import baseline

    cwd, folder = Path("/work/repo"), Path("/work/repo/sub")
    items = sorted(items, key=lambda item: item[0])
    diagnostics = [Diagnostic(path, 1, 1, 1, 2, code, "n", "error", "m", "title", "S1", match) for path, code, match in items]
    expected, seen = [], {}
    for d in diagnostics:
        path = baseline.relative(d.path, cwd, folder)
        ident = (d.code, path, d.sku, d.field, d.match.casefold())
        seen[ident] = seen.get(ident, 0) + 1
        expected.append(fingerprint(d.code, path, d.sku, d.field, d.match, seen[ident]))
    assert baseline.keys(diagnostics, cwd, folder) == expected
