"""The library API: typed, picklable, the command line's diagnostics; run on a Dask cluster
over a catalog partitioned by folder."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from listlint.api import Options, lint_files
from listlint.errors import SetupError

from .conftest import ROOT, json_diagnostics, run_cli

AS_OF = "2026-11-29"
JSON_FIELDS = ("path", "line", "column", "end_line", "end_column", "code", "severity", "message", "field", "sku", "match", "fingerprint")


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Listings in four folders (partitions), packaging files beside their listings."""
    folder = tmp_path_factory.mktemp("catalog")
    shutil.copytree(ROOT / "fixtures" / "listings", folder / "listings")
    for part in ("north", "south"):
        for n in range(12):
            path = folder / "listings" / part / f"bottle-{n:02}.yaml"
            path.parent.mkdir(parents=True, exist_ok=True)
            claim = "\n  - Kills 99.9% of germs and bacteria" if n % 4 == 0 else ""
            path.write_text(f"sku: {part.upper()}-{n:02}\nmarketplaces: [US]\nproduct_type: BOTTLE\nbrand: Rivo\ntitle: Rivo Travel Bottle {n}, 500 ml\nbullets:\n  - Leak-proof lid{claim}\n", "utf-8")
    return folder


def _as_json(diagnostics: list) -> list[dict]:
    return [{name: getattr(d, name) for name in JSON_FIELDS} for d in diagnostics]


def _cli(catalog: Path) -> list[dict]:
    result = run_cli("check", "listings", "--format", "json", "--as-of", AS_OF, "--no-cache", cwd=catalog)
    assert result.returncode == 1, result.stderr
    return [{name: d[name] for name in JSON_FIELDS} for d in json_diagnostics(result)]


def _partitions(catalog: Path) -> list[list[str]]:
    return [[str(folder)] for folder in sorted((catalog / "listings").iterdir())]


def test_library_gives_the_command_lines_diagnostics(catalog: Path) -> None:
    options = Options(root=str(catalog), as_of=AS_OF, complete=True)
    found = [d for part in _partitions(catalog) for d in lint_files(part, options)]
    assert sorted(_as_json(found), key=lambda d: (d["path"], d["line"], d["column"], d["code"])) == _cli(catalog)


def test_function_options_and_results_pickle(catalog: Path) -> None:
    options = Options(root=str(catalog), as_of=AS_OF, select=("CLM",))
    diagnostics = lint_files([catalog / "listings" / "north"], options)
    assert diagnostics and {d.code for d in diagnostics} <= {f"CLM00{n}" for n in range(1, 10)}
    assert pickle.loads(pickle.dumps((lint_files, options, diagnostics))) == (lint_files, options, diagnostics)


def test_one_path_is_one_path_not_its_characters(catalog: Path) -> None:
    options = Options(root=str(catalog), as_of=AS_OF, select=("CLM",))
    assert lint_files("listings/north", options) == lint_files(["listings/north"], options) != []
    assert lint_files(catalog / "listings" / "north", options) == lint_files(["listings/north"], options)


def test_library_errors_are_setup_errors(catalog: Path) -> None:
    with pytest.raises(SetupError, match="unknown marketplace 'XX'"):
        lint_files(["listings"], Options(root=str(catalog), marketplaces=("XX",)))
    with pytest.raises(SetupError, match="not a date"):
        lint_files(["listings"], Options(root=str(catalog), as_of="29.11.2026"))
    with pytest.raises(SetupError, match="no such file"):
        lint_files(["nowhere"], Options(root=str(catalog)))


def test_dask_local_cluster_over_a_partitioned_catalog(catalog: Path) -> None:
    """Each partition (a folder) linted on a worker process; together, the CLI's findings."""
    import dask.bag
    from distributed import Client, LocalCluster

    options = Options(root=str(catalog), as_of=AS_OF, complete=True)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster):
        partitions = _partitions(catalog)
        bag = dask.bag.from_sequence(partitions, npartitions=len(partitions))
        found = bag.map(lint_files, options).flatten().compute()
    assert sorted(_as_json(found), key=lambda d: (d["path"], d["line"], d["column"], d["code"])) == _cli(catalog)
