"""Build listlint's language model: py3langid's model cut to the languages listlint has rules for.

    python tools/build_language_model.py            # writes src/listlint/data/langid/
    python tools/build_language_model.py --check    # exit 1 if the files there differ from a fresh build

py3langid ships one model for 139 languages as an LZMA-compressed .npz; decompressing it
takes most of a second, on the first text that needs identifying. listlint identifies only
among languages.LANGUAGES, which py3langid does by dropping the other languages' columns
of the naive Bayes tables (`set_languages`). This script does that cut once, at build time,
and stores the result uncompressed, one .npy file per array, so that langmodel.py maps the
files into memory in a few milliseconds and scores texts without py3langid or numpy:

    ptc.npy           float16, features x languages: each feature's log-probability per language
    pc.npy            float32, per language: the prior
    nextmove.npy      uint32, the byte tokenizer's distinct DFA rows, 256 next states each
    nextmove_row.npy  uint16, per DFA state: which row is its own
    out_feat.npy      int32, per DFA state: the feature it completes, -1 for none
    model.json        the languages (the columns of ptc and pc), and where the model came from

The tokenizer and the features are kept whole (every feature scores every language), and
the kept columns are copied exactly, in the model's own order: py3langid's classifier over
these files gives bit-identical scores to py3langid with the full model restricted by
`set_languages`, and langmodel.py the same decisions (tests/test_language_model.py checks
both on every text of the real corpus). The arrays are written in a fixed layout, so the
same py3langid release builds the same bytes.

The model is langid.py's method (Lui & Baldwin) as retrained by py3langid, both under BSD
licences: LICENSE-py3langid beside the files is the package's licence, copied at build time.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import json
import sys
import tempfile
from array import array
from pathlib import Path

import numpy as np
from py3langid.langid import MODEL_DIR, MODEL_FILE
from py3langid.modelio import load_model

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from listlint.langmodel import MODEL_ARRAYS, MODEL_DIR as TARGET  # noqa: E402
from listlint.languages import LANGUAGES  # noqa: E402

SOURCE = MODEL_DIR / MODEL_FILE
LICENCE = "LICENSE-py3langid"


def build(target: Path) -> None:
    """Write the cut model and py3langid's licence into `target`."""
    ptc, pc, classes, nextmove, nextmove_row, out_feat = load_model(SOURCE)
    missing = set(LANGUAGES) - set(classes)
    if missing:
        raise SystemExit(f"py3langid's model has no {sorted(missing)}")
    kept = [index for index, language in enumerate(classes) if language in LANGUAGES]
    arrays = {
        "ptc": np.ascontiguousarray(np.asarray(ptc)[:, kept]),
        "pc": np.asarray(pc)[kept],
        "nextmove": _unsigned(nextmove).astype(np.uint32),  # langmodel.py reads these types
        "nextmove_row": _row_numbers(_unsigned(nextmove_row)),
        "out_feat": np.asarray(out_feat, dtype=np.int32),
    }
    assert sorted(arrays) == sorted(MODEL_ARRAYS)
    target.mkdir(parents=True, exist_ok=True)
    for name, values in arrays.items():
        np.save(target / f"{name}.npy", values, allow_pickle=False)
    manifest = {
        "languages": [classes[index] for index in kept],
        "source": f"py3langid {importlib.metadata.version('py3langid')}, {MODEL_FILE}",
        "source_sha256": hashlib.sha256(SOURCE.read_bytes()).hexdigest(),
    }
    (target / "model.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    (target / LICENCE).write_text(_licence_text(), encoding="utf-8")


def _unsigned(values: array) -> np.ndarray:
    """py3langid's stdlib array of unsigned integers (its width varies with the model's size) as numpy's."""
    return np.frombuffer(values, dtype=f"u{values.itemsize}")


def _row_numbers(rows: np.ndarray) -> np.ndarray:
    """The row numbers as uint16, the layout langmodel.py reads."""
    if rows.size and int(rows.max()) >= 1 << 16:
        raise SystemExit("more than 65,536 distinct tokenizer rows: widen nextmove_row (langmodel.py reads any integer type)")
    return rows.astype(np.uint16)


def _licence_text() -> str:
    distribution = importlib.metadata.distribution("py3langid")
    for file in distribution.files or ():
        if file.name.upper().startswith(("LICENSE", "LICENCE", "COPYING")):
            return file.read_text(encoding="utf-8")
    raise SystemExit("py3langid's installed metadata holds no licence file")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare a fresh build with the files in the package")
    options = parser.parse_args()
    if not options.check:
        build(TARGET)
        print(f"wrote {TARGET}")
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        build(Path(scratch))
        stale = [path.name for path in sorted(Path(scratch).iterdir())
                 if not (TARGET / path.name).exists() or (TARGET / path.name).read_bytes() != path.read_bytes()]
    print("up to date" if not stale else f"differs from a fresh build: {', '.join(stale)}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
