"""The cache folder: what earlier runs worked out, so that a re-run on unchanged files is
near-instant. It is safe to delete at any time; `--no-cache` neither reads nor writes it.

    .listlint_cache/            beside the config file (or in the working folder), or
                                --cache-dir / LISTLINT_CACHE_DIR
        CACHEDIR.TAG            backup tools skip the folder
        .gitignore              `*`: never committed
        results.sqlite3         file results by content key (run.py), one transaction per run
        rules-<digest>.pickle   parsed rulesets and their patterns' literals (run.py), written atomically

Every entry is found by a key that digests everything its value depends on (listlint's
version, the config, the rulesets and the files they read, the file's bytes ...), so a
change of rules or config simply misses. A cache that cannot be opened, written or read
(read-only checkout, full disk, a corrupt database) is a cache miss, never a failed run.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import __version__
from .safeio import open_regular

FOLDER_NAME = ".listlint_cache"
ENVIRONMENT_VARIABLE = "LISTLINT_CACHE_DIR"
UNUSED_DAYS = 30  # entries no run asked for in this many days are dropped
KEEP_PICKLES = 4  # parsed rulesets of this many ruleset versions (several configs, a branch switch)
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# listlint's cache; safe to delete. https://bford.info/cachedir/\n"


def digest(*parts: bytes | str) -> str:
    """A key from its parts (each part is length-prefixed, so ("ab", "c") differs from ("a", "bc")),
    and from listlint's own code."""
    hasher = hashlib.blake2b(digest_size=20)
    hasher.update(_code_stamp())
    for part in parts:
        data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


@lru_cache(maxsize=1)
def _code_stamp() -> bytes:
    """listlint's version, and the size and time of each of its source files: an upgrade, or
    an edit in a development checkout, makes every older entry miss."""
    package = Path(__file__).parent
    stamps = [__version__]
    for path in sorted(package.rglob("*.py")):
        stat = path.stat()
        stamps.append(f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(stamps).encode()


def file_digest(path: Path) -> str:
    """The digest of a file's bytes ('missing' when it cannot be read)."""
    try:
        with open_regular(path) as handle:
            return hashlib.file_digest(handle, "blake2b").hexdigest()
    except OSError:
        return "missing"


def default_folder(root: Path) -> Path:
    override = os.environ.get(ENVIRONMENT_VARIABLE)
    return Path(override) if override else root / FOLDER_NAME


class Cache:
    """One cache folder; every method fails soft (a miss, a skipped write)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _prepare(self) -> bool:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for name, text in (("CACHEDIR.TAG", _TAG), (".gitignore", "# listlint's cache, safe to delete\n*\n")):
                if not (self.folder / name).exists():
                    (self.folder / name).write_text(text, "utf-8")
            return True
        except OSError:
            return False

    # pickled values in files of their own (rules: read whole on every run) ---------------
    def load(self, name: str) -> Any | None:
        try:
            return pickle.loads((self.folder / name).read_bytes())
        except Exception:  # missing, truncated by a crash of another tool, from an older Python
            return None

    def store(self, name: str, value: Any) -> None:
        """Writes `name` (PREFIX-DIGEST.pickle) and drops all but the newest few of its PREFIX."""
        if not self._prepare():
            return
        from .atomic import atomic_write_bytes

        try:
            atomic_write_bytes(self.folder / name, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
            prefix = name.split("-")[0]
            older = sorted(self.folder.glob(f"{prefix}-*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)[KEEP_PICKLES:]
            for path in older:
                path.unlink()
        except OSError:
            pass

    # results by key: one SQLite table, written in one transaction -------------------------
    @contextmanager
    def _database(self) -> Iterator[sqlite3.Connection | None]:
        """A connection for one call, closed after it: none is left open when a run forks
        its workers (SQLite connections must not cross fork()), and opening costs little."""
        path = self.folder / "results.sqlite3"
        db = None
        if path.exists() or self._prepare():
            try:
                db = _open(path)
            except sqlite3.DatabaseError:  # not a database (a crash mid-creation, a stray file): start anew
                try:
                    path.unlink()
                    db = _open(path)
                except (OSError, sqlite3.Error):
                    db = None
            except sqlite3.Error:
                db = None
        try:
            yield db
        finally:
            if db is not None:
                db.close()

    def get_many(self, keys: list[str]) -> dict[str, Any]:
        """The values found for these keys (unpicklable or unreadable ones count as missing)."""
        found: dict[str, Any] = {}
        if not keys:
            return found
        today = _day()
        with self._database() as db:
            if db is None:
                return found
            try:
                for start in range(0, len(keys), 500):  # SQLite caps the parameters of one statement
                    chunk = keys[start : start + 500]
                    marks = ",".join("?" * len(chunk))
                    for key, blob in db.execute(f"SELECT key, value FROM results WHERE key IN ({marks})", chunk):
                        try:
                            found[key] = pickle.loads(blob)
                        except Exception:
                            continue
                    db.execute(f"UPDATE results SET used = ? WHERE used < ? AND key IN ({marks})", [today, today, *chunk])
                db.commit()
            except sqlite3.Error:
                pass
        return found

    def put_many(self, items: Iterable[tuple[str, Any]]) -> None:
        today = _day()
        rows = [(key, pickle.dumps(value, pickle.HIGHEST_PROTOCOL), today) for key, value in items]
        with self._database() as db:
            if db is None:
                return
            try:
                with db:  # one transaction: all of this run's entries or none
                    db.executemany("INSERT OR REPLACE INTO results (key, value, used) VALUES (?, ?, ?)", rows)
                    db.execute("DELETE FROM results WHERE used < ?", (today - UNUSED_DAYS,))
            except sqlite3.Error:
                pass


def _open(path: Path) -> sqlite3.Connection:
    # a parallel pre-commit batch may hold the write lock for a moment: wait, then give up softly
    db = sqlite3.connect(path, timeout=10)
    db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value BLOB NOT NULL, used INTEGER NOT NULL)")
    return db


def _day() -> int:
    return int(time.time() // 86400)
