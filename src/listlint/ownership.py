"""The ownership model: who may use an enforced name (rulesets/ownership/owners.yaml).

Every owner lists the brands it sells under and the names it holds; a parent company
joins its companies into one family; licensees hold some names by a public licence.
Rules ask one question per hit: may a listing under these brands use this name? The
answer comes from two dictionaries built once per run, so a record costs no extra pass
over its text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from .lean_dataclass import lean_dataclass
from .shipped import data_json
from .errors import RulesetError
from .textmatch import squash


# Legal forms and regional suffixes a brand field adds to the company's name ("Ravensburger
# Ltd", "Winning Moves UK"): the same company whatever the seller typed after it. Only the
# dotted S.p.A.: a bare "Spa" ends brand names ("Hotel Spa", "Aroma Spa").
_LEGAL_FORM = re.compile(
    r"(?:[\s,.]+(?:ltd|limited|gmbh|inc|incorporated|llc|plc|co|corp|corporation|company|sa|s\.a|ag|srl|s\.p\.a|bv|b\.v|nv|uk|europe))+\.?\s*$",
    re.IGNORECASE,
)
# "International" is part of a company's name, not a legal form: Anker International (UK
# licensed stationery) is not Anker (chargers). A list's "Mondelez International" still
# answers to the short name its brand fields use ("Mondelez"): see brand_keys.
_INTERNATIONAL = "international"


@lru_cache(maxsize=4096)  # a catalog repeats its few brands; the regex costs microseconds
def brand_key(brand: str) -> str:
    """The squashed brand field with its legal form left out: "V-Tech", "Vtech" and "VTech Ltd" are one brand."""
    return squash(_LEGAL_FORM.sub("", brand)) or squash(brand)


@lru_cache(maxsize=4)  # several rules read the same brand list
def brand_keys(brands: tuple[str, ...]) -> frozenset[str]:
    """The brand_key of each of a list's brands (a brand field is compared by its brand_key,
    so the list must be keyed alike: "Tiffany & Co" on the list is the field "Tiffany & Co."),
    and of a listed "X International" without the word too (its short name X); made without
    brand_key's cache, which is the catalog's brand fields'. A listed "X" does not answer to
    a field "X International": that is another company's name."""
    keys = {brand_key.__wrapped__(brand) for brand in brands}
    keys.update([key.removesuffix(_INTERNATIONAL) for key in keys if key.endswith(_INTERNATIONAL)])
    return frozenset(keys) - {""}


@lean_dataclass(frozen=True, slots=True)
class Ownership:
    entitled: dict[str, frozenset[str]]  # squashed name -> squashed brands that own or license it
    families: dict[str, frozenset[str]]  # squashed brand or name -> every brand and name of its company family
    makers: frozenset[str] = frozenset()  # squashed owners and their brands: companies, not characters
    licensees: frozenset[str] = frozenset()  # squashed brands with a recorded licence
    enforcing: frozenset[str] = frozenset()  # squashed brands and names of families with an enforcement source

    def allows(self, brands: Iterable[str], name: str) -> bool:
        """Whether a listing under any of these squashed brands may use the squashed name."""
        holders = self.entitled.get(name)
        return holders is not None and any(brand in holders for brand in brands)

    def family_of(self, brands: Iterable[str]) -> frozenset[str]:
        """The squashed brands given, with every brand and name of their company families."""
        out: set[str] = set()
        for brand in brands:
            out.add(brand)
            out |= self.families.get(brand, frozenset())
        return frozenset(out)

    def knows(self, brand: str) -> bool:
        """Whether the squashed brand is recorded: an owner, its brands and names, or a licensee."""
        return brand in self.families or brand in self.licensees


EMPTY = Ownership({}, {})


@lru_cache(maxsize=1)
def ownership_schema() -> dict[str, Any]:
    return data_json("ownership.schema.json")


def load_ownership(path: Path) -> Ownership:
    """The model in one ownership file; RulesetError for anything unusable."""
    from .locations import SourceText
    from .readers.yaml_reader import read_yaml
    from .schemacheck import check

    shown = str(path)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RulesetError(shown, 1, 1, f"cannot read ownership file: {error}") from None
    source = SourceText(shown, text)
    result = read_yaml(source)
    if result.problems or len(result.documents) != 1:
        at = result.problems[0].start if result.problems else 0
        line, column = source.position(max(at, 0))
        raise RulesetError(shown, line, column, "an ownership file holds one valid YAML document")
    document = result.documents[0]
    issues = check(document, ownership_schema())
    if issues:
        node = issues[0].node
        line, column = source.position(max(node.key_start if issues[0].on_key and node.key_start >= 0 else node.start, 0))
        raise RulesetError(shown, line, column, f"{issues[0].path or 'ownership'}: {issues[0].message}")
    owners = document.plain()["owners"]
    try:
        return build(owners)
    except ValueError as error:
        raise RulesetError(shown, 1, 1, str(error)) from None


def build(owners: list[dict[str, Any]]) -> Ownership:
    """The model from owner entries (already schema-checked)."""
    by_name = {entry["owner"]: entry for entry in owners}
    families: dict[str, set[str]] = {}
    for entry in owners:
        family = families.setdefault(_root(entry, by_name), set())
        family.update(squash(value) for value in (entry["owner"], *entry["brands"], *entry.get("names", ())))
    by_brand = {brand: frozenset(family) for family in families.values() for brand in family}
    entitled: dict[str, set[str]] = {}
    for entry in owners:
        for name in entry.get("names", ()):
            entitled.setdefault(squash(name), set()).update(families[_root(entry, by_name)])
    for entry in owners:
        licensor = families[_root(entry, by_name)]
        names = [squash(name) for name in entry.get("names", ())]
        for licence in entry.get("licensees", ()):
            licensee = by_brand.get(squash(licence["brand"]), frozenset([squash(licence["brand"])]))
            for name in [squash(n) for n in licence["names"]] if "names" in licence else names:
                entitled.setdefault(name, set()).update(licensee)
            # a licensed product carries both marks ("LEGO Star Wars" under either brand)
            for name in licensee & entitled.keys():
                entitled[name].update(licensor)
    makers = frozenset(squash(value) for entry in owners for value in (entry["owner"], *entry["brands"]))
    licensees = frozenset(squash(licence["brand"]) for entry in owners for licence in entry.get("licensees", ()))
    enforcing = frozenset().union(
        *(families[_root(entry, by_name)] for entry in owners if any(source.get("enforcement") for source in entry["sources"]))
    )
    return Ownership({name: frozenset(brands) for name, brands in entitled.items()}, by_brand, makers, licensees, enforcing)


def _root(entry: dict[str, Any], by_name: dict[str, dict[str, Any]]) -> str:
    seen = {entry["owner"]}
    while "parent" in entry:
        parent = entry["parent"]
        if parent not in by_name:
            raise ValueError(f"owner {entry['owner']!r}: parent {parent!r} has no owner entry")
        if parent in seen:
            raise ValueError(f"owner {entry['owner']!r}: parent chain loops back to {parent!r}")
        seen.add(parent)
        entry = by_name[parent]
    return entry["owner"]
