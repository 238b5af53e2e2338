"""Compliance files (`kind: compliance`): the documents of skus whose listings cannot hold them.

Flat files, Excel templates and SP-API bodies have no place for certificates, so a
product's documents live in a file of their own, beside the listing files:

    kind: compliance
    skus: [BT-100, BT-100-W]
    certificates:
      - {type: FCC_ID, number: 2ABCD-H700, file: docs/fcc-grant.pdf}

The `certificates:` entries are those of a YAML listing (same schema, same checks of
dates, numbers and files); a `file:` is relative to the compliance file. The project
phase (project.py) joins the file by sku to the listings of any format, and the CRT
requirement checks count its documents as the listing's own.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..lean_dataclass import lean_dataclass
from ..records import Record
from ..tree import Node, Problem, ReadResult
from .certificates import certificates_from
from .packaging import ALL_MARKETPLACES, schema_problems, spec_from


@lean_dataclass(frozen=True, slots=True)
class ComplianceSpec:
    skus: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def compliance_schema() -> dict[str, Any]:
    """The schema of a compliance file; its certificates are the listing schema's."""
    from .listing import listing_schema

    certificates = listing_schema()["$defs"]["listing"]["properties"]["certificates"]
    skus = {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "listlint compliance file",
        "type": "object",
        "additionalProperties": False,
        "required": ["kind", "certificates"],
        "properties": {
            "kind": {"const": "compliance"},
            "sku": {"type": "string", "minLength": 1, "description": "the sku whose documents these are"},
            "skus": {**skus, "description": "several skus sharing the documents"},
            "certificates": certificates,
        },
    }


def compliance_records(result: ReadResult, document: Node, default_marketplaces: tuple[str, ...]) -> list[Record]:
    """The one compliance record of a `kind: compliance` document."""
    start = len(result.problems)
    schema_problems(result, document, compliance_schema())
    values = document.value if isinstance(document.value, dict) else {}
    if "sku" not in values and "skus" not in values:  # one of two keys: said here, the schema cannot
        result.problems.append(Problem("INP012", document.start, document.start + 1, {"field": "sku", "detail": "a compliance file names its sku (sku: or skus:)"}, field="sku"))
    record = Record(result.source, document, kind="compliance")
    record.spec = ComplianceSpec(spec_from(document).skus)
    record.sku = record.spec.skus[0] if record.spec.skus else ""
    for problem in result.problems[start:]:
        problem.sku = record.sku
    record.marketplaces = ALL_MARKETPLACES  # sold wherever its listings are
    record.certificates = certificates_from(values.get("certificates"))
    return [record]
