"""The fixed set of rule kinds. A ruleset picks one per rule; engineers add kinds here."""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

KIND_MODULES = {
    "terms": "terms",
    "pattern": "pattern",
    "claim": "claim",
    "contact": "contact",
    "length": "length",
    "required": "required",
    "repeated-words": "repeated_words",
    "all-caps": "all_caps",
    "html": "html",
    "emoji": "emoji",
    "third-party-brand": "third_party_brand",
    "input": "input",
    "certificates": "certificates",
    "packaging": "packaging",
    "message": "messages",
    "threshold": "threshold",
    "order-pattern": "order_pattern",
    "feedback": "feedback",
    "copied-field": "copied_field",
    "marketplace-language": "marketplace_language",
}


def kind_module(kind: str) -> ModuleType:
    return import_module(f"{__name__}.{KIND_MODULES[kind]}")
