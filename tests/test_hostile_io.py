"""Hostile repositories, the input and output half (issue 15, items 1-3, 7-9 and 12): what
`listlint check` writes to, what it opens, and what it trusts from its cache.

The per-file cases (a FIFO or a link to /dev/zero named like a listing, broken links,
links out of the repository) are in the corpus (tests/hostile/expected.yaml, made by
tests/hostile/generate.py); this module runs the command line against the rest.
"""

from __future__ import annotations

import errno
import json
import os
import pickle
import random
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from listlint.atomic import RefusedTarget, atomic_write
from listlint.safeio import FileTooLarge, NotRegularFile, open_regular, read_limited

LISTING = "sku: A1\ntitle: Steel bottle\nbullets: [Order at shop-name.com]\n"
HANG_SECONDS = 60  # a run that waits on a FIFO or reads /dev/zero would pass this


def listlint(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "listlint", "check", "--as-of", "2026-01-01", *args],
        cwd=cwd, capture_output=True, text=True, timeout=HANG_SECONDS, env=env,
    )


def refused(result: subprocess.CompletedProcess[str], *words: str) -> bool:
    """Exit 2 with one line on stderr that says why."""
    lines = result.stderr.splitlines()
    return result.returncode == 2 and len(lines) == 1 and lines[0].startswith("listlint: ") and all(w in lines[0] for w in words)


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    folder = tmp_path / "repo"
    folder.mkdir()
    (folder / ".git").mkdir()
    (folder / "listing.yaml").write_text(LISTING, "utf-8")
    return folder


# 1. -o and --write-baseline never replace what they point at ---------------------------------
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root could replace /dev/null")
def test_output_to_dev_null_keeps_it_a_device(repo: Path) -> None:
    before = os.stat("/dev/null")
    if not stat.S_ISCHR(before.st_mode):
        pytest.skip("/dev/null is no device on this machine already (something else replaced it)")
    result = listlint("-o", "/dev/null", "listing.yaml", cwd=repo)
    after = os.stat("/dev/null")
    assert result.returncode == 1, result.stderr
    assert (after.st_mode, after.st_rdev) == (before.st_mode, before.st_rdev) and stat.S_ISCHR(after.st_mode)


def test_output_to_a_fifo_is_written_through(repo: Path) -> None:
    fifo = repo / "report.json"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text("utf-8")), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 10
        result = listlint("-o", "report.json", "listing.yaml", cwd=repo)
        while result.returncode == 2 and "no process is reading" in result.stderr and time.monotonic() < deadline:
            result = listlint("-o", "report.json", "listing.yaml", cwd=repo)  # the reader had not opened it yet
    finally:
        reader.join(HANG_SECONDS)
    assert result.returncode == 1, result.stderr
    assert json.loads(received[0])["diagnostics"][0]["code"] == "RED001"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_output_to_a_fifo_nobody_reads_is_refused_not_waited_on(repo: Path) -> None:
    os.mkfifo(repo / "report.json")
    result = listlint("-o", "report.json", "listing.yaml", cwd=repo)
    assert refused(result, "report.json", "FIFO that no process is reading"), result.stderr
    assert stat.S_ISFIFO(os.lstat(repo / "report.json").st_mode)


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_output_to_a_symlink_is_refused_and_the_link_and_its_target_kept(repo: Path, tmp_path: Path, option: str) -> None:
    target = tmp_path / "bashrc"
    target.write_text("export PATH=/usr/bin\n", "utf-8")
    (repo / "report.json").symlink_to(target)
    result = listlint(option, "report.json", "listing.yaml", cwd=repo)
    assert refused(result, "report.json", "symbolic link"), result.stderr
    assert os.readlink(repo / "report.json") == str(target)
    assert target.read_text("utf-8") == "export PATH=/usr/bin\n"


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_a_read_only_file_is_never_replaced(repo: Path, option: str) -> None:
    report = repo / "report.json"
    report.write_text("keep\n", "utf-8")
    report.chmod(0o444)
    result = listlint(option, "report.json", "listing.yaml", cwd=repo)  # as root too: no write bit, no write
    assert refused(result, "report.json", "read-only"), result.stderr
    assert report.read_text("utf-8") == "keep\n" and stat.S_IMODE(report.stat().st_mode) == 0o444


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_a_full_disk_is_exit_2_with_a_message(repo: Path) -> None:
    result = listlint("-o", "/dev/full", "listing.yaml", cwd=repo)
    assert refused(result, "/dev/full", "No space left on device"), result.stderr


def test_a_regular_file_is_replaced_with_its_permissions(repo: Path) -> None:
    report = repo / "report.json"
    report.write_text("old\n", "utf-8")
    report.chmod(0o640)
    result = listlint("-o", "report.json", "listing.yaml", cwd=repo)
    assert result.returncode == 1, result.stderr
    assert json.loads(report.read_text("utf-8"))["summary"]["files"] == 1
    assert stat.S_IMODE(report.stat().st_mode) == 0o640
    assert [p.name for p in repo.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux's; elsewhere the race stays open (atomic.py)")
@pytest.mark.parametrize("swapped_in", ["fifo", "link"])
def test_a_target_swapped_while_the_report_is_written_is_left_as_it_is(tmp_path: Path, swapped_in: str) -> None:
    target = tmp_path / "report.json"
    target.write_text("old", "utf-8")
    with pytest.raises(RefusedTarget, match="replaced by something else"):
        with atomic_write(target) as handle:
            handle.write("new")
            target.unlink()  # another process swaps something in between the look and the rename
            os.mkfifo(target) if swapped_in == "fifo" else target.symlink_to(tmp_path / "elsewhere")
    kept = os.lstat(target).st_mode
    assert stat.S_ISFIFO(kept) if swapped_in == "fifo" else stat.S_ISLNK(kept)
    assert [entry.name for entry in tmp_path.iterdir() if entry.name.endswith(".tmp")] == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux's; elsewhere the race stays open (atomic.py)")
def test_a_path_created_while_a_new_report_is_written_is_left_as_it_is(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    with pytest.raises(RefusedTarget, match="created by something else"):
        with atomic_write(target) as handle:
            handle.write("new")
            os.mkfifo(target)
    assert stat.S_ISFIFO(os.lstat(target).st_mode)


def test_a_workbook_is_read_through_the_descriptor_that_was_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """openpyxl gets the opened regular file, not the name: a FIFO swapped in after the check cannot make it wait."""
    openpyxl = pytest.importorskip("openpyxl")
    from listlint.readers.xlsx_reader import read_workbook

    book = openpyxl.Workbook()
    book.active.append(["sku", "item_name"])
    book.active.append(["A1", "Steel bottle"])
    path = tmp_path / "inventory.xlsx"
    book.save(path)
    given: list[tuple[object, int]] = []

    def load_workbook(source: object, **options: object) -> object:
        given.append((source, os.fstat(source.fileno()).st_mode))  # type: ignore[attr-defined]
        return real_load(source, **options)

    real_load = openpyxl.load_workbook
    monkeypatch.setattr(openpyxl, "load_workbook", load_workbook)
    table = read_workbook(path, "inventory.xlsx", ())
    assert table is not None and len(list(table)) >= 2
    [(source, mode)] = given
    assert stat.S_ISREG(mode)
    assert source.closed  # type: ignore[attr-defined]  # closed with the workbook once its rows are read


# 2. an output path that is one of the inputs ---------------------------------------------------
@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
@pytest.mark.parametrize("named", ["listing.yaml", "."])
def test_an_output_onto_an_input_is_refused(repo: Path, option: str, named: str) -> None:
    result = listlint(option, "listing.yaml", named, cwd=repo)
    assert refused(result, "listing.yaml", "one of this run's inputs"), result.stderr
    assert (repo / "listing.yaml").read_text("utf-8") == LISTING


def test_a_hard_link_to_an_input_is_the_same_file(repo: Path) -> None:
    os.link(repo / "listing.yaml", repo / "report.txt")
    result = listlint("-o", "report.txt", "listing.yaml", cwd=repo)
    assert refused(result, "report.txt", "one of this run's inputs"), result.stderr
    assert (repo / "listing.yaml").read_text("utf-8") == LISTING


def test_an_output_onto_the_config_or_the_baseline_read_is_refused(repo: Path) -> None:
    (repo / ".listlint.yaml").write_text("fail_on: error\n", "utf-8")
    assert refused(listlint("-o", ".listlint.yaml", "listing.yaml", cwd=repo), "one of this run's inputs")
    assert listlint("--write-baseline", "baseline.json", "listing.yaml", cwd=repo).returncode == 0
    result = listlint("--baseline", "baseline.json", "-o", "baseline.json", "listing.yaml", cwd=repo)
    assert refused(result, "baseline.json", "one of this run's inputs"), result.stderr
    assert json.loads((repo / "baseline.json").read_text("utf-8"))["listlint_baseline"] == 1


# 3. FIFOs and endless devices as config, rulesets and baselines --------------------------------
SETUPS = {
    "--config": lambda name: (["--config", name], ""),
    "rulesets:": lambda name: ([], f"rulesets: [{name}]\n"),
    "baseline:": lambda name: ([], f"baseline: {name}\n"),
    "--baseline": lambda name: (["--baseline", name], ""),
}


@pytest.mark.parametrize("special", ["fifo", "dev-zero"])
@pytest.mark.parametrize("via", sorted(SETUPS))
def test_special_setup_files_are_refused_without_hanging(repo: Path, special: str, via: str) -> None:
    name = "special.yaml"
    if special == "fifo":
        os.mkfifo(repo / name)
    else:
        (repo / name).symlink_to("/dev/zero")
    args, config = SETUPS[via](name)
    if config:
        (repo / ".listlint.yaml").write_text(config, "utf-8")
    result = listlint(*args, "listing.yaml", cwd=repo)
    kind = "FIFO" if special == "fifo" else "character device"
    assert refused(result, name, kind, "not a regular file"), result.stderr


def test_named_special_files_and_broken_links_are_findings_and_the_run_goes_on(repo: Path) -> None:
    os.mkfifo(repo / "fifo.yaml")
    (repo / "zero.csv").symlink_to("/dev/zero")
    (repo / "broken.yaml").symlink_to("gone.yaml")
    result = listlint("--format", "json", "fifo.yaml", "zero.csv", "broken.yaml", "listing.yaml", cwd=repo)
    assert result.returncode == 1, result.stderr
    found = {(d["path"], d["code"]): d["message"] for d in json.loads(result.stdout)["diagnostics"]}
    assert found == {
        ("broken.yaml", "INP016"): "cannot read file: broken symbolic link (it points to gone.yaml, which does not exist)",
        ("fifo.yaml", "INP016"): "cannot read file: a FIFO (named pipe), not a regular file",
        ("zero.csv", "INP016"): "cannot read file: a character device, not a regular file",
        ("listing.yaml", "RED001"): found[("listing.yaml", "RED001")],
    }


def test_metrics_refuses_special_files_in_the_words_of_check(repo: Path, tmp_path: Path) -> None:
    from listlint.errors import SetupError
    from listlint.metrics_report import run_metrics

    os.mkfifo(repo / "fifo.csv")
    (repo / "zero.csv").symlink_to("/dev/zero")
    (repo / "broken.csv").symlink_to("gone.csv")
    (repo / "folder.csv").mkdir()
    outside = tmp_path / "orders.csv"
    outside.write_text("order-id,purchase-date\n", "utf-8")
    (repo / "linked.csv").symlink_to(outside)
    names = ["fifo.csv", "zero.csv", "broken.csv", "linked.csv"]
    checked = listlint("--format", "json", *names, cwd=repo)
    said_by_check = {d["path"]: f"{d['code']} {d['message']}" for d in json.loads(checked.stdout)["diagnostics"]}
    said_by_metrics = {}
    for name in [*names, "folder.csv", "missing.csv"]:
        with pytest.raises(SetupError) as raised:
            run_metrics(repo / name, None, "text", None, repo)
        said_by_metrics[name] = str(raised.value)
    assert {name: said_by_metrics[name] for name in names} == {name: f"{name}:1:1: {said_by_check[name]}" for name in names}
    assert said_by_metrics["folder.csv"] == "folder.csv:1:1: INP016 cannot read file: a folder, not a regular file"
    assert said_by_metrics["missing.csv"] == "missing.csv:1:1: INP016 cannot read file: no such file"
    result = subprocess.run([sys.executable, "-m", "listlint", "metrics", "fifo.csv"], cwd=repo, capture_output=True, text=True, timeout=HANG_SECONDS)
    assert refused(result, "fifo.csv", "a FIFO (named pipe), not a regular file"), result.stderr


def test_reading_stops_at_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"x" * 1001)
    with pytest.raises(FileTooLarge) as raised:
        read_limited(big, 1000)
    assert raised.value.size == 1001 and "over the" in raised.value.strerror
    assert read_limited(big, 1001) == b"x" * 1001
    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(NotRegularFile):  # returns at once: opened without blocking, or not at all
        open_regular(tmp_path / "fifo")


# 7. links out of the repository ------------------------------------------------------------------
@pytest.mark.parametrize("output_format", ["json", "html", "text"])
def test_a_listing_linked_out_of_the_repository_is_not_read(repo: Path, tmp_path: Path, output_format: str) -> None:
    secret = tmp_path / "git-credentials"
    secret.write_text("title: https://user:ghp_SECRETTOKEN@github.com\n", "utf-8")
    (repo / "creds.yaml").symlink_to(secret)
    for named in (["creds.yaml"], ["."]):
        result = listlint("--format", output_format, *named, cwd=repo)
        assert result.returncode == 1, result.stderr
        assert "INP040" in result.stdout and "SECRETTOKEN" not in result.stdout + result.stderr


def test_a_file_named_outside_the_repository_is_read_as_asked(repo: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere.yaml").write_text(LISTING, "utf-8")
    result = listlint("--format", "json", str(tmp_path / "elsewhere.yaml"), cwd=repo)
    assert [d["code"] for d in json.loads(result.stdout)["diagnostics"]] == ["RED001"]


# 8. file names that look like options ------------------------------------------------------------
def test_after_double_dash_a_name_like_an_option_is_a_file(repo: Path) -> None:
    (repo / "victim.yaml").write_text("victim: keep\n", "utf-8")
    (repo / "--output-file=victim.yaml").write_text(LISTING, "utf-8")
    result = listlint("--format", "json", "--", "--output-file=victim.yaml", cwd=repo)
    assert result.returncode == 1, result.stderr
    assert [d["path"] for d in json.loads(result.stdout)["diagnostics"]] == ["--output-file=victim.yaml"]
    assert (repo / "victim.yaml").read_text("utf-8") == "victim: keep\n"


# 9. a damaged or planted cache ---------------------------------------------------------------------
@pytest.fixture()
def cached(repo: Path, tmp_path: Path) -> tuple[Path, dict[str, str], str]:
    """A repository whose cache is filled, the environment (its own user secret), and the uncached JSON."""
    for n in range(30):
        (repo / f"listing-{n}.yaml").write_text(LISTING.replace("A1", f"A{n}").replace("shop-name", f"shop-{n}"), "utf-8")
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "user-cache"))
    expected = listlint("--format", "json", "--no-cache", cwd=repo, env=env)
    listlint("--format", "json", cwd=repo, env=env)
    assert (repo / ".listlint_cache" / "results.sqlite3").is_file()
    return repo, env, expected.stdout


@pytest.mark.parametrize("seed", range(6))
def test_flipped_bytes_in_the_cache_give_the_uncached_results(cached: tuple[Path, dict[str, str], str], seed: int) -> None:
    repo, env, expected = cached
    database = repo / ".listlint_cache" / "results.sqlite3"
    data = bytearray(database.read_bytes())
    chance = random.Random(seed)
    for _ in range(200):
        data[chance.randrange(100, len(data))] ^= 1 << chance.randrange(8)  # the pages, not the header
    database.write_bytes(bytes(data))
    for _ in range(2):  # the run that meets the damage, and the one after it
        result = listlint("--format", "json", cwd=repo, env=env)
        assert result.returncode == 1, result.stderr
        assert json.loads(result.stdout) == json.loads(expected)


class _Planted:
    """A pickle that would leave a marker file if anything unpickled it."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple:
        return (os.system, (f"touch {self.marker}",))


def test_planted_pickles_are_never_unpickled(cached: tuple[Path, dict[str, str], str], tmp_path: Path) -> None:
    repo, env, expected = cached
    marker = tmp_path / "listlint-ran-planted-code"
    planted = pickle.dumps(_Planted(marker))
    folder = repo / ".listlint_cache"
    with sqlite3.connect(folder / "results.sqlite3") as db:  # every value, with and without a forged HMAC
        db.execute("UPDATE results SET value = CASE WHEN rowid % 2 THEN ? ELSE substr(value, 1, 32) || ? END", (planted, planted))
    db.close()
    for rules in folder.glob("rules-*.pickle"):
        rules.write_bytes(bytes(32) + planted)
    result = listlint("--format", "json", cwd=repo, env=env)
    assert json.loads(result.stdout) == json.loads(expected)
    assert not marker.exists()


def test_a_cache_made_with_another_secret_is_a_miss(cached: tuple[Path, dict[str, str], str], tmp_path: Path) -> None:
    """A cache folder committed to a repository was sealed with someone else's secret."""
    repo, env, expected = cached
    other = dict(env, XDG_CACHE_HOME=str(tmp_path / "another-user"))
    result = listlint("--format", "json", cwd=repo, env=other)
    assert json.loads(result.stdout) == json.loads(expected)
    assert (tmp_path / "another-user" / "listlint" / "secret").stat().st_mode & 0o077 == 0  # the secret is the user's alone


@pytest.mark.parametrize("planted", ["foreign database", "fifo"])
def test_a_cache_database_that_is_a_link_or_fifo_is_not_opened(repo: Path, tmp_path: Path, planted: str) -> None:
    folder = repo / ".listlint_cache"
    folder.mkdir()
    foreign = tmp_path / "places.sqlite"
    if planted == "fifo":
        os.mkfifo(folder / "results.sqlite3")
    else:
        with sqlite3.connect(foreign) as db:
            db.execute("CREATE TABLE bookmarks (url TEXT)")
        db.close()
        (folder / "results.sqlite3").symlink_to(foreign)
    result = listlint("--format", "json", "listing.yaml", cwd=repo)
    assert result.returncode == 1 and [d["code"] for d in json.loads(result.stdout)["diagnostics"]] == ["RED001"]
    if planted == "fifo":
        assert stat.S_ISFIFO(os.lstat(folder / "results.sqlite3").st_mode)
    else:
        with sqlite3.connect(foreign) as db:
            assert [name for (name,) in db.execute("SELECT name FROM sqlite_master")] == ["bookmarks"]
        db.close()


def test_a_dangling_link_in_the_cache_folder_creates_nothing_elsewhere(repo: Path, tmp_path: Path) -> None:
    folder = repo / ".listlint_cache"
    folder.mkdir()
    (folder / "CACHEDIR.TAG").symlink_to(tmp_path / "planted-file")
    assert listlint("listing.yaml", cwd=repo).returncode == 1
    assert not (tmp_path / "planted-file").exists() and (folder / "results.sqlite3").is_file()


# 12. the smaller ones --------------------------------------------------------------------------------
def test_temporary_files_left_by_a_killed_run_are_removed(repo: Path) -> None:
    dead = repo / ".report.json.listlint-999999999-x1y2.tmp"  # no such process
    old = repo / f".report.json.listlint-{os.getpid()}-old.tmp"  # a live process id, but a day old
    live = repo / f".report.json.listlint-{os.getpid()}-now.tmp"  # a run still writing
    other = repo / ".notes.txt.listlint-999999999-x.tmp"  # another file's: left for its own next write
    for path in (dead, old, live, other):
        path.write_text("half a report", "utf-8")
    os.utime(old, (time.time() - 86400,) * 2)
    assert listlint("-o", "report.json", "listing.yaml", cwd=repo).returncode == 1
    assert sorted(p.name for p in repo.iterdir() if p.name.endswith(".tmp")) == sorted([live.name, other.name])


def test_a_run_killed_mid_write_leaves_a_temporary_file_the_next_run_removes(repo: Path) -> None:
    killed = subprocess.run(
        [sys.executable, "-c", "import os, signal, sys; from pathlib import Path; from listlint.atomic import RefusedTarget, atomic_write\n"
         "with atomic_write(Path('report.json')) as out:\n    out.write('half'); out.flush(); os.kill(os.getpid(), signal.SIGKILL)"],
        cwd=repo, timeout=HANG_SECONDS,
    )
    assert killed.returncode == -9
    assert len(list(repo.glob(".report.json.listlint-*.tmp"))) == 1 and not (repo / "report.json").exists()
    assert listlint("-o", "report.json", "listing.yaml", cwd=repo).returncode == 1
    assert list(repo.glob("*.tmp")) + list(repo.glob(".*.tmp")) == [] and (repo / "report.json").is_file()


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    report.write_text("old\n", "utf-8")
    with pytest.raises(OSError), atomic_write(report) as out:
        out.write("half a report")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert report.read_text("utf-8") == "old\n" and list(tmp_path.iterdir()) == [report]


def test_right_to_left_overrides_are_escaped_in_text_output(repo: Path) -> None:
    (repo / "listing.yaml").rename(repo / "invoice\u202elmth.yaml")  # shows as "invoicehtml.yaml"-like
    result = listlint("--format", "text", ".", cwd=repo)
    assert "invoice\\u202elmth.yaml:3:" in result.stdout and "\u202e" not in result.stdout


@pytest.mark.parametrize(
    ("config", "words"),
    [
        ("fail_on: error\nfail_on: warning\n", "key 'fail_on' appears twice in the same mapping; the last one wins silently (INP007)"),
        ("a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]\n" for p, c in zip("abcde", "bcdef")), "expands to more than"),
        ("x: !!python/object:os.system 1\n", "is not allowed"),
    ],
)
def test_config_errors_say_what_is_wrong(repo: Path, config: str, words: str) -> None:
    (repo / ".listlint.yaml").write_text(config, "utf-8")
    result = listlint("listing.yaml", cwd=repo)
    assert refused(result, ".listlint.yaml:", "invalid config YAML", words), result.stderr


def test_a_baseline_with_a_bom_is_read(repo: Path) -> None:
    assert listlint("--write-baseline", "baseline.json", "listing.yaml", cwd=repo).returncode == 0
    baseline = repo / "baseline.json"
    baseline.write_bytes(b"\xef\xbb\xbf" + baseline.read_bytes())
    result = listlint("--baseline", "baseline.json", "listing.yaml", cwd=repo)
    assert result.returncode == 0 and "1 known problem hidden by the baseline" in result.stdout, result.stderr


@pytest.mark.parametrize("version", ["5", "[1]", "true"])
def test_a_baseline_version_that_is_no_string_is_rejected(repo: Path, version: str) -> None:
    (repo / "baseline.json").write_text(f'{{"listlint_baseline": 1, "listlint_version": {version}, "findings": []}}', "utf-8")
    result = listlint("--baseline", "baseline.json", "listing.yaml", cwd=repo)
    assert refused(result, "baseline baseline.json", "'listlint_version' is", "not a version string"), result.stderr
