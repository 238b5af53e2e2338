"""PyYAML, imported without compiling the one pattern a run never uses.

PyYAML's pure-Python reader compiles, as the package is imported, a character class of
nearly all of Unicode (its test for non-printable characters): 5 to 10 ms, a twentieth of
a pre-commit run on one file, for a reader listlint does not use when libyaml's C parser
is there (readers/yaml_reader.py). While the package is first imported that one pattern
is made a compiled.LazyRegex, compiled when something first uses it, so the pure-Python
reader still works the same. Every other pattern is compiled as usual.
"""

from __future__ import annotations

import re
from typing import Any

from .compiled import LazyRegex

NON_PRINTABLE = "[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]"  # as yaml/reader.py spells it

_compile_now = re.compile


def _compile_lazily(pattern: Any, flags: int = 0) -> Any:
    return LazyRegex(pattern, flags) if pattern == NON_PRINTABLE else _compile_now(pattern, flags)


re.compile = _compile_lazily  # type: ignore[assignment]
try:
    import yaml
finally:
    re.compile = _compile_now

__all__ = ["yaml"]
