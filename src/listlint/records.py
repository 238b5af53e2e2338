"""Records: the one shape every reader's output becomes and every rule reads.

A `Record` is one listing (or, for other document kinds, one message, packaging spec
...) with its normalised fields as located text. Rules address field families
(`title`, `bullets`, `body` ...) and never care whether a record came from YAML, JSON
or another format.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import field
from typing import Any

from .lean_dataclass import lean_dataclass
from .locations import LocatedText, SourceText
from .tree import Node

EU_MARKETPLACES = ("DE", "FR", "IT", "ES", "NL", "SE", "PL", "BE")


@lean_dataclass(slots=True)
class TextField:
    """One text value a rule can read: `bullets[2]`, `title`, `attributes.material`."""

    name: str
    family: str
    text: LocatedText
    language: str = ""  # the value's own language tag (de, fr ...); '' = the marketplace's (languages.py)


@lean_dataclass(slots=True)
class Certificate:
    """One compliance document (certificate, test report, registration) a record names.

    Values are plain text as written (dates are parsed by the rules that need them);
    `nodes` holds each field's located node for diagnostics (`number`, `expires` ...).
    """

    type: str
    node: Node
    number: str = ""
    issuer: str = ""
    issued: str = ""
    expires: str = ""
    file: str = ""
    standards: tuple[str, ...] = ()
    directives: tuple[str, ...] = ()
    marketplaces: tuple[str, ...] = ()  # empty: every marketplace of the listing
    index: int = 0  # position in the record's certificates list
    nodes: dict[str, Node] = field(default_factory=dict)

    def covers(self, marketplace: str) -> bool:
        return not self.marketplaces or marketplace in self.marketplaces


@lean_dataclass(slots=True)
class Record:
    source: SourceText
    node: Node
    kind: str = "listing"  # which rules apply: a rule's `applies_to`
    sku: str = ""
    marketplaces: tuple[str, ...] = ()
    product_type: str = ""
    brand: str = ""
    texts: dict[str, list[TextField]] = field(default_factory=dict)  # family -> fields
    items: dict[str, int] = field(default_factory=dict)  # list field -> item count
    attributes: dict[str, Node] = field(default_factory=dict)  # top-level attribute name -> value
    certificates: list[Certificate] = field(default_factory=list)  # compliance documents on file
    packaging: Node | None = None  # listing: the `packaging:` path or inline spec
    spec: Any = None  # kind-specific structured data (packaging: a PackagingSpec)
    # fields() by families: every rule asks for the same few tuples of families per record
    _fields: dict[tuple[str, ...], tuple[TextField, ...]] = field(default_factory=dict, repr=False, compare=False)

    def fields(self, families: Iterable[str]) -> tuple[TextField, ...]:
        """The text fields of the given families (or of attributes.NAME), in file order."""
        key = tuple(families)
        found = self._fields.get(key)
        if found is None:
            found = self._fields[key] = self._collect(key)
        return found

    def _collect(self, families: tuple[str, ...]) -> tuple[TextField, ...]:
        texts = self.texts
        if len(families) == 1 and not families[0].startswith("attributes."):
            return tuple(texts.get(families[0], ()))  # most rules read one family (title, bullets ...)
        plan = _plan(families, tuple(texts))
        if plan is None:
            return self._collect_named(families)
        collected: list[TextField] = []
        for family in plan:
            collected += texts[family]
        return tuple(collected)

    def _collect_named(self, families: tuple[str, ...]) -> tuple[TextField, ...]:
        """The general way: each family in turn, attributes.NAME by the fields' names."""
        texts = self.texts
        collected: list[TextField] = []
        for family in families:
            if family.startswith("attributes."):
                collected += [f for f in texts.get("attributes", ()) if f.name == family or f.name.startswith(family + ".")]
            elif family in texts:
                collected += texts[family]
        return tuple(collected)

    def field_node(self, name: str) -> Node | None:
        return self.node.value.get(name) if isinstance(self.node.value, dict) else None

    def add_text(self, family: str, name: str, node: Node | None, language: str = "") -> None:
        if node is not None and node.text is not None:
            self.add_field(TextField(name, family, node.text, language))

    def add_field(self, text_field: TextField) -> None:
        self.texts.setdefault(text_field.family, []).append(text_field)
        self._fields.clear()


# (families asked for, families a record holds) -> the families to join, in the order asked;
# None when some family is attributes.NAME. A catalog's records hold the same few sets of
# families, and rules ask for the same few tuples: each pair is worked out once, not per record.
_PLANS: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[str, ...] | None] = {}
_MAX_PLANS = 4096


def _plan(families: tuple[str, ...], held: tuple[str, ...]) -> tuple[str, ...] | None:
    key = (families, held)
    plan = _PLANS.get(key, False)
    if plan is False:
        if len(_PLANS) >= _MAX_PLANS:  # records of ever new shapes (generated tests): start again
            _PLANS.clear()
        named = any(family.startswith("attributes.") for family in families)
        plan = _PLANS[key] = None if named else tuple(family for family in families if family in held)
    return plan


def expand_marketplaces(codes: Iterable[str]) -> tuple[str, ...]:
    """Marketplace codes in order, without repeats, with EU standing for its member stores."""
    expanded: list[str] = []
    for code in codes:
        for one in EU_MARKETPLACES if code == "EU" else (code,):
            if one not in expanded:
                expanded.append(one)
    return tuple(expanded)
