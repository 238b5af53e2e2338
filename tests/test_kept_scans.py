"""Engine._scanned keeps the scans of short texts, which a flat file's columns repeat row
after row: the diagnostics are those of scanning every text anew, the kept scans stay
within KEPT_SCANS, and none is kept while the pattern prefilter warms up (it lets every
pattern through then)."""

from __future__ import annotations

from pathlib import Path

import pytest

import listlint.engine as engine_module
from listlint.prescan import WARM_UP_TEXTS
from listlint.visible import without_invisible
from tests.conftest import ROOT, suite_engine

TEMPLATE = ROOT / "fixtures" / "flatfiles" / "flagged" / "kitchen-and-toys.txt"
HEADER_ROWS = 3


def _repeated_rows(folder: Path, copies: int) -> Path:
    """The fixture template with its data rows repeated `copies` times (each copy its own
    skus): short cells with findings in them ("... Best Seller", "Great gift like
    Squishmallows", "kettle B0C7XK2M4Q") come back on row after row."""
    lines = TEMPLATE.read_text("utf-8").split("\n")
    header, rows = lines[:HEADER_ROWS], "\n".join(lines[HEADER_ROWS:]).strip("\n")
    copied = [rows.replace("OAK-KETTLE-BS", f"OAK-KETTLE-{n}").replace("PLUSH-AXO-30", f"PLUSH-AXO-{n}") for n in range(copies)]
    path = folder / "inventory.txt"
    path.write_text("\n".join(header + copied) + "\n", "utf-8")
    return path


def _lint(path: Path) -> tuple[list[tuple[object, ...]], int]:
    """The file's diagnostics as plain tuples, and how many scans the engine kept."""
    engine = suite_engine()
    diagnostics = engine.lint_file(path, path.name).diagnostics
    return [(d.code, d.line, d.column, d.end_line, d.end_column, d.match, d.message, d.fingerprint) for d in diagnostics], len(engine._text_scans)


def test_kept_scans_give_the_diagnostics_of_scans_made_anew(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _repeated_rows(tmp_path, WARM_UP_TEXTS // 10)  # ~12 texts a copy: past the prefilter's warm-up
    kept, kept_count = _lint(path)
    monkeypatch.setattr(engine_module, "KEPT_SCAN_LENGTH", -1)  # no text is that short: every one scanned anew
    anew, none_kept = _lint(path)
    assert kept == anew
    assert kept_count > 0 and none_kept == 0
    assert {code for code, *_ in kept} >= {"LST004", "LST012", "IPR001"}  # findings in short texts among them


def test_the_kept_scans_stay_within_their_bound(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _repeated_rows(tmp_path, WARM_UP_TEXTS // 10)
    unbounded, _ = _lint(path)
    monkeypatch.setattr(engine_module, "KEPT_SCANS", 3)
    bounded, kept_count = _lint(path)
    assert bounded == unbounded
    assert 0 < kept_count <= 3


def test_no_scan_is_kept_while_the_prefilter_warms_up(tmp_path: Path) -> None:
    _, kept_count = _lint(_repeated_rows(tmp_path, 2))
    assert kept_count == 0


def test_a_kept_scan_is_one_the_prefilter_judged(tmp_path: Path) -> None:
    """The text whose scan ends the warm-up was let through unjudged: it is not kept."""
    path = _repeated_rows(tmp_path, 3)
    engine = suite_engine()
    engine.literals._prefilter._warm_up = 1  # the file's first text is the warm-up's last
    engine.lint_file(path, path.name)
    assert engine._text_scans
    for text, (present, _, _) in engine._text_scans.items():
        assert present == engine.literals.present(without_invisible(text)), text


def test_kept_scans_do_not_outlive_their_file(tmp_path: Path) -> None:
    # a catalog of one-listing files gains nothing from another file's scans: a replicated
    # benchmark catalog would otherwise be timed on its repetition
    engine = suite_engine()
    inventory = _repeated_rows(tmp_path, 40)
    engine.lint_file(inventory, inventory.name)
    kept = set(engine._text_scans)
    assert kept  # the rows' repeated cells were kept while their file was linted
    listing = tmp_path / "listing.yaml"
    listing.write_text("sku: A-1\nmarketplaces: [UK]\ntitle: Walnut Chopping Board\n", "utf-8")
    engine.lint_file(listing, listing.name)
    assert kept.isdisjoint(engine._text_scans) and set(engine._text_scans) <= {"Walnut Chopping Board"}
