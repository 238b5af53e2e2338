"""The benchmark suite (benchmarks/suite.py) still runs and still measures the work it generates.

One `--quick` run (tiny sizes, seconds) for the module. No timing is asserted: the point is to
keep the suite from rotting between the runs that produce the README's figures. textlint and
check-jsonschema are optional tools; without them their tests are skipped with the command
that installs them, and the rest is still checked. The run never installs anything
(`--no-install`).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

SUITE = ROOT / "benchmarks" / "suite.py"
COLUMNS = ["case", "tool", "listings", "MB", "seconds", "listings/s", "MB/s", "peak RSS MB", "findings", "term hits", "note"]
MEASURED = ("items", "size_mb", "seconds", "peak_rss_mb")


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("bench")
    command = [sys.executable, str(SUITE), "--quick", "--no-install", "--keep", str(out / "workspace"),
               "--markdown-out", str(out / "table.md"), "--json-out", str(out / "results.json")]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    results = json.loads((out / "results.json").read_text("utf-8"))
    results["markdown"] = (out / "table.md").read_text("utf-8")
    results["stdout"] = done.stdout
    return results


def rows_of(results: dict, kind: str) -> list[dict]:
    return [row for row in results["rows"] if row["kind"] == kind]


def skip_if_missing(rows: list[dict]) -> None:
    missing = [row["note"] for row in rows if row["note"].startswith("not installed")]
    if missing:
        pytest.skip(f"{rows[0]['tool']} {missing[0]}")


def test_table_has_every_column_and_the_command(quick_run: dict) -> None:
    markdown = quick_run["markdown"]
    assert quick_run["columns"] == COLUMNS
    assert "| " + " | ".join(COLUMNS) + " |" in markdown
    assert "Command: `python benchmarks/suite.py --quick" in markdown
    assert "listlint check options:" in markdown


def test_every_case_measures_listlint_and_its_floor(quick_run: dict) -> None:
    cases = {row["case"] for row in quick_run["rows"]}
    assert {case.split(",")[0] for case in cases} == {"YAML", "flat file", "one file"}
    for row in rows_of(quick_run, "listlint") + rows_of(quick_run, "floor") + rows_of(quick_run, "python"):
        assert all(row[name] for name in MEASURED), row
    flat_and_yaml = {row["case"] for row in rows_of(quick_run, "listlint") if not row["case"].startswith("one file")}
    floors = {row["case"] for row in rows_of(quick_run, "floor")}
    assert floors <= flat_and_yaml and any(case.startswith("flat file") for case in floors)


def test_listlint_finds_what_was_generated(quick_run: dict) -> None:
    listlint_agreements = [a for a in quick_run["agreements"] if "by listlint" in a["what"] or "USR001" in a["what"]]
    assert listlint_agreements and all(a["ok"] for a in listlint_agreements), listlint_agreements
    assert all(a["expected"] > 0 for a in listlint_agreements), "the quick sizes generate violations of each kind"


def test_textlint_does_the_same_work(quick_run: dict) -> None:
    rows = rows_of(quick_run, "textlint")
    assert rows, "every term list of the terms catalog has a textlint row"
    skip_if_missing(rows)
    agreements = [a for a in quick_run["agreements"] if "textlint" in a["what"]]
    assert len(agreements) == len(rows) and all(a["ok"] for a in agreements), agreements
    assert all(row["term_hits"] > 0 and all(row[name] for name in MEASURED) for row in rows), rows


def test_check_jsonschema_validates_every_file(quick_run: dict) -> None:
    rows = rows_of(quick_run, "check-jsonschema")
    assert rows, "every catalog has a check-jsonschema row"
    skip_if_missing(rows)
    assert all(row["findings"] == 0 and all(row[name] for name in MEASURED) for row in rows), rows


def test_each_target_gets_a_verdict(quick_run: dict) -> None:
    verdicts = quick_run["verdicts"]
    targets = " ".join(v["target"] for v in verdicts)
    for words in ("parse floor", "textlint", "python -c pass", "flat-file peak memory"):
        assert words in targets
    measured = [v for v in verdicts if "textlint" not in v["target"]]
    assert all(v["met"] is not None for v in measured), measured
