"""ACC rules on metrics files and on Amazon's own Account Health report example."""

from __future__ import annotations

import json

from tests.conftest import TEST_DATA, json_diagnostics, run_cli

AMAZON = TEST_DATA / "amazon" / "reports_accountHealthReport-2020-11-18.json"


def _check(*args, cwd=None):
    result = run_cli("check", *args, "--format", "json", cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    return json_diagnostics(result)


def test_healthy_metrics_file_is_clean():
    assert _check("fixtures/metrics/healthy/", "--fail-on", "info") == []


def test_failing_metrics_file_findings_at_their_lines():
    found = {(d["line"], d["code"]) for d in _check("fixtures/metrics/failing/metrics.yaml")}
    assert {(5, "ACC001"), (9, "ACC010"), (12, "ACC003"), (16, "ACC004"), (19, "ACC010"), (21, "ACC011"), (25, "INP031"), (28, "INP031")} <= found
    (odr,) = [d for d in _check("fixtures/metrics/failing/metrics.yaml") if d["code"] == "ACC001"]
    # value, threshold, window and margin
    assert "1.50%" in odr["message"] and "< 1.00%" in odr["message"] and "60 days" in odr["message"] and "0.50 percentage points past" in odr["message"]


def test_amazon_example_report_is_read_and_checked(tmp_path):
    example = json.loads(AMAZON.read_text("utf-8"))["examples"][0]
    (tmp_path / "health.json").write_text(json.dumps(example, indent=2), "utf-8")
    found = _check("health.json", cwd=tmp_path)
    codes = {d["code"] for d in found}
    assert {"ACC005", "ACC012", "ACC010"} <= codes
    otdr = [d for d in found if d["code"] == "ACC005"]
    assert otdr and "88.48%" in otdr[0]["message"] and ">= 90.00%" in otdr[0]["message"]
    assert any("AT_RISK" in d["message"] for d in found if d["code"] == "ACC012")
    # the example's counts exceed their denominators: reported, not silently used
    assert any(d["code"] == "INP031" and "validTrackingCount" in d["message"] for d in found)


def test_warning_band_is_configurable(tmp_path):
    (tmp_path / "m.yaml").write_text("kind: account-metrics\nmetrics:\n  - {metric: odr, value: 0.6%}\n", "utf-8")
    assert [d["code"] for d in _check("m.yaml", cwd=tmp_path)] == []
    (tmp_path / ".listlint.yaml").write_text("metrics_warning_band: 0.5\n", "utf-8")
    assert [d["code"] for d in _check("m.yaml", cwd=tmp_path)] == ["ACC010"]


def test_bad_values_in_metrics_file(tmp_path):
    (tmp_path / "m.yaml").write_text(
        "kind: account-metrics\nmetrics:\n  - {metric: odr, value: 95}\n  - {metric: vtr, numerator: 12, denominator: 10}\n  - {metric: nope, value: 1%}\n  - {metric: ahr, value: 1200}\n",
        "utf-8",
    )
    found = [(d["line"], d["code"]) for d in _check("m.yaml", cwd=tmp_path)]
    assert (3, "INP031") in found and (4, "INP031") in found and (5, "INP014") in found and (6, "INP031") in found
    over = [d for d in _check("m.yaml", cwd=tmp_path) if d["line"] == 3][0]
    assert "write 95% or 0.95" in over["message"]


def test_orders_report_in_check_uses_as_of():
    found = _check("fixtures/metrics/failing/orders.csv", "--as-of", "2024-05-01")
    codes = sorted(d["code"] for d in found)
    assert codes.count("ACC003") == 2 and "ACC001" in codes and "ACC005" in codes
    later = _check("fixtures/metrics/failing/orders.csv", "--as-of", "2025-01-01")
    assert {d["code"] for d in later} == {"ACC011"}  # every window empty: not measurable, no division by zero
