"""benchmarks/languages.py (issue 13's all-German catalog against the English one) still runs
and still finds the German violations it writes. No timing is asserted."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import ROOT


def test_language_benchmark_runs_and_compares_german_with_english():
    done = subprocess.run([sys.executable, "languages.py", "--listings", "30", "--runs", "1"], cwd=ROOT / "benchmarks", capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert [line.split(" 30 listings")[0].strip() for line in lines[:3]] == ["English", "English on DE", "German on DE"]
    assert re.fullmatch(r"German / English on DE: \d+\.\d\d \(target: at most 1\.20\)", lines[3])


def test_german_catalog_carries_the_german_violations(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import languages
    finally:
        sys.path.pop(0)
    from listlint.api import Options, lint_files

    flagged = languages.write(tmp_path, 60, german=True, marketplace="DE")
    codes = {d.code for d in lint_files(str(tmp_path), Options(root=str(tmp_path))) if not d.code.startswith("CRT")}
    assert flagged and codes & {"RED005", "RED006", "CLM001", "CLM002", "LST004", "LST014"}
