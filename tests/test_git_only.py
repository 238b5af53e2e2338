"""`listlint check --git-only` (the listlint-repo hook): in a git work tree only the files git
tracks or has staged are walked; outside one, every file."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.conftest import json_diagnostics, run_cli

LISTING = "sku: {sku}\ntitle: Visit www.acme-shop.com for more\n"


def _git(*args: str, cwd: Path) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, timeout=60)


def _catalog(folder: Path) -> None:
    for name in ("tracked", "staged", "drafts/untracked", "deleted"):
        path = folder / "listings" / f"{name}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(LISTING.format(sku=name.upper()), "utf-8")


def _paths(result) -> list[str]:
    assert result.returncode == 1, result.stderr
    return sorted({d["path"] for d in json_diagnostics(result)})


def test_only_tracked_and_staged_files_in_a_repository(tmp_path: Path) -> None:
    _catalog(tmp_path)
    _git("init", "-q", cwd=tmp_path)
    _git("add", "listings/tracked.yaml", "listings/deleted.yaml", cwd=tmp_path)
    _git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "catalog", cwd=tmp_path)
    _git("add", "listings/staged.yaml", cwd=tmp_path)
    (tmp_path / "listings" / "deleted.yaml").unlink()  # still in the index, gone from the disk
    result = run_cli("check", "--git-only", "--format", "json", cwd=tmp_path)
    assert _paths(result) == ["listings/staged.yaml", "listings/tracked.yaml"]
    in_folder = run_cli("check", "--git-only", "--format", "json", "listings", cwd=tmp_path)
    assert _paths(in_folder) == ["listings/staged.yaml", "listings/tracked.yaml"]
    # without the option (and for files named outright) the working tree counts
    assert "listings/drafts/untracked.yaml" in _paths(run_cli("check", "--format", "json", cwd=tmp_path))
    named = run_cli("check", "--git-only", "--format", "json", "listings/drafts/untracked.yaml", cwd=tmp_path)
    assert _paths(named) == ["listings/drafts/untracked.yaml"]


def test_outside_a_repository_every_file_is_walked(tmp_path: Path) -> None:
    _catalog(tmp_path)
    result = run_cli("check", "--git-only", "--format", "json", cwd=tmp_path)
    assert _paths(result) == ["listings/deleted.yaml", "listings/drafts/untracked.yaml", "listings/staged.yaml", "listings/tracked.yaml"]
