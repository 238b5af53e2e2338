"""kind: input. Problems found by readers and the engine itself (INP, SUP, LNT codes).

These rules detect nothing on their own: readers report them as Problems and the rule
entry gives them severity, message and documentation.
"""

from __future__ import annotations

from ..rules import Rule
from .base import Check, CompileContext

OPTIONS: frozenset[str] = frozenset()


def compile(rule: Rule, context: CompileContext) -> Check:
    return lambda record, scan: ()
