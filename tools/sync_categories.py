"""Rewrite rulesets/categories/categories.json, the JSON mirror of categories.yaml that
listlint reads at start-up when it is up to date (it falls back to the YAML otherwise)."""

from __future__ import annotations

from pathlib import Path

from listlint.categories import mirror_path, mirror_text

SOURCE = Path(__file__).resolve().parent.parent / "rulesets" / "categories" / "categories.yaml"

if __name__ == "__main__":
    mirror_path(SOURCE).write_text(mirror_text(SOURCE.read_text("utf-8")), "utf-8")
    print(f"wrote {mirror_path(SOURCE)}")
