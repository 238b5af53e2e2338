from __future__ import annotations

from listlint.docs import readme_with_rules
from listlint.rules import load_rules

from .conftest import ROOT


def test_readme_rule_reference_is_in_sync():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert readme == readme_with_rules(readme, load_rules([])), "run: python tools/sync_readme.py"


def test_readme_lists_every_rule_code():
    readme = (ROOT / "README.md").read_text("utf-8")
    missing = [rule.code for rule in load_rules([]) if f"| {rule.code} |" not in readme]
    assert not missing


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text("utf-8")
    command = next(line for line in readme.splitlines() if line.startswith("python3 -m venv .venv") and "pytest" in line)
    test_part = command.split(" && ", 2)[2]  # after creating and activating the venv
    assert test_part in (ROOT / ".ci" / "run").read_text("utf-8")
