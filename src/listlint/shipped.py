"""listlint's own files: the JSON schemas and lists in listlint/data and the shipped
rulesets (the package listlint.rulesets), found from the packages' own folders.
importlib.resources finds them too, but importing it and its readers costs about a tenth
of a one-file pre-commit run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

PACKAGE_FOLDER = Path(__file__).parent


def data_json(name: str) -> Any:
    """A JSON file of listlint/data, parsed."""
    import json  # not needed by a run whose config and rules come from the cache

    return json.loads((PACKAGE_FOLDER / "data" / name).read_text("utf-8"))


def rulesets_folder() -> Path:
    """The folder of the shipped rulesets (top-level rulesets/ in a checkout, listlint/rulesets installed)."""
    from . import rulesets

    return Path(rulesets.__path__[0])
