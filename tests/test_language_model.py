"""The language model in the package (data/langid/, tools/build_language_model.py): py3langid's
model cut to listlint's languages classifies every text as the full model restricted to those
languages does, is rebuilt byte for byte by its tool, ships with its licence, and loads fast."""

from __future__ import annotations

import importlib.util
import json
import time
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from listlint import languages
from listlint.rules import load_rules
from tests.conftest import ROOT
from tests.language_cases import CLEAN, FLAGGED

CORPUS = ROOT / "tests" / "data" / "amazon-uk-toys-863.json"
TOOL = ROOT / "tools" / "build_language_model.py"


def _strings(value: Any) -> Iterator[str]:
    """Every string inside a parsed YAML/JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


@lru_cache(maxsize=1)
def _texts() -> tuple[str, ...]:
    """The real corpus's texts, every string of every shipped rule's examples, and the language test cases."""
    corpus = set(_strings(json.loads(CORPUS.read_text("utf-8"))))
    examples = {text for base in load_rules([]) for rule in base.with_variants() for text in _strings(rule.examples)}
    cases = {case[0] for found in FLAGGED.values() for case in found} | {text for texts in CLEAN.values() for text in texts}
    return tuple(sorted(corpus | examples | cases))


@lru_cache(maxsize=1)
def _full_model() -> Any:
    """py3langid's own model, restricted to listlint's languages: what languages.py used to load."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(languages.LANGUAGES))
    return identifier


def test_the_cut_model_classifies_every_text_as_the_full_model_does():
    texts = _texts()
    assert len(texts) > 4000  # the corpus alone: titles, bullets and descriptions of 863 pages
    cut, full = languages._identifier(), _full_model()
    differing = []
    for text in texts:
        (cut_language, cut_confidence), (full_language, full_confidence) = cut.classify(text), full.classify(text)
        if cut_language != full_language or abs(cut_confidence - full_confidence) > 1e-9:
            differing.append((text[:60], cut_language, cut_confidence, full_language, full_confidence))
    assert differing == []


def test_identify_decides_as_before_on_the_real_corpus():
    full = _full_model()

    def before(text: str) -> str:  # languages.identify as it was, over the full model
        language, confidence = full.classify(text)
        return language if confidence >= languages.MIN_CONFIDENCE else ""

    texts = [text for text in _texts() if sum(char.isalpha() for char in text) >= languages.MIN_LETTERS]
    assert [languages.identify(text) for text in texts] == [before(text) for text in texts]


def test_the_model_holds_exactly_listlints_languages():
    manifest = json.loads((languages.MODEL_DIR / "model.json").read_text("utf-8"))
    assert sorted(manifest["languages"]) == sorted(languages.LANGUAGES)
    assert languages._identifier().nb_classes == manifest["languages"]


def test_the_licence_of_py3langid_ships_beside_the_model():
    licence = (languages.MODEL_DIR / "LICENSE-py3langid").read_text("utf-8")
    assert "Marco Lui" in licence and "Redistribution and use in source and binary forms" in licence


def test_the_tool_rebuilds_the_shipped_files_byte_for_byte(tmp_path):
    spec = importlib.util.spec_from_file_location("build_language_model", TOOL)
    assert spec and spec.loader
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    tool.build(tmp_path)
    built = sorted(path.name for path in tmp_path.iterdir())
    assert built == sorted(path.name for path in languages.MODEL_DIR.iterdir())
    assert [name for name in built if (tmp_path / name).read_bytes() != (languages.MODEL_DIR / name).read_bytes()] == []


def test_the_cut_model_loads_in_milliseconds():
    import numpy  # noqa: F401  (its import is not the model's load)
    from py3langid import langid  # noqa: F401

    languages._identifier.cache_clear()
    start = time.process_time()
    languages._identifier()
    assert time.process_time() - start < 0.15  # the full model took 0.5 to 0.9 s of CPU here
