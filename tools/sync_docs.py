"""Rewrite docs/rules.md from the rulesets (the same text as `listlint rules --format docs`).

tests/test_rule_docs.py fails when docs/rules.md is out of date; run this to fix it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from listlint.atomic import atomic_write
from listlint.docs import rules_document
from listlint.rules import load_rules

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def main() -> int:
    text = rules_document(load_rules([]))
    if not DOCS.is_file() or DOCS.read_text("utf-8") != text:
        DOCS.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(DOCS) as out:  # never a half-written file
            out.write(text)
        print("docs/rules.md updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
