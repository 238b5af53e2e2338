"""PyYAML, imported without compiling its patterns.

PyYAML compiles about ten patterns as the package is imported: its resolver's tests for
implicit types (int, float, bool, null, timestamp ...), the timestamp constructor's, and
the pure-Python reader's test for non-printable characters (a character class of nearly
all of Unicode, 5 to 10 ms on its own, for a reader listlint does not use when libyaml's
C parser is there: readers/yaml_reader.py). Compiling them cost a pre-commit run on one
file about 6 ms. While the package is first imported each pattern is made a
compiled.LazyRegex: compiled when something first uses it, from the code an earlier run
kept (compiled.RegexMemo), so PyYAML works the same and a pattern never used is never
compiled.
"""

from __future__ import annotations

import re
from .compiled import LazyRegex

_compile_now = re.compile
re.compile = LazyRegex  # type: ignore[assignment]  # same arguments (pattern, flags) and answers
try:
    import yaml
finally:
    re.compile = _compile_now

__all__ = ["yaml"]
