"""The benchmark suite (benchmarks/suite.py) still runs and still measures the work it generates.

One `--quick` run (tiny sizes, seconds) for the module, storing its real-text findings with
`--compare-output`, and a second run of the same that compares with them. No timing is
asserted: the point is to keep the suite from rotting between the runs that produce the
README's figures. textlint and
check-jsonschema are optional tools; without them their tests are skipped with the command
that installs them, and the rest is still checked. The run never installs anything
(`--no-install`).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

BENCHMARKS = ROOT / "benchmarks"
SUITE = BENCHMARKS / "suite.py"
COLUMNS = ["case", "tool", "listings", "MB", "seconds (min)", "seconds (median)", "CPU s (min)", "listings/s", "MB/s", "peak RSS MB", "findings", "term hits", "note"]
MEASURED = ("items", "size_mb", "seconds", "seconds_median", "cpu_seconds", "peak_rss_mb")
REAL_PAGES = 863


@pytest.fixture(scope="module")
def benchmarks_on_path() -> Iterator[None]:
    sys.path.insert(0, str(BENCHMARKS))
    yield
    sys.path.remove(str(BENCHMARKS))


def run_quick(out: Path, name: str, reference: Path, *options: str) -> dict:
    command = [sys.executable, str(SUITE), "--quick", "--no-install", "--keep", str(out / name), "--compare-output", str(reference),
               "--markdown-out", str(out / f"{name}.md"), "--json-out", str(out / f"{name}.json"), *options]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    results = json.loads((out / f"{name}.json").read_text("utf-8"))
    results["markdown"] = (out / f"{name}.md").read_text("utf-8")
    results["stdout"] = done.stdout
    return results


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("bench")
    results = run_quick(out, "first", out / "findings.json")
    results["reference"] = out / "findings.json"
    results["out"] = out
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
    assert "listlint check options: --no-cache --jobs 1; each timing is 3 fresh processes" in markdown
    assert "load average" in markdown


def test_every_timing_is_repeated(quick_run: dict) -> None:
    measured = [row for row in quick_run["rows"] if row["seconds"] is not None]
    assert measured and all(row["runs"] >= 3 for row in measured), [row for row in measured if row["runs"] < 3]
    assert all(row["seconds"] <= row["seconds_median"] for row in measured)


def test_python_start_is_measured_in_the_same_run(quick_run: dict) -> None:
    python = rows_of(quick_run, "python")
    assert len(python) == 1 and python[0]["tool"] == "python -c pass" and python[0]["runs"] >= 3


def test_real_text_beside_its_compose_floor(quick_run: dict) -> None:
    real = [row for row in quick_run["rows"] if row["case"].startswith("real text")]
    whole = f"real text, {REAL_PAGES} listings"
    kinds = {row["kind"] for row in real if row["case"].startswith(whole)}
    assert {"listlint", "compose", "floor", "check-jsonschema"} <= kinds
    assert {row["items"] for row in real if row["kind"] == "listlint"} == {86, REAL_PAGES}
    assert any(row["kind"] == "listlint" and row["findings"] > 0 for row in real)


def test_findings_are_stored_then_compared_byte_for_byte(quick_run: dict) -> None:
    reference = quick_run["reference"]
    assert quick_run["comparison"].startswith("Whole-catalog comparison") and "stored" in quick_run["comparison"]
    stored = reference.read_bytes()
    lines = stored.decode("utf-8").splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and lines[1:-1] == sorted(lines[1:-1])
    # the real-text catalog as before, everything else as small and as few times as it goes
    smallest = ["--listings", "20", "--terms-catalog", "20", "--terms", "50", "--rows", "30", "--real-memory", str(REAL_PAGES), "--repeat", "1", "--startup-runs", "1"]
    again = run_quick(quick_run["out"], "second", reference, *smallest)
    assert "byte-identical" in again["comparison"] and reference.read_bytes() == stored
    ok = [a for a in again["agreements"] if "byte-identical" in a["what"]]
    assert ok and ok[0]["ok"]


def test_a_changed_finding_fails_the_comparison(quick_run: dict, benchmarks_on_path: None, tmp_path: Path) -> None:
    import findings_ref

    report = tmp_path / "report.json"
    changed = tmp_path / "changed.json"
    report.write_text(json.dumps({"diagnostics": [{"code": "LST001", "line": 3}, {"code": "LST002", "line": 1}]}), "utf-8")
    assert findings_ref.compare_with_reference(report, changed).stored
    report.write_text(json.dumps({"diagnostics": [{"code": "LST002", "line": 1}, {"code": "LST001", "line": 3}]}), "utf-8")
    assert findings_ref.compare_with_reference(report, changed).identical, "the order a run reports in does not matter"
    report.write_text(json.dumps({"diagnostics": [{"code": "LST001", "line": 4}, {"code": "LST002", "line": 1}]}), "utf-8")
    compared = findings_ref.compare_with_reference(report, changed)
    assert not compared.identical and '"line": 4' in compared.detail


def test_imports_of_the_one_file_run_are_summarised(quick_run: dict) -> None:
    imports = quick_run["imports"]
    assert len(imports) > 10 and "listlint" in {item["package"] for item in imports}
    assert "python -X importtime" in quick_run["markdown"]


def test_a_term_inside_a_longer_textlint_hit_counts_once(benchmarks_on_path: None) -> None:
    """textlint's stop-words rule reports `Schmgav` inside `Ekkrako Schmgav` as a hit of its own;
    listlint reports the longer term only (kinds/terms.py), so the suite's count leaves it out."""
    import competitors

    messages = [
        {"index": 19, "message": "Avoid using \u201cEkkrako Schmgav\u201d"},
        {"index": 27, "message": "Avoid using \u201cSchmgav\u201d"},  # inside the hit above
        {"index": 19, "message": "Avoid using \u201cEkkrako\u201d"},  # its start, inside too
        {"index": 60, "message": "Avoid using \u201cKraek.Zumon\u201d"},
    ]
    assert competitors.outermost(messages) == [(19, 34), (60, 71)]


def test_every_case_measures_listlint_and_its_floor(quick_run: dict) -> None:
    cases = {row["case"] for row in quick_run["rows"]}
    assert {case.split(",")[0] for case in cases} == {"real text", "YAML", "flat file", "real-text flat file", "one file"}
    for row in rows_of(quick_run, "listlint") + rows_of(quick_run, "floor") + rows_of(quick_run, "python"):
        assert all(row[name] for name in MEASURED), row
    flat_and_yaml = {row["case"] for row in rows_of(quick_run, "listlint") if not row["case"].startswith("one file")}
    floors = {row["case"] for row in rows_of(quick_run, "floor") + rows_of(quick_run, "compose")}
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
    for words in ("compose floor", "`csv` floor", "python -c pass", "flat file within 20%", "listing files within 20%", "textlint"):
        assert words in targets
    measured = [v for v in verdicts if "textlint" not in v["target"]]
    assert all(v["met"] is not None for v in measured), measured


def test_the_readme_tables_are_the_suites_output(benchmarks_on_path: None) -> None:
    import suite

    readme = f"# Speed\n\nprose\n\n{suite.README_START}\nold table\n{suite.README_END}\n\nmore prose\n"
    updated = suite.replace_readme_tables(readme, "| new | table |\n")
    assert updated == f"# Speed\n\nprose\n\n{suite.README_START}\n| new | table |\n{suite.README_END}\n\nmore prose\n"
    with pytest.raises(ValueError):
        suite.replace_readme_tables("# no markers\n", "| t |")
    shipped = (ROOT / "README.md").read_text("utf-8")
    assert shipped.count(suite.README_START) == 1 and shipped.count(suite.README_END) == 1


def test_listlint_reports_a_term_inside_a_longer_one_once(benchmarks_on_path: None, tmp_path: Path) -> None:
    """What the textlint count relies on: with both `Ekkrako Schmgav` and `Schmgav` on the list,
    listlint's one finding is the longer term (the shorter one ends inside it)."""
    from terms import RULE_CODE, write_listlint_config, write_terms

    from listlint.config import load_config
    from listlint.run import lint_paths

    config_path = write_listlint_config(tmp_path, write_terms(tmp_path / "terms", ["Ekkrako Schmgav", "Schmgav"]))
    listing = {"sku": "X-1", "marketplaces": ["UK"], "brand": "Oakvox", "title": "Oakvox Bottle", "bullets": ["Works with every Ekkrako Schmgav accessory"]}
    (tmp_path / "listing.yaml").write_text(json.dumps(listing), "utf-8")
    result = lint_paths(["listing.yaml"], load_config(config_path, tmp_path), tmp_path)
    assert [d.match for d in result.diagnostics if d.code == RULE_CODE] == ["Ekkrako Schmgav"]
