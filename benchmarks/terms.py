"""The one generator of user term lists, and the listlint ruleset and config that use one.

Terms are made-up protected names (one to three words) from other syllables than the sellers'
own brands (listings.BRAND_SYLLABLES), so only the injected violations hit them. Every 25th
term carries punctuation (`Kraek.Zumon`, `Dexfy+Monul`, `Thelko (Quarvo)`, `Voek & Tamzu`),
so that a tool which turned terms into regular expressions without escaping them would show it.

The list for a seed is one stream: the 1,000-term list is the start of the 20,000-term list,
so a violation that names one of the first terms is found with every list size.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Iterator
from pathlib import Path

TERM_SYLLABLES = ["kra", "zu", "mon", "thel", "quar", "dex", "ombr", "yst", "fal", "ko", "rin", "gav", "esh", "tul", "pran", "vo", "schm", "ek", "lor", "zim", "nax", "ul", "bre", "fy", "hol", "tam"]
PUNCTUATED = ["{0}.{1}", "{0}+{1}", "{0} ({1})", "{0} & {1}"]
PUNCTUATED_EVERY = 25
RULE_CODE = "USR001"

_NOT_ALNUM = re.compile(r"[\W_]+")


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(TERM_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _candidates(rng: random.Random) -> Iterator[str]:
    for index in itertools.count(1):
        if index % PUNCTUATED_EVERY == 0:
            yield rng.choice(PUNCTUATED).format(_word(rng), _word(rng))
        else:
            yield " ".join(_word(rng) for _ in range(rng.choice((1, 1, 2, 2, 3))))


def make_terms(count: int, seed: int) -> list[str]:
    """The first `count` distinct terms of the stream for `seed`.

    Distinct once squashed to lower-case letters and digits: listlint compares terms that way
    (textmatch.py: `PJ Masks` = `pj-masks`), textlint's word list compares the literal text,
    and two terms equal under squashing would make their hit counts differ for no real reason.
    """
    rng = random.Random(seed)
    terms: list[str] = []
    taken: set[str] = set()
    for term in _candidates(rng):
        if len(terms) == count:
            break
        key = _NOT_ALNUM.sub("", term.casefold())
        if key not in taken:
            taken.add(key)
            terms.append(term)
    return terms


def write_terms(folder: Path, terms: list[str]) -> Path:
    """folder/terms-N.txt, one term a line and nothing else: listlint's `terms_file` and
    textlint-rule-stop-words' `words` file both read it, so both tools get the very same list."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"terms-{len(terms)}.txt"
    path.write_text("\n".join(terms) + "\n", "utf-8")
    return path


def write_listlint_config(root: Path, terms_file: Path) -> Path:
    """root/listlint-<terms>.yaml: a config adding one `terms` rule that reads `terms_file`.

    The config sits in the workspace root, since listlint shows paths relative to the folder
    of its config; the ruleset sits next to the terms file it names.
    """
    ruleset = terms_file.with_suffix(".ruleset.yaml")
    ruleset.write_text(
        f"""\
ruleset: bench
description: Brand names the seller's legal team asked to keep out of listings.
rules:
  - code: {RULE_CODE}
    name: protected-name
    severity: warning
    kind: terms
    terms_file: {terms_file.name}
    message: "{{match}} in {{field}} is on the protected names list"
    why: Names on this list belong to other companies.
    sources:
      - url: https://example.com/legal/protected-names
        as_of: 2026-01-01
        strength: unverified
""",
        "utf-8",
    )
    config = root / f"listlint-{terms_file.stem}.yaml"
    config.write_text(f"rulesets:\n  - {ruleset.relative_to(root).as_posix()}\n", "utf-8")
    return config
