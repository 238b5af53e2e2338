from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEST_DATA = ROOT / "tests" / "data"  # copies of outside files, with their licences (tests/data/README.md)


def _hypothesis_profiles() -> None:
    """Budgets of the property tests (test_properties*.py), chosen by HYPOTHESIS_PROFILE.

    ci (default): a bounded, reproducible example budget. dev: ten times as many examples,
    drawn anew each run. Neither writes into the working tree: no example database, and
    hypothesis' own cache lives in the temporary folder.
    """
    import tempfile

    try:
        from hypothesis import HealthCheck, settings
        from hypothesis.configuration import set_hypothesis_home_dir
    except ImportError:  # the property tests then fail to import, the rest still runs
        return

    set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "listlint-hypothesis")
    relaxed = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
    settings.register_profile("ci", max_examples=80, deadline=None, derandomize=True, database=None, suppress_health_check=relaxed, print_blob=True)
    settings.register_profile("dev", max_examples=800, deadline=None, database=None, suppress_health_check=relaxed)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


_hypothesis_profiles()


def run_cli(*args: str, cwd: Path | None = None, input_text: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line as a user would. Run in the repository itself, its cache
    (results, compiled engines) goes to a temporary folder, not into the working tree."""
    env = None if cwd is not None else {**os.environ, "LISTLINT_CACHE_DIR": str(_repository_runs_cache())}
    return subprocess.run(
        [sys.executable, "-m", "listlint", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        input=input_text,
        timeout=300,
        env=env,
    )


def _repository_runs_cache() -> Path:
    import tempfile

    return Path(tempfile.gettempdir()) / f"listlint-test-cache-{os.getuid()}"


def json_diagnostics(result: subprocess.CompletedProcess[str]) -> list[dict]:
    return json.loads(result.stdout)["diagnostics"]


SUITE_SALT = "listlint-test-suite-salt"  # ORD tags without a salt file in the repository's cache folder


def suite_engine():
    """The shipped rules as the suite lints with them: the repository is the root, and
    buyer tags use a fixed salt so that no test writes into the repository."""
    from listlint.config import Config
    from listlint.engine import Engine
    from listlint.rules import load_rules

    return Engine(load_rules([]), Config(root=ROOT, privacy_salt=SUITE_SALT))


@pytest.fixture(scope="session")
def engine():
    return suite_engine()


@pytest.fixture()
def lint_text(engine, tmp_path):
    """Lint one file's text (or bytes) with the shipped rules; returns its diagnostics."""

    def lint(content: str | bytes, name: str = "listing.yaml"):
        path = tmp_path / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return engine.lint_file(path, name).diagnostics

    return lint
