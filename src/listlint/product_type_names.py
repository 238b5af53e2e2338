"""Amazon product type names: the ones listlint knows, and the near miss of a misspelt one.

Known names are those in Amazon's own public samples (data/product_types.json, with
their sources and licences) and every product type the categories recognise
(rulesets/categories/ and the user's category files). Amazon publishes no complete list
outside its API, so a name listlint does not know may still be real: only a name that is
a near miss of a known one (HEADPHONE for HEADPHONES) is reported, with the suggestion.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .records import Record
from .tree import Problem

# How alike a name must be to a known one to count as its misspelling: HEADPHONE and
# HEADPHONES (0.95) are; HEADPHONE_CASE and HEADPHONES (0.75), a different product, are not.
NEAR_MISS = 0.85


@lru_cache(maxsize=1)
def _sampled_names() -> frozenset[str]:
    data = json.loads(resources.files("listlint").joinpath("data/product_types.json").read_text("utf-8"))
    return frozenset(data["product_types"])


def known_product_types(category_files: Iterable[Path] = ()) -> frozenset[str]:
    """Amazon's sampled product types and those the categories recognise."""
    from .categories import load_catalog

    catalog = load_catalog(tuple(category_files))
    recognised = {name for category in catalog.categories for name in category.product_types}
    return _sampled_names() | recognised | catalog.generic_product_types


def near_miss(name: str, known: frozenset[str]) -> str | None:
    """The known product type `name` most likely misspells; None for a known name, or one
    like no known name (it may be a real product type listlint has no list entry for)."""
    if not name or name in known:
        return None
    squashed = _squash(name)
    for candidate in sorted(known):
        if _squash(candidate) == squashed:
            return candidate  # only case, spaces or separators differ
    close = difflib.get_close_matches(name.upper(), sorted(known), n=1, cutoff=NEAR_MISS)
    return close[0] if close else None


def _squash(name: str) -> str:
    return "".join(ch for ch in name.upper() if ch.isalnum())


def product_type_problems(records: Iterable[Record], known: frozenset[str]) -> list[Problem]:
    """INP045 at each product_type value that misspells a known one."""
    problems = []
    for record in records:
        suggestion = near_miss(record.product_type.strip(), known)
        node = record.field_node("product_type")
        if suggestion is None or node is None or node.start < 0:
            continue
        args = {"value": record.product_type.strip(), "suggestion": suggestion}
        problems.append(Problem("INP045", node.start, max(node.end, node.start + 1), args, field="product_type", sku=record.sku))
    return problems
