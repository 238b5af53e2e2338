"""The command line through the real subprocess (`python -m listlint`).

Every test runs in its own temporary project with its own `.listlint.yaml`, so no
configuration from the machine or the repository leaks in. The content-rule families
whose rules are still being written (LST, IPR, CLM) are ignored there, so these tests
depend only on the RED rules and the input problems.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

try:
    from tests.conftest import json_diagnostics, run_cli
except ImportError:  # tests/ not a package
    from conftest import json_diagnostics, run_cli
from listlint import __version__
from listlint.rules import load_rules

URL_TITLE = "sku: A1\ntitle: Steel bottle at shop-name.com\n"
URL_AND_MAIL = "sku: A1\ntitle: Steel bottle at shop-name.com\nbullets:\n  - write to help@shop.com\n"
CLEAN = "sku: C1\ntitle: Steel bottle with lid\n"
OTHERS = "LST, IPR, CLM"
BASE_CONFIG = f"ignore: [{OTHERS}]\n"
DIAGNOSTIC_KEYS = {"path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message", "field", "sku"}
TEXT_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]{3}\d{3}) (?P<severity>error|warning|info) (?P<message>.+)$")


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / ".listlint.yaml").write_text(BASE_CONFIG, encoding="utf-8")
    return tmp_path


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def codes(result) -> list[tuple[str, str, int, int]]:
    return [(d["path"], d["code"], d["line"], d["column"]) for d in json_diagnostics(result)]


def assert_usage_error(result, *parts: str) -> None:
    """Exit 2, nothing on stdout, one `listlint: ...` line on stderr naming the problem."""
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("listlint: ")
    assert "Traceback" not in result.stderr
    for part in parts:
        assert part in lines[0], lines[0]


# paths -------------------------------------------------------------------------------------


def test_check_without_path_lints_the_current_folder(project):
    write(project, "a.yaml", URL_TITLE)
    write(project, "nested/b.yml", URL_TITLE.replace("A1", "B1"))
    write(project, "c.json", json.dumps({"sku": "C1", "title": "mail help@shop.com"}))
    result = run_cli("check", "--format", "json", cwd=project)
    assert result.returncode == 1, result.stderr
    assert codes(result) == [
        ("a.yaml", "RED001", 2, 24),
        ("c.json", "RED002", 1, 30),
        ("nested/b.yml", "RED001", 2, 24),
    ]
    assert json.loads(result.stdout)["summary"]["files"] == 3


def test_check_a_single_file_ignores_the_rest(project):
    write(project, "a.yaml", URL_TITLE)
    write(project, "b.yaml", URL_TITLE.replace("A1", "B1"))
    result = run_cli("check", "--format", "json", "b.yaml", cwd=project)
    assert result.returncode == 1
    assert codes(result) == [("b.yaml", "RED001", 2, 24)]
    assert json.loads(result.stdout)["summary"]["files"] == 1


def test_check_a_folder_and_a_file_together(project):
    write(project, "one/a.yaml", URL_TITLE)
    write(project, "two/b.yaml", URL_TITLE.replace("A1", "B1"))
    write(project, "three/c.yaml", URL_TITLE.replace("A1", "C1"))
    result = run_cli("check", "--format", "json", "one", "three/c.yaml", cwd=project)
    assert [p for p, *_ in codes(result)] == ["one/a.yaml", "three/c.yaml"]


def test_the_same_file_given_twice_is_checked_once(project):
    write(project, "a.yaml", URL_TITLE)
    result = run_cli("check", "--format", "json", "a.yaml", ".", "./a.yaml", cwd=project)
    assert codes(result) == [("a.yaml", "RED001", 2, 24)]
    assert json.loads(result.stdout)["summary"]["files"] == 1


def test_clean_files_exit_zero(project):
    write(project, "a.yaml", CLEAN)
    result = run_cli("check", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "No problems found (1 file checked).\n"
    assert result.stderr == ""


def test_missing_path_is_a_usage_error(project):
    result = run_cli("check", "--format", "json", "nope.yaml", cwd=project)
    assert_usage_error(result, "nope.yaml", "no such file or directory")


# formats -----------------------------------------------------------------------------------


def test_text_format_lines_and_summary(project):
    write(project, "a.yaml", URL_AND_MAIL)
    result = run_cli("check", "--format", "text", cwd=project)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "a.yaml:2:24: RED001 error Website address shop-name.com in title: links that lead off Amazon are not allowed"
    assert lines[1] == "a.yaml:4:14: RED002 error E-mail address help@shop.com in bullets[0]: contact details that bypass Amazon are not allowed"
    assert lines[2] == "Found 2 problems (2 errors) in 1 file checked."
    assert len(lines) == 3
    for line in lines[:2]:
        assert TEXT_LINE.match(line), line


def test_text_is_the_default_format(project):
    write(project, "a.yaml", URL_TITLE)
    assert run_cli("check", cwd=project).stdout == run_cli("check", "--format", "text", cwd=project).stdout


def test_text_summary_counts_each_severity(project):
    write(project, "a.yaml", "\ufeff" + URL_TITLE)  # INP003 is a warning
    write(project, "b.yaml", CLEAN)
    result = run_cli("check", cwd=project)
    assert result.stdout.splitlines()[-1] == "Found 2 problems (1 error, 1 warning) in 2 files checked."


def test_json_format(project):
    write(project, "a.yaml", URL_AND_MAIL)
    result = run_cli("check", "--format", "json", cwd=project)
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["version"] == 1
    assert document["summary"] == {"files": 1, "errors": 2, "warnings": 0, "info": 0}
    first, second = document["diagnostics"]
    assert DIAGNOSTIC_KEYS <= first.keys()
    assert {k: first[k] for k in DIAGNOSTIC_KEYS} == {
        "path": "a.yaml",
        "line": 2,
        "column": 24,
        "end_line": 2,
        "end_column": 37,
        "code": "RED001",
        "name": "website-url",
        "severity": "error",
        "message": "Website address shop-name.com in title: links that lead off Amazon are not allowed",
        "field": "title",
        "sku": "A1",
    }
    assert (second["code"], second["field"], second["line"], second["column"], second["end_column"]) == ("RED002", "bullets[0]", 4, 14, 27)
    assert result.stderr == ""


def test_json_on_a_clean_run_is_still_a_document(project):
    write(project, "a.yaml", CLEAN)
    result = run_cli("check", "--format", "json", cwd=project)
    assert result.returncode == 0
    assert json.loads(result.stdout) == {"version": 1, "diagnostics": [], "summary": {"files": 1, "errors": 0, "warnings": 0, "info": 0}}


def test_json_keeps_non_ascii_text(project):
    write(project, "a.yaml", "sku: Ä1\ntitle: Café mug – shop-name.com\n")
    result = run_cli("check", "--format", "json", cwd=project)
    assert "Ä1" in result.stdout  # not \u00c4 escapes
    (diagnostic,) = json_diagnostics(result)
    assert (diagnostic["sku"], diagnostic["code"], diagnostic["column"]) == ("Ä1", "RED001", 19)


def test_unknown_format_is_a_usage_error_with_empty_stdout(project):
    write(project, "a.yaml", URL_TITLE)
    result = run_cli("check", "--format", "xml", cwd=project)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "xml" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_format_error_is_one_listlint_line(project):
    result = run_cli("check", "--format", "xml", cwd=project)
    assert_usage_error(result, "--format", "xml")


# select / ignore ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("--select", "RED001", ["RED001"]),
        ("--select", "red002", ["RED002"]),
        ("--select", "RED", ["RED001", "RED002"]),
        ("--select", "RED002,RED001", ["RED001", "RED002"]),
        ("--select", " RED002 , ", ["RED002"]),
        ("--ignore", "RED001", ["RED002"]),
        ("--ignore", "RED", []),
        ("--ignore", "RED001,RED002", []),
        ("--ignore", "re", []),
    ],
)
def test_select_and_ignore(project, option, value, expected):
    write(project, "a.yaml", URL_AND_MAIL)
    result = run_cli("check", "--format", "json", option, value, cwd=project)
    assert [d["code"] for d in json_diagnostics(result)] == expected
    assert result.returncode == (1 if expected else 0)


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_code_in_selection_is_a_usage_error(project, option):
    write(project, "a.yaml", URL_AND_MAIL)
    result = run_cli("check", option, "RED002,RED1", cwd=project)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "RED1 matches no rule code or prefix" in result.stderr and "did you mean" in result.stderr


def test_ignore_wins_over_select(project):
    write(project, "a.yaml", URL_AND_MAIL)
    result = run_cli("check", "--format", "json", "--select", "RED", "--ignore", "RED002", cwd=project)
    assert [d["code"] for d in json_diagnostics(result)] == ["RED001"]


def test_select_never_hides_input_problems_but_ignore_does(project):
    write(project, "a.yaml", "sku: A1\ntitel: x at shop-name.com\n")
    selected = run_cli("check", "--format", "json", "--select", "RED002", cwd=project)
    assert [(d["code"], d["line"]) for d in json_diagnostics(selected)] == [("INP013", 2)]
    ignored = run_cli("check", "--format", "json", "--select", "RED002", "--ignore", "INP", cwd=project)
    assert json_diagnostics(ignored) == []
    assert ignored.returncode == 0


def test_cli_ignore_adds_to_config_ignore(project):
    (project / ".listlint.yaml").write_text(f"ignore: [RED001, {OTHERS}]\n", encoding="utf-8")
    write(project, "a.yaml", URL_AND_MAIL + "description: call +44 20 7946 0958\n")
    result = run_cli("check", "--format", "json", "--ignore", "RED002", cwd=project)
    assert [d["code"] for d in json_diagnostics(result)] == ["RED003"]


def test_cli_select_replaces_config_select(project):
    (project / ".listlint.yaml").write_text("select: [RED001]\n" + BASE_CONFIG, encoding="utf-8")
    write(project, "a.yaml", URL_AND_MAIL)
    assert [d["code"] for d in json_diagnostics(run_cli("check", "--format", "json", cwd=project))] == ["RED001"]
    result = run_cli("check", "--format", "json", "--select", "RED002", cwd=project)
    assert [d["code"] for d in json_diagnostics(result)] == ["RED002"]


# marketplaces ------------------------------------------------------------------------------

MULTI_MARKET = """\
listings:
  - sku: US-1
    marketplaces: [US]
    title: Bottle at us-shop.com
  - sku: DE-1
    marketplaces: [DE]
    title: Flasche bei de-shop.com
  - sku: JP-1
    marketplaces: [JP, UK]
    title: Bottle at jp-shop.com
  - sku: NONE-1
    title: Bottle at default-shop.com
"""


@pytest.mark.parametrize(
    ("value", "skus"),
    [
        (None, ["US-1", "DE-1", "JP-1", "NONE-1"]),
        ("US", ["US-1", "NONE-1"]),
        ("DE", ["DE-1"]),
        ("de", ["DE-1"]),
        ("EU", ["DE-1"]),
        ("UK", ["JP-1"]),
        ("DE,JP", ["DE-1", "JP-1"]),
        ("FR", []),
    ],
)
def test_marketplace_restricts_to_listings_targeting_it(project, value, skus):
    write(project, "all.yaml", MULTI_MARKET)
    # --ignore CRT: GPSR / EPR certificate findings for the EU and UK listings are not the point here
    args = ["check", "--format", "json", "--ignore", "CRT"] + (["--marketplace", value] if value else [])
    result = run_cli(*args, cwd=project)
    assert [d["sku"] for d in json_diagnostics(result)] == skus
    assert all(d["code"] == "RED001" for d in json_diagnostics(result))
    assert result.returncode == (1 if skus else 0)


def test_unknown_marketplace_is_a_usage_error_with_did_you_mean(project):
    write(project, "a.yaml", URL_TITLE)
    result = run_cli("check", "--format", "json", "--marketplace", "USA", cwd=project)
    assert_usage_error(result, "--marketplace", "'USA'", "did you mean 'US'?")


def test_unknown_marketplace_in_a_list_is_named(project):
    write(project, "a.yaml", URL_TITLE)
    result = run_cli("check", "--marketplace", "US,GER", cwd=project)
    assert_usage_error(result, "'GER'")


# fail-on -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "fail_on", "code"),
    [
        (URL_TITLE, None, 1),
        (URL_TITLE, "error", 1),
        (URL_TITLE, "warning", 1),
        (URL_TITLE, "info", 1),
        (URL_TITLE, "never", 0),
        ("\ufeff" + CLEAN, None, 0),  # INP003 byte-order-mark is a warning
        ("\ufeff" + CLEAN, "error", 0),
        ("\ufeff" + CLEAN, "warning", 1),
        ("\ufeff" + CLEAN, "info", 1),
        ("\ufeff" + CLEAN, "never", 0),
        (CLEAN, "info", 0),
    ],
)
def test_fail_on_changes_the_exit_code(project, content, fail_on, code):
    write(project, "a.yaml", content)
    args = ["check"] + (["--fail-on", fail_on] if fail_on else [])
    result = run_cli(*args, cwd=project)
    assert result.returncode == code, result.stdout
    assert result.stdout.splitlines()[-1].startswith(("Found", "No problems"))


def test_fail_on_info_counts_an_info_finding(project):
    (project / ".listlint.yaml").write_text(BASE_CONFIG + "severity:\n  RED001: info\n", encoding="utf-8")
    write(project, "a.yaml", URL_TITLE)
    assert run_cli("check", cwd=project).returncode == 0
    assert run_cli("check", "--fail-on", "warning", cwd=project).returncode == 0
    result = run_cli("check", "--fail-on", "info", "--format", "json", cwd=project)
    assert result.returncode == 1
    assert [d["severity"] for d in json_diagnostics(result)] == ["info"]


def test_fail_on_option_wins_over_config(project):
    (project / ".listlint.yaml").write_text(BASE_CONFIG + "fail_on: never\n", encoding="utf-8")
    write(project, "a.yaml", URL_TITLE)
    assert run_cli("check", cwd=project).returncode == 0
    assert run_cli("check", "--fail-on", "error", cwd=project).returncode == 1


def test_bad_fail_on_is_a_usage_error(project):
    write(project, "a.yaml", URL_TITLE)
    result = run_cli("check", "--fail-on", "sometimes", cwd=project)
    assert result.returncode == 2
    assert result.stdout == ""


# --config ----------------------------------------------------------------------------------


def test_config_option_names_the_file(project):
    write(project, "a.yaml", URL_AND_MAIL)
    write(project, "settings/strict.yaml", f"ignore: [RED002, {OTHERS}]\n")
    result = run_cli("check", "--format", "json", "--config", "settings/strict.yaml", cwd=project)
    assert [d["code"] for d in json_diagnostics(result)] == ["RED001"]


def test_config_option_missing_file_is_exit_2(project):
    write(project, "a.yaml", URL_TITLE)
    result = run_cli("check", "--format", "json", "--config", "missing.yaml", cwd=project)
    assert_usage_error(result, "missing.yaml", "config file not found")


def test_broken_config_keeps_stdout_empty_for_json(project):
    (project / ".listlint.yaml").write_text("select: [RED001]\nfail_onn: never\n", encoding="utf-8")
    write(project, "a.yaml", URL_TITLE)
    result = run_cli("check", "--format", "json", cwd=project)
    assert_usage_error(result, ".listlint.yaml:2:1:", "fail_onn", "did you mean 'fail_on'?")


# rules / explain / schema / version --------------------------------------------------------


def test_rules_table_lists_every_code():
    result = run_cli("rules")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["code", "name", "severity", "what", "it", "checks"]
    listed = [line.split()[0] for line in lines[1:]]
    rules = load_rules([])
    assert listed == [r.code for r in rules]
    for line, rule in zip(lines[1:], rules):
        assert line.split()[1:3] == [rule.name, rule.severity]
    assert {"RED001", "RED002", "INP001", "SUP001", "LNT001"} <= set(listed)


def test_rules_markdown_lists_every_code():
    result = run_cli("rules", "--format", "markdown")
    assert result.returncode == 0
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ") and not line.startswith("| code")]
    assert [row.split("|")[1].strip() for row in rows] == [r.code for r in load_rules([])]


def test_rules_unknown_format_is_exit_2():
    assert_usage_error(run_cli("rules", "--format", "xml"), "xml")


@pytest.mark.parametrize("code", ["RED001", "red001"])
def test_explain_shows_why_sources_and_examples(code):
    result = run_cli("explain", code)
    assert result.returncode == 0, result.stderr
    rule = {r.code: r for r in load_rules([])}["RED001"]
    out = result.stdout
    assert out.startswith("RED001 website-url (error, kind: contact)\n")
    assert "Website URLs" in out.replace("\n", " ") or "website URLs" in out.replace("\n", " ")
    assert " ".join(out.split()).count(" ".join(rule.why.split()[:8])) == 1
    assert "Sources:" in out
    for source in rule.sources:
        assert source["url"] in out
        assert f"as of {source['as_of']}" in out
    assert "Flagged:" in out and "Not flagged:" in out
    for example in rule.examples["fail"]:
        if isinstance(example, str):
            assert repr(example) in out


def test_explain_unknown_code_is_exit_2_with_did_you_mean():
    assert_usage_error(run_cli("explain", "RED01"), "unknown rule code 'RED01'", "did you mean 'RED001'?")


def test_explain_unknown_code_without_close_match():
    assert_usage_error(run_cli("explain", "QQQ999"), "unknown rule code 'QQQ999'")


@pytest.mark.parametrize(("args", "title"), [((), "listlint listing file"), (("listing",), "listlint listing file"), (("ruleset",), "listlint ruleset"), (("config",), "listlint configuration")])
def test_schema_prints_valid_json(args, title):
    result = run_cli("schema", *args)
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"].startswith(title)


def test_schema_listing_describes_listings():
    schema = json.loads(run_cli("schema").stdout)
    listing = schema["$defs"]["listing"]
    assert listing["required"] == ["sku"]
    assert {"sku", "title", "bullets", "description", "marketplaces"} <= listing["properties"].keys()


def test_schema_unknown_name_is_exit_2():
    result = run_cli("schema", "widget")  # (packaging and categories are schemas since issue 3)
    assert result.returncode == 2
    assert result.stdout == ""


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout == f"listlint {__version__}\n"
    assert re.fullmatch(r"listlint \d+\.\d+\.\d+\n", result.stdout)


def test_no_traceback_on_any_common_invocation(project):
    write(project, "a.yaml", URL_TITLE)
    for args in (("check",), ("check", "--format", "json"), ("rules",), ("explain", "INP001"), ("schema", "config")):
        result = run_cli(*args, cwd=project)
        assert "Traceback" not in result.stderr, args
        assert result.returncode in (0, 1), (args, result.stderr)
