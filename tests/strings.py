"""The strings inside parsed YAML/JSON values, and the real corpus's texts, for tests that
compare a fast path with the slow one over real and example text."""

from __future__ import annotations

import json
from pathlib import Path

CORPUS = Path(__file__).parent / "data" / "amazon-uk-toys-863.json"  # 863 real amazon.co.uk pages (CC BY-SA 4.0)


def strings_in(value: object) -> list[str]:
    """Every string inside a parsed YAML/JSON value, in document order."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in strings_in(v)]
    return []


def corpus_texts() -> list[str]:
    """Every string of the real corpus."""
    return strings_in(json.loads(CORPUS.read_text("utf-8")))
