"""diagnostics.finalise makes each diagnostic anew (not with dataclasses.replace, which costs
several times as much): every field but the three it sets must come through unchanged."""

from __future__ import annotations

from dataclasses import fields

from listlint.diagnostics import Diagnostic, as_row, finalise
from listlint.locations import SourceText


def test_finalise_keeps_every_other_field() -> None:
    source = SourceText("a.yaml", "title: Hello\n")
    values = {f.name: f"{f.name}-value" for f in fields(Diagnostic) if f.type in ("str", str)}
    values.update(line=1, column=8, end_line=1, end_column=13, context_column=9)
    diagnostic = Diagnostic(**values)
    (done,) = finalise([as_row(diagnostic)], source)
    set_by_finalise = {"fingerprint", "context", "context_column"}
    for one in fields(Diagnostic):
        if one.name not in set_by_finalise:
            assert getattr(done, one.name) == getattr(diagnostic, one.name), one.name
    assert (done.fingerprint, done.context, done.context_column) == ("fingerprint-value", "title: Hello", 1)
