"""Product categories as data: recognition and requirements (rulesets/categories.yaml).

A category says how a listing is recognised (Amazon product types, attribute
conditions, title/bullet keywords as a fallback when the product type is missing or
generic) and, per marketplace, what is required: documents (certificate types, checked
by the CRT rules), listing attributes (CRT), packaging markings, warnings and fields
(PKG). `categories_of(record)` answers which categories apply and why ("product_type
HEADPHONES", "keyword 'bluetooth' at 3:18"), the reason every CRT/PKG diagnostic gives.

The file is checked against data/categories.schema.json when loaded, and its references
(document types, markings, source ids, category ids, regexes) are checked too: a broken
categories file is a RulesetError (exit 2) at its line. Category files are
`rulesets/categories/categories.yaml` (shipped) and `*.categories.yaml` named under the config's `rulesets`;
a user category with the id of a shipped one replaces it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import RulesetError
from .locations import SourceText
from .records import EU_MARKETPLACES, Record, TextField
from .rules import is_category_file
from .safeio import read_text
from .textmatch import lower_for_ascii_words
from .tree import Node

ALL_MARKETPLACES = ("US", "CA", "MX", "UK", *EU_MARKETPLACES, "JP", "AU")
FIRM = ("official", "regulator")
KEYWORD_FAMILIES = ("title", "bullets")


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    url: str
    as_of: str
    strength: str
    title: str = ""


@dataclass(slots=True)
class Condition:
    attribute: str
    pattern: Any = None  # a regex, compiled on first use
    age_below: float | None = None
    top: str = field(init=False, repr=False)  # the top-level attribute (battery of battery.chemistry)

    def __post_init__(self) -> None:
        self.top = self.attribute.split(".")[0]

    def holds(self, record: Record) -> Node | None:
        """The attribute value that satisfies the condition, or None."""
        if self.top not in record.attributes:  # most listings: a quick no, without walking values
            return None
        for node in attribute_values(record, self.attribute):
            text = _as_text(node.value)
            if text is None:
                continue
            if self.pattern is not None and not self.pattern.search(text):
                continue
            if self.age_below is not None:
                age = youngest_age(node.value)
                if age is None or age >= self.age_below:
                    continue
            return node
        return None


@dataclass(slots=True)
class Requirement:
    category: Category
    marketplaces: tuple[str, ...]
    sources: tuple[Source, ...]
    note: str = ""
    documents: tuple[str, ...] = ()
    directives: tuple[str, ...] = ()
    standards: tuple[str, ...] = ()
    attributes: tuple[str, ...] = ()
    markings: tuple[str, ...] = ()
    packaging_field: str = ""
    warning: dict[str, Any] | None = None
    when: tuple[Condition, ...] = ()
    unverified: bool = False

    @property
    def firm(self) -> bool:
        """Backed by Amazon's or a regulator's own text: an error; otherwise a warning."""
        return not self.unverified and any(s.strength in FIRM for s in self.sources)

    @property
    def what(self) -> str:
        if self.documents:
            return "document"
        if self.attributes:
            return "attribute"
        if self.markings:
            return "marking"
        if self.warning is not None:
            return "warning"
        return "packaging_field"

    def label(self) -> str:
        """FCC_ID, 'UKCA_DOC or EU_DOC', 'EU_DOC (RED)' ..."""
        if self.documents:
            text = " or ".join(self.documents)
            extra = list(self.directives) or ([f"one of {', '.join(self.standards)}"] if len(self.standards) > 1 else list(self.standards))
            return f"{text} ({'; '.join(extra)})" if extra else text
        if self.attributes:
            return " or ".join(self.attributes)
        if self.markings:
            return " or ".join(self.markings)
        if self.warning is not None:
            return f"{self.warning['id']} warning"
        return self.packaging_field

    def applies(self, record: Record, marketplace: str) -> bool:
        return marketplace in self.marketplaces and self._conditions_hold(record)

    def markets(self, record: Record) -> list[str]:
        """The record's marketplaces the requirement applies to, in the record's order."""
        markets = [m for m in record.marketplaces if m in self.marketplaces]
        return markets if markets and self._conditions_hold(record) else []

    def _conditions_hold(self, record: Record) -> bool:
        return all(c.holds(record) is not None for c in self.when)

    def citation(self) -> str:
        return "; ".join(s.url for s in self.sources)


@dataclass(slots=True)
class Category:
    id: str
    name: str
    product_types: frozenset[str] = frozenset()
    conditions: tuple[Condition, ...] = ()
    unless: tuple[Condition, ...] = ()
    keywords: tuple[tuple[str, Any, bool], ...] = ()  # (term, regex compiled on first use, always)
    always: bool = False
    unless_categories: tuple[str, ...] = ()
    carries_warnings: bool = False
    requirements: list[Requirement] = field(default_factory=list)
    # by `use_keywords`: a cheap "none of the keywords is there" for all keywords, or for
    # the `always` ones only (None: no such keywords)
    screens: dict[bool, _KeywordScreen | None] = field(init=False, repr=False)
    _by_kind: dict[tuple[str, bool], list[Requirement]] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.screens = {every: _KeywordScreen.of([term for term, _, always in self.keywords if every or always]) for every in (True, False)}

    def requirements_for(self, what: str, firm: bool) -> list[Requirement]:
        """The requirements of one kind (document, attribute ...) and strength of evidence, in
        file order; asked for every listing, so kept once worked out."""
        key = (what, firm)
        if key not in self._by_kind:
            self._by_kind[key] = [r for r in self.requirements if r.what == what and r.firm == firm]
        return self._by_kind[key]


@dataclass(slots=True)
class Reason:
    """Why a category applies to a record, and where in the file that shows."""

    text: str  # "product_type HEADPHONES", "keyword 'bluetooth' at 3:18"
    node: Node | None = None
    field: TextField | None = None
    begin: int = 0
    end: int = 0
    match: str = ""


@dataclass(slots=True)
class Match:
    category: Category
    reason: Reason


@dataclass(slots=True)
class Catalog:
    categories: list[Category]
    generic_product_types: frozenset[str]
    sources: dict[str, Source]
    _index: _CategoryIndex | None = field(default=None, init=False, repr=False)  # built on first match

    def by_id(self) -> dict[str, Category]:
        return {c.id: c for c in self.categories}

    def match(self, record: Record) -> list[Match]:
        """The categories that apply to a record, each with the first reason found."""
        if self._index is None:
            self._index = _CategoryIndex(self.categories)
        found: list[Match] = []
        product_type = record.product_type.strip()
        use_keywords = not product_type or product_type in self.generic_product_types
        texts = record.fields(KEYWORD_FAMILIES)
        joined = _Joined("\n".join(text_field.text.text for text_field in texts))
        for category in self._index.candidates(record, product_type, use_keywords, joined):
            if any(c.holds(record) is not None for c in category.unless):
                continue
            reason = _recognise(category, record, product_type, use_keywords, texts, joined)
            if reason is not None:
                found.append(Match(category, reason))
        specific = {m.category.id for m in found}
        for category in self._index.always:
            if not (specific and specific <= set(category.unless_categories)):
                node = record.field_node("marketplaces")
                found.append(Match(category, Reason(f"sale in {', '.join(record.marketplaces) or 'its marketplaces'}", node=node, match="")))
        return found


class _CategoryIndex:
    """Which categories can apply to a record at all, found without trying each one.

    A category is recognised by its product type, an attribute condition (which needs the
    attribute) or a keyword (which its screen lets through); any other category cannot
    apply, and a listing is usually a candidate for one or two of the twenty-odd.
    """

    __slots__ = ("order", "by_product_type", "by_attribute", "by_keywords", "always")

    def __init__(self, categories: list[Category]) -> None:
        self.order = {id(category): number for number, category in enumerate(categories)}
        self.by_product_type: dict[str, list[Category]] = {}
        self.by_attribute: dict[str, list[Category]] = {}
        self.by_keywords: dict[bool, list[Category]] = {every: [c for c in categories if not c.always and c.screens[every] is not None] for every in (True, False)}
        self.always = [c for c in categories if c.always]
        for category in categories:
            if category.always:
                continue
            for product_type in category.product_types:
                self.by_product_type.setdefault(product_type, []).append(category)
            for top in dict.fromkeys(condition.top for condition in category.conditions):
                self.by_attribute.setdefault(top, []).append(category)

    def candidates(self, record: Record, product_type: str, use_keywords: bool, joined: _Joined) -> list[Category]:
        """The categories worth trying on the record, in catalog order."""
        found = {id(c): c for c in self.by_product_type.get(product_type, ())} if product_type else {}
        for top in self.by_attribute.keys() & record.attributes.keys():
            found.update((id(c), c) for c in self.by_attribute[top])
        for category in self.by_keywords[use_keywords]:
            screen = category.screens[use_keywords]
            if id(category) not in found and screen is not None and screen.may_match(joined):
                found[id(category)] = category
        return sorted(found.values(), key=lambda category: self.order[id(category)])


def _recognise(category: Category, record: Record, product_type: str, use_keywords: bool, texts: list[TextField], joined: _Joined) -> Reason | None:
    if product_type and product_type in category.product_types:
        return Reason(f"product_type {product_type}", node=record.field_node("product_type") or record.node, match=product_type)
    for condition in category.conditions:
        node = condition.holds(record)
        if node is not None:
            value = _as_text(node.value) or ""
            return Reason(f"attribute {condition.attribute} {value!r}{_at(record, node)}", node=node, match=value)
    screen = category.screens[use_keywords]
    if screen is None or not screen.may_match(joined):
        return None
    for term, regex, always in category.keywords:
        if not (always or use_keywords):
            continue
        for text_field in texts:
            hit = regex.search(text_field.text.text)
            if hit is not None:
                line, column, _, _ = text_field.text.span(hit.start(), hit.end())
                return Reason(f"keyword '{term}' at {line}:{column}", field=text_field, begin=hit.start(), end=hit.end(), match=hit.group(0))
    return None


def _at(record: Record, node: Node) -> str:
    if node.start < 0 or node.end <= 0:
        return ""
    line, column = record.source.position(node.start)
    return f" at {line}:{column}"


def attribute_values(record: Record, name: str) -> Iterator[Node]:
    """The leaf values of attribute NAME (dotted for nested: battery.chemistry)."""
    parts = name.split(".")
    current: list[Node] = [record.attributes[parts[0]]] if parts[0] in record.attributes else []
    for part in parts[1:]:
        current = [n.value[part] for n in current if isinstance(n.value, dict) and part in n.value]
    stack = list(reversed(current))
    while stack:
        node = stack.pop()
        if isinstance(node.value, list):
            stack.extend(reversed(node.value))
        elif isinstance(node.value, dict):
            stack.extend(reversed(list(node.value.values())))
        elif node.value is not None and node.value != "":
            yield node


def attribute_filled(record: Record, name: str) -> bool:
    return any(True for _ in attribute_values(record, name))


def _as_text(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    return None


_AGE = re.compile(r"(\d+(?:\.\d+)?)\s*(months?|mos?\b|m\b|years?|yrs?|y\b|\+|$)?", re.IGNORECASE)


def youngest_age(value: Any) -> float | None:
    """The youngest age a value names, in years: 3 for '3 years and up', 1.5 for '18 months+'."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if not isinstance(value, str):
        return None
    ages = []
    for number, unit in _AGE.findall(value):
        age = float(number)
        ages.append(age / 12 if unit and unit.lower().startswith("m") else age)
    return min(ages) if ages else None


# loading ---------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def categories_schema() -> dict[str, Any]:
    return json.loads(resources.files("listlint").joinpath("data/categories.schema.json").read_text("utf-8"))


def shipped_categories_path() -> Path:
    return Path(str(resources.files("listlint.rulesets").joinpath("categories", "categories.yaml")))


def load_catalog(extra: Iterable[Path] = ()) -> Catalog:
    """The shipped categories plus the user's category files (same id: the user's wins)."""
    paths = (shipped_categories_path(), *(p for p in extra if is_category_file(p)))
    return _load_catalog(paths)


@lru_cache(maxsize=8)
def _load_catalog(paths: tuple[Path, ...]) -> Catalog:
    catalog = Catalog([], frozenset(), {})
    for index, path in enumerate(paths):
        _load_file(path, catalog, fast=index == 0)
    ids = {c.id for c in catalog.categories}
    for category in catalog.categories:
        for other in category.unless_categories:
            if other not in ids:
                raise RulesetError(str(paths[0]), 1, 1, f"category {category.id}: unless_categories names unknown category {other!r}")
    return catalog


def document_types() -> list[str]:
    from .documents.listing import listing_schema

    return listing_schema()["$defs"]["listing"]["properties"]["certificates"]["items"]["properties"]["type"]["enum"]


def marking_types() -> list[str]:
    return json.loads(resources.files("listlint").joinpath("data/packaging.schema.json").read_text("utf-8"))["$defs"]["markings"]["items"]["enum"]


def _load_file(path: Path, catalog: Catalog, fast: bool = False) -> None:
    """Add one categories file to the catalog.

    The shipped file (`fast`) is read with libyaml alone: the test suite checks it against
    the schema, and a one-file pre-commit run should not pay for a located parse. Any
    problem sends it down the located path below, which reports file:line:column.
    """
    shown = str(path)
    try:
        text = read_text(path)
    except (OSError, UnicodeDecodeError) as error:
        raise RulesetError(shown, 1, 1, f"cannot read categories file: {error}") from None
    if fast:
        try:
            data = _mirror(path, text)
            trial = Catalog(list(catalog.categories), catalog.generic_product_types, dict(catalog.sources))
            _build(data, trial, None)
        except Exception:  # noqa: BLE001 - the located load below says what is wrong, and where
            pass
        else:
            catalog.categories, catalog.generic_product_types, catalog.sources = trial.categories, trial.generic_product_types, trial.sources
            return
    from .readers.yaml_reader import read_yaml
    from .schemacheck import check

    source = SourceText(shown, text)
    result = read_yaml(source)
    if result.problems or len(result.documents) != 1:
        problem = result.problems[0] if result.problems else None
        line, column = source.position(max(problem.start, 0)) if problem else (1, 1)
        detail = (problem.args.get("error") or problem.args.get("key") or problem.code) if problem else "a categories file holds exactly one YAML document"
        raise RulesetError(shown, line, column, f"invalid categories YAML: {detail}")
    document = result.documents[0]
    issues = check(document, categories_schema())
    if issues:
        issue = issues[0]
        at = issue.node.key_start if issue.on_key and issue.node.key_start >= 0 else issue.node.start
        line, column = source.position(max(at, 0))
        raise RulesetError(shown, line, column, f"{issue.path or 'categories'}: {issue.message}")
    _build(document.plain(), catalog, (source, document))


class _Invalid(Exception):
    pass


def mirror_path(path: Path) -> Path:
    return path.with_suffix(".json")


def mirror_text(text: str) -> str:
    """The JSON mirror of a categories file (tools/sync_categories.py writes it)."""
    import yaml

    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return json.dumps({"sha256": _digest(text), "data": data}, ensure_ascii=False, sort_keys=True) + "\n"


def _digest(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _mirror(path: Path, text: str) -> Any:
    """The shipped file's data from its JSON mirror when that is up to date (PyYAML's
    constructor takes ~30 ms for this file, json ~1 ms); else parsed from the YAML."""
    try:
        mirror = json.loads(mirror_path(path).read_text("utf-8"))
        if mirror.get("sha256") == _digest(text):
            return mirror["data"]
    except (OSError, ValueError):
        pass
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _build(data: Any, catalog: Catalog, located: tuple[SourceText, Node] | None) -> None:
    from .schemacheck import did_you_mean

    def fail(keys: tuple[Any, ...], message: str) -> Exception:
        if located is None:
            return _Invalid(message)
        source, node = located
        for key in keys:
            value = node.value
            if isinstance(value, dict) and key in value:
                node = value[key]
            elif isinstance(value, list) and isinstance(key, int) and key < len(value):
                node = value[key]
            else:
                break
        line, column = source.position(max(node.start, 0))
        return RulesetError(source.path, line, column, message)

    fail.eager = located is not None  # type: ignore[attr-defined]

    sources = dict(catalog.sources)
    for key, plain in (data.get("sources") or {}).items():
        sources[key] = Source(key, plain["url"], plain["as_of"], plain["strength"], plain.get("title", ""))
    catalog.sources = sources
    catalog.generic_product_types = catalog.generic_product_types | frozenset(data.get("generic_product_types", ()))
    doc_types = document_types()
    markings = marking_types()
    existing = {c.id: i for i, c in enumerate(catalog.categories)}
    seen: set[str] = set()
    for index, plain in enumerate(data["categories"]):
        where = ("categories", index)
        if plain["id"] in seen:
            raise fail((*where, "id"), f"category {plain['id']!r} is defined twice")
        seen.add(plain["id"])
        recognise = plain["recognise"]
        category = Category(
            plain["id"],
            plain["name"],
            frozenset(recognise.get("product_types", ())),
            tuple(_condition(c, (*where, "recognise", "attributes", i), fail) for i, c in enumerate(recognise.get("attributes", ()))),
            tuple(_condition(c, (*where, "recognise", "unless", i), fail) for i, c in enumerate(recognise.get("unless", ()))),
            tuple(_keyword(k) for k in recognise.get("keywords", ())),
            bool(recognise.get("always", False)),
            tuple(recognise.get("unless_categories", ())),
            bool(plain.get("carries_warnings", False)),
        )
        for number, requirement in enumerate(plain["requirements"]):
            category.requirements.append(_requirement(category, requirement, (*where, "requirements", number), sources, doc_types, markings, fail, did_you_mean))
        if category.id in existing:
            catalog.categories[existing[category.id]] = category
        else:
            catalog.categories.append(category)


def _condition(plain: dict[str, Any], where: tuple[Any, ...], fail: Any) -> Condition:
    pattern: Any = None
    if "pattern" in plain:
        pattern = _LazyPattern(plain["pattern"])
        if getattr(fail, "eager", True):  # user files: a bad regex is an error at its line now
            try:
                pattern.compiled()
            except re.error as error:
                raise fail((*where, "pattern"), f"invalid regular expression: {error}") from None
    if pattern is None and "age_below" not in plain:
        pattern = _LazyPattern(".")
    return Condition(plain["attribute"], pattern, plain.get("age_below"))


def _keyword(entry: Any) -> tuple[str, _LazyPattern, bool]:
    term = entry if isinstance(entry, str) else entry["term"]
    always = False if isinstance(entry, str) else bool(entry.get("always", False))
    return term, _LazyPattern(_keyword_pattern([term])), always


def _keyword_words(term: str) -> list[str]:
    return re.split(r"[\s-]+", term.strip())


def _keyword_pattern(terms: list[str]) -> str:
    """A regex (used with IGNORECASE) for any of the terms, its words apart by spaces or hyphens."""
    bodies = [r"[\s-]*".join(re.escape(w) for w in _keyword_words(term)) for term in terms]
    return rf"(?<![\w-])(?:{'|'.join(bodies)})(?![\w])"


@dataclass(slots=True)
class _Joined:
    """A record's keyword texts joined by line breaks, and lower-cased when that is exact.

    A keyword match in one text is a match in the joined text too: a line break is no word
    character, as the keywords' edges require."""

    text: str
    lower: str | None = field(init=False)  # see textmatch.lower_for_ascii_words

    def __post_init__(self) -> None:
        self.lower = lower_for_ascii_words(self.text)


class _KeywordScreen:
    """Whether any of some keywords can be in a record's texts: one test instead of a search
    per keyword and text, for the usual answer "no".

    A keyword whose longest word (lower-cased, ASCII) is no substring of the lower-cased text
    cannot match (see _Joined); other keywords and texts take one regex of all of them.
    """

    __slots__ = ("words", "pattern")

    def __init__(self, terms: list[str]) -> None:
        longest = [max(_keyword_words(term), key=len).lower() for term in terms]
        self.words = tuple(longest) if all(word.isascii() for word in longest) else None
        self.pattern = _LazyPattern(_keyword_pattern(terms))

    @classmethod
    def of(cls, terms: list[str]) -> _KeywordScreen | None:
        return cls(terms) if terms else None

    def may_match(self, joined: _Joined) -> bool:
        if joined.lower is not None and self.words is not None:
            return any(word in joined.lower for word in self.words)
        return self.pattern.search(joined.text) is not None


class _LazyPattern:
    """A regex compiled on first use (most listings never reach most conditions and keywords)."""

    __slots__ = ("source", "_compiled")

    def __init__(self, source: str) -> None:
        self.source = source
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.source, re.IGNORECASE)
        return self._compiled

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled().search(text)


def _requirement(category: Category, plain: dict[str, Any], where: tuple[Any, ...], sources: dict[str, Source], doc_types: list[str], markings: list[str], fail: Any, did_you_mean: Any) -> Requirement:
    cited = []
    for index, name in enumerate(plain["sources"]):
        if name not in sources:
            raise fail((*where, "sources", index), f"category {category.id}: unknown source id {name!r}{did_you_mean(name, sources)}")
        cited.append(sources[name])
    kinds = [k for k in ("document", "attribute", "marking", "packaging_field", "warning") if k in plain]
    if len(kinds) != 1:
        raise fail(where, f"category {category.id}: a requirement names exactly one of document, attribute, marking, packaging_field, warning (found {', '.join(kinds) or 'none'})")
    documents = _strings(plain.get("document"))
    for index, name in enumerate(documents):
        if name not in doc_types:
            at = (*where, "document", index) if isinstance(plain["document"], list) else (*where, "document")
            raise fail(at, f"category {category.id}: unknown document type {name!r}{did_you_mean(name, doc_types)}")
    marks = _strings(plain.get("marking"))
    for index, name in enumerate(marks):
        if name not in markings:
            at = (*where, "marking", index) if isinstance(plain["marking"], list) else (*where, "marking")
            raise fail(at, f"category {category.id}: unknown marking {name!r}{did_you_mean(name, markings)}")
    if ("directives" in plain or "standards" in plain) and not documents:
        raise fail(where, f"category {category.id}: directives and standards belong to a document requirement")
    markets: list[str] = []
    for code in plain["marketplaces"]:
        for one in ALL_MARKETPLACES if code == "ALL" else EU_MARKETPLACES if code == "EU" else (code,):
            if one not in markets:
                markets.append(one)
    return Requirement(
        category,
        tuple(markets),
        tuple(cited),
        plain.get("note", ""),
        documents,
        tuple(plain.get("directives", ())),
        tuple(plain.get("standards", ())),
        _strings(plain.get("attribute")),
        marks,
        plain.get("packaging_field", ""),
        plain.get("warning"),
        tuple(_condition(c, (*where, "when", i), fail) for i, c in enumerate(plain.get("when", ()))),
        bool(plain.get("unverified", False)),
    )


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def normalise_standard(text: str) -> str:
    return re.sub(r"[\s\-_./:]+", "", text).casefold()


def cites_standard(cited: Iterable[str], wanted: Iterable[str]) -> bool:
    """Whether one cited standard is one of the wanted ones (an edition suffix is accepted)."""
    have = [normalise_standard(c) for c in cited]
    return any(h.startswith(normalise_standard(w)) for w in wanted for h in have)


def normalise_wording(text: str) -> str:
    text = re.sub(r"\s*(?:--|[\u2013\u2014\u2012\u2015])\s*", "--", text)
    return re.sub(r"\s+", " ", text).strip().casefold()
