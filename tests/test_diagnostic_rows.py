"""Issue 17, the diagnostic path: what the engine makes of its findings is the same
whichever way it is made (once, as rows), in every process."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

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
