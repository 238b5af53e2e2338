"""Baselines: adopt listlint on an existing catalog, fail only on new problems."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

NEW_BAD = """\
sku: NEW-1
marketplaces: [US]
product_type: BOTTLE
brand: Trailmere
title: Trailmere Water Bottle, 500 ml
bullets:
  - "More colours at https://trailmere-outdoor.com/colours"
"""


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "FORCE_COLOR")}
    return subprocess.run([sys.executable, "-m", "listlint", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture()
def catalog(tmp_path) -> Path:
    shutil.copytree(ROOT / "fixtures", tmp_path / "catalog")
    return tmp_path / "catalog"


def test_adopt_then_only_a_new_bad_listing_fails(catalog):
    assert run("check", ".", cwd=catalog).returncode == 1
    written = run("check", "--write-baseline", "listlint-baseline.json", ".", cwd=catalog)
    assert written.returncode == 0, written.stderr
    assert "listlint-baseline.json" in written.stdout

    adopted = run("check", "--baseline", "listlint-baseline.json", ".", cwd=catalog)
    assert adopted.returncode == 0, adopted.stdout + adopted.stderr
    assert "hidden by the baseline" in adopted.stdout

    (catalog / "listings" / "new-bottle.yaml").write_text(NEW_BAD, "utf-8")
    new = run("check", "--baseline", "listlint-baseline.json", "--format", "json", ".", cwd=catalog)
    assert new.returncode == 1, new.stderr
    found = json.loads(new.stdout)["diagnostics"]
    assert found and {d["path"] for d in found} == {"listings/new-bottle.yaml"}
    assert "RED001" in [d["code"] for d in found]
    text = run("check", "--baseline", "listlint-baseline.json", ".", cwd=catalog)
    assert text.returncode == 1
    assert {line.split(":")[0] for line in text.stdout.splitlines()[:-1]} == {"listings/new-bottle.yaml"}


def test_baseline_survives_moved_lines_and_another_working_folder(catalog):
    (catalog / ".listlint.yaml").write_text("baseline: listlint-baseline.json\n", "utf-8")
    assert run("check", "--write-baseline", "listlint-baseline.json", cwd=catalog).returncode == 0
    spray = catalog / "listings" / "flagged" / "cleaning-spray.yaml"
    spray.write_text("# a comment that moves every line down\n\n" + spray.read_text("utf-8"), "utf-8")
    assert run("check", cwd=catalog).returncode == 0  # config key `baseline`
    inner = run("check", cwd=catalog / "listings")  # paths now print relative to listings/
    assert inner.returncode == 0, inner.stdout + inner.stderr


def test_fixed_entries_are_reported_so_the_baseline_shrinks(catalog):
    assert run("check", "--write-baseline", "b.json", ".", cwd=catalog).returncode == 0
    spray = catalog / "listings" / "flagged" / "cleaning-spray.yaml"
    spray.write_text(spray.read_text("utf-8").replace("call 1-800-555-0142", "ask us through Amazon"), "utf-8")
    result = run("check", "--baseline", "b.json", ".", cwd=catalog)
    assert result.returncode == 0
    assert "listlint: baseline: RED003 in listings/flagged/cleaning-spray.yaml (sku PRL-SPRAY-MULTI-750) no longer occurs" in result.stderr
    assert "1 baseline entry no longer occurs" in result.stdout
    summary = json.loads(run("check", "--baseline", "b.json", "--format", "json", ".", cwd=catalog).stdout)["summary"]
    assert summary["baseline_fixed"] == 1 and summary["baselined"] > 0
    before = len(json.loads((catalog / "b.json").read_text("utf-8"))["findings"])
    assert run("check", "--write-baseline", "b.json", ".", cwd=catalog).returncode == 0
    assert len(json.loads((catalog / "b.json").read_text("utf-8"))["findings"]) == before - 1


def test_files_and_rules_outside_the_run_are_not_reported_fixed(catalog):
    assert run("check", "--write-baseline", "b.json", ".", cwd=catalog).returncode == 0
    one = run("check", "--baseline", "b.json", "listings/flagged/cleaning-spray.yaml", cwd=catalog)
    assert one.returncode == 0 and "no longer occur" not in one.stderr + one.stdout
    some = run("check", "--baseline", "b.json", "--select", "RED", ".", cwd=catalog)
    assert some.returncode == 0 and "no longer occur" not in some.stderr + some.stdout


def test_baseline_file_is_deterministic_and_versioned(catalog):
    assert run("check", "--write-baseline", "b.json", ".", cwd=catalog).returncode == 0
    first = (catalog / "b.json").read_bytes()
    assert run("check", "--write-baseline", "b.json", ".", cwd=catalog).returncode == 0
    assert (catalog / "b.json").read_bytes() == first
    document = json.loads(first)
    assert document["listlint_baseline"] == 1 and document["listlint_version"]
    fingerprints = [entry["fingerprint"] for entry in document["findings"]]
    assert len(fingerprints) == len(set(fingerprints))
    assert sorted(p.name for p in catalog.iterdir() if p.name.startswith(".b.json")) == []  # no temporary file left


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"listlint_baseline": 2, "listlint_version": "0.1.0", "findings": []}', "written by a newer listlint"),
        (b'{"listlint_baseline": 1, "listlint_version": "99.0.0", "findings": []}', "written by a newer listlint (99.0.0"),
        (b'{"listlint_baseline": 1, "findings": [', "corrupted: not valid JSON"),
        (b"", "corrupted: not valid JSON"),
        (b"\xff\xfe garbage", "corrupted: not valid JSON"),
        (b'["a"]', "corrupted: not a listlint baseline"),
        (b'{"listlint_baseline": "one", "findings": []}', "corrupted: format version"),
        (b'{"listlint_baseline": 1, "findings": {}}', "corrupted: 'findings' is not a list"),
        (b'{"listlint_baseline": 1, "findings": [{"fingerprint": "xyz"}]}', "corrupted: finding 1 has no valid fingerprint"),
    ],
)
def test_unusable_baseline_is_exit_2_with_a_clear_message(catalog, content, message):
    (catalog / "b.json").write_bytes(content)
    result = run("check", "--baseline", "b.json", "--format", "sarif", ".", cwd=catalog)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("listlint: baseline b.json: ") and message in lines[0], result.stderr


def test_missing_baseline_is_exit_2(catalog):
    result = run("check", "--baseline", "nope.json", ".", cwd=catalog)
    assert result.returncode == 2
    assert "baseline nope.json: not found (create it with --write-baseline)" in result.stderr


def test_unwritable_baseline_is_exit_2(catalog):
    (catalog / "afile").write_text("x", "utf-8")
    for target in ("missing/b.json", "afile/b.json", "listings"):
        result = run("check", "--write-baseline", target, ".", cwd=catalog)
        assert result.returncode == 2, target
        assert result.stderr.startswith(f"listlint: cannot write baseline {target}") and len(result.stderr.splitlines()) == 1


def test_baseline_key_in_config_is_validated(catalog):
    (catalog / ".listlint.yaml").write_text("baseline: 3\n", "utf-8")
    result = run("check", ".", cwd=catalog)
    assert result.returncode == 2 and "baseline" in result.stderr


def _diagnostic(path: str, code: str, match: str, line: int) -> object:
    from listlint.diagnostics import Diagnostic

    return Diagnostic(path, line, 1, line, 2, code, "n", "error" if code == "RED001" else "warning", "m", "title", "S1", match)


class _Walked(list):
    """A run's diagnostics, counting how often they are walked (a run's log is read from disk each time)."""

    walks = 0

    def __iter__(self):
        self.walks += 1
        return super().__iter__()


def test_kept_findings_are_picked_from_the_runs_diagnostics_each_time_they_are_read():
    from listlint import baseline
    from listlint.diagnostics import as_row

    cwd, folder = Path("/work/repo"), Path("/work/repo")
    diagnostics = _Walked(
        _diagnostic(path, code, match, line)
        for line, (path, code, match) in enumerate(
            [("a.yaml", "RED001", "x.com"), ("a.yaml", "RED001", "X.com"), ("a.yaml", "LST004", "y"), ("b.yaml", "RED001", "x.com"), ("c.yaml", "LST004", "z")], 1
        )
    )
    keys = baseline.keys(diagnostics, cwd, folder)
    assert len(set(keys)) == 5  # the repeat in a.yaml is numbered, the same match in b.yaml is another file's
    entries = [baseline.Entry(keys[0], "RED001", "a.yaml"), baseline.Entry(keys[3], "RED001", "b.yaml")]
    entries += [baseline.Entry("0" * 20, "LST004", "c.yaml"), baseline.Entry("1" * 20, "LST004", "gone.yaml")]
    diagnostics.walks = 0
    applied = baseline.apply(entries, diagnostics, cwd, folder, checked=["a.yaml", "b.yaml", "c.yaml"], codes={"RED001", "LST004"})
    expected = [diagnostics[1], diagnostics[2], diagnostics[4]]
    assert (applied.hidden, len(applied.kept), diagnostics.walks) == (2, 3, 1)  # counted in one walk, nothing kept
    assert list(applied.kept) == expected and diagnostics.walks == 2
    assert list(applied.kept.rows()) == [as_row(d) for d in expected]
    assert [e.path for e in applied.fixed] == ["c.yaml"]  # gone.yaml was not part of the run
