"""Rulesets: YAML files of rules, checked against the shipped ruleset schema.

A broken ruleset (bad YAML, unknown kind, invalid regex, duplicate code) is a
`RulesetError` naming its file, line and problem; the CLI turns it into exit 2.
"""

from __future__ import annotations

from dataclasses import field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .lean_dataclass import lean_dataclass
from .shipped import data_json, rulesets_folder
from .errors import RulesetError
from .safeio import read_limited

if TYPE_CHECKING:  # the parsing modules are imported only when rulesets are parsed, not when cached rules are read
    from .locations import SourceText
    from .tree import Node

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
RULE_KEYS = frozenset(("code", "name", "severity", "kind", "fields", "marketplaces", "languages", "applies_to", "message", "why", "sources", "examples"))
DEFAULT_TEXT_FIELDS = ("title", "bullets", "description", "search_terms")


@lean_dataclass(slots=True)
class Rule:
    code: str
    name: str
    severity: str
    kind: str
    message: str
    why: str
    fields: tuple[str, ...]
    marketplaces: tuple[str, ...]
    applies_to: tuple[str, ...]  # document kinds: listing, message, packaging ...
    sources: list[dict[str, Any]]
    examples: dict[str, list[Any]]
    options: dict[str, Any]
    path: str  # the ruleset file, for errors and `explain`
    line: int
    option_lines: dict[str, int] = field(default_factory=dict)
    shipped: bool = False  # from listlint's own rulesets (verified by the test suite)
    languages: tuple[str, ...] = ()  # texts the rule reads (languages.py); () = every text
    # the same rule for texts in other languages (rulesets/lang/): its code and name, their
    # own words, message and sources; the engine runs them beside this rule
    variants: list[Rule] = field(default_factory=list)

    @property
    def prefix(self) -> str:
        return self.code[:3]

    def error(self, problem: str, option: str | None = None) -> RulesetError:
        """A RulesetError pointing at this rule (or at one of its options)."""
        line = self.option_lines.get(option, self.line) if option else self.line
        return RulesetError(self.path, line, 1, f"{self.code}: {problem}")

    def for_marketplaces(self, marketplaces: tuple[str, ...]) -> bool:
        return not self.marketplaces or any(m in self.marketplaces for m in marketplaces)

    def with_variants(self) -> list[Rule]:
        """This rule and its language variants."""
        return [self, *self.variants]


@lru_cache(maxsize=1)
def ruleset_schema() -> dict[str, Any]:
    return data_json("ruleset.schema.json")


def shipped_ruleset_paths() -> list[Path]:
    """The shipped rulesets, then the per-language ones (rulesets/lang/), which add variants to them."""
    folder = rulesets_folder()
    found = sorted(p for p in folder.iterdir() if p.name.endswith(".yaml"))
    return found + sorted(p for p in (folder / "lang").iterdir() if p.name.endswith(".yaml"))


def load_ruleset(path: Path) -> list[Rule]:
    """Rules of one ruleset file; raises RulesetError for anything unusable."""
    shown = str(path)
    try:
        text = read_limited(path).decode("utf-8")
    except OSError as error:
        raise RulesetError(shown, 1, 1, f"cannot read ruleset: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise RulesetError(shown, 1, 1, f"ruleset is not UTF-8 ({error.reason})") from None
    from .locations import SourceText
    from .readers.yaml_reader import read_yaml
    from .schemacheck import check

    source = SourceText(shown, text)
    result = read_yaml(source)
    if result.problems:
        problem = result.problems[0]
        line, column = source.position(max(problem.start, 0))
        detail = problem.args.get("error") or problem.args.get("key") or problem.code
        if problem.code == "INP007":
            detail = f"duplicate key '{detail}'"
        raise RulesetError(shown, line, column, f"invalid ruleset YAML: {detail}")
    if len(result.documents) != 1:
        raise RulesetError(shown, 1, 1, "a ruleset file holds exactly one YAML document")
    document = result.documents[0]
    schema = ruleset_schema()
    issues = check(document, schema)
    if issues:
        issue = issues[0]
        node = issue.node
        at = node.key_start if issue.on_key and node.key_start >= 0 else node.start
        line, column = source.position(at)
        raise RulesetError(shown, line, column, f"{issue.path or 'ruleset'}: {issue.message}")
    return [_rule(source, node) for node in document.value["rules"].value]


def _rule(source: SourceText, node: Node) -> Rule:
    values = node.value
    plain = node.plain()
    options = {k: v for k, v in plain.items() if k not in RULE_KEYS}
    return Rule(
        code=plain["code"],
        name=plain["name"],
        severity=plain["severity"],
        kind=plain["kind"],
        message=plain["message"].strip(),
        why=" ".join(plain["why"].split()),
        fields=tuple(plain.get("fields") or DEFAULT_TEXT_FIELDS),
        marketplaces=tuple(plain.get("marketplaces") or ()),
        languages=tuple(plain.get("languages") or ()),
        applies_to=tuple(plain.get("applies_to") or ("listing",)),
        sources=plain["sources"],
        examples={"pass": plain.get("examples", {}).get("pass", []), "fail": plain.get("examples", {}).get("fail", [])},
        options=options,
        path=source.path,
        line=source.position(node.start)[0],
        option_lines={k: source.position(v.key_start)[0] for k, v in values.items() if v.key_start >= 0},
    )


def is_category_file(path: Path) -> bool:
    """Category files (categories.py) are named among the config's rulesets too."""
    return path.name in ("categories.yaml", "categories.yml") or path.name.endswith((".categories.yaml", ".categories.yml"))


def ruleset_paths(extra: list[Path]) -> list[tuple[Path, bool]]:
    """Every ruleset file of a run and whether it is shipped: listlint's own, then the user's."""
    return [(path, True) for path in shipped_ruleset_paths()] + [(path, False) for path in extra if not is_category_file(path)]


def load_rules(extra: list[Path]) -> list[Rule]:
    """The shipped rulesets plus the user's; codes must be unique across all of them, except
    that a rule for other languages may take up a code as a variant (see `_add_variant`)."""
    rules: list[Rule] = []
    seen: dict[str, Rule] = {}
    for path, shipped in ruleset_paths(extra):
        for rule in load_ruleset(path):
            rule.shipped = shipped
            if rule.code in seen:
                _add_variant(seen[rule.code], rule)
                continue
            seen[rule.code] = rule
            rules.append(rule)
    return rules


def _add_variant(first: Rule, rule: Rule) -> None:
    """One rule code, several languages: the German words of LST004 are LST004 too, so
    select, ignore, baselines and `explain` treat them as one rule. A variant names its
    languages, keeps the name, and no two of the code's rules share a language."""
    if not rule.languages:
        raise rule.error(f"code already used by {first.path}:{first.line}")
    if rule.name != first.name:
        raise rule.error(f"a language variant keeps the rule's name {first.name!r} (not {rule.name!r})")
    for other in first.with_variants():
        shared = set(other.languages) & set(rule.languages)
        if shared:
            raise rule.error(f"language {sorted(shared)[0]} already covered by {other.path}:{other.line}")
    first.variants.append(rule)
