"""Account metric formulas over orders reports, checked against hand calculations."""

from __future__ import annotations

import json
from datetime import date

import pytest

from listlint.metrics import Order, TARGETS, compute, parse_when, window
from tests.conftest import run_cli

ORDERS = "fixtures/metrics/failing/orders.csv"


def _by_key(measurements):
    return {(m.target.key, m.scope): m for m in measurements}


def test_hand_calculation_of_the_fixture_report():
    """fixtures/metrics/failing/orders.csv as of 2024-05-01, worked out by hand:
    ODR window 2024-03-03..2024-05-01 holds orders 2..10 (order 1 is the day before, 11 the
    day after; order 10's two rows count once): 9 orders; defects 2 (2 stars), 3 (claim
    granted), 4 (service chargeback), 5 (1 star and a pending claim: once), 10 (2 stars on
    its second row) = 5; order 6 (denied claim, fraud chargeback) is no defect.
    Cancel rate 2024-04-25..05-01: seller-fulfilled 7, 8, 9, 10; cancelled by the seller: 7.
    LSR 10 (ship-by 04-22..05-01): 5 on time, 9 late (7, 8 cancelled) -> 1/2.
    LSR 30 (ship-by 04-02..05-01): 3, 5 on time; 4, 9 late -> 2/4.
    VTR (confirmed 04-02..05-01, per category in the US): Toys 3, 4 valid -> 2/2;
    Home 5 invalid, 9 valid -> 1/2.
    OTDR (promised 04-11..04-24): 3 on time, 4 a day late -> 1/2."""
    result = run_cli("metrics", ORDERS, "--as-of", "2024-05-01", "--format", "json")
    assert result.returncode == 1, result.stderr
    rows = {(m["metric"], m["scope"]): m for m in json.loads(result.stdout)["metrics"]}
    expected = {
        ("order_defect_rate", ""): (5, 9),
        ("pre_fulfillment_cancel_rate", ""): (1, 4),
        ("late_shipment_rate_10", ""): (1, 2),
        ("late_shipment_rate_30", ""): (2, 4),
        ("valid_tracking_rate", "Toys"): (2, 2),
        ("valid_tracking_rate", "Home"): (1, 2),
        ("on_time_delivery_rate", ""): (1, 2),
    }
    for key, (numerator, denominator) in expected.items():
        row = rows[key]
        assert (row["numerator"], row["denominator"]) == (numerator, denominator), key
        assert row["value"] == pytest.approx(numerator / denominator)
    assert rows[("order_defect_rate", "")]["components"] == {"negative_feedback": 3, "a_to_z_claims": 2, "chargebacks": 1}
    assert rows[("valid_tracking_rate", "Toys")]["status"] == "ok"
    assert rows[("order_defect_rate", "")]["window_from"] == "2024-03-03"


def test_metrics_text_table_shows_counts():
    result = run_cli("metrics", ORDERS, "--as-of", "2024-05-01")
    assert result.returncode == 1
    assert "Order Defect Rate" in result.stdout and "5 of 9" in result.stdout and "55.56%" in result.stdout
    assert "negative feedback" in result.stdout and "3 of 9" in result.stdout


def _order(oid, day, **kw):
    return Order(oid, parse_when(day), 2, **kw)


@pytest.mark.parametrize("key", ["order_defect_rate", "pre_fulfillment_cancel_rate"])
def test_window_edges_by_purchase_date(key):
    as_of = date(2024, 5, 1)
    first, last = window(as_of, TARGETS[key].window_days)
    before = first.toordinal() - 1
    orders = [
        _order("a", first.isoformat(), negative_feedback=True, seller_cancelled=True, cancelled=True),
        _order("b", last.isoformat()),
        _order("c", date.fromordinal(before).isoformat(), negative_feedback=True, seller_cancelled=True, cancelled=True),
        _order("d", "2024-05-02", negative_feedback=True, seller_cancelled=True, cancelled=True),
    ]
    (m,) = [m for m in compute(orders, {"feedback-rating", "a-to-z-claim", "chargeback", "cancelled-by"}, as_of) if m.target.key == key]
    assert (m.numerator, m.denominator) == (1, 2)  # first and last day in, the days outside out


def test_late_shipment_and_tracking_and_delivery_formulas():
    as_of = date(2024, 5, 1)
    columns = {"latest-ship-date", "ship-confirm-date", "valid-tracking", "promised-delivery-date", "delivery-date"}
    orders = [
        # ship-by on the window's first day (04-22), confirmed a day late
        _order("a", "2024-04-20", ship_by=parse_when("2024-04-22"), shipped=parse_when("2024-04-23T08:00:00Z"), valid_tracking=True,
               promised=parse_when("2024-04-11"), delivered=parse_when("2024-04-11")),
        # ship-by on the last day, confirmed the same day: on time (a date without time)
        _order("b", "2024-04-30", ship_by=parse_when("2024-05-01"), shipped=parse_when("2024-05-01T23:00:00Z"), valid_tracking=False,
               promised=parse_when("2024-04-24"), delivered=parse_when("2024-04-25")),
        # timestamps on both sides: 1 minute late
        _order("c", "2024-04-25", ship_by=parse_when("2024-04-26T10:00:00Z"), shipped=parse_when("2024-04-26T10:01:00Z"), valid_tracking=True),
        # ship-by the day before the window: outside
        _order("d", "2024-04-19", ship_by=parse_when("2024-04-21"), shipped=parse_when("2024-04-25")),
        # fulfilled by Amazon: never in the seller-fulfilled metrics
        _order("e", "2024-04-25", afn=True, ship_by=parse_when("2024-04-26"), shipped=parse_when("2024-04-29")),
    ]
    found = _by_key(compute(orders, columns, as_of))
    lsr = found[("late_shipment_rate_10", "")]
    assert (lsr.numerator, lsr.denominator) == (2, 3)
    vtr = found[("valid_tracking_rate", "")]
    assert (vtr.numerator, vtr.denominator) == (2, 4)
    otdr = found[("on_time_delivery_rate", "")]  # promised 04-11 and 04-24 are the window's edges; b has invalid tracking
    assert (otdr.window_from, otdr.window_to) == (date(2024, 4, 11), date(2024, 4, 24))
    assert (otdr.numerator, otdr.denominator) == (1, 1)


def test_zero_order_window_is_not_measurable():
    found = compute([], {"feedback-rating", "a-to-z-claim", "chargeback"}, date(2024, 5, 1))
    odr = _by_key(found)[("order_defect_rate", "")]
    assert odr.value is None and odr.denominator == 0 and odr.status() == "not measurable"
    assert not odr.breached() and not odr.near(0.2)


def test_missing_columns_make_metrics_not_measurable():
    found = _by_key(compute([], set(), date(2024, 5, 1)))
    assert "chargeback" in found[("order_defect_rate", "")].note


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2024-05-01", date(2024, 5, 1)),
        ("2024-05-01T23:30:00-07:00", date(2024, 5, 2)),  # UTC date
        ("2024-05-01T10:00:00Z", date(2024, 5, 1)),
        ("2024-05-01 22:00:00 PDT", date(2024, 5, 2)),
        ("05/01/2024", date(2024, 5, 1)),
        ("25/04/2024", date(2024, 4, 25)),
        ("01.05.2024", date(2024, 5, 1)),
        ("May 1, 2024 10:22:31 AM PDT", date(2024, 5, 1)),
        ("1 May 2024", date(2024, 5, 1)),
    ],
)
def test_dates_in_several_formats_and_zones(text, day):
    assert parse_when(text).day == day


def test_day_first_for_european_marketplaces():
    assert parse_when("05/04/2024", day_first=True).day == date(2024, 4, 5)
    assert parse_when("not a date") is None


def test_orders_report_missing_column_named(tmp_path):
    (tmp_path / "orders.csv").write_text("amazon-order-id,purchase-date,feedback-rating\n111-1,2024-05-01,1\n", "utf-8")
    result = run_cli("check", "orders.csv", "--as-of", "2024-05-01", "--format", "json", cwd=tmp_path)
    diagnostics = json.loads(result.stdout)["diagnostics"]
    missing = [d for d in diagnostics if d["code"] == "INP029"]
    assert any("a-to-z-claim" in d["message"] and "Order Defect Rate" in d["message"] for d in missing)
    assert not any(d["code"] == "ACC011" for d in diagnostics)  # each missing column is its INP029, not one more finding per metric
    (tmp_path / "bad.tsv").write_text("amazon-order-id\tpurchase-date\n111-1\tyesterday\n", "utf-8")
    result = run_cli("check", "bad.tsv", "--as-of", "2024-05-01", "--format", "json", cwd=tmp_path)
    (bad,) = [d for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "INP030"]
    assert (bad["line"], bad["column"]) == (2, 7) and "yesterday" in bad["message"]


def test_orders_report_without_order_id_is_an_error(tmp_path):
    (tmp_path / "orders.csv").write_text("order,purchase-date\n1,2024-05-01\n", "utf-8")
    result = run_cli("metrics", "orders.csv", cwd=tmp_path)
    assert result.returncode == 2


def test_metrics_command_on_metrics_file_and_amazon_report():
    healthy = run_cli("metrics", "fixtures/metrics/healthy/metrics.yaml")
    assert healthy.returncode == 0 and "breach" not in healthy.stdout
    amazon = run_cli("metrics", "fixtures/metrics/failing/amazon-account-health-report.json", "--format", "json")
    assert amazon.returncode == 1
    rows = json.loads(amazon.stdout)["metrics"]
    assert any(r["metric"] == "on_time_delivery_rate" and r["status"] == "breach" for r in rows)
