"""Reporters: diagnostics to an output format, one module per format."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TextIO

from ..diagnostics import Diagnostic

FORMATS = ("text", "json")
Writer = Callable[[list[Diagnostic], dict[str, int], TextIO], None]


def writer(name: str) -> Writer:
    return import_module(f"{__name__}.{name}").write
