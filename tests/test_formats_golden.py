"""Golden-file tests: every output format on one fixed small input, compared byte for byte.

The input (tests/golden/input/) is copied into a temporary folder under file names with a
space, a colon, a percent sign, a non-ASCII letter and a line break, and linted from that
folder, so paths are fixed and every format's escaping is pinned down. The run uses only
the rules in tests/golden/input/golden-rules.yaml, so a change to the shipped rulesets never
changes a golden file; their messages carry `%`, `:`, `,`, `<`, `&`, CR and LF.

Regenerate after an intended change (then review the diff):

    UPDATE_GOLDEN=1 python -m pytest tests/test_formats_golden.py -q -p no:cacheprovider
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"
INPUT = GOLDEN / "input"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

# golden file -> (arguments after `check`, extra environment)
CASES: dict[str, tuple[list[str], dict[str, str]]] = {
    "text.txt": (["--format", "text"], {}),
    "auto-plain.txt": ([], {}),  # auto, no terminal: plain text
    "auto-color.txt": (["--format", "auto"], {"FORCE_COLOR": "1"}),
    "auto-no-color.txt": (["--format", "auto"], {"FORCE_COLOR": "1", "NO_COLOR": "1"}),
    "auto-github.txt": ([], {"GITHUB_ACTIONS": "true"}),
    "json.json": (["--format", "json"], {}),
    "json-lines.jsonl": (["--format", "json-lines"], {}),
    "sarif.sarif": (["--format", "sarif"], {}),
    "github.txt": (["--format", "github"], {}),
    "gitlab.json": (["--format", "gitlab"], {}),
    "junit.xml": (["--format", "junit"], {}),
    "html.html": (["--format", "html"], {}),
    "statistics.txt": (["--format", "text", "--statistics"], {}),
}
NAMES = {
    "dress.yaml": "summer dress: 100% ü.yaml",
    "case.json": "line\nbreak.json",
    "clean.yaml": "clean.yaml",
}


def make_input(folder: Path) -> Path:
    (folder / "listings").mkdir(parents=True)
    for source, target in NAMES.items():
        shutil.copyfile(INPUT / source, folder / "listings" / target)
    shutil.copyfile(INPUT / "listlint.yaml", folder / ".listlint.yaml")  # only the golden rules (GLD) below
    shutil.copyfile(INPUT / "golden-rules.yaml", folder / "golden-rules.yaml")
    return folder


def run(folder: Path, args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    environ = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR", "FORCE_COLOR", "TERM")}
    environ.update(env)
    return subprocess.run([sys.executable, "-m", "listlint", "check", *args], cwd=folder, env=environ, capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    return make_input(tmp_path_factory.mktemp("golden"))


@pytest.mark.parametrize("name", sorted(CASES))
def test_format_matches_golden_file(workspace, name):
    args, env = CASES[name]
    result = run(workspace, args, env)
    assert result.returncode == 1, result.stderr.decode()  # the input has errors
    assert result.stderr == b"", result.stderr.decode()
    golden = GOLDEN / name
    if UPDATE:
        golden.write_bytes(result.stdout)
    assert golden.is_file(), f"missing {golden}: run with UPDATE_GOLDEN=1"
    assert result.stdout == golden.read_bytes(), f"{name} differs from the golden file; if intended, regenerate: UPDATE_GOLDEN=1 python -m pytest tests/{Path(__file__).name}"


@pytest.mark.parametrize("name", ["sarif.sarif", "html.html", "junit.xml", "json.json"])
def test_output_file_holds_the_same_bytes(workspace, tmp_path, name):
    args, env = CASES[name]
    target = tmp_path / f"report-{name}"
    result = run(workspace, [*args, "--output-file", str(target)], env)
    assert result.returncode == 1, result.stderr.decode()
    assert result.stdout == b""
    if not UPDATE:
        assert target.read_bytes() == (GOLDEN / name).read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]  # no temporary file left


def test_auto_with_output_file_follows_the_suffix(workspace, tmp_path):
    for suffix, name in ((".sarif", "sarif.sarif"), (".html", "html.html"), (".xml", "junit.xml"), (".jsonl", "json-lines.jsonl")):
        target = tmp_path / f"report{suffix}"
        result = run(workspace, ["-o", str(target)], {"GITHUB_ACTIONS": "true"})
        assert result.returncode == 1, result.stderr.decode()
        if not UPDATE:
            assert target.read_bytes() == (GOLDEN / name).read_bytes(), suffix
