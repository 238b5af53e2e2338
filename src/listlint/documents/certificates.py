"""`certificates:` entries of a listing as Certificate records (shared by every reader).

The listing schema checks the shape (types, the fixed vocabulary of document types);
this module only turns the located entries into plain values, keeping each field's node
so that a rule can point at `expires` or `file` itself. Dates stay text: the
certificate rules parse them and report a bad one.
"""

from __future__ import annotations

from ..records import Certificate, expand_marketplaces
from ..tree import Node

TEXT_FIELDS = ("number", "issuer", "issued", "expires", "file")
LIST_FIELDS = ("standards", "directives", "marketplaces")


def certificates_from(node: Node | None) -> list[Certificate]:
    """The well-formed entries of a `certificates:` list (entries without a text `type` are skipped)."""
    if node is None or not isinstance(node.value, list):
        return []
    found = []
    for index, item in enumerate(node.value):
        if not isinstance(item.value, dict):
            continue
        values = item.value
        kind = values.get("type")
        if kind is None or not isinstance(kind.value, str):
            continue
        certificate = Certificate(kind.value.strip(), item, index=index, nodes=dict(values))
        for name in TEXT_FIELDS:
            child = values.get(name)
            if child is not None and child.value is not None and not isinstance(child.value, (dict, list)):
                setattr(certificate, name, str(child.value).strip())
        for name in LIST_FIELDS:
            child = values.get(name)
            if child is not None and isinstance(child.value, list):
                items = tuple(str(i.value).strip() for i in child.value if isinstance(i.value, (str, int, float)))
                setattr(certificate, name, expand_marketplaces(items) if name == "marketplaces" else items)
        found.append(certificate)
    return found
