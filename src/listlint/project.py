"""Cross-file checks: the records of files linted together, and which files belong together.

A packaging file belongs to listings in other files (by sku, or by a listing's
`packaging:` path), and one sku must not have two packaging files. A compliance file
(`kind: compliance`) belongs to the listings of its skus, whatever their format: its
documents count as theirs. A Project holds the
records of the files of one group (Engine.lint_group), so that their rules can ask about
the other files; every finding still belongs to one file, so suppressions, per-file
ignores and fingerprints work unchanged.

A run does not hold every file of a large repository at once: each file is first linted
on its own and leaves its `Links` (the skus and packaging paths that could join it to
other files); `components` then finds the groups of files that really are joined, and
only those are linted again together (run.py). The orders and feedback reports of a
run are one group when it has both (negative feedback on orders in an ORD pattern). A
file joined to none gets the same result either way, since every cross-file question
below only ever finds records of files it is joined to.

Pre-commit hands listlint only the files of a commit. A check never reports a problem
that depends on a file outside the run: a packaging file whose listing is not in the run
is not checked against that listing (its own problems, such as text that sends buyers
off Amazon, still are). "This packaging matches no listing" is only said when the run
covers whole folders (`complete`), never for a list of files.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .results import Links, sku_digest

if TYPE_CHECKING:
    from .records import Record

T = TypeVar("T")


def components(files: Sequence[tuple[Path, Links]]) -> list[list[int]]:
    """Groups (indexes into `files`) of two or more files joined by links, in file order.

    A packaging or compliance sku joins that file to every file with a listing of the sku;
    a listing's `packaging:` path joins it to that file when the file is in the run.
    """
    index_of = {_absolute(path): i for i, (path, _) in enumerate(files)}
    parent = list(range(len(files)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(a: int, b: int) -> None:
        parent[root(a)] = root(b)

    side_file_of_sku: dict[str, int] = {}  # the first packaging or compliance file naming the sku
    for i, (_, links) in enumerate(files):
        for sku in (*links.packaging_skus, *links.compliance_skus):
            join(i, side_file_of_sku.setdefault(sku, i))
    side_file_of_digest = {sku_digest(sku): i for sku, i in side_file_of_sku.items()}
    for i, (_, links) in enumerate(files):
        for sku in links.listing_skus:
            if sku in side_file_of_sku:
                join(i, side_file_of_sku[sku])
        for number in links.sku_digests():
            if number in side_file_of_digest:
                join(i, side_file_of_digest[number])
        for target in links.packaging_paths:
            if Path(target) in index_of:
                join(i, index_of[Path(target)])
    _join_reports(files, join)
    groups: dict[int, list[int]] = {}
    for i in range(len(files)):
        groups.setdefault(root(i), []).append(i)
    return [group for group in groups.values() if len(group) > 1]


def _join_reports(files: Sequence[tuple[Path, Links]], join: Callable[[int, int], None]) -> None:
    """Every orders and feedback report of a run in one group, when the run has both: the
    feedback rules name negative feedback on orders that an ORD rule reports."""
    reports = [i for i, (_, links) in enumerate(files) if links.reports]
    if {"orders", "feedback"} <= {kind for i in reports for kind in files[i][1].reports}:
        for i in reports[1:]:
            join(i, reports[0])


class Project:
    def __init__(self, complete: bool = False) -> None:
        self.complete = complete  # the run walked folders: a missing counterpart is really missing
        # plain strings, not Path objects: a catalog adds thousands of files, and a Path costs
        # several times as much to make and hash; path_of makes one when a check asks
        self._paths: dict[int, str] = {}  # id(record) -> absolute path of its file
        self._records: dict[int, Record] = {}
        self._by_file: dict[str, list[Record]] = {}
        self.listings_by_sku: dict[str, list[Record]] = {}
        self.packaging_by_sku: dict[str, list[Record]] = {}
        self.packaging_by_path: dict[Path, list[Record]] = {}
        self.compliance_by_sku: dict[str, list[Record]] = {}
        self._memo: dict[tuple[str, int], Any] = {}
        # as given (a string: a Path's first hash costs more than its string's) -> absolute:
        # each file's is asked for several times
        self._absolutes: dict[str, str] = {}
        # the streamed row being checked and its values: held, so its id cannot be reused meanwhile
        self._row: tuple[Record | None, dict[str, Any]] = (None, {})

    def _absolute_of(self, path: str | Path) -> str:
        given = os.fspath(path)
        absolute = self._absolutes.get(given)
        if absolute is None:
            absolute = self._absolutes[given] = os.path.abspath(given)  # abspath normalises too
        return absolute

    def add(self, path: str | Path, records: list[Record]) -> None:
        absolute = self._absolute_of(path)
        if absolute in self._by_file:
            return
        self._by_file[absolute] = list(records)
        for record in records:
            self._paths[id(record)] = absolute
            self._records[id(record)] = record
            if record.kind == "packaging":
                self.packaging_by_path.setdefault(Path(absolute), []).append(record)
                for sku in record.spec.skus:
                    self.packaging_by_sku.setdefault(sku, []).append(record)
            elif record.kind == "compliance":
                for sku in record.spec.skus:
                    self.compliance_by_sku.setdefault(sku, []).append(record)
            elif record.kind == "listing" and record.sku:
                self.listings_by_sku.setdefault(record.sku, []).append(record)

    def links_of(self, path: str | Path) -> Links:
        """What joins the file to others, gathered in one pass over its records."""
        listing_skus: set[str] = set()
        packaging_skus: set[str] = set()
        targets: set[str] = set()
        compliance_skus: set[str] = set()
        reports: set[str] = set()
        for record in self.records_in(path):
            kind = record.kind
            if kind == "listing":
                if record.sku:
                    listing_skus.add(record.sku)
                target = self.packaging_path(record) if record.packaging is not None else None
                if target is not None:
                    targets.add(str(target))
            elif kind == "packaging":
                packaging_skus.update(record.spec.skus)
            elif kind == "compliance":
                compliance_skus.update(record.spec.skus)
            elif kind in ("orders", "feedback"):
                reports.add(kind)
        families = (listing_skus, packaging_skus, targets, compliance_skus, reports)
        return Links(*[tuple(sorted(found)) if found else () for found in families])  # most are empty

    def records_of_kind(self, kind: str) -> list[Record]:
        return [record for record in self._records.values() if record.kind == kind]

    def records_in(self, path: str | Path) -> list[Record]:
        return self._by_file.get(self._absolute_of(path), [])

    def path_of(self, record: Record) -> Path | None:
        path = self._paths.get(id(record))
        return Path(path) if path is not None else None

    def packaging_path(self, listing: Record) -> Path | None:
        """The packaging file a listing names (`packaging: path`), resolved against the listing's folder."""
        node = listing.packaging
        if node is None or not isinstance(node.value, str) or not node.value.strip():
            return None
        here = self.path_of(listing)
        if here is None:
            return None
        return _absolute(here.parent / node.value.strip())

    def listings_for(self, packaging: Record) -> list[Record]:
        """Listings in the run that a packaging record belongs to."""
        found: list[Record] = []
        for sku in packaging.spec.skus:
            found += [r for r in self.listings_by_sku.get(sku, ()) if r not in found]
        here = self.path_of(packaging)
        if here is not None:
            for record in self._records.values():
                if record.kind == "listing" and record not in found and self.packaging_path(record) == here:
                    found.append(record)
        return found

    def compliance_for(self, listing: Record) -> list[Record]:
        """The compliance records in the run that name the listing's sku."""
        return self.compliance_by_sku.get(listing.sku, []) if listing.sku else []

    def memo(self, key: str, record: Record, compute: Callable[[], T]) -> T:
        """A per-record value computed once per run (the categories of a listing). A streamed
        flat-file row is not held by the project (its id may be reused by the next row): its
        values are kept only while it is the row being checked."""
        if self._records.get(id(record)) is not record:
            if self._row[0] is not record:
                self._row = (record, {})
            values = self._row[1]
            if key not in values:
                values[key] = compute()
            return values[key]
        slot = (key, id(record))
        if slot not in self._memo:
            self._memo[slot] = compute()
        return self._memo[slot]


def _absolute(path: Path) -> Path:
    return Path(os.path.abspath(path))  # abspath normalises too
