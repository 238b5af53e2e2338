"""The language identifier: py3langid's model cut to listlint's languages, scored in plain Python.

The model (data/langid/, built by tools/build_language_model.py from py3langid 0.4's own)
is langid.py's naive Bayes classifier over byte n-grams (Lui & Baldwin): a DFA over a text's
UTF-8 bytes marks the features it contains; each feature has a log-probability per
language. Its files are mapped from disk, read-only, and only the few pages a text's walk
touches are ever read.

Scoring follows py3langid's LanguageIdentifier with `norm_probs`: the text NFC-normalised
(lower-cased when it is all upper case), each feature counted, weighted log1p(count), the
weights summed per language with its prior, scaled by 1/sqrt(bytes) and turned into
probabilities by softmax. py3langid does this in float32 with numpy; here it is Python's
float64, so a confidence differs from py3langid's by a few millionths (at most 5.4e-6 over
the test corpus) and every decision is the same (tests/test_language_model.py). numpy is
what this saves: its import alone took 0.13 to 0.2 s of CPU, paid by a whole catalog run
for the one text in 5,000 files that needed identifying.
"""

from __future__ import annotations

import ast
import json
import math
import mmap
import struct
import sys
import unicodedata
from array import array
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

MODEL_DIR = Path(__file__).parent / "data" / "langid"
# one .npy file each: feature weights (features x languages, float16), priors, the DFA's
# distinct rows of 256 next states, each state's row, each state's feature (-1: none)
MODEL_ARRAYS = ("ptc", "pc", "nextmove", "nextmove_row", "out_feat")
_TYPECODES = {"<u2": "H", "<u4": "I", "<i4": "i", "<f4": "f"}  # little-endian .npy types -> array/memoryview codes


class LanguageModel:
    """`classify(text)` -> (language, confidence) among the model's languages."""

    def __init__(self, folder: Path = MODEL_DIR) -> None:
        self.languages: tuple[str, ...] = tuple(json.loads((folder / "model.json").read_text("utf-8"))["languages"])
        self._priors = list(_numbers(folder / "pc.npy"))
        self._weights = _data(folder / "ptc.npy")[0]
        self._weight_row = struct.Struct(f"<{len(self.languages)}e")  # one feature's float16 weights
        self._next_state = _numbers(folder / "nextmove.npy")
        self._row_start = [row << 8 for row in _numbers(folder / "nextmove_row.npy")]
        self._feature_of = _numbers(folder / "out_feat.npy")

    def classify(self, text: str) -> tuple[str, float]:
        data = unicodedata.normalize("NFC", text.lower() if text.isupper() else text).encode("utf-8", "surrogatepass")
        scores = self._scores(data)
        top = max(scores)
        exponentials = [math.exp(score - top) for score in scores]
        total = sum(exponentials)
        best = max(range(len(scores)), key=exponentials.__getitem__)  # the first of equals, as numpy's argmax
        return self.languages[best], exponentials[best] / total

    def _scores(self, data: bytes) -> list[float]:
        """Each language's log-probability of `data`, scaled by 1/sqrt(bytes); all 0 without features."""
        features = self._features(data)
        if not features:
            return [0.0] * len(self.languages)
        scores = self._priors
        for feature, count in features.items():
            weight = math.log1p(count)
            scores = [score + weight * value for score, value in zip(scores, self._weight_row.unpack_from(self._weights, feature * self._weight_row.size))]
        scale = 1.0 / math.sqrt(len(data) or 1)
        return [score * scale for score in scores]

    def _features(self, data: bytes) -> Counter[int]:
        """How often each feature occurs: the DFA walked over the bytes."""
        next_state, row_start, feature_of = self._next_state, self._row_start, self._feature_of
        state = 0
        found = []
        for byte in data:
            state = next_state[row_start[state] + byte]
            feature = feature_of[state]
            if feature >= 0:
                found.append(feature)
        return Counter(found)


def _data(path: Path) -> tuple[memoryview, str]:
    """A .npy file's array bytes, mapped from disk, and its type (a little-endian C-order array)."""
    with open(path, "rb") as file:
        mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    view = memoryview(mapped)
    if bytes(view[:6]) != b"\x93NUMPY":
        raise ValueError(f"{path}: not a .npy file")
    length_size = 2 if view[6] == 1 else 4  # format version 1 has a 2-byte header length, 2 and 3 a 4-byte one
    start = 8 + length_size
    header_length = int.from_bytes(view[8:start], "little")
    header = ast.literal_eval(bytes(view[start : start + header_length]).decode("latin-1"))
    if header["fortran_order"]:
        raise ValueError(f"{path}: not in C order")
    return view[start + header_length :], header["descr"]


def _numbers(path: Path) -> Sequence[int] | Sequence[float]:
    """A .npy file of integers or float32 as a sequence of Python numbers: the mapped bytes
    themselves where the machine is little-endian, else a byte-swapped copy."""
    data, descr = _data(path)
    typecode = _TYPECODES[descr]
    if sys.byteorder == "little":
        return data.cast(typecode)
    swapped = array(typecode, data)
    swapped.byteswap()
    return swapped
