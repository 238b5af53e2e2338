"""What linting one file gives: its diagnostics, and what can join it to other files.

Workers send these back to the main process and the cache keeps them, so this module
stays light: a re-run served from the cache imports it, not the engine.
"""

from __future__ import annotations

import hashlib
from dataclasses import field
from operator import attrgetter

from .lean_dataclass import lean_dataclass
from .diagnostics import Diagnostic


@lean_dataclass(frozen=True, slots=True)
class Links:
    """What can join a file to others: small enough to keep for every file of a run."""

    listing_skus: tuple[str, ...] = ()
    packaging_skus: tuple[str, ...] = ()
    packaging_paths: tuple[str, ...] = ()  # absolute paths of the packaging files its listings name
    compliance_skus: tuple[str, ...] = ()  # skus of its compliance files (their documents count for those listings)
    reports: tuple[str, ...] = ()  # "orders", "feedback": a run's orders and feedback reports are joined
    # A flat file's listing skus, as 64-bit digests (sku_digest) packed in row order: 8 bytes
    # a row instead of a set of strings, so 100,000 rows stay small. Two skus sharing a digest
    # can only join a file to one it does not belong to, which changes no finding.
    listing_sku_digests: bytes = b""

    def sku_digests(self) -> memoryview:
        return memoryview(self.listing_sku_digests).cast("Q")

    def __reduce__(self) -> str | tuple[type[Links], tuple[object, ...]]:
        # most files have no links: they unpickle as the one shared NO_LINKS, the others
        # from the constructor's arguments (see FileResult.__reduce__)
        if self is NO_LINKS:
            return "NO_LINKS"
        return (Links, _LINKS_FIELDS(self))


_LINKS_FIELDS = attrgetter(*Links.__slots__)  # the fields as one tuple, read in C


def sku_digest(sku: str) -> int:
    """A sku as a 64-bit number (Links.listing_sku_digests)."""
    return int.from_bytes(hashlib.blake2b(sku.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


NO_LINKS = Links()


@lean_dataclass(slots=True)
class FileResult:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)  # a large flat file's: stream.DiagnosticChunks (on disk)
    listings: int = 0
    checked: bool = True  # False: another tool's YAML/JSON, skipped
    links: Links = NO_LINKS  # what joins this file to others (cross-file checks, project.py)
    path_facts: tuple[tuple[str, str, str], ...] = ()  # what the checks learnt from the file system

    def __reduce__(self) -> tuple[type[FileResult], tuple[object, ...]]:
        # the constructor's arguments, as Diagnostic's: the dataclass default restores the
        # slots through a __setstate__ written in Python, and a report reads every file's
        # result back from disk (stream.py), once per walk of a catalog's diagnostics
        return (FileResult, _RESULT_FIELDS(self))


_RESULT_FIELDS = attrgetter(*FileResult.__slots__)
