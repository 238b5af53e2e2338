"""What a document is, told from its top-level keys alone: kept apart from the modules
that read each kind, so that telling a listing from an SP-API document does not import
the SP-API code (a pre-commit run on one listing never needs it)."""

from __future__ import annotations

from ..tree import Node

# keys only a listings-item response of SP-API has beside its sku
RESPONSE_KEYS = frozenset(("summaries", "issues", "offers", "fulfillmentAvailability", "procurement", "relationships", "productTypes"))


def spapi_kind(values: dict[str, Node]) -> str | None:
    """What SP-API document a top-level JSON object is (documents/spapi.py), or None for anything else."""
    keys = values.keys()
    if "productType" in keys and ("attributes" in keys or "patches" in keys):
        return "listings-item"
    if "header" in keys and "messages" in keys:
        return "feed"
    if "sku" in keys:
        if "submissionId" in keys and "status" in keys:
            return "submission"
        if keys & RESPONSE_KEYS:
            return "listings-item-response"
        attributes = values.get("attributes")
        if (
            attributes is not None
            and isinstance(attributes.value, dict)
            and attributes.value
            and all(isinstance(v.value, list) and all(isinstance(i.value, dict) for i in v.value) for v in attributes.value.values())
        ):
            return "listings-item-response"
    return None
