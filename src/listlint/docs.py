"""Rule documentation from the rulesets: `rules`, `explain` and the README reference."""

from __future__ import annotations

import re
import textwrap

from .languages import LANGUAGE_NAMES
from .rules import Rule

# Words a period follows without ending the sentence ("an EPA Reg. No. is ...").
_ABBREVIATIONS = frozenset({"reg", "no", "nr", "est", "art", "para", "approx", "vs", "cf", "fig", "inc", "ltd", "co", "st", "dr", "mr", "mrs", "ms"})
# A period, then space, then what can start a sentence: a capital, a digit, a quote or
# bracket, or listlint's own lower-case name.
_DOTTED = re.compile(r"[A-Za-z]\.\S")  # e.g, U.S, WEEE-Reg.-Nr: a period inside a word, not "2.5%"
_SENTENCE_END = re.compile(r"\.\s+(?=[A-Z0-9\"'(`]|listlint\b)")


def summary(rule: Rule) -> str:
    """The first sentence of the rule's why (a period after an abbreviation such as
    "Reg." or inside a word such as "WEEE-Reg.-Nr." does not end it)."""
    why = " ".join(rule.why.split())
    for end in _SENTENCE_END.finditer(why):
        if not _is_abbreviation(why[: end.start()]):
            return why[: end.start()] + "."
    return why.rstrip(".") + "."


def _is_abbreviation(before: str) -> bool:
    """Whether the word that ends `before` is an abbreviation (its period is not a full stop)."""
    word = before.rsplit(" ", 1)[-1].lstrip("(\"'")
    return word.lower() in _ABBREVIATIONS or _DOTTED.search(word) is not None or (len(word) == 1 and word.isalpha())


def rule_table(rules: list[Rule]) -> str:
    width = max(len(r.name) for r in rules)
    lines = [f"{'code':<7} {'name':<{width}} {'severity':<8} what it checks"]
    for rule in rules:
        lines.append(f"{rule.code:<7} {rule.name:<{width}} {rule.severity:<8} {summary(rule)}")
    return "\n".join(lines) + "\n"


def language_names(rule: Rule) -> str:
    return ", ".join(f"{LANGUAGE_NAMES.get(code, code)} ({code})" for code in rule.languages)


def explain_rule(rule: Rule) -> str:
    """The rule, then each of its language variants with its own words, sources and examples."""
    text = _explain_one(rule, f"{rule.code} {rule.name} ({rule.severity}, kind: {rule.kind})")
    for variant in rule.variants:
        text += "\n" + _explain_one(variant, f"{rule.code} in {language_names(variant)} ({variant.severity}, kind: {variant.kind})")
    return text


def _explain_one(rule: Rule, heading: str) -> str:
    out = [heading, ""]
    out += textwrap.wrap(rule.why, 88) + [""]
    out.append(f"Fields: {', '.join(rule.fields)}")
    if rule.marketplaces:
        out.append(f"Marketplaces: {', '.join(rule.marketplaces)}")
    if rule.languages:
        out.append(f"Languages: {language_names(rule)}")
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
        shown = (f"file {example['name']}: " if "name" in example else "file: ") + repr(example["source"])
        return shown + (f" with config {example['config']!r}" if "config" in example else "")
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


# One rule as Markdown: docs/rules.md, the SARIF rules' help.markdown and the HTML report's
# explanations all come from here (and `explain_rule` above), so they never disagree.
def rule_markdown(rule: Rule) -> str:
    text = _rule_markdown_one(rule, f"## {rule.code} {rule.name}")
    for variant in rule.variants:
        text += "\n" + _rule_markdown_one(variant, f"### {rule.code} in {language_names(variant)}")
    return text


def _rule_markdown_one(rule: Rule, heading: str) -> str:
    facts = [f"**Severity:** {rule.severity}", f"**Kind:** {rule.kind}", f"**Fields:** {', '.join(rule.fields)}"]
    if rule.marketplaces:
        facts.append(f"**Marketplaces:** {', '.join(rule.marketplaces)}")
    if rule.languages:
        facts.append(f"**Languages:** {language_names(rule)}")
    out = [heading, "", " · ".join(facts), "", rule.why, "", "Sources:", ""]
    for source in rule.sources:
        title = str(source.get("title") or source["url"]).replace("[", "\\[").replace("]", "\\]")
        strength = f", {source['strength']}" if source.get("strength") else ""
        out.append(f"- [{title}]({source['url']}) (as of {source['as_of']}{strength})")
    for verdict, heading in (("fail", "Flagged"), ("pass", "Not flagged")):
        if rule.examples[verdict]:
            out += ["", f"{heading}:", ""]
            out += [f"- {_code_span(_example(e))}" for e in rule.examples[verdict]]
    return "\n".join(out) + "\n"


def rules_document(rules: list[Rule]) -> str:
    """docs/rules.md: an index table, then every rule (`listlint rules --format docs`)."""
    out = [
        "# listlint rules",
        "",
        "<!-- Generated from the rulesets by `listlint rules --format docs` (or `python tools/sync_docs.py`);",
        "     do not edit by hand: tests/test_rule_docs.py fails when this file is out of date. -->",
        "",
        "`listlint explain CODE` prints the same text in a terminal; SARIF output carries it as each rule's help.",
        "",
        "| code | name | severity | what it checks |",
        "|---|---|---|---|",
    ]
    for rule in rules:
        anchor = f"{rule.code}-{rule.name}".lower()
        what = summary(rule).replace("|", "\\|")
        out.append(f"| [{rule.code}](#{anchor}) | {rule.name} | {rule.severity} | {what} |")
    out.append("")
    return "\n".join(out) + "\n" + "\n".join(rule_markdown(rule) for rule in rules)


def help_uri(rule: Rule) -> str:
    """A page that explains the rule: its first source (the policy it enforces)."""
    return str(rule.sources[0]["url"]) if rule.sources else ""


def _code_span(text: str) -> str:
    text = " ".join(text.split("\n"))
    fence = "`"
    while fence in text:
        fence += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"
