"""Turn a rule's pass/fail examples into listing files (the test suite runs every one).

An example is the text of the rule's first field, a mapping of listing fields laid over
a minimal valid listing, `{source: "..."}` for a whole file, or `{bytes: base64}` for raw
bytes (encodings, binary files). A whole file is written as `listing.yaml` unless the
example names its file (`{source: "...", name: orders.csv}`: reports are CSV); `config`
gives the config values it is judged under (a seller's `own_brands` / `authorised_brands`,
own addresses).
"""

from __future__ import annotations

import base64
import re
from datetime import date, timedelta
from typing import Any

import yaml

from .languages import HOME_MARKETPLACE
from .rules import Rule

BASE_LISTING: dict[str, Any] = {
    "sku": "EXAMPLE-1",
    "marketplaces": ["US"],
    "title": "Stainless Steel Water Bottle 750 ml",
    "brand": "Acmeware",
}
LIST_FIELDS = ("bullets",)
# A language rule's examples are listings in that language, sold where it is spoken.
NATIVE_TITLES = {
    "de": "Trinkflasche aus Edelstahl, 750 ml",
    "fr": "Gourde en acier inoxydable, 750 ml",
    "it": "Borraccia in acciaio inox, 750 ml",
    "es": "Botella de acero inoxidable, 750 ml",
    "ja": "ステンレス製 水筒 750ml",
}


def example_bytes(rule: Rule, example: Any, today: date) -> bytes:
    """The file content an example stands for. `{today+N}` / `{today-N}` in it become the
    date N days from `today` (certificates that expire soon stay "soon"). Judge the example
    as of that same day: two readings of the clock disagree when midnight falls between them."""
    return _dated(_example_bytes(rule, example), today)


def example_name(example: Any) -> str:
    """The file name an example is linted as."""
    name = example.get("name") if isinstance(example, dict) else None
    return name if isinstance(name, str) and name else "listing.yaml"


def example_config(example: Any) -> dict[str, Any]:
    """Config values an example is linted with (`{source: ..., config: {own_addresses: [...]}}`)."""
    config = example.get("config") if isinstance(example, dict) else None
    return dict(config) if isinstance(config, dict) else {}


def _dated(content: bytes, today: date) -> bytes:
    if b"{today" not in content:
        return content
    text = content.decode("utf-8")
    text = re.sub(r"\{today([+-]\d+)?\}", lambda m: (today + timedelta(days=int(m.group(1) or 0))).isoformat(), text)
    return text.encode("utf-8")


def _example_bytes(rule: Rule, example: Any) -> bytes:
    if isinstance(example, dict) and "source" in example:
        return str(example["source"]).encode("utf-8")
    if isinstance(example, dict) and "bytes" in example:
        return base64.b64decode(example["bytes"])
    fields = {k: v for k, v in example.items() if k not in ("config", "name")} if isinstance(example, dict) else _first_field(rule, example)
    listing = {**BASE_LISTING, **_native(rule), **fields}
    return yaml.safe_dump(listing, allow_unicode=True, sort_keys=False, width=10_000).encode("utf-8")


def _native(rule: Rule) -> dict[str, Any]:
    """The base listing's marketplace and title in the rule's first language."""
    language = rule.languages[0] if rule.languages else ""
    if language not in NATIVE_TITLES:
        return {}
    return {"marketplaces": [HOME_MARKETPLACE[language]], "title": NATIVE_TITLES[language]}


def _first_field(rule: Rule, text: Any) -> dict[str, Any]:
    name = rule.fields[0].split(".")[0]
    if name in LIST_FIELDS:
        return {name: [text]}
    if name == "attributes":
        key = rule.fields[0].split(".", 1)[1] if "." in rule.fields[0] else "note"
        return {"attributes": {key: text}}
    return {name: text}
