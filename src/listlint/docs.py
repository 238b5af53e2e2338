"""Rule documentation from the rulesets: `rules`, `explain` and the README reference."""

from __future__ import annotations

import textwrap

from .rules import Rule


def summary(rule: Rule) -> str:
    """The first sentence of the rule's why."""
    first = rule.why.split(". ")[0].rstrip(".")
    return first + "."


def rule_table(rules: list[Rule]) -> str:
    width = max(len(r.name) for r in rules)
    lines = [f"{'code':<7} {'name':<{width}} {'severity':<8} what it checks"]
    for rule in rules:
        lines.append(f"{rule.code:<7} {rule.name:<{width}} {rule.severity:<8} {summary(rule)}")
    return "\n".join(lines) + "\n"


def explain_rule(rule: Rule) -> str:
    out = [f"{rule.code} {rule.name} ({rule.severity}, kind: {rule.kind})", ""]
    out += textwrap.wrap(rule.why, 88) + [""]
    out.append(f"Fields: {', '.join(rule.fields)}")
    if rule.marketplaces:
        out.append(f"Marketplaces: {', '.join(rule.marketplaces)}")
    out.append("Sources:")
    out += [f"  - {s['url']} (as of {s['as_of']}{', ' + s['strength'] if s.get('strength') else ''})" for s in rule.sources]
    for verdict, title in (("fail", "Flagged"), ("pass", "Not flagged")):
        if rule.examples[verdict]:
            out.append(f"{title}:")
            out += [f"  - {_example(e)}" for e in rule.examples[verdict]]
    return "\n".join(out) + "\n"


def rules_markdown(rules: list[Rule]) -> str:
    out = ["| code | name | severity | what it checks |", "|---|---|---|---|"]
    for rule in rules:
        what = summary(rule).replace("|", "\\|")
        out.append(f"| {rule.code} | {rule.name} | {rule.severity} | {what} |")
    return "\n".join(out) + "\n"


def _example(example: object) -> str:
    if isinstance(example, str):
        return repr(example)
    if isinstance(example, dict) and "source" in example:
        return "file: " + repr(example["source"])
    if isinstance(example, dict) and "bytes" in example:
        return "file bytes (base64): " + example["bytes"]
    return repr(example)


RULES_START = "<!-- rules:start -->"
RULES_END = "<!-- rules:end -->"


def readme_with_rules(readme: str, rules: list[Rule]) -> str:
    """The README text with the rule reference between its markers regenerated."""
    head, rest = readme.split(RULES_START, 1)
    _, tail = rest.split(RULES_END, 1)
    return f"{head}{RULES_START}\n{rules_markdown(rules)}{RULES_END}{tail}"
