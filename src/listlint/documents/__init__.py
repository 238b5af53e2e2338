"""Documents: parsed YAML/JSON trees turned into Records, one module per document kind.

A file's top-level `kind:` picks the builder (no kind: a listing). Later document kinds
(packaging specs, message templates, account metrics) register a builder in BUILDERS.
YAML and JSON files of other tools (a CI workflow, a JSON Schema) are recognised and
skipped rather than reported.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from functools import cache
from importlib import import_module

from ..records import Record
from ..tree import Node, Problem, ReadResult, describe
from .listing import SNIFF_KEYS
from .shapes import spapi_kind

Builder = Callable[[ReadResult, Node, tuple[str, ...]], list[Record]]
# kind -> (module, function); a module is imported when a document of its kind is met, so
# a run over listings never loads the message or account-metrics code
BUILDERS: dict[str, tuple[str, str]] = {
    "listing": ("listing", "listing_records"),
    "packaging": ("packaging", "packaging_records"),
    "compliance": ("compliance", "compliance_records"),
    "message": ("message", "message_records"),
    "account-metrics": ("metrics", "metrics_records"),
    "orders-report": ("orders", "orders_report_records"),
    "feedback-report": ("feedback", "feedback_records"),
}


@cache  # asked for every document: the import machinery is not walked each time
def builder_of(kind: str) -> Builder:
    module, function = BUILDERS[kind]
    return getattr(import_module(f"{__name__}.{module}"), function)


def is_orders_payload(values: dict[str, Node]) -> bool:
    """SP-API getOrders JSON (documents/orders.py): no `kind`, an `Orders` list (maybe under `payload`)."""
    if "kind" in values or ("Orders" not in values and "payload" not in values):
        return False  # decided without loading the orders code (listing runs never load it)
    from .orders import orders_payload

    return orders_payload(values) is not None


def is_health_report(values: dict[str, Node]) -> bool:
    """Amazon's Account Health report (JSON; documents/metrics.py): no `kind`, its own keys."""
    return "kind" not in values and ("performanceMetrics" in values or "accountStatuses" in values)


def records_from(result: ReadResult, default_marketplaces: tuple[str, ...]) -> list[Record]:
    """The records of a parsed file; problems are appended to `result.problems`."""
    records: list[Record] = []
    for document in result.documents:
        if not isinstance(document.value, dict):
            result.problems.append(Problem("INP005", document.start, document.end, {"found": describe(document)}))
            continue
        kind_node = document.value.get("kind")
        if is_health_report(document.value):  # Amazon's Account Health report (documents/metrics.py)
            from .metrics import health_report_records

            records.extend(health_report_records(result, document, default_marketplaces))
            continue
        if is_orders_payload(document.value):  # SP-API getOrders JSON (documents/orders.py)
            from .orders import spapi_orders_records

            records.extend(spapi_orders_records(result, document, default_marketplaces))
            continue
        if kind_node is None and spapi_kind(document.value):  # Amazon's SP-API JSON (documents/spapi.py)
            from .spapi import spapi_records

            records.extend(spapi_records(result, document, default_marketplaces))
            continue
        kind = kind_node.value if kind_node is not None else "listing"
        if not isinstance(kind, str) or kind not in BUILDERS:
            result.problems.append(Problem("INP014", kind_node.start, kind_node.end, {"field": "kind", "detail": f"{kind!r} is not one of {', '.join(BUILDERS)}"}))
            continue
        records.extend(builder_of(kind)(result, document, default_marketplaces))
    return records


_LISTING_TEXTS = frozenset(("title", "bullets", "description", "search_terms"))


def is_ours(result: ReadResult) -> bool:
    """False for YAML/JSON files of other tools, which are skipped.

    Ours: a listing key at the top (sku, title, bullets ...) or a `kind:` we know. A JSON
    Schema ($schema), a Kubernetes object (kind: Service) or a GitHub action (name,
    description, runs) is none of these. A `$schema` or a `kind:` of another tool does
    not hide a listing, though: a document that also has a sku and a listing text (title,
    bullets, description, search_terms) is ours, so adding `kind: Other` to a listing
    does not evade the checks (a foreign kind is then INP014, a `$schema` is allowed).
    """
    for document in result.documents:
        if not isinstance(document.value, dict):
            return True  # a list or scalar at the top is reported, not skipped
        keys = document.value.keys()
        kind = document.value.get("kind")
        if is_health_report(document.value) or is_orders_payload(document.value):
            return True
        if "$schema" in keys and not _claims_listing(keys):
            continue
        spapi = spapi_kind(document.value) if kind is None else None
        if spapi is not None:
            if spapi != "submission":  # a put/patch response holds nothing to check
                return True
            continue
        if kind is not None:
            if (isinstance(kind.value, str) and kind.value in BUILDERS) or _claims_listing(keys):
                return True
            continue
        if "listings" in keys or SNIFF_KEYS & keys:
            return True
    return not result.documents


def _claims_listing(keys: Collection[str]) -> bool:
    """A sku and a listing text at the top: a listing, whatever else the document says."""
    return "sku" in keys and not _LISTING_TEXTS.isdisjoint(keys)
