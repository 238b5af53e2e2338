"""The language model in the package (data/langid/, tools/build_language_model.py, scored by
langmodel.py): py3langid's model cut to listlint's languages decides every text as the full
model restricted to those languages does, is rebuilt byte for byte by its tool, ships with
its licence, and loads in milliseconds without numpy."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
from functools import lru_cache
from typing import Any

from listlint import languages
from listlint.langmodel import MODEL_ARRAYS, MODEL_DIR, LanguageModel
from listlint.rules import load_rules
from tests.conftest import ROOT
from tests.language_cases import CLEAN, FLAGGED
from tests.strings import corpus_texts, strings_in

TOOL = ROOT / "tools" / "build_language_model.py"
# py3langid sums in float32, langmodel.py in float64: over the texts below they differ by at most 5.4e-6
CONFIDENCE_TOLERANCE = 1e-5


@lru_cache(maxsize=1)
def _texts() -> tuple[str, ...]:
    """The real corpus's texts, every string of every shipped rule's examples, and the language test cases."""
    corpus = set(corpus_texts())
    examples = {text for base in load_rules([]) for rule in base.with_variants() for text in strings_in(rule.examples)}
    cases = {case[0] for found in FLAGGED.values() for case in found} | {text for texts in CLEAN.values() for text in texts}
    return tuple(sorted(corpus | examples | cases))


@lru_cache(maxsize=1)
def _full_model() -> Any:
    """py3langid's own model, restricted to listlint's languages: what languages.py loaded before the cut."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(languages.LANGUAGES))
    return identifier


def _py3langid_over_the_cut_files() -> Any:
    """py3langid's own classifier over the files in the package."""
    import numpy as np
    from py3langid.langid import LanguageIdentifier

    arrays = {name: np.load(MODEL_DIR / f"{name}.npy", allow_pickle=False) for name in MODEL_ARRAYS}
    return LanguageIdentifier(
        arrays["ptc"], arrays["pc"], list(LanguageModel().languages), memoryview(arrays["nextmove"]), arrays["out_feat"].tolist(),
        norm_probs=True, tk_row=memoryview(arrays["nextmove_row"]),
    )


def test_the_cut_files_give_py3langid_the_full_models_scores_bit_for_bit():
    cut, full = _py3langid_over_the_cut_files(), _full_model()
    assert [text for text in _texts() if cut.classify(text) != full.classify(text)] == []


def test_langmodel_names_the_full_models_language_for_every_text():
    texts = _texts()
    assert len(texts) > 4000  # the corpus alone: titles, bullets and descriptions of 863 pages
    model, full = LanguageModel(), _full_model()
    differing = []
    for text in texts:
        (language, confidence), (full_language, full_confidence) = model.classify(text), full.classify(text)
        if language != full_language or abs(confidence - full_confidence) > CONFIDENCE_TOLERANCE:
            differing.append((text[:60], language, confidence, full_language, full_confidence))
    assert differing == []


def test_identify_decides_as_before_on_every_text():
    full = _full_model()

    def before(text: str) -> str:  # languages.identify as it was, over py3langid's full model
        language, confidence = full.classify(text)
        return language if confidence >= languages.MIN_CONFIDENCE else ""

    texts = [text for text in _texts() if sum(char.isalpha() for char in text) >= languages.MIN_LETTERS]
    assert [languages.identify(text) for text in texts] == [before(text) for text in texts]


def test_a_text_without_features_is_undecided():
    language, confidence = LanguageModel().classify("")
    assert abs(confidence - 1 / len(languages.LANGUAGES)) < 1e-12 and languages.identify("1234567890 12345678") == ""
    assert language == _full_model().classify("")[0]


def test_the_model_holds_exactly_listlints_languages():
    assert sorted(LanguageModel().languages) == sorted(languages.LANGUAGES)


def test_the_licence_of_py3langid_ships_beside_the_model():
    licence = (MODEL_DIR / "LICENSE-py3langid").read_text("utf-8")
    assert "Marco Lui" in licence and "Redistribution and use in source and binary forms" in licence


def test_the_tool_rebuilds_the_shipped_files_byte_for_byte(tmp_path):
    spec = importlib.util.spec_from_file_location("build_language_model", TOOL)
    assert spec and spec.loader
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    tool.build(tmp_path)
    built = sorted(path.name for path in tmp_path.iterdir())
    assert built == sorted(path.name for path in MODEL_DIR.iterdir())
    assert [name for name in built if (tmp_path / name).read_bytes() != (MODEL_DIR / name).read_bytes()] == []


def test_the_model_loads_in_milliseconds():
    start = time.process_time()
    LanguageModel()
    assert time.process_time() - start < 0.1  # py3langid's full model took 0.5 to 0.9 s of CPU here, numpy's import 0.13 s more


def test_identifying_a_text_imports_neither_numpy_nor_py3langid():
    script = "import sys; from listlint import languages; assert languages.identify('Heilt Rheuma und lindert Gelenkschmerzen schnell') == 'de'; print(sorted(m for m in sys.modules if m.startswith(('numpy', 'py3langid'))))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[]"
