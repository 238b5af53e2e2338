"""Run only the per-language rule variants (rulesets/lang/) over a corpus of real pages,
for reading what they flag (issue 13's precision review).

    python tools/review_language_rules.py ../shared/data/real/amazon-uk-toys-863.csv --marketplace UK
    python tools/review_language_rules.py ../shared/data/real/amazon-uk-toys-863.csv --marketplace DE

The corpus CSV needs product_name and product_description columns (the amazon.co.uk toys
corpus has them). With --marketplace UK the texts are declared English, so a variant
fires only where the text is identified as its language; with DE every text is declared
German, the case of a German listing written partly in English.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--marketplace", default="UK")
    args = parser.parse_args()

    from listlint.config import load_config
    from listlint.engine import Engine
    from listlint.rules import load_rules

    variants = [dataclasses.replace(v, variants=[]) for rule in load_rules([]) for v in rule.variants]
    engine = Engine(variants, load_config(None, Path.cwd()))
    counts: Counter[str] = Counter()
    csv.field_size_limit(sys.maxsize)
    with args.corpus.open(encoding="utf-8", newline="") as handle, tempfile.TemporaryDirectory() as folder:
        for number, row in enumerate(csv.DictReader(handle), start=1):
            listing = {"sku": f"ROW-{number}", "marketplaces": [args.marketplace], "title": row.get("product_name") or "-", "description": row.get("product_description") or "-"}
            path = Path(folder) / f"row-{number}.json"
            path.write_text(json.dumps(listing, ensure_ascii=False), encoding="utf-8")
            for diagnostic in engine.lint_file(path, path.name).diagnostics:
                if diagnostic.code.startswith(("RED", "CLM", "LST", "REV")):
                    counts[diagnostic.code] += 1
                    print(f"row {number} {diagnostic.code} {diagnostic.field}: {diagnostic.match!r} | {diagnostic.context.strip()[:160]!r}")
    print("fired:", dict(sorted(counts.items())), "total", sum(counts.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
