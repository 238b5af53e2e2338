"""Refusals are worked out once per folder (safeio._folder_leaves) yet stay per file: a
FIFO or a link out of the repository beside ordinary listings, or in a folder reached
through a link out of it, is refused whatever was linted before it in the same process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from listlint.config import load_config
from listlint.engine import Engine
from listlint.rules import load_rules

LISTING = "sku: A1\ntitle: Steel bottle\n"


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    folder = tmp_path / "repo"
    (folder / ".git").mkdir(parents=True)
    (folder / "listings").mkdir()
    for name in ("a.yaml", "c.yaml"):
        (folder / "listings" / name).write_text(LISTING, "utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text("title: SECRETTOKEN\n", "utf-8")
    (outside / "plain.yaml").write_text(LISTING, "utf-8")
    os.mkfifo(folder / "listings" / "b-fifo.yaml")
    (folder / "listings" / "b-link.yaml").symlink_to(outside / "secret.yaml")
    (folder / "elsewhere").symlink_to(outside)  # a folder linked out of the repository
    return folder


def codes(engine: Engine, path: Path) -> list[str]:
    return [d.code for d in engine.lint_file(path, path.name).diagnostics]


def test_refused_files_stay_refused_beside_readable_ones(repo: Path) -> None:
    config = load_config(None, repo)
    engine = Engine(load_rules(list(config.rulesets)), config)
    folder = repo / "listings"
    for _ in range(2):  # the second round finds every folder already decided
        assert "INP040" not in codes(engine, folder / "a.yaml")
        assert codes(engine, folder / "b-fifo.yaml") == ["INP016"]
        assert codes(engine, folder / "b-link.yaml") == ["INP040"]
        assert "INP040" not in codes(engine, folder / "c.yaml")
        assert codes(engine, repo / "elsewhere" / "plain.yaml") == ["INP040"]
        assert codes(engine, repo / "elsewhere" / "secret.yaml") == ["INP040"]


def test_paths_written_relative_or_not_normalised_are_refused_as_their_absolute_path(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The per-folder decision is keyed by the folder as written once made absolute: the
    same relative folder under another working folder, or a folder written with '.' and
    '..', is decided as the folder it really names."""
    from listlint.repository import repository_root
    from listlint.safeio import why_not_readable

    twin = repo.parent / "twin"
    (twin / ".git").mkdir(parents=True)
    (twin / "listings").symlink_to(repo.parent / "outside")  # same relative name, linked out
    (repo.parent / "outside" / "a.yaml").write_text(LISTING, "utf-8")

    def refusal(path: Path) -> str | None:
        found = why_not_readable(path, repository_root(Path(os.path.abspath(path)), load_config(None, Path.cwd())))
        return found[0] if found else None

    for _ in range(2):
        monkeypatch.chdir(repo)
        assert refusal(Path("listings/a.yaml")) is None
        assert refusal(Path("elsewhere/plain.yaml")) == "INP040"
        assert refusal(repo / "listings" / "." / "a.yaml") is None
        assert refusal(repo / "listings" / ".." / "elsewhere" / "plain.yaml") == "INP040"
        assert refusal(Path("listings/b-link.yaml")) == "INP040"
        monkeypatch.chdir(twin)
        assert refusal(Path("listings/a.yaml")) == "INP040"


def test_a_file_looked_at_before_is_still_refused_when_it_is_no_regular_file_once_opened(repo: Path) -> None:
    """The engine reads a file _refused found regular without looking at it again before
    opening it (looked_at): a FIFO or folder put in its place meanwhile is still refused
    by the check of the opened descriptor, with the problem the general path gives, and
    a FIFO never blocks."""
    from listlint.readers import read_source

    fifo, folder = repo / "listings" / "b-fifo.yaml", repo / "listings"
    for path in (fifo, folder, repo / "listings" / "a.yaml", repo / "missing.yaml"):
        looked = read_source(path, path.name, 1 << 20, looked_at=True)
        general = read_source(path, path.name, 1 << 20)
        assert [(p.code, p.args) for p in looked[1]] == [(p.code, p.args) for p in general[1]]
        assert (looked[0] and looked[0].text) == (general[0] and general[0].text)
    assert [p.code for p in read_source(fifo, fifo.name, 1 << 20, looked_at=True)[1]] == ["INP016"]
