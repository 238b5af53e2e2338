"""Hostile input, the costly half (issue 15): work bounded by the input's size, budgets per
rule and file, workbook limits, and failures that stay with their file. The file corpus
of the same issue is in tests/hostile/ (tests/test_hostile.py); these cases need a
setting, a count or a built file the corpus cannot hold.
"""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

try:
    from tests.conftest import json_diagnostics, run_cli
except ImportError:  # tests/ not a package
    from conftest import json_diagnostics, run_cli
from listlint import engine as engine_module
from listlint import globs
from listlint.config import Config
from listlint.diagnostics import finalise
from listlint.discover import discover
from listlint.engine import Engine
from listlint.errors import SetupError
from listlint.globs import GlobSet, glob_set
from listlint.kinds import base
from listlint.kinds.pattern import _one_per_place
from listlint.locations import SourceText
from listlint.readers import xlsx_reader
from listlint.reporters import FORMATS, ReportContext, writer
from listlint.rules import load_rules
from listlint.run import lint_paths

AS_OF = "2025-06-01"
CSV_HEADER = "item_sku,item_name,brand_name,bullet_point1\n"

CATASTROPHIC_RULESET = """\
ruleset: house
rules:
  - code: USR040
    name: slow-pattern
    severity: error
    kind: pattern
    pattern: '(a|aa)+$|forbidden'
    fields: [title, bullets]
    message: "found {match}"
    why: A pattern that backtracks catastrophically.
    sources:
      - url: https://example.com/slow
        as_of: 2025-01-01
"""


def lint(folder: Path, name: str, rulesets: tuple[Path, ...] = ()) -> list[Any]:
    engine = Engine(load_rules(list(rulesets)), Config(root=folder, as_of=AS_OF, rulesets=rulesets))
    return engine.lint_file(folder / name, name).diagnostics


def codes(diagnostics: list[Any]) -> list[str]:
    return [d.code for d in diagnostics]


# --- 4: pattern findings in linear time -------------------------------------------------------
class _Match:
    def __init__(self, begin: int, end: int) -> None:
        self._span = (begin, end)

    def span(self) -> tuple[int, int]:
        return self._span

    def start(self) -> int:
        return self._span[0]

    def end(self) -> int:
        return self._span[1]


class _CountingList(list):
    reads = 0

    def __getitem__(self, index: Any) -> Any:
        type(self).reads += 1
        return super().__getitem__(index)


def test_overlap_and_exception_checks_look_at_each_span_a_bounded_number_of_times() -> None:
    """Each match was compared with every earlier one (20,000 'n/a' took 12.6 s): now the
    exception spans are read a fixed number of times each, plus once per match."""
    count = 20_000
    matches = [_Match(4 * i, 4 * i + 3) for i in range(count)] + [_Match(4 * i, 4 * i + 2) for i in range(count)]  # overlapping twins
    allowed = _CountingList((8 * i, 8 * i + 3) for i in range(count // 2))  # every other match is allowed wording
    _CountingList.reads = 0
    kept = list(_one_per_place(matches, allowed))
    assert kept == [(4 * i, 4 * i + 3) for i in range(count) if i % 2]
    assert _CountingList.reads <= 2 * len(allowed) + len(matches)  # was len(matches) x len(allowed)


def test_line_context_is_cut_once_per_line() -> None:
    """Every finding on a 1 MB line copied the whole line for its context (quadratic)."""

    class CountingSource(SourceText):
        cuts = 0

        def line_text(self, line: int) -> str:
            type(self).cuts += 1
            return super().line_text(line)

    engine = Engine(load_rules([]), Config(root=Path("."), as_of=AS_OF))
    source = CountingSource("x.yaml", "description: " + "n/a " * 1000 + "\n")
    rule = engine.by_code["LST009"]
    diagnostics = [engine._diagnostic(rule, "x.yaml", (1, 14 + 4 * i, 1, 17 + 4 * i), "description", "", "n/a", {}) for i in range(1000)]
    assert len(finalise(diagnostics, source)) == 1000
    assert CountingSource.cuts == 1


@pytest.mark.parametrize("text, count", [("n/a " * 20_000, 20_000), ("lorem ipsum " * 120_000, 120_000)], ids=["n/a x 20,000", "lorem ipsum x 120,000"])
def test_a_text_with_very_many_placeholders_finishes(tmp_path: Path, text: str, count: int) -> None:
    """Every placeholder is reported, or (on a machine too slow for the pattern's time
    limit) the rule stops with LNT001; either way the run ends with nothing else."""
    (tmp_path / "item.yaml").write_text(f"sku: A1\ntitle: Bottle\ndescription: {text}\n", "utf-8")
    found = Counter(codes(lint(tmp_path, "item.yaml")))
    assert found in (Counter({"LST009": count}), Counter({"LNT001": 1}))


# --- 11: a time budget per rule and file ------------------------------------------------------
def test_a_catastrophic_pattern_is_stopped_once_per_file(tmp_path: Path) -> None:
    """40 rows that each make the pattern time out: one LNT001 at the first, the rule is
    not run on the other 39 (it was 0.25 s each); the other rules still check every row."""
    (tmp_path / "slow.yaml").write_text(CATASTROPHIC_RULESET, "utf-8")
    rows = "".join(f"A{n},{'a' * 80}b,Nimbleo,forbidden at shop-{n}.com\n" for n in range(40))
    (tmp_path / "items.csv").write_text(CSV_HEADER + rows, "utf-8")
    diagnostics = lint(tmp_path, "items.csv", (tmp_path / "slow.yaml",))
    assert Counter(codes(diagnostics)) == Counter({"LNT001": 1, "RED001": 40})
    stopped = next(d for d in diagnostics if d.code == "LNT001")
    assert (stopped.line, stopped.column, stopped.field) == (2, 4, "title")
    assert "USR040" in stopped.message and "rest of this file" in stopped.message


def test_each_file_has_its_own_budget(tmp_path: Path) -> None:
    (tmp_path / "slow.yaml").write_text(CATASTROPHIC_RULESET, "utf-8")
    for name in ("one.yaml", "two.yaml"):
        (tmp_path / name).write_text("sku: A1\ntitle: " + "a" * 80 + "b\nbullets: [a forbidden word]\n", "utf-8")
    engine = Engine(load_rules([tmp_path / "slow.yaml"]), Config(root=tmp_path, as_of=AS_OF, rulesets=(tmp_path / "slow.yaml",)))
    for name in ("one.yaml", "two.yaml"):
        assert codes(engine.lint_file(tmp_path / name, name).diagnostics) == ["LNT001"]


def test_a_spent_budget_stops_the_rule_without_a_timeout(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A rule slow on every text but never over the per-text limit also runs out: with no
    time at all, it checks the first text and is then skipped, said once."""
    monkeypatch.setattr(base, "RULE_SECONDS_PER_FILE", 0.0)
    monkeypatch.setattr(base, "RULE_SECONDS_PER_TEXT", 0.0)
    (tmp_path / "slow.yaml").write_text(CATASTROPHIC_RULESET, "utf-8")
    rows = "".join(f"A{n},a forbidden title,Nimbleo,also forbidden\n" for n in range(5))
    (tmp_path / "items.csv").write_text(CSV_HEADER + rows, "utf-8")
    diagnostics = lint(tmp_path, "items.csv", (tmp_path / "slow.yaml",))
    stopped = [d for d in diagnostics if d.code == "LNT001" and "USR040" in d.message]
    assert len(stopped) == 1 and (stopped[0].line, stopped[0].field) == (2, "title")
    assert codes(diagnostics).count("USR040") <= 1  # the first text only (all five rows say 'forbidden')


def test_the_budget_caps_each_text_at_what_is_left() -> None:
    budget = base.TimeBudget(seconds=0.1, per_text=0.01)
    with budget.charged("USR040", 0.25) as timeout:
        assert 0 < timeout <= 0.11
    assert not budget.exhausted("USR040")
    budget.run_out("USR040")  # what a timeout does
    assert budget.exhausted("USR040") and not budget.exhausted("USR041")


def test_each_text_brings_its_own_allowance() -> None:
    """Many fast texts never use up a rule's time; a file's budget grows with its texts."""
    budget = base.TimeBudget(seconds=0.0, per_text=1.0)
    for _ in range(1000):
        with budget.charged("LST009", 0.25):
            pass
    assert not budget.exhausted("LST009")


# --- 11: globs with bounded cost ---------------------------------------------------------------
DEEP_GLOB = "/".join(["**"] * 14) + "/never.yaml"


def test_a_fourteen_level_glob_against_a_sixty_deep_tree(tmp_path: Path) -> None:
    """Backtracking took past a minute on this (a regex per glob); the automaton reads each
    character of a path once."""
    deep = tmp_path.joinpath(*["d"] * 60)
    deep.mkdir(parents=True)
    (deep / "item.yaml").write_text("sku: A1\ntitle: Bottle\n", "utf-8")
    config = Config(root=tmp_path, as_of=AS_OF, exclude=(DEEP_GLOB, "**/*a*/**/*b*/**/*c*/**/*e*"))
    assert discover(["."], config, tmp_path) == [deep / "item.yaml"]


def test_the_automaton_takes_at_most_one_new_step_per_character() -> None:
    automaton = GlobSet((DEEP_GLOB,))
    path = "/".join(["d"] * 60) + "/never.yml"
    assert not automaton.matches(path)
    assert automaton._remembered <= len(path)


@pytest.mark.parametrize(
    "glob, path, expected",
    [
        ("*.yaml", "a/b/c.yaml", True),
        ("listings/**", "listings/a/b.yaml", True),
        ("listings/**", "other/a.yaml", False),
        ("**/vendor/**/*.json", "x/vendor/y/z.json", True),
        ("a/**/b/**/c/**/d.yaml", "a/b/c/d.yaml", True),
        ("a/**/b/**/c/**/d.yaml", "a/x/b/y/c/z/d.yaml", True),
        ("a/**/b/**/c/**/d.yaml", "a/x/b/y/z/d.yaml", False),
        ("a/*x*/*y*/*z*", "a/1x1/2y2/3z3", True),
        ("a/*x*/*y*/*z*", "a/1x1/2y2/333", False),
        ("a/?/**/*/b", "a/1/2/b", True),
        ("a/?/**/*/b", "a/12/2/b", False),
        ("node_modules/", "node_modules/", True),
    ],
)
def test_globs_mean_what_they_meant(glob: str, path: str, expected: bool) -> None:
    assert glob_set((glob,)).matches(path) is expected
    assert GlobSet((glob,)).matches(path) is expected  # the automaton alone, for the simple globs too


@pytest.mark.parametrize("glob", ["**/.*/**", "a/**/b/**/c/**/d.yaml", "**/*x*/**/*.yaml", "a/*x*/*y*/*z*", "b**/", "**/vendor/**/*.json"])
def test_the_state_remembered_for_a_folder_answers_as_reading_the_whole_path(glob: str) -> None:
    """The automaton remembers where a path's folders leave it and stops early when no name
    can match from there; its answers stay those of the glob's regex (fine on short paths)."""
    automaton = GlobSet((glob,))
    whole = re.compile(globs._regex(globs._tokens(glob)) + "/?", re.DOTALL)
    folders = ["", "a/", "a/b/", "a/.git/", "a/1x1/2y2/", "x/vendor/y/", "b/c/", "a/x/b/y/c/"]
    for folder in folders:
        for name in ["d.yaml", "x.yaml", ".a", "zz", "b", "1x1"]:
            for path in (folder + name, folder + name + "/"):
                assert automaton.matches(path) is (whole.fullmatch(path) is not None), path



# --- 5: workbooks that unpack to too much ----------------------------------------------------
def _zip_bomb(path: Path, member: str, megabytes: int) -> None:
    """A workbook-shaped zip with one very repetitive part (it packs to a few KB)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(member, "w", force_zip64=True) as part:
            part.write(b"<sst><si><t>")
            for _ in range(megabytes):
                part.write(b"A" * 1024 * 1024)
            part.write(b"</t></si></sst>")


def test_a_decompression_bomb_is_a_finding_for_its_file(tmp_path: Path) -> None:
    _zip_bomb(tmp_path / "bomb.xlsx", "xl/sharedStrings.xml", 8)
    assert (tmp_path / "bomb.xlsx").stat().st_size < 100_000
    diagnostics = lint(tmp_path, "bomb.xlsx")
    assert [(d.code, d.line, d.column) for d in diagnostics] == [("INP061", 1, 1)]
    assert "xl/sharedStrings.xml" in diagnostics[0].message and "times larger" in diagnostics[0].message


def test_a_part_over_the_size_limit_is_a_finding(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(xlsx_reader, "MAX_PART_BYTES", 2 * 1024 * 1024)
    monkeypatch.setattr(xlsx_reader, "MAX_RATIO", 10**9)
    _zip_bomb(tmp_path / "big.xlsx", "xl/worksheets/sheet1.xml", 3)
    diagnostics = lint(tmp_path, "big.xlsx")
    assert codes(diagnostics) == ["INP061"] and "unpacks to 3 MiB, over the 2 MiB limit" in diagnostics[0].message


def test_the_command_line_counts_a_bomb_as_a_checked_file_with_an_error(tmp_path: Path) -> None:
    _zip_bomb(tmp_path / "bomb.xlsx", "xl/sharedStrings.xml", 8)
    result = run_cli("check", "--format", "json", "--no-cache", "bomb.xlsx", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["summary"]["files"] == 1
    assert [d["code"] for d in json_diagnostics(result)] == ["INP061"]


def test_a_sheet_stops_at_the_row_limit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    monkeypatch.setattr(xlsx_reader, "EXCEL_MAX_ROWS", 4)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Template"
    sheet.append(["item_sku", "item_name", "brand_name", "bullet_point1"])
    for n in range(6):
        sheet.append([f"A{n}", "Bottle", "Nimbleo", f"see shop-{n}.com"])
    workbook.save(tmp_path / "rows.xlsx")
    diagnostics = lint(tmp_path, "rows.xlsx")
    assert [(d.code, d.line) for d in diagnostics] == [("INP061", 1), ("RED001", 2), ("RED001", 3), ("RED001", 4)]
    assert "past row 4" in diagnostics[0].message


# --- 6: a failure stays with its file ----------------------------------------------------------
def test_an_internal_error_is_one_diagnostic_for_that_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    real = engine_module.records_from

    def failing(result: Any, defaults: Any) -> Any:
        if result.source.path.endswith("bad.yaml"):
            raise ZeroDivisionError("a bug")
        return real(result, defaults)

    monkeypatch.setattr(engine_module, "records_from", failing)
    (tmp_path / "bad.yaml").write_text("sku: A1\ntitle: Bottle\n", "utf-8")
    (tmp_path / "good.yaml").write_text("sku: A2\ntitle: Bottle at shop-name.com\n", "utf-8")
    run = lint_paths(["."], Config(root=tmp_path, as_of=AS_OF), tmp_path)
    assert [(d.path, d.code, d.line, d.column) for d in run.diagnostics] == [("bad.yaml", "INP060", 1, 1), ("good.yaml", "RED001", 2, 18)]
    assert "ZeroDivisionError: a bug" in run.diagnostics[0].message and "please report" in run.diagnostics[0].message.lower()
    assert run.summary["files"] == 2


@pytest.mark.parametrize("name", [f for f in FORMATS if f != "auto"])
def test_a_report_with_an_internal_error_is_complete_in_every_format(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str) -> None:
    monkeypatch.setattr(engine_module, "records_from", lambda result, defaults: 1 / 0)
    (tmp_path / "bad.yaml").write_text("sku: A1\ntitle: Bottle\n", "utf-8")
    (tmp_path / "items.csv").write_text(CSV_HEADER + "A1,Bottle,Nimbleo,see shop-name.com\n", "utf-8")
    run = lint_paths(["."], Config(root=tmp_path, as_of=AS_OF), tmp_path)
    out = io.StringIO()
    writer(name)(run.diagnostics, run.summary, out, ReportContext(rules={rule.code: rule for rule in run.rules}))
    assert "INP060" in out.getvalue() and "RED001" in out.getvalue()


def test_an_internal_error_while_checking_rows_is_one_diagnostic(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def failing(*args: Any) -> Any:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(Engine, "_check_record", failing)
    (tmp_path / "items.csv").write_text(CSV_HEADER + "A1,Bottle,Nimbleo,ok\n", "utf-8")
    diagnostics = lint(tmp_path, "items.csv")
    assert codes(diagnostics) == ["INP060"] and "RecursionError" in diagnostics[0].message


def test_a_setup_error_met_while_linting_still_stops_the_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Only faults are caught per file: an unusable setup (a broken product type schema,
    read when first needed) is still exit 2 for the whole run."""

    def broken_setup(result: Any, defaults: Any) -> Any:
        raise SetupError("schemas/X.json", 1, 1, "not valid JSON")

    monkeypatch.setattr(engine_module, "records_from", broken_setup)
    (tmp_path / "item.yaml").write_text("sku: A1\ntitle: Bottle\n", "utf-8")
    with pytest.raises(SetupError):
        lint_paths(["."], Config(root=tmp_path, as_of=AS_OF), tmp_path)


LISTING_WITH_PATHS = {"sku": "A1", "title": "Bottle", "packaging": None, "certificates": [{"type": "CE_DOC", "number": "DoC-1", "file": None}]}


@pytest.mark.parametrize(
    "written, why",
    [("docs/a\u0000b.pdf", "a NUL byte"), ("docs/" + "x" * 300 + ".pdf", "a name over 255 characters")],
    ids=["nul", "long-name"],
)
def test_a_path_no_file_can_have_is_missing(tmp_path: Path, written: str, why: str) -> None:
    listing = dict(LISTING_WITH_PATHS, packaging=written, certificates=[{"type": "CE_DOC", "number": "DoC-1", "file": written}])
    (tmp_path / "item.json").write_text(json.dumps(listing), "utf-8")
    found = [d for d in lint(tmp_path, "item.json") if d.code in ("PKG009", "CRT013")]
    assert sorted(codes(found)) == ["CRT013", "PKG009"], why
    assert all("does not exist" in d.message for d in found)


def test_a_path_under_an_unreadable_folder_is_missing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    real = Path.exists

    def denied(self: Path) -> bool:
        if "locked" in self.parts:
            raise PermissionError(13, "Permission denied")
        return real(self)

    (tmp_path / "item.json").write_text(json.dumps(dict(LISTING_WITH_PATHS, packaging="locked/box.yaml", certificates=[])), "utf-8")
    monkeypatch.setattr(Path, "exists", denied)
    assert [d.code for d in lint(tmp_path, "item.json") if d.code == "PKG009"] == ["PKG009"]


@pytest.mark.parametrize(
    "baseline, said",
    [
        ('{"listlint_baseline": 1, "findings": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
        ('{"listlint_baseline": 1, "listlint_version": ' + "9" * 5000 + ', "findings": []}', "a number has more than 4300 digits"),
    ],
    ids=["deep", "5000-digits"],
)
def test_a_hostile_baseline_is_refused_in_one_line(tmp_path: Path, baseline: str, said: str) -> None:
    (tmp_path / "baseline.json").write_text(baseline, "utf-8")
    (tmp_path / "item.yaml").write_text("sku: A1\ntitle: Bottle\n", "utf-8")
    result = run_cli("check", "--no-cache", "--baseline", "baseline.json", "item.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"listlint: baseline baseline.json: corrupted: not valid JSON ({said}); rewrite it with --write-baseline"]
    assert "internal error" not in result.stderr


# --- 10: nothing skipped in silence ----------------------------------------------------------
def test_an_unreadable_csv_is_reported(tmp_path: Path) -> None:
    """A .csv that cannot be opened (here a folder of that name; a file without read
    permission gives the same) is INP016, not 'not a template'."""
    (tmp_path / "items.csv").mkdir()
    diagnostics = lint(tmp_path, "items.csv")
    assert [(d.code, d.line, d.column) for d in diagnostics] == [("INP016", 1, 1)]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_a_csv_without_read_permission_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "items.csv"
    path.write_text(CSV_HEADER + "A1,Bottle,Nimbleo,ok\n", "utf-8")
    path.chmod(0)
    try:
        assert codes(lint(tmp_path, "items.csv")) == ["INP016"]
    finally:
        path.chmod(0o644)


def test_another_tools_yaml_without_listing_keys_is_still_skipped(tmp_path: Path) -> None:
    (tmp_path / "deploy.yaml").write_text("kind: Deployment\nmetadata: {name: web}\nspec: {replicas: 2}\n", "utf-8")
    (tmp_path / "schema.json").write_text('{"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Product", "description": "A product"}', "utf-8")
    engine = Engine(load_rules([]), Config(root=tmp_path, as_of=AS_OF))
    for name in ("deploy.yaml", "schema.json"):
        result = engine.lint_file(tmp_path / name, name)
        assert (result.checked, result.diagnostics) == (False, [])
