"""Rewrite the README's rule reference from the rulesets (`listlint rules --format markdown`)."""

from __future__ import annotations

import sys
from pathlib import Path

from listlint.docs import readme_with_rules
from listlint.rules import load_rules

README = Path(__file__).resolve().parent.parent / "README.md"


def main() -> int:
    text = README.read_text("utf-8")
    updated = readme_with_rules(text, load_rules([]))
    if updated != text:
        temporary = README.with_suffix(".md.tmp")
        temporary.write_text(updated, "utf-8")
        temporary.replace(README)  # atomic: never a half-written README
        print("README.md rule reference updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
