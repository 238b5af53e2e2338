"""A long match is shortened with an ellipsis in the message; its span and JSON `match` stay whole."""

from __future__ import annotations

from pathlib import Path

from listlint.diagnostics import MESSAGE_MATCH_LIMIT, shortened

from tests.conftest import json_diagnostics, run_cli


def test_shortened_keeps_short_text_and_both_ends_of_long_text() -> None:
    assert shortened("N/A") == "N/A"
    text = "a" * 30 + "b" * 4940 + "c" * 30
    short = shortened(text)
    assert len(short) == MESSAGE_MATCH_LIMIT and "…" in short
    assert short.startswith("a" * 30) and short.endswith("c" * 20)


def test_lst009_with_a_5000_character_match(tmp_path: Path) -> None:
    dashes = "-" * 5000
    (tmp_path / "a.yaml").write_text(f"sku: A-1\ntitle: Acme bottle\ndescription: '{dashes}'\n", "utf-8")
    result = run_cli("check", "a.yaml", "--format", "json", cwd=tmp_path)
    (placeholder,) = [d for d in json_diagnostics(result) if d["code"] == "LST009"]
    assert placeholder["match"] == dashes  # the JSON match stays whole
    assert (placeholder["line"], placeholder["column"], placeholder["end_column"]) == (3, 15, 5015)  # and so does the span
    assert len(placeholder["message"]) < 120 and "…" in placeholder["message"]
    text = run_cli("check", "a.yaml", "--format", "text", cwd=tmp_path).stdout
    assert max(len(line) for line in text.splitlines()) < 150
