"""A run's results in file order, kept in a temporary file instead of in memory.

A catalog of 100,000 files must not hold 100,000 results (and their diagnostics) until the
report is written: each file's result is pickled to a temporary file as soon as it is
made, and read back, in file order, whenever a reporter walks the diagnostics. What stays
in memory grows with the findings of the files that cross-file checks join (their results
are replaced after the run, see run.py) and with nothing else per file.

Files are linted in the order discover() yields them, which is the order of their shown
paths, and each file's diagnostics are sorted: the stream is then already sorted as a
whole. Should it not be (a path outside the working folder among relative ones), it is
sorted once in memory, so the report is the same bytes either way.
"""

from __future__ import annotations

import io
import os
import pickle
import struct
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace
from itertools import chain, islice
from operator import gt
from pathlib import Path
from typing import IO, Any, overload

from .lean_dataclass import lean_dataclass
from .diagnostics import ROW_SEVERITY, ROW_SORT_KEY, Diagnostic, Row, as_row, from_rows
from .project import components
from .results import FileResult, Links, sku_digest


SPILL_IN_MEMORY_BYTES = 64 * 1024  # what a spill keeps in memory before it moves to a temporary file


class Spill:
    """Pickled values appended to a temporary file, read back in order; each reading keeps
    its own position, so two readings may interleave (a reporter's nested loops).

    The values stay in memory until they take SPILL_IN_MEMORY_BYTES: a pre-commit run on a
    few files never makes (or imports the module that makes) a temporary file. Each value
    is stored after its length, so a reading takes READ_BYTES at a time and unpickles the
    values in them without a seek and a buffered read per value (a catalog's report walks
    two records per file, several times)."""

    def __init__(self) -> None:
        self._file: IO[bytes] = io.BytesIO()
        self._in_memory = True
        self._end = 0
        # the file is at its end, where the next value goes: seeking there first would make
        # a temporary file write out its buffer for every value (two system calls a file)
        self._at_end = True

    def add(self, value: Any) -> None:
        self.add_pickled(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def add_pickled(self, data: bytes | memoryview) -> None:
        """A value pickled already (one another spill holds): copied, not read."""
        if not self._at_end:  # a reading moved away
            self._file.seek(self._end)
            self._at_end = True
        self._file.write(_LENGTH.pack(len(data)))
        self._file.write(data)
        self._end += _LENGTH.size + len(data)
        if self._in_memory and self._end > SPILL_IN_MEMORY_BYTES:
            self._to_disk()

    def _to_disk(self) -> None:
        import tempfile

        on_disk = tempfile.TemporaryFile(prefix="listlint-")
        on_disk.write(self._file.getbuffer())
        self._file, self._in_memory = on_disk, False

    def __iter__(self) -> Iterator[Any]:
        return map(pickle.loads, self.pickled())

    def pickled(self) -> Iterator[memoryview]:
        """Each value as it is stored, pickled."""
        position = 0
        while position < self._end:
            block = self._block(position)
            offset = 0
            while offset + _LENGTH.size <= len(block):
                (size,) = _LENGTH.unpack_from(block, offset)
                start = offset + _LENGTH.size
                if start + size > len(block):
                    break  # the value goes on past this block: the next one starts with it
                offset = start + size
                yield block[start:offset]
            position += offset

    def _block(self, position: int) -> memoryview:
        """The bytes from `position` on, READ_BYTES or more: at least the value there, whole."""
        self._file.seek(position)
        self._at_end = False
        block = self._file.read(READ_BYTES)
        (size,) = _LENGTH.unpack_from(block)
        if _LENGTH.size + size > len(block):
            block += self._file.read(_LENGTH.size + size - len(block))
        return memoryview(block)


_LENGTH = struct.Struct("<Q")  # the length of a pickled value, before it in a spill
READ_BYTES = 256 * 1024  # what one reading of a spill reads at a time


CHUNK_DIAGNOSTICS = 1024  # diagnostics per record on disk: a large file is never read back whole


class ResultLog:
    """The results of a run's files, in file order, on disk; `substitute` puts a later result
    (a file linted again with the files joined to it) in place of a file's first one.

    Each file is one record, pickled once: its result's fields without diagnostics, then
    its first CHUNK_DIAGNOSTICS diagnostics as rows (diagnostics.as_row: plain tuples pickle
    and unpickle in C), and whether more follow. Only a file with more (a large flat file)
    has further records of up to CHUNK_DIAGNOSTICS rows, then None. A flat file's chunks
    put aside while it was linted (DiagnosticChunks) are copied as they are, never read
    and pickled again."""

    def __init__(self) -> None:
        self._spill = Spill()
        self.files = 0
        self._replaced: dict[int, FileResult] = {}

    def add(self, result: FileResult) -> int:
        """Keep `result`; returns its index, the file's position in the run."""
        diagnostics = result.diagnostics
        head = (result.path, result.listings, result.checked, result.links, result.path_facts)
        if isinstance(diagnostics, DiagnosticChunks):
            self._spill.add((*head, [], True))
            for chunk in diagnostics.pickled():
                self._spill.add_pickled(chunk)
            self._spill.add(None)
        else:
            rows = map(as_row, diagnostics)
            first = list(islice(rows, CHUNK_DIAGNOSTICS))
            more = len(diagnostics) > CHUNK_DIAGNOSTICS
            self._spill.add((*head, first, more))  # the usual file: one record, pickled once
            if more:
                while chunk := list(islice(rows, CHUNK_DIAGNOSTICS)):
                    self._spill.add(chunk)
                self._spill.add(None)
        self.files += 1
        return self.files - 1

    def substitute(self, index: int, result: FileResult) -> None:
        self._replaced[index] = result

    def chunks(self) -> Iterator[tuple[FileResult, Iterator[list[Row]]]]:
        """Each file's result (its diagnostics left empty) and an iterator of its diagnostics
        as lists of rows, read from disk as it is walked; walk it before asking for the
        next entry, or not at all."""
        records = iter(self._spill)
        for index, (path, listings, checked, links, path_facts, first, more) in enumerate(records):
            later = iter(records.__next__, None) if more else iter(())  # this file's further records, up to its None
            replaced = self._replaced.get(index)
            if replaced is not None:
                yield replaced, iter([list(map(as_row, replaced.diagnostics))] if replaced.diagnostics else [])
            else:
                chunks = chain([first], later) if first else later
                yield FileResult(path, [], listings, checked, links, path_facts), chunks
            for _ in later:  # whatever the caller left unread
                pass

    def entries(self) -> Iterator[tuple[FileResult, Iterator[Diagnostic]]]:
        """Each file's result and an iterator of its diagnostics (as `chunks` gives them)."""
        for head, chunks in self.chunks():
            yield head, from_rows(chain.from_iterable(chunks))

    def __iter__(self) -> Iterator[FileResult]:
        """Each file's whole result (a library call's list; the CLI walks `entries`)."""
        for head, diagnostics in self.entries():
            yield replace(head, diagnostics=list(diagnostics))


class DiagnosticChunks:
    """One file's diagnostics, put aside on disk a chunk at a time while the file is linted
    (the rows of a large flat file), as rows (diagnostics.as_row). Pickled (to a worker's
    parent, to the cache) as the plain list it stands for."""

    def __init__(self) -> None:
        self._spill = Spill()
        self._length = 0

    def add(self, chunk: list[Diagnostic]) -> None:
        self.add_rows(list(map(as_row, chunk)))

    def add_rows(self, rows: list[Row]) -> None:
        """Diagnostics given as rows (diagnostics.as_row)."""
        if rows:
            self._spill.add(rows)
            self._length += len(rows)

    def pickled(self) -> Iterator[memoryview]:
        """Each chunk as stored: a pickled list of rows."""
        return self._spill.pickled()

    def __iter__(self) -> Iterator[Diagnostic]:
        return from_rows(chain.from_iterable(self._spill))

    def __len__(self) -> int:
        return self._length

    def __reduce__(self) -> tuple[type[list], tuple[list[Diagnostic]]]:
        return (list, (list(self),))


class DiagnosticLog(Sequence[Diagnostic]):
    """Every diagnostic of a run, sorted (Diagnostic.sort_key), read from a ResultLog each
    time it is walked: what the reporters and the exit code read. One pass on creation
    over the rows, a chunk at a time, counts it (`summary`, as diagnostics.summarise
    gives it) and tells whether it is already sorted."""

    def __init__(self, results: ResultLog) -> None:
        self._results = results
        self._sorted: list[Diagnostic] | None = None
        severities: Counter[str] = Counter()
        files = 0
        last: tuple[str, int, int, str] | None = None
        for result, chunks in results.chunks():
            files += result.checked
            for rows in chunks:
                severities.update(map(ROW_SEVERITY, rows))
                keys = list(map(ROW_SORT_KEY, rows))
                if self._sorted is None and ((last is not None and keys[0] < last) or any(map(gt, keys, islice(keys, 1, None)))):
                    self._sorted = sorted(self._in_file_order(), key=Diagnostic.sort_key)
                last = keys[-1]
        self.summary = {"files": files, "error": severities["error"], "warning": severities["warning"], "info": severities["info"]}
        self._length = self.summary["error"] + self.summary["warning"] + self.summary["info"]

    def _in_file_order(self) -> Iterator[Diagnostic]:
        return from_rows(self._rows_in_file_order())

    def _rows_in_file_order(self) -> Iterator[Row]:
        return chain.from_iterable(rows for _, chunks in self._results.chunks() for rows in chunks)

    def rows(self) -> Iterator[Row]:
        """The diagnostics as rows (diagnostics.as_row), sorted: what a reporter copies from."""
        return map(as_row, self._sorted) if self._sorted is not None else self._rows_in_file_order()

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self._sorted) if self._sorted is not None else self._in_file_order()

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> Diagnostic: ...

    @overload
    def __getitem__(self, index: slice) -> list[Diagnostic]: ...

    def __getitem__(self, index: int | slice) -> Diagnostic | list[Diagnostic]:
        if isinstance(index, slice):
            return list(self)[index]
        position = index + self._length if index < 0 else index
        if not 0 <= position < self._length:
            raise IndexError("diagnostic index out of range")
        return next(islice(iter(self), position, None))


class CheckedPaths:
    """The shown paths of the files a run read (not skipped), walked from the ResultLog."""

    def __init__(self, results: ResultLog) -> None:
        self._results = results

    def __iter__(self) -> Iterator[str]:
        return (result.path for result, _ in self._results.chunks() if result.checked)


JOIN_ENTRIES = 512  # files' links pickled together into the joins' spill


@lean_dataclass(frozen=True, slots=True)
class Member:
    """A file that cross-file checks may join to others: where it is, and its links."""

    index: int  # its position in the run (ResultLog)
    path: str
    shown: str
    key: str  # its cache key ("" without a cache)
    links: Links


class Joins:
    """What finding the joined groups of a streamed run needs, and little more in memory:
    every file's links go to a spill; kept in memory are only the skus of packaging and
    compliance files and the packaging paths that listings name. After the run, one pass
    over the spill picks out the few files those can join, and only they are grouped
    (project.components): a file outside them is joined to nothing."""

    def __init__(self) -> None:
        self._spill = Spill()  # lists of up to JOIN_ENTRIES entries, pickled a list at a time
        self._pending: list[tuple[int, str, str, str, Links]] = []
        self._side_skus: set[str] = set()
        self._targets: set[str] = set()  # absolute packaging paths named by listings
        self._reports = False
        self._side_digests: set[int] = set()  # the side skus as flat files' links hold them

    def add(self, index: int, path: str | Path, shown: str, key: str, links: Links) -> None:
        self._side_skus.update(links.packaging_skus, links.compliance_skus)
        self._targets.update(links.packaging_paths)
        self._reports = self._reports or bool(links.reports)
        self._pending.append((index, str(path), shown, key, links))
        if len(self._pending) >= JOIN_ENTRIES:
            self._spill.add(self._pending)
            self._pending = []

    def groups(self) -> list[list[Member]]:
        """The groups of two or more joined files, in file order (as components gives them)."""
        if not (self._side_skus or self._targets or self._reports):
            return []  # nothing can join two files: no need to read the links again
        self._side_digests = {sku_digest(sku) for sku in self._side_skus}
        entries = chain(chain.from_iterable(self._spill), self._pending)
        members = [Member(*entry) for entry in entries if self._may_join(entry[1], entry[4])]
        return [[members[i] for i in group] for group in components([(Path(m.path), m.links) for m in members])]

    def _may_join(self, path: str, links: Links) -> bool:
        if links.packaging_skus or links.compliance_skus or links.packaging_paths or links.reports:
            return True
        if not self._side_skus.isdisjoint(links.listing_skus):
            return True
        if links.listing_sku_digests and not self._side_digests.isdisjoint(links.sku_digests()):
            return True
        return bool(self._targets) and os.path.normpath(os.path.abspath(path)) in self._targets
