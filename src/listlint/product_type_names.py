"""Amazon product type names: the ones listlint knows, and the near miss of a misspelt one.

Known names are those in Amazon's own public samples (data/product_types.json, with
their sources and licences) and every product type the categories recognise
(rulesets/categories/ and the user's category files). Amazon publishes no complete list
outside its API, so a name listlint does not know may still be real: only a name that is
a near miss of a known one (HEADPHONE for HEADPHONES) is reported, with the suggestion.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from .shipped import data_json
from .records import Record
from .tree import Problem

# A misspelling, not another name: one letter wrong, missing, extra or swapped counts only
# in names this long (TOMY is not TOY, PAINTS not PANTS); a plural or singular form only
# when the shorter name is this long (HEADPHONE for HEADPHONES, not TOYS for TOY).
MIN_LENGTH_ONE_EDIT = 7
MIN_LENGTH_PLURAL = 5
_AMAZON_FORM = re.compile(r"[A-Z][A-Z0-9_]*")  # as the listing schema's product_type pattern


@lru_cache(maxsize=1)
def _sampled_names() -> frozenset[str]:
    data = data_json("product_types.json")
    return frozenset(data["product_types"])


def known_product_types(category_files: Iterable[Path] = ()) -> frozenset[str]:
    """Amazon's sampled product types and those the categories recognise."""
    from .categories import load_catalog

    catalog = load_catalog(tuple(category_files))
    recognised = {name for category in catalog.categories for name in category.product_types}
    return _sampled_names() | recognised | catalog.generic_product_types


@lru_cache(maxsize=4096)
def near_miss(name: str, known: frozenset[str]) -> str | None:
    """The known product type `name` most likely misspells; None for a known name, or one
    that is no near miss of a known name (it may be a real product type listlint has no
    list entry for). Memoised: a catalog repeats its few product types many times."""
    if not name or name in known:
        return None
    squashed = _squash(name)
    near = [known_name for candidate, known_name in _squashed(known) if _misspells(squashed, candidate)]
    return near[0] if near else None


@lru_cache(maxsize=8)
def _squashed(known: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """(squashed, name) of every known name, in name order, made once per list."""
    return tuple((_squash(name), name) for name in sorted(known))


def _squash(name: str) -> str:
    return "".join(ch for ch in name.upper() if ch.isalnum())


def _misspells(name: str, known: str) -> bool:
    """Whether squashed `name` is squashed `known` misspelt: the same letters, the other
    number (S/ES), or one edit away (see the limits above)."""
    if name == known:
        return True  # only case, spaces or separators differ
    shorter, longer = sorted((name, known), key=len)
    if len(shorter) >= MIN_LENGTH_PLURAL and longer in (shorter + "S", shorter + "ES"):
        return True
    return len(shorter) >= MIN_LENGTH_ONE_EDIT and _one_edit(name, known)


def _one_edit(a: str, b: str) -> bool:
    """One letter substituted, inserted, deleted, or two neighbours swapped."""
    if abs(len(a) - len(b)) > 1:
        return False
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    if len(a) == len(b):
        rest_a, rest_b = a[start + 1 :], b[start + 1 :]
        swapped = a[start : start + 2] == b[start : start + 2][::-1] and a[start + 2 :] == b[start + 2 :]
        return rest_a == rest_b or swapped
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    return shorter[start:] == longer[start + 1 :]


def product_type_problems(records: Iterable[Record], known: frozenset[str]) -> list[Problem]:
    """INP045 at each product_type value in Amazon's form (capitals, digits, underscores)
    that misspells a known one; a value in another form ("head phones") is INP014's."""
    problems = []
    for record in records:
        value = record.product_type.strip()
        suggestion = near_miss(value, known) if _AMAZON_FORM.fullmatch(value) else None
        node = record.field_node("product_type")
        if suggestion is None or node is None or node.start < 0:
            continue
        args = {"value": value, "suggestion": suggestion}
        problems.append(Problem("INP045", node.start, max(node.end, node.start + 1), args, field="product_type", sku=record.sku))
    return problems
