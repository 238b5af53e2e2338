"""Packaging files (`kind: packaging`): what the box, labels and inserts say, as a Record.

A packaging file names the sku(s) it belongs to (`sku:` or `skus:`), its markings,
warnings, manufacturer / importer / EU and UK responsible person, country of origin,
label text and inserts. The structure is checked against data/packaging.schema.json
(problems are INP diagnostics at their line, as for listings).

Label and insert texts are exposed in the `description` family (field names `label`,
`inserts[0]` ...), so rules that read descriptions and apply to packaging check them
too: the RED rules (no web addresses, e-mails, phone numbers or calls to action that send
buyers off Amazon) and the REV rules (review requests and incentives). Warnings and party details are not: a statutory warning may name
a website (Prop 65) and a responsible person must give an e-mail address.

Which listings a packaging file belongs to is only known across files; see project.py.
"""

from __future__ import annotations

from dataclasses import field
from functools import lru_cache
from typing import Any

from ..lean_dataclass import lean_dataclass
from ..shipped import data_json
from ..records import EU_MARKETPLACES, Record, expand_marketplaces
from ..schemacheck import check
from ..tree import Node, Problem, ReadResult

ALL_MARKETPLACES = ("US", "CA", "MX", "UK", *EU_MARKETPLACES, "JP", "AU")
PARTIES = ("manufacturer", "importer", "eu_responsible_person", "uk_responsible_person")
_ISSUE_CODES = {"type": "INP006", "required": "INP012", "unknown": "INP013", "enum": "INP014", "pattern": "INP014", "length": "INP006"}


@lean_dataclass(slots=True)
class PackagingSpec:
    skus: tuple[str, ...] = ()
    marketplaces: tuple[str, ...] = ()  # as written; empty: those of the linked listings
    markings: tuple[str, ...] = ()
    warnings: list[tuple[str, Node]] = field(default_factory=list)
    parties: dict[str, Node] = field(default_factory=dict)
    country_of_origin: str = ""
    node: Node | None = None
    inline: bool = False  # written under a listing's `packaging:`

    def has(self, name: str) -> bool:
        """Whether a field (party, country_of_origin) is filled."""
        if name == "country_of_origin":
            return bool(self.country_of_origin.strip())
        node = self.parties.get(name)
        if node is None:
            return False
        value = node.plain()
        if isinstance(value, dict):
            return any(isinstance(v, str) and v.strip() for v in value.values())
        return isinstance(value, str) and bool(value.strip())

    def incomplete(self, name: str) -> list[str]:
        """What a filled party lacks: a postal address or an electronic address (GPSR)."""
        node = self.parties.get(name)
        if node is None or not isinstance(node.value, dict):
            return []
        value = node.plain()
        missing = [k for k in ("name", "address") if not str(value.get(k) or "").strip()]
        if not any(str(value.get(k) or "").strip() for k in ("email", "url")):
            missing.append("email or url")
        return missing


@lru_cache(maxsize=1)
def packaging_schema() -> dict[str, Any]:
    return data_json("packaging.schema.json")


def schema_problems(result: ReadResult, document: Node, schema: dict[str, Any]) -> None:
    """The document's schema violations as INP problems at their key or value."""
    for issue in check(document, schema):
        node = issue.node
        at, end = (node.key_start, node.key_end) if (issue.on_key or issue.kind == "required") and node.key_start >= 0 else (node.start, node.end)
        result.problems.append(Problem(_ISSUE_CODES[issue.kind], at, end, {"field": issue.path, "detail": issue.message}, field=issue.path))


def packaging_records(result: ReadResult, document: Node, default_marketplaces: tuple[str, ...]) -> list[Record]:
    """The one packaging record of a `kind: packaging` document."""
    start = len(result.problems)
    schema_problems(result, document, packaging_schema())
    spec = spec_from(document)
    record = Record(result.source, document, kind="packaging")
    record.sku = spec.skus[0] if spec.skus else ""
    for problem in result.problems[start:]:
        problem.sku = record.sku
    # without its own marketplaces it is sold wherever its listings are (kept by --marketplace)
    record.marketplaces = spec.marketplaces or ALL_MARKETPLACES
    record.spec = spec
    values = document.value
    record.add_text("description", "label", values.get("label"))
    inserts = values.get("inserts")
    if inserts is not None and isinstance(inserts.value, list):
        for index, item in enumerate(inserts.value):
            record.add_text("description", f"inserts[{index}]", item)
    else:
        record.add_text("description", "inserts", inserts)
    return [record]


def spec_from(node: Node, inline: bool = False) -> PackagingSpec:
    """A PackagingSpec from a packaging mapping (a file's document or a listing's inline spec)."""
    values = node.value if isinstance(node.value, dict) else {}
    spec = PackagingSpec(node=node, inline=inline)
    skus: list[str] = []
    if "sku" in values and isinstance(values["sku"].value, str):
        skus.append(values["sku"].value.strip())
    if "skus" in values and isinstance(values["skus"].value, list):
        skus += [i.value.strip() for i in values["skus"].value if isinstance(i.value, str)]
    spec.skus = tuple(dict.fromkeys(s for s in skus if s))
    if "marketplaces" in values and isinstance(values["marketplaces"].value, list):
        spec.marketplaces = expand_marketplaces(i.value for i in values["marketplaces"].value if isinstance(i.value, str))
    if "markings" in values and isinstance(values["markings"].value, list):
        spec.markings = tuple(i.value for i in values["markings"].value if isinstance(i.value, str))
    if "warnings" in values and isinstance(values["warnings"].value, list):
        spec.warnings = [(i.value, i) for i in values["warnings"].value if isinstance(i.value, str)]
    for name in PARTIES:
        if name in values:
            spec.parties[name] = values[name]
    if "country_of_origin" in values and isinstance(values["country_of_origin"].value, str):
        spec.country_of_origin = values["country_of_origin"].value
    return spec
