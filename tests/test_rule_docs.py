"""docs/rules.md, `listlint explain` and SARIF help all come from listlint.docs."""

from __future__ import annotations

import subprocess
import sys

from listlint.docs import explain_rule, rule_markdown, rules_document
from listlint.rules import load_rules

from tests.conftest import ROOT


def test_docs_rules_md_is_in_sync():
    text = (ROOT / "docs" / "rules.md").read_text("utf-8")
    assert text == rules_document(load_rules([])), "docs/rules.md is out of date: run python tools/sync_docs.py"


def test_rules_format_docs_prints_the_same_file():
    result = subprocess.run([sys.executable, "-m", "listlint", "rules", "--format", "docs"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (ROOT / "docs" / "rules.md").read_text("utf-8")


def test_every_rule_is_documented_with_why_sources_and_examples():
    text = (ROOT / "docs" / "rules.md").read_text("utf-8")
    for rule in load_rules([]):
        section = rule_markdown(rule)
        assert section in text
        assert f"## {rule.code} {rule.name}" in section and rule.severity in section and rule.why in section
        assert all(source["url"] in section for source in rule.sources)
        if rule.examples["fail"]:
            assert "Flagged:" in section


def test_explain_prints_the_shared_text():
    rule = load_rules([])[0]
    result = subprocess.run([sys.executable, "-m", "listlint", "explain", rule.code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.stdout == explain_rule(rule)


def _rule_with_why(why: str):
    from dataclasses import replace

    return replace(load_rules([])[0], why=why)


def test_summaries_end_at_a_sentence_not_at_an_abbreviation():
    from listlint.docs import summary

    assert summary(_rule_with_why("WEEE-Reg.-Nr. (DE + 8 digits) have usual forms. Another sentence.")) == "WEEE-Reg.-Nr. (DE + 8 digits) have usual forms."
    assert summary(_rule_with_why("An EPA Reg. No. is a company number, e.g. 1234-5. More here.")) == "An EPA Reg. No. is a company number, e.g. 1234-5."
    assert summary(_rule_with_why("Must stay under 2.5%. Above it, more.")) == "Must stay under 2.5%."
    assert summary(_rule_with_why("A bomb expands (an attack). listlint stops it.")) == "A bomb expands (an attack)."
    assert summary(_rule_with_why("One sentence only")) == "One sentence only."


def test_shipped_summaries_are_whole_sentences():
    from listlint.docs import summary

    by_code = {rule.code: summary(rule) for rule in load_rules([])}
    assert by_code["CRT012"].startswith("WEEE-Reg.-Nr. (DE + 8 digits)") and len(by_code["CRT012"]) > 40
    assert "an EPA Reg. No. is company number" in by_code["CRT011"]
    assert by_code["PKG005"].endswith("(Reg. (EU) 2019/1020, GPSR).")
