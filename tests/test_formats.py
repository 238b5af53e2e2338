"""Output formats: validity, escaping of hostile paths and messages, --format auto,
--output-file, --statistics, 10,000 findings. Byte-exact output is in test_formats_golden.py."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest

from listlint.diagnostics import Diagnostic
from listlint.reporters import FORMATS, ReportContext, resolve, writer
from listlint.rules import load_rules

from tests.conftest import ROOT, TEST_DATA

SARIF_SCHEMA = TEST_DATA / "schemas" / "sarif-schema-2.1.0.json"
HOSTILE_PATH = "listings/a b:c,d%25 ü\nx\r.yaml"
HOSTILE_MESSAGE = "50% off: call now,\r\nor write::me %0A"


def sarif_validator():
    schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
    cls = jsonschema.validators.validator_for(schema)  # the schema's own draft, bundled: no network
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def assert_valid_sarif(document: dict) -> None:
    errors = sorted(sarif_validator().iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message[:300]}" for e in errors[:5])


def diag(index: int = 0, **changes) -> Diagnostic:
    values = dict(
        path=HOSTILE_PATH, line=3 + index, column=5, end_line=3 + index, end_column=12, code="RED001", name="website-url",
        severity=("error", "warning", "info")[index % 3], message=HOSTILE_MESSAGE, field="bullets[0]", sku="SKU,1:%",
        match="acme.com", fingerprint=f"{index:020x}", context="  - visit acme.com <now> & \"later\"", context_column=1,
    )
    values.update(changes)
    return Diagnostic(**values)


def render(name: str, diagnostics: list[Diagnostic], summary: dict | None = None) -> str:
    out = io.StringIO()
    counts = summary or {"files": 1, "error": 0, "warning": 0, "info": 0}
    if summary is None:
        for d in diagnostics:
            counts[d.severity] += 1
    rules = {rule.code: rule for rule in load_rules([])}
    writer(name)(diagnostics, counts, out, ReportContext(rules))
    return out.getvalue()


def run(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR", "FORCE_COLOR")}
    environ.update(env or {})
    return subprocess.run([sys.executable, "-m", "listlint", *args], cwd=cwd, env=environ, capture_output=True, text=True, timeout=300)


# SARIF ------------------------------------------------------------------------------------
def test_sarif_on_fixtures_validates_against_the_official_schema():
    result = run("check", "--format", "sarif", "fixtures/")
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)
    assert_valid_sarif(document)
    run_ = document["runs"][0]
    results = run_["results"]
    assert len(results) == len(json.loads(run("check", "--format", "json", "fixtures/").stdout)["diagnostics"])
    rules = run_["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    for r in results:
        assert ids[r["ruleIndex"]] == r["ruleId"]
        location = r["locations"][0]["physicalLocation"]
        assert not location["artifactLocation"]["uri"].startswith(("/", "file:"))  # relative
        assert location["artifactLocation"]["uri"].startswith("fixtures/")
        assert {"startLine", "startColumn", "endLine", "endColumn"} <= set(location["region"])
        assert len(r["partialFingerprints"]["listlintFingerprint/v1"]) == 20


def test_sarif_rule_help_comes_from_explain():
    from listlint.docs import explain_rule, rule_markdown

    document = json.loads(run("check", "--format", "sarif", "fixtures/").stdout)
    by_code = {rule.code: rule for rule in load_rules([])}
    for descriptor in document["runs"][0]["tool"]["driver"]["rules"]:
        rule = by_code[descriptor["id"]]
        assert descriptor["help"]["text"] == explain_rule(rule)
        if rule.code == "RED001":  # the command prints the very same text
            assert descriptor["help"]["text"] == run("explain", rule.code).stdout
        assert descriptor["help"]["markdown"] == rule_markdown(rule)
        assert descriptor["fullDescription"]["text"] == rule.why
        assert descriptor["helpUri"].startswith("http")


def test_sarif_percent_encodes_hostile_paths():
    from listlint.reporters.sarif import artifact_uri

    document = json.loads(render("sarif", [diag()]))
    assert_valid_sarif(document)
    uri = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "listings/a%20b%3Ac%2Cd%2525%20%C3%BC%0Ax%0D.yaml"
    assert unquote(uri) == HOSTILE_PATH
    assert artifact_uri("/abs/p q.yaml") == "file:///abs/p%20q.yaml"
    assert document["runs"][0]["results"][0]["message"]["text"] == HOSTILE_MESSAGE


def test_sarif_fingerprints_do_not_change_when_lines_move(tmp_path):
    listing = (ROOT / "fixtures/listings/flagged/cleaning-spray.yaml").read_text("utf-8")
    (tmp_path / "a.yaml").write_text(listing, "utf-8")
    before = json.loads(run("check", "--format", "sarif", "a.yaml", cwd=tmp_path).stdout)["runs"][0]["results"]
    (tmp_path / "a.yaml").write_text("# moved down\n\n\n" + listing, "utf-8")
    after = json.loads(run("check", "--format", "sarif", "a.yaml", cwd=tmp_path).stdout)["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in before] == [r["partialFingerprints"] for r in after]
    lines = lambda results: [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results]  # noqa: E731
    assert lines(after) == [n + 3 for n in lines(before)]


# GitHub -----------------------------------------------------------------------------------
def test_github_escapes_data_and_properties():
    line = render("github", [diag()]).splitlines()[0]
    assert line == (
        "::error file=listings/a b%3Ac%2Cd%2525 ü%0Ax%0D.yaml,line=3,col=5,endLine=3,endColumn=12,"
        "title=RED001 website-url::50%25 off: call now,%0D%0Aor write::me %250A"
    )
    assert render("github", [diag(1)]).startswith("::warning ")
    assert render("github", [diag(2)]).startswith("::notice ")


def _unescape_property(value: str) -> str:
    return value.replace("%2C", ",").replace("%3A", ":").replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


def test_github_round_trips_like_the_runner_parses_it():
    line = render("github", [diag()]).splitlines()[0]
    command, message = line[2:].split("::", 1)
    level, properties = command.split(" ", 1)
    values = dict(item.split("=", 1) for item in properties.split(","))
    assert level == "error"
    assert _unescape_property(values["file"]) == HOSTILE_PATH
    assert values["title"] == "RED001 website-url"
    assert message.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%") == HOSTILE_MESSAGE


def test_auto_in_github_actions_prints_annotations():
    result = run("check", "fixtures/listings/flagged/cleaning-spray.yaml", env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert result.stdout.startswith("::error file=fixtures/listings/flagged/cleaning-spray.yaml,line=")


# GitLab -----------------------------------------------------------------------------------
def test_gitlab_code_quality_fields_and_unique_fingerprints():
    diagnostics = [diag(i) for i in range(3)] + [diag(3, fingerprint=f"{0:020x}")]  # a duplicate fingerprint
    issues = json.loads(render("gitlab", diagnostics))
    assert [i["severity"] for i in issues] == ["major", "minor", "info", "major"]
    assert len({i["fingerprint"] for i in issues}) == 4
    first = issues[0]
    assert first["check_name"] == "RED001" and HOSTILE_MESSAGE in first["description"]
    assert first["location"] == {"path": HOSTILE_PATH, "lines": {"begin": 3, "end": 3}}


def test_gitlab_on_fixtures():
    issues = json.loads(run("check", "--format", "gitlab", "fixtures/").stdout)
    assert issues and len({i["fingerprint"] for i in issues}) == len(issues)
    assert all(i["location"]["path"].startswith("fixtures/") and i["location"]["lines"]["begin"] >= 1 for i in issues)


# JUnit ------------------------------------------------------------------------------------
def test_junit_is_xml_with_a_failure_per_finding():
    diagnostics = [diag(0), diag(1, path="other.yaml", message="bad \x07 <b> & \"q\"")]
    root = ET.fromstring(render("junit", diagnostics))
    assert root.tag == "testsuites" and root.get("failures") == "2"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [HOSTILE_PATH, "other.yaml"]  # &#10; and &#13; survive parsing
    failure = suites[0].find("testcase/failure")
    assert failure.get("message") == f"RED001 {HOSTILE_MESSAGE}"
    assert failure.get("type") == "error"
    assert failure.text.startswith(f"{HOSTILE_PATH}:3:5: RED001 error {HOSTILE_MESSAGE}")
    other = suites[1].find("testcase/failure")
    assert other.get("message") == 'RED001 bad \\x07 <b> & "q"'


def test_junit_without_findings_has_a_passing_testcase():
    root = ET.fromstring(render("junit", []))
    assert root.get("failures") == "0"
    assert root.find("testsuite/testcase") is not None and root.find("testsuite/testcase/failure") is None


# JSON Lines -------------------------------------------------------------------------------
def test_json_lines_one_object_per_diagnostic():
    text = render("json-lines", [diag(i) for i in range(3)] + [diag(3, message="line\u2028sep")])
    lines = text.split("\n")
    assert lines[-1] == "" and len(lines) == 5
    records = [json.loads(line) for line in lines[:-1]]
    assert records[0]["path"] == HOSTILE_PATH and records[3]["message"] == "line\u2028sep"


# auto, colour -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("env", "tty", "output", "expected"),
    [
        ({}, False, None, ("text", False)),
        ({}, True, None, ("text", True)),
        ({"NO_COLOR": "1"}, True, None, ("text", False)),
        ({"FORCE_COLOR": "1"}, False, None, ("text", True)),
        ({"FORCE_COLOR": "0"}, False, None, ("text", False)),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, True, None, ("text", False)),
        ({"TERM": "dumb"}, True, None, ("text", False)),
        ({"GITHUB_ACTIONS": "true"}, True, None, ("github", False)),
        ({"GITHUB_ACTIONS": "true"}, False, "out/report.sarif", ("sarif", False)),
        ({}, False, "report.HTML", ("html", False)),
        ({}, False, "report.txt", ("text", False)),
    ],
)
def test_auto_resolution(env, tty, output, expected):
    assert resolve("auto", env, tty, output) == expected


def test_explicit_formats_never_colour():
    for name in FORMATS[1:]:
        assert resolve(name, {"FORCE_COLOR": "1"}, True) == (name, False)


def test_text_never_splits_a_finding_over_two_lines():
    text = render("text", [diag()])
    assert text.splitlines()[0] == "listings/a b:c,d%25 ü\\nx\\r.yaml:3:5: RED001 error 50% off: call now,\\r\\nor write::me %0A"


# --output-file, --statistics --------------------------------------------------------------
def test_output_file_replaces_the_old_file_atomically(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("old report", "utf-8")
    inode = target.stat().st_ino
    result = run("check", "--format", "json", "-o", str(target), "fixtures/")
    assert result.returncode == 1 and result.stdout == ""
    assert json.loads(target.read_text("utf-8"))["version"] == 1
    assert target.stat().st_ino != inode  # a new file moved in place, not the old one rewritten
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


@pytest.mark.parametrize("where", ["missing/report.sarif", "afile/report.sarif", "."])
def test_unwritable_output_file_is_exit_2_with_one_line(tmp_path, where):
    (tmp_path / "afile").write_text("x", "utf-8")
    target = tmp_path / where
    result = run("check", "--format", "sarif", "--output-file", str(target), "fixtures/")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"listlint: cannot write {target}"), result.stderr


def test_statistics_after_text_findings():
    result = run("check", "--statistics", "--format", "text", "fixtures/")
    lines = result.stdout.splitlines()
    findings = json.loads(run("check", "--format", "json", "fixtures/").stdout)["diagnostics"]
    total = lines.index(next(line for line in lines if line.startswith("Found ")))
    stats = lines[total + 1 :]
    assert stats[-1].split() == [str(len(findings)), "total"]
    counts = {line.split()[1]: int(line.split()[0]) for line in stats[:-1]}
    expected: dict[str, int] = {}
    for d in findings:
        expected[d["code"]] = expected.get(d["code"], 0) + 1
    assert counts == expected


def test_statistics_keep_machine_output_valid():
    result = run("check", "--statistics", "--format", "json", "fixtures/")
    json.loads(result.stdout)
    assert result.stderr.splitlines()[-1].endswith("total")


# 10,000 findings ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def many() -> list[Diagnostic]:
    codes = ["RED001", "LST004", "CLM001", "IPR001"]
    names = {"RED001": "website-url", "LST004": "promotional-phrase", "CLM001": "pesticide-antimicrobial-claim", "IPR001": "enforced-brand-or-character"}
    out = []
    for i in range(10_000):
        code = codes[i % 4]
        out.append(diag(i, path=f"listings/{i // 100:03d} file ü.yaml", line=i % 100 + 1, end_line=i % 100 + 1, code=code, name=names[code], sku=f"SKU-{i // 10}"))
    return out


def test_ten_thousand_findings_stay_valid_in_every_format(many):
    document = json.loads(render("sarif", many))
    assert len(document["runs"][0]["results"]) == 10_000
    assert_valid_sarif(document)
    assert len(json.loads(render("json", many))["diagnostics"]) == 10_000
    assert len(render("json-lines", many).splitlines()) == 10_000
    assert len(render("github", many).splitlines()) == 10_001
    issues = json.loads(render("gitlab", many))
    assert len({i["fingerprint"] for i in issues}) == 10_000
    assert len(ET.fromstring(render("junit", many)).findall("testsuite/testcase/failure")) == 10_000
    html = render("html", many)
    assert html.count('<tr class="finding"') == 10_000 and html.count("<mark>") == 10_000


# one-file runs stay light -----------------------------------------------------------------
def test_a_text_run_does_not_import_other_formats_or_the_baseline():
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: print(' '.join(sorted(m for m in sys.modules if m.startswith('listlint'))), file=sys.stderr))\n"
        "sys.argv = ['listlint', 'check', '--format', 'text', 'fixtures/listings/clean/tshirt.yaml']\n"
        "from listlint.cli import main\nmain()\n"
    )
    for _ in range(2):  # the second run finds the parsed rules in the cache, as pre-commit's runs do
        result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=300)
    loaded = set(result.stderr.split())
    assert "listlint.reporters.text" in loaded
    for heavy in ("listlint.reporters.sarif", "listlint.reporters.html", "listlint.reporters.junit", "listlint.baseline", "listlint.docs", "listlint.atomic"):
        assert heavy not in loaded, heavy


# what reporters get from the engine --------------------------------------------------------
def test_diagnostics_carry_their_source_line_cut_around_the_finding():
    from listlint.diagnostics import as_row, finalise
    from listlint.locations import SourceText

    line = "x" * 5000 + "acme.com" + "y" * 5000
    source = SourceText("a.yaml", "first\n" + line + "\n")
    d = diag(path="a.yaml", line=2, column=5001, end_line=2, end_column=5009, context="", fingerprint="f" * 20)
    (out,) = finalise([as_row(d)], source)
    assert len(out.context) <= 640 and out.context_column > 1
    assert out.context[out.column - out.context_column : out.end_column - out.context_column] == "acme.com"
    short = finalise([as_row(diag(path="a.yaml", line=1, end_line=1, context=""))], source)[0]
    assert (short.context, short.context_column) == ("first", 1)


def test_fingerprints_are_unique_per_file():
    from listlint.diagnostics import as_row, finalise
    from listlint.locations import SourceText

    source = SourceText("a.yaml", "a\nb\nc\n")
    twins = [as_row(diag(path="a.yaml", line=n, end_line=n, fingerprint="a" * 20)) for n in (1, 2, 3)]
    out = finalise(twins, source)
    assert out[0].fingerprint == "a" * 20 and len({d.fingerprint for d in out}) == 3
    moved = finalise([as_row(diag(path="a.yaml", line=n + 1, end_line=n + 1, fingerprint="a" * 20)) for n in (1, 2)], SourceText("a.yaml", "z\na\nb\nc\n"))
    assert [d.fingerprint for d in moved] == [d.fingerprint for d in out[:2]]  # lines moved, same fingerprints
