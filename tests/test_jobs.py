"""--jobs: files spread over processes give the same bytes as one process; cross-file
groups give the same findings as one project holding every file."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from listlint.config import Config
from listlint.diagnostics import Diagnostic
from listlint.discover import discover, display_path
from listlint.parallel import MIN_FILES_FOR_WORKERS, lint_batches
from listlint.run import lint_paths, prepare_engine

from .conftest import ROOT, run_cli

AS_OF = "2026-11-29"


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The listing fixtures plus enough generated listings for workers to start."""
    folder = tmp_path_factory.mktemp("catalog")
    shutil.copytree(ROOT / "fixtures" / "listings", folder / "listings")
    generated = folder / "listings" / "generated"
    generated.mkdir()
    for n in range(MIN_FILES_FOR_WORKERS + 6):
        extra = f"\n  - Visit www.shop-{n}.example for spare parts" if n % 3 == 0 else ""
        (generated / f"item-{n:03}.yaml").write_text(
            f"sku: GEN-{n:03}\nmarketplaces: [US]\nproduct_type: BOTTLE\nbrand: Genbrand\n"
            f"title: Genbrand Insulated Water Bottle {n}, 750 ml\nbullets:\n  - Keeps drinks cold for 24 hours{extra}\n",
            "utf-8",
        )
    return folder


@pytest.mark.parametrize("output_format", ["json", "sarif", "text"])
def test_jobs_give_the_same_bytes(catalog: Path, output_format: str) -> None:
    runs = [run_cli("check", "listings", "--no-cache", "--as-of", AS_OF, "--format", output_format, "--jobs", jobs, cwd=catalog) for jobs in ("1", "2", "3")]
    assert runs[0].returncode == 1 and "www.shop-0.example" in runs[0].stdout
    for other in runs[1:]:
        assert (other.returncode, other.stdout) == (runs[0].returncode, runs[0].stdout)


class PidEngine:
    """Stands in for the engine: says which process linted each file."""

    def lint_group(self, files: list[tuple[Path, str]], complete: bool) -> list[tuple[str, int]]:
        time.sleep(0.005)  # real files take time: without it one worker may drain the queue before the other starts
        return [(shown, os.getpid()) for _, shown in files]


def test_batches_run_in_workers_and_come_back_in_order() -> None:
    batches = [[(Path(f"f{n}.yaml"), f"f{n}.yaml")] for n in range(MIN_FILES_FOR_WORKERS * 4)]
    results = lint_batches(PidEngine(), batches, True, 2)  # type: ignore[arg-type]
    assert [shown for ((shown, _),) in results] == [shown for ((_, shown),) in batches]
    assert os.getpid() not in {pid for ((_, pid),) in results}
    assert len({pid for ((_, pid),) in results}) == 2


def test_small_runs_stay_in_this_process() -> None:
    batches = [[(Path(f"f{n}.yaml"), f"f{n}.yaml")] for n in range(MIN_FILES_FOR_WORKERS - 1)]
    assert {pid for ((_, pid),) in lint_batches(PidEngine(), batches, True, 2)} == {os.getpid()}  # type: ignore[arg-type]


def _key(d: Diagnostic) -> tuple:
    return (d.path, d.line, d.column, d.end_line, d.end_column, d.code, d.message, d.fingerprint)


def test_groups_find_what_one_project_of_every_file_finds(catalog: Path) -> None:
    """Each file alone, then the joined groups again, equals every file in one project."""
    config = Config(root=catalog, as_of=AS_OF, marketplaces=("US", "UK", "DE"))
    grouped = lint_paths(["listings"], config, catalog, jobs=2).diagnostics
    engine = prepare_engine(config)
    files = [(path, display_path(path, catalog)) for path in discover(["listings"], config, catalog)]
    together = sorted((d for result in engine.lint_group(files, True) for d in result.diagnostics), key=Diagnostic.sort_key)
    assert [_key(d) for d in grouped] == [_key(d) for d in together]
    assert any(d.code.startswith("PKG") for d in grouped)  # cross-file findings are among them


def test_spawned_workers_compile_the_parents_rules(catalog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where workers are spawned (macOS, Windows) they are sent the parsed rules and the
    config, and find exactly what one process finds."""
    import listlint.parallel

    config = Config(root=catalog, as_of=AS_OF)
    engine = prepare_engine(config)
    files = [(path, display_path(path, catalog)) for path in discover(["listings/generated"], config, catalog)]
    batches = [[file] for file in files]
    alone = [engine.lint_group(batch, True) for batch in batches]
    monkeypatch.setattr(listlint.parallel.sys, "platform", "darwin")
    spawned = lint_batches(engine, batches, True, 2)
    found = [[_key(d) for result in results for d in result.diagnostics] for results in spawned]
    assert found == [[_key(d) for result in results for d in result.diagnostics] for results in alone]
    assert any(found)
