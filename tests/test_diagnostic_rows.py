"""Issue 17, the diagnostic path: what the engine makes of its findings is the same
whichever way it is made (once, as rows), in every process."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT


def _scan_families(hash_seed: str) -> str:
    code = "from tests.conftest import suite_engine; print(suite_engine().scan_families)"
    environment = {**os.environ, "PYTHONHASHSEED": hash_seed}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, check=True).stdout


def test_the_families_scanned_are_in_the_same_order_whatever_the_hash_seed() -> None:
    """The order of a record's texts is the order of the findings made in them."""
    first = _scan_families("1")
    assert first.startswith("('title', 'bullets', 'description', 'search_terms', ")
    assert _scan_families("2") == first == _scan_families("3")
