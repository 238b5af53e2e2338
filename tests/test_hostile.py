"""The hostile-input corpus (tests/hostile/): each file gives exactly the diagnostics that
tests/hostile/expected.yaml lists for it, in process and through `listlint check --format json`.

Files too big, binary or invisible to keep readable are made by tests/hostile/generate.py
at test time; the committed ones are copied beside them into one temporary folder.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

try:
    from tests.conftest import json_diagnostics, run_cli
except ImportError:  # tests/ not a package
    from conftest import json_diagnostics, run_cli
from listlint.config import Config
from listlint.engine import Engine
from listlint.rules import load_rules

CORPUS = Path(__file__).resolve().parent / "hostile"
AS_OF = "2025-06-01"
EXPECTED: list[dict[str, Any]] = yaml.safe_load((CORPUS / "expected.yaml").read_text("utf-8"))
SECONDS_PER_FILE = 10  # a hostile file must not hang the run (generous for a loaded CI machine)


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("hostile_generate", CORPUS / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed and the generated inputs in one folder."""
    folder = tmp_path_factory.mktemp("hostile")
    shutil.copytree(CORPUS, folder, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.yaml", "generate.py", "__pycache__"))
    _generator().write_all(folder)
    return folder


@pytest.fixture(scope="module")
def engine(corpus: Path) -> Engine:
    return Engine(load_rules([]), Config(root=corpus, as_of=AS_OF))


def described(diagnostic: Any, like: dict[str, Any]) -> dict[str, Any]:
    """A diagnostic (object or JSON dict) in the shape of an expected entry: code and
    place, the end and the match only where the entry gives them."""
    get = diagnostic.get if isinstance(diagnostic, dict) else lambda key: getattr(diagnostic, key)
    shown = {"code": get("code"), "at": f"{get('line')}:{get('column')}"}
    if "-" in like.get("at", ""):
        shown["at"] += f"-{get('end_line')}:{get('end_column')}"
    if "match" in like:
        shown["match"] = get("match")
    return shown


def assert_as_expected(case: dict[str, Any], diagnostics: list[Any]) -> None:
    expected = case["expect"] or []
    found = [described(d, expected[i] if i < len(expected) else {}) for i, d in enumerate(diagnostics)]
    assert found == expected, case["why"]


def test_every_corpus_file_has_an_expectation(corpus: Path) -> None:
    files = {p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.is_symlink() or not p.is_dir()}  # FIFOs, links too
    assert files == {case["file"] for case in EXPECTED}
    generator = _generator()
    assert set(generator.GENERATED) | set(generator.SPECIAL) == {case["file"] for case in EXPECTED if case.get("made_by") == "generate.py"}


@pytest.mark.parametrize("case", EXPECTED, ids=[case["file"] for case in EXPECTED])
def test_hostile_input(engine: Engine, corpus: Path, case: dict[str, Any]) -> None:
    started = time.perf_counter()
    result = engine.lint_file(corpus / case["file"], case["file"])
    assert time.perf_counter() - started < SECONDS_PER_FILE
    assert_as_expected(case, result.diagnostics)


def test_yaml_tags_never_run_code(engine: Engine, corpus: Path) -> None:
    engine.lint_file(corpus / "structure/python-tags.yaml", "structure/python-tags.yaml")
    assert not list(corpus.rglob("listlint-ran-a-command")) and not Path("listlint-ran-a-command").exists()


def test_the_command_line_reports_the_same(corpus: Path) -> None:
    result = run_cli("check", "--format", "json", "--as-of", AS_OF, ".", cwd=corpus)
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["summary"]["files"] == len(EXPECTED)  # every file found and read
    by_file: dict[str, list[dict[str, Any]]] = {}
    for diagnostic in json_diagnostics(result):
        by_file.setdefault(diagnostic["path"], []).append(diagnostic)
    for case in EXPECTED:
        assert_as_expected(case, by_file.get(case["file"], []))
    assert _generator().SECRET.split()[-1] not in result.stdout  # a file linked from outside is not read
