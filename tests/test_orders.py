"""Fake-order patterns (ORD), negative feedback (ACC014, ACC015) and the privacy of buyers.

fixtures/orders/ is written by tools/make_order_fixtures.py from a fixed seed: an orders
report of a few hundred ordinary orders with planted patterns, a getOrders payload and a
feedback report; planted.json names the order ids of every planted pattern. The tests
lint a copy with a config that names the seller's warehouse as its own address.
"""

from __future__ import annotations

import csv
import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from listlint.privacy import Tagger, address_key, buyer_key, matches_own, street_key
from tests.conftest import ROOT, suite_engine

FIXTURE = ROOT / "fixtures" / "orders"
PLANTED = json.loads((FIXTURE / "planted.json").read_text("utf-8"))
AS_OF = "2026-10-29"  # the report's last day
FORMATS = {"text": "out.txt", "json": "out.json", "json-lines": "out.jsonl", "sarif": "out.sarif", "github": "out-github.txt", "gitlab": "out-gitlab.json", "junit": "out.xml", "html": "out.html"}


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "FORCE_COLOR", "LISTLINT_CACHE_DIR")}
    return subprocess.run([sys.executable, "-m", "listlint", *args], cwd=cwd, env={**clean, **(env or {})}, capture_output=True, text=True, timeout=300)


@pytest.fixture()
def repo(tmp_path) -> Path:
    folder = tmp_path / "seller"
    shutil.copytree(FIXTURE, folder / "reports")
    (folder / "reports" / "planted.json").unlink()
    own = json.dumps(PLANTED["own_addresses"])
    (folder / ".listlint.yaml").write_text(f"marketplaces: [UK]\nown_addresses: {own}\nprivacy_salt: test-salt-0123456789abcdef\n", "utf-8")
    return folder


def lines_of(path: Path, ids: list[str]) -> set[int]:
    """The 1-based line numbers of the report rows (or JSON order objects) of these order ids."""
    found = set()
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if any(f"{i}\t" in line or f'"AmazonOrderId": "{i}"' in line for i in ids):
            found.add(number)
    return found


def ord_findings(repo: Path, *extra: str) -> list[dict]:
    result = run("check", ".", "--format", "json", "--no-cache", "--as-of", AS_OF, "--fail-on", "never", *extra, cwd=repo)
    assert result.returncode == 0, result.stderr
    return [d for d in json.loads(result.stdout)["diagnostics"] if d["code"].startswith("ORD")]


def test_every_planted_pattern_is_reported_at_its_rows_and_no_ordinary_order_is(repo):
    found = ord_findings(repo)
    report = repo / "reports" / "orders-report.txt"
    expected = {(line, code) for code in ("ORD001", "ORD002", "ORD003", "ORD004") for line in lines_of(report, PLANTED[code])}
    assert {(d["line"], d["code"]) for d in found if d["path"] == "reports/orders-report.txt"} == expected
    payload = repo / "reports" / "get-orders.json"
    assert {(d["line"], d["code"]) for d in found if d["path"] == "reports/get-orders.json"} == {(line, "ORD001") for line in lines_of(payload, PLANTED["get-orders ORD001"])}
    for finding in found:  # at the order id, naming the order and (for small patterns) all of its orders
        assert finding["match"] in finding["message"]
        if finding["path"].endswith(".txt"):
            assert finding["column"] == 1 and finding["end_column"] == 1 + len(finding["match"])


def test_a_pattern_message_lists_its_orders_and_negative_feedback(repo):
    dino = [d for d in ord_findings(repo, "--select", "ORD001") if "TOY-DINO-01" in d["message"]]
    assert len(dino) == 6
    for order_id in PLANTED["ORD001"][:6]:
        assert order_id in dino[0]["message"]
    assert "1 of them got negative feedback" in dino[0]["message"] and "to address #" in dino[0]["message"]


def test_rule_options_change_the_thresholds(repo):
    (repo / ".listlint.yaml").write_text((repo / ".listlint.yaml").read_text("utf-8") + "rule_options:\n  ORD001: {min_orders: 7}\n  ORD004: {min_orders: 11}\n", "utf-8")
    codes = {d["code"] for d in ord_findings(repo, "--select", "ORD001,ORD004")}
    assert codes == set()


def test_negative_feedback_share_trend_and_orders_in_patterns(repo):
    result = run("check", ".", "--format", "json", "--no-cache", "--as-of", AS_OF, "--select", "ORD,ACC014,ACC015", "--fail-on", "never", cwd=repo)
    found = [d for d in json.loads(result.stdout)["diagnostics"] if d["code"] in ("ACC014", "ACC015")]
    assert sorted(d["code"] for d in found) == ["ACC014", "ACC015"]
    share, trend = sorted(found, key=lambda d: d["code"])
    assert "15.00% (3 of 20 ratings) over the 30 days 2026-09-30..2026-10-29; 10.26% (4 of 39 ratings) over the 90 days" in share["message"]
    assert "15.00% over 30 days > 10.26% over 90 days > 3.33% over 365 days" in trend["message"]
    for finding in found:  # at the Rating header cell; the planted repeat recipient's negative rating is named
        assert (finding["line"], finding["column"]) == (1, 6)
        assert f"also in an order pattern (ORD): {PLANTED['ORD001'][0]}" in finding["message"]


def test_feedback_rows_that_cannot_be_read_are_input_problems(tmp_path):
    (tmp_path / "feedback.csv").write_text("Date,Rating,Comments,Order ID\n2026-10-01,6,x,111-1\nlast week,2,y,111-2\n", "utf-8")
    result = run("check", "feedback.csv", "--format", "json", "--no-cache", cwd=tmp_path)
    found = {(d["code"], d["line"], d["column"]) for d in json.loads(result.stdout)["diagnostics"]}
    assert ("INP031", 2, 12) in found and ("INP030", 3, 1) in found


def personal_values() -> set[str]:
    """Every name, e-mail, phone, street and comment in the fixtures."""
    values: set[str] = set()
    with (FIXTURE / "orders-report.txt").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            values.update(row[c] for c in ("buyer-email", "buyer-name", "recipient-name", "ship-address-1", "ship-address-2", "ship-phone-number", "ship-postal-code") if row[c])
    with (FIXTURE / "feedback-report.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            values.update((row["Rater Email"], row["Comments"]))
    for order in json.loads((FIXTURE / "get-orders.json").read_text("utf-8"))["payload"]["Orders"]:
        values.update(str(v) for v in order["ShippingAddress"].values() if v not in ("GB", "Bath"))
        values.update(order["BuyerInfo"].values())
    return {v for v in values if len(v) > 4}


def test_no_personal_data_in_any_format_the_cache_or_a_baseline(repo, tmp_path):
    cache = tmp_path / "cache"
    common = ("--as-of", AS_OF, "--fail-on", "never", "--cache-dir", str(cache))
    outputs = []
    for name, file_name in FORMATS.items():
        result = run("check", ".", "--format", name, "-o", file_name, *common, cwd=repo)
        assert result.returncode == 0, result.stderr
        outputs.append(repo / file_name)
    assert run("check", ".", "--write-baseline", "baseline.json", *common, cwd=repo).returncode == 0
    outputs.append(repo / "baseline.json")
    outputs += [p for p in cache.rglob("*") if p.is_file()]
    assert len(outputs) > len(FORMATS) + 1, "the cache holds files"
    secrets = personal_values()
    assert len(secrets) > 1000 and "14 Larch Close" in secrets and "Imogen Tallowfield" in secrets
    for path in outputs:
        content = path.read_bytes()
        leaked = sorted(s for s in secrets if s.encode("utf-8") in content)
        assert not leaked, f"{path.name} holds personal data: {leaked[:5]}"
    assert "ORD001" in (repo / "out.html").read_text("utf-8")


def test_shown_source_lines_are_masked_but_keep_their_columns(repo):
    from listlint.api import Options, lint_files

    found = lint_files("reports", Options(root=str(repo), as_of=AS_OF, complete=True))
    row = next(d for d in found if d.code == "ORD001" and d.path.endswith(".txt"))
    raw = (repo / "reports" / "orders-report.txt").read_text("utf-8").splitlines()[row.line - 1]
    shown = raw[row.context_column - 1 : row.context_column - 1 + len(row.context)]
    assert all(a == b or a == "*" for a, b in zip(row.context, shown)) and row.context.startswith(row.match)  # columns kept
    assert "TOY-DINO-01" in row.context and "Larch" not in row.context and "@" not in row.context and "*" in row.context
    payload = next(d for d in found if d.code == "ORD001" and d.path.endswith(".json"))
    assert payload.context.strip().startswith('"AmazonOrderId"')


def test_tags_are_stable_per_salt_and_the_default_salt_lives_in_the_cache_folder(repo, tmp_path):
    first = {d["message"] for d in ord_findings(repo)}
    assert first == {d["message"] for d in ord_findings(repo)}
    config = repo / ".listlint.yaml"
    config.write_text(config.read_text("utf-8").replace("test-salt-0123456789abcdef", "another-salt-0123456789"), "utf-8")
    assert first != {d["message"] for d in ord_findings(repo)}
    config.write_text("\n".join(line for line in config.read_text("utf-8").splitlines() if "privacy_salt" not in line) + "\n", "utf-8")
    cache = tmp_path / "elsewhere"
    env = {"LISTLINT_CACHE_DIR": str(cache)}
    one = run("check", ".", "--format", "json", "--as-of", AS_OF, "--select", "ORD", "--fail-on", "never", cwd=repo, env=env)
    assert len((cache / "salt").read_text("ascii").strip()) == 32
    two = run("check", ".", "--format", "json", "--as-of", AS_OF, "--select", "ORD", "--fail-on", "never", "--no-cache", cwd=repo, env=env)
    assert json.loads(one.stdout)["diagnostics"] == json.loads(two.stdout)["diagnostics"]


def test_addresses_meet_across_spellings_and_units_stay_apart():
    one = address_key(("Flat 3, 12 High Street",), "SW1A 1AA")
    assert one == address_key(("12 high st.", "apt. 3"), "sw1a1aa") == address_key(("12  HIGH STREET #3",), "SW1A 1AA")
    assert one != address_key(("Flat 4, 12 High Street",), "SW1A 1AA")
    assert street_key("Canal Side Trading Est", "Unit 7") == street_key("Unit 7, Canal Side Trading Estate")
    assert matches_own(address_key(("Canal Side Trading Estate", "Unit 7"), "LS10 1AB"), "Unit 7, Canal Side Trading Estate, Leeds LS10 1AB")
    assert not matches_own(address_key(("Canal Side Trading Estate", "Unit 8"), "LS10 1AB"), "Unit 7, Canal Side Trading Estate, Leeds LS10 1AB")
    assert buyer_key(" Ab@Example.COM ") == buyer_key("ab@example.com") != buyer_key("", "Ab Example")


def test_tags_are_short_salted_and_never_the_value():
    key = buyer_key("someone@example.com")
    one, two = Tagger(b"salt-one").tag(key), Tagger(b"salt-two").tag(key)
    assert len(one) == 10 and one != two and "someone" not in one


def test_amazons_own_get_orders_example_is_read_and_its_buyer_never_shown(tmp_path):
    """The getOrders response example of Amazon's orders API model (tests/data, Apache-2.0),
    as is (one order: no pattern) and with its order repeated three times in a week."""
    example = json.loads((ROOT / "tests" / "data" / "spapi-getOrders-example.json").read_text("utf-8"))
    (tmp_path / "one.json").write_text(json.dumps(example), "utf-8")
    order = example["payload"]["Orders"][0]
    repeated = [{**order, "AmazonOrderId": f"902-3159896-139091{n}", "PurchaseDate": f"2017-01-2{n}T19:49:35Z", "OrderStatus": "Shipped"} for n in range(3)]
    (tmp_path / "three.json").write_text(json.dumps({"payload": {"Orders": repeated}}, indent=1), "utf-8")
    (tmp_path / ".listlint.yaml").write_text("privacy_salt: test-salt-0123456789abcdef\n", "utf-8")
    result = run("check", ".", "--format", "json", "--no-cache", "--fail-on", "never", cwd=tmp_path)
    found = json.loads(result.stdout)["diagnostics"]
    assert {(d["path"], d["code"]) for d in found} == {("three.json", "ORD001")}
    assert len(found) == 3 and all("of items without a SKU to address #" in d["message"] for d in found)
    shown = result.stdout + run("check", ".", "--format", "html", "--no-cache", "--fail-on", "never", cwd=tmp_path).stdout
    for secret in ("user@example.com", "John Doe", "1 Cross St.", "Michigan address", "48817"):
        assert secret not in shown


def _head(name: str, lines: int) -> bytes:
    return ("\n".join((FIXTURE / name).read_text("utf-8").splitlines()[:lines]) + "\n").encode("utf-8")


SEEDS = {"orders.txt": _head("orders-report.txt", 25), "feedback.csv": _head("feedback-report.csv", 25), "orders.json": (FIXTURE / "get-orders.json").read_bytes()}


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_mangled_reports_never_crash_and_findings_stay_inside(name, engine, tmp_path):
    from hypothesis import HealthCheck, given, settings

    from listlint.locations import SourceText
    from tests.robustness import listlint_text, raw_inputs

    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(raw=raw_inputs([SEEDS[name]]))
    def check(raw: bytes) -> None:
        path = tmp_path / name
        path.write_bytes(raw)
        lines = len(SourceText(name, listlint_text(raw)).line_starts)  # \r, \r\n and \n end lines
        for diagnostic in engine.lint_file(path, name).diagnostics:
            assert 1 <= diagnostic.line <= lines, diagnostic

    check()


def test_the_orders_benchmark_runs_and_finds_what_it_plants():
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "orders.py"), "--rows", "300"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "| 300 |" in done.stdout and done.stdout.rstrip().endswith("| yes |")  # no timing is asserted


def _benchmark_report(path: Path, rows: int) -> None:
    """An orders report as benchmarks/orders.py writes it: a year of ordinary orders with planted patterns."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from orders import write_report
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    write_report(path, rows)


def _ord_pass_peak(path: Path) -> tuple[int, int]:
    """(traced peak bytes, patterns) of reading a report's records and walking it for every ORD rule."""
    import tracemalloc

    from listlint.documents import records_from
    from listlint.kinds.order_pattern import patterns_of, run_detectors
    from listlint.readers.orders import stream_orders

    engine = suite_engine()
    makers = run_detectors(engine_context(engine))
    tracemalloc.start()
    try:
        result = stream_orders(path, path.name)
        (orders,) = [r for r in records_from(result, ("UK",)) if r.kind == "orders"]
        found = patterns_of(orders.spec, makers)
        return tracemalloc.get_traced_memory()[1], sum(len(patterns) for patterns in found.values())
    finally:
        tracemalloc.stop()


def engine_context(engine):
    from listlint.kinds.base import CompileContext

    return CompileContext(engine.index, frozenset(), engine.config.rule_options, engine.by_code, config=engine.config)


def test_memory_of_the_ord_walk_does_not_grow_with_the_report(tmp_path):
    """Ten times the rows in the same year (ten times the orders in each window) may not
    take ten times the memory: the report stays in its file and each detector keeps one
    window (about 1.0 MB and 1.8 MB traced; holding every line took over 1 KB per row)."""
    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    _benchmark_report(small, 2_000)
    _benchmark_report(large, 20_000)
    small_peak, small_found = _ord_pass_peak(small)
    large_peak, large_found = _ord_pass_peak(large)
    assert large_found >= 2 * small_found > 0  # the planted patterns of each 10,000 rows
    assert large_peak < 2.5 * small_peak + 1_000_000, (small_peak, large_peak)


def test_each_missing_metrics_column_is_one_finding_at_the_header_row(tmp_path):
    (tmp_path / "orders.txt").write_text("amazon-order-id\tpurchase-date\tsku\n203-1\t2026-10-01T10:00:00Z\tA\n", "utf-8")
    result = run("check", "orders.txt", "--format", "json", "--no-cache", "--as-of", "2026-10-02", "--fail-on", "never", cwd=tmp_path)
    found = json.loads(result.stdout)["diagnostics"]
    missing = [d for d in found if d["code"] == "INP029"]
    named = [d["message"].split(" column")[0].rsplit(" ", 1)[1] for d in missing]
    assert sorted(named) == sorted(set(named)) and "feedback-rating" in named and "delivery-date" in named  # each once
    assert all(d["line"] == 1 for d in missing)
    assert "Late Shipment Rate (10 days), Late Shipment Rate (30 days), Valid Tracking Rate cannot be computed" in next(d["message"] for d in missing if "ship-confirm-date" in d["message"])
    assert not [d for d in found if d["code"] == "ACC011"]  # not once more per metric


def test_a_new_salt_file_does_not_reuse_cached_tags(repo):
    (repo / ".listlint.yaml").write_text(f"marketplaces: [UK]\nown_addresses: {json.dumps(PLANTED['own_addresses'])}\n", "utf-8")

    def tags() -> set[str]:
        result = run("check", "reports/orders-report.txt", "--format", "json", "--as-of", AS_OF, "--select", "ORD001", "--fail-on", "never", cwd=repo)
        return {d["message"].split("#")[1][:10] for d in json.loads(result.stdout)["diagnostics"]}

    first = tags()
    salt = repo / ".listlint_cache" / "salt"
    assert first and salt.exists()
    assert tags() == first
    salt.write_text("0" * 32 + "\n", "ascii")  # deleting the cache folder's salt: new tags, never the cached ones
    assert tags().isdisjoint(first)


def test_the_salt_file_moves_with_cache_dir(repo, tmp_path):
    """A CI that keeps its cache elsewhere (`--cache-dir`) keeps the salt there too, so
    restoring that one folder keeps the tags, and nothing is made in the repository."""
    (repo / ".listlint.yaml").write_text(f"marketplaces: [UK]\nown_addresses: {json.dumps(PLANTED['own_addresses'])}\n", "utf-8")
    cache = tmp_path / "ci-cache"

    def tags(*extra: str) -> set[str]:
        result = run("check", "reports/orders-report.txt", "--format", "json", "--as-of", AS_OF, "--select", "ORD001", "--fail-on", "never", "--cache-dir", str(cache), *extra, cwd=repo)
        return {d["message"].split("#")[1][:10] for d in json.loads(result.stdout)["diagnostics"]}

    first = tags()
    assert first and len((cache / "salt").read_text("ascii").strip()) == 32
    assert not (repo / ".listlint_cache" / "salt").exists()
    assert tags() == first


def test_the_suites_engine_writes_no_salt_into_the_repository(tmp_path, monkeypatch):
    import listlint.cache

    def no_folder(root: Path) -> Path:
        raise AssertionError(f"a salt file would be made under {root}")

    monkeypatch.setattr(listlint.cache, "default_folder", no_folder)
    (tmp_path / "orders.txt").write_bytes(_head("orders-report.txt", 120))
    found = suite_engine().lint_file(tmp_path / "orders.txt", "orders.txt").diagnostics
    assert any(d.code.startswith("ORD") for d in found)


def test_a_report_in_any_row_order_gives_the_same_findings(repo):
    """Reports are walked in time order with per-window state; a report sorted newest first
    (or not at all) is put in order by holding rows back, never read differently."""
    report = repo / "reports" / "orders-report.txt"
    (repo / "reports" / "feedback-report.csv").unlink()  # the orders report on its own

    def found() -> set[tuple[str, str, str]]:
        result = run("check", "reports", "--format", "json", "--no-cache", "--as-of", AS_OF, "--select", "ORD,ACC", "--fail-on", "never", cwd=repo)
        diagnostics = json.loads(result.stdout)["diagnostics"]
        assert result.returncode == 0 and diagnostics, result.stderr
        # ORD messages list a pattern's orders in report order: compare which orders are named
        return {(d["code"], d["match"], d["message"] if d["code"].startswith("ACC") else ", ".join(sorted(re.findall(r"\d{3}-\d{7}-\d{7}", d["message"])))) for d in diagnostics if d["path"].endswith(".txt")}

    sorted_report = found()
    header, *rows = report.read_text("utf-8").splitlines(keepends=True)
    report.write_text(header + "".join(reversed(rows)), "utf-8")
    assert found() == sorted_report
    random.Random(18).shuffle(rows)
    report.write_text(header + "".join(rows), "utf-8")
    assert found() == sorted_report
