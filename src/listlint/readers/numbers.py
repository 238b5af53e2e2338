"""Numbers a listing file cannot hold as written, in the same words for YAML and JSON.

Python converts at most `sys.get_int_max_str_digits()` digits (4300) to an integer and
raises past that; a float past about 1.8e308 silently becomes infinity. Either way the
value checked would not be the value written, so the readers report it (INP001) at the
number instead.
"""

from __future__ import annotations

import math
import sys
from typing import Any

_SHOWN = 24  # characters of a long number quoted in a message


def digit_count(written: str) -> int:
    return sum(char.isdigit() for char in written)


def too_many_digits(written: str) -> str:
    """The problem of an integer with more digits than Python converts."""
    return (
        f"the number has {digit_count(written)} digits, more than the {sys.get_int_max_str_digits()} "
        "listlint reads; quote it if it is a code, or correct it"
    )


def overflowed(written: str, value: Any) -> bool:
    """Whether a number written with digits was read as infinity (`.inf` is written so on purpose)."""
    return isinstance(value, float) and math.isinf(value) and any(char.isdigit() for char in written)


def out_of_range(written: str) -> str:
    """The problem of a number too large (or too far below zero) for a float."""
    shown = written if len(written) <= _SHOWN else written[: _SHOWN - 3] + "..."
    return f"{shown} is outside the range of a floating-point number (about ±1.8e308) and would be read as infinity; correct it"
