"""The cache folder: what earlier runs worked out, so that a re-run on unchanged files is
near-instant. It is safe to delete at any time; `--no-cache` neither reads nor writes it.

    .listlint_cache/            beside the config file (or in the working folder), or
                                --cache-dir / LISTLINT_CACHE_DIR
        CACHEDIR.TAG            backup tools skip the folder
        .gitignore              `*`: never committed
        results.sqlite3         file results by content key (run.py), one transaction per run
        rules-<digest>.pickle   parsed rulesets and their patterns' literals (run.py), written atomically
        engine-<digest>.pickle  the rules compiled for a config and day (run.py, compiled.py)
        regexes-<digest>.pickle regex and re patterns earlier runs compiled, as compiled code (compiled.RegexMemo)

Every entry is found by a key that digests everything its value depends on (listlint's
version and the Python version, the config, the rulesets and the files they read, the
file's bytes ...), so a change of rules or config simply misses. A cache that cannot be
opened, written or read (read-only checkout, full disk, a corrupt database) is a cache
miss, never a failed run.

Values are pickles, and unpickling can run code, so every value carries an HMAC-SHA256
of its key and bytes, checked before it is unpickled; a value that fails the check is a
miss. The HMAC key is made from a random secret kept outside the cache folder, in the
user's own cache folder (`$XDG_CACHE_HOME/listlint/secret`, else `~/.cache/listlint/secret`,
mode 0600), and from the cache folder's real path: a cache folder committed to a
repository, or a damaged one, is never trusted. Where the secret can be neither read
nor created, the run uses no cache.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import sqlite3
import stat
import sys
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
SECRET_BYTES = 32
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
    """listlint's version, the Python version, and the size and time of each of its source
    files: an upgrade, another Python (compiled engines point into its bytecode, compiled
    patterns are its objects), or an edit in a development checkout, makes every older entry miss."""
    package = os.path.dirname(os.path.abspath(__file__))
    stamps = []
    for folder, _, names in os.walk(package):  # os.walk and plain strings: a third of the time of Path.rglob
        for name in names:
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                stamps.append(f"{path[len(package) + 1 :]}:{size_and_time(path)}")
    return "\n".join([__version__, sys.version, *sorted(stamps)]).encode()


def size_and_time(path: str) -> str:
    """A file's size and modification time, what keys of files that change only with
    listlint hold instead of their digest ("missing" for a file that is not there)."""
    try:
        info = os.stat(path)
    except OSError:
        return "missing"
    return f"{info.st_size}:{info.st_mtime_ns}"


WHOLE_FILE_BYTES = 1 << 20  # file_digest reads a file up to this size in one read


def file_digest(path: Path) -> str:
    """The digest of a file's bytes ('missing' when it cannot be read)."""
    try:
        with open_regular(path) as handle:
            # hashlib.file_digest zero-fills a 256 KiB buffer for every file: a run digests
            # some fifty small rule and list files, so a small file is read whole instead
            if os.fstat(handle.fileno()).st_size <= WHOLE_FILE_BYTES:
                return hashlib.blake2b(handle.read()).hexdigest()
            return hashlib.file_digest(handle, "blake2b").hexdigest()
    except OSError:
        return "missing"


def default_folder(root: Path) -> Path:
    override = os.environ.get(ENVIRONMENT_VARIABLE)
    return Path(override) if override else root / FOLDER_NAME


def user_secret() -> bytes | None:
    """The user's random cache secret (made on first use), or None when it can be neither read nor made."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "listlint" / "secret"
    try:
        return _read_secret(path)
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        _create_secret(path)
        return _read_secret(path)
    except OSError:
        return None


def _read_secret(path: Path) -> bytes | None:
    from .safeio import read_limited

    secret = read_limited(path, SECRET_BYTES)
    return secret if len(secret) == SECRET_BYTES else None


def _create_secret(path: Path) -> None:
    """A new secret, written whole under another name and linked into place: a parallel
    run sees the old secret, its own, or the winner's, never half of one."""
    temporary = path.with_name(f".secret-{os.getpid()}-{os.urandom(4).hex()}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(os.urandom(SECRET_BYTES))
        os.link(temporary, path)
    except FileExistsError:
        pass  # another run made it first: use that one
    finally:
        temporary.unlink(missing_ok=True)


class Cache:
    """One cache folder; every method fails soft (a miss, a skipped write)."""

    def __init__(self, folder: Path, secret: bytes | None = None) -> None:
        self.folder = folder
        self._secret = secret  # tests pass one; else the user's (user_secret)
        self._key: bytes | None = None

    @property
    def key(self) -> bytes | None:
        """The HMAC key of this cache folder (None: no secret, so no cache)."""
        if self._key is None:
            secret = self._secret if self._secret is not None else user_secret()
            if secret is None:
                return None
            self._key = hmac.digest(secret, os.path.realpath(self.folder).encode("utf-8", "surrogateescape"), "sha256")
        return self._key

    def _sealed(self, name: str, value: Any) -> bytes | None:
        """The value pickled, behind the HMAC of its name and bytes."""
        key = self.key
        if key is None:
            return None
        data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        return _mac(key, name, data) + data

    def _opened(self, name: str, blob: bytes) -> Any | None:
        """The value of a sealed blob, or None when its HMAC does not match (nothing is unpickled then)."""
        key = self.key
        if key is None or not isinstance(blob, bytes) or len(blob) < MAC_BYTES:
            return None
        mac, data = blob[:MAC_BYTES], blob[MAC_BYTES:]
        if not hmac.compare_digest(mac, _mac(key, name, data)):
            return None
        try:
            return pickle.loads(data)
        except Exception:  # written by an older listlint whose classes changed
            return None

    def _prepare(self) -> bool:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for name, text in (("CACHEDIR.TAG", _TAG), (".gitignore", "# listlint's cache, safe to delete\n*\n")):
                try:
                    # "x": created only where nothing is, not even a dangling link to a file elsewhere
                    with open(self.folder / name, "x", encoding="utf-8") as handle:
                        handle.write(text)
                except FileExistsError:
                    pass
            return True
        except OSError:
            return False

    # pickled values in files of their own (rules: read whole on every run) ---------------
    def load(self, name: str) -> Any | None:
        from .safeio import read_limited

        try:
            return self._opened(name, read_limited(self.folder / name))
        except OSError:  # missing, not a regular file, too large
            return None

    def store(self, name: str, value: Any) -> None:
        """Writes `name` (PREFIX-DIGEST.pickle) and drops all but the newest few of its PREFIX."""
        sealed = self._sealed(name, value)
        if sealed is None or not self._prepare():
            return
        from .atomic import atomic_write_bytes

        try:
            atomic_write_bytes(self.folder / name, sealed)
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
        if _regular_or_absent(path) and (path.exists() or self._prepare()):
            try:
                db = _open(path)
            except (sqlite3.DatabaseError, ValueError):  # not a database (a crash mid-creation, a stray file, damaged pages whose error text is not UTF-8): start anew
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
        """The values found for these keys (ones that fail their HMAC, or unreadable ones, count as missing)."""
        found: dict[str, Any] = {}
        if not keys or self.key is None:
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
                        value = self._opened(key, blob) if isinstance(key, str) else None
                        if value is not None:
                            found[key] = value
                    db.execute(f"UPDATE results SET used = ? WHERE used < ? AND key IN ({marks})", [today, today, *chunk])
                db.commit()
            except Exception:  # a damaged database (sqlite3 errors, odd values): what was read so far is sound
                pass
        return found

    def put_many(self, items: Iterable[tuple[str, Any]]) -> None:
        if self.key is None:
            return
        today = _day()
        rows = [(key, self._sealed(key, value), today) for key, value in items]
        with self._database() as db:
            if db is None:
                return
            try:
                with db:  # one transaction: all of this run's entries or none
                    db.executemany("INSERT OR REPLACE INTO results (key, value, used) VALUES (?, ?, ?)", rows)
                    db.execute("DELETE FROM results WHERE used < ?", (today - UNUSED_DAYS,))
            except Exception:  # a damaged database: this run's results are simply not kept
                pass


def _regular_or_absent(path: Path) -> bool:
    """Whether SQLite may open `path`: a link planted in a repository's cache folder could
    lead it to write into another program's database, a FIFO would make it wait."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except FileNotFoundError:
        return True
    except (OSError, ValueError):
        return False


MAC_BYTES = 32


def _mac(key: bytes, name: str, data: bytes) -> bytes:
    """HMAC-SHA256 of an entry's name (so a value cannot pass for another key's) and its bytes."""
    name_bytes = name.encode("utf-8", "surrogateescape")
    return hmac.new(key, len(name_bytes).to_bytes(8, "little") + name_bytes + data, "sha256").digest()


def _open(path: Path) -> sqlite3.Connection:
    # a parallel pre-commit batch may hold the write lock for a moment: wait, then give up softly
    db = sqlite3.connect(path, timeout=10)
    # no waiting for the disk at each commit (four syncs, 15-25 ms of a pre-commit run on
    # one file here): the journal still undoes a run that dies mid-write, and what an
    # operating system crash could leave half written fails its HMAC or SQLite's own
    # checks, a miss as for any damaged cache; it holds nothing that cannot be worked out again.
    db.execute("PRAGMA synchronous = OFF")
    db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value BLOB NOT NULL, used INTEGER NOT NULL)")
    return db


def _day() -> int:
    return int(time.time() // 86400)
